/**
 * `state:modified+` on every real manifest pair in ../shared/fixtures/dbt,
 * with the outcomes SOURCES.md and the spec describe.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadManifest, loadRunResults, loadSources, type Manifest } from '../../shared/dbt/artifacts.js';
import { loadStateDir, selectNodes } from '../../shared/dbt/selection/index.js';
import { UserError } from '../../shared/errors.js';
import { describeShared, sharedPath } from '../helpers/fixtures.js';

const dbt = (...p: string[]) => sharedPath('dbt', ...p);
const cache = new Map<string, Promise<Manifest>>();
const load = (dir: string): Promise<Manifest> => {
  if (!cache.has(dir)) cache.set(dir, loadManifest(dbt(dir, 'manifest.json')));
  // each test gets its own copy: selection never mutates, but be safe
  return cache.get(dir)!;
};
const pair = async (from: string, to: string, extra: Record<string, unknown> = {}) => selectNodes({ state: await load(from), manifest: await load(to), ...extra });
const reasonCounts = (modified: Record<string, string[]>) => {
  const out: Record<string, number> = {};
  for (const rs of Object.values(modified)) for (const r of rs) out[r] = (out[r] ?? 0) + 1;
  return out;
};

describeShared('real manifest pairs: state:modified+', () => {
  it('airbnb c1→c2: a project-level post-hook is a config change on all 8 models', async () => {
    const r = await pair('airbnb-snowflake/c1-450b930', 'airbnb-snowflake/c2-4b7dec3');
    expect(Object.keys(r.modified)).toHaveLength(8);
    expect(Object.values(r.modified).every((x) => x.length === 1 && x[0] === 'configs')).toBe(true);
    expect(Object.keys(r.modified).every((id) => id.startsWith('model.airbnb.'))).toBe(true);
    expect(r.direct).toEqual(Object.keys(r.modified));
    expect(r.selected.filter((x) => x.startsWith('test.'))).toHaveLength(8);
    expect(r.selected).toHaveLength(16);
  });
  it('airbnb c2→c3 and c3→c4 add unused macros: nothing selected; c4→c5 no change', async () => {
    for (const [a, b] of [
      ['airbnb-snowflake/c2-4b7dec3', 'airbnb-snowflake/c3-0e2398e'],
      ['airbnb-snowflake/c3-0e2398e', 'airbnb-snowflake/c4-344165c'],
      ['airbnb-snowflake/c4-344165c', 'airbnb-snowflake/c5-59bb1f4'],
    ]) {
      const r = await pair(a!, b!);
      expect(r.selected).toEqual([]);
      expect(r.modified).toEqual({});
    }
  });
  it('airbnb2 c1→c2: one model body change plus two new tests', async () => {
    const r = await pair('airbnb2-snowflake/c1-1b90235', 'airbnb2-snowflake/c2-bb6a2d2');
    const body = Object.entries(r.modified).filter(([, v]) => v.includes('body'));
    expect(body).toHaveLength(1);
    expect(body[0]![0]).toMatch(/^model\./);
    const added = Object.entries(r.modified).filter(([, v]) => v.includes('new')).map(([k]) => k);
    expect(added).toHaveLength(2);
    expect(added.every((id) => id.startsWith('test.'))).toBe(true);
    expect(r.selected.length).toBeGreaterThanOrEqual(3);
  });
  it('aws-ecommerce c1→c2: 3 singular tests moved to a subfolder and tagged', async () => {
    const r = await pair('aws-ecommerce-snowflake/c1-dc505ed', 'aws-ecommerce-snowflake/c2-3827063');
    expect(Object.keys(r.modified)).toHaveLength(3);
    expect(Object.keys(r.modified).every((id) => id.startsWith('test.'))).toBe(true);
    for (const reasons of Object.values(r.modified)) expect(reasons).toContain('fqn');
    expect(r.selected).toEqual(Object.keys(r.modified));
  });
  it('tuva c1→c2: docs node_color is a compared config key on 380 nodes', async () => {
    const r = await pair('tuva-snowflake/c1-8cecb3c2', 'tuva-snowflake/c2-54359dea');
    expect(reasonCounts(r.modified)).toEqual({ configs: 380 });
    // path-mode (>1 MiB) seeds: same path on both sides, never modified, with a warning
    expect(r.warnings.filter((w) => w.code === 'seed-size')).toHaveLength(6);
  });
  it('tuva c0 (dbt 1.7.8, v11) → c1 (dbt 1.4.9, v8): no access/contract false positives across versions', async () => {
    const r = await pair('tuva-snowflake/c0-3f957cd2', 'tuva-snowflake/c1-8cecb3c2');
    const counts = reasonCounts(r.modified);
    expect(counts.access ?? 0).toBe(0);
    expect(counts.contract ?? 0).toBe(0);
    expect(counts.configs ?? 0).toBe(0);
    expect(Object.keys(r.modified).length).toBeLessThan(60); // 297 models: a real one-day diff, not everything
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['dbt-version', 'cross-version']));
  });
  it('hubspot c1→c2: macro refactor and dbt patch upgrade are reported as macros', async () => {
    const r = await pair('hubspot-postgres/c1-38114c7', 'hubspot-postgres/c2-be3a903');
    const counts = reasonCounts(r.modified);
    expect(counts.macros).toBeGreaterThan(0);
    expect(counts.configs).toBe(56); // the integration-test seeds' Jinja column_types
    expect(Object.keys(r.modified).filter((id) => r.modified[id]!.includes('configs')).every((id) => id.startsWith('seed.'))).toBe(true);
    expect(r.warnings.some((w) => w.code === 'dbt-version')).toBe(true);
  });
  it('flipside v4 c1→c2: 2 external sources differ, 42 new resources', async () => {
    const r = await pair('flipside-ethereum-snowflake/c1-46ada34b', 'flipside-ethereum-snowflake/c2-14a6bbbb');
    const external = Object.entries(r.modified).filter(([, v]) => v.includes('external'));
    expect(external).toHaveLength(2);
    expect(external.every(([id]) => id.startsWith('source.'))).toBe(true);
    expect(reasonCounts(r.modified).new).toBe(42);
  });
  it('a manifest against itself selects nothing (every fixture, every schema version)', async () => {
    for (const dir of [
      'jaffle-shop-versions/v10',
      'jaffle-shop-versions/v11',
      'jaffle-shop-versions/v12-dbt1.8',
      'jaffle-shop-versions/v12-dbt1.12',
      'dbt-core-compat/happy-path',
      'flights-postgres-failures/c1-503c62c',
      'dbt-core-compat/state/v4',
    ]) {
      const m = await load(dir);
      const r = selectNodes({ manifest: m, state: m });
      expect(r.selected, dir).toEqual([]);
    }
  });
});

describeShared('dbt-core compatibility state manifests v1–v12', () => {
  let current: Manifest;
  beforeAll(async () => {
    current = await load('dbt-core-compat/state/v12');
  });
  it('v1–v3 are rejected with a UserError naming the version', async () => {
    for (const v of [1, 2, 3]) {
      await expect(loadStateDir(dbt('dbt-core-compat', 'state', `v${v}`))).rejects.toThrow(UserError);
      await expect(loadStateDir(dbt('dbt-core-compat', 'state', `v${v}`))).rejects.toThrow(new RegExp(`schema v${v} \\(written by dbt [\\d.]+\\); Slipway reads v4 to v12`));
    }
  });
  it('v4–v11 states compared with the v12 manifest: the model is never modified by the upgrade alone', async () => {
    for (let v = 4; v <= 12; v++) {
      const { manifest: state } = await loadStateDir(dbt('dbt-core-compat', 'state', `v${v}`, 'manifest.json'));
      const r = selectNodes({ manifest: current, state });
      expect(r.modified['model.test.my_model'], `v${v}`).toBeUndefined();
      const counts = reasonCounts(r.modified);
      expect(counts.access ?? 0, `v${v}`).toBe(0);
      expect(counts.contract ?? 0, `v${v}`).toBe(0);
      if (v === 10 || v === 11) {
        // only the snapshot's test-generated target_schema differs between the fixture runs
        expect(Object.keys(r.modified), `v${v}`).toEqual(['snapshot.test.snapshot_seed']);
      }
    }
  });
  it('run_results v4–v6 load for result:', async () => {
    for (const v of [4, 5, 6]) {
      const rr = await loadRunResults(dbt('dbt-core-compat', 'results', `v${v}`, 'run_results.json'));
      const r = selectNodes({ manifest: current, stateRunResults: rr, select: ['result:success'], indirectSelection: 'empty' });
      expect(r.selected.length, `v${v}`).toBeGreaterThan(0);
    }
  });
});

describeShared('result: and source_status: on real artifacts', () => {
  it('airbnb2 c2 run_results: result:error+ and result:skipped', async () => {
    const m = await load('airbnb2-snowflake/c2-bb6a2d2');
    const rr = await loadRunResults(dbt('airbnb2-snowflake', 'c2-bb6a2d2', 'run_results.json'));
    const errs = rr.results.filter((x) => x.status === 'error').map((x) => x.unique_id);
    const r = selectNodes({ manifest: m, stateRunResults: rr, select: ['result:error'], indirectSelection: 'empty' });
    expect(r.selected).toEqual(errs.sort());
    const plus = selectNodes({ manifest: m, stateRunResults: rr, select: ['result:error+'] });
    expect(plus.selected.length).toBeGreaterThan(r.selected.length);
    expect(selectNodes({ manifest: m, stateRunResults: rr, select: ['result:skipped'] }).selected.length).toBeGreaterThan(0);
  });
  it('flights build with two errors: loadStateDir picks up run_results.json beside the manifest', async () => {
    const st = await loadStateDir(dbt('flights-postgres-failures', 'c1-503c62c'));
    expect(st.runResults).toBeDefined();
    const r = selectNodes({ manifest: st.manifest, state: st.manifest, stateRunResults: st.runResults, select: ['result:error'], indirectSelection: 'empty' });
    expect(r.selected).toHaveLength(2);
  });
  it('aws sources.json pair: equal max_loaded_at → nothing fresher; moved forward (synthetic) → fresher', async () => {
    const m = await load('aws-ecommerce-snowflake/c2-3827063');
    const prev = await loadSources(dbt('aws-ecommerce-snowflake', 'c1-dc505ed', 'sources.json'));
    const cur = await loadSources(dbt('aws-ecommerce-snowflake', 'c2-3827063', 'sources.json'));
    expect(selectNodes({ manifest: m, stateSources: prev, currentSources: cur, select: ['source_status:fresher'] }).selected).toEqual([]);
    // synthetic: one source's max_loaded_at moved forward by an hour
    const moved = structuredClone(cur);
    const first = moved.results[0]!;
    first.max_loaded_at = new Date(Date.parse(first.max_loaded_at!) + 3_600_000).toISOString();
    const r = selectNodes({ manifest: m, stateSources: prev, currentSources: moved, select: ['source_status:fresher+'] });
    expect(r.direct).toEqual([first.unique_id]);
    expect(r.selected.length).toBeGreaterThan(1);
  });
});
