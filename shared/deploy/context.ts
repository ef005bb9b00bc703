/**
 * One deploy context, made once per command: the warehouse, its dialect, the
 * deploy SQL builder, the admin names, the colour names and who acts. Every
 * helper of prepare / cutover / control / rollback takes it instead of the
 * (warehouse, SQL builder, admin names, runtime) quadruple.
 *
 * `planContext` is the connection-less variant for dry runs without a
 * warehouse: the same names and SQL, no `wh`.
 */
import { UserError } from '../errors.js';
import type { Manifest } from '../dbt/artifacts.js';
import type { Runtime } from '../runtime/port.js';
import { resolveName, type DialectName } from '../sql/identifiers.js';
import type { Warehouse } from '../warehouse/types.js';
import { deploySqlFor, type AdminNames, type DeploySql } from '../dialects/deploy.js';
import type { CheckResult } from './checks.js';
import { databaseSwapUnsupported, type DatabaseScope } from './engine.js';
import { colourNames, suffixed, type ColourNames, type ColourOptions } from './names.js';
import { adminNames, checkEnvironment, eventValues, otherColour, readDeployState, type Colour, type DeployStatus, type StateOptions } from './state.js';
import { runStatement } from '../warehouse/run.js';

export interface ContextOptions extends StateOptions, ColourOptions {
  actor?: string;
  runUrl?: string;
}

/** What a dry run without a connection knows: names and SQL, no warehouse. */
export interface PlanContext {
  dialect: DialectName;
  sql: DeploySql;
  admin: AdminNames;
  names: ColourNames;
  environment: string;
  actor: string;
  runUrl?: string;
  /** The options the context was opened with (admin schema, database) for readDeployState. */
  state: StateOptions;
}

export interface DeployContext extends PlanContext {
  wh: Warehouse;
  rt: Runtime;
}

/** Validate the environment and the suffixes, load the dialect's deploy SQL. Nothing touches the warehouse. */
export async function planContext(dialect: DialectName, opts: ContextOptions): Promise<PlanContext> {
  const environment = checkEnvironment(opts.environment);
  const names = colourNames(opts);
  const sql = await deploySqlFor(dialect);
  return {
    dialect,
    sql,
    admin: adminNames(dialect, opts),
    names,
    environment,
    actor: opts.actor ?? '<actor>',
    ...(opts.runUrl !== undefined ? { runUrl: opts.runUrl } : {}),
    state: { environment, adminSchema: opts.adminSchema, database: opts.database },
  };
}

export async function openDeployContext(wh: Warehouse, opts: ContextOptions, rt: Runtime): Promise<DeployContext> {
  return { ...(await planContext(wh.dialect, opts)), wh, rt };
}

export interface DeployCommonOptions extends StateOptions, ColourOptions {
  /** Published (consumer-facing) schemas, as written in config. */
  schemas?: string[];
  actor: string;
  runUrl?: string;
  gitSha?: string;
  /** Lease of the deploy lock in minutes; must cover the dbt build between prepare and cutover (default 180). */
  leaseMinutes?: number;
  /**
   * Opt-in database scope (`--database-swap`, Snowflake only): cut every published
   * schema over with one `ALTER DATABASE <publishedDatabase> SWAP WITH <publishedDatabase>__NEXT`.
   * Needs `publishedDatabase` (holding only the published view schemas) and `database`
   * (the colour and admin schemas, named fully qualified by the views).
   */
  databaseSwap?: boolean;
  /** The consumer-facing database of the published schemas (database scope only). */
  publishedDatabase?: string;
}

export const DEFAULT_LEASE_MINUTES = 180;
export const DEFAULT_ROW_COUNT_TOLERANCE = 50;

/**
 * Validate the opt-in database scope without touching the warehouse: the
 * capability, the two databases (consumer and data) and their names. Returns
 * undefined for the schema scope.
 */
export function resolveDatabaseScope(
  dialect: DialectName,
  capable: boolean,
  opts: { databaseSwap?: boolean; publishedDatabase?: string; database?: string } & ColourOptions,
): DatabaseScope | undefined {
  if (!opts.databaseSwap) {
    if (opts.publishedDatabase) throw new UserError('--published-database only applies with --database-swap.', { hint: 'Add --database-swap (database-swap: true) for a database-scope cutover, or leave out --published-database.' });
    return undefined;
  }
  if (!capable || dialect !== 'snowflake') throw databaseSwapUnsupported(dialect);
  if (!opts.publishedDatabase?.trim()) {
    throw new UserError('--database-swap needs --published-database: the consumer-facing database that holds only the published view schemas and is swapped whole.', {
      hint: 'e.g. --published-database ANALYTICS --database ANALYTICS_BUILD (input published-database).',
    });
  }
  if (!opts.database?.trim()) {
    throw new UserError('--database-swap needs --database: the database of the colour schemas and the admin schema, which the published views name fully qualified so they survive the swap.', {
      hint: 'e.g. --database ANALYTICS_BUILD --published-database ANALYTICS (input database).',
    });
  }
  const names = colourNames(opts);
  const published = resolveName(opts.publishedDatabase.trim(), dialect);
  const data = resolveName(opts.database.trim(), dialect);
  if (published.toUpperCase() === data.toUpperCase()) {
    throw new UserError(`--published-database ${published} is also --database: a database swap would move the colour schemas and the admin schema with it.`, {
      hint: 'Keep the published views in their own database; the colour schemas and DEPLOY_STATE stay in --database.',
    });
  }
  if (published.toUpperCase().endsWith(names.next.toUpperCase())) throw new UserError(`--published-database ${published} already ends in ${names.next}.`, { hint: 'Name the consumer-facing database, not its staging twin.' });
  return { published, next: suffixed(published, names.next, dialect), data };
}

/** Run a best-effort step (recording a failure, releasing the lock): a failure here is a warning, the lease expires on its own. */
export async function bestEffort(rt: Runtime, what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    rt.warn(`${what} failed (${(err as Error).message.split('\n')[0]}); the lock lease will expire on its own.`);
  }
}

/** A deploy that stops: its FAILED row, then the lock released (both best effort). */
export async function recordFailure(ctx: DeployContext, v: { deployId: string; colour?: Colour | null; error: string; checks?: CheckResult[] }): Promise<void> {
  const { wh, sql, admin: a, rt, environment } = ctx;
  await bestEffort(rt, 'Recording the FAILED row', () =>
    runStatement(wh, sql.insertEvent(a, eventValues({ deploy_id: v.deployId, environment, status: 'FAILED', colour: v.colour ?? null, actor: ctx.actor, run_url: ctx.runUrl ?? null, error_text: v.error.slice(0, 4000), checkResults: v.checks }))),
  );
  await bestEffort(rt, 'Releasing the deploy lock', () => runStatement(wh, sql.releaseLock(a, environment, v.deployId)));
}

export interface DryRunOptions extends ColourOptions, StateOptions {
  dialect: DialectName;
  databaseSwap?: boolean;
  publishedDatabase?: string;
  schemas?: string[];
  manifest?: Manifest;
  colour?: Colour;
  database?: string;
  /** Real ids when known (a connection is open and a deploy holds the lock); placeholders otherwise. */
  deployId?: string;
  /** The live deploy (null: none, the first deploy); undefined prints a placeholder. */
  previousDeployId?: string | null;
  actor?: string;
  runUrl?: string;
  leaseMinutes?: number;
  lockTimeoutMs?: number;
  gitSha?: string;
  manifestSha256?: string;
  /** Whether DEPLOY_STATE exists (known with a connection): the admin objects are created only when it does not. */
  adminInitialised?: boolean;
  /** With a connection (from `dryRunContext`): the plan reads what the executor would find (read-only). */
  wh?: Warehouse;
  /** The timestamp the STARTED row records (a placeholder when absent). */
  now?: string;
  /** Prepare: the holder of an expired lease the run would take over (known with a connection), and its status. */
  takeover?: { holder: string; expiresAt: string | null; status: DeployStatus | null };
}

/**
 * What a dry run with a connection knows: prepare builds the idle colour (the
 * one the live deploy does not use); cutover publishes the colour of the
 * deploy holding the lock, with its real id and the live deploy's id.
 */
export async function dryRunContext(
  wh: Warehouse,
  opts: StateOptions & { deployId?: string },
  phase: 'prepare' | 'cutover',
): Promise<Pick<DryRunOptions, 'colour' | 'deployId' | 'previousDeployId' | 'adminInitialised' | 'wh' | 'takeover'>> {
  const state = await readDeployState(wh, { ...opts, environment: checkEnvironment(opts.environment) });
  const live = state.live;
  if (phase === 'prepare') {
    const lock = state.lock;
    const takeover = lock?.holder && lock.expired ? { holder: lock.holder, expiresAt: lock.expiresAt, status: state.deploys.find((d) => d.deployId === lock.holder)?.status ?? null } : undefined;
    return { colour: live?.colour ? otherColour(live.colour) : 'blue', previousDeployId: live?.deployId ?? null, adminInitialised: state.initialised, wh, ...(takeover ? { takeover } : {}) };
  }
  const id = opts.deployId ?? state.lock?.holder ?? undefined;
  const rec = id ? state.deploys.find((d) => d.deployId === id) : undefined;
  return {
    ...(rec?.colour ? { colour: rec.colour } : live?.colour ? { colour: otherColour(live.colour) } : {}),
    ...(rec ? { deployId: rec.deployId } : {}),
    previousDeployId: live?.deployId ?? null,
    adminInitialised: state.initialised,
    wh,
  };
}
