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
import { databaseSwapUnsupported, describeSwap, executeSwap, inspectSwap, type DatabaseScope, type SwapPlan, type SwapTarget } from './engine.js';
import { DEFAULT_LEASE_MINUTES, openDeployContext, type DeployContext } from './context.js';
import { suffixed, type ColourOptions } from './names.js';
import {
  acquireLock,
  acquireLockStatements,
  databaseScopeValue,
  ensureAdmin,
  ensureAdminStatements,
  eventValues,
  liveDatabaseScope,
  newDeployId,
  readDeployState,
  readDeployStateStatements,
  type Colour,
} from './state.js';
import { assertTransition, decideRollback, type RollbackDecision } from './lifecycle.js';
import { convergeSwaps } from './converge.js';
import { runStatement } from '../warehouse/run.js';

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

export const ROLLBACK_LEASE_MINUTES = 15;

export async function rollbackDeploy(warehouse: Warehouse, opts: RollbackOptions, rt: Runtime): Promise<RollbackResult> {
  const t0 = Date.now();
  if (!opts.reason?.trim()) throw new UserError('A rollback needs a reason.', { hint: 'Pass --reason "<what went wrong>"; it is recorded in DEPLOY_STATE with your name.' });
  const ctx = await openDeployContext(warehouse, opts, rt);
  const { sql, admin: a, environment } = ctx;
  const decideOpts = { environment, to: opts.to, runUrl: opts.runUrl };
  const lease = opts.leaseMinutes ?? ROLLBACK_LEASE_MINUTES;
  // A first, read-only decision gives the clear refusals (colour rebuilt, unknown id) even while a deploy holds the lock.
  const state = await readDeployState(warehouse, ctx.state);
  if (!state.initialised) throw new GateFailure(`Environment '${environment}' has no DEPLOY_STATE: nothing was ever deployed with Slipway here.`, { hint: 'Check --environment and --admin-schema.' });
  const first = decideRollback(state, decideOpts);
  if (first.alreadyDone) return alreadyDone(rt, environment, first, t0, opts);
  if (opts.dryRun) {
    // The id the real run takes is made when it takes the lock: the dry run names it with a placeholder.
    const rollbackId = '<rollback-id>';
    const plan = await planRollback(ctx, first, opts, rollbackId);
    const seen = await inspectSwap(ctx, plan.swap);
    const statements = [
      ...ensureAdminStatements(sql, a, { initialised: true, transactional: false }),
      ...acquireLockStatements(sql, a, { environment, holder: rollbackId, runUrl: ctx.runUrl ?? null, actor: ctx.actor, leaseMinutes: lease }),
      ...readDeployStateStatements(sql, a, environment),
      ...plan.validation,
      ...describeSwap(ctx, plan.swap, seen),
    ];
    return { rolledBackFrom: first.from.deployId, rolledBackTo: first.to.deployId, colour: first.colour, statements, durationMs: Date.now() - t0, schemas: plan.published, rollbackId, scope: plan.scope ? 'database' : 'schema' };
  }
  const rollbackId = newDeployId(new Date(), 'rollback-');
  await ensureAdmin(warehouse, sql, a);
  await acquireLock(warehouse, sql, a, { environment, holder: rollbackId, runUrl: ctx.runUrl ?? null, actor: ctx.actor, leaseMinutes: lease });
  try {
    // A cutover that died between its schema swaps (its lease expired, we hold the lock now): swap back first.
    let lockedState = await readDeployState(warehouse, ctx.state);
    if (await convergeSwaps(ctx, lockedState, 'reverse', `rollback ${rollbackId}`)) lockedState = await readDeployState(warehouse, ctx.state);
    // I4: the target is decided again under the lock; nothing can change DEPLOY_STATE's live deploy until we release it.
    const locked = decideRollback(lockedState, decideOpts);
    if (locked.alreadyDone) {
      await runStatement(warehouse, sql.releaseLock(a, environment, rollbackId));
      return alreadyDone(rt, environment, locked, t0, opts);
    }
    assertTransition(locked.from, 'ROLLED_BACK', 'rollback');
    assertTransition(locked.to, 'LIVE', 'rollback');
    if (locked.republishes) {
      rt.warn(
        `RE-PUBLISHING deploy ${locked.to.deployId}, which is ${locked.to.status}${locked.to.errorText ? ` (${locked.to.errorText.split('\n')[0]!.slice(0, 200)})` : ''}: you named it with --to. Consumers will read it again; this is recorded in DEPLOY_STATE.`,
      );
    }
    const plan = await planRollback(ctx, locked, opts, rollbackId);
    const outcome = await executeSwap(ctx, plan.swap);
    rt.info(
      `Rolled back ${environment} from ${locked.from.deployId} to ${locked.to.deployId} (${locked.colour} colour) in ${Date.now() - t0} ms${plan.scope ? ` with one database swap (${plan.scope.published} ⇄ ${plan.scope.next})` : ''}; reason: ${opts.reason}`,
    );
    return { rolledBackFrom: locked.from.deployId, rolledBackTo: locked.to.deployId, colour: locked.colour, statements: outcome.statements, durationMs: Date.now() - t0, schemas: plan.published, rollbackId, scope: plan.scope ? 'database' : 'schema' };
  } catch (err) {
    try {
      await runStatement(warehouse, sql.releaseLock(a, environment, rollbackId));
    } catch {
      rt.warn(`Could not release the deploy lock after the failed rollback; its ${lease}-minute lease will expire.`);
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

/**
 * A rollback as one plan object: the decision (from which deploy to which),
 * the published schemas swapped back, and the swap itself (targets, the
 * ROLLED_BACK / LIVE rows, the lock release). `executeSwap` runs `swap`;
 * `--dry-run` prints `describeSwap` of the same object.
 */
export interface RollbackPlan {
  decision: RollbackDecision;
  rollbackId: string;
  published: string[];
  scope?: DatabaseScope;
  scopeValue?: string;
  /** The reads that proved the previous views still wait in the staging schemas. */
  validation: Statement[];
  swap: SwapPlan;
}

/** Validate the swap back against the warehouse and build the plan (read-only). */
export async function planRollback(ctx: DeployContext, d: RollbackDecision, opts: RollbackOptions, rollbackId: string): Promise<RollbackPlan> {
  const t = await rollbackTargets(ctx, d, opts);
  const partial = { decision: d, rollbackId, published: t.published, scope: t.scope, scopeValue: t.scopeValue };
  const record = recordStatements(ctx, d, partial, opts, rollbackId);
  return { ...partial, validation: t.validation, swap: { targets: t.targets, record, options: { environment: ctx.environment, holder: rollbackId, database: ctx.admin.database, lockTimeoutMs: opts.lockTimeoutMs, databaseScope: t.scope } } };
}

interface RollbackTargets {
  published: string[];
  targets: SwapTarget[];
  scope?: DatabaseScope;
  scopeValue?: string;
  validation: Statement[];
}

/** The swaps back, validated against the warehouse: the previous views must wait in `<S>__NEXT` (or `<DB>__NEXT`), reading the target's colour. */
async function rollbackTargets(ctx: DeployContext, d: RollbackDecision, opts: RollbackOptions): Promise<RollbackTargets> {
  const { from, to, colour } = d;
  const { sql, admin: a, names, environment, dialect } = ctx;
  const validation: Statement[] = [];
  const read = (st: Statement) => {
    validation.push({ ...st, purpose: `check: the previous views still wait in the staging schema, reading ${to.deployId}'s colour` });
    return runStatement(ctx.wh, st);
  };
  const views = async (database: string | undefined, schema: string) => (await read(sql.listRelations(database, schema))).map((r) => String(r.name));
  const db = a.database;
  let published = from.schemas.length ? from.schemas : to.schemas;
  const pitr = `Use point-in-time recovery: slipway rollback --environment ${environment} --at <timestamp> --reason "…".`;
  // A deploy made live with database scope is rolled back the same way: the previous views wait in <DB>__NEXT.
  const scopeDb = liveDatabaseScope(from);
  if (scopeDb) {
    if (!ctx.wh.capabilities.databaseSwap || dialect !== 'snowflake') throw databaseSwapUnsupported(dialect, 'A database-scope rollback');
    if (opts.schemas?.length) {
      throw new UserError(`Deploy ${from.deployId} went live with database scope (${scopeDb}), so its published schemas can only be rolled back together, with one database swap.`, { hint: 'Leave out --schemas.' });
    }
    const dbSql = sql.databaseScope;
    if (!dbSql) throw databaseSwapUnsupported(dialect, 'A database-scope rollback');
    const scope: DatabaseScope = { published: scopeDb, next: suffixed(scopeDb, names.next, dialect), data: db };
    if (!(await read(dbSql.databaseExists(db ?? scope.published, scope.next))).length) {
      throw new GateFailure(`Cannot re-swap ${scope.published}: the staging database ${scope.next} holding the previous views is gone.`, { hint: pitr });
    }
    const targets: SwapTarget[] = [];
    for (const p of published) {
      const colourSchema = suffixed(p, names.suffix[colour], dialect, names.quoting);
      const exists = (await read(sql.schemaExists(scope.next, p))).length > 0;
      const sources = exists ? sql.parseViewSources(await read(sql.viewSources(scope.next, p))) : [];
      const wrong = sources.filter((s) => s.sourceSchema !== colourSchema);
      const inNext = exists ? await views(scope.next, p) : [];
      if (!inNext.length || wrong.length) {
        throw new GateFailure(
          `Cannot re-swap ${scope.published}: ${scope.next}.${p} does not hold the views of deploy ${to.deployId} (${!exists ? 'it does not exist' : inNext.length ? `${wrong.length} view(s) read ${[...new Set(wrong.map((w) => w.sourceSchema))].join(', ')} instead of ${colourSchema}` : 'it is empty'}).`,
          { hint: pitr },
        );
      }
      targets.push({ published: p, next: p, build: [], nextViews: inNext });
    }
    return { published, targets, scope, scopeValue: databaseScopeValue(scope.published), validation };
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
    const exists = (await read(sql.schemaExists(db, next))).length > 0;
    if (!exists) throw new GateFailure(`Cannot re-swap ${p}: the staging schema ${next} holding the previous views is gone.`, { hint: pitr });
    const sources = sql.parseViewSources(await read(sql.viewSources(db, next)));
    const wrong = sources.filter((s) => s.sourceSchema !== colourSchema);
    const inNext = await views(db, next);
    if (!inNext.length || wrong.length) {
      throw new GateFailure(`Cannot re-swap ${p}: ${next} does not hold the views of deploy ${to.deployId} (${inNext.length ? `${wrong.length} view(s) read ${[...new Set(wrong.map((w) => w.sourceSchema))].join(', ')} instead of ${colourSchema}` : 'it is empty'}).`, { hint: pitr });
    }
    targets.push({ published: p, next, build: [], nextViews: inNext });
  }
  return { published, targets, validation };
}

/** The audit rows a rollback writes after its swap, then the lock release (the same list is printed by --dry-run). */
function recordStatements(ctx: DeployContext, d: RollbackDecision, plan: Pick<RollbackPlan, 'published' | 'scopeValue'>, opts: RollbackOptions, rollbackId: string): Statement[] {
  const { from, to, colour } = d;
  const { sql, admin: a, environment } = ctx;
  return [
    sql.insertEvent(a, eventValues({ deploy_id: from.deployId, environment, status: 'ROLLED_BACK', colour: from.colour, actor: ctx.actor, run_url: ctx.runUrl ?? null, reason: opts.reason, rolled_back_to: to.deployId })),
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
        actor: ctx.actor,
        run_url: ctx.runUrl ?? null,
        reason: `rollback from ${from.deployId}${d.republishes ? ` (RE-PUBLISHED a ${to.status} deploy, named with --to)` : ''}: ${opts.reason}`,
        ...(plan.scopeValue ? { cutover_scope: plan.scopeValue } : {}),
      }),
    ),
    sql.releaseLock(a, environment, rollbackId),
  ];
}

export { DEFAULT_LEASE_MINUTES };
