/**
 * Freshness benchmark: 200 sources (200 tables with 1,000 rows each, a mix of
 * fresh, late and stale loads, some with filters) measured in ONE round trip
 * on a real PostgreSQL server (started like the tests do when binaries
 * exist, or SLIPWAY_TEST_PG_URL / DATABASE_URL) and on embedded PGlite.
 * Prints statements sent and wall time (median of 5), the same with two
 * broken sources (isolated by halving), the Snowflake statement size, and
 * row-count measurement of the same 200 tables. Never asserts on timing.
 *
 *   npx tsx bench/freshness.ts [sources]
 */
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import type { Manifest } from '../shared/dbt/artifacts.js';
import type { Warehouse } from '../shared/warehouse/types.js';
import { PgliteWarehouse } from '../shared/warehouse/pglite.js';
import { PostgresWarehouse } from '../shared/warehouse/postgres.js';
import { measureFreshness, measureRowCounts, planFreshnessStatements } from '../shared/freshness/index.js';
import { postgresServer } from './_pg.js';

const N = Number(process.argv[2] ?? 200);

function manifest(n: number, broken = 0): Manifest {
  const sources: Record<string, any> = {};
  for (let i = 0; i < n; i++) {
    const id = `source.bench.raw.t${i}`;
    const bad = i < broken;
    sources[id] = {
      unique_id: id, resource_type: 'source', package_name: 'bench', name: `t${i}`, source_name: 'raw', database: 'bench', schema: 'raw',
      identifier: bad ? `missing_${i}` : `t${i}`, loaded_at_field: 'loaded_at',
      freshness: { warn_after: { count: 6, period: 'hour' }, error_after: { count: 1, period: 'day' }, filter: i % 4 === 0 ? "kind <> 'test'" : null },
    };
  }
  return { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json' }, nodes: {}, sources, macros: {}, exposures: {} } as Manifest;
}

async function load(wh: Warehouse, n: number): Promise<void> {
  await wh.query('DROP SCHEMA IF EXISTS raw CASCADE');
  await wh.query('CREATE SCHEMA raw');
  for (let i = 0; i < n; i++) {
    const hours = [1, 8, 30][i % 3];
    await wh.query(`CREATE TABLE raw.t${i} (id int, kind text, loaded_at timestamptz)`);
    await wh.query(`INSERT INTO raw.t${i} SELECT g, CASE WHEN g % 10 = 0 THEN 'test' ELSE 'prod' END, now() - interval '${hours} hours' - g * interval '1 second' FROM generate_series(1, 1000) g`);
  }
}

function counting(wh: Warehouse): { q: Warehouse; n: () => number } {
  let n = 0;
  const q = Object.assign(Object.create(Object.getPrototypeOf(wh)), wh, {
    dialect: wh.dialect,
    query: (sql: string, binds?: readonly unknown[]) => {
      n++;
      return wh.query(sql, binds);
    },
  }) as Warehouse;
  return { q, n: () => n };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bench(label: string, wh: Warehouse): Promise<void> {
  const t0 = performance.now();
  await load(wh, N);
  const setup = performance.now() - t0;
  const m = manifest(N);
  const times: number[] = [];
  let stmts = 0;
  let counts = '';
  for (let i = 0; i < 5; i++) {
    const { q, n } = counting(wh);
    const s = performance.now();
    const r = await measureFreshness(q as any, { manifest: m });
    times.push(performance.now() - s);
    stmts = n();
    counts = `${r.counts.pass} pass / ${r.counts.warn} warn / ${r.counts.error} error / ${r.counts.runtimeError} runtime error`;
  }
  console.log(`${label.padEnd(18)} ${N} sources: ${stmts} statement(s), median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); ${counts}; setup ${(setup / 1000).toFixed(1)} s`);
  const { q, n } = counting(wh);
  const s = performance.now();
  const r = await measureFreshness(q as any, { manifest: manifest(N, 2) });
  console.log(`${''.padEnd(18)} with 2 missing tables: ${n()} statements (halving), ${(performance.now() - s).toFixed(0)} ms; ${r.counts.runtimeError} runtime errors, ${N - r.counts.runtimeError} sources still measured`);
  const targets = Array.from({ length: N }, (_, i) => ({ model: `model.bench.t${i}`, relation: { schema: 'raw', identifier: `t${i}` } }));
  const rc0 = performance.now();
  const rc = await measureRowCounts(wh, targets);
  console.log(`${''.padEnd(18)} row counts of ${N} tables: ${rc.statements} statement(s), ${(performance.now() - rc0).toFixed(0)} ms`);
}


async function main(): Promise<void> {
  const sf = planFreshnessStatements('snowflake', { manifest: manifest(N) });
  console.log(`Snowflake plan for ${N} sources: ${sf.statements.length} statement(s), ${sf.statements.reduce((a, s) => a + s.sql.length, 0).toLocaleString('en-US')} characters`);
  const server = await postgresServer();
  if (server) {
    const name = `bench_freshness_${process.pid}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const u = new URL(server.url);
    const wh = new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), dbname: name });
    try {
      await bench('PostgreSQL server', wh);
    } finally {
      await wh.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      server.stop();
    }
  }
  const lite = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  try {
    await bench('PGlite (embedded)', lite);
  } finally {
    await lite.close();
  }
}

await main();
