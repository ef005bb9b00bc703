/**
 * Multi-schema cutovers on warehouses without transactional DDL (Snowflake:
 * one `ALTER SCHEMA … SWAP WITH …` per published schema) are made
 * completable: the cutover records the swaps it intends (a SWAPPING row)
 * before the first, and whoever comes next — the same deploy's `cutover`
 * rerun, `abort`, `unlock`, a `rollback` or the `prepare` that takes over the
 * expired lease — reads which published schemas already read the new colour
 * and either finishes the remaining swaps (the cutover) or swaps the done
 * ones back (everyone else), so every published schema reads the same deploy
 * and DEPLOY_STATE says which. Postgres never writes SWAPPING: its cutover is
 * one transaction.
 */
import type { Statement } from '../sql/plan.js';
import { OperationError } from '../errors.js';
import type { DeployContext } from './context.js';
import { assertTransition } from './lifecycle.js';
import { suffixed } from './names.js';
import { eventValues, type DeployRecord, type DeployState } from './state.js';
import { runStatement } from '../warehouse/run.js';

export interface SwapProgress {
  deploy: DeployRecord;
  /** Published schemas whose views already read the deploy's colour. */
  swapped: string[];
  /** Published schemas still reading the previous colour. */
  pending: string[];
}

/** The deploy caught between its per-schema swaps, if any (its latest row is SWAPPING). */
export function halfSwapped(state: DeployState): DeployRecord | undefined {
  return state.deploys.find((d) => d.status === 'SWAPPING');
}

/** Which published schemas of a SWAPPING deploy read its colour now (from the views' sources). */
export async function swapProgress(ctx: DeployContext, d: DeployRecord): Promise<SwapProgress> {
  const { wh, sql, admin: a, names } = ctx;
  const swapped: string[] = [];
  const pending: string[] = [];
  for (const p of d.schemas) {
    const colourSchema = suffixed(p, names.suffix[d.colour ?? 'blue'], wh.dialect, names.quoting);
    const sources = sql.parseViewSources(await runStatement(wh, sql.viewSources(a.database, p)));
    (sources.length && sources.every((s) => s.sourceSchema === colourSchema) ? swapped : pending).push(p);
  }
  return { deploy: d, swapped, pending };
}

/**
 * Converge a half-done multi-schema swap. `finish` (the deploy's own cutover
 * rerun) swaps the pending schemas and records LIVE; `reverse` (anyone else)
 * swaps the done ones back and records FAILED. Returns what was done.
 */
export async function convergeSwaps(
  ctx: DeployContext,
  state: DeployState,
  mode: 'finish' | 'reverse',
  /** Who converges, recorded in the FAILED row (e.g. `abort (reason)`). */
  by: string,
  finishRecord?: Statement[],
): Promise<{ deployId: string; mode: 'finish' | 'reverse'; swapped: string[] } | undefined> {
  const d = halfSwapped(state);
  if (!d) return undefined;
  const { wh, sql, admin: a, names, rt } = ctx;
  const who = { environment: ctx.environment, actor: ctx.actor, runUrl: ctx.runUrl, by };
  const progress = await swapProgress(ctx, d);
  const db = a.database;
  const next = (p: string) => suffixed(p, names.next, wh.dialect, names.quoting);
  if (mode === 'finish') {
    assertTransition(d, 'LIVE', 'recovery');
    for (const p of progress.pending) for (const st of sql.swap(db, p, next(p))) await runStatement(wh, st);
    for (const st of finishRecord ?? []) await runStatement(wh, st);
    rt.warn(`Deploy ${d.deployId} was interrupted between its schema swaps; finished the remaining ${progress.pending.length} (${progress.pending.join(', ') || 'none'}), so every published schema reads it.`);
    return { deployId: d.deployId, mode, swapped: progress.pending };
  }
  assertTransition(d, 'FAILED', 'recovery');
  const back: string[] = [];
  for (const p of progress.swapped) {
    try {
      for (const st of sql.swap(db, p, next(p))) await runStatement(wh, st);
      back.push(p);
    } catch (err) {
      throw new OperationError(
        `Deploy ${d.deployId} was interrupted between its schema swaps and ${p} could not be swapped back: ${(err as Error).message}. Published schemas now: ${progress.swapped.map((s) => `${s} reads ${d.deployId}`).join(', ')}; ${progress.pending.map((s) => `${s} reads the previous deploy`).join(', ') || ''}.`,
        { cause: err, hint: 'Fix the error (ownership of both schemas) and rerun the same command; it converges from wherever it stopped.' },
      );
    }
  }
  await runStatement(
    wh,
    sql.insertEvent(
      a,
      eventValues({
        deploy_id: d.deployId,
        environment: who.environment,
        status: 'FAILED',
        colour: d.colour,
        actor: who.actor,
        run_url: who.runUrl ?? null,
        reason: `interrupted between schema swaps; ${who.by} swapped back ${back.length} schema(s)${back.length ? ` (${back.join(', ')})` : ''}`,
        error_text: `cutover interrupted between schema swaps; reversed by ${who.by}`,
      }),
    ),
  );
  rt.warn(`Deploy ${d.deployId} was interrupted between its schema swaps; swapped back ${back.length} schema(s)${back.length ? ` (${back.join(', ')})` : ''}: every published schema reads the previous deploy again. Recorded FAILED.`);
  return { deployId: d.deployId, mode, swapped: back };
}

/**
 * SIGINT / SIGTERM while a cutover or rollback runs: the statement in flight
 * finishes, the swap loop stops at the next boundary (reversing what it did),
 * the outcome is recorded, and the process exits with the error. Returns a
 * probe and a disposer.
 */
export function watchSignals(): { requested(): string | undefined; dispose(): void } {
  let got: string | undefined;
  const on = (sig: string) => () => {
    got = sig;
  };
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((s) => [s, on(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  return {
    requested: () => got,
    dispose: () => {
      for (const [s, h] of handlers) process.off(s, h);
    },
  };
}
