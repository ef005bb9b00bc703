/**
 * Which pull request a run is about, from the GitHub event (never from branch
 * names or titles). Plain data in, so the CLI, the actions and tests share it
 * without the actions layer.
 */
import { UserError } from '../errors.js';
import { parsePrNumber } from './naming.js';

/** The parts of a GitHub event this needs (the actions layer's EventContext has them). */
export interface PrEvent {
  eventName: string;
  repo: { owner: string; repo: string };
  pullRequest?: { number: number; headSha?: string; baseSha?: string; state?: string };
  payload: Record<string, unknown>;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);

/**
 * The PR number: from the pull_request payload (or an issue_comment on a PR),
 * never from branch names or titles; `pr-number` only for events that carry no PR.
 */
export function prNumberFromEvent(event: PrEvent, explicit: string | undefined, action: string): number {
  if (event.pullRequest) {
    if (explicit !== undefined && parsePrNumber(explicit, 'input pr-number') !== event.pullRequest.number) {
      throw new UserError(`Input pr-number (${explicit}) disagrees with the pull request of this event (#${event.pullRequest.number}).`, { hint: 'Remove pr-number on pull_request events; the number comes from the event.' });
    }
    return parsePrNumber(event.pullRequest.number, 'the pull_request event');
  }
  const issue = event.payload.issue as { number?: unknown; pull_request?: unknown } | undefined;
  if (event.eventName === 'issue_comment' && issue?.pull_request && issue.number !== undefined) return parsePrNumber(issue.number, 'the issue_comment event');
  if (explicit !== undefined) return parsePrNumber(explicit, 'input pr-number');
  throw new UserError(`${action} needs a pull request, but this run was triggered by '${event.eventName}', which carries none${PR_EVENTS.has(event.eventName) ? ' (the payload has no pull_request)' : ''}.`, {
    hint:
      action === 'schema-cleanup'
        ? "Run it on `pull_request: types: [closed]` to drop that PR's schema, or set mode: sweep (on a schedule) to clean up every closed PR."
        : 'Run it on `pull_request` (types: opened, synchronize, reopened), or pass the number explicitly with pr-number: for workflow_dispatch.',
  });
}

export function repoSlug(event: PrEvent): string {
  if (!event.repo.owner || !event.repo.repo) {
    throw new UserError('The repository of this run is unknown (GITHUB_REPOSITORY is not set).', { hint: 'Run the action inside GitHub Actions.' });
  }
  return `${event.repo.owner}/${event.repo.repo}`;
}

/** Whether this event is a pull request being closed (or already closed). */
export function isClosedPrEvent(event: PrEvent): boolean {
  return !!event.pullRequest && (event.payload.action === 'closed' || event.pullRequest.state === 'closed');
}
