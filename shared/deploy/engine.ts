/**
 * The swap engine shared by cutover and rollback: stage the views, mirror the
 * grants the live schema carries, check them, then make the change visible in
 * one step — one transaction on Postgres, one `ALTER SCHEMA … SWAP WITH …`
 * per published schema on Snowflake — and write the audit rows.
 */
import { GateFailure, OperationError, UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import type { DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';
import type { Queryable, Session, Warehouse } from '../warehouse/types.js';
import type { AdminNames, DatabaseScopeSql, DeploySql, Grant } from '../dialects/deploy.js';
import { LockWaitPolicy, DEFAULT_LOCK_BUDGET_MS } from './lock-policy.js';
import { readLock } from './state.js';
import { runStatement } from '../warehouse/run.js';

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
  for (const st of sql.readGrants(database, schema)) results.push(await runStatement(q, st));
  return sql.parseGrants(results, schema);
}

/** Grants of the live schema that must also exist on the staging schema (object grants only for views both hold). */
export function grantsToMirror(liveGrants: Grant[], nextViews: string[]): Grant[] {
  const views = new Set(nextViews);
  return liveGrants.filter((g) => g.level !== 'object' || views.has(g.on));
}

async function exists(q: Queryable, sql: DeploySql, database: string | undefined, schema: string): Promise<boolean> {
  return (await runStatement(q, sql.schemaExists(database, schema))).length > 0;
}

async function liveViews(q: Queryable, sql: DeploySql, database: string | undefined, schema: string): Promise<string[]> {
  const rows = await runStatement(q, sql.listRelations(database, schema));
  return rows.map((r) => String(r.name));
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
 * The swap as one plan object: cutover and rollback build it, `executeSwap`
 * runs it and `describeSwap` lists the statements `executeSwap` runs for it,
 * in order, from the same step builders (so `--dry-run` prints the plan that
 * runs). What only the warehouse knows — whether a published schema exists
 * yet, its views, the grants to mirror — is an inspection: `inspectSwap`
 * reads it (read-only) for a dry run with a connection; without one the
 * description assumes every published schema is live and says which
 * statements depend on rows it cannot see.
 */
export interface SwapPlan {
  targets: SwapTarget[];
  /** The audit rows and the lock release, written right after the switch (Postgres: in the same transaction). */
  record: Statement[];
  options: SwapOptions;
}

/** The parts of a deploy context the engine needs to describe a swap. */
export interface SwapContext {
  sql: DeploySql;
  admin: AdminNames;
  dialect: DialectName;
}

/** …and to run one. */
export interface SwapRunContext extends SwapContext {
  wh: Warehouse;
  rt: Runtime;
}

/** How the change is made visible: one transaction (transactional DDL), one swap per schema, or one database swap. */
export type SwapStrategy = 'transaction' | 'schema-swaps' | 'database-swap';

export interface TargetState {
  /** The published schema exists (false on the first deploy: the staging schema is renamed into place). */
  exists: boolean;
  /** Its views (Postgres locks them before the renames). */
  views: string[];
  /** The grants to mirror onto the staging schema; undefined when unknown (a dry run without a connection). */
  grants?: Grant[];
}

export interface SwapInspection {
  targets: TargetState[];
  /** Database scope: whether the consumer database exists, its database-level grants, its schemas. */
  database?: { exists: boolean; grants?: Grant[]; schemas?: Set<string> };
}

/** The strategy a plan runs with: chosen by capability (a warehouse's, or the dialect module's when there is no connection). */
export function swapStrategy(ctx: SwapContext & { wh?: Warehouse }, plan: SwapPlan): SwapStrategy {
  const caps = ctx.wh?.capabilities;
  if (plan.options.databaseScope) {
    if ((caps && !caps.databaseSwap) || ctx.dialect !== 'snowflake' || !ctx.sql.databaseScope) throw databaseSwapUnsupported(ctx.dialect);
    return 'database-swap';
  }
  const transactional = caps ? caps.transactionalDdl : !!ctx.sql.transactional;
  if (transactional && !ctx.sql.transactional) throw new OperationError(`The ${ctx.sql.dialect} dialect module has no transactional cutover statements.`);
  return transactional ? 'transaction' : 'schema-swaps';
}

/** What a description assumes without a connection: every published schema (and database) is live, its views are the new ones, its grants unknown. */
function assumed(plan: SwapPlan): SwapInspection {
  return { targets: plan.targets.map((t) => ({ exists: true, views: t.nextViews })), ...(plan.options.databaseScope ? { database: { exists: true } } : {}) };
}

async function inspectSchemas(q: Queryable, sql: DeploySql, db: string | undefined, targets: SwapTarget[], withViews: boolean): Promise<TargetState[]> {
  const out: TargetState[] = [];
  for (const t of targets) {
    const isLive = await exists(q, sql, db, t.published);
    const views = isLive && withViews ? await liveViews(q, sql, db, t.published) : [];
    const grants = isLive ? grantsToMirror(await readGrants(q, sql, db, t.published), t.nextViews) : [];
    out.push({ exists: isLive, views, grants });
  }
  return out;
}

/** The reads of `inspectSchemas`, as a description lists them. */
function inspectReads(sql: DeploySql, db: string | undefined, targets: SwapTarget[], withViews: boolean, seen: SwapInspection): Statement[] {
  return targets.flatMap((t, i) => {
    const s = seen.targets[i]!;
    if (!s.exists) return [sql.schemaExists(db, t.published)];
    const mirror = s.grants ? `the grants of ${t.published} to mirror onto ${t.next}` : `the grants of ${t.published}: one GRANT per row read is mirrored onto ${t.next} (depends on the rows)`;
    return [sql.schemaExists(db, t.published), ...(withViews ? [{ ...sql.listRelations(db, t.published), purpose: `the live views of ${t.published}, locked before the renames` }] : []), ...sql.readGrants(db, t.published).map((st) => ({ ...st, purpose: mirror }))];
  });
}

async function inspectDatabase(q: Queryable, sql: DeploySql, dbSql: DatabaseScopeSql, scope: DatabaseScope, targets: SwapTarget[]): Promise<SwapInspection> {
  const liveExists = await checkPublishedDatabase(q, sql, dbSql, scope, targets.map((t) => t.published));
  const grants = liveExists ? await readDatabaseGrants(q, dbSql, scope.published) : [];
  refuseDatabaseRoles(grants, `The database ${scope.published}`);
  const schemas = liveExists ? new Set((await runStatement(q, dbSql.listSchemas(scope.published))).map((r) => String(r.name))) : new Set<string>();
  const out: TargetState[] = [];
  for (const t of targets) {
    const has = schemas.has(t.published);
    const g = has ? grantsToMirror(await readGrants(q, sql, scope.published, t.published), t.nextViews) : [];
    refuseDatabaseRoles(g, `The schema ${scope.published}.${t.published}`);
    out.push({ exists: has, views: [], grants: g });
  }
  return { targets: out, database: { exists: liveExists, grants, schemas } };
}

/** Read (read-only, no lock) what the executor would find now: for a dry run with a connection. */
export async function inspectSwap(ctx: SwapContext & { wh: Warehouse }, plan: SwapPlan): Promise<SwapInspection> {
  const strategy = swapStrategy(ctx, plan);
  if (strategy === 'database-swap') return inspectDatabase(ctx.wh, ctx.sql, ctx.sql.databaseScope!, plan.options.databaseScope!, plan.targets);
  const db = strategy === 'transaction' ? undefined : plan.options.database;
  return { targets: await inspectSchemas(ctx.wh, ctx.sql, db, plan.targets, strategy === 'transaction') };
}

interface TargetSteps {
  /** Statements that fill the staging schema and mirror the grants, in the order they run. */
  stage: Statement[];
  grants: number;
  /** Reads that check the staging schema carries every grant (empty when nothing is live yet). */
  check: Statement[];
  swap: Statement[];
}

/** Postgres: build, then the mirrored grants; the swap is three renames (or one rename on the first deploy). */
function transactionSteps(sql: DeploySql, plan: SwapPlan, seen: SwapInspection): { targets: TargetSteps[]; locks: Statement[] } {
  const tx = sql.transactional!;
  const targets = plan.targets.map((t, i) => {
    const s = seen.targets[i]!;
    const grants = s.exists && s.grants ? sql.grantStatements(undefined, t.next, s.grants) : [];
    return {
      stage: [...t.build, ...grants],
      grants: grants.length,
      check: s.exists ? sql.readGrants(undefined, t.next).map((st) => ({ ...st, purpose: `check: ${t.next} carries every grant ${t.published} has` })) : [],
      swap: s.exists ? sql.swap(undefined, t.published, t.next) : [sql.rename(undefined, t.next, t.published)],
    };
  });
  const locks = plan.targets.flatMap((t, i) => (seen.targets[i]!.exists ? tx.lockViews(t.published, seen.targets[i]!.views) : []));
  return { targets, locks };
}

/** Snowflake, schema scope: schema and future grants before the views (so they inherit them), object grants after. */
function schemaSwapSteps(sql: DeploySql, db: string | undefined, plan: SwapPlan, seen: SwapInspection, inDatabase?: string): TargetSteps[] {
  return plan.targets.map((t, i) => {
    const s = seen.targets[i]!;
    const expected = s.grants ?? [];
    const where = inDatabase ?? db;
    const [createSchema, ...views] = t.build;
    const early = sql.grantStatements(where, t.next, expected.filter((g) => g.level !== 'object'));
    const late = sql.grantStatements(where, t.next, expected.filter((g) => g.level === 'object'));
    return {
      stage: [...(createSchema ? [createSchema] : []), ...early, ...views, ...late],
      grants: early.length + late.length,
      check: s.exists || inDatabase ? sql.readGrants(where, t.next).map((st) => ({ ...st, purpose: `check: ${where ? `${where}.` : ''}${t.next} carries every grant ${t.published} has` })) : [],
      swap: inDatabase ? [] : s.exists ? sql.swap(db, t.published, t.next) : [sql.rename(db, t.next, t.published)],
    };
  });
}

/**
 * The statements `executeSwap` runs for this plan, in order: reads (with what
 * they are for), the staging, the switch, the audit rows. Statements that
 * depend on rows (grant mirroring without a connection, lock-wait retries)
 * say so in their purpose.
 */
export function describeSwap(ctx: SwapContext & { wh?: Warehouse }, plan: SwapPlan, seen: SwapInspection = assumed(plan)): Statement[] {
  const { sql, admin: a } = ctx;
  const o = plan.options;
  const strategy = swapStrategy(ctx, plan);
  if (strategy === 'transaction') {
    const tx = sql.transactional!;
    const steps = transactionSteps(sql, plan, seen);
    const out: Statement[] = [{ sql: 'BEGIN', purpose: 'one transaction: a lost connection at any point rolls everything back' }, { ...sql.readLock(a, o.environment, true), purpose: `${o.holder} must still hold the deploy lock` }];
    out.push(...inspectReads(sql, undefined, plan.targets, true, seen));
    for (const t of steps.targets) out.push(...t.stage, ...t.check);
    if (steps.locks.length) {
      out.push(tx.deadlockTimeout(), tx.savepoint(LOCK_SAVEPOINT), { ...tx.setLockTimeout(o.lockTimeoutMs ?? FIRST_LOCK_WAIT_MS), purpose: 'the first lock attempt waits this long; while readers hold the views it rolls back to the savepoint and retries with longer waits' }, ...steps.locks);
    }
    out.push(...steps.targets.flatMap((t) => t.swap), ...plan.record, { sql: 'COMMIT', purpose: 'consumers see the change from here' });
    return out;
  }
  if (strategy === 'schema-swaps') {
    const db = o.database;
    const steps = schemaSwapSteps(sql, db, plan, seen);
    const out: Statement[] = [{ ...sql.readLock(a, o.environment), purpose: `${o.holder} must still hold the deploy lock` }, ...inspectReads(sql, db, plan.targets, false, seen)];
    for (const t of steps) out.push(...t.stage, ...t.check);
    out.push({ ...sql.readLock(a, o.environment), purpose: 'still the lock holder, just before the first swap' });
    if (o.intent) out.push(o.intent);
    out.push(...steps.flatMap((t) => t.swap), ...plan.record);
    return out;
  }
  const dbSql = sql.databaseScope!;
  const scope = o.databaseScope!;
  const d = seen.database ?? { exists: true };
  const out: Statement[] = [{ ...sql.readLock(a, o.environment), purpose: `${o.holder} must still hold the deploy lock` }, ...describeCheckPublishedDatabase(sql, dbSql, scope, plan.targets.map((t) => t.published))];
  if (d.exists) {
    const mirror = d.grants ? '' : ': one GRANT … ON DATABASE / ON FUTURE … IN DATABASE per row is mirrored onto the staging database (depends on the rows)';
    out.push(...dbSql.readDatabaseGrants(scope.published).map((st) => ({ ...st, purpose: `the database grants of ${scope.published}${mirror}` })), dbSql.listSchemas(scope.published));
    for (const [i, t] of plan.targets.entries()) {
      if (seen.targets[i]!.exists) out.push(...sql.readGrants(scope.published, t.published).map((st) => ({ ...st, purpose: `the grants of ${scope.published}.${t.published}${seen.targets[i]!.grants ? '' : ': one GRANT per row is mirrored (depends on the rows)'}` })));
    }
  }
  const steps = schemaSwapSteps(sql, undefined, plan, seen, scope.next);
  if (plan.targets.some((t) => t.build.length > 0)) out.push(dbSql.recreateDatabase(scope.next));
  out.push(...dbSql.databaseGrantStatements(scope.next, d.grants ?? []));
  for (const t of steps) out.push(...t.stage);
  out.push(...dbSql.readDatabaseGrants(scope.next).map((st) => ({ ...st, purpose: `check: ${scope.next} carries every database grant ${scope.published} has` })), ...steps.flatMap((t) => t.check));
  out.push({ ...sql.readLock(a, o.environment), purpose: 'still the lock holder, just before the swap' });
  if (!d.exists) out.push(dbSql.createDatabaseIfMissing(scope.published));
  out.push(dbSql.swapDatabases(scope.published, scope.next), ...plan.record);
  return out;
}

const LOCK_SAVEPOINT = 'slipway_cutover_locks';
const FIRST_LOCK_WAIT_MS = 25;

/**
 * Postgres: everything in ONE transaction — staging views, mirrored grants,
 * the grant check, exclusive locks on the live views (bounded waits, retried
 * from a savepoint so readers are never deadlocked), the renames that swap
 * the schemas, the audit rows and the lock release. A lost connection at any
 * point rolls the whole thing back.
 */
async function swapInTransaction(ctx: SwapRunContext, plan: SwapPlan): Promise<SwapOutcome> {
  const { wh, sql, admin: a } = ctx;
  const tx = sql.transactional!;
  const opts = plan.options;
  return wh.transaction(async (s: Session) => {
    const done: Statement[] = [];
    const exec = async (st: Statement) => {
      await runStatement(s, st);
      done.push(st);
    };
    /** Run many DDL statements in few round trips (DO blocks); record them one by one. */
    const execAll = async (sts: Statement[]) => {
      for (const b of tx.batch(sts)) await runStatement(s, b);
      done.push(...sts);
    };
    checkLockHeld(await readLock(s, sql, a, opts.environment, true), opts.environment, opts.holder);
    const seen: SwapInspection = { targets: await inspectSchemas(s, sql, undefined, plan.targets, true) };
    const steps = transactionSteps(sql, plan, seen);
    let mirrored = 0;
    for (const [i, t] of plan.targets.entries()) {
      const st = steps.targets[i]!;
      await execAll(st.stage);
      mirrored += st.grants;
      if (seen.targets[i]!.exists) await grantCheck(s, sql, undefined, t, seen.targets[i]!.grants!);
    }
    let attempts = 0;
    if (steps.locks.length) {
      const deadlockMs = parseDuration(String(Object.values((await runStatement(s, tx.deadlockTimeout()))[0] ?? {})[0] ?? '1s'));
      const policy = new LockWaitPolicy({ firstWaitMs: opts.lockTimeoutMs ?? FIRST_LOCK_WAIT_MS, deadlockTimeoutMs: deadlockMs, budgetMs: opts.lockBudgetMs ?? DEFAULT_LOCK_BUDGET_MS });
      await runStatement(s, tx.savepoint(LOCK_SAVEPOINT));
      for (;;) {
        const wait = policy.nextWaitMs();
        attempts = policy.attempts;
        try {
          await runStatement(s, tx.setLockTimeout(wait));
          for (const st of steps.locks) await runStatement(s, st);
          break;
        } catch (err) {
          const code = pgCode(err);
          if (!code || !tx.lockRetryCodes.includes(code)) throw err;
          await runStatement(s, tx.rollbackToSavepoint(LOCK_SAVEPOINT));
          if (policy.exhausted()) {
            throw new OperationError(`Could not lock the live views in ${Math.round(policy.elapsedMs() / 1000)} s (${attempts} attempts): readers kept them busy. Nothing was switched.`, {
              cause: err,
              hint: 'Rerun the cutover; queries running for minutes on the published views block it (raise the budget with lockBudgetMs if they are expected).',
            });
          }
          await sleep(policy.pauseMs());
        }
      }
      done.push(tx.setLockTimeout(policy.lastWaitMs), ...steps.locks);
    }
    const swaps: Statement[] = [];
    for (const t of steps.targets) {
      for (const x of t.swap) await exec(x);
      swaps.push(...t.swap);
    }
    for (const st of plan.record) await exec(st);
    return { statements: done, swapStatements: swaps, swapWindowMs: 0, grantsMirrored: mirrored, lockAttempts: attempts };
  });
}

/**
 * Snowflake: DDL auto-commits, so stage everything first (views, grants,
 * grant check), confirm we still hold the lock, then run one SWAP per
 * published schema. If swap k fails, swaps 1..k-1 are swapped back.
 */
async function swapSchemas(ctx: SwapRunContext, plan: SwapPlan): Promise<SwapOutcome> {
  const { wh, sql, admin: a, rt } = ctx;
  const opts = plan.options;
  const db = opts.database;
  const done: Statement[] = [];
  const exec = async (st: Statement) => {
    await runStatement(wh, st);
    done.push(st);
  };
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const seen: SwapInspection = { targets: await inspectSchemas(wh, sql, db, plan.targets, false) };
  const steps = schemaSwapSteps(sql, db, plan, seen);
  let mirrored = 0;
  for (const [i, t] of plan.targets.entries()) {
    for (const st of steps[i]!.stage) await exec(st);
    mirrored += steps[i]!.grants;
    if (seen.targets[i]!.exists) await grantCheck(wh, sql, db, t, seen.targets[i]!.grants!);
  }
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const swaps: Statement[] = [];
  const swapped: number[] = [];
  const t0 = Date.now();
  let tLast = t0;
  if (opts.intent) await exec(opts.intent);
  for (const [i, t] of plan.targets.entries()) {
    const st = steps[i]!.swap;
    try {
      const sig = opts.signals?.requested();
      if (sig) throw new OperationError(`${sig} received before it started`);
      for (const x of st) await exec(x);
    } catch (err) {
      const undone: string[] = [];
      for (const k of [...swapped].reverse()) {
        const back = plan.targets[k]!;
        try {
          if (seen.targets[k]!.exists) for (const x of sql.swap(db, back.published, back.next)) await runStatement(wh, x);
          else await runStatement(wh, sql.rename(db, back.published, back.next));
          undone.push(back.published);
        } catch (e2) {
          rt.error(`Could not swap ${back.published} back after a failed cutover: ${(e2 as Error).message}`);
        }
      }
      const mixed = undone.length < swapped.length;
      const stillNew = swapped.map((k) => plan.targets[k]!.published).filter((p) => !undone.includes(p));
      throw mixedFlag(mixed, new OperationError(
        `The swap of ${t.published} failed: ${(err as Error).message}.${swapped.length ? ` Schemas already swapped were swapped back: ${undone.join(', ') || 'none could be'}.` : ' Nothing was switched.'}${mixed ? ` ${stillNew.join(', ')} still read the new colour: the deploy stays SWAPPING and holds the lock; rerun cutover to finish or abort to reverse.` : ''}`,
        { cause: err, hint: mixed ? 'Rerun `slipway deploy cutover` (finishes the swaps) or `slipway deploy abort` (swaps them back).' : 'Check that the deploy role owns both schemas, then rerun the deploy.' },
      ));
    }
    swaps.push(...st);
    swapped.push(i);
    tLast = Date.now();
  }
  for (const st of plan.record) await exec(st);
  return { statements: done, swapStatements: swaps, swapWindowMs: plan.targets.length > 1 ? tLast - t0 : 0, grantsMirrored: mirrored, lockAttempts: 1 };
}

/** `1s`, `500ms`, `2min` (as SHOW prints durations) → milliseconds. */
export function parseDuration(v: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h)?\s*$/.exec(v);
  if (!m) return 1000;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'min' ? n * 60_000 : m[2] === 'h' ? n * 3_600_000 : n * 1000;
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
  if (!(await runStatement(q, dbSql.databaseExists(scope.data ?? scope.published, scope.published))).length) return false;
  const schemas = (await runStatement(q, dbSql.listSchemas(scope.published))).map((r) => String(r.name));
  const want = new Set(published);
  const others: string[] = [];
  for (const s of schemas) {
    if (want.has(s) || s === 'INFORMATION_SCHEMA') continue;
    // Snowflake creates PUBLIC in every database; an empty one is harmless (the staging database has one too).
    if (s === 'PUBLIC' && !(await runStatement(q, sql.listRelations(scope.published, s))).length) continue;
    others.push(s);
  }
  const tables: string[] = [];
  for (const p of published) {
    if (!schemas.includes(p)) continue;
    for (const r of await runStatement(q, sql.listRelations(scope.published, p))) if (String(r.kind) !== 'view') tables.push(`${p}.${String(r.name)}`);
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
  for (const st of dbSql.readDatabaseGrants(database)) results.push(await runStatement(q, st));
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

/** The reads of `checkPublishedDatabase`, as a description lists them. */
function describeCheckPublishedDatabase(sql: DeploySql, dbSql: DatabaseScopeSql, scope: DatabaseScope, published: string[]): Statement[] {
  return [
    dbSql.databaseExists(scope.data ?? scope.published, scope.published),
    dbSql.listSchemas(scope.published),
    ...published.map((p) => ({ ...sql.listRelations(scope.published, p), purpose: `${scope.published}.${p} must hold only views (the swap moves everything)` })),
  ];
}

/**
 * Snowflake, database scope: stage every published schema and its views in
 * `<DB>__NEXT`, mirror the database-, schema- and view-level grants (direct
 * and future) of `<DB>`, check them, confirm we still hold the lock, then ONE
 * `ALTER DATABASE <DB> SWAP WITH <DB>__NEXT`. Targets with no build statements
 * (rollback) reuse the views already waiting in `<DB>__NEXT`.
 */
async function swapDatabase(ctx: SwapRunContext, plan: SwapPlan): Promise<SwapOutcome> {
  const { wh, sql, admin: a } = ctx;
  const dbSql = sql.databaseScope!;
  const opts = plan.options;
  const scope = opts.databaseScope!;
  const done: Statement[] = [];
  const exec = async (st: Statement) => {
    await runStatement(wh, st);
    done.push(st);
  };
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const seen = await inspectDatabase(wh, sql, dbSql, scope, plan.targets);
  const d = seen.database!;
  const steps = schemaSwapSteps(sql, undefined, plan, seen, scope.next);
  if (plan.targets.some((t) => t.build.length > 0)) await exec(dbSql.recreateDatabase(scope.next));
  // Database grants (and database future grants) first, so the schemas and views created next inherit them.
  const dbGrants = dbSql.databaseGrantStatements(scope.next, d.grants ?? []);
  for (const st of dbGrants) await exec(st);
  let mirrored = dbGrants.length;
  for (const t of steps) {
    for (const st of t.stage) await exec(st);
    mirrored += t.grants;
  }
  // Check every level before anything is switched.
  const missing = missingGrants(d.grants ?? [], await readDatabaseGrants(wh, dbSql, scope.next)).map((g) => `${scope.next}: ${describeGrant(g)}`);
  for (const [i, t] of plan.targets.entries()) {
    missing.push(...missingGrants(seen.targets[i]!.grants ?? [], await readGrants(wh, sql, scope.next, t.next)).map((g) => `${scope.next}.${t.next}: ${describeGrant(g)}`));
  }
  if (missing.length) {
    throw new GateFailure(`The staging database ${scope.next} is missing ${missing.length} grant(s) that ${scope.published} carries; the swap would drop them, so nothing was switched.`, {
      hint: 'Give the deploy role the right to grant these privileges (ownership of the database, or MANAGE GRANTS).',
      details: { check: 'grants', items: missing },
    });
  }
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  // The first database-scope deploy: an empty consumer database to swap with (no rename: one code path, one statement).
  if (!d.exists) await exec(dbSql.createDatabaseIfMissing(scope.published));
  const swap = dbSql.swapDatabases(scope.published, scope.next);
  try {
    await exec(swap);
  } catch (err) {
    throw new OperationError(`The database swap ${scope.published} ⇄ ${scope.next} failed: ${(err as Error).message}. Nothing was switched (it is one statement).`, {
      cause: err,
      hint: 'Check that the deploy role owns both databases, then rerun.',
    });
  }
  for (const st of plan.record) await exec(st);
  return { statements: done, swapStatements: [swap], swapWindowMs: 0, grantsMirrored: mirrored, lockAttempts: 1 };
}

/** Run a swap plan with the strategy the warehouse's capabilities choose (see `describeSwap` for what it runs). */
export async function executeSwap(ctx: SwapRunContext, plan: SwapPlan): Promise<SwapOutcome> {
  const strategy = swapStrategy(ctx, plan);
  return strategy === 'database-swap' ? swapDatabase(ctx, plan) : strategy === 'transaction' ? swapInTransaction(ctx, plan) : swapSchemas(ctx, plan);
}

/** DEPLOY_STATE rows written with `cutover_scope` need the column; add it to tables created before database scope existed. */
export async function ensureScopeColumn(q: Queryable, dbSql: DatabaseScopeSql, a: AdminNames): Promise<void> {
  if (!(await runStatement(q, dbSql.scopeColumnExists(a))).length) await runStatement(q, dbSql.addScopeColumn(a));
}
