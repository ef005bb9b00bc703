import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/actions-adapter/cache.ts
import * as cache from "../vendor/actions__cache.js";
var ActionsStateCache = class {
  description = "GitHub Actions cache";
  /** Whether the runner exposes the cache service (false outside Actions or on some GHES setups). */
  static available() {
    try {
      return cache.isFeatureAvailable();
    } catch {
      return false;
    }
  }
  async save(paths, key) {
    try {
      const id = await cache.saveCache(paths, key);
      return id !== -1;
    } catch (err) {
      if (err instanceof cache.ReserveCacheError && !(err instanceof cache.CacheWriteDeniedError)) return false;
      throw err;
    }
  }
  async restore(paths, primaryKey, restoreKeys) {
    return cache.restoreCache(paths, primaryKey, restoreKeys);
  }
};
function actionsStateCache() {
  return new ActionsStateCache();
}

export {
  ActionsStateCache,
  actionsStateCache
};
