/**
 * Asking GitHub which PRs are open: one paginated listing (Link header),
 * retried after a rate-limit 403, a clear error on a permission 403 — against
 * a mock GitHub (nock) answering with the examples from GitHub's OpenAPI
 * description. Then the sweep end to end on PGlite with that mock.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OperationError } from '../../shared/errors.js';
import { createOctokit } from '../../shared/github/client.js';
import { countRequests, listOpenPulls, openPullsLookup } from '../../shared/github/pulls.js';
import { createPrSchema } from '../../shared/pr-schema/create.js';
import { sweepPrSchemas } from '../../shared/pr-schema/sweep.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import { errorBody, example } from '../github/openapi-examples.js';

const API = 'https://api.github.test';
const PULLS = '/repos/octocat/Hello-World/pulls';
const repo = { owner: 'octocat', repo: 'Hello-World' };

function octokit() {
  const o = createOctokit({
    token: 'ghs_test',
    baseUrl: API,
    retryAfterBaseMs: 1, // only GETs here: the throttler's write spacing never applies
  });
  return { o, requests: countRequests(o) };
}

/** The pulls/list example item, renumbered. */
function pulls(...numbers: number[]) {
  const [base] = example('pulls/list', 200);
  return numbers.map((n) => ({ ...structuredClone(base), number: n, id: 1000 + n, head: { ...base.head, sha: n.toString(16).padStart(40, '0') } }));
}

function link(page: number, last: number): Record<string, string> {
  const parts = [];
  if (page < last) parts.push(`<${API}${PULLS}?state=open&per_page=100&page=${page + 1}>; rel="next"`, `<${API}${PULLS}?state=open&per_page=100&page=${last}>; rel="last"`);
  if (page > 1) parts.push(`<${API}${PULLS}?state=open&per_page=100&page=1>; rel="first"`);
  return parts.length ? { link: parts.join(', ') } : {};
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, 'every mocked request was made').toEqual([]);
});
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('open pull requests', () => {
  it('lists every open PR in one paginated walk (Link header), 100 per page', async () => {
    const page1 = pulls(...Array.from({ length: 100 }, (_, i) => i + 1));
    const page2 = pulls(150, 151);
    nock(API).get(PULLS).query({ state: 'open', per_page: '100' }).reply(200, page1, link(1, 2));
    nock(API).get(PULLS).query({ state: 'open', per_page: '100', page: '2' }).reply(200, page2, link(2, 2));
    const { o, requests } = octokit();
    const res = await listOpenPulls(o, repo);
    expect(res.pages).toBe(2);
    expect(requests.count).toBe(2);
    expect(res.open.size).toBe(102);
    expect(res.open.get(151)).toEqual({ number: 151, headSha: (151).toString(16).padStart(40, '0'), baseRef: 'master', updatedAt: '2011-01-26T19:01:12Z' });
  });

  it('waits out a rate-limit 403 and then succeeds', async () => {
    const reset = Math.floor(Date.now() / 1000) + 1;
    nock(API)
      .get(PULLS)
      .query(true)
      .reply(403, errorBody('pulls/list', 403, 'API rate limit exceeded for installation ID 1.', 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'), {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': String(reset),
        'x-ratelimit-resource': 'core',
      })
      .get(PULLS)
      .query(true)
      .reply(200, pulls(7, 8));
    const { o } = octokit();
    const res = await listOpenPulls(o, repo);
    expect([...res.open.keys()]).toEqual([7, 8]);
  });

  it('turns a permission 403 into an error naming the permission, without retrying', async () => {
    nock(API).get(PULLS).query(true).reply(403, errorBody('pulls/list', 403, 'Resource not accessible by integration', 'https://docs.github.com/rest/pulls/pulls#list-pull-requests'));
    const { o, requests } = octokit();
    const err = await listOpenPulls(o, repo).catch((e) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect(err.message).toMatch(/GitHub refused to list the open pull requests of octocat\/Hello-World \(HTTP 403\); no schema was dropped/);
    expect(err.hint).toMatch(/pull-requests: read/);
    expect(requests.count).toBe(1);
  });
});

describe('sweep with a mock GitHub', () => {
  let wh: PgliteWarehouse;
  beforeAll(async () => {
    wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  });
  afterAll(async () => wh.close());

  it('asks GitHub once per page, not once per schema, and drops the closed ones', async () => {
    for (let pr = 1; pr <= 30; pr++) await createPrSchema(wh, { pr, repo: 'octocat/Hello-World' });
    const openNumbers = Array.from({ length: 120 }, (_, i) => i * 2 + 2); // even numbers are open
    nock(API).get(PULLS).query({ state: 'open', per_page: '100' }).reply(200, pulls(...openNumbers.slice(0, 100)), link(1, 2));
    nock(API).get(PULLS).query({ state: 'open', per_page: '100', page: '2' }).reply(200, pulls(...openNumbers.slice(100)), link(2, 2));
    const { o, requests } = octokit();
    const report = await sweepPrSchemas(wh, { repo: 'octocat/Hello-World' }, openPullsLookup(o));
    expect(requests.count).toBe(2);
    expect(report).toMatchObject({ openPullRequests: 120, githubPages: 2 });
    expect(report.counts).toMatchObject({ prSchemas: 30, drop: 15, dropped: 15, keep: 15 });
    const { rows } = await wh.query<{ n: string }>(`SELECT nspname AS n FROM pg_namespace WHERE nspname LIKE 'ci\\_pr\\_%' ORDER BY length(nspname), nspname`);
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 15 }, (_, i) => `ci_pr_${i * 2 + 2}`));
  });

  it('reads single PRs instead when that is cheaper than the rest of a long listing', async () => {
    for (const pr of [5001, 5002, 5003]) await createPrSchema(wh, { pr, repo: 'octocat/Hello-World', prefix: 'few_' });
    // 450 open PRs: page 1 of 5 is read, then 3 single reads beat 4 more pages.
    nock(API).get(PULLS).query({ state: 'open', per_page: '100' }).reply(200, pulls(...Array.from({ length: 100 }, (_, i) => i + 1)), link(1, 5));
    const pr = (n: number, state: string) => ({ ...example('pulls/get', 200), number: n, state });
    nock(API).get(`${PULLS}/5001`).reply(200, pr(5001, 'open'));
    nock(API).get(`${PULLS}/5002`).reply(200, pr(5002, 'closed'));
    nock(API).get(`${PULLS}/5003`).reply(404, errorBody('pulls/get', 404, 'Not Found', 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request'));
    const { o, requests } = octokit();
    const report = await sweepPrSchemas(wh, { repo: 'octocat/Hello-World', prefix: 'few_' }, openPullsLookup(o));
    expect(requests.count).toBe(4);
    expect(report.githubPages).toBe(4);
    expect(report.entries.map((e) => `${e.schema} ${e.verdict}`)).toEqual(['few_5001 keep', 'few_5002 drop', 'few_5003 drop']);
  });

  it('drops nothing when GitHub cannot be asked', async () => {
    await createPrSchema(wh, { pr: 999, repo: 'octocat/Hello-World' });
    nock(API).get(PULLS).query(true).reply(404, errorBody('pulls/list', 404, 'Not Found', 'https://docs.github.com/rest'));
    const { o } = octokit();
    await expect(sweepPrSchemas(wh, { repo: 'octocat/Hello-World' }, openPullsLookup(o))).rejects.toThrow(/no schema was dropped/);
    const { rows } = await wh.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'ci_pr_999'`);
    expect(rows).toHaveLength(1);
  });
});
