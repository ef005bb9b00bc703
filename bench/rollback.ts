/**
 * Rollback benchmark.
 *
 * 1. Re-swap rollback end to end (`runRollback`: read DEPLOY_STATE, validate
 *    the target's views, lock, mirror + check grants, swap, audit, unlock) for
 *    1,000 models in 4 published schemas, on a real PostgreSQL server (started
 *    like the tests do when binaries exist, or SLIPWAY_TEST_PG_URL /
 *    DATABASE_URL) and on embedded PGlite. Target: < 2 s.
 * 2. Statement counts of the Snowflake plans: the re-swap (the swap itself is
 *    one statement per published schema, whatever the model count) and
 *    point-in-time recovery for 1,000 tables (per-table statements, metadata
 *    reads), plus the planner's time.
 *
 * Measures; never asserts on timing.
 */
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { CliRuntime } from '../shared/runtime/cli-runtime.js';
import { qualify, quoteLiteral } from '../shared/sql/identifiers.js';
import type { Warehouse } from '../shared/warehouse/types.js';
import { PgliteWarehouse } from '../shared/warehouse/pglite.js';
import { PostgresWarehouse } from '../shared/warehouse/postgres.js';
import { cutoverDeploy, prepareDeploy } from '../shared/deploy/index.js';
import { adminNames } from '../shared/deploy/state.js';
import { snowflakeDeploySql } from '../shared/dialects/snowflake/deploy.js';
import { runRollback } from '../shared/rollback/index.js';
import { metadataStatements, planPitr, type PitrMetadata } from '../shared/pitr/index.js';
import { postgresServer } from './_pg.js';

const MODELS = 1000;
const PUBLISHED = ['analytics', 'finance', 'marketing', 'ops'];
const perSchema = MODELS / PUBLISHED.length;
const models = Array.from({ length: perSchema }, (_, i) => `model_${String(i).padStart(4, '0')}`);
const quiet = () => new CliRuntime({ write: () => undefined });

async function build(wh: Warehouse, schemas: string[], marker: string): Promise<void> {
  await wh.transaction(async (s) => {
    for (const schema of schemas) {
      for (const m of models) {
        const t = qualify('postgres', schema, m);
        await s.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
        await s.query(`CREATE TABLE ${t} AS SELECT 1 AS id, ${quoteLiteral(marker, 'postgres')}::text AS marker`);
      }
    }
  });
}

async function deploy(wh: Warehouse, marker: string): Promise<number> {
  const p = await prepareDeploy(wh, { environment: 'production', schemas: PUBLISHED, actor: 'bench' }, quiet());
  await build(wh, p.schemas, marker);
  const t0 = performance.now();
  await cutoverDeploy(wh, { environment: 'production', deployId: p.deployId, actor: 'bench', rowCountTolerancePct: null }, quiet());
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function reswapBench(label: string, wh: Warehouse): Promise<void> {
  const t0 = performance.now();
  await deploy(wh, 'A');
  const cut = await deploy(wh, 'B');
  const setup = performance.now() - t0;
  const times: number[] = [];
  let statements = 0;
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    const r = await runRollback(wh, { environment: 'production', reason: `bench ${i}`, actor: 'bench' }, quiet());
    times.push(performance.now() - s);
    statements = r.statements;
  }
  console.log(
    `${label.padEnd(22)} ${MODELS} models / ${PUBLISHED.length} schemas: rollback end to end median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; target < 2000 ms), ${statements} statements; cutover for comparison ${cut.toFixed(0)} ms; setup ${(setup / 1000).toFixed(1)} s`,
  );
}


async function onServer(url: string): Promise<void> {
  const name = `bench_rollback_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(url);
  const wh = new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), dbname: name });
  try {
    await reswapBench('PostgreSQL server', wh);
  } finally {
    await wh.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

function snowflakeCounts(): void {
  // Re-swap: the statements rollbackDeploy's plan issues on Snowflake (lock, per schema: read grants of live + __NEXT, the swap; audit + unlock).
  const sql = snowflakeDeploySql;
  const a = adminNames('snowflake', {});
  for (const n of [1, 4, 10]) {
    const schemas = Array.from({ length: n }, (_, i) => `S${i}`);
    const perSchema = schemas.map((s) => ({ reads: [...sql.readGrants('PROD', s), ...sql.readGrants('PROD', `${s}__NEXT`)].length, swap: sql.swap('PROD', s, `${s}__NEXT`).length }));
    const lock = [sql.ensureLockRow(a, 'production'), sql.acquireLock(a, 'production', 'h', null, 'bench', 15)].length;
    const record = 3;
    const swaps = perSchema.reduce((x, p) => x + p.swap, 0);
    const total = lock + perSchema.reduce((x, p) => x + p.reads + p.swap, 0) + record;
    console.log(`Snowflake re-swap, ${String(n).padStart(2)} published schema(s), any model count: ${swaps} swap statement(s) (one ALTER SCHEMA … SWAP WITH per schema), ${total} statements in the plan (+1 GRANT per grant to mirror)`);
  }

  // PITR: 1,000 tables in 4 colour schemas: 900 existed at the point (clone + swap), 80 replaced by CREATE OR REPLACE (rename + UNDROP + clone + swap),
  // 15 replaced twice (two UNDROPs), 5 with retention 0 (unrecoverable).
  const now = new Date('2026-11-22T20:00:00Z');
  const point = new Date('2026-11-22T12:00:00Z');
  const schemas = PUBLISHED.map((s) => `${s.toUpperCase()}__BLUE`);
  const meta: PitrMetadata = { now, database: 'PROD', schemas, tables: [], dropped: [] };
  for (let i = 0; i < MODELS; i++) {
    const schema = schemas[i % schemas.length]!;
    const name = `MODEL_${String(i).padStart(4, '0')}`;
    const kind = i < 900 ? 'clone' : i < 980 ? 'undrop1' : i < 995 ? 'undrop2' : 'zero';
    const created = kind === 'clone' || kind === 'zero' ? new Date('2026-11-22T02:00:00Z') : new Date('2026-11-22T15:00:00Z');
    meta.tables.push({ database: 'PROD', schema, name, tableType: 'BASE TABLE', isTransient: true, retentionDays: kind === 'zero' ? 0 : 1, created });
    if (kind === 'undrop1') meta.dropped.push({ database: 'PROD', schema, name, created: new Date('2026-11-22T02:00:00Z'), dropped: created, isTransient: true, retentionDays: 1 });
    if (kind === 'undrop2') {
      meta.dropped.push({ database: 'PROD', schema, name, created: new Date('2026-11-22T14:00:00Z'), dropped: created, isTransient: true, retentionDays: 1 });
      meta.dropped.push({ database: 'PROD', schema, name, created: new Date('2026-11-22T02:00:00Z'), dropped: new Date('2026-11-22T14:00:00Z'), isTransient: true, retentionDays: 1 });
    }
  }
  const t0 = performance.now();
  const plan = planPitr(meta, { point: { kind: 'timestamp', at: point } });
  const ms = performance.now() - t0;
  const count = (a: string) => plan.objects.filter((o) => o.action === a).length;
  const reads = metadataStatements('PROD', schemas, { kind: 'timestamp', at: point }).length;
  console.log(
    `Snowflake PITR, ${MODELS} tables / ${schemas.length} schemas: ${count('clone-swap')} clone+swap (2 each), ${count('undrop')} UNDROP walks (4 or 6 each), ${count('unrecoverable')} unrecoverable → ${plan.statements.length} recovery statements, ${reads} metadata reads, + ${count('clone-swap') + count('undrop') + count('unrecoverable')} PITR_LOG inserts (one per table restored or left, with --partial); planned in ${ms.toFixed(1)} ms`,
  );
}

async function main(): Promise<void> {
  snowflakeCounts();
  const server = await postgresServer();
  try {
    if (server) await onServer(server.url);
  } finally {
    server?.stop();
  }
  const lite = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  try {
    await reswapBench('PGlite (embedded)', lite);
  } finally {
    await lite.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
