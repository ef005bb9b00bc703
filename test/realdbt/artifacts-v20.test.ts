/**
 * dbt v2 artifacts (issue 12, item 7): manifest v20 — documented by dbt Labs as
 * identical to v12 — is read as v12; fields a newer dbt adds to run_results /
 * sources (e.g. `static_analysis_off_reason`) are carried, not refused; an
 * unknown future major is a clear error naming the version. Real artifacts
 * from ../shared/fixtures, relabelled / extended in a temp folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.js';
import { loadManifest, loadRunResults, loadSources, parseManifest, schemaVersion } from '../../shared/dbt/artifacts.js';
import { selectNodes } from '../../shared/dbt/selection/index.js';
import { freshnessFromSourcesJson } from '../../shared/freshness/freshness.js';
import { renderReport } from '../../shared/slim-ci/report.js';
import { describeShared, sharedPath } from '../helpers/fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'slipway-v20-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function rewrite(src: string, name: string, edit: (doc: any) => void): string {
  const doc = JSON.parse(readFileSync(src, 'utf8'));
  edit(doc);
  const out = join(tmp, name);
  writeFileSync(out, JSON.stringify(doc));
  return out;
}

describeShared('dbt v2 artifacts', () => {
  const STATE = sharedPath('dbt', 'hubspot-postgres', 'c1-38114c7', 'manifest.json');
  const CURRENT = sharedPath('dbt', 'hubspot-postgres', 'c2-be3a903', 'manifest.json');

  it('manifest v20 is read as v12: the same selection, no version-drift warning against a v12 manifest', async () => {
    const v20 = rewrite(STATE, 'manifest-v20.json', (d) => {
      d.metadata.dbt_schema_version = 'https://schemas.getdbt.com/dbt/manifest/v20.json';
      d.metadata.dbt_version = '2.0.0-preview.45';
      for (const n of Object.values(d.nodes as Record<string, any>)) n.static_analysis_off_reason = null; // a field v12 readers never saw
    });
    const state20 = await loadManifest(v20);
    expect(schemaVersion(state20.metadata)).toEqual({ kind: 'manifest', version: 12, declared: 20 });
    const state12 = await loadManifest(STATE);
    const current = await loadManifest(CURRENT);
    const a = selectNodes({ manifest: current, state: state12, select: ['state:modified+'] });
    const b = selectNodes({ manifest: current, state: state20, select: ['state:modified+'] });
    expect(a.selected.length).toBeGreaterThan(0);
    expect([...b.selected].sort()).toEqual([...a.selected].sort());
    expect(b.modified).toEqual(a.modified);
    expect((b.warnings ?? []).map((w) => w.message).filter((m) => /manifest v/.test(m))).toEqual([]);
  });

  it('run_results with unknown fields (static_analysis_off_reason, …) is read and reported as before', async () => {
    const src = sharedPath('dbt', 'jaffle-shop-versions', 'v12-dbt1.11', 'run_results.json');
    const extra = rewrite(src, 'run_results-extra.json', (d) => {
      d.metadata.some_new_metadata = { x: 1 };
      for (const r of d.results) {
        r.static_analysis_off_reason = 'unsupported_dialect';
        r.batch_results = null;
      }
    });
    const plain = await loadRunResults(src);
    const rr = await loadRunResults(extra);
    expect(rr.results.map((r) => [r.unique_id, r.status])).toEqual(plain.results.map((r) => [r.unique_id, r.status]));
    expect(rr.results[0]!.static_analysis_off_reason).toBe('unsupported_dialect');
    const manifest = await loadManifest(sharedPath('dbt', 'jaffle-shop-versions', 'v12-dbt1.11', 'manifest.json'));
    const input = { stateTarget: 'prod', state: { source: 'cache' as const, description: 'cache', warnings: [] }, manifest, selected: [], modified: {}, toRun: [], fullBuild: false, nothingToBuild: false, dbtExitCode: 0 };
    expect(renderReport({ ...input, runResults: rr })).toBe(renderReport({ ...input, runResults: plain }));
  });

  it('sources.json with unknown fields gives the same freshness verdicts', async () => {
    const src = sharedPath('dbt', 'airbnb2-snowflake', 'c0-a53793f', 'sources.json');
    const extra = rewrite(src, 'sources-extra.json', (d) => {
      for (const r of d.results) r.static_analysis_off_reason = null;
      d.metadata.invocation_started_at ??= d.metadata.generated_at;
    });
    const now = new Date('2030-01-01T00:00:00Z');
    const a = freshnessFromSourcesJson({ sources: await loadSources(src), now });
    const b = freshnessFromSourcesJson({ sources: await loadSources(extra), now });
    expect(a.results.length).toBeGreaterThan(0);
    expect(b.verdict).toBe(a.verdict);
    expect(b.results.map((r) => [r.uniqueId, r.verdict, r.ageSeconds])).toEqual(a.results.map((r) => [r.uniqueId, r.verdict, r.ageSeconds]));
  });

  it('an unknown future major is a clear error naming the version and the dbt that wrote it', async () => {
    const v21 = rewrite(STATE, 'manifest-v21.json', (d) => {
      d.metadata.dbt_schema_version = 'https://schemas.getdbt.com/dbt/manifest/v21.json';
      d.metadata.dbt_version = '2.3.0';
    });
    const err = await loadManifest(v21).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/manifest schema v21 \(written by dbt 2\.3\.0\); Slipway reads v4 to v12 and v20 \(= v12\)/);
    expect(err.hint).toMatch(/upgrade Slipway/);
    expect(() => parseManifest({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v13.json' } })).toThrow(/v13/);
  });
});
