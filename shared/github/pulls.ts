/**
 * Which pull requests of a repository are open, in as few API calls as
 * GitHub allows. The first page of open PRs (100 per page) is always read;
 * its Link header says how many pages remain. Then whichever is cheaper:
 * the remaining pages, or one `GET /pulls/{n}` per PR number not yet seen
 * open — never one call per schema when a listing is cheaper. Retries and
 * rate-limit waits come from the Octokit built by `createOctokit`
 * (shared/github/client.ts).
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
  /** The open PRs found: every open PR after a full listing, else at least those among the asked numbers. */
  open: Map<number, OpenPull>;
  /** API requests made (list pages + single-PR reads), retries not included. */
  pages: number;
  /** How the answer was obtained. */
  strategy?: 'list' | 'per-pr';
}

/**
 * Anything that answers "which of these PR numbers are open" (tests and the
 * benchmark may pass a fake). `numbers` lets the lookup pick the cheaper
 * strategy; a listing answers for every number.
 */
export type OpenPullsLookup = (repo: RepoRef, numbers: readonly number[]) => Promise<OpenPulls>;

function lastPage(link: string | undefined): number | undefined {
  const m = /<[^>]*[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(link ?? '');
  return m ? Number(m[1]) : undefined;
}

function refused(repo: RepoRef, err: unknown): never {
  if (err instanceof OperationError) throw err;
  const status = (err as { status?: number }).status;
  if (status === 401 || status === 403 || status === 404) {
    throw new OperationError(`GitHub refused to list the open pull requests of ${repo.owner}/${repo.repo} (HTTP ${status}); no schema was dropped.`, {
      hint: 'Give the token read access to pull requests (workflow `permissions: pull-requests: read`), and check the repository name.',
      cause: err,
    });
  }
  throw new OperationError(`Asking GitHub which pull requests of ${repo.owner}/${repo.repo} are open failed: ${(err as Error).message}; no schema was dropped.`, { hint: 'Retry the job; GitHub may be having trouble.', cause: err });
}

/**
 * Which of `numbers` are open, with the fewest requests: page 1 of the open
 * listing, then the rest of the listing or one GET per unseen number,
 * whichever costs fewer calls.
 */
export async function openPullsAmong(octokit: Octokit, repo: RepoRef, numbers: readonly number[]): Promise<OpenPulls> {
  const open = new Map<number, OpenPull>();
  const add = (p: { number: number; head: { sha: string }; base: { ref: string }; updated_at: string }) =>
    open.set(p.number, { number: p.number, headSha: p.head.sha, baseRef: p.base.ref, updatedAt: p.updated_at });
  let calls = 0;
  try {
    calls++;
    const first = await octokit.rest.pulls.list({ owner: repo.owner, repo: repo.repo, state: 'open', per_page: 100 });
    first.data.forEach(add);
    const last = lastPage(first.headers.link);
    if (last === undefined || last <= 1) return { open, pages: calls, strategy: 'list' };
    const unseen = [...new Set(numbers)].filter((n) => !open.has(n));
    if (unseen.length < last - 1) {
      for (const n of unseen) {
        calls++;
        try {
          const { data } = await octokit.rest.pulls.get({ owner: repo.owner, repo: repo.repo, pull_number: n });
          if (data.state === 'open') add(data);
        } catch (err) {
          // 404: no such pull request (an issue number, or deleted) — not open.
          if ((err as { status?: number }).status !== 404) throw err;
        }
      }
      return { open, pages: calls, strategy: 'per-pr' };
    }
    for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, { owner: repo.owner, repo: repo.repo, state: 'open', per_page: 100, page: 2 })) {
      calls++;
      page.data.forEach(add);
    }
    return { open, pages: calls, strategy: 'list' };
  } catch (err) {
    refused(repo, err);
  }
}

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
    refused(repo, err);
  }
  return { open, pages, strategy: 'list' };
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
  return (repo, numbers) => openPullsAmong(octokit, repo, numbers);
}
