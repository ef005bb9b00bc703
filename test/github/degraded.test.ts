/**
 * A degraded GitHub API on a real local HTTP server: one that accepts the
 * connection and never answers, and one that keeps failing with 5xx or 403.
 * Reporting is a side channel, so each must end in one warning naming what
 * failed — never an error-level log line (which the Actions runtime turns into
 * a red ::error:: annotation on a green run), and never a hung job.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOctokit } from '../../shared/github/client.js';
import { createGitHubReporter } from '../../shared/github/reporter.js';

interface Logged {
  level: string;
  message: string;
}

let server: Server;
let base = '';
const hung: ServerResponse[] = [];
let mode: 'hang' | '500' | '403' = 'hang';
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    if (mode === 'hang') {
      hung.push(res); // accept, never answer
      return;
    }
    if (mode === '500') {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Server Error' }));
      return;
    }
    res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const r of hung) r.destroy();
  await new Promise((r) => server.close(r));
});

function reporterWith(timeoutMs: number) {
  const logs: Logged[] = [];
  const log = {
    debug: (m: string) => logs.push({ level: 'debug', message: m }),
    info: (m: string) => logs.push({ level: 'info', message: m }),
    warn: (m: string) => logs.push({ level: 'warn', message: m }),
    error: (m: string) => logs.push({ level: 'error', message: m }),
  };
  const octokit = createOctokit({ token: 'ghs_test', baseUrl: base, log, retries: 1, retryAfterBaseMs: 1, requestTimeoutMs: timeoutMs });
  return { reporter: createGitHubReporter(octokit, { log }), logs };
}

const req = { owner: 'octocat', repo: 'Hello-World', issueNumber: 7, marker: 'slim-ci', body: '## Slim CI' };

describe('a degraded GitHub API', () => {
  it('gives up on an API that accepts the connection and never answers, with a warning that says it timed out', async () => {
    mode = 'hang';
    requests = 0;
    const { reporter, logs } = reporterWith(400);
    const res = await reporter.upsertStickyComment(req);
    expect(res.action).toBe('skipped');
    expect(requests).toBeGreaterThanOrEqual(1);
    const warnings = logs.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings.join('\n')).toMatch(/did not answer within 400 ms/);
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it.each(['500', '403'] as const)('a %s on every request ends in one warning and no error-level line', async (m) => {
    mode = m;
    const { reporter, logs } = reporterWith(5_000);
    const res = await reporter.upsertStickyComment(req);
    expect(res.action).toBe('skipped');
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(logs.filter((l) => l.level === 'warn').length).toBeGreaterThanOrEqual(1);
  });
});
