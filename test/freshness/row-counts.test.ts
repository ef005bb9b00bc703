/**
 * Row-count anomalies: the rules on their own (relative change, robust band,
 * populated-to-zero, overrides, ignore list), then record/check against
 * ROW_COUNT_HISTORY on PGlite and the real PostgreSQL server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { loadManifest } from '../../shared/dbt/artifacts.js';
import {
  DEFAULT_ROW_COUNT_SETTINGS as D,
  judgeRowCount,
  judgeRowCounts,
  recordRowCounts,
  rowCountAnomalyCheck,
  measureRowCounts,
  countTargetsFromManifest,
  readHistory,
  rowCountMarkdown,
  parseFreshnessConfig,
} from '../../shared/freshness/index.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';
import { describeShared, sharedPath } from '../helpers/fixtures.js';

describe('row-count rules', () => {
  it('relative change against the last good value while history is short', () => {
    expect(judgeRowCount('m', 1100, [1000, 990], D)).toMatchObject({ verdict: 'pass', rule: 'relative-change', expected: { low: 500, high: 1500 } });
    const f = judgeRowCount('m', 400, [1000], D);
    expect(f).toMatchObject({ verdict: 'fail', rule: 'relative-change', observed: 400, expected: { low: 500, high: 1500 } });
    expect(f.message).toMatch(/-60\.0% from the last good 1,000, beyond the tolerance of ±50%/);
    expect(judgeRowCount('m', 400, [1000], { ...D, tolerance: 0.7 }).verdict).toBe('pass');
  });

  it('a populated table that goes to zero always fails, even with a huge tolerance', () => {
    const f = judgeRowCount('m', 0, [5], { ...D, tolerance: 100 });
    expect(f).toMatchObject({ verdict: 'fail', rule: 'populated-to-zero' });
    const many = judgeRowCount('m', 0, Array(20).fill(3), { ...D, sensitivity: 1000 });
    expect(many.rule).toBe('populated-to-zero');
  });

  it('a robust band (median ± k·MAD) once min-history points exist; one outlier in history does not move it', () => {
    const hist = [1000, 1010, 990, 1005, 995, 1002, 50_000, 998]; // newest first, one past incident
    const ok = judgeRowCount('m', 1004, hist, D);
    expect(ok).toMatchObject({ verdict: 'pass', rule: 'robust-band' });
    expect(ok.baseline.median).toBe(1001);
    const bad = judgeRowCount('m', 1300, hist, D);
    expect(bad).toMatchObject({ verdict: 'fail', rule: 'robust-band' });
    expect(bad.expected!.high).toBeLessThan(1300);
    expect(bad.expected!.low).toBeGreaterThan(900);
    // fewer points than min-history: still relative change (1300 is +30%: within ±50%)
    expect(judgeRowCount('m', 1300, hist, { ...D, minHistory: 9 })).toMatchObject({ verdict: 'pass', rule: 'relative-change' });
  });

  it('a constant table gets a band floor instead of a zero-width band', () => {
    const f = judgeRowCount('m', 1020, Array(10).fill(1000), D);
    expect(f).toMatchObject({ verdict: 'pass', rule: 'robust-band', expected: { low: 950, high: 1050 } });
    expect(judgeRowCount('m', 1100, Array(10).fill(1000), D).verdict).toBe('fail');
  });

  it('first count of a model has nothing to compare to', () => {
    expect(judgeRowCount('m', 7, [], D)).toMatchObject({ verdict: 'pass', rule: 'no-history' });
  });

  it('per-model overrides, globs and the ignore list', () => {
    const config = parseFreshnessConfig({
      'row-counts': { tolerance: 0.1, ignore: ['stg_*'], models: { 'fct_orders': { tolerance: 0.9 }, 'model.shop.dim_*': { enabled: false } } },
    })['row-counts'];
    const hist = new Map([
      ['model.shop.fct_orders', [100]],
      ['model.shop.fct_items', [100]],
      ['model.shop.stg_orders', [100]],
    ]);
    const r = judgeRowCounts({ 'model.shop.fct_orders': 150, 'model.shop.fct_items': 150, 'model.shop.stg_orders': 0, 'model.shop.dim_x': 0 }, hist, config);
    expect(r.ignored).toEqual(['model.shop.dim_x', 'model.shop.stg_orders']);
    expect(r.findings.map((f) => [f.model, f.verdict])).toEqual([
      ['model.shop.fct_items', 'fail'],
      ['model.shop.fct_orders', 'pass'],
    ]);
    expect(r.passed).toBe(false);
    expect(rowCountMarkdown(r)).toContain('| ❌ fail | `model.shop.fct_items` | 150 | 90–110 | relative-change |');
  });
});

describeShared('count targets from a real manifest', () => {
  it('airbnb: tables and incremental models, snapshot and seed; views and ephemerals skipped', async () => {
    const m = await loadManifest(sharedPath('dbt', 'airbnb-snowflake/c1-450b930/manifest.json'));
    const t = countTargetsFromManifest(m);
    const mats = Object.fromEntries(Object.values(m.nodes).filter((n) => ['model', 'seed', 'snapshot'].includes(n.resource_type)).map((n) => [n.unique_id, n.config?.materialized]));
    expect(t.length).toBeGreaterThan(0);
    for (const x of t) expect(['table', 'incremental', 'snapshot', 'seed']).toContain(mats[x.model]);
    expect(t.length).toBe(Object.values(mats).filter((v) => ['table', 'incremental', 'snapshot', 'seed'].includes(v as string)).length);
  });
});

function suite(name: string, open: () => Promise<{ wh: Warehouse; done: () => Promise<void> }>) {
  describe(`row-count history: ${name}`, () => {
    let wh: Warehouse;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ wh, done } = await open());
      await wh.query('CREATE SCHEMA analytics');
      await wh.query('CREATE TABLE analytics.fct_orders AS SELECT g AS id FROM generate_series(1, 1000) g');
      await wh.query('CREATE TABLE analytics.dim_customers AS SELECT g AS id FROM generate_series(1, 50) g');
      await wh.query('CREATE TABLE analytics.emptied (id int)');
    });
    afterAll(async () => done());

    const targets = [
      { model: 'model.shop.fct_orders', relation: { schema: 'analytics', identifier: 'fct_orders' } },
      { model: 'model.shop.dim_customers', relation: { schema: 'analytics', identifier: 'dim_customers' } },
      { model: 'model.shop.emptied', relation: { schema: 'analytics', identifier: 'emptied' } },
      { model: 'model.shop.missing', relation: { schema: 'analytics', identifier: 'missing' } },
    ];

    it('counts every model in one statement; a missing table is an error of its own', async () => {
      const r = await measureRowCounts(wh, targets);
      expect(Object.fromEntries(r.counts)).toEqual({ 'model.shop.fct_orders': 1000, 'model.shop.dim_customers': 50, 'model.shop.emptied': 0 });
      expect(r.errors.map((e) => e.model)).toEqual(['model.shop.missing']);
    });

    it('records history (creating SLIPWAY.ROW_COUNT_HISTORY), then flags drops, zeroes and band breaks', async () => {
      // before any history: no table yet, nothing to compare
      const first = await rowCountAnomalyCheck(wh, { environment: 'prod', counts: { 'model.shop.fct_orders': 1000 } });
      expect(first.passed).toBe(true);
      expect(first.details.report.findings[0]!.rule).toBe('no-history');
      // 8 days of good history
      for (let d = 8; d >= 1; d--) {
        await recordRowCounts(wh, {
          environment: 'prod',
          deployId: `deploy-${d}`,
          counts: { 'model.shop.fct_orders': 1000 - d * 5, 'model.shop.dim_customers': 50, 'model.shop.emptied': 10 },
          recordedAt: new Date(Date.now() - d * 86400_000).toISOString(),
        });
      }
      // an anomaly recorded as such never enters the baseline
      await recordRowCounts(wh, { environment: 'prod', counts: { 'model.shop.fct_orders': 99_999 }, anomalous: ['model.shop.fct_orders'] });
      // another environment is separate
      await recordRowCounts(wh, { environment: 'staging', counts: { 'model.shop.fct_orders': 3 } });
      const hist = await readHistory(wh, { environment: 'prod', models: ['model.shop.fct_orders'], window: 30 });
      expect(hist.get('model.shop.fct_orders')).toEqual([995, 990, 985, 980, 975, 970, 965, 960]);

      const { counts } = await measureRowCounts(wh, targets.slice(0, 3));
      const check = await rowCountAnomalyCheck(wh, { environment: 'prod', counts });
      expect(check.name).toBe('row-count anomalies');
      expect(check.passed).toBe(false);
      const by = Object.fromEntries(check.details.report.findings.map((f) => [f.model, f]));
      expect(by['model.shop.emptied']).toMatchObject({ verdict: 'fail', rule: 'populated-to-zero', observed: 0 });
      expect(by['model.shop.fct_orders']).toMatchObject({ verdict: 'pass', rule: 'robust-band', observed: 1000 });
      expect(by['model.shop.dim_customers']).toMatchObject({ verdict: 'pass', rule: 'robust-band' });
      expect(check.details.summary).toMatch(/1 anomalous/);

      const halved = await rowCountAnomalyCheck(wh, { environment: 'prod', counts: { 'model.shop.fct_orders': 500 } });
      expect(halved.details.report.findings[0]).toMatchObject({ verdict: 'fail', rule: 'robust-band' });
      const { rows } = await wh.query<{ n: number }>(`SELECT count(*)::int AS n FROM slipway.row_count_history`);
      expect(rows[0]!.n).toBe(8 * 3 + 2);
    });
  });
}

suite('PGlite (embedded)', async () => {
  const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  return { wh, done: () => wh.close() };
});

describePg('real PostgreSQL server', () => {
  suite('PostgreSQL', async () => {
    const db = await freshPgDatabase('rowcounts');
    return { wh: db.warehouse, done: db.drop };
  });
});

describe('pre-cutover hooks for the blue-green deploy (PGlite)', () => {
  let wh: PgliteWarehouse;
  beforeAll(async () => {
    wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
    await wh.query('CREATE SCHEMA "analytics__green"');
    await wh.query('CREATE TABLE "analytics__green"."fct_orders" AS SELECT g AS id FROM generate_series(1, 100) g');
    await wh.query('CREATE TABLE "analytics__green"."dim_users" (id int)');
    await wh.query('CREATE SCHEMA raw');
    await wh.query(`CREATE TABLE raw.orders AS SELECT now() - interval '2 days' AS loaded_at`);
  });
  afterAll(async () => wh.close());

  it('records after one deploy, then fails the next cutover when a table emptied; freshness as a deploy check', async () => {
    const { recordDeployRowCounts, rowCountAnomalyExtraCheck, freshnessExtraCheck } = await import('../../shared/freshness/index.js');
    const ctx = {
      warehouse: wh,
      environment: 'prod',
      deployId: 'd1',
      colour: 'green',
      previousColour: 'blue',
      schemas: [{ published: 'analytics', colourSchema: 'analytics__green', next: 'analytics__next', missing: [], models: [{ name: 'fct_orders', source: 'fct_orders', kind: 'table' }, { name: 'dim_users', source: 'dim_users', kind: 'table' }, { name: 'v', source: 'v', kind: 'view' }] }],
    } as any;
    await wh.query('INSERT INTO "analytics__green"."dim_users" VALUES (1), (2)');
    expect(await recordDeployRowCounts(ctx)).toEqual({ recorded: 2, errors: [] });
    await wh.query('TRUNCATE "analytics__green"."dim_users"');
    const res = await rowCountAnomalyExtraCheck()(ctx);
    expect(res).toMatchObject({ name: 'row-count-anomalies', status: 'fail' });
    expect((res as any).items).toEqual([expect.stringMatching(/^analytics\.dim_users \(populated-to-zero\): The table had 2 rows and now has none/)]);
    const manifest = {
      metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json' }, nodes: {}, macros: {}, exposures: {},
      sources: { 'source.s.raw.orders': { unique_id: 'source.s.raw.orders', resource_type: 'source', package_name: 's', name: 'orders', source_name: 'raw', schema: 'raw', identifier: 'orders', loaded_at_field: 'loaded_at', freshness: { error_after: { count: 1, period: 'day' } } } },
    } as any;
    const fr = await freshnessExtraCheck({ manifest })(ctx);
    expect(fr).toMatchObject({ name: 'source-freshness', status: 'fail' });
    expect((await freshnessExtraCheck()({ ...ctx, manifest: undefined }))).toMatchObject({ status: 'skip' });
  });
});
