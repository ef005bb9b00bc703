/**
 * The reporter against a mock GitHub (nock) that answers with the example
 * bodies from GitHub's OpenAPI description (@octokit/openapi).
 */
// @ts-expect-error bottleneck (the throttling plugin's own dependency) ships no types for its light build
import Bottleneck from 'bottleneck/light.js';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OperationError } from '../../shared/errors.js';
import { createOctokit } from '../../shared/github/client.js';
import { GITHUB_LIMITS } from '../../shared/github/markdown.js';
import { classifyGitHubError, createGitHubReporter, createReporterFromToken, type ReporterOptions } from '../../shared/github/reporter.js';
import type { CheckAnnotation } from '../../shared/github/types.js';
import { errorBody, example, requestSchema } from './openapi-examples.js';

const API = 'https://api.github.com';
const repo = { owner: 'octocat', repo: 'Hello-World' };
const MARKER = '<!-- slipway:slim-ci -->';

interface Logged {
  level: string;
  message: string;
}

function setup(opts: ReporterOptions & { retries?: number; maxRetryAfterSeconds?: number } = {}) {
  const logs: Logged[] = [];
  const log = {
    debug: (m: string) => logs.push({ level: 'debug', message: m }),
    info: (m: string) => logs.push({ level: 'info', message: m }),
    warn: (m: string) => logs.push({ level: 'warn', message: m }),
    error: (m: string) => logs.push({ level: 'error', message: m }),
  };
  const octokit = createOctokit({
    token: 'ghs_test',
    baseUrl: API,
    log,
    retries: opts.retries,
    maxRetryAfterSeconds: opts.maxRetryAfterSeconds,
    retryAfterBaseMs: 1,
    // The throttling plugin spaces writes 1 s (and comment posts 3 s) apart; the mock doesn't need that.
    throttle: { write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }), notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }) },
  });
  const reporter = createGitHubReporter(octokit, { log, now: () => new Date('2026-11-22T12:00:00Z'), ...opts });
  return { reporter, logs, warnings: () => logs.filter((l) => l.level === 'warn').map((l) => l.message) };
}

/** A list-comments example item, re-identified, with our body. */
function comment(id: number, body: string) {
  const [c] = example('issues/list-comments', 200);
  return { ...c, id, body, url: `${API}/repos/octocat/Hello-World/issues/comments/${id}` };
}

const commentsPath = '/repos/octocat/Hello-World/issues/1347/comments';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, 'every mocked request was made').toEqual([]);
});
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('sticky PR comment', () => {
  it('creates the comment when no page carries the marker, reading every page via the Link header', async () => {
    const { reporter } = setup();
    const page1 = example('issues/list-comments', 200); // GitHub's own "Me too"
    const page2 = [comment(2, 'LGTM'), comment(3, 'see <!-- slipway:slim-ci-other --> not ours')];
    nock(API)
      .get(commentsPath)
      .query({ per_page: '100' })
      .reply(200, page1, { link: `<${API}/repositories/1/issues/1347/comments?per_page=100&page=2>; rel="next", <${API}/repositories/1/issues/1347/comments?per_page=100&page=2>; rel="last"` })
      .get('/repositories/1/issues/1347/comments')
      .query({ per_page: '100', page: '2' })
      .reply(200, page2);
    const created = example('issues/create-comment', 201);
    let sent: any;
    nock(API)
      .post(commentsPath, (b) => ((sent = b), true))
      .reply(201, created);

    const res = await reporter.upsertStickyComment({ ...repo, issueNumber: 1347, marker: 'slim-ci', body: '## Slim CI\n\n3 models built' });
    expect(res).toEqual({ id: created.id, action: 'created' });
    expect(sent.body).toBe(`${MARKER}\n## Slim CI\n\n3 models built`);
    expect(Object.keys(sent)).toEqual(Object.keys(requestSchema('issues/create-comment').properties));
  });

  it('updates the comment in place when the marker is on a later page', async () => {
    const { reporter } = setup();
    nock(API)
      .get(commentsPath)
      .query(true)
      .reply(200, example('issues/list-comments', 200), { link: `<${API}/repositories/1/issues/1347/comments?per_page=100&page=2>; rel="next"` })
      .get('/repositories/1/issues/1347/comments')
      .query(true)
      .reply(200, [comment(77, `${MARKER}\nold report`)]);
    let sent: any;
    nock(API)
      .patch('/repos/octocat/Hello-World/issues/comments/77', (b) => ((sent = b), true))
      .reply(200, example('issues/update-comment', 200));
    const res = await reporter.upsertStickyComment({ ...repo, issueNumber: 1347, marker: 'slim-ci', body: 'new report' });
    expect(res).toEqual({ id: 77, action: 'updated' });
    expect(sent).toEqual({ body: `${MARKER}\nnew report` });
  });

  it('does not touch a comment whose body is unchanged', async () => {
    const { reporter } = setup();
    nock(API).get(commentsPath).query(true).reply(200, [comment(5, `${MARKER}\nsame`)]);
    const res = await reporter.upsertStickyComment({ ...repo, issueNumber: 1347, marker: 'slim-ci', body: 'same' });
    expect(res).toEqual({ id: 5, action: 'unchanged' });
  });

  it('keeps one comment per marker: updates the oldest and deletes racing duplicates', async () => {
    const { reporter, logs } = setup();
    nock(API)
      .get(commentsPath)
      .query(true)
      .reply(200, [comment(30, `${MARKER}\nrace b`), comment(10, `${MARKER}\nrace a`), comment(20, '<!-- slipway:pr-schema -->\nother action')]);
    nock(API).delete('/repos/octocat/Hello-World/issues/comments/30').reply(204);
    nock(API).patch('/repos/octocat/Hello-World/issues/comments/10').reply(200, example('issues/update-comment', 200));
    const res = await reporter.upsertStickyComment({ ...repo, issueNumber: 1347, marker: 'slim-ci', body: 'final' });
    expect(res).toEqual({ id: 10, action: 'updated' });
    expect(logs.some((l) => /Deleted duplicate Slipway comment 30/.test(l.message))).toBe(true);
  });

  it('truncates a huge body safely at 65,536 characters, keeping the marker', async () => {
    const { reporter } = setup();
    nock(API).get(commentsPath).query(true).reply(200, []);
    let sent: any;
    nock(API)
      .post(commentsPath, (b) => ((sent = b), true))
      .reply(201, example('issues/create-comment', 201));
    const rows = Array.from({ length: 20_000 }, (_, i) => `| model_${i} | ok |`).join('\n');
    const body = `## Report\n\n| Model | Status |\n| --- | --- |\n${rows}\n\n\`\`\`sql\nselect 1\n\`\`\``;
    await reporter.upsertStickyComment({ ...repo, issueNumber: 1347, marker: 'slim-ci', body, fullReportAt: 'the job summary' });
    expect(sent.body.length).toBeLessThanOrEqual(GITHUB_LIMITS.commentBody);
    expect(sent.body.startsWith(MARKER)).toBe(true);
    expect(sent.body).toMatch(/were cut\. The full report is in the job summary\./);
    const lastRow = sent.body.split('\n').filter((l: string) => l.startsWith('| model_')).pop();
    expect(lastRow).toMatch(/^\| model_\d+ \| ok \|$/);
  });

  it("warns and carries on when a fork PR's read-only token gets 403 Resource not accessible by integration", async () => {
    const { reporter, warnings } = setup();
    nock(API).get(commentsPath).query(true).reply(200, []);
    nock(API)
      .post(commentsPath)
      .reply(403, errorBody('issues/create-comment', 403, 'Resource not accessible by integration', 'https://docs.github.com/rest/issues/comments#create-an-issue-comment'));
    const res = await reporter.upsertStickyComment({ ...repo, issueNumber: 1347, marker: 'slim-ci', body: 'x' });
    expect(res).toEqual({ id: 0, action: 'skipped' });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/403 \(Resource not accessible by integration\).*forks get a read-only token.*permissions: pull-requests: write/);
  });

  it("throws the permission error in onError: 'throw' mode", async () => {
    const { reporter } = setup({ onError: 'throw' });
    nock(API)
      .get(commentsPath)
      .query(true)
      .reply(403, errorBody('issues/create-comment', 403, 'Resource not accessible by integration', 'https://docs.github.com/rest'));
    const err = await reporter.upsertStickyComment({ ...repo, issueNumber: 1347, marker: 'slim-ci', body: 'x' }).catch((e) => e);
    expect(classifyGitHubError(err)).toBe('forbidden');
  });

  it('posts nothing on a fork PR or without a token, with one notice', async () => {
    const warned: string[] = [];
    const log = { debug() {}, info() {}, warn: (m: string) => warned.push(m), error() {} };
    const fork = createReporterFromToken({ token: 'ghs_x', isForkPullRequest: true, log });
    expect(await fork.upsertStickyComment({ ...repo, issueNumber: 1, marker: 'slim-ci', body: 'x' })).toEqual({ id: 0, action: 'skipped' });
    const h = await fork.startCheckRun({ ...repo, name: 'Slim CI', headSha: 'abc' });
    await h.complete({ conclusion: 'success', title: 't', summary: 's' });
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/fork/);
    const none = createReporterFromToken({ log });
    expect((await none.upsertStickyComment({ ...repo, issueNumber: 1, marker: 'slim-ci', body: 'x' })).action).toBe('skipped');
    expect(warned[1]).toMatch(/No GitHub token/);
  });
});

describe('rate limits', () => {
  it('waits for the reset and retries after a 403 with x-ratelimit-remaining: 0', async () => {
    const { reporter, logs } = setup();
    const reset = Math.floor(Date.now() / 1000) + 1;
    nock(API)
      .get(commentsPath)
      .query(true)
      .reply(403, errorBody('issues/list-comments', 403, 'API rate limit exceeded for installation ID 1.', 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'), {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': String(reset),
        'x-ratelimit-resource': 'core',
      })
      .get(commentsPath)
      .query(true)
      .reply(200, [comment(9, `${MARKER}\nsame`)]);
    const res = await reporter.upsertStickyComment({ ...repo, issueNumber: 1347, marker: 'slim-ci', body: 'same' });
    expect(res.action).toBe('unchanged');
    expect(logs.some((l) => /rate limit hit for GET .*retrying in \d+s \(retry 1 of 3\)/.test(l.message))).toBe(true);
  });

  it('retries a secondary rate limit after retry-after', async () => {
    const { reporter, logs } = setup();
    nock(API).get(commentsPath).query(true).reply(200, []);
    nock(API)
      .post(commentsPath)
      .reply(
        403,
        errorBody('issues/create-comment', 403, 'You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.', 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'),
        { 'retry-after': '2' },
      )
      .post(commentsPath)
      .reply(201, example('issues/create-comment', 201));
    const res = await reporter.upsertStickyComment({ ...repo, issueNumber: 1347, marker: 'slim-ci', body: 'x' });
    expect(res.action).toBe('created');
    expect(logs.some((l) => /secondary rate limit hit for POST/.test(l.message))).toBe(true);
  });

  it('gives up after the bounded retries with a clear error', async () => {
    const { reporter } = setup({ onError: 'throw', retries: 2 });
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) };
    const body = errorBody('issues/list-comments', 403, 'API rate limit exceeded for installation ID 1.', 'https://docs.github.com/rest');
    nock(API).get(commentsPath).query(true).times(3).reply(403, body, headers);
    const err = await reporter.upsertStickyComment({ ...repo, issueNumber: 1347, marker: 'slim-ci', body: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect(err.message).toMatch(/GitHub rate limit exceeded for GET .*gave up after 2 retries.*resets at/);
    expect(err.hint).toMatch(/retry after the reset time/);
    expect(classifyGitHubError(err)).toBe('rate-limited');
  });

  it('does not wait an hour for a reset: fails fast beyond maxRetryAfterSeconds', async () => {
    const { reporter, warnings } = setup({ maxRetryAfterSeconds: 60 });
    nock(API)
      .get(commentsPath)
      .query(true)
      .reply(403, errorBody('issues/list-comments', 403, 'API rate limit exceeded for installation ID 1.', 'https://docs.github.com/rest'), {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      });
    const t0 = Date.now();
    const res = await reporter.upsertStickyComment({ ...repo, issueNumber: 1347, marker: 'slim-ci', body: 'x' });
    expect(Date.now() - t0).toBeLessThan(30_000); // not the hour to the reset, nor the 60 s it may wait; loose enough for a busy machine
    expect(res.action).toBe('skipped'); // reporting is best-effort: a warning, not a failed check
    expect(warnings().join('\n')).toMatch(/longer than the 60s Slipway is willing to wait[\s\S]*rate limit exceeded/);
  });
});

describe('check runs', () => {
  const checkPath = '/repos/octocat/Hello-World/check-runs';
  const annotations = (n: number): CheckAnnotation[] =>
    Array.from({ length: n }, (_, i) => ({ path: `models/m_${i}.sql`, start_line: i + 1, end_line: i + 1, annotation_level: 'warning', message: `finding ${i}` }));

  it('creates in_progress, then completes with the verdict and the first 50 annotations, appending the rest 50 at a time', async () => {
    const { reporter } = setup();
    const created = example('checks/create', 201, 'example-of-in-progress-conclusion');
    let createBody: any;
    nock(API)
      .post(checkPath, (b) => ((createBody = b), true))
      .reply(201, created);
    const updates: any[] = [];
    nock(API)
      .patch(`${checkPath}/${created.id}`, (b) => (updates.push(b), true))
      .times(3)
      .reply(200, example('checks/update', 200));

    const handle = await reporter.startCheckRun({ ...repo, name: 'Slipway / slim CI', headSha: created.head_sha, detailsUrl: 'https://github.com/o/r/actions/runs/1' });
    expect(handle.id).toBe(created.id);
    expect(handle.htmlUrl).toBe(created.html_url);
    expect(createBody).toEqual({
      name: 'Slipway / slim CI',
      head_sha: created.head_sha,
      status: 'in_progress',
      started_at: '2026-11-22T12:00:00.000Z',
      details_url: 'https://github.com/o/r/actions/runs/1',
    });
    const createProps = Object.keys(requestSchema('checks/create').properties);
    for (const k of Object.keys(createBody)) expect(createProps).toContain(k);

    await handle.complete({ conclusion: 'failure', title: '120 findings', summary: 'summary', text: 'details', annotations: annotations(120) });
    expect(updates.map((u) => u.output.annotations.length)).toEqual([50, 50, 20]);
    expect(updates[0]).toMatchObject({ status: 'completed', conclusion: 'failure', completed_at: '2026-11-22T12:00:00.000Z', output: { title: '120 findings', summary: 'summary', text: 'details' } });
    expect(updates[1].conclusion).toBeUndefined();
    expect(updates[2].output).toMatchObject({ title: '120 findings', summary: 'summary', text: 'details' });
    expect(updates.flatMap((u) => u.output.annotations.map((a: any) => a.message))).toEqual(annotations(120).map((a) => a.message));
    const maxItems = requestSchema('checks/update').properties.output.properties.annotations.maxItems;
    for (const u of updates) expect(u.output.annotations.length).toBeLessThanOrEqual(maxItems);
  });

  it('sends one request without annotations, and truncates a huge summary to 65,535 bytes', async () => {
    const { reporter } = setup();
    const created = example('checks/create', 201, 'example-of-in-progress-conclusion');
    nock(API).post(checkPath).reply(201, created);
    let update: any;
    nock(API)
      .patch(`${checkPath}/${created.id}`, (b) => ((update = b), true))
      .reply(200, example('checks/update', 200));
    const handle = await reporter.startCheckRun({ ...repo, name: 'n', headSha: 'abc' });
    const summary = '| model | ✅ |\n| --- | --- |\n' + '| m | ✅ |\n'.repeat(20_000);
    await handle.complete({ conclusion: 'success', title: 'ok', summary, fullReportAt: 'the job summary' });
    expect(update.output.annotations).toBeUndefined();
    expect(Buffer.byteLength(update.output.summary, 'utf8')).toBeLessThanOrEqual(GITHUB_LIMITS.checkRunText);
    expect(update.output.summary).toMatch(/bytes \([\d,]+ lines\) were cut\. The full report is in the job summary\./);
  });

  it('sanitises annotations GitHub would reject (0-based lines, long titles)', async () => {
    const { reporter } = setup();
    const created = example('checks/create', 201, 'example-of-in-progress-conclusion');
    nock(API).post(checkPath).reply(201, created);
    let update: any;
    nock(API)
      .patch(`${checkPath}/${created.id}`, (b) => ((update = b), true))
      .reply(200, example('checks/update', 200));
    const handle = await reporter.startCheckRun({ ...repo, name: 'n', headSha: 'abc' });
    await handle.complete({
      conclusion: 'neutral',
      title: 't',
      summary: 's',
      annotations: [{ path: './models/a.sql', start_line: 0, end_line: 0, annotation_level: 'notice', message: 'm', title: 'x'.repeat(400) }],
    });
    const [a] = update.output.annotations;
    expect(a).toMatchObject({ path: 'models/a.sql', start_line: 1, end_line: 1 });
    expect(Buffer.byteLength(a.title)).toBeLessThanOrEqual(255);
  });

  it('on a 403 when creating (fork PR), warns and returns a handle whose complete() does nothing', async () => {
    const { reporter, warnings } = setup();
    nock(API)
      .post(checkPath)
      .reply(403, errorBody('checks/create', 403, 'Resource not accessible by integration', 'https://docs.github.com/rest/checks/runs#create-a-check-run'));
    const handle = await reporter.startCheckRun({ ...repo, name: 'n', headSha: 'abc' });
    expect(handle.id).toBe(0);
    await handle.complete({ conclusion: 'success', title: 't', summary: 's' });
    expect(warnings()[0]).toMatch(/create the check run 'n'.*permissions: checks: write/);
  });

  it('warns when a later annotation batch fails, after the verdict was already posted', async () => {
    const { reporter, warnings } = setup();
    const created = example('checks/create', 201, 'example-of-in-progress-conclusion');
    nock(API).post(checkPath).reply(201, created);
    nock(API).patch(`${checkPath}/${created.id}`).reply(200, example('checks/update', 200));
    nock(API).patch(`${checkPath}/${created.id}`).reply(422, { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' });
    const handle = await reporter.startCheckRun({ ...repo, name: 'n', headSha: 'abc' });
    await handle.complete({ conclusion: 'failure', title: 't', summary: 's', annotations: annotations(70) });
    expect(warnings()[0]).toMatch(/complete, but only 50 of 70 annotations were attached/);
  });
});

describe('publishReport', () => {
  it('writes the full report to the job summary and a pointer to it into the truncated comment', async () => {
    const { publishReport } = await import('../../shared/github/publish.js');
    const { CliRuntime } = await import('../../shared/runtime/cli-runtime.js');
    const rt = new CliRuntime({ write: () => {} });
    const { reporter } = setup();
    nock(API).get(commentsPath).query(true).reply(200, []);
    let sent: any;
    nock(API)
      .post(commentsPath, (b) => ((sent = b), true))
      .reply(201, example('issues/create-comment', 201));
    const markdown = 'x\n'.repeat(40_000);
    const res = await publishReport({ rt, reporter, repo, marker: 'slim-ci', markdown, issueNumber: 1347, runUrl: 'https://github.com/octocat/Hello-World/actions/runs/9' });
    expect(res.comment?.action).toBe('created');
    expect(rt.summaries.join('')).toContain(markdown);
    expect(sent.body).toMatch(/The full report is in the job summary of \[this workflow run\]\(https:\/\/github.com\/octocat\/Hello-World\/actions\/runs\/9\)\./);
  });
});
