/**
 * Re-swap rollback: the cutover in reverse. After a cutover the previous
 * views wait in `<S>__NEXT`; swapping them back is instant — valid only while
 * the colour they read has not been rebuilt since (DEPLOY_STATE knows).
 * Same lock, same grant mirroring and check, a ROLLED_BACK row naming who,
 * why, from which deploy to which.
 */
import { GateFailure, UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import type { Statement } from '../sql/plan.js';
import type { Warehouse } from '../warehouse/types.js';
import { deploySqlFor, type AdminNames, type DeploySql } from '../dialects/deploy.js';
import { databaseSwapUnsupported, executeSwap, type DatabaseScope, type SwapTarget } from './engine.js';
import { colourNames, DEFAULT_LEASE_MINUTES, suffixed, type ColourNames, type ColourOptions } from './deploy.js';
import { acquireLock, adminNames, checkEnvironment, databaseScopeValue, ensureAdmin, eventValues, liveDatabaseScope, newDeployId, readDeployState, run, type Colour, type DeployRecord, type DeployState } from './state.js';
import { listRelations } from './checks.js';
import { assertTransition, decideRollback, type RollbackDecision } from './lifecycle.js';
import { convergeSwaps } from './converge.js';

export interface RollbackOptions extends ColourOptions {
  environment: string;
  adminSchema?: string;
  database?: string;
  /** Deploy id to go back to; default: the deploy that was live before the current one. */
  to?: string;
  /** Required: recorded in DEPLOY_STATE. */
  reason: string;
  actor: string;
  runUrl?: string;
  /** Build and validate the plan, change nothing. */
  dryRun?: boolean;
  /** Limit to these published schemas (default: every schema of the live deploy). */
  schemas?: string[];
  leaseMinutes?: number;
  lockTimeoutMs?: number;
}

export interface RollbackResult {
  rolledBackFrom: string;
  rolledBackTo: string;
  colour: Colour;
  statements: Statement[];
  durationMs: number;
  /** Published schemas swapped back. */
  schemas: string[];
  rollbackId: string;
  /** `database` when the live deploy went live with database scope: the databases were swapped back in one statement. */
  scope: 'schema' | 'database';
  /** The same rollback had already happened (a re-run, or --to the live deploy): nothing was changed or recorded. */
  alreadyDone?: boolean;
}

export type { RollbackDecision } from './lifecycle.js';
export { decideRollback };

export async function rollbackDeploy(warehouse: Warehouse, opts: RollbackOptions, rt: Runtime): Promise<RollbackResult> {
  const t0 = Date.now();
  const environment = checkEnvironment(opts.environment);
  if (!opts.reason?.trim()) throw new UserError('A rollback needs a reason.', { hint: 'Pass --reason "<what went wrong>"; it is recorded in DEPLOY_STATE with your name.' });
  const dialect = warehouse.dialect;
  const names = colourNames(opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const stateOpts = { environment, adminSchema: opts.adminSchema, database: opts.database };
  const decideOpts = { environment, to: opts.to, runUrl: opts.runUrl };
  // A first, read-only decision gives the clear refusals (colour rebuilt, unknown id) even while a deploy holds the lock.
  const state = await readDeployState(warehouse, stateOpts);
  if (!state.initialised) throw new GateFailure(`Environment '${environment}' has no DEPLOY_STATE: nothing was ever deployed with Slipway here.`, { hint: 'Check --environment and --admin-schema.' });
  const first = decideRollback(state, decideOpts);
  if (first.alreadyDone) return alreadyDone(rt, environment, first, t0, opts);
  const rollbackId = newDeployId(new Date(), 'rollback-');
  if (opts.dryRun) {
    const plan = await rollbackTargets(warehouse, sql, a, names, first, opts, environment);
    const statements = [sql.ensureLockRow(a, environment), sql.acquireLock(a, environment, rollbackId, opts.runUrl ?? null, opts.actor, opts.leaseMinutes ?? 15), sql.selectEvents(a, environment), ...swapPlan(sql, a, plan, environment), ...recordStatements(sql, a, environment, first, plan, opts, rollbackId)];
    return { rolledBackFrom: first.from.deployId, rolledBackTo: first.to.deployId, colour: first.colour, statements, durationMs: Date.now() - t0, schemas: plan.published, rollbackId, scope: plan.scope ? 'database' : 'schema' };
  }
  await ensureAdmin(warehouse, sql, a);
  await acquireLock(warehouse, sql, a, { environment, holder: rollbackId, runUrl: opts.runUrl ?? null, actor: opts.actor, leaseMinutes: opts.leaseMinutes ?? 15 });
  try {
    // A cutover that died between its schema swaps (its lease expired, we hold the lock now): swap back first.
    let lockedState = await readDeployState(warehouse, stateOpts);
    if (await convergeSwaps(warehouse, sql, a, names, lockedState, 'reverse', { environment, actor: opts.actor, runUrl: opts.runUrl, by: `rollback ${rollbackId}` }, rt)) lockedState = await readDeployState(warehouse, stateOpts);
    // I4: the target is decided again under the lock; nothing can change DEPLOY_STATE's live deploy until we release it.
    const locked = decideRollback(lockedState, decideOpts);
    if (locked.alreadyDone) {
      await run(warehouse, sql.releaseLock(a, environment, rollbackId));
      return alreadyDone(rt, environment, locked, t0, opts);
    }
    assertTransition(locked.from, 'ROLLED_BACK', 'rollback');
    assertTransition(locked.to, 'LIVE', 'rollback');
    if (locked.republishes) {
      rt.warn(
        `RE-PUBLISHING deploy ${locked.to.deployId}, which is ${locked.to.status}${locked.to.errorText ? ` (${locked.to.errorText.split('\n')[0]!.slice(0, 200)})` : ''}: you named it with --to. Consumers will read it again; this is recorded in DEPLOY_STATE.`,
      );
    }
    const plan = await rollbackTargets(warehouse, sql, a, names, locked, opts, environment);
    const record = recordStatements(sql, a, environment, locked, plan, opts, rollbackId);
    const outcome = await executeSwap(warehouse, sql, a, plan.targets, record, { environment, holder: rollbackId, database: a.database, lockTimeoutMs: opts.lockTimeoutMs, databaseScope: plan.scope }, rt);
    rt.info(
      `Rolled back ${environment} from ${locked.from.deployId} to ${locked.to.deployId} (${locked.colour} colour) in ${Date.now() - t0} ms${plan.scope ? ` with one database swap (${plan.scope.published} ⇄ ${plan.scope.next})` : ''}; reason: ${opts.reason}`,
    );
    return { rolledBackFrom: locked.from.deployId, rolledBackTo: locked.to.deployId, colour: locked.colour, statements: outcome.statements, durationMs: Date.now() - t0, schemas: plan.published, rollbackId, scope: plan.scope ? 'database' : 'schema' };
  } catch (err) {
    try {
      await run(warehouse, sql.releaseLock(a, environment, rollbackId));
    } catch {
      rt.warn(`Could not release the deploy lock after the failed rollback; its ${opts.leaseMinutes ?? 15}-minute lease will expire.`);
    }
    throw err;
  }
}

function alreadyDone(rt: Runtime, environment: string, d: RollbackDecision, t0: number, opts: RollbackOptions): RollbackResult {
  rt.info(
    opts.to
      ? `Deploy ${d.to.deployId} is already live in ${environment}; nothing to roll back (no change, nothing recorded).`
      : `This rollback already happened: ${environment} was rolled back from ${d.from.deployId} to ${d.to.deployId} by this run (${opts.runUrl}); nothing changed.`,
  );
  return { rolledBackFrom: d.from.deployId, rolledBackTo: d.to.deployId, colour: d.colour, statements: [], durationMs: Date.now() - t0, schemas: d.to.schemas, rollbackId: '', scope: 'schema', alreadyDone: true };
}

interface RollbackPlan {
  published: string[];
  targets: SwapTarget[];
  scope?: DatabaseScope;
  scopeValue?: string;
}

/** The swaps back, validated against the warehouse: the previous views must wait in `<S>__NEXT` (or `<DB>__NEXT`), reading the target's colour. */
async function rollbackTargets(warehouse: Warehouse, sql: DeploySql, a: AdminNames, names: ColourNames, d: RollbackDecision, opts: RollbackOptions, environment: string): Promise<RollbackPlan> {
  const { from, to, colour } = d;
  const dialect = warehouse.dialect;
  const db = a.database;
  let published = from.schemas.length ? from.schemas : to.schemas;
  const pitr = `Use point-in-time recovery: slipway rollback --environment ${environment} --at <timestamp> --reason "…".`;
  // A deploy made live with database scope is rolled back the same way: the previous views wait in <DB>__NEXT.
  const scopeDb = liveDatabaseScope(from);
  if (scopeDb) {
    if (!warehouse.capabilities.databaseSwap || dialect !== 'snowflake') throw databaseSwapUnsupported(dialect, 'A database-scope rollback');
    if (opts.schemas?.length) {
      throw new UserError(`Deploy ${from.deployId} went live with database scope (${scopeDb}), so its published schemas can only be rolled back together, with one database swap.`, { hint: 'Leave out --schemas.' });
    }
    const dbSql = sql.databaseScope;
    if (!dbSql) throw databaseSwapUnsupported(dialect, 'A database-scope rollback');
    const scope: DatabaseScope = { published: scopeDb, next: suffixed(scopeDb, names.next, dialect), data: db };
    if (!(await run(warehouse, dbSql.databaseExists(db ?? scope.published, scope.next))).length) {
      throw new GateFailure(`Cannot re-swap ${scope.published}: the staging database ${scope.next} holding the previous views is gone.`, { hint: pitr });
    }
    const targets: SwapTarget[] = [];
    for (const p of published) {
      const colourSchema = suffixed(p, names.suffix[colour], dialect, names.quoting);
      const exists = (await run(warehouse, sql.schemaExists(scope.next, p))).length > 0;
      const sources = exists ? sql.parseViewSources(await run(warehouse, sql.viewSources(scope.next, p))) : [];
      const wrong = sources.filter((s) => s.sourceSchema !== colourSchema);
      const views = exists ? (await listRelations(warehouse, sql, scope.next, p)).map((r) => r.name) : [];
      if (!views.length || wrong.length) {
        throw new GateFailure(
          `Cannot re-swap ${scope.published}: ${scope.next}.${p} does not hold the views of deploy ${to.deployId} (${!exists ? 'it does not exist' : views.length ? `${wrong.length} view(s) read ${[...new Set(wrong.map((w) => w.sourceSchema))].join(', ')} instead of ${colourSchema}` : 'it is empty'}).`,
          { hint: pitr },
        );
      }
      targets.push({ published: p, next: p, build: [], nextViews: views });
    }
    return { published, targets, scope, scopeValue: databaseScopeValue(scope.published) };
  }
  if (opts.schemas?.length) {
    const want = opts.schemas.map((s) => s.toUpperCase());
    const unknown = want.filter((w) => !published.some((p) => p.toUpperCase() === w));
    if (unknown.length) throw new UserError(`Schema(s) ${unknown.join(', ')} are not published by deploy ${from.deployId} (${published.join(', ')}).`, { hint: 'Leave out --schemas to roll back every published schema.' });
    published = published.filter((p) => want.includes(p.toUpperCase()));
  }
  const targets: SwapTarget[] = [];
  for (const p of published) {
    const next = suffixed(p, names.next, dialect, names.quoting);
    const colourSchema = suffixed(p, names.suffix[colour], dialect, names.quoting);
    const exists = (await run(warehouse, sql.schemaExists(db, next))).length > 0;
    if (!exists) throw new GateFailure(`Cannot re-swap ${p}: the staging schema ${next} holding the previous views is gone.`, { hint: pitr });
    const sources = sql.parseViewSources(await run(warehouse, sql.viewSources(db, next)));
    const wrong = sources.filter((s) => s.sourceSchema !== colourSchema);
    const views = (await listRelations(warehouse, sql, db, next)).map((r) => r.name);
    if (!views.length || wrong.length) {
      throw new GateFailure(`Cannot re-swap ${p}: ${next} does not hold the views of deploy ${to.deployId} (${views.length ? `${wrong.length} view(s) read ${[...new Set(wrong.map((w) => w.sourceSchema))].join(', ')} instead of ${colourSchema}` : 'it is empty'}).`, { hint: pitr });
    }
    targets.push({ published: p, next, build: [], nextViews: views });
  }
  return { published, targets };
}

/** The audit rows a rollback writes after its swap, then the lock release (the same list is printed by --dry-run). */
function recordStatements(sql: DeploySql, a: AdminNames, environment: string, d: RollbackDecision, plan: RollbackPlan, opts: RollbackOptions, rollbackId: string): Statement[] {
  const { from, to, colour } = d;
  return [
    sql.insertEvent(a, eventValues({ deploy_id: from.deployId, environment, status: 'ROLLED_BACK', colour: from.colour, actor: opts.actor, run_url: opts.runUrl ?? null, reason: opts.reason, rolled_back_to: to.deployId })),
    sql.insertEvent(
      a,
      eventValues({
        deploy_id: to.deployId,
        environment,
        status: 'LIVE',
        colour,
        previous_colour: from.colour,
        previous_deploy_id: from.deployId,
        schemasList: to.schemas.length ? to.schemas : plan.published,
        actor: opts.actor,
        run_url: opts.runUrl ?? null,
        reason: `rollback from ${from.deployId}${d.republishes ? ` (RE-PUBLISHED a ${to.status} deploy, named with --to)` : ''}: ${opts.reason}`,
        ...(plan.scopeValue ? { cutover_scope: plan.scopeValue } : {}),
      }),
    ),
    sql.releaseLock(a, environment, rollbackId),
  ];
}

/** What the swap engine will run, for --dry-run (grant reads, the swap statements). */
function swapPlan(sql: DeploySql, a: AdminNames, plan: RollbackPlan, environment: string): Statement[] {
  const db = a.database;
  const scope = plan.scope;
  if (scope && sql.databaseScope) {
    const dbSql = sql.databaseScope;
    return [
      sql.readLock(a, environment),
      dbSql.listSchemas(scope.published),
      ...dbSql.readDatabaseGrants(scope.published),
      ...plan.targets.flatMap((t) => sql.readGrants(scope.published, t.published)),
      ...dbSql.readDatabaseGrants(scope.next),
      ...plan.targets.flatMap((t) => sql.readGrants(scope.next, t.next)),
      dbSql.swapDatabases(scope.published, scope.next),
    ];
  }
  return [sql.readLock(a, environment), ...plan.targets.flatMap((t) => [...sql.readGrants(db, t.published), ...sql.readGrants(db, t.next), ...sql.swap(db, t.published, t.next)])];
}

export { DEFAULT_LEASE_MINUTES };
