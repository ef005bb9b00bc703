/**
 * Sweep benchmark: 500 PR schemas (300 of them for closed PRs, 200 open, plus
 * 50 look-alikes that must survive) on embedded PGlite — and on a PostgreSQL
 * server too when SLIPWAY_TEST_PG_URL / DATABASE_URL is set — with a mock
 * GitHub (nock) holding 260 open PRs over 3 pages. Prints GitHub API calls,
 * SQL statements issued, and wall time. Measures; never asserts on timing.
 */
import nock from 'nock';
import { performance } from 'node:perf_hooks';
import { prSchemaSql } from '../shared/dialects/pr-schema.js';
import { createOctokit } from '../shared/github/client.js';
import { countRequests, openPullsLookup } from '../shared/github/pulls.js';
import { planCreatePrSchema } from '../shared/pr-schema/create.js';
import { sweepPrSchemas } from '../shared/pr-schema/sweep.js';
import { PgliteWarehouse } from '../shared/warehouse/pglite.js';
import { PostgresWarehouse } from '../shared/warehouse/postgres.js';
import type { Warehouse } from '../shared/warehouse/types.js';

const API = 'https://api.github.bench';
const REPO = 'acme/analytics';
const PULLS = '/repos/acme/analytics/pulls';
const SCHEMAS = 500;
const CLOSED = 300;

/** PRs 1..500 have schemas; 1..300 are closed; 301..500 are open, plus 60 open PRs without a schema. */
const openNumbers = [...Array.from({ length: SCHEMAS - CLOSED }, (_, i) => CLOSED + 1 + i), ...Array.from({ length: 60 }, (_, i) => 1000 + i)];

function pull(n: number) {
  return { number: n, state: 'open', head: { sha: n.toString(16).padStart(40, '0'), ref: `feature-${n}` }, base: { ref: 'main', sha: 'b'.repeat(40) }, updated_at: '2026-11-20T00:00:00Z', title: `PR ${n}` };
}

function mockGitHub(): void {
  const pages = Math.ceil(openNumbers.length / 100);
  for (let p = 1; p <= pages; p++) {
    const link = p < pages ? { link: `<${API}${PULLS}?state=open&per_page=100&page=${p + 1}>; rel="next", <${API}${PULLS}?state=open&per_page=100&page=${pages}>; rel="last"` } : undefined;
    nock(API)
      .get(PULLS)
      .query(p === 1 ? { state: 'open', per_page: '100' } : { state: 'open', per_page: '100', page: String(p) })
      .reply(200, openNumbers.slice((p - 1) * 100, p * 100).map(pull), link);
  }
}

async function seed(wh: Warehouse): Promise<void> {
  const sql = prSchemaSql('postgres');
  const now = new Date();
  await wh.transaction(async (s) => {
    for (let pr = 1; pr <= SCHEMAS; pr++) {
      for (const st of planCreatePrSchema('postgres', { pr, repo: REPO, headSha: 'a'.repeat(40), now }, undefined).statements) await s.query(st.sql, st.binds);
      await s.query(`CREATE TABLE ci_pr_${pr}.model (id int)`);
    }
    for (let i = 0; i < 50; i++) for (const st of [sql.create({ schema: `ci_pr_${i + 1}_backup` }, 'look-alike', { recreate: false })[0]!]) await s.query(st.sql);
  });
}

function counting(wh: Warehouse): { wh: Warehouse; statements: () => number } {
  let n = 0;
  const wrapped: Warehouse = Object.create(wh, {
    query: {
      value: (sql: string, binds?: readonly unknown[]) => {
        n++;
        return wh.query(sql, binds);
      },
    },
  });
  return { wh: wrapped, statements: () => n };
}

async function run(label: string, wh: Warehouse, concurrency: number): Promise<void> {
  const t0 = performance.now();
  await seed(wh);
  const seeded = performance.now() - t0;
  mockGitHub();
  const octokit = createOctokit({ token: 'ghs_bench', baseUrl: API, retryAfterBaseMs: 1 });
  const calls = countRequests(octokit);
  const { wh: counted, statements } = counting(wh);
  const t1 = performance.now();
  const report = await sweepPrSchemas(counted, { repo: REPO, concurrency }, openPullsLookup(octokit));
  const wall = performance.now() - t1;
  const left = await wh.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'ci\\_pr\\_%'`);
  console.log(
    `${label.padEnd(28)} schemas seen ${report.counts.schemasSeen} (PR schemas ${report.counts.prSchemas}, look-alikes ${report.counts.ignored}) · ` +
      `dropped ${report.counts.dropped} · failed ${report.counts.failed} · kept ${report.counts.keep} · remaining ci_pr_* ${left.rows[0]!.n}`,
  );
  console.log(
    `${''.padEnd(28)} GitHub API calls ${calls.count} (${report.openPullRequests} open PRs) · SQL statements ${statements()} · concurrency ${concurrency} · ` +
      `sweep wall time ${wall.toFixed(0)} ms (seeding ${seeded.toFixed(0)} ms, not counted)`,
  );
}

/** Few schemas in a repository with many open PRs: reading single PRs beats walking 15 pages. */
async function fewSchemasManyOpenPrs(): Promise<void> {
  const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  try {
    const numbers = [3, 17, 99, 2001, 2002, 2003, 2004, 2005, 2006, 2007]; // 3 open (on page 1 or later), 7 closed
    await wh.transaction(async (s) => {
      for (const pr of numbers) for (const st of planCreatePrSchema('postgres', { pr, repo: REPO, now: new Date() }, undefined).statements) await s.query(st.sql, st.binds);
    });
    const open = Array.from({ length: 1500 }, (_, i) => i + 1); // PRs 1..1500 open: 3, 17, 99 among them
    const pages = Math.ceil(open.length / 100);
    nock(API)
      .get(PULLS)
      .query({ state: 'open', per_page: '100' })
      .reply(200, open.slice(0, 100).map(pull), { link: `<${API}${PULLS}?state=open&per_page=100&page=2>; rel="next", <${API}${PULLS}?state=open&per_page=100&page=${pages}>; rel="last"` });
    for (const n of numbers.filter((x) => x > 100)) nock(API).get(`${PULLS}/${n}`).reply(200, { ...pull(n), state: 'closed' });
    const octokit = createOctokit({ token: 'ghs_bench', baseUrl: API, retryAfterBaseMs: 1 });
    const calls = countRequests(octokit);
    const { wh: counted, statements } = counting(wh);
    const t = performance.now();
    const report = await sweepPrSchemas(counted, { repo: REPO }, openPullsLookup(octokit));
    console.log(
      `${'PGlite, 10 schemas'.padEnd(28)} ${open.length} open PRs (${pages} pages): GitHub API calls ${calls.count} instead of ${pages} · dropped ${report.counts.dropped} · ` +
        `SQL statements ${statements()} · sweep wall time ${(performance.now() - t).toFixed(0)} ms`,
    );
  } finally {
    await wh.close();
  }
}

async function main(): Promise<void> {
  nock.disableNetConnect();
  await fewSchemasManyOpenPrs();
  const lite = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  try {
    await run('PGlite (embedded)', lite, 4);
  } finally {
    await lite.close();
  }
  const url = process.env.SLIPWAY_TEST_PG_URL ?? process.env.DATABASE_URL;
  if (url) {
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    const u = new URL(url);
    const admin = new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: u.password ? decodeURIComponent(u.password) : undefined, dbname: u.pathname.slice(1) || 'postgres' });
    const db = `slipway_bench_${process.pid}`;
    await admin.query(`CREATE DATABASE ${db}`);
    const server = new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: u.password ? decodeURIComponent(u.password) : undefined, dbname: db });
    try {
      await run('PostgreSQL server', server, 4);
    } finally {
      await server.close();
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.close();
    }
  } else {
    console.log('(set SLIPWAY_TEST_PG_URL or DATABASE_URL to also measure a PostgreSQL server)');
  }
  nock.restore();
}

await main();
