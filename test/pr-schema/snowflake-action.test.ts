/**
 * The pr-schema and schema-cleanup action bodies against the Snowflake
 * stand-in (test/helpers/fake-snowflake.ts): the exact statements each sends,
 * in order, for the answers Snowflake would give, and every one of them parsed
 * by sqlfluff's Snowflake grammar.
 */
import { describe, expect, it } from 'vitest';
import { prSchemaAction } from '../../actions/pr-schema/action.js';
import { schemaCleanupAction } from '../../actions/schema-cleanup/action.js';
import type { EventContext } from '../../shared/actions-adapter/context.js';
import { prSchemaSql } from '../../shared/dialects/pr-schema.js';
import { formatOwnership } from '../../shared/pr-schema/ownership.js';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { FakeSnowflake } from '../helpers/fake-snowflake.js';
import { actionInputs } from '../helpers/inputs.js';
import { hasSqlfluff } from '../helpers/sqlfluff.js';

const sf = prSchemaSql('snowflake');
const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);

function prEvent(number: number, action = 'synchronize'): EventContext {
  return {
    eventName: 'pull_request',
    repo: { owner: 'acme', repo: 'dw' },
    sha: 'f'.repeat(40),
    ref: `refs/pull/${number}/merge`,
    actor: 'octocat',
    pullRequest: { number, headSha: HEAD, baseRef: 'main', baseSha: BASE, isFork: false },
    payload: { action },
  };
}

const schedule: EventContext = { eventName: 'schedule', repo: { owner: 'acme', repo: 'dw' }, sha: 'f'.repeat(40), ref: 'refs/heads/main', actor: 'octocat', payload: {} };

function sqlfluffClean(fake: FakeSnowflake): void {
  if (hasSqlfluff) expect(fake.unparsable()).toEqual([]);
}

describe('pr-schema on Snowflake', () => {
  it('a new PR: looks the schema up, creates it transient with the ownership comment, grants, exports DBT_SCHEMA', async () => {
    const fake = new FakeSnowflake();
    const rt = new CliRuntime({ write: () => undefined });
    const tags: unknown[] = [];
    await prSchemaAction(rt, actionInputs({ database: 'analytics', 'ci-roles': 'transformer', 'reviewer-roles': 'analyst, qa' }), prEvent(42), {
      openWarehouse: async (tag) => (tags.push(tag), fake),
    });
    expect(tags).toEqual([{ action: 'pr-schema', pr: 42, sha: HEAD }]);
    const ref = { database: 'ANALYTICS', schema: 'CI_PR_42' };
    // The session's database is read first, then the schema is looked up by name (a bind, never spliced).
    expect(fake.log.slice(0, 2)).toEqual([{ sql: sf.currentDatabase().sql }, { sql: sf.describeSchema(ref).sql, binds: ['CI_PR_42'] }]);
    const creates = fake.sqls.filter((s) => s.startsWith('CREATE'));
    expect(creates).toHaveLength(1);
    expect(creates[0]).toMatch(/^CREATE TRANSIENT SCHEMA IF NOT EXISTS "ANALYTICS"\."CI_PR_42" DATA_RETENTION_TIME_IN_DAYS = 0 COMMENT = '\{"slipway":"pr-schema","v":1,"repo":"acme\/dw","pr":42,"head":"a{40}"/);
    expect(fake.sqls.filter((s) => s.startsWith('GRANT'))).toEqual(sf.grants(ref, ['TRANSFORMER'], ['ANALYST', 'QA']).map((s) => s.sql));
    expect(fake.sqls.some((s) => /^DROP\b/.test(s))).toBe(false);
    expect(rt.outputs).toMatchObject({ schema: 'CI_PR_42', database: 'ANALYTICS', action: 'created' });
    expect(rt.exported).toMatchObject({ DBT_SCHEMA: 'CI_PR_42', DBT_DATABASE: 'ANALYTICS' });
    expect(fake.closed).toBe(true);
    sqlfluffClean(fake);
  });

  it("another repository's schema of that name is refused before any change: no CREATE OR REPLACE, no DROP, a fix in the error", async () => {
    const theirs = formatOwnership({ repo: 'acme/other', pr: 7, head: HEAD, created: '2026-11-01T00:00:00.000Z', headAt: '2026-11-01T00:00:00.000Z' });
    const fake = new FakeSnowflake().answer(sf.describeSchema({ database: 'ANALYTICS', schema: 'CI_PR_7' }), [
      { database: 'ANALYTICS', name: 'CI_PR_7', comment: theirs, created_ms: 1_700_000_000_000, owner: 'CI', can_drop: true },
    ]);
    const err = await prSchemaAction(new CliRuntime({ write: () => undefined }), actionInputs({ database: 'ANALYTICS', recreate: 'true' }), prEvent(7), { openWarehouse: async () => fake }).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'UserError', message: expect.stringContaining('belongs to acme/other (PR #7), not acme/dw'), hint: expect.stringMatching(/own prefix/) });
    expect(fake.closed).toBe(true);
    expect(fake.sqls.filter((s) => /^(CREATE|DROP|ALTER)\b/.test(s))).toEqual([]);
    sqlfluffClean(fake);
  });
});

describe('schema-cleanup sweep on Snowflake', () => {
  it("drops the schemas of closed PRs of this repository; another repository's and look-alike names are left alone", async () => {
    const comment = (repo: string, pr: number) => formatOwnership({ repo, pr, head: HEAD, created: '2026-11-01T00:00:00.000Z', headAt: '2026-11-01T00:00:00.000Z' });
    const row = (name: string, c: string | null) => ({ database: 'ANALYTICS', name, comment: c, created_ms: Date.parse('2026-11-01T00:00:00Z'), owner: 'CI', can_drop: true });
    const fake = new FakeSnowflake().answer(sf.listSchemas('ANALYTICS', 'CI_PR_'), [
      row('CI_PR_1', comment('acme/dw', 1)),
      row('CI_PR_2', comment('acme/dw', 2)),
      row('CI_PR_3', comment('other/repo', 3)),
      row('CI_PR_4_OLD', null),
    ]);
    const rt = new CliRuntime({ write: () => undefined });
    const asked: number[][] = [];
    await schemaCleanupAction(rt, actionInputs({ database: 'analytics', 'ttl-days': '0' }), schedule, {
      openWarehouse: async () => fake,
      openPulls: () => async (_repo, numbers) => {
        asked.push([...numbers]);
        return { open: new Map([[2, { number: 2, headSha: HEAD, baseRef: 'main', updatedAt: '2026-11-02T00:00:00Z' }]]), pages: 1 };
      },
    });
    expect(fake.sqls.filter((s) => s.startsWith('DROP'))).toEqual([sf.drop({ database: 'ANALYTICS', schema: 'CI_PR_1' }).sql]);
    expect(JSON.parse(rt.outputs.dropped!)).toEqual(['ANALYTICS.CI_PR_1']);
    expect(asked).toEqual([[1, 2, 3]]);
    const report = JSON.parse(rt.outputs.report!) as { entries: { schema: string; rule: string }[] };
    expect(Object.fromEntries(report.entries.map((e) => [e.schema, e.rule]))).toEqual({ CI_PR_1: 'pr-closed', CI_PR_2: 'pr-open', CI_PR_3: 'other-repository', CI_PR_4_OLD: 'not-a-pr-schema' });
    sqlfluffClean(fake);
  });
});
