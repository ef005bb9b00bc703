/**
 * "Dry runs are the plan that runs" (#13, #17), proven on real engines: the
 * warehouse is wrapped in a recorder, prepare / cutover / rollback run for
 * real, and the statements that changed something (everything but reads and,
 * on the real server, with the DO blocks the executor batches DDL into
 * unpacked) must equal, in order, the writes of the `--dry-run` plan computed
 * against the same state just before. Ids the real run makes are compared as
 * the placeholder the dry run prints; timestamps and check results (filled in
 * only by running the checks) are masked; everything else must match — the
 * previous deploy's id, the mirrored GRANTs, the renames, the lock release.
 *
 * The same on Snowflake through the shared stand-in (test/helpers/fake-snowflake.ts),
 * with every statement of the plans and of the runs parsed by sqlfluff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { cutoverDeploy, cutoverPlan, dryRunContext, prepareDeploy, preparePlan, rollbackDeploy } from '../../shared/deploy/index.js';
import { snowflakeDeploySql } from '../../shared/dialects/snowflake/deploy.js';
import { adminNames } from '../../shared/deploy/state.js';
import { renderForDisplay, type Statement } from '../../shared/sql/plan.js';
import type { QueryResult, Session, Warehouse } from '../../shared/warehouse/types.js';
import { describePg, freshPgDatabase, pgUrl } from '../helpers/pg.js';
import { FakeSnowflake } from '../helpers/fake-snowflake.js';
import { hasSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';
import { fakeBuild, quietRuntime, tinyManifest } from './harness.js';

interface Sent {
  sql: string;
  binds?: readonly unknown[];
}

/** Wraps a warehouse and records every statement sent, transaction brackets included. */
class Recorder implements Warehouse {
  log: Sent[] = [];
  constructor(private readonly inner: Warehouse) {}
  get dialect() {
    return this.inner.dialect;
  }
  get capabilities() {
    return this.inner.capabilities;
  }
  get description() {
    return `recorder over ${this.inner.description}`;
  }
  private session(s: Session): Session {
    return { query: <Row>(sql: string, binds?: readonly unknown[]) => (this.log.push({ sql, binds }), s.query<Row>(sql, binds)) };
  }
  query<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    this.log.push({ sql, binds });
    return this.inner.query<Row>(sql, binds);
  }
  queryOne<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    this.log.push({ sql, binds });
    return this.inner.queryOne<Row>(sql, binds);
  }
  withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    return this.inner.withSession((s) => fn(this.session(s)));
  }
  async transaction<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    this.log.push({ sql: 'BEGIN' });
    try {
      const out = await this.inner.transaction((s) => fn(this.session(s)));
      this.log.push({ sql: 'COMMIT' });
      return out;
    } catch (err) {
      this.log.push({ sql: 'ROLLBACK' });
      throw err;
    }
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const READ = /^\s*(SELECT|SHOW|WITH)\b/i;

/** `DO $tag$BEGIN\n  a;\n  b;\nEND$tag$` → [a, b]: the executor batches DDL, the plan lists it one by one. */
function unbatch(s: Sent): Sent[] {
  const m = /^DO (\$[A-Za-z0-9_]*\$)BEGIN\n([\s\S]*)\nEND\1$/.exec(s.sql);
  if (!m) return [s];
  return m[2]!.split(/;\n {2}/).map((x) => ({ sql: x.replace(/^ {2}/, '').replace(/;$/, '') }));
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** The writes, each as its SQL text and binds, with the run's own ids named as the dry run names them. */
function writes(list: readonly Sent[], ids: Record<string, string> = {}): string[] {
  const swapId = (v: string) => Object.entries(ids).reduce((acc, [real, placeholder]) => acc.split(real).join(placeholder), v);
  const mask = (b: unknown): unknown => {
    if (typeof b !== 'string') return b;
    if (ISO.test(b) || b === '<now>') return '<timestamp>';
    if (b.startsWith('[')) {
      try {
        const j = JSON.parse(b) as unknown[];
        if (Array.isArray(j) && j.every((x) => typeof x === 'object' && x !== null)) return '<check results>';
      } catch {
        /* not JSON */
      }
    }
    return swapId(b);
  };
  return list
    .flatMap(unbatch)
    .filter((s) => !READ.test(s.sql))
    .map((s) => `${swapId(s.sql.trim())}${s.binds?.length ? `  -- ${JSON.stringify(s.binds.map(mask))}` : ''}`);
}

/** Writes compared per operation, printed once at the end (the figure the notes quote). */
const tally: string[] = [];
function same(label: string, ran: string[], planned: string[]): void {
  expect(ran).toEqual(planned);
  tally.push(`${label}: ${planned.length} writes planned = executed`);
}
afterAll(() => {
  if (tally.length) process.stdout.write(`=== plan = execution: ${tally.join('; ')}\n`);
});

const MODELS = ['orders', 'customers'];
const manifest = tinyManifest({ analytics: MODELS, marts: ['revenue'] });

describePg('the dry-run plan is the plan that runs (real PostgreSQL server)', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let rec: Recorder;
  const role = `plan_reader_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const base = { environment: 'prod', schemas: ['analytics', 'marts'], actor: 'planner', runUrl: 'https://ci.example/run/7', gitSha: 'abc123' };
  const rt = quietRuntime();

  beforeAll(async () => {
    db = await freshPgDatabase('plan_equals_exec');
    rec = new Recorder(db.warehouse);
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`CREATE ROLE "${role}"`);
    await c.end();
  });
  afterAll(async () => {
    await db?.drop();
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP ROLE IF EXISTS "${role}"`);
    await c.end();
  });

  /** Dry run, then the real run on the recorder; returns both write lists (the run's own id named as the plan names it). */
  async function prepareBoth(manifestSha256: string) {
    // The dry run reads through the recorder too: it must write nothing.
    rec.log = [];
    const ctx = await dryRunContext(rec, base, 'prepare');
    const plan = await preparePlan({ ...base, ...ctx, dialect: 'postgres', manifest, manifestSha256 });
    expect(writes(rec.log), 'the prepare dry run wrote to the warehouse').toEqual([]);
    rec.log = [];
    const p = await prepareDeploy(rec, { ...base, manifest, manifestSha256 }, rt);
    return { p, planned: writes(plan), ran: writes(rec.log, { [p.deployId]: '<deploy-id>' }) };
  }

  async function cutoverBoth(manifestSha256: string) {
    rec.log = [];
    const ctx = await dryRunContext(rec, base, 'cutover');
    const plan = await cutoverPlan({ ...base, ...ctx, dialect: 'postgres', manifest, manifestSha256 });
    expect(writes(rec.log), 'the cutover dry run wrote to the warehouse').toEqual([]);
    rec.log = [];
    const c = await cutoverDeploy(rec, { ...base, manifest, manifestSha256 }, rt);
    return { c, planned: writes(plan), ran: writes(rec.log) };
  }

  it('first deploy: prepare (admin objects created) and cutover (staging schemas renamed into place) run exactly their plans', async () => {
    const prep = await prepareBoth('sha-1');
    same('pg prepare #1', prep.ran, prep.planned);
    expect(prep.planned.filter((s) => /CREATE TABLE IF NOT EXISTS/.test(s)).length).toBeGreaterThan(0);
    expect(prep.planned.some((s) => /"analytics__BLUE"/.test(s))).toBe(true);
    await fakeBuild(db.warehouse, [prep.p.schemas[0]!], MODELS, prep.p.deployId);
    await fakeBuild(db.warehouse, [prep.p.schemas[1]!], ['revenue'], prep.p.deployId);
    const cut = await cutoverBoth('sha-1');
    expect(cut.c.colour).toBe('blue');
    same('pg cutover #1', cut.ran, cut.planned);
    // Nothing was live: no grants to mirror, the staging schemas are renamed, no SUPERSEDED row.
    expect(cut.planned.filter((s) => /^ALTER SCHEMA "analytics__NEXT" RENAME TO "analytics"$/.test(s))).toHaveLength(1);
    expect(cut.planned.some((s) => /SUPERSEDED/.test(s))).toBe(false);
  });

  it('second deploy: the grants consumers hold are mirrored, the views locked, the schemas swapped — exactly as planned', async () => {
    await db.warehouse.query(`GRANT USAGE ON SCHEMA analytics TO "${role}"`);
    await db.warehouse.query(`GRANT SELECT ON analytics.orders TO "${role}"`);
    const prep = await prepareBoth('sha-2');
    same('pg prepare #2', prep.ran, prep.planned);
    expect(prep.p.colour).toBe('green');
    await fakeBuild(db.warehouse, [prep.p.schemas[0]!], MODELS, prep.p.deployId);
    await fakeBuild(db.warehouse, [prep.p.schemas[1]!], ['revenue'], prep.p.deployId);
    const cut = await cutoverBoth('sha-2');
    expect(cut.c.colour).toBe('green');
    expect(cut.c.grantsMirrored).toBe(2);
    same('pg cutover #2', cut.ran, cut.planned);
    const grants = cut.planned.filter((s) => /^GRANT /.test(s));
    expect(grants).toHaveLength(2);
    expect(grants.every((g) => g.includes(role))).toBe(true);
    expect(cut.planned.some((s) => /^LOCK TABLE/.test(s))).toBe(true);
    // The previous deploy is named by its real id, in the LIVE row and its SUPERSEDED row.
    expect(cut.planned.filter((s) => s.includes(cut.c.previousDeployId!)).length).toBeGreaterThanOrEqual(2);
  });

  it('rollback: the swap back and its audit rows are the dry run, with the rollback id the real run takes', async () => {
    const opts = { environment: 'prod', actor: 'oncall', reason: 'bad numbers', runUrl: 'https://ci.example/run/8' };
    rec.log = [];
    const dry = await rollbackDeploy(rec, { ...opts, dryRun: true }, rt);
    expect(dry.rollbackId).toBe('<rollback-id>');
    expect(writes(rec.log), 'the rollback dry run wrote to the warehouse').toEqual([]);
    rec.log = [];
    const real = await rollbackDeploy(rec, opts, rt);
    expect(real.rolledBackTo).toBe(dry.rolledBackTo);
    const planned = writes(dry.statements);
    same('pg rollback', writes(rec.log, { [real.rollbackId]: '<rollback-id>' }), planned);
    expect(planned.filter((s) => /^GRANT /.test(s))).toHaveLength(2);
    expect(planned.some((s) => /ROLLED_BACK/.test(s))).toBe(true);
  });

  it('a prepare taking over an expired lease of a deploy that never finished records it FAILED, as its dry run says', async () => {
    const dead = await prepareDeploy(db.warehouse, base, rt);
    // Its run died during the build: the lease runs out.
    await db.warehouse.query(`UPDATE slipway.deploy_lock SET expires_at = clock_timestamp() - interval '1 minute' WHERE environment = 'prod'`);
    const ctx = await dryRunContext(db.warehouse, base, 'prepare');
    expect(ctx.takeover).toMatchObject({ holder: dead.deployId, status: 'STARTED' });
    const plan = await preparePlan({ ...base, ...ctx, dialect: 'postgres', manifest, manifestSha256: 'sha-3' });
    rec.log = [];
    const p = await prepareDeploy(rec, { ...base, manifest, manifestSha256: 'sha-3' }, rt);
    expect(p.tookOverFrom).toBe(dead.deployId);
    const planned = writes(plan);
    same('pg prepare taking over', writes(rec.log, { [p.deployId]: '<deploy-id>' }), planned);
    expect(planned.some((s) => s.includes(`"${dead.deployId}","prod","FAILED"`))).toBe(true);
  });
});

describe('the dry-run plan is the plan that runs (Snowflake stand-in)', () => {
  const sql = snowflakeDeploySql;
  const a = adminNames('snowflake', { database: 'BUILD' });
  const env = 'prod';
  const base = { environment: env, database: 'BUILD', schemas: ['A', 'B'], actor: 'ci', runUrl: 'https://ci.example/run/9', gitSha: 'f00' };
  const live = { EVENT_SEQ: 2, DEPLOY_ID: 'd0', ENVIRONMENT: env, STATUS: 'LIVE', COLOUR: 'blue', SCHEMAS: '["A","B"]', RECORDED_AT: '2026-12-01T10:00:00Z' };
  const started = { EVENT_SEQ: 3, DEPLOY_ID: 'd1', ENVIRONMENT: env, STATUS: 'STARTED', COLOUR: 'green', PREVIOUS_COLOUR: 'blue', SCHEMAS: '["A","B"]', STARTED_AT: '2026-12-01T11:00:00Z', RECORDED_AT: '2026-12-01T11:00:00Z' };
  const m = tinyManifest({ a: ['orders'], b: ['orders'] });
  const schemaGrants = [{ privilege: 'USAGE', granted_on: 'SCHEMA', granted_to: 'ROLE', grantee_name: 'REPORTER', grant_option: 'false' }];

  /** A warehouse state: DEPLOY_STATE rows, the lock, the colour relations (fresh), live published schemas with a grant, and views in __NEXT. */
  function account(events: Record<string, unknown>[], holder: string | null | ((f: FakeSnowflake) => string | null), nextReads: string): FakeSnowflake {
    const f = new FakeSnowflake();
    f.answer(sql.adminExists(a), [{ PRESENT: 1 }]);
    f.answer(sql.selectEvents(a, env), events);
    f.answer(sql.readLock(a, env), () => [{ HOLDER: typeof holder === 'function' ? holder(f) : holder, EXPIRED: false }]);
    for (const p of ['A', 'B']) {
      for (const c of ['A__GREEN', 'B__GREEN', 'A__BLUE', 'B__BLUE']) f.answer(sql.listRelations('BUILD', c), [{ NAME: 'ORDERS', KIND: 'table' }]);
      f.answer(sql.relationsBuiltSince(a, 'BUILD', `${p}__GREEN`, env, 'd1'), [{ NAME: 'ORDERS', FRESH: true }]);
      f.answer(sql.schemaExists('BUILD', p), [{ PRESENT: 1 }]);
      f.answer(sql.schemaExists('BUILD', `${p}__NEXT`), [{ PRESENT: 1 }]);
      f.answer(sql.listRelations('BUILD', `${p}__NEXT`), [{ NAME: 'ORDERS', KIND: 'view' }]);
      f.answer(sql.viewSources('BUILD', `${p}__NEXT`), [{ VIEW_NAME: 'ORDERS', VIEW_DEFINITION: `CREATE VIEW "${p}__NEXT"."ORDERS" AS SELECT * FROM "BUILD"."${p}__${nextReads}"."ORDERS"` }]);
      const [schemaLevel, ...rest] = sql.readGrants('BUILD', p);
      f.answer(schemaLevel!, schemaGrants);
      const [nextLevel] = sql.readGrants('BUILD', `${p}__NEXT`);
      f.answer(nextLevel!, schemaGrants);
      void rest;
    }
    return f;
  }

  it('cutover of two schemas: the SWAPPING intent, the mirrored grants, one swap each, the audit rows — as planned; all parse', async () => {
    const plannedOn = account([live, started], 'd1', 'BLUE');
    const ctx = await dryRunContext(plannedOn, base, 'cutover');
    expect(ctx.deployId).toBe('d1');
    const plan = await cutoverPlan({ ...base, ...ctx, dialect: 'snowflake', manifest: m });
    const f = account([live, started], 'd1', 'BLUE');
    const r = await cutoverDeploy(f, { ...base, manifest: m }, quietRuntime());
    expect(r.grantsMirrored).toBe(2);
    const planned = writes(plan);
    same('snowflake cutover', writes(f.log), planned);
    expect(planned.filter((s) => /^ALTER SCHEMA "BUILD"\."[AB]" SWAP WITH "BUILD"\."[AB]__NEXT"$/.test(s))).toHaveLength(2);
    expect(planned.filter((s) => /^GRANT USAGE ON SCHEMA/.test(s))).toHaveLength(2);
    const swapping = planned.findIndex((s) => /SWAPPING/.test(s));
    expect(swapping).toBeGreaterThan(-1);
    expect(swapping).toBeLessThan(planned.findIndex((s) => /SWAP WITH/.test(s)));
    if (hasSqlfluff) {
      const all = [...new Set([...plan, ...f.log].map((s) => renderForDisplay(s as Statement, 'snowflake')))];
      expect(unparsableSnowflake(all)).toEqual([]);
    }
  });

  it('database-scope cutover: the database and schema grants mirrored onto <DB>__NEXT, then ONE database swap — as planned; all parse', async () => {
    const db = snowflakeDeploySql.databaseScope!;
    const scoped = { ...base, databaseSwap: true, publishedDatabase: 'ANALYTICS' };
    const withDatabase = (f: FakeSnowflake) => {
      f.answer(db.databaseExists('BUILD', 'ANALYTICS'), [{ PRESENT: 1 }]);
      f.answer(db.listSchemas('ANALYTICS'), [{ NAME: 'A' }, { NAME: 'B' }, { NAME: 'INFORMATION_SCHEMA' }]);
      for (const p of ['A', 'B']) {
        f.answer(sql.listRelations('ANALYTICS', p), [{ NAME: 'ORDERS', KIND: 'view' }]);
        f.answer(sql.readGrants('ANALYTICS', p)[0]!, schemaGrants);
        f.answer(sql.readGrants('ANALYTICS__NEXT', p)[0]!, schemaGrants);
      }
      const usage = [{ privilege: 'USAGE', granted_on: 'DATABASE', granted_to: 'ROLE', grantee_name: 'REPORTER', grant_option: 'false' }];
      f.answer(db.readDatabaseGrants('ANALYTICS')[0]!, usage);
      f.answer(db.readDatabaseGrants('ANALYTICS__NEXT')[0]!, usage);
      return f;
    };
    const plannedOn = withDatabase(account([live, started], 'd1', 'BLUE'));
    const ctx = await dryRunContext(plannedOn, scoped, 'cutover');
    const plan = await cutoverPlan({ ...scoped, ...ctx, dialect: 'snowflake', manifest: m });
    const f = withDatabase(account([live, started], 'd1', 'BLUE'));
    const r = await cutoverDeploy(f, { ...scoped, manifest: m }, quietRuntime());
    expect(r.scope).toBe('database');
    expect(r.grantsMirrored).toBe(3);
    const planned = writes(plan);
    same('snowflake database-scope cutover', writes(f.log), planned);
    expect(planned.filter((s) => /SWAP WITH/.test(s))).toEqual(['ALTER DATABASE "ANALYTICS" SWAP WITH "ANALYTICS__NEXT"']);
    expect(planned.filter((s) => /^GRANT /.test(s))).toHaveLength(3);
    if (hasSqlfluff) {
      // sqlfluff 1.4's Snowflake grammar lacks ALTER DATABASE … SWAP WITH (test/deploy/database-swap.test.ts says so too).
      const all = [...new Set([...plan, ...f.log].map((s) => renderForDisplay(s as Statement, 'snowflake')))].filter((x) => !/^ALTER DATABASE .* SWAP WITH/.test(x));
      expect(unparsableSnowflake(all)).toEqual([]);
    }
  });

  it('prepare: the lock, the green colour schemas and the STARTED row naming the live deploy — as planned; all parse', async () => {
    const events = [{ ...live, EVENT_SEQ: 1, STATUS: 'STARTED' }, live];
    const plannedOn = account(events, (fake) => lockHolder(fake), 'BLUE');
    const ctx = await dryRunContext(plannedOn, base, 'prepare');
    expect(ctx).toMatchObject({ colour: 'green', previousDeployId: 'd0', adminInitialised: true });
    const plan = await preparePlan({ ...base, ...ctx, dialect: 'snowflake', manifest: m, manifestSha256: 'sha-9' });
    const f = account(events, (fake) => lockHolder(fake), 'BLUE');
    const p = await prepareDeploy(f, { ...base, manifest: m, manifestSha256: 'sha-9' }, quietRuntime());
    expect(p.schemas).toEqual(['A__GREEN', 'B__GREEN']);
    const planned = writes(plan);
    same('snowflake prepare', writes(f.log, { [p.deployId]: '<deploy-id>' }), planned);
    expect(planned.filter((s) => /CREATE SCHEMA IF NOT EXISTS "BUILD"\."[AB]__GREEN"/.test(s))).toHaveLength(2);
    expect(planned.some((s) => s.includes('"STARTED"') && s.includes('"d0"') && s.includes('"sha-9"'))).toBe(true);
    if (hasSqlfluff) {
      const all = [...new Set([...plan, ...f.log].map((s) => renderForDisplay(s as Statement, 'snowflake')))];
      expect(unparsableSnowflake(all)).toEqual([]);
    }
  });

  it('rollback: the swap back the dry run prints is the one that runs; all parse', async () => {
    const wentLive = { ...started, EVENT_SEQ: 4, STATUS: 'LIVE', PREVIOUS_DEPLOY_ID: 'd0', RECORDED_AT: '2026-12-01T12:00:00Z' };
    const superseded = { EVENT_SEQ: 5, DEPLOY_ID: 'd0', ENVIRONMENT: env, STATUS: 'SUPERSEDED', COLOUR: 'blue', REASON: 'superseded by d1', RECORDED_AT: '2026-12-01T12:00:00Z' };
    const events = [{ ...live, EVENT_SEQ: 1, STATUS: 'STARTED' }, live, started, wentLive, superseded];
    const opts = { environment: env, database: 'BUILD', actor: 'oncall', reason: 'bad', runUrl: 'https://ci.example/run/10' };
    const dry = await rollbackDeploy(account(events, null, 'BLUE'), { ...opts, dryRun: true }, quietRuntime());
    expect(dry.rolledBackTo).toBe('d0');
    // The lock row reads back as ours once the compare-and-set ran.
    const f = account(events, (fake) => lockHolder(fake), 'BLUE');
    const real = await rollbackDeploy(f, opts, quietRuntime());
    const planned = writes(dry.statements);
    same('snowflake rollback', writes(f.log, { [real.rollbackId]: '<rollback-id>' }), planned);
    expect(planned.filter((s) => /SWAP WITH/.test(s))).toHaveLength(2);
    if (hasSqlfluff) {
      const all = [...new Set([...dry.statements, ...f.log].map((s) => renderForDisplay(s as Statement, 'snowflake')))];
      expect(unparsableSnowflake(all)).toEqual([]);
    }
  });
});

/** The holder the command wrote with its compare-and-set (the first bind of the lock UPDATE it sent), or null before it ran. */
function lockHolder(f: FakeSnowflake): string | null {
  const take = [...f.log].reverse().find((l) => /^UPDATE .*"DEPLOY_LOCK"\s+SET "HOLDER" = \?/.test(l.sql));
  return (take?.binds?.[0] as string | undefined) ?? null;
}
