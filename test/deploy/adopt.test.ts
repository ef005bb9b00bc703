/**
 * Issue #13, "adoption without loss", on the real PostgreSQL server: an
 * existing `analytics` schema with real tables, data and a consumer role is
 * taken under blue/green by `deploy adopt` (its --dry-run plan changes
 * nothing), consumers keep reading the same rows through views, and the next
 * normal deploy builds green and goes live. Snowflake statements parse with sqlfluff.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { blueGreenAction } from '../../actions/blue-green-swap/body.js';
import type { Inputs } from '../../shared/actions-adapter/runtime.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import pg from 'pg';
import { describePg, freshPgDatabase, pgUrl } from '../helpers/pg.js';
import { describeSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';
import { adoptDeploy, adoptPlan, adoptPlanStatements } from '../../shared/deploy/adopt.js';
import { cutoverDeploy, prepareDeploy, readDeployState, rollbackDeploy } from '../../shared/deploy/index.js';
import { snowflakeAdoptSql } from '../../shared/dialects/snowflake/adopt.js';
import { snowflakeDeploySql } from '../../shared/dialects/snowflake/deploy.js';
import { formatPlan } from '../../shared/sql/plan.js';
import { GateFailure } from '../../shared/errors.js';
import type { PostgresWarehouse } from '../../shared/warehouse/postgres.js';
import { quietRuntime } from './harness.js';
import { runSlipway } from '../helpers/cli.js';
import { actionInputs } from '../helpers/inputs.js';

const base = { environment: 'prod', schemas: ['analytics'], actor: 'ci' };
const role = `adopt_reader_${process.pid}`;

async function asReader<T>(wh: PostgresWarehouse, sql: string): Promise<T[]> {
  return wh.transaction(async (s) => {
    await s.query(`SET LOCAL ROLE ${role}`);
    return (await s.query<T & Record<string, unknown>>(sql)).rows as T[];
  });
}

async function tablesAndKinds(wh: PostgresWarehouse): Promise<string[]> {
  const r = await wh.query<{ n: string; k: string; s: string }>(
    `SELECT ns.nspname AS s, cl.relname AS n, cl.relkind::text AS k FROM pg_class cl JOIN pg_namespace ns ON ns.oid = cl.relnamespace WHERE ns.nspname LIKE 'analytics%' AND cl.relkind IN ('r','v') ORDER BY 1, 2`,
  );
  return r.rows.map((x) => `${x.s}.${x.n}:${x.k}`);
}

describePg('deploy adopt (real PostgreSQL server)', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let wh: PostgresWarehouse;
  beforeAll(async () => {
    db = await freshPgDatabase('adopt');
    wh = db.warehouse;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} NOLOGIN`);
    await admin.end();
    await wh.query('CREATE SCHEMA analytics');
    await wh.query(`CREATE TABLE analytics.orders (id int PRIMARY KEY, marker text NOT NULL)`);
    await wh.query(`INSERT INTO analytics.orders SELECT g, 'legacy-' || g FROM generate_series(1, 40) g`);
    await wh.query(`CREATE TABLE analytics.customers (id serial, name text)`);
    await wh.query(`INSERT INTO analytics.customers (name) VALUES ('ada'), ('grace')`);
    await wh.query(`GRANT USAGE ON SCHEMA analytics TO ${role}`);
    await wh.query(`GRANT SELECT ON analytics.orders, analytics.customers TO ${role}`);
  });
  afterAll(async () => {
    await db?.drop();
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await admin.end();
  });

  it('--dry-run prints the exact plan and changes nothing', async () => {
    const before = await tablesAndKinds(wh);
    const plan = await adoptPlan(wh, base);
    const text = formatPlan(adoptPlanStatements(plan), 'postgres');
    expect(text).toContain('BEGIN;');
    expect(text).toContain('ALTER TABLE "analytics"."orders" SET SCHEMA "analytics__BLUE";');
    expect(text).toContain('CREATE VIEW "analytics"."customers" AS SELECT * FROM "analytics__BLUE"."customers";');
    expect(text).toContain(`GRANT SELECT ON "analytics"."orders" TO "${role}"`);
    expect(text).toMatch(/INSERT INTO "slipway"\."deploy_state" [^;]*'LIVE', 'blue'/);
    expect(text).toContain('CREATE TABLE IF NOT EXISTS "slipway"."deploy_state"');
    // The real run makes its id when it takes the lock: the plan names it as a placeholder, never a made-up id.
    expect(text).toMatch(/UPDATE "slipway"\."deploy_lock"\s+SET "holder" = '<deploy-id>'/);
    expect(text).not.toMatch(/adopt-\d{8}T/);
    expect(text.trim().endsWith('COMMIT;')).toBe(true);
    expect(plan.schemas).toEqual([{ published: 'analytics', colourSchema: 'analytics__BLUE', tables: ['customers', 'orders'] }]);
    expect(await tablesAndKinds(wh)).toEqual(before);
    expect((await readDeployState(wh, { environment: 'prod' })).initialised).toBe(false);
  });

  it('adopt moves the tables into blue; the consumer role reads the same rows from analytics.<table>; DEPLOY_STATE says blue is LIVE', async () => {
    const dry = await adoptPlan(wh, base);
    const r = await adoptDeploy(wh, base, quietRuntime());
    // What ran under the lock is what the dry run printed, with the real id where it said <deploy-id>.
    const shown = (sts: { sql: string; binds?: readonly unknown[] }[], id: string) =>
      sts.map((st) => JSON.stringify([st.sql, (st.binds ?? []).map((b) => (typeof b === 'string' ? (/^\d{4}-\d\d-\d\dT/.test(b) ? '<now>' : b.split(id).join('<deploy-id>')) : b))]));
    expect(shown(r.statements, r.deployId)).toEqual(shown(dry.statements, '<deploy-id>'));
    expect(r.deployId).toMatch(/^adopt-/);
    expect(r.tablesMoved).toBe(2);
    expect(r.grantsCopied).toBe(2);
    expect(await tablesAndKinds(wh)).toEqual(['analytics.customers:v', 'analytics.orders:v', 'analytics__BLUE.customers:r', 'analytics__BLUE.orders:r']);
    const rows = await asReader<{ n: string; m: string }>(wh, `SELECT count(*)::text AS n, max(marker) AS m FROM analytics.orders`);
    expect(rows).toEqual([{ n: '40', m: 'legacy-9' }]);
    expect(await asReader<{ name: string }>(wh, 'SELECT name FROM analytics.customers ORDER BY id')).toEqual([{ name: 'ada' }, { name: 'grace' }]);
    // Nothing lost: the primary key moved with the table.
    const pk = await wh.query(`SELECT 1 FROM pg_indexes WHERE schemaname = 'analytics__BLUE' AND tablename = 'orders'`);
    expect(pk.rows.length).toBe(1);
    // The serial column's sequence moved with its table and still numbers new rows.
    const next = await wh.query<{ id: number }>(`INSERT INTO "analytics__BLUE".customers (name) VALUES ('edsger') RETURNING id`);
    expect(next.rows[0]!.id).toBe(3);
    await wh.query(`DELETE FROM "analytics__BLUE".customers WHERE id = 3`);
    const seq = await wh.query(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'analytics__BLUE' AND c.relkind = 'S'`);
    expect(seq.rows.length).toBe(1);
    const state = await readDeployState(wh, { environment: 'prod' });
    expect(state.live?.deployId).toBe(r.deployId);
    expect(state.live?.colour).toBe('blue');
    expect(state.lock?.holder ?? null).toBeNull();
  });

  it('a second adopt refuses and changes nothing', async () => {
    const before = await tablesAndKinds(wh);
    const err = await adoptDeploy(wh, base, quietRuntime()).catch((e) => e);
    expect(err).toBeInstanceOf(GateFailure);
    expect((err as Error).message).toMatch(/already under blue\/green: deploy adopt-.* is LIVE on blue/);
    expect(await tablesAndKinds(wh)).toEqual(before);
  });

  it('the next normal deploy builds green and goes live; readers see the new data; the adopted views wait in __NEXT', async () => {
    const p = await prepareDeploy(wh, base, quietRuntime());
    expect(p.colour).toBe('green');
    expect(p.schemas).toEqual(['analytics__GREEN']);
    await wh.query(`CREATE TABLE "analytics__GREEN".orders AS SELECT g AS id, 'new-' || g AS marker FROM generate_series(1, 41) g`);
    await wh.query(`CREATE TABLE "analytics__GREEN".customers AS SELECT * FROM (VALUES (1, 'ada'), (2, 'grace'), (3, 'edsger')) AS v(id, name)`);
    const c = await cutoverDeploy(wh, base, quietRuntime());
    expect(c.checks.find((x) => x.name === 'foreign-objects')?.status).toBe('pass');
    expect(await asReader<{ n: string; m: string }>(wh, `SELECT count(*)::text AS n, max(marker) AS m FROM analytics.orders`)).toEqual([{ n: '41', m: 'new-9' }]);
    expect((await asReader<{ n: string }>(wh, 'SELECT count(*)::text AS n FROM analytics.customers'))[0]!.n).toBe('3');
    // The adopted data is still there, behind the previous views, for a rollback.
    expect((await wh.query<{ n: string }>(`SELECT count(*)::text AS n FROM "analytics__NEXT".orders`)).rows[0]!.n).toBe('40');
    const state = await readDeployState(wh, { environment: 'prod' });
    expect(state.live?.colour).toBe('green');
    expect(state.deploys.find((d) => d.deployId.startsWith('adopt-'))?.status).toBe('SUPERSEDED');
  });

  it('a rollback after that deploy re-publishes the adopted tables: the original rows, unchanged', async () => {
    const r = await rollbackDeploy(wh, { environment: 'prod', reason: 'test the way back', actor: 'oncall' }, quietRuntime());
    expect(r.rolledBackTo).toMatch(/^adopt-/);
    expect(r.colour).toBe('blue');
    expect(await asReader<{ n: string; m: string }>(wh, `SELECT count(*)::text AS n, max(marker) AS m FROM analytics.orders`)).toEqual([{ n: '40', m: 'legacy-9' }]);
    expect((await readDeployState(wh, { environment: 'prod' })).live?.deployId).toMatch(/^adopt-/);
  });

  it('refuses a schema holding a view (its SQL would break), listing it; nothing is moved', async () => {
    await wh.query('CREATE SCHEMA legacy');
    await wh.query('CREATE TABLE legacy.events (id int)');
    await wh.query('CREATE VIEW legacy.recent AS SELECT * FROM legacy.events');
    await wh.query('CREATE SEQUENCE legacy.free_counter');
    const env = { environment: 'legacy-env', schemas: ['legacy'], actor: 'ci' };
    const err = await adoptPlan(wh, env).catch((e) => e);
    expect(err).toBeInstanceOf(GateFailure);
    expect((err as Error).message).toContain('legacy.recent (view) would not survive the move');
    expect((err as Error).message).toContain('legacy.free_counter (sequence) would not survive the move');
    const err2 = await adoptDeploy(wh, env, quietRuntime()).catch((e) => e);
    expect(err2).toBeInstanceOf(GateFailure);
    const left = await wh.query(`SELECT relname FROM pg_class cl JOIN pg_namespace ns ON ns.oid = cl.relnamespace WHERE ns.nspname = 'legacy' AND relkind IN ('r','v') ORDER BY 1`);
    expect(left.rows.map((r) => r.relname)).toEqual(['events', 'recent']);
    expect((await readDeployState(wh, { environment: 'legacy-env' })).live).toBeUndefined();
  });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runSlipway(args);
  return { code: r.code, stdout: r.out, stderr: r.err };
}

describePg('slipway deploy adopt (CLI, real PostgreSQL server)', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  const env = { ...process.env };
  beforeAll(async () => {
    db = await freshPgDatabase('adoptcli');
    await db.warehouse.query('CREATE SCHEMA analytics');
    await db.warehouse.query(`CREATE TABLE analytics.orders AS SELECT g AS id FROM generate_series(1, 5) g`);
    process.env.DATABASE_URL = db.url;
    delete process.env.SLIPWAY_PGLITE_PATH;
    delete process.env.SNOWFLAKE_ACCOUNT;
    delete process.env.DBT_PROFILES_DIR;
  });
  afterAll(async () => {
    process.env = env;
    await db?.drop();
  });

  it('--dry-run prints the plan (exit 0, nothing changed); the real run adopts; a rerun exits 1 naming the live deploy', async () => {
    const dry = await cli(['deploy', 'adopt', '--environment', 'prod', '--schemas', 'analytics', '--dry-run', '--project-dir', '/nonexistent']);
    expect(dry.stderr).not.toMatch(/error/i);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('ALTER TABLE "analytics"."orders" SET SCHEMA "analytics__BLUE";');
    expect((await db.warehouse.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'analytics'`)).rows[0]!.n).toBe(1);
    const real = await cli(['deploy', 'adopt', '--environment', 'prod', '--schemas', 'analytics', '--format', 'json']);
    expect(real.code).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ status: 'LIVE', colour: 'blue', 'tables-moved': 1 });
    expect((await db.warehouse.query(`SELECT count(*)::int AS n FROM analytics.orders`)).rows[0]!.n).toBe(5);
    const again = await cli(['deploy', 'adopt', '--environment', 'prod', '--schemas', 'analytics']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already under blue/green');
  });
});

/** Inputs read by the production parser, as on a runner. */
const inputs = (values: Record<string, string>): Inputs => actionInputs(values);

describePg('actions/blue-green-swap phase: adopt (real PostgreSQL server)', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  beforeAll(async () => {
    db = await freshPgDatabase('adoptaction');
    await db.warehouse.query('CREATE SCHEMA analytics');
    await db.warehouse.query(`CREATE TABLE analytics.orders AS SELECT g AS id FROM generate_series(1, 3) g`);
  });
  afterAll(async () => db?.drop());

  it('dry-run logs the plan and changes nothing; then adopts and sets deploy-id and colour', async () => {
    const open = async (): Promise<Warehouse> => Object.assign(Object.create(db.warehouse), { close: async () => undefined }) as Warehouse;
    const event = { eventName: 'workflow_dispatch', repo: { owner: 'o', repo: 'r' }, sha: 'abc', ref: 'refs/heads/main', actor: 'octocat', runUrl: 'https://github.com/o/r/actions/runs/9', payload: {} };
    const rt = quietRuntime();
    await blueGreenAction(rt, inputs({ phase: 'adopt', environment: 'production', schemas: 'analytics', 'dry-run': 'true', 'project-dir': '/nonexistent' }), event, { openWarehouse: open });
    expect(rt.lines.join('\n')).toContain('ALTER TABLE "analytics"."orders" SET SCHEMA "analytics__BLUE";');
    expect((await db.warehouse.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'analytics'`)).rows[0]!.n).toBe(1);
    const outputs: Record<string, string> = {};
    const rt2 = Object.assign(quietRuntime(), {});
    rt2.setOutput = (k: string, v: string) => void (outputs[k] = v);
    await blueGreenAction(rt2, inputs({ phase: 'adopt', environment: 'production', schemas: 'analytics', 'project-dir': '/nonexistent' }), event, { openWarehouse: open });
    expect(outputs.colour).toBe('blue');
    expect(outputs['deploy-id']).toMatch(/^adopt-/);
    expect((await db.warehouse.query(`SELECT count(*)::int AS n FROM analytics.orders`)).rows[0]!.n).toBe(3);
    expect((await readDeployState(db.warehouse, { environment: 'production' })).live?.actor).toBe('octocat');
  });
});

describeSqlfluff('deploy adopt: Snowflake statements parse', () => {
  it('the table move and the view over the blue colour parse with sqlfluff (snowflake dialect)', () => {
    const stmts = [
      snowflakeAdoptSql.moveTable('PROD', 'ANALYTICS', 'ORDERS', 'ANALYTICS__BLUE'),
      snowflakeAdoptSql.moveTable(undefined, 'ANALYTICS', 'order items', 'ANALYTICS__BLUE'),
      snowflakeDeploySql.createView('PROD', 'ANALYTICS', 'ORDERS', 'ANALYTICS__BLUE', 'ORDERS'),
    ].map((s) => s.sql);
    expect(stmts[0]).toBe('ALTER TABLE "PROD"."ANALYTICS"."ORDERS" RENAME TO "PROD"."ANALYTICS__BLUE"."ORDERS"');
    expect(unparsableSnowflake(stmts)).toEqual([]);
  });
});
