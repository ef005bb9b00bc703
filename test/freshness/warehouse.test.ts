/**
 * Warehouse mode on embedded PGlite and on the real PostgreSQL server: tables
 * loaded with rows of known age (now() - interval), one statement for all
 * sources, and bad sources isolated as per-source runtime errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import type { Manifest } from '../../shared/dbt/artifacts.js';
import { measureFreshness, planFreshnessStatements, freshnessCheck, parseFreshnessConfig } from '../../shared/freshness/index.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';

type Src = { table: string; laf?: string | null; warn?: [number, string] | null; error?: [number, string] | null; filter?: string | null; atConfig?: boolean };

function manifestOf(sources: Src[]): Manifest {
  const nodes: Record<string, any> = {};
  for (const s of sources) {
    const id = `source.shop.raw.${s.table}`;
    const freshness = {
      warn_after: s.warn ? { count: s.warn[0], period: s.warn[1] } : { count: null, period: null },
      error_after: s.error ? { count: s.error[0], period: s.error[1] } : { count: null, period: null },
      filter: s.filter ?? null,
    };
    nodes[id] = {
      unique_id: id,
      resource_type: 'source',
      package_name: 'shop',
      name: s.table,
      source_name: 'raw',
      database: 'warehouse_db_not_used_on_postgres',
      schema: 'raw',
      identifier: s.table,
      quoting: { database: null, schema: null, identifier: null, column: null },
      ...(s.atConfig ? { loaded_at_field: null, freshness: null, config: { enabled: true, freshness, loaded_at_field: s.laf ?? null } } : { loaded_at_field: s.laf ?? null, freshness, config: { enabled: true } }),
    };
  }
  return { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', project_name: 'shop' }, nodes: {}, sources: nodes, macros: {}, exposures: {} } as Manifest;
}

const SETUP = [
  `CREATE SCHEMA raw`,
  `CREATE TABLE raw.orders (id int, loaded_at timestamptz)`,
  `INSERT INTO raw.orders SELECT g, now() - interval '10 minutes' - g * interval '1 minute' FROM generate_series(0, 99) g`,
  `CREATE TABLE raw.events (id int, loaded_at timestamp)`,
  `INSERT INTO raw.events VALUES (1, (now() AT TIME ZONE 'UTC') - interval '90 minutes'), (2, (now() AT TIME ZONE 'UTC') - interval '5 hours')`,
  `CREATE TABLE raw.customers (id int, updated_at timestamptz)`,
  `INSERT INTO raw.customers VALUES (1, now() - interval '3 days')`,
  `CREATE TABLE raw.payments (id int, kind text, loaded_at timestamptz)`,
  `INSERT INTO raw.payments VALUES (1, 'test', now() - interval '1 minute'), (2, 'prod', now() - interval '2 days')`,
  `CREATE TABLE raw.int_loaded (id int)`,
  `INSERT INTO raw.int_loaded VALUES (42)`,
  `CREATE TABLE raw.empty_table (loaded_at timestamptz)`,
  `CREATE TABLE raw."MixedCase" (loaded_at timestamptz)`,
  `INSERT INTO raw."MixedCase" VALUES (now() - interval '2 hours')`,
  `CREATE TABLE raw.bookings (book_date text)`,
  `INSERT INTO raw.bookings VALUES (to_char((now() AT TIME ZONE 'UTC') - interval '30 minutes', 'YYYY-MM-DD HH24:MI:SS'))`,
];

const SOURCES: Src[] = [
  { table: 'orders', laf: 'loaded_at', warn: [1, 'hour'], error: [2, 'hour'] },
  { table: 'events', laf: 'loaded_at', warn: [1, 'hour'], error: [12, 'hour'] },
  { table: 'customers', laf: 'updated_at', warn: [12, 'hour'], error: [1, 'day'], atConfig: true },
  { table: 'payments', laf: 'loaded_at', warn: [1, 'hour'], error: [1, 'day'], filter: "kind = 'prod'" },
  { table: 'int_loaded', laf: 'id', error: [1, 'day'] },
  { table: 'empty_table', laf: 'loaded_at', error: [1, 'day'] },
  { table: 'MixedCase', laf: 'loaded_at', warn: [3, 'hour'] },
  { table: 'bookings', laf: 'book_date::timestamp', warn: [1, 'hour'] },
  { table: 'no_laf', laf: null, error: [1, 'day'] },
  { table: 'injected', laf: 'loaded_at) FROM raw.orders; DROP TABLE raw.orders; --', error: [1, 'day'] },
  { table: 'no_sla', laf: 'loaded_at' },
];

function counting(wh: Warehouse) {
  const sqls: string[] = [];
  const q: Warehouse = Object.assign(Object.create(Object.getPrototypeOf(wh)), wh, {
    dialect: wh.dialect,
    query: (sql: string, binds?: readonly unknown[]) => {
      sqls.push(sql);
      return wh.query(sql, binds);
    },
    queryOne: (sql: string, binds?: readonly unknown[]) => {
      sqls.push(sql);
      return wh.queryOne(sql, binds);
    },
  });
  return { q, sqls };
}

function suite(name: string, open: () => Promise<{ wh: Warehouse; done: () => Promise<void> }>) {
  describe(`freshness measured in the warehouse: ${name}`, () => {
    let wh: Warehouse;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ wh, done } = await open());
      for (const s of SETUP) await wh.query(s);
    });
    afterAll(async () => done());

    it('measures every good source in ONE statement with the right ages and verdicts', async () => {
      const good = SOURCES.filter((s) => ['orders', 'events', 'customers', 'payments', 'MixedCase', 'bookings'].includes(s.table));
      const { q, sqls } = counting(wh);
      const r = await measureFreshness(q as any, { manifest: manifestOf(good) });
      expect(sqls).toHaveLength(1);
      expect(r.statements).toBe(1);
      expect(sqls[0]!.match(/UNION ALL/g)).toHaveLength(good.length - 1);
      const by = Object.fromEntries(r.results.map((x) => [x.name, x]));
      expect(by['raw.orders']).toMatchObject({ verdict: 'pass', method: 'loaded_at_field' });
      expect(by['raw.orders']!.ageSeconds!).toBeGreaterThan(590);
      expect(by['raw.orders']!.ageSeconds!).toBeLessThan(700);
      // a naive timestamp is read as UTC, as dbt does
      expect(by['raw.events']).toMatchObject({ verdict: 'warn', threshold: { count: 1, period: 'hour' } });
      expect(Math.abs(by['raw.events']!.ageSeconds! - 5400)).toBeLessThan(120);
      // SLA under `config` (newer manifests)
      expect(by['raw.customers']).toMatchObject({ verdict: 'error', threshold: { count: 1, period: 'day' } });
      // the filter leaves only the 2-day-old prod row
      expect(by['raw.payments']).toMatchObject({ verdict: 'error', filter: "kind = 'prod'" });
      expect(Math.abs(by['raw.payments']!.ageSeconds! - 172800)).toBeLessThan(120);
      expect(by['raw.MixedCase']).toMatchObject({ verdict: 'pass' });
      expect(by['raw.MixedCase']!.query).toContain('"raw"."MixedCase"');
      // a loaded_at_field that is an expression, as in real dbt projects
      expect(by['raw.bookings']).toMatchObject({ verdict: 'pass' });
      expect(r.results.map((x) => x.verdict)).toEqual(['error', 'error', 'warn', 'pass', 'pass', 'pass']);
      expect(r.passed).toBe(false);
    });

    it('bad sources are runtime errors of their own; the rest are still measured; the gate fails closed', async () => {
      const { q, sqls } = counting(wh);
      const manifest = manifestOf([...SOURCES, { table: 'gone', laf: 'loaded_at', error: [1, 'day'] }]);
      const r = await measureFreshness(q as any, { manifest });
      const by = Object.fromEntries(r.results.map((x) => [x.name, x]));
      expect(by['raw.int_loaded']!.verdict).toBe('runtime error');
      expect(by['raw.int_loaded']!.message).toMatch(/is not a timestamp: its MAX is "42"/);
      // an empty table is stale, as dbt reads a NULL max as year 1 (test/conformance/freshness.test.ts)
      expect(by['raw.empty_table']).toMatchObject({ verdict: 'error', threshold: { count: 1, period: 'day' } });
      expect(by['raw.empty_table']!.message).toMatch(/is NULL \(the table is empty\)/);
      expect(by['raw.no_laf']!.message).toMatch(/no loaded_at_field, and postgres keeps no last-altered time/);
      expect(by['raw.injected']!.message).toMatch(/is not a usable SQL expression: it has an unbalanced "\)"/);
      expect(by['raw.gone']!.verdict).toBe('runtime error');
      expect(by['raw.gone']!.message).toMatch(/The warehouse refused the measuring query: .*gone/);
      expect(by['raw.orders']!.verdict).toBe('pass');
      expect(by['raw.customers']!.verdict).toBe('error');
      expect(r.skipped.map((s) => s.name)).toEqual(['raw.no_sla']);
      expect(r.counts).toMatchObject({ runtimeError: 4, error: 3, warn: 1, pass: 3 });
      expect(r.passed).toBe(false);
      // one failing branch among 9 is isolated by halving: far fewer statements than one per source
      expect(sqls.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(9)));
      expect(sqls.every((s) => !/DROP TABLE/.test(s))).toBe(true);
      const { rows } = await wh.query<{ n: number }>('SELECT count(*)::int AS n FROM raw.orders');
      expect(rows[0]!.n).toBe(100);
    });

    it('batches only past the size limit, and overrides from the config apply', async () => {
      const good = SOURCES.slice(0, 4);
      const { q, sqls } = counting(wh);
      const config = parseFreshnessConfig({ 'max-sources-per-statement': 3, sources: { 'raw.customers': { 'warn-after': '4d', 'error-after': null } } });
      const r = await measureFreshness(q as any, { manifest: manifestOf(good), config });
      expect(sqls).toHaveLength(2);
      expect(r.results.find((x) => x.name === 'raw.customers')!.verdict).toBe('pass');
      const plan = planFreshnessStatements('postgres', { manifest: manifestOf(good), config });
      expect(plan.statements).toHaveLength(2);
    });

    it('does not depend on the session DateStyle or TimeZone', async () => {
      const manifest = manifestOf(SOURCES.filter((s) => ['orders', 'events'].includes(s.table)));
      const r = await wh.withSession(async (session) => {
        await session.query(`SET DateStyle = 'SQL, DMY'`);
        await session.query(`SET TimeZone = 'Asia/Kolkata'`);
        try {
          return await measureFreshness(Object.assign(Object.create(session), { query: session.query.bind(session), dialect: 'postgres' as const }), { manifest });
        } finally {
          await session.query('RESET DateStyle');
          await session.query('RESET TimeZone');
        }
      });
      const by = Object.fromEntries(r.results.map((x) => [x.name, x]));
      expect(by['raw.orders']).toMatchObject({ verdict: 'pass' });
      expect(by['raw.orders']!.ageSeconds!).toBeLessThan(700);
      expect(Math.abs(by['raw.events']!.ageSeconds! - 5400)).toBeLessThan(120);
    });

    it('freshnessCheck (warehouse mode) reports { name, passed, details } and fail-on warn fails on a warn', async () => {
      const manifest = manifestOf(SOURCES.filter((s) => ['orders', 'events'].includes(s.table)));
      const a = await freshnessCheck(wh, { manifest });
      expect(a).toMatchObject({ name: 'source freshness', passed: true });
      const b = await freshnessCheck(wh, { manifest, failOn: 'warn' });
      expect(b.passed).toBe(false);
      expect(b.details.report.failingCount).toBe(1);
    });
  });
}

suite('PGlite (embedded)', async () => {
  const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  return { wh, done: () => wh.close() };
});

describePg('real PostgreSQL server', () => {
  suite('PostgreSQL', async () => {
    const db = await freshPgDatabase('freshness');
    await db.warehouse.query(`SET TIME ZONE 'America/New_York'`).catch(() => undefined);
    return { wh: db.warehouse, done: db.drop };
  });
});

describe('a broken session is not blamed on the sources', () => {
  it('rethrows the connection error after one ping instead of retrying every source', async () => {
    const sqls: string[] = [];
    const broken = {
      dialect: 'postgres' as const,
      query: async (sql: string) => {
        sqls.push(sql);
        throw new Error('PostgreSQL: terminating connection due to administrator command');
      },
    };
    await expect(measureFreshness(broken as any, { manifest: manifestOf(SOURCES.slice(0, 4)) })).rejects.toThrow(/terminating connection/);
    expect(sqls).toHaveLength(2);
    expect(sqls[1]).toBe('SELECT 1 AS "ok"');
  });
});
