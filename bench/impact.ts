/**
 * PR impact benchmark on a real PostgreSQL server (SLIPWAY_TEST_PG_URL /
 * DATABASE_URL, or one started like the tests start theirs; skipped with a
 * note when there is none).
 *
 * 1. Statement count per model as rows grow: 10 models at 10k rows, then at
 *    1M rows; the count per model is the same (one aggregate statement).
 * 2. The headline: impact of N modified models (default 100) of R rows each
 *    (default 1,000,000): wall time and statements sent.
 *
 * Data is generated on the server with generate_series: one production and
 * one PR base table of R rows (the PR drops every 1000th id, adds R/1000 new
 * ids and changes every 97th amount); each model is a view over its side's
 * base table with its own expression, so every model's comparison really
 * scans R rows per side, without writing N×R rows to disk on a shared box.
 *
 *   npx tsx bench/impact.ts [models] [rows]
 */
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { runImpact } from '../shared/impact/index.js';
import type { ImpactTarget } from '../shared/impact/types.js';
import { PostgresWarehouse } from '../shared/warehouse/postgres.js';
import { postgresServer } from './_pg.js';

const MODELS = Number(process.argv[2] ?? 100);
const ROWS = Number(process.argv[3] ?? 1_000_000);

async function build(admin: pg.Client, tag: string, rows: number, models: number): Promise<ImpactTarget[]> {
  const prod = `prod_${tag}`;
  const pr = `pr_${tag}`;
  await admin.query(`DROP SCHEMA IF EXISTS ${prod} CASCADE; DROP SCHEMA IF EXISTS ${pr} CASCADE; CREATE SCHEMA ${prod}; CREATE SCHEMA ${pr}`);
  await admin.query(
    `CREATE TABLE ${prod}.base AS SELECT g AS id, (g % 1000) * 1.25 AS amount, CASE WHEN g % 3 = 0 THEN 'shipped' ELSE 'placed' END AS status, DATE '2026-01-01' + (g % 365) AS created_on FROM generate_series(1, ${rows}) AS g`,
  );
  await admin.query(
    `CREATE TABLE ${pr}.base AS SELECT g AS id, CASE WHEN g % 97 = 0 THEN (g % 1000) * 1.5 ELSE (g % 1000) * 1.25 END AS amount, CASE WHEN g % 3 = 0 THEN 'shipped' ELSE 'placed' END AS status, DATE '2026-01-01' + (g % 365) AS created_on FROM generate_series(1, ${rows + Math.floor(rows / 1000)}) AS g WHERE g % 1000 <> 0`,
  );
  const targets: ImpactTarget[] = [];
  for (let i = 0; i < models; i++) {
    for (const s of [prod, pr]) await admin.query(`CREATE VIEW ${s}.m${i} AS SELECT id, amount + ${i} AS amount, status, created_on FROM ${s}.base`);
    targets.push({
      uniqueId: `model.bench.m${i}`,
      name: `m${i}`,
      reason: 'modified',
      pr: { schema: pr, name: `m${i}` },
      prod: { schema: prod, name: `m${i}` },
      key: { columns: ['id'], from: 'test' },
      sensitive: [],
      contract: [],
      downstreamUses: () => [],
      notes: [],
    });
  }
  await admin.query(`ANALYZE ${prod}.base; ANALYZE ${pr}.base`);
  return targets;
}

async function measure(url: string, targets: ImpactTarget[]) {
  const u = new URL(url);
  const wh = new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username) || 'postgres', password: decodeURIComponent(u.password) || undefined, dbname: u.pathname.slice(1) });
  const perModel = new Map<string, number>();
  let total = 0;
  const t0 = performance.now();
  try {
    const report = await runImpact(wh, { targets, timeoutSeconds: 1800, onStatement: (_s, m) => { total++; if (m) perModel.set(m, (perModel.get(m) ?? 0) + 1); } });
    const ms = performance.now() - t0;
    const bad = report.models.filter((m) => m.status !== 'compared');
    if (bad.length) console.log(`  (${bad.length} model(s) not compared: ${bad[0]!.notes.join('; ')})`);
    const k = report.models[0]?.keys;
    return { ms, total, perModel: [...new Set(perModel.values())], sample: k ? `+${k.added} −${k.removed} ~${k.changed}` : '' };
  } finally {
    await wh.close();
  }
}

const server = await postgresServer();
if (!server) {
  console.log('impact bench skipped: no PostgreSQL server (set SLIPWAY_TEST_PG_URL or DATABASE_URL)');
  process.exit(0);
}
const dbName = `bench_impact_${process.pid}`;
const admin0 = new pg.Client({ connectionString: server.url });
await admin0.connect();
await admin0.query(`CREATE DATABASE ${dbName}`);
await admin0.end();
const u = new URL(server.url);
u.pathname = `/${dbName}`;
const url = u.toString();
const admin = new pg.Client({ connectionString: url });
await admin.connect();
try {
  console.log('statements per model as rows grow (10 models):');
  for (const rows of [10_000, ROWS]) {
    const t = await build(admin, `s${rows}`, rows, 10);
    const r = await measure(url, t);
    console.log(`  ${rows.toLocaleString('en-US').padStart(10)} rows/model: ${r.perModel.join('/')} statement(s) per model, ${r.total} in all, ${(r.ms / 1000).toFixed(1)} s (model 0: keys ${r.sample})`);
  }
  console.log(`\nimpact of ${MODELS} modified models of ${ROWS.toLocaleString('en-US')} rows each (4 sessions):`);
  const g0 = performance.now();
  const targets = await build(admin, 'main', ROWS, MODELS);
  console.log(`  data generated in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
  const r = await measure(url, targets);
  console.log(`  wall time ${(r.ms / 1000).toFixed(1)} s, ${r.total} statements (${r.perModel.join('/')} per model + describe + session setup/reset), model 0: keys ${r.sample}`);
} finally {
  await admin.end();
  const a = new pg.Client({ connectionString: server.url });
  await a.connect();
  await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await a.end();
  server.stop();
}
