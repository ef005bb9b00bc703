/**
 * The GitHub event context as plain data, read from the runner's environment
 * and event file the way @actions/github's `context` does (GITHUB_EVENT_PATH,
 * GITHUB_EVENT_NAME, GITHUB_SHA, GITHUB_REF, GITHUB_REPOSITORY; the actor and run URL
 * through shared/config/invocation.ts),
 * without loading the GitHub client: an action that rejects its inputs never
 * loads Octokit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { invocation } from '../config/invocation.js';

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

type PullPayload = { number: number; head: { sha: string; repo?: { full_name?: string } | null }; base: { ref: string; sha: string; repo?: { full_name?: string } | null }; state?: string };

/** The event of this run, from `env` (process.env on a runner). */
export function eventContext(env: NodeJS.ProcessEnv = process.env): EventContext {
  let payload: Record<string, unknown> = {};
  const path = env.GITHUB_EVENT_PATH;
  if (path) {
    if (existsSync(path)) payload = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    else process.stdout.write(`GITHUB_EVENT_PATH ${path} does not exist\n`);
  }
  const [owner = '', repo = ''] = env.GITHUB_REPOSITORY ? env.GITHUB_REPOSITORY.split('/') : [];
  const pr = payload.pull_request as PullPayload | undefined;
  const who = invocation({ GITHUB_ACTIONS: 'true', ...env });
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    repo: { owner, repo },
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    // The one actor rule (shared/config/invocation.ts): GITHUB_ACTOR on a runner.
    actor: who.actor,
    runUrl: who.runUrl,
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
    payload,
  };
}
