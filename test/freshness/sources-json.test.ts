/**
 * Freshness from real `sources.json` files written by `dbt source freshness`
 * (../shared/fixtures/dbt): warn, error and pass cases, with and without the
 * matching manifest, plus files from another project.
 */
import { describe, expect, it } from 'vitest';
import { loadManifest, loadSources } from '../../shared/dbt/artifacts.js';
import { freshnessFromSourcesJson, freshnessMarkdown, parseFreshnessConfig, freshnessCheck } from '../../shared/freshness/index.js';
import { describeShared, sharedPath } from '../helpers/fixtures.js';

const dbt = (...p: string[]) => sharedPath('dbt', ...p);

describeShared('freshness from real sources.json', () => {
  it('airbnb c1: one source in warn (7.7 h old, warn after 1 h) passes the gate at fail-on error', async () => {
    const sources = await loadSources(dbt('airbnb-snowflake/c1-450b930/sources.json'));
    const manifest = await loadManifest(dbt('airbnb-snowflake/c1-450b930/manifest.json'));
    const r = freshnessFromSourcesJson({ sources, manifest });
    expect(r.results).toHaveLength(1);
    const s = r.results[0]!;
    expect(s).toMatchObject({ uniqueId: 'source.airbnb.airbnb.reviews', name: 'airbnb.reviews', verdict: 'warn', warnAfter: { count: 1, period: 'hour' }, errorAfter: { count: 24, period: 'hour' }, threshold: { count: 1, period: 'hour' } });
    expect(s.ageSeconds).toBeCloseTo(27560.348, 0);
    expect(r.passed).toBe(true);
    expect(r.verdict).toBe('warn');
    // listings and hosts have no SLA in dbt: skipped, and said so
    expect(r.skipped.map((x) => x.name).sort()).toEqual(['airbnb.hosts', 'airbnb.listings']);
    expect(freshnessFromSourcesJson({ sources, manifest, failOn: 'warn' })).toMatchObject({ passed: false, failingCount: 1, verdict: 'fail' });
  });

  it('airbnb2 c0: a source 750 days old is an error and fails the gate', async () => {
    const sources = await loadSources(dbt('airbnb2-snowflake/c0-a53793f/sources.json'));
    const manifest = await loadManifest(dbt('airbnb2-snowflake/c1-1b90235/manifest.json'));
    const r = freshnessFromSourcesJson({ sources, manifest });
    expect(r.passed).toBe(false);
    expect(r.results[0]).toMatchObject({ verdict: 'error', threshold: { count: 24, period: 'hour' }, failing: true });
    expect(r.results[0]!.message).toMatch(/Stale: last loaded 750\.3d ago, more than the error threshold of 24 hours/);
  });

  it('aws-ecommerce: c1 all pass, c2 all warn — the same verdicts dbt wrote', async () => {
    for (const [dir, want] of [['c1-dc505ed', 'pass'], ['c2-3827063', 'warn']] as const) {
      const sources = await loadSources(dbt('aws-ecommerce-snowflake', dir, 'sources.json'));
      const manifest = await loadManifest(dbt('aws-ecommerce-snowflake', dir, 'manifest.json'));
      const r = freshnessFromSourcesJson({ sources, manifest });
      expect(r.results).toHaveLength(4);
      expect(new Set(r.results.map((x) => x.verdict))).toEqual(new Set([want]));
      for (const res of sources.results) expect(r.results.find((x) => x.uniqueId === res.unique_id)!.verdict).toBe(res.status);
      expect(r.passed).toBe(true);
      expect(r.notes).toEqual([]);
    }
  });

  it('without a manifest, uses the criteria dbt wrote in the file', async () => {
    const sources = await loadSources(dbt('aws-ecommerce-snowflake/c2-3827063/sources.json'));
    const r = freshnessFromSourcesJson({ sources });
    expect(r.results.map((x) => x.verdict)).toEqual(['warn', 'warn', 'warn', 'warn']);
    expect(r.results[0]!.warnAfter).toEqual({ count: 12, period: 'hour' });
  });

  it('a sources.json from another project: every result is a runtime error, every SLA source is unmeasured, the gate fails closed', async () => {
    const sources = await loadSources(dbt('airbnb-snowflake/c1-450b930/sources.json'));
    const manifest = await loadManifest(dbt('aws-ecommerce-snowflake/c2-3827063/manifest.json'));
    const r = freshnessFromSourcesJson({ sources, manifest });
    expect(r.passed).toBe(false);
    expect(r.counts.runtimeError).toBe(5);
    const foreign = r.results.find((x) => x.uniqueId === 'source.airbnb.airbnb.reviews')!;
    expect(foreign.message).toMatch(/not a source of this project's manifest \(aws_dbt_snowflake_project\)/);
    const missing = r.results.find((x) => x.uniqueId === 'source.aws_dbt_snowflake_project.raw_ecommerce.orders')!;
    expect(missing).toMatchObject({ verdict: 'runtime error' });
    expect(missing.message).toMatch(/No result for this source in sources\.json/);
    expect(r.notes.join(' ')).toMatch(/dbt 1\.8\.2 but the manifest by dbt 1\.11\.7/);
  });

  it('overrides from the Slipway config change the SLA; ignore skips a source', async () => {
    const sources = await loadSources(dbt('aws-ecommerce-snowflake/c2-3827063/sources.json'));
    const manifest = await loadManifest(dbt('aws-ecommerce-snowflake/c2-3827063/manifest.json'));
    const config = parseFreshnessConfig({
      sources: { 'raw_ecommerce.*': { 'warn-after': '20h' }, 'raw_ecommerce.orders': { 'error-after': { count: 10, period: 'hour' } } },
      ignore: ['source.aws_dbt_snowflake_project.raw_ecommerce.customers'],
    });
    const r = freshnessFromSourcesJson({ sources, manifest, config });
    expect(r.skipped.map((s) => s.name)).toEqual(['raw_ecommerce.customers']);
    const by = Object.fromEntries(r.results.map((x) => [x.name, x.verdict]));
    expect(by).toEqual({ 'raw_ecommerce.orders': 'error', 'raw_ecommerce.products': 'pass', 'raw_ecommerce.order_items': 'pass' });
    expect(r.results[0]!.name).toBe('raw_ecommerce.orders'); // worst first
  });

  it('evaluate-at now judges the age against the current time (an old file is no proof of freshness)', async () => {
    const sources = await loadSources(dbt('aws-ecommerce-snowflake/c1-dc505ed/sources.json'));
    const r = freshnessFromSourcesJson({ sources, evaluateAt: 'now', now: new Date('2027-01-01T00:00:00Z') });
    expect(r.results.every((x) => x.verdict === 'error')).toBe(true);
  });

  it('freshnessCheck returns { name, passed, details } for a pre-cutover hook, and the summary table is worst first', async () => {
    const sources = await loadSources(dbt('airbnb2-snowflake/c0-a53793f/sources.json'));
    const out = await freshnessCheck(undefined, { mode: 'sources-json', sources });
    expect(out.name).toBe('source freshness');
    expect(out.passed).toBe(false);
    expect(out.details.summary).toMatch(/failed/);
    const md = freshnessMarkdown(out.details.report);
    expect(md).toContain('| ❌ error | `airbnb.reviews` | 750.3d | 1 hour | 24 hours |');
  });
});

describe('freshness config validation', () => {
  it('names the key that is wrong', () => {
    expect(() => parseFreshnessConfig({ 'fail-on': 'sometimes' })).toThrow(/fail-on: /);
    expect(() => parseFreshnessConfig({ sources: { 'raw.orders': { 'warn-after': '12 fortnights' } } })).toThrow(/sources\."raw\.orders"\.warn-after: write a duration like 30m, 12h or 2d/);
    expect(() => parseFreshnessConfig({ 'row-counts': { 'min-histroy': 3 } })).toThrow(/row-counts: unknown key\(s\) 'min-histroy'/);
    expect(() => parseFreshnessConfig({ 'row-counts': { tolerance: -1 } })).toThrow(/row-counts\.tolerance/);
  });
  it('accepts durations, objects and null', () => {
    const c = parseFreshnessConfig({ sources: { a: { 'warn-after': '90 minutes', 'error-after': null }, b: { 'error-after': { count: 2, period: 'day' } } } });
    expect(c.sources!.a!['warn-after']).toEqual({ count: 90, period: 'minute' });
    expect(c.sources!.a!['error-after']).toBeNull();
    expect(parseFreshnessConfig(null)).toEqual({});
  });
});
