/**
 * The swap engine shared by cutover and rollback: stage the views, mirror the
 * grants the live schema carries, check them, then make the change visible in
 * one step — one transaction on Postgres, one `ALTER SCHEMA … SWAP WITH …`
 * per published schema on Snowflake — and write the audit rows.
 */
import { GateFailure, OperationError, UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import type { Statement } from '../sql/plan.js';
import type { Queryable, Session, Warehouse } from '../warehouse/types.js';
import type { AdminNames, DatabaseScopeSql, DeploySql, Grant } from '../dialects/deploy.js';
import { LockWaitPolicy, DEFAULT_LOCK_BUDGET_MS } from './lock-policy.js';
import { readLock, run } from './state.js';

export interface SwapTarget {
  published: string;
  next: string;
  /** Statements that fill the staging schema with the new views (empty for a rollback: they are already there). */
  build: Statement[];
  /** Views the staging schema will hold (grants on same-named live views are mirrored onto them). */
  nextViews: string[];
}

export interface SwapOptions {
  environment: string;
  /** The lock holder running this swap. */
  holder: string;
  database?: string;
  /** Postgres: how long the first attempt waits for readers (later attempts wait longer, always below deadlock_timeout). */
  lockTimeoutMs?: number;
  /** Postgres: total time to keep trying to take the view locks under steady readers (default 5 minutes); there is no attempt limit. */
  lockBudgetMs?: number;
  /**
   * Database scope (opt-in, `capabilities.databaseSwap`): every published schema
   * is staged in the database `next` and cut over with ONE
   * `ALTER DATABASE <published> SWAP WITH <next>`. Targets then name schemas
   * inside these databases (`published` = `next` = the schema name).
   */
  databaseScope?: DatabaseScope;
  /** Non-transactional DDL: the SWAPPING row recording the intended swaps, written before the first (converge.ts finishes or reverses them after a crash). */
  intent?: Statement;
  /** SIGINT/SIGTERM probe: checked between swaps; the swaps done so far are reversed and the error says so. */
  signals?: { requested(): string | undefined };
}

export interface DatabaseScope {
  /** The consumer-facing database holding only the published view schemas. */
  published: string;
  /** Its staging twin `<published>__NEXT`. */
  next: string;
  /** The database of the colour schemas and the admin schema (views read it fully qualified). Required to build; a rollback may leave it out. */
  data?: string;
}

export interface SwapOutcome {
  /** Every statement that changed something, in order. */
  statements: Statement[];
  /** Statements that made the change visible (one per schema on Snowflake). */
  swapStatements: Statement[];
  /** Snowflake: time between the first and the last schema swap (a cross-schema query could see a mix in that window). */
  swapWindowMs: number;
  grantsMirrored: number;
  lockAttempts: number;
}

const key = (g: Grant) => `${g.level}|${g.on}|${g.privilege}|${g.granteeType}|${g.grantee}|${g.grantOption}`;

export function missingGrants(expected: Grant[], actual: Grant[]): Grant[] {
  const have = new Set(actual.map(key));
  // A grant WITH GRANT OPTION satisfies the same grant without it.
  for (const g of actual) if (g.grantOption) have.add(key({ ...g, grantOption: false }));
  return expected.filter((g) => !have.has(key(g)));
}

export function describeGrant(g: Grant): string {
  const on =
    g.level === 'schema' ? 'the schema' : g.level === 'future' ? `future ${g.on}s` : g.level === 'database' ? 'the database' : g.level === 'database_future' ? `future ${g.on}s in the database` : g.on;
  return `${g.privilege} on ${on} to ${g.granteeType === 'PUBLIC' ? 'PUBLIC' : `${g.granteeType.toLowerCase().replace('_', ' ')} ${g.grantee}`}${g.grantOption ? ' with grant option' : ''}`;
}

async function readGrants(q: Queryable, sql: DeploySql, database: string | undefined, schema: string): Promise<Grant[]> {
  const results: Record<string, unknown>[][] = [];
  for (const st of sql.readGrants(database, schema)) results.push(await run(q, st));
  return sql.parseGrants(results, schema);
}

/** Grants of the live schema that must also exist on the staging schema (object grants only for views both hold). */
export function grantsToMirror(liveGrants: Grant[], nextViews: string[]): Grant[] {
  const views = new Set(nextViews);
  return liveGrants.filter((g) => g.level !== 'object' || views.has(g.on));
}

async function exists(q: Queryable, sql: DeploySql, database: string | undefined, schema: string): Promise<boolean> {
  return (await run(q, sql.schemaExists(database, schema))).length > 0;
}

async function liveViews(q: Queryable, sql: DeploySql, database: string | undefined, schema: string): Promise<string[]> {
  const rows = await run(q, sql.listRelations(database, schema));
  return rows.map((r) => String(r.name ?? r.NAME));
}

function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function checkLockHeld(lock: Awaited<ReturnType<typeof readLock>>, environment: string, holder: string): void {
  if (lock?.holder !== holder) {
    throw new GateFailure(`Deploy ${holder} no longer holds the deploy lock for environment '${environment}' (held by ${lock?.holder ?? 'nobody'}); nothing was switched.`, {
      hint: 'Its lease expired or it was unlocked. Start a new deploy (prepare, build, cutover).',
      details: { lock },
    });
  }
}

async function grantCheck(q: Queryable, sql: DeploySql, database: string | undefined, t: SwapTarget, expected: Grant[]): Promise<void> {
  const actual = await readGrants(q, sql, database, t.next);
  const missing = missingGrants(expected, actual);
  if (missing.length) {
    throw new GateFailure(`The staging schema ${t.next} is missing ${missing.length} grant(s) that ${t.published} carries; the swap would drop them, so nothing was switched.`, {
      hint: 'Give the deploy role the right to grant these privileges (ownership of the schema, or MANAGE GRANTS on Snowflake).',
      details: { check: 'grants', items: missing.map(describeGrant) },
    });
  }
}

/**
 * Postgres: everything in ONE transaction — staging views, mirrored grants,
 * the grant check, exclusive locks on the live views (bounded waits, retried
 * from a savepoint so readers are never deadlocked), the renames that swap
 * the schemas, the audit rows and the lock release. A lost connection at any
 * point rolls the whole thing back.
 */
async function swapPostgres(wh: Warehouse, sql: DeploySql, a: AdminNames, targets: SwapTarget[], record: Statement[], opts: SwapOptions): Promise<SwapOutcome> {
  const tx = sql.transactional;
  if (!tx) throw new OperationError(`The ${sql.dialect} dialect module has no transactional cutover statements.`);
  return wh.transaction(async (s: Session) => {
    const done: Statement[] = [];
    const exec = async (st: Statement) => {
      await run(s, st);
      done.push(st);
    };
    /** Run many DDL statements in few round trips (DO blocks); record them one by one. */
    const execAll = async (sts: Statement[]) => {
      for (const b of tx.batch(sts)) await run(s, b);
      done.push(...sts);
    };
    checkLockHeld(await readLock(s, sql, a, opts.environment, true), opts.environment, opts.holder);
    let mirrored = 0;
    const live: { t: SwapTarget; exists: boolean; views: string[] }[] = [];
    for (const t of targets) {
      await execAll(t.build);
      const isLive = await exists(s, sql, undefined, t.published);
      const views = isLive ? await liveViews(s, sql, undefined, t.published) : [];
      if (isLive) {
        const expected = grantsToMirror(await readGrants(s, sql, undefined, t.published), t.nextViews);
        const grants = sql.grantStatements(undefined, t.next, expected);
        await execAll(grants);
        mirrored += grants.length;
        await grantCheck(s, sql, undefined, t, expected);
      }
      live.push({ t, exists: isLive, views });
    }
    const viewLocks = live.flatMap((l) => tx.lockViews(l.t.published, l.views));
    let attempts = 0;
    if (viewLocks.length) {
      const deadlockMs = parseDuration(String(Object.values((await run(s, tx.deadlockTimeout()))[0] ?? {})[0] ?? '1s'));
      const policy = new LockWaitPolicy({ firstWaitMs: opts.lockTimeoutMs ?? 25, deadlockTimeoutMs: deadlockMs, budgetMs: opts.lockBudgetMs ?? DEFAULT_LOCK_BUDGET_MS });
      const sp = 'slipway_cutover_locks';
      await run(s, tx.savepoint(sp));
      for (;;) {
        const wait = policy.nextWaitMs();
        attempts = policy.attempts;
        try {
          await run(s, tx.setLockTimeout(wait));
          for (const st of viewLocks) await run(s, st);
          break;
        } catch (err) {
          const code = pgCode(err);
          if (!code || !tx.lockRetryCodes.includes(code)) throw err;
          await run(s, tx.rollbackToSavepoint(sp));
          if (policy.exhausted()) {
            throw new OperationError(`Could not lock the live views in ${Math.round(policy.elapsedMs() / 1000)} s (${attempts} attempts): readers kept them busy. Nothing was switched.`, {
              cause: err,
              hint: 'Rerun the cutover; queries running for minutes on the published views block it (raise the budget with lockBudgetMs if they are expected).',
            });
          }
          await sleep(policy.pauseMs());
        }
      }
      done.push(tx.setLockTimeout(policy.lastWaitMs), ...viewLocks);
    }
    const swaps: Statement[] = [];
    for (const l of live) {
      const st = l.exists ? sql.swap(undefined, l.t.published, l.t.next) : [sql.rename(undefined, l.t.next, l.t.published)];
      for (const x of st) await exec(x);
      swaps.push(...st);
    }
    for (const st of record) await exec(st);
    return { statements: done, swapStatements: swaps, swapWindowMs: 0, grantsMirrored: mirrored, lockAttempts: attempts };
  });
}

/** `1s`, `500ms`, `2min` (as SHOW prints durations) → milliseconds. */
export function parseDuration(v: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h)?\s*$/.exec(v);
  if (!m) return 1000;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'min' ? n * 60_000 : m[2] === 'h' ? n * 3_600_000 : n * 1000;
}

/**
 * Snowflake: DDL auto-commits, so stage everything first (views, grants,
 * grant check), confirm we still hold the lock, then run one SWAP per
 * published schema. If swap k fails, swaps 1..k-1 are swapped back.
 */
async function swapSnowflake(wh: Warehouse, sql: DeploySql, a: AdminNames, targets: SwapTarget[], record: Statement[], opts: SwapOptions, rt: Runtime): Promise<SwapOutcome> {
  const db = opts.database;
  const done: Statement[] = [];
  const exec = async (st: Statement) => {
    await run(wh, st);
    done.push(st);
  };
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  let mirrored = 0;
  const live: { t: SwapTarget; exists: boolean }[] = [];
  for (const t of targets) {
    const isLive = await exists(wh, sql, db, t.published);
    const expected = isLive ? grantsToMirror(await readGrants(wh, sql, db, t.published), t.nextViews) : [];
    const [createSchema, ...views] = t.build;
    if (createSchema) await exec(createSchema);
    // Schema and future grants first, so the views created next inherit the future grants.
    const early = sql.grantStatements(db, t.next, expected.filter((g) => g.level !== 'object'));
    for (const st of early) await exec(st);
    for (const st of views) await exec(st);
    const late = sql.grantStatements(db, t.next, expected.filter((g) => g.level === 'object'));
    for (const st of late) await exec(st);
    mirrored += early.length + late.length;
    if (isLive) await grantCheck(wh, sql, db, t, expected);
    live.push({ t, exists: isLive });
  }
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const swaps: Statement[] = [];
  const swapped: { t: SwapTarget; exists: boolean }[] = [];
  const t0 = Date.now();
  let tLast = t0;
  if (opts.intent) await exec(opts.intent);
  for (const l of live) {
    const st = l.exists ? sql.swap(db, l.t.published, l.t.next) : [sql.rename(db, l.t.next, l.t.published)];
    try {
      const sig = opts.signals?.requested();
      if (sig) throw new OperationError(`${sig} received before it started`);
      for (const x of st) await exec(x);
    } catch (err) {
      const undone: string[] = [];
      for (const back of swapped.reverse()) {
        try {
          if (back.exists) for (const x of sql.swap(db, back.t.published, back.t.next)) await run(wh, x);
          else await run(wh, sql.rename(db, back.t.published, back.t.next));
          undone.push(back.t.published);
        } catch (e2) {
          rt.error(`Could not swap ${back.t.published} back after a failed cutover: ${(e2 as Error).message}`);
        }
      }
      const mixed = undone.length < swapped.length;
      throw mixedFlag(mixed, new OperationError(
        `The swap of ${l.t.published} failed: ${(err as Error).message}.${swapped.length ? ` Schemas already swapped were swapped back: ${undone.join(', ') || 'none could be'}.` : ' Nothing was switched.'}${mixed ? ` ${swapped.filter((x) => !undone.includes(x.t.published)).map((x) => x.t.published).join(', ')} still read the new colour: the deploy stays SWAPPING and holds the lock; rerun cutover to finish or abort to reverse.` : ''}`,
        { cause: err, hint: mixed ? 'Rerun `slipway deploy cutover` (finishes the swaps) or `slipway deploy abort` (swaps them back).' : 'Check that the deploy role owns both schemas, then rerun the deploy.' },
      ));
    }
    swaps.push(...st);
    swapped.push(l);
    tLast = Date.now();
  }
  for (const st of record) await exec(st);
  return { statements: done, swapStatements: swaps, swapWindowMs: live.length > 1 ? tLast - t0 : 0, grantsMirrored: mirrored, lockAttempts: 1 };
}

/** Marks an error after which published schemas read different deploys (the deploy stays SWAPPING for the next command to converge). */
function mixedFlag(mixed: boolean, err: OperationError): OperationError {
  return Object.assign(err, { details: { mixed } });
}

/** The refusal on warehouses without `capabilities.databaseSwap` (Postgres, PGlite). */
export function databaseSwapUnsupported(dialect: string, what = '--database-swap'): UserError {
  return new UserError(
    `${what} needs a warehouse with the databaseSwap capability (one ALTER DATABASE … SWAP WITH …, i.e. Snowflake); this ${dialect} warehouse does not have it.`,
    { hint: `Leave out ${what}: on ${dialect} the whole cutover of every published schema is already one transaction, so the option is unnecessary there.` },
  );
}

/**
 * Refuse a database swap that would move anything but the published view
 * schemas: the swap exchanges the WHOLE database, so a colour schema, the admin
 * schema or a table living in the consumer database would change places too.
 * Returns whether the consumer database exists yet (the first database-scope
 * deploy creates it empty and swaps with it).
 */
export async function checkPublishedDatabase(q: Queryable, sql: DeploySql, dbSql: DatabaseScopeSql, scope: DatabaseScope, published: string[]): Promise<boolean> {
  if (scope.data && scope.published.toUpperCase() === scope.data.toUpperCase()) {
    throw new UserError(`The consumer database ${scope.published} is also the database of the colour schemas and the admin schema; a database swap would move them too.`, {
      hint: 'Give the published schemas their own database (--published-database / published-database), holding only Slipway\'s published views; keep --database for the colour and admin schemas.',
    });
  }
  if (!(await run(q, dbSql.databaseExists(scope.data ?? scope.published, scope.published))).length) return false;
  const schemas = (await run(q, dbSql.listSchemas(scope.published))).map((r) => String(r.name ?? r.NAME));
  const want = new Set(published);
  const others: string[] = [];
  for (const s of schemas) {
    if (want.has(s) || s === 'INFORMATION_SCHEMA') continue;
    // Snowflake creates PUBLIC in every database; an empty one is harmless (the staging database has one too).
    if (s === 'PUBLIC' && !(await run(q, sql.listRelations(scope.published, s))).length) continue;
    others.push(s);
  }
  const tables: string[] = [];
  for (const p of published) {
    if (!schemas.includes(p)) continue;
    for (const r of await run(q, sql.listRelations(scope.published, p))) if (String(r.kind ?? r.KIND) !== 'view') tables.push(`${p}.${String(r.name ?? r.NAME)}`);
  }
  if (others.length || tables.length) {
    throw new UserError(
      `Refusing the database swap: ${scope.published} must hold only Slipway's published view schemas (${published.join(', ')}), because ALTER DATABASE … SWAP WITH moves everything in it.${others.length ? ` It also holds schema(s) ${others.join(', ')}.` : ''}${tables.length ? ` Published schemas hold non-view object(s) ${tables.join(', ')}.` : ''}`,
      { hint: `Move ${[...others, ...tables].join(', ')} out of ${scope.published} (colour schemas and the admin schema belong in the --database${scope.data ? ` ${scope.data}` : ''}), or cut over with schema scope (leave out the database swap).` },
    );
  }
  return true;
}

async function readDatabaseGrants(q: Queryable, dbSql: DatabaseScopeSql, database: string): Promise<Grant[]> {
  const results: Record<string, unknown>[][] = [];
  for (const st of dbSql.readDatabaseGrants(database)) results.push(await run(q, st));
  return dbSql.parseDatabaseGrants(results);
}

function refuseDatabaseRoles(grants: Grant[], where: string): void {
  const bad = grants.filter((g) => g.granteeType === 'DATABASE_ROLE');
  if (bad.length) {
    throw new UserError(`${where} carries grants to database roles (${bad.map(describeGrant).join('; ')}); database roles live inside a database and would change places with the swap, so they cannot be mirrored onto the staging database.`, {
      hint: 'Grant the published database to account roles, or cut over with schema scope (leave out the database swap).',
    });
  }
}

/**
 * Snowflake, database scope: stage every published schema and its views in
 * `<DB>__NEXT`, mirror the database-, schema- and view-level grants (direct
 * and future) of `<DB>`, check them, confirm we still hold the lock, then ONE
 * `ALTER DATABASE <DB> SWAP WITH <DB>__NEXT`. Targets with no build statements
 * (rollback) reuse the views already waiting in `<DB>__NEXT`.
 */
async function swapSnowflakeDatabase(wh: Warehouse, sql: DeploySql, dbSql: DatabaseScopeSql, a: AdminNames, targets: SwapTarget[], record: Statement[], opts: SwapOptions, scope: DatabaseScope): Promise<SwapOutcome> {
  const done: Statement[] = [];
  const exec = async (st: Statement) => {
    await run(wh, st);
    done.push(st);
  };
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const liveExists = await checkPublishedDatabase(wh, sql, dbSql, scope, targets.map((t) => t.published));
  const rebuild = targets.some((t) => t.build.length > 0);
  const dbExpected = liveExists ? await readDatabaseGrants(wh, dbSql, scope.published) : [];
  refuseDatabaseRoles(dbExpected, `The database ${scope.published}`);
  const liveSchemas = liveExists ? new Set((await run(wh, dbSql.listSchemas(scope.published))).map((r) => String(r.name ?? r.NAME))) : new Set<string>();
  const schemaExpected: Grant[][] = [];
  for (const t of targets) {
    const g = liveSchemas.has(t.published) ? grantsToMirror(await readGrants(wh, sql, scope.published, t.published), t.nextViews) : [];
    refuseDatabaseRoles(g, `The schema ${scope.published}.${t.published}`);
    schemaExpected.push(g);
  }
  if (rebuild) await exec(dbSql.recreateDatabase(scope.next));
  // Database grants (and database future grants) first, so the schemas and views created next inherit them.
  const dbGrants = dbSql.databaseGrantStatements(scope.next, dbExpected);
  for (const st of dbGrants) await exec(st);
  let mirrored = dbGrants.length;
  for (const [i, t] of targets.entries()) {
    const expected = schemaExpected[i]!;
    const [createSchema, ...views] = t.build;
    if (createSchema) await exec(createSchema);
    const early = sql.grantStatements(scope.next, t.next, expected.filter((g) => g.level !== 'object'));
    for (const st of early) await exec(st);
    for (const st of views) await exec(st);
    const late = sql.grantStatements(scope.next, t.next, expected.filter((g) => g.level === 'object'));
    for (const st of late) await exec(st);
    mirrored += early.length + late.length;
  }
  // Check every level before anything is switched.
  const missing = missingGrants(dbExpected, await readDatabaseGrants(wh, dbSql, scope.next)).map((g) => `${scope.next}: ${describeGrant(g)}`);
  for (const [i, t] of targets.entries()) {
    missing.push(...missingGrants(schemaExpected[i]!, await readGrants(wh, sql, scope.next, t.next)).map((g) => `${scope.next}.${t.next}: ${describeGrant(g)}`));
  }
  if (missing.length) {
    throw new GateFailure(`The staging database ${scope.next} is missing ${missing.length} grant(s) that ${scope.published} carries; the swap would drop them, so nothing was switched.`, {
      hint: 'Give the deploy role the right to grant these privileges (ownership of the database, or MANAGE GRANTS).',
      details: { check: 'grants', items: missing },
    });
  }
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const swaps: Statement[] = [];
  // The first database-scope deploy: an empty consumer database to swap with (no rename: one code path, one statement).
  if (!liveExists) await exec(dbSql.createDatabaseIfMissing(scope.published));
  const swap = dbSql.swapDatabases(scope.published, scope.next);
  try {
    await exec(swap);
  } catch (err) {
    throw new OperationError(`The database swap ${scope.published} ⇄ ${scope.next} failed: ${(err as Error).message}. Nothing was switched (it is one statement).`, {
      cause: err,
      hint: 'Check that the deploy role owns both databases, then rerun.',
    });
  }
  swaps.push(swap);
  for (const st of record) await exec(st);
  return { statements: done, swapStatements: swaps, swapWindowMs: 0, grantsMirrored: mirrored, lockAttempts: 1 };
}

export async function executeSwap(wh: Warehouse, sql: DeploySql, a: AdminNames, targets: SwapTarget[], record: Statement[], opts: SwapOptions, rt: Runtime): Promise<SwapOutcome> {
  if (opts.databaseScope) {
    if (!wh.capabilities.databaseSwap || wh.dialect !== 'snowflake') throw databaseSwapUnsupported(wh.dialect);
    if (!sql.databaseScope) throw databaseSwapUnsupported(wh.dialect);
    return swapSnowflakeDatabase(wh, sql, sql.databaseScope, a, targets, record, opts, opts.databaseScope);
  }
  return wh.capabilities.transactionalDdl ? swapPostgres(wh, sql, a, targets, record, opts) : swapSnowflake(wh, sql, a, targets, record, opts, rt);
}

/** DEPLOY_STATE rows written with `cutover_scope` need the column; add it to tables created before database scope existed. */
export async function ensureScopeColumn(q: Queryable, dbSql: DatabaseScopeSql, a: AdminNames): Promise<void> {
  if (!(await run(q, dbSql.scopeColumnExists(a))).length) await run(q, dbSql.addScopeColumn(a));
}
