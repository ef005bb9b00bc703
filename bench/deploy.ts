/**
 * Blue-green cutover speed: `npx tsx bench/deploy.ts`.
 * - Postgres cutover (checks + staged views + grants + the one-transaction swap)
 *   for 10, 100 and 1,000 models. Uses the PostgreSQL server when
 *   SLIPWAY_TEST_PG_URL or DATABASE_URL is set, else embedded PGlite.
 * - Statements the Snowflake plan issues, and how many of them are the swap.
 */
import pg from 'pg';
import { PgliteWarehouse } from '../shared/warehouse/pglite.js';
import { PostgresWarehouse } from '../shared/warehouse/postgres.js';
import type { Warehouse } from '../shared/warehouse/types.js';
import { CliRuntime } from '../shared/runtime/cli-runtime.js';
import { cutoverDeploy, cutoverPlan, prepareDeploy, rollbackDeploy } from '../shared/deploy/index.js';
import { qualify } from '../shared/sql/identifiers.js';
import type { Manifest } from '../shared/dbt/artifacts.js';

const rt = new CliRuntime({ write: () => undefined });
const url = process.env.SLIPWAY_TEST_PG_URL ?? process.env.DATABASE_URL;

async function open(label: string): Promise<{ wh: Warehouse; done: () => Promise<void>; engine: string }> {
  if (!url) {
    const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
    return { wh, done: () => wh.close(), engine: 'PGlite (embedded; set SLIPWAY_TEST_PG_URL for a server)' };
  }
  const name = `bench_deploy_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(url);
  const wh = new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: u.password ? decodeURIComponent(u.password) : undefined, dbname: name });
  return {
    wh,
    engine: 'PostgreSQL server',
    done: async () => {
      await wh.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function build(wh: Warehouse, schema: string, n: number): Promise<void> {
  await wh.transaction(async (s) => {
    for (let i = 0; i < n; i++) {
      const t = qualify('postgres', schema, `model_${i}`);
      await s.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
      await s.query(`CREATE TABLE ${t} AS SELECT g AS id FROM generate_series(1, 10) g`);
    }
  });
}

function manifestOf(n: number, schemas: string[]): Manifest {
  const nodes: Manifest['nodes'] = {};
  for (const s of schemas) for (let i = 0; i < n; i++) nodes[`model.p.${s}.m${i}`] = { unique_id: `model.p.${s}.m${i}`, resource_type: 'model', package_name: 'p', name: `model_${i}`, schema: s, config: { materialized: 'table' } };
  return { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json' }, nodes, sources: {}, macros: {}, exposures: {} } as Manifest;
}

async function postgresBench(): Promise<void> {
  for (const n of [10, 100, 1000]) {
    const { wh, done, engine } = await open(String(n));
    try {
      const manifest = manifestOf(n, ['analytics']);
      const times: number[] = [];
      const parts: string[] = [];
      for (let round = 0; round < 3; round++) {
        const p = await prepareDeploy(wh, { environment: 'bench', schemas: ['analytics'], actor: 'bench' }, rt);
        await build(wh, p.schemas[0]!, n);
        const t0 = performance.now();
        const r = await cutoverDeploy(wh, { environment: 'bench', schemas: ['analytics'], actor: 'bench', manifest }, rt);
        times.push(performance.now() - t0);
        parts.push(`checks ${r.checksMs} ms + switch ${r.switchMs} ms`);
      }
      const t1 = performance.now();
      await rollbackDeploy(wh, { environment: 'bench', reason: 'bench', actor: 'bench' }, rt);
      const rb = performance.now() - t1;
      // The first round publishes for the first time; rounds 2-3 swap against live views with grants.
      const steady = times.slice(1);
      console.log(`postgres cutover ${String(n).padStart(5)} models [${engine}]: ${steady.map((t) => `${t.toFixed(0)} ms`).join(', ')} (${parts.slice(1).join('; ')}; first publish ${times[0]!.toFixed(0)} ms; target < 1000 ms at 1,000) | re-swap rollback ${rb.toFixed(0)} ms`);
    } finally {
      await done();
    }
  }
}

async function snowflakeCounts(): Promise<void> {
  for (const [n, schemas] of [[10, ['ANALYTICS']], [100, ['ANALYTICS']], [1000, ['ANALYTICS']], [1000, ['ANALYTICS', 'MARTS', 'FINANCE']]] as const) {
    const plan = await cutoverPlan({ dialect: 'snowflake', environment: 'prod', schemas: [...schemas], manifest: manifestOf(n, [...schemas]) });
    const swaps = plan.filter((s) => /\bSWAP WITH\b/.test(s.sql)).length;
    const views = plan.filter((s) => s.sql.startsWith('CREATE VIEW')).length;
    console.log(
      `snowflake plan ${String(n).padStart(5)} models × ${schemas.length} schema(s): ${plan.length} statements (${views} CREATE VIEW staged beforehand, plus one GRANT per mirrored grant read at run time); swap = ${swaps} statement(s) (target: one per published schema)`,
    );
  }
}

await postgresBench();
await snowflakeCounts();
