/**
 * The action body with a fake GitHub reporter (check run + annotations,
 * outputs, exit by GateFailure), and the CLI as a user runs it: exit codes,
 * JSON on stdout, --dry-run SQL, and --measure / row-counts on an embedded
 * PGlite database with tables of known age.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { GateFailure, UserError } from '../../shared/errors.js';
import { freshnessGateAction } from '../../actions/freshness-gate/action.js';
import type { CheckRunRequest, CheckRunResult, GitHubReporter, StickyCommentRequest } from '../../shared/github/types.js';
import { runSlipway } from '../helpers/cli.js';
import { describeShared, sharedPath } from '../helpers/fixtures.js';
import { actionInputs as fakeInputs } from '../helpers/inputs.js';

const dbt = (...p: string[]) => sharedPath('dbt', ...p);

function fakeReporter() {
  const checks: { req: CheckRunRequest; result?: CheckRunResult }[] = [];
  const comments: StickyCommentRequest[] = [];
  const reporter: GitHubReporter = {
    async upsertStickyComment(req) {
      comments.push(req);
      return { id: 1, action: 'created' };
    },
    async startCheckRun(req) {
      const entry: (typeof checks)[number] = { req };
      checks.push(entry);
      return { id: 7, complete: async (r) => void (entry.result = r) };
    },
  };
  return { reporter, checks, comments };
}

const event = { repo: { owner: 'acme', repo: 'warehouse' }, sha: 'abc123', runUrl: 'https://github.com/acme/warehouse/actions/runs/1', pullRequest: { number: 12, headSha: 'head456', baseRef: 'main', baseSha: 'b', isFork: false } };

describeShared('freshness-gate action body', () => {
  it('a stale source: failing check run with one annotation, outputs set, sticky comment, GateFailure', async () => {
    const rt = new CliRuntime({ write: () => undefined });
    const fake = fakeReporter();
    const inputs = fakeInputs({ sources: dbt('airbnb2-snowflake/c0-a53793f/sources.json'), manifest: dbt('airbnb2-snowflake/c1-1b90235/manifest.json'), 'github-token': 'ghs_secret', comment: 'true', 'check-name': 'Freshness (prod)' });
    const err = await freshnessGateAction(rt, inputs, event, { reporter: fake.reporter }).catch((e) => e);
    expect(err).toBeInstanceOf(GateFailure);
    expect(err.message).toMatch(/Source freshness failed \(1 source at or past fail-on: error\)/);
    expect(rt.outputs).toMatchObject({ verdict: 'fail', 'failing-count': '1' });
    expect(JSON.parse(rt.outputs['report-json']!).results[0].uniqueId).toBe('source.dbtlearn.airbnb.reviews');
    expect(fake.checks).toHaveLength(1);
    expect(fake.checks[0]!.req).toMatchObject({ name: 'Freshness (prod)', headSha: 'head456', owner: 'acme' });
    expect(fake.checks[0]!.result).toMatchObject({ conclusion: 'failure' });
    const ann = fake.checks[0]!.result!.annotations!;
    expect(ann).toHaveLength(1);
    expect(ann[0]).toMatchObject({ annotation_level: 'failure', title: 'error: airbnb.reviews', path: 'dbtlearn/models/sources.yml' });
    expect(fake.comments[0]).toMatchObject({ issueNumber: 12 });
    expect(rt.summaries.join('\n')).toContain('| ❌ error | `airbnb.reviews`');
  });

  it('a warn passes at fail-on error (verdict warn) and fails at fail-on warn', async () => {
    const base = { sources: dbt('airbnb-snowflake/c1-450b930/sources.json'), manifest: dbt('airbnb-snowflake/c1-450b930/manifest.json'), 'github-token': 't0ken123' };
    const rt = new CliRuntime({ write: () => undefined });
    const fake = fakeReporter();
    const report = await freshnessGateAction(rt, fakeInputs(base), event, { reporter: fake.reporter });
    expect(report.verdict).toBe('warn');
    expect(rt.outputs.verdict).toBe('warn');
    expect(fake.checks[0]!.result).toMatchObject({ conclusion: 'success' });
    expect(fake.checks[0]!.result!.annotations![0]).toMatchObject({ annotation_level: 'warning' });
    expect(fake.comments).toHaveLength(0);
    await expect(freshnessGateAction(new CliRuntime({ write: () => undefined }), fakeInputs({ ...base, 'fail-on': 'warn' }), event, { reporter: fakeReporter().reporter })).rejects.toBeInstanceOf(GateFailure);
  });

  it('bad inputs are UserErrors that say how to fix them', async () => {
    const rt = new CliRuntime({ write: () => undefined });
    await expect(freshnessGateAction(rt, fakeInputs({ mode: 'dbt-cloud' }), event)).rejects.toThrow(/Unknown freshness mode 'dbt-cloud'/);
    await expect(freshnessGateAction(rt, fakeInputs({ 'fail-on': 'sometimes' }), event)).rejects.toBeInstanceOf(UserError);
    await expect(freshnessGateAction(rt, fakeInputs({ sources: '/nope/sources.json' }), event)).rejects.toThrow(/does not exist/);
    await expect(freshnessGateAction(rt, fakeInputs({ sources: dbt('airbnb-snowflake/c1-450b930/manifest.json') }), event)).rejects.toThrow(/is a dbt manifest artifact, not a sources one/);
  });
});

/** The CLI as a user runs it, through the one in-process runner. */
async function slipway(args: string[], env: Record<string, string | undefined> = {}) {
  const r = await runSlipway(args, env);
  return { code: r.code, stdout: r.out, stderr: r.err };
}

describeShared('slipway freshness (CLI)', () => {
  it('exit 0 on warn, 1 on error, JSON on stdout; 2 on a bad config naming the key', async () => {
    const warn = await slipway(['freshness', '--sources', dbt('airbnb-snowflake/c1-450b930/sources.json'), '--manifest', dbt('airbnb-snowflake/c1-450b930/manifest.json')]);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(/passed with warnings/);
    const err = await slipway(['freshness', '--sources', dbt('airbnb2-snowflake/c0-a53793f/sources.json'), '--format', 'json']);
    expect(err.code).toBe(1);
    expect(JSON.parse(err.stdout)).toMatchObject({ passed: false, verdict: 'fail', counts: { error: 1 } });
    const dir = mkdtempSync(join(tmpdir(), 'slipway-fresh-'));
    try {
      writeFileSync(join(dir, 'bad.yml'), 'sources:\n  airbnb.reviews:\n    warn-afer: 2h\n');
      const bad = await slipway(['freshness', '--sources', dbt('airbnb-snowflake/c1-450b930/sources.json'), '--config', join(dir, 'bad.yml')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/sources\."airbnb\.reviews": unknown key\(s\) 'warn-afer'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--measure --dry-run prints the one Snowflake statement', async () => {
    const r = await slipway(['freshness', '--mode', 'warehouse', '--dry-run', '--dialect', 'snowflake', '--manifest', dbt('aws-ecommerce-snowflake/c2-3827063/manifest.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/UNION ALL/g)).toHaveLength(3);
    expect(r.stdout).toContain('FROM "RAW"."ECOMMERCE"."ORDERS"');
    expect(r.stdout.trim().endsWith(';')).toBe(true);
  });
});

describe('slipway freshness --measure and row-counts on PGlite', () => {
  let dir: string;
  let manifestPath: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-fresh-pg-'));
    const db = new PGlite(join(dir, 'pgdata'));
    await db.exec(`CREATE SCHEMA raw; CREATE TABLE raw.orders (loaded_at timestamptz); INSERT INTO raw.orders VALUES (now() - interval '3 hours');
      CREATE SCHEMA analytics; CREATE TABLE analytics.fct AS SELECT g AS id FROM generate_series(1, 40) g;`);
    await db.close();
    const manifest = {
      metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', project_name: 'shop' },
      nodes: { 'model.shop.fct': { unique_id: 'model.shop.fct', resource_type: 'model', package_name: 'shop', name: 'fct', schema: 'analytics', database: 'x', config: { materialized: 'table' } } },
      sources: { 'source.shop.raw.orders': { unique_id: 'source.shop.raw.orders', resource_type: 'source', package_name: 'shop', name: 'orders', source_name: 'raw', schema: 'raw', identifier: 'orders', loaded_at_field: 'loaded_at', freshness: { warn_after: { count: 1, period: 'hour' }, error_after: { count: 2, period: 'hour' } } } },
      macros: {}, exposures: {},
    };
    manifestPath = join(dir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(manifest));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('measures in the warehouse, records counts, then flags a table that went to zero', async () => {
    const env = { SLIPWAY_PGLITE_PATH: join(dir, 'pgdata'), DATABASE_URL: undefined, SNOWFLAKE_ACCOUNT: undefined };
    const m = await slipway(['freshness', '--mode', 'warehouse', '--manifest', manifestPath, '--project-dir', dir, '--format', 'json'], env);
    expect(m.code).toBe(1);
    const rep = JSON.parse(m.stdout);
    expect(rep.results[0]).toMatchObject({ verdict: 'error', method: 'loaded_at_field' });
    expect(rep.statements).toBe(1);
    const rec = await slipway(['freshness', 'row-counts', 'record', '--manifest', manifestPath, '--project-dir', dir, '--deploy-id', 'd1'], env);
    expect(rec.code).toBe(0);
    expect(rec.stdout).toMatch(/Recorded 1 row count\(s\) for prod in SLIPWAY\.ROW_COUNT_HISTORY/);
    const ok = await slipway(['freshness', 'row-counts', 'check', '--manifest', manifestPath, '--project-dir', dir], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Row counts passed: 1 within range/);
  });
});
