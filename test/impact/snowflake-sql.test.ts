/**
 * Every Snowflake statement of the impact report parses with Debian's
 * `sqlfluff parse --dialect snowflake`: the compare statement in each shape
 * (keyed / unkeyed, composite key, event_time window, narrowed window, type
 * changes compared as text), samples, describe, session setup and the query
 * history receipt. Plus the pure parts: fail-on parsing and the PR tag.
 */
import { describe, expect, it } from 'vitest';
import { compareStatement, impactDialect, sampleStatement, type CompareSpec } from '../../shared/dialects/impact.js';
import { UserError } from '../../shared/errors.js';
import { parseFailOn, prTag } from '../../shared/impact/index.js';
import { describeSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';

const sf = impactDialect('snowflake');
const col = (name: string, asText = false) => ({ prod: name, pr: name, asText });
const prod = { database: 'ANALYTICS', schema: 'PROD', name: 'ORDERS' };
const pr = { database: 'ANALYTICS_CI', schema: 'PR_42', name: 'ORDERS' };

const specs: Record<string, CompareSpec> = {
  // (sqlfluff's Snowflake grammar rejects "" inside a quoted identifier, which Snowflake accepts: that escape is checked below, not parsed)
  keyed: { prod, pr, key: [col('ORDER_ID')], columns: [col('AMOUNT'), col('QUANTITY', true), col('Mixed Case col')] },
  composite: { prod, pr, key: [col('ORDER_ID'), col('LINE', true)], columns: [col('AMOUNT')] },
  unkeyed: { prod, pr, columns: [col('STATUS'), col('REVENUE')] },
  window: { prod, pr, key: [col('EVENT_ID')], columns: [col('KIND')], eventTime: { prod: 'EVENT_AT', pr: 'EVENT_AT' } },
  narrowed: { prod, pr, key: [col('EVENT_ID')], columns: [col('KIND')], eventTime: { prod: 'EVENT_AT', pr: 'EVENT_AT' }, lookbackDays: 7 },
  noColumns: { prod, pr, key: [col('ID')], columns: [] },
};

describeSqlfluff('impact SQL for Snowflake parses with sqlfluff', () => {
  it('every statement shape', () => {
    const stmts = [
      ...Object.entries(specs).map(([k, s]) => compareStatement(sf, s, k).sql),
      sampleStatement(sf, { ...specs.keyed!, showColumns: [true, true, false], showKey: true, limit: 10 }, 'keyed').sql,
      sampleStatement(sf, { ...specs.narrowed!, showColumns: [true], showKey: false, limit: 5 }, 'narrowed').sql,
      sf.describe([prod, pr, { schema: 'NO_DB', name: 'T' }]).sql,
      ...sf.sessionSetup({ timeoutSeconds: 300, tag: "slipway:repo:pr42:run7 'quoted'" }).map((s) => s.sql),
      sf.queryHistory!('slipway:repo:pr42:run7').sql,
    ];
    expect(unparsableSnowflake(stmts)).toEqual([]);
  }, 900_000); // sqlfluff takes minutes for these statements on a busy machine
});

describe('impact SQL shape', () => {
  it('is one statement per model whatever the column count, with identifiers quoted', () => {
    const wide: CompareSpec = { prod, pr, key: [col('ID')], columns: Array.from({ length: 200 }, (_, i) => col(`C${i}`)) };
    const s = compareStatement(sf, wide, 'wide').sql;
    expect(s.match(/^WITH /gm)).toHaveLength(1);
    expect(s).toContain('"ANALYTICS_CI"."PR_42"."ORDERS"');
    expect(compareStatement(sf, { ...specs.keyed!, columns: [col('My "odd" col')] }, 'k').sql).toContain('"t"."My ""odd"" col"');
    expect(compareStatement(sf, specs.keyed!, 'k').sql).toContain('TO_VARCHAR("t"."QUANTITY")');
  });
  it('samples never select a hidden column into the output', () => {
    const s = sampleStatement(sf, { ...specs.keyed!, showColumns: [true, false, false], showKey: false, limit: 3 }, 'k').sql;
    const select = s.slice(s.indexOf('SELECT CASE'), s.indexOf('FROM (SELECT'));
    expect(select).toContain('"b0"');
    expect(select).not.toMatch(/"b1"|"b2"|"k0"/);
    expect(s).toMatch(/LIMIT 3$/);
  });
});

describe('fail-on and the PR tag', () => {
  it('parses rules and refuses unknown or malformed ones with a fix', () => {
    expect(parseFailOn('duplicate-keys, row-loss=5 removed-columns-used')).toEqual({ duplicateKeys: true, rowLossPct: 5, removedColumnsUsed: true });
    expect(parseFailOn(['null-keys', 'row-loss:2.5%'])).toEqual({ nullKeys: true, rowLossPct: 2.5 });
    expect(parseFailOn('none')).toEqual({});
    expect(() => parseFailOn('dupes')).toThrow(UserError);
    expect(() => parseFailOn('dupes')).toThrow(/Unknown fail-on rule 'dupes'/);
    expect(() => parseFailOn('row-loss=150')).toThrow(/between 0 and 100/);
  });
  it('derives a tag of at most 63 characters from the GitHub run, or takes SLIPWAY_QUERY_TAG', () => {
    expect(prTag({ GITHUB_REF: 'refs/pull/42/merge', GITHUB_RUN_ID: '123', GITHUB_REPOSITORY: 'acme/shop' })).toBe('slipway:shop:pr42:run123');
    expect(prTag({ GITHUB_RUN_ID: '9', GITHUB_RUN_ATTEMPT: '2', GITHUB_REPOSITORY: 'acme/shop' })).toBe('slipway:shop:run9.2');
    expect(prTag({ SLIPWAY_QUERY_TAG: 'x'.repeat(100) })).toHaveLength(63);
    expect(prTag({})).toBeUndefined();
  });
});
