import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  OperationError
} from "./chunk-IZF6KDBA.js";

// shared/actions-adapter/cache.ts
import * as cache from "../vendor/actions__cache.js";
var CACHE_HINT = "Production state was NOT saved, so pull requests keep comparing against the previous state. Re-run this job; if it keeps failing, check the repository's cache usage (Actions → Caches) and GitHub's status.";
var ActionsStateCache = class {
  constructor(api = cache) {
    this.api = api;
  }
  api;
  description = "GitHub Actions cache";
  /** Whether the runner exposes the cache service (false outside Actions or on some GHES setups). */
  static available() {
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
  async save(paths, key) {
    if (await this.api.restoreCache(paths.slice(), key, [], { lookupOnly: true })) return false;
    let id;
    try {
      id = await this.api.saveCache(paths, key);
    } catch (err) {
      if (err instanceof cache.ReserveCacheError && !(err instanceof cache.CacheWriteDeniedError)) return false;
      throw new OperationError(`The GitHub Actions cache did not store ${key}: ${err.message}`, { hint: CACHE_HINT, cause: err });
    }
    if (id !== -1) return true;
    if (await this.api.restoreCache(paths.slice(), key, [], { lookupOnly: true })) return false;
    throw new OperationError(`The GitHub Actions cache did not store ${key} (the cache service refused or failed; its warning is above).`, { hint: CACHE_HINT });
  }
  async restore(paths, primaryKey, restoreKeys) {
    return this.api.restoreCache(paths, primaryKey, restoreKeys);
  }
};
function actionsStateCache() {
  return new ActionsStateCache();
}
export {
  ActionsStateCache,
  actionsStateCache
};
