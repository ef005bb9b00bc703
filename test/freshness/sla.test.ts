/**
 * SLAs read from real manifests (source-level fields, `config` in newer
 * manifests, filters, quoting), dbt's verdict rule at its boundaries, the
 * guard on user SQL expressions, and timestamp parsing.
 */
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../shared/dbt/artifacts.js';
import { checkSqlExpression, parseTimestamp, selectSlas, verdictFor } from '../../shared/freshness/index.js';
import { describeShared, sharedPath } from '../helpers/fixtures.js';

describeShared('SLAs from real manifests', () => {
  it('flights (postgres, dbt 1.9): expression loaded_at_field and filter, sources without SLA skipped', async () => {
    const m = await loadManifest(sharedPath('dbt', 'flights-postgres-failures/c1-503c62c/manifest.json'));
    const { checked, skipped } = selectSlas(m, {});
    expect(checked.map((c) => c.name)).toEqual(['demo_src.boarding_passes', 'demo_src.bookings', 'demo_src.flights']);
    expect(checked[1]).toMatchObject({
      loadedAtField: 'book_date::timestamp',
      filter: 'current_timestamp::date - book_date::date < 30000',
      warnAfter: { count: 600000, period: 'hour' },
      errorAfter: { count: 10000, period: 'day' },
      relation: { database: 'dbt_course', schema: 'demo_src', identifier: 'bookings' },
    });
    expect(skipped).toHaveLength(5);
    expect(skipped[0]!.reason).toMatch(/no freshness SLA/);
  });

  it('dbt-core happy path (v12): SLA under config, quoting flags kept', async () => {
    const m = await loadManifest(sharedPath('dbt', 'dbt-core-compat/happy-path/manifest.json'));
    const [s] = selectSlas(m, {}).checked;
    expect(s).toMatchObject({ uniqueId: 'source.test.my_source.my_table', loadedAtField: 'column_name', filter: 'column_name = 1', warnAfter: { count: 1, period: 'minute' }, errorAfter: { count: 2, period: 'hour' } });
    expect(s!.relation).toMatchObject({ identifier: 'table_identifier', quoting: { database: true, schema: true, identifier: true } });
  });

  it('an override can remove an SLA or disable a source', async () => {
    const m = await loadManifest(sharedPath('dbt', 'aws-ecommerce-snowflake/c2-3827063/manifest.json'));
    const sel = selectSlas(m, { sources: { 'raw_ecommerce.orders': { 'warn-after': null, 'error-after': null }, 'source.aws_dbt_snowflake_project.raw_ecommerce.products': { enabled: false } } });
    expect(sel.checked.map((c) => c.name).sort()).toEqual(['raw_ecommerce.customers', 'raw_ecommerce.order_items']);
    expect(sel.skipped.map((s) => s.reason).sort()).toEqual(['disabled by the Slipway config', 'no freshness SLA (warn_after/error_after)']);
  });
});

describe('verdict rule (dbt: strictly greater than the threshold)', () => {
  const sla = { warnAfter: { count: 1, period: 'hour' as const }, errorAfter: { count: 1, period: 'day' as const } };
  it.each([
    [3600, 'pass'],
    [3601, 'warn'],
    [86400, 'warn'],
    [86401, 'error'],
  ])('%i s → %s', (age, want) => expect(verdictFor(age, sla).verdict).toBe(want));
  it('error-only SLA never warns', () => expect(verdictFor(80000, { errorAfter: sla.errorAfter }).verdict).toBe('pass'));
});

describe('user SQL expressions', () => {
  it.each([
    ['_LOADED_AT', undefined],
    ['book_date::timestamp', undefined],
    ["convert_timezone('UTC', _loaded_at)", undefined],
    ["status <> 'it''s; fine'", undefined],
    ['"Weird ""col"""', undefined],
    ['x) FROM t; DROP TABLE t; --', /unbalanced "\)"/],
    ['x; DROP TABLE t', /";"/],
    ['x -- comment', /"--" comment/],
    ['x /* c */', /"\/\*" comment/],
    ["'open", /unclosed string/],
    ['max((x)', /unbalanced "\("/],
    ['{{ var("ts") }}', /Jinja/],
    ['$$x$$', /dollar-quoted/],
    ['  ', /empty/],
  ])('%s', (expr, want) => {
    const r = checkSqlExpression(expr);
    if (want === undefined) expect(r).toBeUndefined();
    else expect(r).toMatch(want);
  });
});

describe('timestamps', () => {
  it.each([
    ['2024-06-12T23:34:44.781000+00:00', '2024-06-12T23:34:44.781Z'],
    ['2024-06-12 23:34:44.781', '2024-06-12T23:34:44.781Z'],
    ['2024-06-12 23:34:44+05:30', '2024-06-12T18:04:44.000Z'],
    ['2024-06-12 23:34:44.5-0800', '2024-06-13T07:34:44.500Z'],
    ['2024-06-12T23:34:44Z', '2024-06-12T23:34:44.000Z'],
    ['2024-06-12', '2024-06-12T00:00:00.000Z'],
  ])('%s', (text, iso) => expect(parseTimestamp(text)!.toISOString()).toBe(iso));
  it.each(['42', 'yesterday', '2024-13-01', '', null])('rejects %s', (text) => expect(parseTimestamp(text)).toBeUndefined());
});
