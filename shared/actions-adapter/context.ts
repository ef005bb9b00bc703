import * as github from '@actions/github';

/** The parts of the GitHub event context the core needs, as plain data. */
export interface EventContext {
  eventName: string;
  repo: { owner: string; repo: string };
  sha: string;
  ref: string;
  actor: string;
  runUrl?: string;
  pullRequest?: { number: number; headSha: string; baseRef: string; baseSha: string; isFork: boolean; state?: string };
  payload: Record<string, unknown>;
}

export function eventContext(): EventContext {
  const ctx = github.context;
  const pr = ctx.payload.pull_request as
    | { number: number; head: { sha: string; repo?: { full_name?: string } }; base: { ref: string; sha: string; repo?: { full_name?: string } }; state?: string }
    | undefined;
  const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repo = process.env.GITHUB_REPOSITORY ? ctx.repo : { owner: '', repo: '' };
  return {
    eventName: ctx.eventName,
    repo,
    sha: ctx.sha,
    ref: ctx.ref,
    actor: ctx.actor,
    runUrl: process.env.GITHUB_RUN_ID && process.env.GITHUB_REPOSITORY ? `${server}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}` : undefined,
    pullRequest: pr
      ? {
          number: pr.number,
          headSha: pr.head.sha,
          baseRef: pr.base.ref,
          baseSha: pr.base.sha,
          isFork: !!pr.head.repo?.full_name && pr.head.repo.full_name !== pr.base.repo?.full_name,
          state: pr.state,
        }
      : undefined,
    payload: ctx.payload as Record<string, unknown>,
  };
}
