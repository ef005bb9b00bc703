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
import { colourNames, DEFAULT_LEASE_MINUTES, suffixed, type ColourOptions } from './deploy.js';
import { acquireLock, adminNames, checkEnvironment, databaseScopeValue, ensureAdmin, eventValues, liveDatabaseScope, newDeployId, readDeployState, run, type Colour, type DeployRecord, type DeployState } from './state.js';
import { listRelations } from './checks.js';

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
}

export interface RollbackDecision {
  from: DeployRecord;
  to: DeployRecord;
  colour: Colour;
}

/** Decide from DEPLOY_STATE alone whether a re-swap rollback is valid; throws GateFailure/UserError naming why not. */
export function decideRollback(state: DeployState, opts: { environment: string; to?: string }): RollbackDecision {
  const env = opts.environment;
  const from = state.live;
  if (!from) throw new GateFailure(`Environment '${env}' has no live deploy to roll back.`, { hint: 'Nothing was ever cut over here; check --environment.' });
  const targetId = opts.to ?? from.previousDeployId ?? undefined;
  if (!targetId) throw new GateFailure(`Deploy ${from.deployId} is the first live deploy of '${env}'; there is no previous deploy to roll back to.`, { hint: 'Use point-in-time recovery instead: slipway rollback --at <timestamp>.' });
  const to = state.deploys.find((d) => d.deployId === targetId);
  if (!to) throw new UserError(`Deploy ${targetId} is not in DEPLOY_STATE for environment '${env}'.`, { hint: 'Pick a deploy id from `slipway deploy status --environment ' + env + '`.' });
  if (to.deployId === from.deployId) throw new UserError(`Deploy ${targetId} is already live in '${env}'.`, { hint: 'Nothing to roll back to.' });
  const wasLive = to.events.some((e) => e.status === 'LIVE');
  if (!wasLive) throw new GateFailure(`Deploy ${targetId} never went live (its status is ${to.status}); only a deploy that was live can be rolled back to.`, { hint: 'Pick a deploy that was LIVE, from `slipway deploy status`.' });
  if (!to.colour) throw new GateFailure(`DEPLOY_STATE does not record the colour of deploy ${targetId}.`, { hint: 'Use point-in-time recovery: slipway rollback --at <timestamp>.' });
  // The target's data is intact only if no deploy started on its colour after the target was built.
  const pos = new Map(state.events.map((e, i) => [e, i]));
  const built = Math.max(...to.events.filter((e) => e.status === 'STARTED' || e.status === 'BUILT' || e.status === 'CHECKED').map((e) => pos.get(e) ?? -1), pos.get(to.events[0]!) ?? -1);
  const rebuild = state.events.find((e, i) => i > built && e.status === 'STARTED' && e.colour === to.colour && e.deployId !== to.deployId);
  if (rebuild) {
    const liveAt = to.events.filter((e) => e.status === 'LIVE').at(-1)?.recordedAt;
    throw new GateFailure(
      `Cannot re-swap to deploy ${to.deployId}: its ${to.colour} colour was rebuilt since by deploy ${rebuild.deployId} (started ${rebuild.recordedAt ?? 'later'}${rebuild.actor ? ` by ${rebuild.actor}` : ''}), so the data it published is gone.`,
      {
        hint: `Use point-in-time recovery instead: slipway rollback --environment ${env} --at '${liveAt ?? '<timestamp when it was live>'}' --reason "…" (Snowflake time travel).`,
        details: { rebuiltBy: rebuild.deployId, target: to.deployId },
      },
    );
  }
  if (to.colour === from.colour) {
    throw new GateFailure(`Deploy ${to.deployId} used the same colour (${to.colour}) as the live deploy ${from.deployId}, so its data was rebuilt by it.`, {
      hint: `Use point-in-time recovery: slipway rollback --environment ${env} --at <timestamp> --reason "…".`,
    });
  }
  return { from, to, colour: to.colour };
}

export async function rollbackDeploy(warehouse: Warehouse, opts: RollbackOptions, rt: Runtime): Promise<RollbackResult> {
  const t0 = Date.now();
  const environment = checkEnvironment(opts.environment);
  if (!opts.reason?.trim()) throw new UserError('A rollback needs a reason.', { hint: 'Pass --reason "<what went wrong>"; it is recorded in DEPLOY_STATE with your name.' });
  const dialect = warehouse.dialect;
  const names = colourNames(opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const db = a.database;
  const state = await readDeployState(warehouse, { environment, adminSchema: opts.adminSchema, database: opts.database });
  if (!state.initialised) throw new GateFailure(`Environment '${environment}' has no DEPLOY_STATE: nothing was ever deployed with Slipway here.`, { hint: 'Check --environment and --admin-schema.' });
  const { from, to, colour } = decideRollback(state, { environment, to: opts.to });
  let published = from.schemas.length ? from.schemas : to.schemas;
  // A deploy made live with database scope is rolled back the same way: the previous views wait in <DB>__NEXT.
  const scopeDb = liveDatabaseScope(from);
  if (scopeDb) {
    if (!warehouse.capabilities.databaseSwap || dialect !== 'snowflake') throw databaseSwapUnsupported(dialect, 'A database-scope rollback');
    if (opts.schemas?.length) {
      throw new UserError(`Deploy ${from.deployId} went live with database scope (${scopeDb}), so its published schemas can only be rolled back together, with one database swap.`, { hint: 'Leave out --schemas.' });
    }
    const { snowflakeDatabaseScopeSql: dbSql } = await import('../dialects/snowflake/deploy.js');
    const scope: DatabaseScope = { published: scopeDb, next: suffixed(scopeDb, names.next, dialect), data: db };
    const pitr = `Use point-in-time recovery: slipway rollback --environment ${environment} --at <timestamp> --reason "…".`;
    if (!(await run(warehouse, dbSql.databaseExists(db ?? scope.published, scope.next))).length) {
      throw new GateFailure(`Cannot re-swap ${scope.published}: the staging database ${scope.next} holding the previous views is gone.`, { hint: pitr });
    }
    const targets: SwapTarget[] = [];
    for (const p of published) {
      const colourSchema = suffixed(p, names.suffix[colour], dialect);
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
    return reswap(warehouse, opts, rt, { t0, environment, sql, a, from, to, colour, published, targets, scope, scopeValue: databaseScopeValue(scope.published) });
  }
  if (opts.schemas?.length) {
    const want = opts.schemas.map((s) => s.toUpperCase());
    const unknown = want.filter((w) => !published.some((p) => p.toUpperCase() === w));
    if (unknown.length) throw new UserError(`Schema(s) ${unknown.join(', ')} are not published by deploy ${from.deployId} (${published.join(', ')}).`, { hint: 'Leave out --schemas to roll back every published schema.' });
    published = published.filter((p) => want.includes(p.toUpperCase()));
  }
  // The previous views must be waiting in <S>__NEXT, reading the target's colour.
  const targets: SwapTarget[] = [];
  for (const p of published) {
    const next = suffixed(p, names.next, dialect);
    const colourSchema = suffixed(p, names.suffix[colour], dialect);
    const exists = (await run(warehouse, sql.schemaExists(db, next))).length > 0;
    if (!exists) throw new GateFailure(`Cannot re-swap ${p}: the staging schema ${next} holding the previous views is gone.`, { hint: `Use point-in-time recovery: slipway rollback --environment ${environment} --at <timestamp> --reason "…".` });
    const sources = sql.parseViewSources(await run(warehouse, sql.viewSources(db, next)));
    const wrong = sources.filter((s) => s.sourceSchema !== colourSchema);
    const views = (await listRelations(warehouse, sql, db, next)).map((r) => r.name);
    if (!views.length || wrong.length) {
      throw new GateFailure(`Cannot re-swap ${p}: ${next} does not hold the views of deploy ${to.deployId} (${views.length ? `${wrong.length} view(s) read ${[...new Set(wrong.map((w) => w.sourceSchema))].join(', ')} instead of ${colourSchema}` : 'it is empty'}).`, {
        hint: `Use point-in-time recovery: slipway rollback --environment ${environment} --at <timestamp> --reason "…".`,
      });
    }
    targets.push({ published: p, next, build: [], nextViews: views });
  }
  return reswap(warehouse, opts, rt, { t0, environment, sql, a, from, to, colour, published, targets });
}

async function reswap(
  warehouse: Warehouse,
  opts: RollbackOptions,
  rt: Runtime,
  x: {
    t0: number;
    environment: string;
    sql: DeploySql;
    a: AdminNames;
    from: DeployRecord;
    to: DeployRecord;
    colour: Colour;
    published: string[];
    targets: SwapTarget[];
    scope?: DatabaseScope;
    scopeValue?: string;
  },
): Promise<RollbackResult> {
  const { t0, environment, sql, a, from, to, colour, published, targets, scope } = x;
  const db = a.database;
  const scopeKind = scope ? 'database' : 'schema';
  const rollbackId = newDeployId(new Date(), 'rollback-');
  const record: Statement[] = [
    sql.insertEvent(a, eventValues({ deploy_id: from.deployId, environment, status: 'ROLLED_BACK', colour: from.colour, actor: opts.actor, run_url: opts.runUrl ?? null, reason: opts.reason, rolled_back_to: to.deployId })),
    sql.insertEvent(a, eventValues({ deploy_id: to.deployId, environment, status: 'LIVE', colour, previous_colour: from.colour, previous_deploy_id: from.deployId, schemasList: to.schemas.length ? to.schemas : published, actor: opts.actor, run_url: opts.runUrl ?? null, reason: `rollback from ${from.deployId}: ${opts.reason}`, ...(x.scopeValue ? { cutover_scope: x.scopeValue } : {}) })),
    sql.releaseLock(a, environment, rollbackId),
  ];
  if (opts.dryRun) {
    let swapPlan: Statement[];
    if (scope) {
      const { snowflakeDatabaseScopeSql: dbSql } = await import('../dialects/snowflake/deploy.js');
      swapPlan = [
        dbSql.listSchemas(scope.published),
        ...dbSql.readDatabaseGrants(scope.published),
        ...targets.flatMap((t) => sql.readGrants(scope.published, t.published)),
        ...dbSql.readDatabaseGrants(scope.next),
        ...targets.flatMap((t) => sql.readGrants(scope.next, t.next)),
        dbSql.swapDatabases(scope.published, scope.next),
      ];
    } else swapPlan = targets.flatMap((t) => [...sql.readGrants(db, t.published), ...sql.readGrants(db, t.next), ...sql.swap(db, t.published, t.next)]);
    const statements: Statement[] = [sql.ensureLockRow(a, environment), sql.acquireLock(a, environment, rollbackId, opts.runUrl ?? null, opts.actor, opts.leaseMinutes ?? 15), ...swapPlan, ...record];
    return { rolledBackFrom: from.deployId, rolledBackTo: to.deployId, colour, statements, durationMs: Date.now() - t0, schemas: published, rollbackId, scope: scopeKind };
  }
  await ensureAdmin(warehouse, sql, a);
  await acquireLock(warehouse, sql, a, { environment, holder: rollbackId, runUrl: opts.runUrl ?? null, actor: opts.actor, leaseMinutes: opts.leaseMinutes ?? 15 });
  try {
    const outcome = await executeSwap(warehouse, sql, a, targets, record, { environment, holder: rollbackId, database: db, lockTimeoutMs: opts.lockTimeoutMs, databaseScope: scope }, rt);
    rt.info(
      `Rolled back ${environment} from ${from.deployId} to ${to.deployId} (${colour} colour) in ${Date.now() - t0} ms${scope ? ` with one database swap (${scope.published} ⇄ ${scope.next})` : ''}; reason: ${opts.reason}`,
    );
    return { rolledBackFrom: from.deployId, rolledBackTo: to.deployId, colour, statements: outcome.statements, durationMs: Date.now() - t0, schemas: published, rollbackId, scope: scopeKind };
  } catch (err) {
    try {
      await run(warehouse, sql.releaseLock(a, environment, rollbackId));
    } catch {
      rt.warn(`Could not release the deploy lock after the failed rollback; its ${opts.leaseMinutes ?? 15}-minute lease will expire.`);
    }
    throw err;
  }
}

export { DEFAULT_LEASE_MINUTES };
