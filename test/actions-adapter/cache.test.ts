/**
 * The GitHub Actions cache adapter tells "already saved" from "the cache
 * service failed": @actions/cache answers -1 for both, and save-state used to
 * say "already present" when nothing had been stored.
 */
import { describe, expect, it } from 'vitest';
import { ActionsStateCache, type CacheApi } from '../../shared/actions-adapter/cache.js';
import { OperationError } from '../../shared/errors.js';

/** @actions/cache as the service answers: entries by key, and a save that may fail the way the library reports it (-1). */
function service(opts: { failSave?: boolean; existing?: string[]; savedMeanwhile?: boolean }) {
  const entries = new Set(opts.existing ?? []);
  const api: CacheApi = {
    isFeatureAvailable: () => true,
    restoreCache: async (_paths, key) => (entries.has(key) ? key : undefined),
    saveCache: async (_paths, key) => {
      if (opts.savedMeanwhile) {
        entries.add(key);
        return -1;
      }
      if (opts.failSave) return -1;
      entries.add(key);
      return 42;
    },
  };
  return { api, entries };
}

describe('ActionsStateCache.save', () => {
  it('stores a new key', async () => {
    const { api, entries } = service({});
    expect(await new ActionsStateCache(api).save(['.slipway/state'], 'k1')).toBe(true);
    expect(entries.has('k1')).toBe(true);
  });
  it('says false (already present) only when the key exists', async () => {
    const { api } = service({ existing: ['k1'] });
    expect(await new ActionsStateCache(api).save(['.slipway/state'], 'k1')).toBe(false);
  });
  it('a -1 for a key that did not exist is a failure that says state was not saved', async () => {
    const { api } = service({ failSave: true });
    const err = await new ActionsStateCache(api).save(['.slipway/state'], 'k2').catch((e) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect(err.message).toMatch(/did not store k2/);
    expect(err.hint).toMatch(/NOT saved/);
  });
  it('a concurrent job that saved the same key first is not a failure', async () => {
    const { api } = service({ savedMeanwhile: true });
    expect(await new ActionsStateCache(api).save(['.slipway/state'], 'k3')).toBe(false);
  });
});
