/** The artifact loaders on every real dbt file in ../shared/fixtures/dbt. */
import { readdirSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, loadRunResults, loadSources, schemaVersion } from '../../shared/dbt/artifacts.js';
import { UserError } from '../../shared/errors.js';
import { describeShared, sharedFixtures, hasSharedFixtures } from '../helpers/fixtures.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describeShared('dbt artifacts: every real file in ../shared/fixtures/dbt', () => {
  const files = hasSharedFixtures ? walk(join(sharedFixtures, 'dbt')).filter((f) => f.endsWith('.json')) : [];
  const manifests = files.filter((f) => f.endsWith('manifest.json'));
  it('finds the fixture files', () => expect(files.length).toBeGreaterThan(40));
  for (const f of manifests) {
    const rel = relative(sharedFixtures, f);
    const old = /state\/v[123]\//.test(rel);
    it(`${old ? 'rejects' : 'loads'} ${rel}`, async () => {
      if (old) {
        await expect(loadManifest(f)).rejects.toThrow(/Slipway reads v4 to v12/);
      } else {
        const m = await loadManifest(f);
        expect(Object.keys(m.nodes).length).toBeGreaterThan(0);
        expect(schemaVersion(m.metadata)!.version).toBeGreaterThanOrEqual(4);
      }
    });
  }
  for (const f of files.filter((x) => x.endsWith('run_results.json'))) {
    it(`loads ${relative(sharedFixtures, f)}`, async () => {
      const r = await loadRunResults(f);
      expect(r.results.length).toBeGreaterThan(0);
    });
  }
  for (const f of files.filter((x) => x.endsWith('sources.json'))) {
    it(`loads ${relative(sharedFixtures, f)}`, async () => {
      const r = await loadSources(f);
      expect(r.results.every((x) => typeof x.unique_id === 'string')).toBe(true);
    });
  }
  it('says a run_results file is not a manifest', async () => {
    const rr = files.find((x) => x.endsWith('run_results.json'))!;
    await expect(loadManifest(rr)).rejects.toThrow(/run-results artifact, not a manifest/);
  });
});

describe('dbt artifacts: bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-art-'));
  it('missing file → how to produce it', async () => {
    const e = await loadManifest(join(dir, 'nope.json')).catch((x) => x);
    expect(e).toBeInstanceOf(UserError);
    expect(e.hint).toMatch(/dbt parse/);
  });
  it('malformed JSON → names the file', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"metadata": ');
    await expect(loadManifest(join(dir, 'bad.json'))).rejects.toThrow(/bad.json is not valid JSON/);
  });
  it('future schema version → upgrade hint', async () => {
    writeFileSync(join(dir, 'v99.json'), JSON.stringify({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v99.json' }, nodes: {} }));
    await expect(loadManifest(join(dir, 'v99.json'))).rejects.toThrow(/v99/);
  });
});
