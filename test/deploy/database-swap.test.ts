/**
 * The opt-in database-scope cutover (`--database-swap`), against a stateful
 * Snowflake stand-in that models databases, schemas, views, grants, the deploy
 * lock and DEPLOY_STATE by statement shape: one `ALTER DATABASE … SWAP WITH …`
 * whatever the schema count, grants mirrored at database, schema and view level
 * and checked before the swap, refusal when the consumer database holds more
 * than the published view schemas, the rollback re-swapping the databases, the
 * Postgres/PGlite refusal, and every statement parsed by the independent grammar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abortDeploy, cutoverDeploy, cutoverPlan, prepareDeploy, preparePlan, rollbackDeploy } from '../../shared/deploy/index.js';
import { renderForDisplay, formatPlan } from '../../shared/sql/plan.js';
import type { Capabilities, QueryResult, Session, Warehouse } from '../../shared/warehouse/types.js';
import { GateFailure, OperationError, UserError } from '../../shared/errors.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import { normaliseRow } from '../../shared/warehouse/snowflake.js';
import { describeSqlfluff, hasSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';
import { quietRuntime, tinyManifest } from './harness.js';

const CAPS: Capabilities = { transactionalDdl: false, schemaSwap: true, databaseSwap: true, timeTravel: true, clone: true, transientObjects: true, concurrentSessions: true };

interface Rel {
  kind: 'table' | 'view';
  /** view: the qualified relation it reads. */
  reads?: string;
}
interface Schema {
  rels: Map<string, Rel>;
  /** `PRIV|ROLE` */
  grants: Set<string>;
  /** `TYPE|PRIV|ROLE` */
  future: Set<string>;
  /** `VIEW|PRIV|ROLE` */
  objectGrants: Set<string>;
}
interface Database {
  schemas: Map<string, Schema>;
  grants: Set<string>;
  future: Set<string>;
}

const names = (q: string) => [...q.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!);
const newSchema = (): Schema => ({ rels: new Map(), grants: new Set(), future: new Set(), objectGrants: new Set() });
const newDatabase = (): Database => ({ schemas: new Map([['PUBLIC', newSchema()]]), grants: new Set(), future: new Set() });

/** A Snowflake stand-in with state: it answers the deploy's statements as Snowflake would and records them. */
class StatefulSnowflake implements Warehouse {
  readonly dialect = 'snowflake' as const;
  readonly capabilities = CAPS;
  readonly description = 'stateful fake snowflake';
  readonly log: { sql: string; binds?: readonly unknown[] }[] = [];
  readonly dbs = new Map<string, Database>();
  readonly events: Record<string, unknown>[] = [];
  holder: string | null = null;
  scopeColumn = false;
  /** Grants to this role silently fail to apply (the deploy role may not grant them). */
  dropGrantsTo?: string;

  schema(db: string, s: string): Schema {
    const d = this.dbs.get(db);
    const x = d?.schemas.get(s);
    if (!x) throw new Error(`fake: no schema ${db}.${s}`);
    return x;
  }

  /** Crash injection: after this many schema swaps the "process" dies (every later statement fails) until revived. */
  dieAfterSwaps?: number;
  dead = false;
  swaps = 0;
  queryOne<Row>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.query<Row>(sql, binds);
  }
  async query<Row>(sql: string, binds: readonly unknown[] = []): Promise<QueryResult<Row>> {
    this.log.push({ sql, binds });
    // Rows in Snowflake's shape (upper-case unquoted names), through the real adapter's normalisation as production sees them.
    return { rows: this.answer(sql, binds).map((r) => normaliseRow(r)) as Row[] };
  }

  private answer(sql: string, b: readonly unknown[]): Record<string, unknown>[] {
    let m: RegExpExecArray | null;
    const n = names(sql);
    if (this.dead) throw new Error('fake: the process died (connection gone)');
    if (sql.startsWith('ALTER SESSION')) return [];
    if ((m = /^ALTER SCHEMA ("[^"]+"\."[^"]+") SWAP WITH ("[^"]+"\."[^"]+")$/.exec(sql))) {
      const [d1, a] = names(m[1]!);
      const [, z] = names(m[2]!);
      const db = this.dbs.get(d1!)!;
      const sa = db.schemas.get(a!)!;
      const sz = db.schemas.get(z!)!;
      db.schemas.set(a!, sz);
      db.schemas.set(z!, sa);
      this.swaps++;
      if (this.dieAfterSwaps !== undefined && this.swaps >= this.dieAfterSwaps) this.dead = true;
      return [];
    }
    if ((m = /^ALTER SCHEMA ("[^"]+"\."[^"]+") RENAME TO ("[^"]+"\."[^"]+")$/.exec(sql))) {
      const [d1, a] = names(m[1]!);
      const [, z] = names(m[2]!);
      const db = this.dbs.get(d1!)!;
      db.schemas.set(z!, db.schemas.get(a!)!);
      db.schemas.delete(a!);
      return [];
    }
    if (/"SEQUENCES"/.test(sql)) {
      const db = /"([^"]+)"\."INFORMATION_SCHEMA"\."TABLES"/.exec(sql)![1]!;
      return [...(this.dbs.get(db)?.schemas.get(String(b[0]))?.rels ?? [])].map(([NAME, r]) => ({ NAME, KIND: r.kind }));
    }
    // prove the build: the stand-in keeps no creation times; every relation in a colour schema counts as built after prepare
    if (/AS "FRESH"/.test(sql)) return [...(this.dbs.get(/"([^"]+)"\."INFORMATION_SCHEMA"\."TABLES"/.exec(sql)![1]!)?.schemas.get(String(b[2]))?.rels.keys() ?? [])].map((name) => ({ NAME: name, FRESH: true }));
    if ((m = /^ALTER DATABASE ("[^"]+") SWAP WITH ("[^"]+")$/.exec(sql))) {
      const [a, z] = [names(m[1]!)[0]!, names(m[2]!)[0]!];
      const da = this.dbs.get(a)!;
      const dz = this.dbs.get(z)!;
      if (!da || !dz) throw new Error(`fake: cannot swap ${a} with ${z}`);
      this.dbs.set(a, dz);
      this.dbs.set(z, da);
      return [];
    }
    if (sql.startsWith('ALTER TABLE') && /ADD COLUMN "CUTOVER_SCOPE"/.test(sql)) {
      this.scopeColumn = true;
      return [];
    }
    if (/^CREATE OR REPLACE DATABASE /.test(sql)) return void this.dbs.set(n[0]!, newDatabase()), [];
    if (/^CREATE DATABASE IF NOT EXISTS /.test(sql)) return void (this.dbs.has(n[0]!) || this.dbs.set(n[0]!, newDatabase())), [];
    if (/^CREATE (OR REPLACE )?SCHEMA /.test(sql)) {
      const d = this.dbs.get(n[0]!)!;
      if (/IF NOT EXISTS/.test(sql) && d.schemas.has(n[1]!)) return [];
      d.schemas.set(n[1]!, newSchema());
      return [];
    }
    if (/^CREATE TABLE IF NOT EXISTS /.test(sql)) return void this.schema(n[0]!, n[1]!).rels.set(n[2]!, { kind: 'table' }), [];
    if (/^CREATE (OR REPLACE )?VIEW /.test(sql)) {
      const head = names(sql.split(' AS ')[0]!);
      const from = /FROM ((?:"[^"]+"\.?)+)\s*$/.exec(sql);
      this.schema(head[0]!, head[1]!).rels.set(head[2]!, { kind: 'view', reads: from?.[1] });
      return [];
    }
    if ((m = /^GRANT (\w+) ON (DATABASE|SCHEMA|VIEW|FUTURE (\w+) IN (DATABASE|SCHEMA)) ((?:"[^"]+"\.?)+) TO ROLE "([^"]+)"/.exec(sql))) {
      const [, priv, on, futureType, futureIn, target, role] = m;
      if (role === this.dropGrantsTo) return [];
      const t = names(target!);
      if (on === 'DATABASE') this.dbs.get(t[0]!)!.grants.add(`${priv}|${role}`);
      else if (on === 'SCHEMA') this.schema(t[0]!, t[1]!).grants.add(`${priv}|${role}`);
      else if (on === 'VIEW') this.schema(t[0]!, t[1]!).objectGrants.add(`${t[2]}|${priv}|${role}`);
      else if (futureIn === 'DATABASE') this.dbs.get(t[0]!)!.future.add(`${futureType!.replace(/S$/, '')}|${priv}|${role}`);
      else this.schema(t[0]!, t[1]!).future.add(`${futureType!.replace(/S$/, '')}|${priv}|${role}`);
      return [];
    }
    if ((m = /^SHOW (FUTURE )?GRANTS (?:ON|IN) (DATABASE|SCHEMA) /.exec(sql))) {
      const future = !!m[1];
      const src = m[2] === 'DATABASE' ? this.dbs.get(n[0]!)! : this.schema(n[0]!, n[1]!);
      const owner = { privilege: 'OWNERSHIP', granted_to: 'ROLE', grantee_name: 'DEPLOYER', grant_option: 'true' };
      if (future) return [...src.future].map((g) => g.split('|')).map(([on, privilege, role]) => ({ privilege, grant_on: on, grant_to: 'ROLE', grantee_name: role, grant_option: 'false' }));
      return [owner, ...[...src.grants].map((g) => g.split('|')).map(([privilege, role]) => ({ privilege, granted_to: 'ROLE', grantee_name: role, grant_option: 'false' }))];
    }
    // INFORMATION_SCHEMA views: n[0] becomes the database they belong to
    const isDb = /"([^"]+)"\."INFORMATION_SCHEMA"/.exec(sql);
    if (isDb) n.unshift(isDb[1]!);
    if (/"INFORMATION_SCHEMA"\."TABLE_PRIVILEGES"/.test(sql)) {
      const s = this.dbs.get(n[0]!)?.schemas.get(String(b[0]));
      return [...(s?.objectGrants ?? [])].map((g) => g.split('|')).map(([NAME, PRIVILEGE, GRANTEE]) => ({ NAME, PRIVILEGE, GRANTEE, GRANT_OPTION: 'NO' }));
    }
    if (/"INFORMATION_SCHEMA"\."DATABASES"/.test(sql)) return this.dbs.has(String(b[0])) ? [{ PRESENT: 1 }] : [];
    if (/"INFORMATION_SCHEMA"\."COLUMNS"/.test(sql)) return this.scopeColumn ? [{ PRESENT: 1 }] : [];
    if (/"INFORMATION_SCHEMA"\."SCHEMATA" ORDER BY/.test(sql)) return [{ NAME: 'INFORMATION_SCHEMA' }, ...[...this.dbs.get(n[0]!)!.schemas.keys()].map((NAME) => ({ NAME }))];
    if (/"INFORMATION_SCHEMA"\."SCHEMATA" WHERE/.test(sql)) return this.dbs.get(n[0]!)?.schemas.has(String(b[0])) ? [{ PRESENT: 1 }] : [];
    if (/"INFORMATION_SCHEMA"\."VIEWS"/.test(sql)) {
      const s = this.dbs.get(n[0]!)?.schemas.get(String(b[0]));
      return [...(s?.rels ?? [])].filter(([, r]) => r.kind === 'view').map(([VIEW_NAME, r]) => ({ VIEW_NAME, VIEW_DEFINITION: `create view x as SELECT * FROM ${r.reads}` }));
    }
    if (/"INFORMATION_SCHEMA"\."TABLES"/.test(sql)) {
      const s = this.dbs.get(n[0]!)?.schemas.get(String(b[0]));
      const rels = [...(s?.rels ?? [])];
      if (/"TABLE_NAME" = \?/.test(sql)) return rels.some(([k]) => k === b[1]) ? [{ PRESENT: 1 }] : [];
      if (/"ROW_COUNT"/.test(sql)) return rels.filter(([, r]) => r.kind === 'table').map(([NAME]) => ({ NAME, N: 100 }));
      return rels.map(([NAME, r]) => ({ NAME, KIND: r.kind }));
    }
    if (/^INSERT INTO .*"DEPLOY_STATE"/.test(sql)) {
      const cols = names(/\(([^)]*)\) VALUES/.exec(sql)![1]!);
      if (cols.includes('CUTOVER_SCOPE') && !this.scopeColumn) throw new Error('fake: invalid identifier CUTOVER_SCOPE');
      const row: Record<string, unknown> = { EVENT_SEQ: this.events.length + 1, RECORDED_AT: `2026-11-22T00:00:${String(this.events.length).padStart(2, '0')}Z` };
      cols.forEach((c, i) => (row[c] = b[i]));
      this.events.push(row);
      return [];
    }
    if (/"DEPLOY_STATE" WHERE "ENVIRONMENT" = \?/.test(sql)) return this.events.filter((e) => e.ENVIRONMENT === b[0]);
    if (/^MERGE INTO .*"DEPLOY_LOCK"/.test(sql)) return [];
    if (/^UPDATE .*"DEPLOY_LOCK"\s+SET "HOLDER" = \?/.test(sql)) {
      if (!this.holder) this.holder = String(b[0]);
      return [];
    }
    if (/^UPDATE .*"DEPLOY_LOCK" SET "HOLDER" = NULL/.test(sql)) {
      if (b.length === 1 || b[1] === this.holder) this.holder = null;
      return [];
    }
    if (/^UPDATE .*"DEPLOY_LOCK" SET "EXPIRES_AT"/.test(sql)) return [];
    if (/FROM .*"DEPLOY_LOCK"/.test(sql)) return [{ HOLDER: this.holder, EXPIRED: false }];
    if (/^CREATE OR REPLACE VIEW/.test(sql)) return [];
    throw new Error(`fake snowflake: unexpected statement ${sql}`);
  }

  withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    return fn({ query: (sql, binds) => this.query(sql, binds) });
  }
  transaction<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    return this.withSession(fn);
  }
  async close(): Promise<void> {}

  /** What dbt would do: tables in the colour schemas of BUILD. */
  build(published: string[], suffix: string, models: string[]): void {
    for (const p of published) {
      const s = this.dbs.get('BUILD')!.schemas.get(`${p}${suffix}`) ?? newSchema();
      for (const m of models) s.rels.set(m, { kind: 'table' });
      this.dbs.get('BUILD')!.schemas.set(`${p}${suffix}`, s);
    }
  }

  /** The consumer database as a consumer sees it: view → what it reads. */
  consumerView(db = 'ANALYTICS'): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [s, sc] of this.dbs.get(db)?.schemas ?? []) for (const [v, r] of sc.rels) out[`${s}.${v}`] = r.reads ?? r.kind;
    return out;
  }
}

const SCHEMAS = ['A', 'B', 'C'];
const MODELS = ['ORDERS', 'CUSTOMERS'];
const manifest = tinyManifest(Object.fromEntries(SCHEMAS.map((s) => [s.toLowerCase(), MODELS.map((m) => m.toLowerCase())])));
const opts = { environment: 'prod', actor: 'ci', database: 'BUILD', databaseSwap: true, publishedDatabase: 'ANALYTICS', manifest };

/** A warehouse where ANALYTICS already serves the blue colour with grants at every level. */
function world(): StatefulSnowflake {
  const wh = new StatefulSnowflake();
  wh.dbs.set('BUILD', newDatabase());
  wh.build(SCHEMAS, '__BLUE', MODELS);
  const pub = newDatabase();
  pub.grants.add('USAGE|REPORTER');
  pub.future.add('SCHEMA|USAGE|REPORTER');
  pub.future.add('VIEW|SELECT|REPORTER');
  for (const s of SCHEMAS) {
    const sc = newSchema();
    for (const m of MODELS) sc.rels.set(m, { kind: 'view', reads: `"BUILD"."${s}__BLUE"."${m}"` });
    sc.grants.add('USAGE|REPORTER');
    sc.future.add('VIEW|SELECT|ANALYST');
    sc.objectGrants.add('ORDERS|SELECT|ANALYST');
    pub.schemas.set(s, sc);
  }
  wh.dbs.set('ANALYTICS', pub);
  return wh;
}

async function deploy(wh: StatefulSnowflake, suffix: string) {
  const rt = quietRuntime();
  const p = await prepareDeploy(wh, opts, rt);
  expect(p.schemaSuffix).toBe(suffix);
  wh.build(SCHEMAS, suffix, MODELS);
  return cutoverDeploy(wh, opts, rt);
}

describe('database-scope cutover on Snowflake (stateful stand-in)', () => {
  it('cuts every published schema over with ONE ALTER DATABASE … SWAP WITH …, views reading the colour schemas fully qualified', async () => {
    const wh = world();
    const r = await deploy(wh, '__BLUE');
    expect(r.scope).toBe('database');
    expect(r.databases).toEqual({ published: 'ANALYTICS', next: 'ANALYTICS__NEXT' });
    const sqls = wh.log.map((l) => l.sql);
    expect(sqls.filter((s) => /SWAP WITH/.test(s))).toEqual(['ALTER DATABASE "ANALYTICS" SWAP WITH "ANALYTICS__NEXT"']);
    expect(sqls.some((s) => /^ALTER SCHEMA/.test(s))).toBe(false);
    expect(r.swapStatements).toBe(1);
    expect(r.swapWindowMs).toBe(0);
    expect(wh.consumerView()).toEqual(Object.fromEntries(SCHEMAS.flatMap((s) => MODELS.map((m) => [`${s}.${m}`, `"BUILD"."${s}__BLUE"."${m}"`]))));
    expect(sqls).toContain('CREATE VIEW "ANALYTICS__NEXT"."B"."ORDERS" AS SELECT * FROM "BUILD"."B__BLUE"."ORDERS"');
    // the LIVE row records the database scope (after adding the column to an older DEPLOY_STATE)
    expect(wh.events.find((e) => e.STATUS === 'LIVE')).toMatchObject({ DEPLOY_ID: r.deployId, CUTOVER_SCOPE: 'database:ANALYTICS' });
    expect(sqls.findIndex((s) => /ADD COLUMN "CUTOVER_SCOPE"/.test(s))).toBeLessThan(sqls.findIndex((s) => /SWAP WITH/.test(s)));
    expect(wh.holder).toBeNull();
  });

  it('the swap count stays one whatever the number of published schemas', async () => {
    for (const count of [1, 7]) {
      const schemas = Array.from({ length: count }, (_, i) => `S${i}`);
      const plan = await cutoverPlan({ ...opts, dialect: 'snowflake', manifest: tinyManifest(Object.fromEntries(schemas.map((s) => [s, ['m1', 'm2']]))) });
      expect(plan.filter((s) => /SWAP WITH|RENAME TO/.test(s.sql)).map((s) => s.sql)).toEqual(['ALTER DATABASE "ANALYTICS" SWAP WITH "ANALYTICS__NEXT"']);
      expect(plan.filter((s) => s.sql.startsWith('CREATE VIEW'))).toHaveLength(count * 2);
    }
  });

  it('mirrors database-, schema- and view-level grants (direct and future) before the views, and checks them before the swap', async () => {
    const wh = world();
    await deploy(wh, '__BLUE');
    const sqls = wh.log.map((l) => l.sql);
    const idx = (s: string) => sqls.indexOf(s);
    const swap = idx('ALTER DATABASE "ANALYTICS" SWAP WITH "ANALYTICS__NEXT"');
    const recreate = idx('CREATE OR REPLACE DATABASE "ANALYTICS__NEXT"');
    expect(recreate).toBeGreaterThan(-1);
    for (const g of ['GRANT USAGE ON DATABASE "ANALYTICS__NEXT" TO ROLE "REPORTER"', 'GRANT USAGE ON FUTURE SCHEMAS IN DATABASE "ANALYTICS__NEXT" TO ROLE "REPORTER"', 'GRANT SELECT ON FUTURE VIEWS IN DATABASE "ANALYTICS__NEXT" TO ROLE "REPORTER"']) {
      expect(idx(g)).toBeGreaterThan(recreate);
      expect(idx(g)).toBeLessThan(idx('CREATE SCHEMA "ANALYTICS__NEXT"."A"'));
    }
    expect(idx('GRANT SELECT ON FUTURE VIEWS IN SCHEMA "ANALYTICS__NEXT"."C" TO ROLE "ANALYST"')).toBeLessThan(idx('CREATE VIEW "ANALYTICS__NEXT"."C"."ORDERS" AS SELECT * FROM "BUILD"."C__BLUE"."ORDERS"'));
    expect(idx('GRANT SELECT ON VIEW "ANALYTICS__NEXT"."C"."ORDERS" TO ROLE "ANALYST"')).toBeLessThan(swap);
    expect(idx('SHOW GRANTS ON DATABASE "ANALYTICS__NEXT"')).toBeLessThan(swap);
    expect(idx('SHOW FUTURE GRANTS IN SCHEMA "ANALYTICS__NEXT"."C"')).toBeLessThan(swap);
    expect(sqls.some((s) => s.startsWith('GRANT OWNERSHIP'))).toBe(false);
    // after the swap the consumer database carries every grant it had
    const live = wh.dbs.get('ANALYTICS')!;
    expect([...live.grants]).toEqual(['USAGE|REPORTER']);
    expect([...live.future].sort()).toEqual(['SCHEMA|USAGE|REPORTER', 'VIEW|SELECT|REPORTER']);
    expect([...live.schemas.get('B')!.objectGrants]).toEqual(['ORDERS|SELECT|ANALYST']);
  });

  it('a grant that cannot be mirrored stops the cutover before the swap; consumers keep the old database; FAILED recorded', async () => {
    for (const role of ['REPORTER', 'ANALYST']) {
      const wh = world();
      wh.dropGrantsTo = role;
      const before = wh.consumerView();
      const err = await deploy(wh, '__BLUE').catch((e) => e);
      expect(err).toBeInstanceOf(GateFailure);
      expect(err.message).toMatch(/staging database ANALYTICS__NEXT is missing \d+ grant\(s\) that ANALYTICS carries/);
      expect(err.details.items.join('\n')).toContain(role);
      expect(wh.log.some((l) => /SWAP WITH/.test(l.sql))).toBe(false);
      expect(wh.consumerView()).toEqual(before);
      expect(wh.events.at(-1)).toMatchObject({ STATUS: 'FAILED' });
      expect(wh.holder).toBeNull();
    }
  });

  it('refuses when the consumer database holds anything but the published view schemas, naming them, before building anything', async () => {
    const wh = world();
    const pub = wh.dbs.get('ANALYTICS')!;
    pub.schemas.set('A__GREEN', newSchema());
    pub.schemas.set('SLIPWAY', newSchema());
    pub.schemas.get('B')!.rels.set('RAW_EVENTS', { kind: 'table' });
    const err = await deploy(wh, '__BLUE').catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/ANALYTICS must hold only Slipway's published view schemas/);
    expect(err.message).toContain('A__GREEN, SLIPWAY');
    expect(err.message).toContain('B.RAW_EVENTS');
    expect(wh.log.some((l) => /ANALYTICS__NEXT|SWAP WITH|^GRANT/.test(l.sql))).toBe(false);
    expect(wh.events.at(-1)).toMatchObject({ STATUS: 'FAILED' });

    // an empty PUBLIC schema (Snowflake creates one in every database) is fine; a populated one is not
    const ok = world();
    await expect(deploy(ok, '__BLUE')).resolves.toMatchObject({ scope: 'database' });
    const bad = world();
    bad.dbs.get('ANALYTICS')!.schemas.get('PUBLIC')!.rels.set('SCRATCH', { kind: 'table' });
    await expect(deploy(bad, '__BLUE')).rejects.toThrow(/It also holds schema\(s\) PUBLIC/);
  });

  it('refuses bad options before touching the warehouse', async () => {
    const wh = world();
    const rt = quietRuntime();
    await expect(prepareDeploy(wh, { ...opts, publishedDatabase: undefined }, rt)).rejects.toThrow(/needs --published-database/);
    await expect(prepareDeploy(wh, { ...opts, database: undefined }, rt)).rejects.toThrow(/needs --database/);
    await expect(prepareDeploy(wh, { ...opts, publishedDatabase: 'build' }, rt)).rejects.toThrow(/is also --database/);
    await expect(prepareDeploy(wh, { ...opts, databaseSwap: false }, rt)).rejects.toThrow(/--published-database only applies with --database-swap/);
    expect(wh.log).toEqual([]);
  });

  it('the first database-scope deploy creates the consumer database empty and swaps with it (no rename)', async () => {
    const wh = world();
    wh.dbs.delete('ANALYTICS');
    const r = await deploy(wh, '__BLUE');
    expect(r.swapStatements).toBe(1);
    const sqls = wh.log.map((l) => l.sql);
    expect(sqls.filter((s) => /^ALTER DATABASE/.test(s))).toEqual(['ALTER DATABASE "ANALYTICS" SWAP WITH "ANALYTICS__NEXT"']);
    expect(sqls.indexOf('CREATE DATABASE IF NOT EXISTS "ANALYTICS"')).toBeLessThan(sqls.indexOf('ALTER DATABASE "ANALYTICS" SWAP WITH "ANALYTICS__NEXT"'));
    expect(Object.keys(wh.consumerView())).toHaveLength(SCHEMAS.length * MODELS.length);
  });

  it('rollback re-swaps the databases in one statement, and refuses schema-by-schema rollback', async () => {
    const wh = world();
    const first = await deploy(wh, '__BLUE');
    const second = await deploy(wh, '__GREEN');
    expect(Object.values(wh.consumerView()).every((v) => v.includes('__GREEN'))).toBe(true);
    const rt = quietRuntime();
    await expect(rollbackDeploy(wh, { environment: 'prod', database: 'BUILD', actor: 'oncall', reason: 'x', schemas: ['A'] }, rt)).rejects.toThrow(/only be rolled back together/);
    const dry = await rollbackDeploy(wh, { environment: 'prod', database: 'BUILD', actor: 'oncall', reason: 'bad numbers', dryRun: true }, rt);
    expect(dry.scope).toBe('database');
    expect(dry.statements.filter((s) => /SWAP WITH/.test(s.sql)).map((s) => s.sql)).toEqual(['ALTER DATABASE "ANALYTICS" SWAP WITH "ANALYTICS__NEXT"']);
    const n = wh.log.length;
    const r = await rollbackDeploy(wh, { environment: 'prod', database: 'BUILD', actor: 'oncall', reason: 'bad numbers' }, rt);
    expect(r).toMatchObject({ rolledBackFrom: second.deployId, rolledBackTo: first.deployId, colour: 'blue', scope: 'database' });
    expect(wh.log.slice(n).filter((l) => /SWAP WITH/.test(l.sql)).map((l) => l.sql)).toEqual(['ALTER DATABASE "ANALYTICS" SWAP WITH "ANALYTICS__NEXT"']);
    expect(wh.log.slice(n).some((l) => /^CREATE/.test(l.sql))).toBe(false);
    expect(Object.values(wh.consumerView()).every((v) => v.includes('__BLUE'))).toBe(true);
    expect(wh.events.filter((e) => e.STATUS === 'ROLLED_BACK')).toHaveLength(1);
    expect(wh.events.at(-1)).toBeDefined();
    expect(wh.events.find((e) => e.STATUS === 'LIVE' && e.DEPLOY_ID === first.deployId && String(e.REASON ?? '').startsWith('rollback'))).toMatchObject({ CUTOVER_SCOPE: 'database:ANALYTICS' });
    // and back again: the re-swap is symmetric
    await rollbackDeploy(wh, { environment: 'prod', database: 'BUILD', actor: 'oncall', reason: 'it was fine', to: second.deployId }, rt);
    expect(Object.values(wh.consumerView()).every((v) => v.includes('__GREEN'))).toBe(true);
  });

  it('rollback refuses when the staging database no longer holds the previous views', async () => {
    const wh = world();
    wh.dbs.delete('ANALYTICS');
    await deploy(wh, '__BLUE');
    await deploy(wh, '__GREEN');
    wh.dbs.delete('ANALYTICS__NEXT');
    const rt = quietRuntime();
    await expect(rollbackDeploy(wh, { environment: 'prod', database: 'BUILD', actor: 'x', reason: 'y' }, rt)).rejects.toThrow(/staging database ANALYTICS__NEXT holding the previous views is gone/);
    const wh2 = world();
    wh2.dbs.delete('ANALYTICS');
    await deploy(wh2, '__BLUE');
    await deploy(wh2, '__GREEN');
    wh2.dbs.get('ANALYTICS__NEXT')!.schemas.get('B')!.rels.set('ORDERS', { kind: 'view', reads: '"BUILD"."B__GREEN"."ORDERS"' });
    await expect(rollbackDeploy(wh2, { environment: 'prod', database: 'BUILD', actor: 'x', reason: 'y' }, rt)).rejects.toThrow(/ANALYTICS__NEXT\.B does not hold the views of deploy .*B__GREEN instead of B__BLUE/);
  });

  it('dry run prints the whole database-scope plan', async () => {
    const plan = await cutoverPlan({ ...opts, dialect: 'snowflake' });
    const text = formatPlan(plan, 'snowflake');
    for (const s of [
      'SHOW GRANTS ON DATABASE "ANALYTICS";',
      'SHOW FUTURE GRANTS IN DATABASE "ANALYTICS";',
      'CREATE OR REPLACE DATABASE "ANALYTICS__NEXT";',
      'CREATE SCHEMA "ANALYTICS__NEXT"."C";',
      'CREATE VIEW "ANALYTICS__NEXT"."A"."ORDERS" AS SELECT * FROM "BUILD"."A__GREEN"."ORDERS";',
      'SHOW GRANTS ON DATABASE "ANALYTICS__NEXT";',
      'SHOW FUTURE GRANTS IN SCHEMA "ANALYTICS__NEXT"."B";',
      'ALTER DATABASE "ANALYTICS" SWAP WITH "ANALYTICS__NEXT";',
      "'database:ANALYTICS'",
    ]) expect(text).toContain(s);
    expect(text).not.toMatch(/ALTER SCHEMA/);
  });
});

describe('database scope on engines without databaseSwap', () => {
  let wh: PgliteWarehouse;
  beforeAll(async () => {
    wh = await PgliteWarehouse.open({ path: 'memory' } as never);
  });
  afterAll(async () => {
    await wh.close();
  });

  it('PGlite: UserError naming the capability and saying the option is unnecessary; nothing created', async () => {
    const rt = quietRuntime();
    for (const call of [() => prepareDeploy(wh, { ...opts, schemas: ['a'] }, rt), () => cutoverDeploy(wh, { ...opts, schemas: ['a'] }, rt)]) {
      const err = await call().catch((e) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(err.message).toMatch(/databaseSwap capability/);
      expect(err.hint).toMatch(/already one transaction, so the option is unnecessary/);
    }
    expect((await wh.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = 'slipway'`)).rows).toHaveLength(0);
  });

  it('Postgres dry run refuses the same way', async () => {
    await expect(cutoverPlan({ ...opts, dialect: 'postgres' })).rejects.toThrow(/databaseSwap capability/);
    await expect(preparePlan({ ...opts, dialect: 'postgres' })).rejects.toMatchObject({ hint: expect.stringMatching(/unnecessary/) });
  });
});

describeSqlfluff('database-scope SQL parses with the independent grammar', () => {
  it('every Snowflake statement the database-scope cutover, rollback and dry run issue (except ALTER DATABASE … SWAP WITH)', async () => {
    const wh = world();
    await deploy(wh, '__BLUE');
    await deploy(wh, '__GREEN');
    await rollbackDeploy(wh, { environment: 'prod', database: 'BUILD', actor: 'x', reason: 'y' }, quietRuntime());
    const fresh = world();
    fresh.dbs.delete('ANALYTICS');
    await deploy(fresh, '__BLUE');
    const plan = [...(await preparePlan({ ...opts, dialect: 'snowflake' })), ...(await cutoverPlan({ ...opts, dialect: 'snowflake' }))];
    const all = [...new Set([...wh.log, ...fresh.log, ...plan].map((s) => renderForDisplay(s, 'snowflake')))];
    expect(all.length).toBeGreaterThan(60);
    // sqlfluff 1.4.5 (2022) has no ALTER DATABASE … SWAP WITH; it is checked against the Snowflake docs' syntax instead.
    const failures = unparsableSnowflake(all);
    expect(failures.map((f) => f.sql)).toEqual(['ALTER DATABASE "ANALYTICS" SWAP WITH "ANALYTICS__NEXT"']);
  });
});

describe('schema-scope cutover over several schemas on Snowflake: a crash between the swaps converges (stateful stand-in)', () => {
  const schemaOpts = { environment: 'prod', actor: 'ci', database: 'BUILD', schemas: SCHEMAS, manifest };
  /** BUILD holds the colour schemas and the published schemas A, B, C; a first deploy publishes blue. */
  async function live(): Promise<StatefulSnowflake> {
    const wh = new StatefulSnowflake();
    wh.dbs.set('BUILD', newDatabase());
    const p = await prepareDeploy(wh, schemaOpts, quietRuntime());
    wh.build(SCHEMAS, '__BLUE', MODELS);
    await cutoverDeploy(wh, { ...schemaOpts, deployId: p.deployId }, quietRuntime());
    return wh;
  }
  const reads = (wh: StatefulSnowflake) => SCHEMAS.map((s) => [...wh.dbs.get('BUILD')!.schemas.get(s)!.rels.values()].map((r) => /__(BLUE|GREEN)/.exec(r.reads ?? '')?.[1]).join(','));

  async function crashAfterFirstSwap(wh: StatefulSnowflake) {
    const p = await prepareDeploy(wh, schemaOpts, quietRuntime());
    wh.build(SCHEMAS, '__GREEN', MODELS);
    wh.dieAfterSwaps = wh.swaps + 1;
    const err = (await cutoverDeploy(wh, { ...schemaOpts, deployId: p.deployId }, quietRuntime()).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(OperationError);
    expect(err.message).toMatch(/still read the new colour: the deploy stays SWAPPING/);
    wh.dead = false;
    wh.dieAfterSwaps = undefined;
    expect(reads(wh)).toEqual(['GREEN,GREEN', 'BLUE,BLUE', 'BLUE,BLUE']); // mixed: A already swapped
    const swapping = wh.events.filter((e) => e.STATUS === 'SWAPPING' && e.DEPLOY_ID === p.deployId);
    expect(swapping).toHaveLength(1);
    expect(wh.events.filter((e) => e.DEPLOY_ID === p.deployId).at(-1)!.STATUS).toBe('SWAPPING'); // not recorded FAILED: that would be a lie
    expect(JSON.parse(String(swapping[0]!.SCHEMAS))).toEqual(SCHEMAS); // the intended swaps, recorded before the first
    return p.deployId;
  }

  it('abort after the crash swaps the done schema back: every published schema reads the live deploy again, FAILED, lock free', async () => {
    const wh = await live();
    const id = await crashAfterFirstSwap(wh);
    const rt = quietRuntime();
    const r = await abortDeploy(wh, { environment: 'prod', database: 'BUILD', reason: 'runner killed', actor: 'oncall' }, rt);
    expect(r).toMatchObject({ deployId: id, aborted: true });
    expect(reads(wh)).toEqual(['BLUE,BLUE', 'BLUE,BLUE', 'BLUE,BLUE']);
    expect(wh.events.at(-1)).toMatchObject({ DEPLOY_ID: id, STATUS: 'FAILED' });
    expect(String(wh.events.at(-1)!.REASON)).toMatch(/swapped back 1 schema\(s\) \(A\)/);
    expect(wh.holder).toBeNull();
    expect(rt.lines.join('\n')).toMatch(/every published schema reads the previous deploy again/);
  });

  it('a cutover rerun after the crash finishes the remaining swaps: every published schema reads the new deploy, LIVE', async () => {
    const wh = await live();
    const id = await crashAfterFirstSwap(wh);
    const r = await cutoverDeploy(wh, { ...schemaOpts, deployId: id }, quietRuntime());
    expect(r.swapStatements).toBe(2);
    expect(reads(wh)).toEqual(['GREEN,GREEN', 'GREEN,GREEN', 'GREEN,GREEN']);
    expect(wh.events.filter((e) => e.DEPLOY_ID === id).map((e) => e.STATUS).slice(-2)).toEqual(['SWAPPING', 'LIVE']);
    expect(wh.holder).toBeNull();
  });

  it('every statement of the crash and both recoveries parses (sqlfluff)', async () => {
    if (!hasSqlfluff) return;
    const a = await live();
    await crashAfterFirstSwap(a);
    await abortDeploy(a, { environment: 'prod', database: 'BUILD', reason: 'x', actor: 'y' }, quietRuntime());
    const b = await live();
    const id = await crashAfterFirstSwap(b);
    await cutoverDeploy(b, { ...schemaOpts, deployId: id }, quietRuntime());
    const all = [...new Set([...a.log, ...b.log].map((s) => renderForDisplay(s, 'snowflake')))];
    expect(unparsableSnowflake(all).map((f) => f.sql)).toEqual([]);
  }, 600_000);
});
