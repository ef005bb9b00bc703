/**
 * The GitHub Actions cache behind the StateCache port. This is the only file
 * in Slipway that imports @actions/cache.
 *
 * Note for callers: @actions/cache derives an entry's version from the list of
 * paths, so save and restore must pass the very same path strings (Slipway
 * uses the fixed relative folder `.slipway/state`, resolved from the
 * workspace).
 */
import * as cache from '@actions/cache';
import type { StateCache } from '../slim-ci/state-cache.js';

export class ActionsStateCache implements StateCache {
  readonly description = 'GitHub Actions cache';

  /** Whether the runner exposes the cache service (false outside Actions or on some GHES setups). */
  static available(): boolean {
    try {
      return cache.isFeatureAvailable();
    } catch {
      return false;
    }
  }

  async save(paths: string[], key: string): Promise<boolean> {
    try {
      const id = await cache.saveCache(paths, key);
      return id !== -1;
    } catch (err) {
      // An existing key is not an error for us: entries are immutable.
      if (err instanceof cache.ReserveCacheError && !(err instanceof cache.CacheWriteDeniedError)) return false;
      throw err;
    }
  }

  async restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined> {
    return cache.restoreCache(paths, primaryKey, restoreKeys);
  }
}

export function actionsStateCache(): StateCache {
  return new ActionsStateCache();
}
