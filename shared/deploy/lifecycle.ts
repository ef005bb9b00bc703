/**
 * The deploy lifecycle, written down in one place: the states a deploy goes
 * through, the transitions between them, who may take each, and the
 * invariants every command keeps. prepare / cutover / abort / unlock /
 * rollback consult this module before they write a DEPLOY_STATE row, and they
 * do so while holding the deploy lock (the lock row is the one serialisation
 * point: every transition is decided under it and audited by the row it
 * writes).
 *
 * States of one deploy (DEPLOY_STATE.status, append-only rows, latest wins):
 *
 *   (none) ──prepare──▶ STARTED ──cutover──▶ BUILT ──▶ CHECKED ──▶ SWAPPING ──▶ LIVE
 *                          │                  │          │           │            │
 *                          └──── abort / unlock / takeover / failed check ──▶ FAILED
 *                                                                                 │
 *   LIVE ──cutover of the next deploy──▶ SUPERSEDED ──rollback (default target)──▶ LIVE
 *   LIVE ──rollback──▶ ROLLED_BACK ──rollback --to <id> (loud)──▶ LIVE
 *
 * SWAPPING is only written by warehouses without transactional DDL (Snowflake),
 * before the first of several per-schema swaps: it records the swaps intended,
 * so a crash between them is finished or reversed by the next cutover, abort or
 * rollback (see `pendingSwaps`).
 *
 * Invariants (checked by test/deploy, test/rollback and the model-based tests in
 * test/lifecycle):
 *  I1  Consumers read exactly one complete colour, built after its deploy's
 *      prepare, by the deploy DEPLOY_STATE calls LIVE (at most one LIVE deploy
 *      per environment).
 *  I2  A rollback never re-publishes a ROLLED_BACK or FAILED deploy unless it is
 *      named with --to, and then it says so loudly (a warning and the audit row).
 *  I3  Slipway never drops or moves an object it did not create: a cutover that
 *      would refuses with the list (adoption is `slipway deploy adopt`).
 *  I4  Every transition is decided under the deploy lock and audited with who,
 *      which run and why.
 *  I5  A rerun after any fault converges: rerunning the same rollback is a
 *      no-op; a half-done multi-schema swap is completed or reversed.
 *  I6  The lock is released by its holder or expires; an expired holder is
 *      recorded FAILED only if it never went LIVE.
 */
import { GateFailure, OperationError, UserError } from '../errors.js';
import type { Colour, DeployEvent, DeployRecord, DeployState, DeployStatus } from './state.js';

/** Who takes a transition. */
export type LifecycleActor = 'prepare' | 'cutover' | 'abort' | 'unlock' | 'takeover' | 'rollback' | 'recovery' | 'adopt';

/** The states a deploy is in while it holds (or held) the lock and has not finished. */
export const IN_PROGRESS: readonly DeployStatus[] = ['STARTED', 'BUILT', 'CHECKED', 'SWAPPING'];

export interface Transition {
  from: DeployStatus | null;
  to: DeployStatus;
  by: readonly LifecycleActor[];
  why: string;
}

/** Every allowed transition. Anything not listed is refused (OperationError: a bug or a race lost). */
export const TRANSITIONS: readonly Transition[] = [
  { from: null, to: 'STARTED', by: ['prepare'], why: 'prepare took the lock and picked the idle colour' },
  { from: null, to: 'LIVE', by: ['adopt'], why: 'deploy adopt moved an existing schema\'s tables into the blue colour under the lock (first deploy of the environment)' },
  { from: 'STARTED', to: 'BUILT', by: ['cutover'], why: 'the build is done; cutover begins' },
  { from: 'BUILT', to: 'BUILT', by: ['cutover'], why: 'a cutover rerun after a failure before its checks finished' },
  { from: 'CHECKED', to: 'BUILT', by: ['cutover'], why: 'a cutover rerun after a failure before the swap' },
  { from: 'BUILT', to: 'CHECKED', by: ['cutover'], why: 'every pre-cutover check passed' },
  { from: 'CHECKED', to: 'SWAPPING', by: ['cutover'], why: 'the intended per-schema swaps are recorded before the first (non-transactional DDL)' },
  { from: 'SWAPPING', to: 'SWAPPING', by: ['cutover', 'recovery'], why: 'a rerun finishing the recorded swaps' },
  { from: 'CHECKED', to: 'LIVE', by: ['cutover'], why: 'the swap committed' },
  { from: 'SWAPPING', to: 'LIVE', by: ['cutover', 'recovery'], why: 'every recorded swap is done' },
  ...(['STARTED', 'BUILT', 'CHECKED', 'SWAPPING'] as const).map((from) => ({
    from,
    to: 'FAILED' as const,
    by: ['cutover', 'abort', 'unlock', 'takeover', 'prepare', 'recovery'] as const,
    why: 'the deploy ended without going live (failed check, abort, unlock, expired lease, reversed swaps)',
  })),
  { from: 'LIVE', to: 'SUPERSEDED', by: ['cutover', 'rollback', 'recovery'], why: 'another deploy went live' },
  { from: 'LIVE', to: 'ROLLED_BACK', by: ['rollback'], why: 'a rollback took consumers back to an earlier deploy' },
  { from: 'SUPERSEDED', to: 'LIVE', by: ['rollback'], why: 'rollback to the previous good deploy' },
  { from: 'ROLLED_BACK', to: 'LIVE', by: ['rollback'], why: 'roll forward: only when named with --to (loud)' },
  { from: 'FAILED', to: 'LIVE', by: ['rollback'], why: 'only a deploy that was LIVE before, only when named with --to (loud)' },
];

export function transitionAllowed(from: DeployStatus | null, to: DeployStatus, by: LifecycleActor): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by.includes(by));
}

/** Refuse a transition the lifecycle does not allow (decided under the lock, so a refusal means a lost race or a bug). */
export function assertTransition(record: Pick<DeployRecord, 'deployId' | 'status'> | undefined, to: DeployStatus, by: LifecycleActor): void {
  const from = record?.status ?? null;
  if (!transitionAllowed(from, to, by)) {
    throw new OperationError(`Deploy ${record?.deployId ?? '(new)'} is ${from ?? 'unknown'}; ${by} may not record it ${to}.`, {
      hint: 'Another run changed this deploy first. Read `slipway deploy status` and rerun if still needed.',
    });
  }
}

export function isInProgress(status: DeployStatus | null | undefined): boolean {
  return !!status && IN_PROGRESS.includes(status);
}

export function wasLive(d: DeployRecord): boolean {
  return d.events.some((e) => e.status === 'LIVE');
}

/** A rollback's LIVE row (written by a rollback, not a cutover). */
export function liveByRollback(e: DeployEvent): boolean {
  return e.status === 'LIVE' && !!e.reason && e.reason.startsWith('rollback from ');
}

export interface RollbackDecision {
  from: DeployRecord;
  to: DeployRecord;
  colour: Colour;
  /** True when the target is ROLLED_BACK or FAILED and was named with --to (the caller says so loudly). */
  republishes: boolean;
  /** The same rollback already happened (a re-run of the same run, or --to the deploy already live): nothing to do. */
  alreadyDone?: boolean;
}

const pitrHint = (env: string, at?: string | null) =>
  `Use point-in-time recovery instead: slipway rollback --environment ${env} --at '${at ?? '<timestamp when it was live>'}' --reason "…" (Snowflake time travel).`;

/**
 * Pick the rollback target from DEPLOY_STATE — call it while holding the lock.
 * Default target: the most recent deploy that was LIVE before the live one and
 * ended SUPERSEDED (never one that was rolled back or failed). `--to` may name
 * any deploy that was LIVE; a ROLLED_BACK or FAILED one is flagged `republishes`.
 * A re-run of the same rollback (same run URL) is recognised and is a no-op.
 */
export function decideRollback(state: DeployState, opts: { environment: string; to?: string; runUrl?: string }): RollbackDecision {
  const env = opts.environment;
  const from = state.live;
  if (!from) throw new GateFailure(`Environment '${env}' has no live deploy to roll back.`, { hint: 'Nothing was ever cut over here; check --environment.' });
  const lastLive = from.events.filter((e) => e.status === 'LIVE').at(-1);
  // I5: the same rollback run again (GitHub re-run keeps the run URL) finds its own LIVE row on top: nothing to do.
  if (!opts.to && opts.runUrl && lastLive && liveByRollback(lastLive) && lastLive.runUrl === opts.runUrl) {
    const prevId = lastLive.previousDeployId;
    const prev = state.deploys.find((d) => d.deployId === prevId);
    if (prev && from.colour) return { from: prev, to: from, colour: from.colour, republishes: false, alreadyDone: true };
  }
  let to: DeployRecord | undefined;
  if (opts.to) {
    to = state.deploys.find((d) => d.deployId === opts.to);
    if (!to) throw new UserError(`Deploy ${opts.to} is not in DEPLOY_STATE for environment '${env}'.`, { hint: 'Pick a deploy id from `slipway deploy status --environment ' + env + '`.' });
    if (to.deployId === from.deployId) {
      if (!from.colour) throw new GateFailure(`DEPLOY_STATE does not record the colour of deploy ${from.deployId}.`, { hint: pitrHint(env) });
      return { from, to, colour: from.colour, republishes: false, alreadyDone: true };
    }
    if (!wasLive(to)) throw new GateFailure(`Deploy ${to.deployId} never went live (its status is ${to.status}); only a deploy that was live can be rolled back to.`, { hint: 'Pick a deploy that was LIVE, from `slipway deploy status`.' });
  } else {
    // The most recent previously-live deploy that was superseded normally (not rolled back, not failed).
    const pos = new Map(state.events.map((e, i) => [e, i]));
    const lastLivePos = (d: DeployRecord) => Math.max(-1, ...d.events.filter((e) => e.status === 'LIVE').map((e) => pos.get(e) ?? -1));
    const candidates = state.deploys.filter((d) => d.deployId !== from.deployId && d.status === 'SUPERSEDED' && wasLive(d)).sort((x, y) => lastLivePos(y) - lastLivePos(x));
    to = candidates[0];
    if (!to) {
      const skipped = state.deploys.filter((d) => d.deployId !== from.deployId && wasLive(d) && (d.status === 'ROLLED_BACK' || d.status === 'FAILED'));
      throw new GateFailure(
        `Environment '${env}' has no previous good deploy to roll back to from ${from.deployId}${skipped.length ? ` (${skipped.map((d) => `${d.deployId} is ${d.status}`).join(', ')}; a rollback never re-publishes those by default)` : ''}.`,
        { hint: skipped.length ? `Name one with --to <deploy-id> if you really mean to publish it again, or use point-in-time recovery (--at).` : `Use point-in-time recovery instead: slipway rollback --at <timestamp>.` },
      );
    }
  }
  if (!to.colour) throw new GateFailure(`DEPLOY_STATE does not record the colour of deploy ${to.deployId}.`, { hint: pitrHint(env) });
  // The target's data is intact only if no deploy started on its colour after the target was built.
  const pos = new Map(state.events.map((e, i) => [e, i]));
  const built = Math.max(...to.events.filter((e) => e.status === 'STARTED' || e.status === 'BUILT' || e.status === 'CHECKED').map((e) => pos.get(e) ?? -1), pos.get(to.events[0]!) ?? -1);
  const rebuild = state.events.find((e, i) => i > built && e.status === 'STARTED' && e.colour === to!.colour && e.deployId !== to!.deployId);
  const liveAt = to.events.filter((e) => e.status === 'LIVE').at(-1)?.recordedAt;
  if (rebuild) {
    throw new GateFailure(
      `Cannot re-swap to deploy ${to.deployId}: its ${to.colour} colour was rebuilt since by deploy ${rebuild.deployId} (started ${rebuild.recordedAt ?? 'later'}${rebuild.actor ? ` by ${rebuild.actor}` : ''}), so the data it published is gone.`,
      { hint: pitrHint(env, liveAt), details: { rebuiltBy: rebuild.deployId, target: to.deployId } },
    );
  }
  if (to.colour === from.colour) {
    throw new GateFailure(`Deploy ${to.deployId} used the same colour (${to.colour}) as the live deploy ${from.deployId}, so its data was rebuilt by it.`, { hint: pitrHint(env, liveAt) });
  }
  return { from, to, colour: to.colour, republishes: to.status === 'ROLLED_BACK' || to.status === 'FAILED' };
}
