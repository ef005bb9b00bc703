/**
 * Which pull requests of a repository are open, in as few API calls as
 * GitHub allows: one paginated listing of open PRs (100 per page), instead
 * of one call per PR schema. Retries and rate-limit waits come from the
 * Octokit built by `createOctokit` (shared/github/client.ts).
 */
import type { Octokit } from '@octokit/rest';
import { OperationError, UserError } from '../errors.js';
import type { RepoRef } from './types.js';

export interface OpenPull {
  number: number;
  headSha: string;
  baseRef: string;
  updatedAt: string;
}

export interface OpenPulls {
  open: Map<number, OpenPull>;
  /** HTTP requests made (pages fetched), retries included when counted by `countRequests`. */
  pages: number;
}

/** Anything that answers "which PRs are open" (tests and the benchmark may pass a fake). */
export type OpenPullsLookup = (repo: RepoRef) => Promise<OpenPulls>;

export function parseRepo(slug: string): RepoRef {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(slug.trim());
  if (!m) throw new UserError(`The repository '${slug}' is not in owner/name form.`, { hint: 'Pass --repo owner/name (in a workflow: ${{ github.repository }}).' });
  return { owner: m[1]!, repo: m[2]! };
}

/** List every open PR (paginated, 100 a page). Errors name the permission to grant. */
export async function listOpenPulls(octokit: Octokit, repo: RepoRef): Promise<OpenPulls> {
  const open = new Map<number, OpenPull>();
  let pages = 0;
  try {
    for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, { owner: repo.owner, repo: repo.repo, state: 'open', per_page: 100 })) {
      pages++;
      for (const p of page.data) {
        open.set(p.number, { number: p.number, headSha: p.head.sha, baseRef: p.base.ref, updatedAt: p.updated_at });
      }
    }
  } catch (err) {
    if (err instanceof OperationError) throw err;
    const status = (err as { status?: number }).status;
    if (status === 401 || status === 403 || status === 404) {
      throw new OperationError(`GitHub refused to list the open pull requests of ${repo.owner}/${repo.repo} (HTTP ${status}); no schema was dropped.`, {
        hint: 'Give the token read access to pull requests (workflow `permissions: pull-requests: read`), and check the repository name.',
        cause: err,
      });
    }
    throw new OperationError(`Listing the open pull requests of ${repo.owner}/${repo.repo} failed: ${(err as Error).message}; no schema was dropped.`, { hint: 'Retry the job; GitHub may be having trouble.', cause: err });
  }
  return { open, pages };
}

/** Count every HTTP request an Octokit makes from now on (retries included). */
export function countRequests(octokit: Octokit): { readonly count: number } {
  const counter = { count: 0 };
  octokit.hook.before('request', () => {
    counter.count++;
  });
  return counter;
}

export function openPullsLookup(octokit: Octokit): OpenPullsLookup {
  return (repo) => listOpenPulls(octokit, repo);
}
