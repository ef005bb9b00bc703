/**
 * The CLI commands (exit codes, JSON on stdout, --dry-run plans) and the
 * action bodies (PR number from the event, outputs, DBT_SCHEMA export,
 * summary), on an embedded warehouse.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventContext } from '../../shared/actions-adapter/context.js';
import { UserError } from '../../shared/errors.js';
import { prSchemaAction } from '../../actions/pr-schema/action.js';
import { schemaCleanupAction } from '../../actions/schema-cleanup/action.js';
import { prNumberFromEvent } from '../../shared/pr-schema/pr-event.js';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { example } from '../github/openapi-examples.js';
import { runSlipway } from '../helpers/cli.js';
import { actionInputs as inputs } from '../helpers/inputs.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';

async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runSlipway(args, env);
  return { code: r.code, stdout: r.out, stderr: r.err };
}

describe('slipway pr-schema / schema-cleanup', () => {
  let dir: string;
  let env: Record<string, string | undefined>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-prs-'));
    env = { SLIPWAY_PGLITE_PATH: undefined, DBT_PROFILES_DIR: undefined, SNOWFLAKE_ACCOUNT: undefined, DATABASE_URL: undefined, GITHUB_TOKEN: undefined, GH_TOKEN: undefined, GITHUB_REPOSITORY: undefined };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a Snowflake plan without connecting (--dry-run --dialect)', async () => {
    const r = await cli(['pr-schema', 'create', '--pr-number', '42', '--repo', 'acme/dw', '--database', 'analytics', '--ci-roles', 'transformer', '--reviewer-roles', 'analyst,qa', '--recreate', '--dry-run', '--dialect', 'snowflake'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CREATE OR REPLACE TRANSIENT SCHEMA "ANALYTICS"."CI_PR_42" DATA_RETENTION_TIME_IN_DAYS = 0 COMMENT = \'{"slipway":"pr-schema","v":1,"repo":"acme/dw","pr":42,');
    expect(r.stdout).toContain('GRANT SELECT ON FUTURE VIEWS IN SCHEMA "ANALYTICS"."CI_PR_42" TO ROLE "QA";');
    const d = await cli(['schema-cleanup', '--pr-number', '42', '--database', 'analytics', '--dry-run', '--dialect', 'snowflake'], env);
    expect(d.stdout).toContain('DROP SCHEMA IF EXISTS "ANALYTICS"."CI_PR_42" CASCADE;');
  });


  describePg('against the PostgreSQL server (DATABASE_URL)', () => {
    let db: Awaited<ReturnType<typeof freshPgDatabase>>;
    let srv: Record<string, string | undefined>;
    beforeAll(async () => {
      db = await freshPgDatabase('prschema_cli');
      srv = { ...env, DATABASE_URL: db.url };
    });
    afterAll(async () => db.drop());

    it('creates, then drops, then treats a missing schema as success (exit 0, JSON on stdout)', async () => {
      const c = await cli(['pr-schema', 'create', '--pr-number', '7', '--repo', 'acme/dw', '--format', 'json', '--project-dir', dir], srv);
      expect(c.stderr).toBe('');
      expect(c.code).toBe(0);
      expect(JSON.parse(c.stdout)).toMatchObject({ schema: 'ci_pr_7', action: 'created', ownership: { repo: 'acme/dw', pr: 7 } });
      const d1 = await cli(['schema-cleanup', '--pr-number', '7', '--format', 'json', '--project-dir', dir], srv);
      expect(JSON.parse(d1.stdout)).toMatchObject({ status: 'dropped' });
      const d2 = await cli(['schema-cleanup', '--pr-number', '7', '--project-dir', dir], srv);
      expect(d2.code).toBe(0);
      expect(d2.stdout).toMatch(/^absent: .*ci_pr_7 does not exist; nothing to drop/);
    });

    it('sweeps with GITHUB_TOKEN against the GitHub API (mocked): dry run prints the plan, then drops', async () => {
      for (const pr of [8, 9]) expect((await cli(['pr-schema', 'create', '--pr-number', String(pr), '--repo', 'acme/dw', '--project-dir', dir], srv)).code).toBe(0);
      const api = 'https://api.github.cli-test';
      const ghEnv = { ...srv, GITHUB_TOKEN: 'ghs_secret_token_value', GITHUB_API_URL: api };
      nock.disableNetConnect();
      try {
        const [item] = example('pulls/list', 200);
        nock(api).get('/repos/acme/dw/pulls').query(true).times(2).reply(200, [{ ...item, number: 9 }]);
        const dry = await cli(['schema-cleanup', '--sweep', '--repo', 'acme/dw', '--dry-run', '--project-dir', dir], ghEnv);
        expect(dry.code).toBe(0);
        expect(dry.stdout).toMatch(/would-drop +\S*ci_pr_8 +PR #8 is not open/);
        expect(dry.stdout).toContain('DROP SCHEMA IF EXISTS "ci_pr_8" CASCADE;');
        const real = await cli(['schema-cleanup', '--sweep', '--repo', 'acme/dw', '--format', 'json', '--project-dir', dir], ghEnv);
        expect(real.code).toBe(0);
        const report = JSON.parse(real.stdout);
        expect(report).toMatchObject({ githubRequests: 1, counts: { dropped: 1, keep: 1 } });
        expect(real.stdout + real.stderr).not.toContain('ghs_secret_token_value');
        expect(nock.pendingMocks()).toEqual([]);
      } finally {
        nock.cleanAll();
        nock.enableNetConnect();
      }
    });
  });

  it('exits 2 with the fix on bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['pr-schema', 'create', '--pr-number', 'feature-12', '--repo', 'a/b', '--dry-run', '--dialect', 'postgres'], /not a positive integer[\s\S]*How to fix/],
      [['pr-schema', 'create', '--pr-number', '12', '--repo', 'a/b', '--prefix', 'ci-pr-', '--dry-run', '--dialect', 'postgres'], /not a safe identifier/],
      [['pr-schema', 'create', '--pr-number', '12', '--dry-run', '--dialect', 'postgres'], /No repository was given/],
      [['schema-cleanup', '--project-dir', '.'], /--pr-number <number> or --sweep/],
      [['schema-cleanup', '--pr-number', '1', '--sweep'], /cannot be combined/],
      [['schema-cleanup', '--sweep', '--repo', 'a/b'], /GITHUB_TOKEN is not set/],
      [['schema-cleanup', '--sweep', '--repo', 'a/b', '--ttl-days', 'week'], /--ttl-days 'week' is not a number/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli(args, env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(msg);
    }
  });

  it('has --help on every level', async () => {
    const r = await cli(['schema-cleanup', '--help'], env);
    for (const flag of ['--pr-number <number>', '--sweep', '--ttl-days', '--keep', '--dry-run', '--dialect', '--format', 'Exit codes']) expect(r.stdout).toContain(flag);
    expect((await cli(['pr-schema', 'create', '--help'], env)).stdout).toMatch(/--ci-roles[\s\S]*--reviewer-roles[\s\S]*--recreate/);
  });
});

function prEvent(number: number, eventName = 'pull_request'): EventContext {
  return {
    eventName,
    repo: { owner: 'acme', repo: 'dw' },
    sha: 'f'.repeat(40),
    ref: `refs/pull/${number}/merge`,
    actor: 'octocat',
    pullRequest: { number, headSha: 'a'.repeat(40), baseRef: 'main', baseSha: 'b'.repeat(40), isFork: false },
    payload: { pull_request: { number, title: 'CI_PR_999 please', head: { ref: 'feature/PR-555' } } },
  };
}

describe('the actions', () => {
  let wh: PgliteWarehouse;
  let shared: Warehouse;
  beforeAll(async () => {
    wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
    shared = Object.create(wh, { close: { value: async () => undefined } });
  });
  afterAll(async () => wh.close());

  it('pr-schema takes the number from the event (not the title or branch), sets outputs and exports DBT_SCHEMA', async () => {
    const rt = new CliRuntime({ write: () => undefined });
    await prSchemaAction(rt, inputs({}), prEvent(31), { openWarehouse: async () => shared });
    expect(rt.outputs).toMatchObject({ schema: 'ci_pr_31', action: 'created' });
    expect(rt.outputs.database).toBeTruthy();
    expect(rt.exported).toEqual({ DBT_SCHEMA: 'ci_pr_31' });
    expect(rt.summaries.join("\n")).toMatch(/\*\*<code>.*ci_pr_31<\/code>\*\* created for acme\/dw#31 at `aaaaaaaaaaaa`/);
  });

  it('refuses events without a pull request, naming the fix', async () => {
    const push: EventContext = { ...prEvent(1), eventName: 'push', pullRequest: undefined, payload: {} };
    expect(() => prNumberFromEvent(push, undefined, 'pr-schema')).toThrow(UserError);
    try {
      prNumberFromEvent(push, undefined, 'pr-schema');
    } catch (e) {
      expect((e as UserError).message).toMatch(/triggered by 'push', which carries none/);
      expect((e as UserError).hint).toMatch(/pull_request/);
    }
    expect(prNumberFromEvent({ ...push, eventName: 'workflow_dispatch' }, '12', 'pr-schema')).toBe(12);
    expect(() => prNumberFromEvent({ ...push, eventName: 'workflow_dispatch' }, '12abc', 'pr-schema')).toThrow(UserError);
    expect(() => prNumberFromEvent(prEvent(5), '6', 'pr-schema')).toThrow(/disagrees/);
    expect(prNumberFromEvent({ ...push, eventName: 'issue_comment', payload: { issue: { number: 77, pull_request: {} } } }, undefined, 'pr-schema')).toBe(77);
    const rt = new CliRuntime({ write: () => undefined });
    await expect(schemaCleanupAction(rt, inputs({ mode: 'pr' }), push, { openWarehouse: async () => shared })).rejects.toMatchObject({ hint: expect.stringMatching(/types: \[closed\]/) });
  });

  it('schema-cleanup drops the PR schema on close, and sweeps on a schedule', async () => {
    const rt = new CliRuntime({ write: () => undefined });
    await expect(schemaCleanupAction(rt, inputs({}), { ...prEvent(31), payload: { action: 'synchronize' } }, { openWarehouse: async () => shared })).rejects.toThrow(/still open/);
    await expect(prSchemaAction(rt, inputs({}), { ...prEvent(31), payload: { action: 'closed' } }, { openWarehouse: async () => shared })).rejects.toThrow(/which is closed/);
    await schemaCleanupAction(rt, inputs({}), { ...prEvent(31), payload: { action: 'closed' } }, { openWarehouse: async () => shared });
    expect(JSON.parse(rt.outputs.dropped!)).toHaveLength(1);
    for (const pr of [40, 41, 42]) await prSchemaAction(new CliRuntime({ write: () => undefined }), inputs({}), prEvent(pr), { openWarehouse: async () => shared });
    const sweepRt = new CliRuntime({ write: () => undefined });
    const schedule: EventContext = { ...prEvent(1), eventName: 'schedule', pullRequest: undefined, payload: {} };
    const openPulls = () => async () => ({ open: new Map([[41, { number: 41, headSha: 'a'.repeat(40), baseRef: 'main', updatedAt: '' }]]), pages: 1 });
    await schemaCleanupAction(sweepRt, inputs({ keep: 'ci_pr_42', 'dry-run': 'true' }), schedule, { openWarehouse: async () => shared, openPulls });
    expect(JSON.parse(sweepRt.outputs.dropped!)).toEqual([expect.stringMatching(/ci_pr_40$/)]);
    await schemaCleanupAction(sweepRt, inputs({ keep: 'ci_pr_42' }), schedule, { openWarehouse: async () => shared, openPulls });
    const report = JSON.parse(sweepRt.outputs.report!);
    expect(report.counts).toMatchObject({ dropped: 1, keep: 2 });
    expect(sweepRt.summaries.at(-1)).toMatch(/\| Schema \| PR \| Verdict \| Why \|/);
    await expect(schemaCleanupAction(sweepRt, inputs({ mode: 'sweep' }), schedule, { openWarehouse: async () => shared })).rejects.toThrow(/needs a GitHub token/);
  });
});
