/**
 * The GitHubReporter implementation every action uses: one sticky PR comment
 * per action and check runs with any number of annotations.
 *
 * Sticky comments
 * - Identified by a hidden first line `<!-- slipway:<marker> -->`. All pages
 *   of the PR's comments are read (the marker can be on page 5 of a busy PR).
 * - Found → updated in place (skipped when the body is byte-for-byte the same,
 *   so re-runs don't bump "edited" or notify anyone); not found → created.
 * - Duplicates can only come from two runs racing to create the comment. We
 *   keep the OLDEST one — a sticky comment keeps the place in the timeline
 *   where reviewers first saw it — update it, and delete the newer duplicates
 *   (all carry our marker, so nobody else's comment is touched). A failed
 *   delete is a warning.
 * - The body is truncated safely at 65,536 characters (shared/github/markdown.ts).
 *
 * Check runs
 * - Created `in_progress` at the start; completed with the verdict.
 * - GitHub takes at most 50 annotations per request and appends annotations
 *   on every update. The FIRST request carries the conclusion together with
 *   the first 50, so a required check can never be left "in progress" if a
 *   later request fails; further batches follow as updates of the (completed)
 *   run, repeating title/summary/text so nothing is cleared.
 * - summary/text are truncated safely at 65,535 bytes.
 *
 * Failure policy
 * - Reporting is a side channel: by default (`onError: 'warn'`) any failure to
 *   post — a fork PR's read-only token (403 "Resource not accessible by
 *   integration"), missing `pull-requests: write`/`checks: write`, rate limits
 *   exhausted — is logged as a warning naming the fix, and the action's own
 *   verdict stands. `onError: 'throw'` propagates (for tests and tools that
 *   must know).
 */
import { OperationError } from '../errors.js';
import { createOctokit, rateLimitKind, type CreateOctokitOptions, type GitHubLog, type SlipwayOctokit } from './client.js';
import { commentMarker, GITHUB_LIMITS, truncateMarkdown } from './markdown.js';
import type { CheckAnnotation, CheckRunHandle, CheckRunRequest, CheckRunResult, GitHubReporter, StickyCommentRequest } from './types.js';

export interface ReporterOptions {
  log?: GitHubLog;
  /** `warn` (default): failures to post become warnings; `throw`: they propagate. */
  onError?: 'warn' | 'throw';
  /** Annotations beyond this are dropped (with a line in the summary saying so). Default 1000 (20 requests). */
  maxAnnotations?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

export type GitHubErrorKind = 'forbidden' | 'rate-limited' | 'unauthorized' | 'not-found' | 'validation' | 'server' | 'network' | 'other';

const silentLog: GitHubLog = { debug() {}, info() {}, warn() {}, error() {} };

interface ErrorLike {
  status?: number;
  message?: string;
  cause?: unknown;
  response?: { data?: { message?: string } };
}

/** What went wrong with a GitHub API call, for choosing the message and the fix. */
export function classifyGitHubError(err: unknown): GitHubErrorKind {
  let e = err as ErrorLike | undefined;
  if (e instanceof OperationError && e.cause) e = e.cause as ErrorLike; // rate limit wrapped by createOctokit
  if (!e || typeof e !== 'object') return 'other';
  if (rateLimitKind(e)) return 'rate-limited';
  switch (e.status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 422:
      return 'validation';
    case undefined:
      return /fetch failed|ECONN|ETIMEDOUT|ENOTFOUND|socket/i.test(e.message ?? '') ? 'network' : 'other';
    default:
      return e.status >= 500 ? 'server' : 'other';
  }
}

/** True for the 403 a fork PR's read-only token (or a job without the needed `permissions:`) gets. */
export function isPermissionDenied(err: unknown): boolean {
  return classifyGitHubError(err) === 'forbidden';
}

/** One sentence saying why posting failed and how to fix it. */
export function explainGitHubError(err: unknown, what: string, permission: string): string {
  const kind = classifyGitHubError(err);
  const raw = (err as ErrorLike)?.response?.data?.message ?? (err as ErrorLike)?.message ?? String(err);
  switch (kind) {
    case 'forbidden':
      return (
        `Could not ${what}: GitHub answered 403 (${raw}). The workflow's token may not write here: ` +
        `pull requests from forks get a read-only token, and otherwise the job needs \`permissions: ${permission}\`. ` +
        `The result is still in the job summary; this does not change the check's verdict.`
      );
    case 'unauthorized':
      return `Could not ${what}: the GitHub token was rejected (401 ${raw}). Pass a valid token (the default \`\${{ github.token }}\` works).`;
    case 'not-found':
      return `Could not ${what}: GitHub answered 404 (${raw}). Check the repository and pull request number, and that the token can see the repository.`;
    case 'rate-limited':
      return `Could not ${what}: ${raw}`;
    default:
      return `Could not ${what}: ${raw}`;
  }
}

/** A reporter that posts nothing and says why, once (no token, fork PR). */
export function skippingReporter(reason: string, log: GitHubLog = silentLog): GitHubReporter {
  let said = false;
  const say = () => {
    if (!said) log.warn(reason);
    said = true;
  };
  return {
    async upsertStickyComment() {
      say();
      return { id: 0, action: 'skipped' };
    },
    async startCheckRun() {
      say();
      return { id: 0, async complete() {} };
    },
  };
}

/**
 * Decide how to report before calling GitHub at all: without a token, or on a
 * pull request from a fork (its GITHUB_TOKEN is read-only), return a reporter
 * that skips with one clear notice; otherwise a real, best-effort reporter.
 */
export function createReporterFromToken(
  opts: Partial<CreateOctokitOptions> & ReporterOptions & { isForkPullRequest?: boolean },
): GitHubReporter {
  const log = opts.log ?? silentLog;
  if (opts.isForkPullRequest) {
    return skippingReporter(
      'This pull request comes from a fork, so its GitHub token is read-only: Slipway will not post a PR comment or check run. The full report is in the job summary.',
      log,
    );
  }
  if (!opts.token) {
    return skippingReporter('No GitHub token was given, so Slipway will not post a PR comment or check run. Pass `github-token: ${{ github.token }}` (the default).', log);
  }
  return createGitHubReporter(createOctokit({ ...opts, token: opts.token }), opts);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function cutPlain(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let s = text.slice(0, max);
  while (Buffer.byteLength(s, 'utf8') > max - 1) s = s.slice(0, Math.floor(s.length * 0.95));
  return s.replace(/[\uD800-\uDBFF]$/, '') + '…';
}

/** Make an annotation acceptable to GitHub: 1-based lines, end ≥ start, message/title/raw_details within size. */
export function sanitizeAnnotation(a: CheckAnnotation): CheckAnnotation {
  const start = Math.max(1, Math.floor(a.start_line || 1));
  const end = Math.max(start, Math.floor(a.end_line || start));
  const out: CheckAnnotation = {
    path: a.path.replace(/^\.?\//, '') || '.',
    start_line: start,
    end_line: end,
    annotation_level: a.annotation_level,
    message: cutPlain(a.message || '(no message)', GITHUB_LIMITS.annotationMessage),
  };
  if (a.title) out.title = cutPlain(a.title, GITHUB_LIMITS.annotationTitle);
  if (a.raw_details) out.raw_details = cutPlain(a.raw_details, GITHUB_LIMITS.annotationMessage);
  return out;
}

/** Marker first, then the body; a body that already starts with the marker is not doubled. */
export function composeStickyBody(marker: string, body: string, fullReportAt?: string): string {
  const line = commentMarker(marker);
  const text = body.startsWith(line) ? body : `${line}\n${body}`;
  return truncateMarkdown(text, { limit: GITHUB_LIMITS.commentBody, measure: 'utf16', fullReportAt }).text;
}

function hasMarker(body: string | null | undefined, line: string): boolean {
  if (!body) return false;
  return body.startsWith(line) || body.split('\n').some((l) => l.trim() === line);
}

export function createGitHubReporter(octokit: SlipwayOctokit, opts: ReporterOptions = {}): GitHubReporter {
  const log = opts.log ?? silentLog;
  const onError = opts.onError ?? 'warn';
  const maxAnnotations = opts.maxAnnotations ?? 1000;
  const now = opts.now ?? (() => new Date());

  const fail = (err: unknown, what: string, permission: string): void => {
    if (onError === 'throw') throw err;
    log.warn(explainGitHubError(err, what, permission));
  };

  async function upsert(req: StickyCommentRequest): Promise<{ id: number; action: 'created' | 'updated' | 'unchanged' }> {
    const line = commentMarker(req.marker);
    const body = composeStickyBody(req.marker, req.body, req.fullReportAt);
    const base = { owner: req.owner, repo: req.repo };
    const found: { id: number; body: string }[] = [];
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { ...base, issue_number: req.issueNumber, per_page: 100 })) {
      for (const c of page.data) if (hasMarker(c.body, line)) found.push({ id: c.id, body: c.body ?? '' });
    }
    found.sort((a, b) => a.id - b.id);
    const [keep, ...duplicates] = found;
    for (const dup of duplicates) {
      try {
        await octokit.rest.issues.deleteComment({ ...base, comment_id: dup.id });
        log.info(`Deleted duplicate Slipway comment ${dup.id} (marker ${req.marker}).`);
      } catch (err) {
        log.warn(`Could not delete duplicate Slipway comment ${dup.id}: ${(err as Error).message}`);
      }
    }
    if (!keep) {
      const res = await octokit.rest.issues.createComment({ ...base, issue_number: req.issueNumber, body });
      log.info(`Created the ${req.marker} comment: ${res.data.html_url}`);
      return { id: res.data.id, action: 'created' };
    }
    if (keep.body === body) {
      log.debug(`The ${req.marker} comment is already up to date.`);
      return { id: keep.id, action: 'unchanged' };
    }
    const res = await octokit.rest.issues.updateComment({ ...base, comment_id: keep.id, body });
    log.info(`Updated the ${req.marker} comment: ${res.data.html_url}`);
    return { id: keep.id, action: 'updated' };
  }

  async function complete(req: CheckRunRequest, id: number, result: CheckRunResult): Promise<void> {
    const base = { owner: req.owner, repo: req.repo, check_run_id: id };
    const all = (result.annotations ?? []).map(sanitizeAnnotation);
    const kept = all.slice(0, maxAnnotations);
    let summary = result.summary;
    if (all.length > kept.length) {
      summary += `\n\n> ${(all.length - kept.length).toLocaleString('en-US')} more annotations were not attached (Slipway attaches at most ${maxAnnotations.toLocaleString('en-US')}).`;
    }
    const output = {
      title: cutPlain(result.title, 1000),
      summary: truncateMarkdown(summary, { limit: GITHUB_LIMITS.checkRunText, measure: 'utf8', fullReportAt: result.fullReportAt }).text,
      ...(result.text ? { text: truncateMarkdown(result.text, { limit: GITHUB_LIMITS.checkRunText, measure: 'utf8', fullReportAt: result.fullReportAt }).text } : {}),
    };
    const batches = chunk(kept, GITHUB_LIMITS.annotationsPerRequest);
    await octokit.rest.checks.update({
      ...base,
      status: 'completed',
      conclusion: result.conclusion,
      completed_at: now().toISOString(),
      output: { ...output, ...(batches[0] ? { annotations: batches[0] } : {}) },
    });
    for (let i = 1; i < batches.length; i++) {
      try {
        await octokit.rest.checks.update({ ...base, output: { ...output, annotations: batches[i] } });
      } catch (err) {
        const sent = i * GITHUB_LIMITS.annotationsPerRequest;
        if (onError === 'throw') throw err;
        log.warn(`The check run '${req.name}' is complete, but only ${sent} of ${kept.length} annotations were attached: ${(err as Error).message}`);
        return;
      }
    }
    log.debug(`Completed check run '${req.name}' (${result.conclusion}, ${kept.length} annotations in ${Math.max(1, batches.length)} requests).`);
  }

  return {
    async upsertStickyComment(req) {
      try {
        return await upsert(req);
      } catch (err) {
        fail(err, `post the ${req.marker} comment on #${req.issueNumber}`, 'pull-requests: write');
        return { id: 0, action: 'skipped' };
      }
    },

    async startCheckRun(req): Promise<CheckRunHandle> {
      let created: { id: number; html_url: string | null };
      try {
        const res = await octokit.rest.checks.create({
          owner: req.owner,
          repo: req.repo,
          name: req.name,
          head_sha: req.headSha,
          status: 'in_progress',
          started_at: now().toISOString(),
          ...(req.detailsUrl ? { details_url: req.detailsUrl } : {}),
        });
        created = res.data;
      } catch (err) {
        fail(err, `create the check run '${req.name}'`, 'checks: write');
        return { id: 0, async complete() {} };
      }
      return {
        id: created.id,
        htmlUrl: created.html_url ?? undefined,
        complete: async (result) => {
          try {
            await complete(req, created.id, result);
          } catch (err) {
            fail(err, `complete the check run '${req.name}'`, 'checks: write');
          }
        },
      };
    },
  };
}
