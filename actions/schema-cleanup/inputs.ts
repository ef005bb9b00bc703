/**
 * actions/schema-cleanup inputs and event, checked before anything heavy
 * loads (the entry imports only this, then the body).
 */
import type { EventContext } from '../../shared/actions-adapter/context.js';
import { UserError } from '../../shared/errors.js';
import { DEFAULT_PREFIX } from '../../shared/pr-schema/naming.js';
import { isClosedPrEvent, prNumberFromEvent, repoSlug } from '../../shared/pr-schema/pr-event.js';
import type { Inputs } from '../../shared/runtime/inputs.js';

interface Common {
  /** github-token: masked; the sweep asks GitHub which PRs are open with it. */
  token?: string;
  repo: string;
  prefix: string;
  dryRun: boolean;
}

/** mode pr: drop the schema of the closed pull request of this event. */
export interface DropOneInputs extends Common {
  mode: 'pr';
  pr: number;
  database?: string;
}

/** mode sweep: drop the schemas of every closed (or expired) pull request. */
export interface SweepInputs extends Common {
  mode: 'sweep';
  databases: string[];
  ttlDays: number;
  keep: string[];
  concurrency: number;
}

export type SchemaCleanupInputs = DropOneInputs | SweepInputs;

export function parseSchemaCleanupInputs(inputs: Inputs, event: EventContext): SchemaCleanupInputs {
  const modeInput = (inputs.get('mode') ?? 'auto').toLowerCase();
  if (!['auto', 'pr', 'sweep'].includes(modeInput)) {
    throw new UserError(`Input mode must be auto, pr or sweep, got '${modeInput}'.`, { hint: 'Use mode: pr on pull_request closed, mode: sweep on a schedule, or leave it at auto.' });
  }
  const issue = event.payload.issue as { pull_request?: unknown } | undefined;
  const carriesPr = !!event.pullRequest || (event.eventName === 'issue_comment' && !!issue?.pull_request);
  const mode = modeInput === 'auto' ? (carriesPr ? 'pr' : 'sweep') : modeInput;
  const common: Common = { token: inputs.get('github-token'), repo: repoSlug(event), prefix: inputs.get('prefix') ?? DEFAULT_PREFIX, dryRun: inputs.bool('dry-run', false) };
  const databases = inputs.list('database');

  if (mode === 'pr') {
    const pr = prNumberFromEvent(event, inputs.get('pr-number'), 'schema-cleanup');
    if (event.pullRequest && !isClosedPrEvent(event)) {
      throw new UserError(`schema-cleanup ran on a '${String(event.payload.action ?? event.eventName)}' event of pull request #${pr}, which is still open; it drops a PR's schema only when the PR is closed.`, {
        hint: 'Trigger this workflow with `pull_request: types: [closed]` (and a schedule for mode: sweep); keep it out of the CI workflow that builds the PR.',
      });
    }
    if (databases.length > 1) throw new UserError('Give at most one database when dropping one PR schema.', { hint: 'Set database: to the database the PR schema lives in.' });
    return { ...common, mode: 'pr', pr, database: databases[0] };
  }

  const ttlRaw = inputs.get('ttl-days') ?? '7';
  if (!/^\d+(\.\d+)?$/.test(ttlRaw)) throw new UserError(`Input ttl-days must be a number of days, got '${ttlRaw}'.`, { hint: 'Set ttl-days: 7 (0 turns the TTL rule off).' });
  const concRaw = inputs.get('concurrency') ?? '4';
  if (!/^\d+$/.test(concRaw)) throw new UserError(`Input concurrency must be a whole number, got '${concRaw}'.`, { hint: 'Set concurrency: 4.' });
  return { ...common, mode: 'sweep', databases, ttlDays: Number(ttlRaw), keep: inputs.list('keep'), concurrency: Number(concRaw) };
}
