/**
 * Phase 1 of a blue-green deploy: take the lock, pick the idle colour, create
 * its schemas and record STARTED; dbt then builds into them. The statements
 * written after the lock come from one builder (`prepareWrites`), run by
 * `prepareDeploy` and printed by `preparePlan` (`--dry-run`).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GateFailure } from '../errors.js';
import type { Manifest } from '../dbt/artifacts.js';
import type { Runtime } from '../runtime/port.js';
import type { Statement } from '../sql/plan.js';
import type { Warehouse } from '../warehouse/types.js';
import { bestEffort, DEFAULT_LEASE_MINUTES, openDeployContext, planContext, recordFailure, resolveDatabaseScope, type DeployCommonOptions, type DryRunOptions, type PlanContext } from './context.js';
import { assertTransition, isInProgress } from './lifecycle.js';
import { convergeSwaps } from './converge.js';
import { resolvePublished, suffixed } from './names.js';
import {
  acquireLock,
  acquireLockStatements,
  ensureAdmin,
  ensureAdminStatements,
  eventValues,
  newDeployId,
  otherColour,
  readDeployState,
  readDeployStateStatements,
  type Colour,
  type DeployRecord,
  type LockInfo,
} from './state.js';
import { runStatement } from '../warehouse/run.js';

export interface PrepareOptions extends DeployCommonOptions {
  manifest?: Manifest;
  manifestSha256?: string;
}

export interface PrepareResult {
  deployId: string;
  environment: string;
  colour: Colour;
  previousColour: Colour | null;
  previousDeployId: string | null;
  /** `__BLUE` or `__GREEN`: what generate_schema_name appends. */
  schemaSuffix: string;
  /** Published schemas (resolved names). */
  published: string[];
  /** The colour schemas dbt must build into, exactly as the warehouse names them. */
  schemas: string[];
  /** A dead deploy whose expired lease this one took over (recorded FAILED). */
  tookOverFrom?: string;
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** The plan of a prepare once the lock is held: the idle colour, its schemas, the STARTED row. */
export interface PreparePlan {
  deployId: string;
  colour: Colour;
  previousColour: Colour | null;
  previousDeployId: string | null;
  published: string[];
  /** The colour schemas, as the warehouse names them. */
  schemas: string[];
  /** What runs, in order: create the colour schemas, record STARTED. */
  statements: Statement[];
}

/** Build the prepare plan from the live deploy (undefined: none yet). The executor runs it; the dry run prints it. */
export function prepareWrites(
  ctx: PlanContext,
  v: { deployId: string; published: string[]; live: Pick<DeployRecord, 'deployId' | 'colour'> | undefined; colour?: Colour; gitSha?: string; manifestSha256?: string; startedAt: string },
): PreparePlan {
  const { sql, admin: a, names, dialect, environment } = ctx;
  const previousColour = v.live?.colour ?? null;
  const colour = v.colour ?? (previousColour ? otherColour(previousColour) : 'blue');
  const schemas = v.published.map((p) => suffixed(p, names.suffix[colour], dialect, names.quoting));
  const statements = [
    ...schemas.map((s) => sql.createSchemaIfMissing(a.database, s)),
    sql.insertEvent(
      a,
      eventValues({
        deploy_id: v.deployId,
        environment,
        status: 'STARTED',
        colour,
        previous_colour: previousColour,
        previous_deploy_id: v.live?.deployId ?? null,
        schemasList: v.published,
        git_sha: v.gitSha ?? null,
        manifest_sha256: v.manifestSha256 ?? null,
        run_url: ctx.runUrl ?? null,
        actor: ctx.actor,
        started_at: v.startedAt,
      }),
    ),
  ];
  return { deployId: v.deployId, colour, previousColour, previousDeployId: v.live?.deployId ?? null, published: v.published, schemas, statements };
}

/** The FAILED row of a dead deploy whose expired lease this prepare took over. */
export function takeoverRow(ctx: PlanContext, dead: Pick<LockInfo, 'holder' | 'expiresAt'>, deployId: string): Statement {
  return ctx.sql.insertEvent(
    ctx.admin,
    eventValues({ deploy_id: dead.holder!, environment: ctx.environment, status: 'FAILED', actor: ctx.actor, run_url: ctx.runUrl ?? null, error_text: `lease expired at ${dead.expiresAt}; lock taken over by ${deployId}`, reason: 'lease expired' }),
  );
}

/** Phase 1: take the lock, pick the idle colour, record STARTED. dbt then builds into the colour schemas. */
export async function prepareDeploy(wh: Warehouse, opts: PrepareOptions, rt: Runtime): Promise<PrepareResult> {
  const ctx = await openDeployContext(wh, opts, rt);
  const { sql, admin: a, names, environment } = ctx;
  const published = resolvePublished(opts.schemas, opts.manifest, names, ctx.dialect);
  resolveDatabaseScope(ctx.dialect, wh.capabilities.databaseSwap, opts);
  await ensureAdmin(wh, sql, a);
  const deployId = newDeployId();
  let tookOverFrom: Awaited<ReturnType<typeof acquireLock>>['tookOverFrom'];
  try {
    ({ tookOverFrom } = await acquireLock(wh, sql, a, { environment, holder: deployId, runUrl: ctx.runUrl ?? null, actor: ctx.actor, leaseMinutes: opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES }));
  } catch (err) {
    // The compare-and-set may have succeeded before the connection broke: give the lease back if it is ours.
    if (!(err instanceof GateFailure)) await bestEffort(rt, 'Releasing the deploy lock', () => runStatement(wh, sql.releaseLock(a, environment, deployId)));
    throw err;
  }
  try {
    // Decided under the lock we now hold (I6): the previous holder is recorded FAILED only if it never finished —
    // it may have gone LIVE (or been aborted) between our read of the lock and the compare-and-set.
    let state = await readDeployState(wh, ctx.state);
    if (tookOverFrom?.holder) {
      const dead = state.deploys.find((d) => d.deployId === tookOverFrom!.holder);
      if (dead?.status === 'SWAPPING') {
        await convergeSwaps(ctx, state, 'reverse', `prepare of ${deployId} (lease expired)`);
        state = await readDeployState(wh, ctx.state);
      } else if (dead && isInProgress(dead.status)) {
        assertTransition(dead, 'FAILED', 'takeover');
        rt.warn(`Took over the expired deploy lock of ${tookOverFrom.holder} (lease ended ${tookOverFrom.expiresAt}); recording it FAILED.`);
        await runStatement(wh, takeoverRow(ctx, tookOverFrom, deployId));
        state = await readDeployState(wh, ctx.state);
      } else if (dead) {
        rt.info(`The previous lock holder ${tookOverFrom.holder} had already finished (${dead.status}); nothing to record for it.`);
      }
    }
    const plan = prepareWrites(ctx, { deployId, published, live: state.live, gitSha: opts.gitSha, manifestSha256: opts.manifestSha256, startedAt: new Date().toISOString() });
    for (const st of plan.statements) await runStatement(wh, st);
    rt.info(`Deploy ${deployId} (${environment}): build the ${plan.colour} colour (${plan.schemas.join(', ')}); consumers keep reading ${plan.previousColour ?? 'nothing yet'}.`);
    return { deployId, environment, colour: plan.colour, previousColour: plan.previousColour, previousDeployId: plan.previousDeployId, schemaSuffix: names.suffix[plan.colour], published, schemas: plan.schemas, tookOverFrom: tookOverFrom?.holder ?? undefined };
  } catch (err) {
    await recordFailure(ctx, { deployId, error: `prepare failed: ${(err as Error).message}` });
    throw err;
  }
}

/**
 * `deploy prepare --dry-run`: the statements prepare runs, from the same
 * builders — the admin objects (only when missing), the lock, the reads of
 * DEPLOY_STATE, then `prepareWrites`. With `deployId` / `previousDeployId` /
 * `colour` from `dryRunContext` the ids and colour are the real ones;
 * otherwise placeholders. An expired lease taken over adds its FAILED row
 * (depends on the lock row at run time).
 */
export async function preparePlan(opts: DryRunOptions): Promise<Statement[]> {
  const ctx = await planContext(opts.dialect, opts);
  const { sql, admin: a, names, dialect, environment } = ctx;
  resolveDatabaseScope(dialect, dialect === 'snowflake', opts);
  const published = resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const colour = opts.colour ?? 'green';
  const deployId = opts.deployId ?? '<deploy-id>';
  const live = opts.previousDeployId === null ? undefined : { deployId: opts.previousDeployId ?? '<previous-deploy-id>', colour: otherColour(colour) };
  const plan = prepareWrites(ctx, { deployId, published, live, colour, gitSha: opts.gitSha, manifestSha256: opts.manifestSha256, startedAt: opts.now ?? '<now>' });
  // An expired lease of a deploy that never finished is taken over: its FAILED row, then DEPLOY_STATE is read again.
  const dead = opts.takeover && isInProgress(opts.takeover.status) && opts.takeover.status !== 'SWAPPING' ? opts.takeover : undefined;
  return [
    ...ensureAdminStatements(sql, a, { initialised: opts.adminInitialised, transactional: !!sql.transactional }),
    ...acquireLockStatements(sql, a, { environment, holder: deployId, runUrl: ctx.runUrl ?? null, actor: ctx.actor, leaseMinutes: opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES }),
    ...readDeployStateStatements(sql, a, environment),
    ...(dead ? [{ ...takeoverRow(ctx, dead, deployId), purpose: `DEPLOY_STATE row: FAILED for ${dead.holder}, whose lease expired (taken over)` }, ...readDeployStateStatements(sql, a, environment)] : []),
    ...plan.statements,
  ];
}
