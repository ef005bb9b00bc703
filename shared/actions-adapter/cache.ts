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
import { OperationError } from '../errors.js';
import type { StateCache } from '../slim-ci/state-cache.js';

const CACHE_HINT =
  'Production state was NOT saved, so pull requests keep comparing against the previous state. Re-run this job; if it keeps failing, check the repository\'s cache usage (Actions → Caches) and GitHub\'s status.';

/** The part of @actions/cache this adapter calls (the module itself in production). */
export type CacheApi = Pick<typeof cache, 'saveCache' | 'restoreCache' | 'isFeatureAvailable'>;

export class ActionsStateCache implements StateCache {
  readonly description = 'GitHub Actions cache';
  constructor(private readonly api: CacheApi = cache) {}

  /** Whether the runner exposes the cache service (false outside Actions or on some GHES setups). */
  static available(): boolean {
    try {
      return cache.isFeatureAvailable();
    } catch {
      return false;
    }
  }

  /**
   * False only when an entry with this key already exists (entries are
   * immutable). @actions/cache answers -1 both for "already exists" and for a
   * failed upload, so the key is looked up first: a -1 for a key that did not
   * exist is a failure, and is reported as one, never as "already present".
   */
  async save(paths: string[], key: string): Promise<boolean> {
    if (await this.api.restoreCache(paths.slice(), key, [], { lookupOnly: true })) return false;
    let id: number;
    try {
      id = await this.api.saveCache(paths, key);
    } catch (err) {
      if (err instanceof cache.ReserveCacheError && !(err instanceof cache.CacheWriteDeniedError)) return false; // saved by a concurrent job meanwhile
      throw new OperationError(`The GitHub Actions cache did not store ${key}: ${(err as Error).message}`, { hint: CACHE_HINT, cause: err });
    }
    if (id !== -1) return true;
    if (await this.api.restoreCache(paths.slice(), key, [], { lookupOnly: true })) return false; // a concurrent job saved it first
    throw new OperationError(`The GitHub Actions cache did not store ${key} (the cache service refused or failed; its warning is above).`, { hint: CACHE_HINT });
  }

  async restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined> {
    return this.api.restoreCache(paths, primaryKey, restoreKeys);
  }
}

export function actionsStateCache(): StateCache {
  return new ActionsStateCache();
}
