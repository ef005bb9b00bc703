/**
 * Control of a deploy in flight and a look at the history: `abort` (the
 * deploy's own way out), `unlock` (clear a dead holder's lease) and `status`.
 * Abort and unlock converge a cutover interrupted between its schema swaps
 * (converge.ts) before they record anything.
 */
import { GateFailure, UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import type { Warehouse } from '../warehouse/types.js';
import { deploySqlFor } from '../dialects/deploy.js';
import { openDeployContext } from './context.js';
import { assertTransition, isInProgress } from './lifecycle.js';
import { convergeSwaps } from './converge.js';
import type { ColourOptions } from './names.js';
import { adminNames, eventValues, readDeployState, type DeployRecord, type LockInfo, type StateOptions } from './state.js';
import { runStatement } from '../warehouse/run.js';

export interface UnlockOptions extends StateOptions, ColourOptions {
  reason: string;
  actor: string;
  runUrl?: string;
}

/** Clear a dead lease (audited: the holder gets a FAILED row naming who unlocked and why). */
export async function unlockDeploy(wh: Warehouse, opts: UnlockOptions, rt: Runtime): Promise<{ environment: string; clearedHolder: string | null; lock?: unknown }> {
  const ctx = await openDeployContext(wh, opts, rt);
  const { sql, admin: a, environment } = ctx;
  if (!opts.reason?.trim()) throw new UserError('An unlock needs a reason.', { hint: 'Pass --reason "<why the holder is dead>"; it is recorded in DEPLOY_STATE.' });
  const state = await readDeployState(wh, ctx.state);
  const lock = state.lock;
  if (!state.initialised || !lock?.holder) {
    rt.info(`The deploy lock for environment '${environment}' is already free.`);
    return { environment, clearedHolder: null };
  }
  const held = state.deploys.find((d) => d.deployId === lock.holder);
  if (held?.status === 'SWAPPING') await convergeSwaps(ctx, state, 'reverse', `unlock by ${opts.actor} (${opts.reason})`);
  else if (!held || isInProgress(held.status)) {
    await runStatement(wh, sql.insertEvent(a, eventValues({ deploy_id: lock.holder, environment, status: 'FAILED', actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `deploy lock cleared by ${opts.actor}`, reason: opts.reason })));
  }
  await runStatement(wh, sql.forceUnlock(a, environment));
  rt.info(`Cleared the deploy lock of ${lock.holder} (${lock.runUrl ?? 'no run URL'}) for environment '${environment}'; recorded as FAILED with reason: ${opts.reason}`);
  return { environment, clearedHolder: lock.holder, lock };
}

export interface AbortOptions extends StateOptions, ColourOptions {
  /** Default: the deploy holding the lock. */
  deployId?: string;
  reason: string;
  actor: string;
  runUrl?: string;
}

/**
 * `slipway deploy abort` / `phase: abort`: the deploy's own way out when its
 * dbt build failed. Records FAILED with the reason and releases the lock
 * (compare-and-set on the holder), so the next deploy need not wait for the
 * lease to expire. Nothing is published; consumers keep the live colour.
 * Refuses to touch a lock held by another deploy (that is `unlock`'s job).
 */
export async function abortDeploy(wh: Warehouse, opts: AbortOptions, rt: Runtime): Promise<{ environment: string; deployId: string | null; aborted: boolean }> {
  const ctx = await openDeployContext(wh, opts, rt);
  const { sql, admin: a, environment } = ctx;
  if (!opts.reason?.trim()) throw new UserError('An abort needs a reason.', { hint: 'Pass --reason "<what failed>"; it is recorded in DEPLOY_STATE.' });
  const state = await readDeployState(wh, ctx.state);
  const holder = state.lock?.holder ?? null;
  const deployId = opts.deployId ?? holder;
  if (!state.initialised || !deployId) {
    rt.info(`No deploy is in progress for environment '${environment}'; nothing to abort.`);
    return { environment, deployId: null, aborted: false };
  }
  if (holder !== deployId) {
    const record = state.deploys.find((d) => d.deployId === deployId);
    if (record && record.status === 'FAILED') {
      rt.info(`Deploy ${deployId} is already FAILED and does not hold the lock; nothing to abort.`);
      return { environment, deployId, aborted: false };
    }
    if (record && (record.status === 'LIVE' || record.status === 'SUPERSEDED' || record.status === 'ROLLED_BACK')) {
      // Its cutover happened: abort has nothing to end, and must not claim consumers kept the old colour.
      const what =
        record.status === 'LIVE'
          ? `went LIVE: consumers read it now. Abort does not undo a cutover; to go back, run \`slipway rollback --environment ${environment} --reason …\`.`
          : `went live earlier and is now ${record.status}; nothing to abort.`;
      rt.warn(`Deploy ${deployId} ${what}`);
      return { environment, deployId, aborted: false };
    }
    throw new GateFailure(`Deploy ${deployId} does not hold the deploy lock for environment '${environment}' (${holder ? `held by ${holder}` : 'it is free'}).`, {
      hint: holder ? `If ${holder} is dead, clear it with \`slipway deploy unlock --environment ${environment} --reason …\`.` : 'Nothing to abort.',
    });
  }
  const current = state.deploys.find((d) => d.deployId === deployId);
  if (current?.status === 'SWAPPING') {
    // Interrupted between its schema swaps: swap the done ones back (records FAILED), so consumers really keep the live colour.
    await convergeSwaps(ctx, state, 'reverse', `abort (${opts.reason})`);
  } else {
    if (current) assertTransition(current, 'FAILED', 'abort');
    await runStatement(wh, sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: 'FAILED', actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `aborted: ${opts.reason}`, reason: opts.reason })));
  }
  await runStatement(wh, sql.releaseLock(a, environment, deployId));
  rt.info(`Deploy ${deployId} aborted and recorded FAILED (${opts.reason}); the lock for '${environment}' is released and consumers keep the live colour.`);
  return { environment, deployId, aborted: true };
}

/** `slipway deploy status`: the live deploy, the lock and the recent deploys. */
export interface StatusEvent {
  /** When the transition was recorded (UTC, ISO 8601). */
  at: string | null;
  deployId: string;
  status: string;
  actor: string | null;
  /** Why: the reason given (rollback, abort, unlock) or the error text. */
  why: string | null;
  rolledBackTo: string | null;
  runUrl: string | null;
}

export async function deployStatus(
  wh: Warehouse,
  opts: StateOptions & { limit?: number },
): Promise<{ environment: string; initialised: boolean; live: DeployRecord | null; lock: LockInfo | null; recent: Omit<DeployRecord, 'events'>[]; history: StatusEvent[]; knownEnvironments?: string[] }> {
  const state = await readDeployState(wh, opts);
  // An environment DEPLOY_STATE has never seen: name the ones it has (a typo must not read as "nothing live").
  let knownEnvironments: string[] | undefined;
  if (state.initialised && state.events.length === 0) {
    const sql = await deploySqlFor(wh.dialect);
    knownEnvironments = (await runStatement(wh, sql.selectEnvironments(adminNames(wh.dialect, opts)))).map((r) => String(r.environment));
  }
  const limit = opts.limit ?? 10;
  const recent = state.deploys.slice(-limit).reverse().map(({ events: _e, ...d }) => d);
  const history: StatusEvent[] = state.events
    .slice(-limit * 4)
    .reverse()
    .map((e) => ({ at: e.recordedAt, deployId: e.deployId, status: e.status, actor: e.actor, why: e.reason ?? e.errorText, rolledBackTo: e.rolledBackTo, runUrl: e.runUrl }));
  return { environment: state.environment, initialised: state.initialised, live: state.live ?? null, lock: state.lock && state.lock.holder ? state.lock : null, recent, history, ...(knownEnvironments ? { knownEnvironments } : {}) };
}
