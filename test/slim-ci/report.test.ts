/** The slim CI report: errors first, reasons shown, and safe truncation at GitHub's comment limit. */
import { describe, expect, it } from 'vitest';
import { loadManifest, loadRunResults, type Manifest, type RunResults } from '../../shared/dbt/artifacts.js';
import { renderForComment, renderForSummary, renderReport, shellQuoteForDisplay, type ReportInput } from '../../shared/slim-ci/report.js';
import { describeShared, sharedPath } from '../helpers/fixtures.js';

const state = { source: 'cache' as const, description: 'GitHub Actions cache, key slipway-state-prod-abc (commit abc)', sha: 'abcdef0123456789', warnings: [] };

describeShared('slim CI report', () => {
  it('is cut safely under the 65,536-character comment limit with thousands of failures, keeping errors first', async () => {
    const manifest = await loadManifest(sharedPath('dbt', 'tuva-snowflake', 'c1-8cecb3c2', 'manifest.json')); // ~700 nodes
    const ids = Object.keys(manifest.nodes);
    const runResults = {
      metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json' },
      results: ids.map((id, i) => ({
        unique_id: id,
        status: i % 3 === 0 ? 'error' : 'success',
        execution_time: 1.5,
        message: i % 3 === 0 ? `Database Error in ${id}\n  002003 (42S02): SQL compilation error: Object '<TABLE_${i}>' | does not exist ` + 'x'.repeat(600) : 'SUCCESS 1',
      })),
    } as unknown as RunResults;
    const input: ReportInput = {
      target: 'ci',
      stateTarget: 'prod',
      state,
      manifest,
      selected: ids.sort(),
      modified: Object.fromEntries(ids.map((id) => [id, ['body', 'configs']])),
      toRun: ids,
      fullBuild: false,
      nothingToBuild: false,
      dbtArgv: ['dbt', 'build', '--select', 'state:modified+'],
      dbtExitCode: 1,
      runResults,
      runUrl: 'https://github.com/o/r/actions/runs/9',
    };
    const body = renderForComment(input);
    expect(body.length).toBeLessThanOrEqual(65_536 - 200);
    expect(body.startsWith('### Slipway slim CI: ❌ dbt failed')).toBe(true);
    expect(body.indexOf('❌ error')).toBeGreaterThan(0);
    expect(body).not.toContain('<TABLE_'); // messages are HTML-escaped
    expect((body.match(/```/g) ?? []).length % 2).toBe(0); // no open code fence
    expect((body.match(/<details/g) ?? []).length).toBe((body.match(/<\/details>/g) ?? []).length);
    const summary = renderForSummary(input);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1_000_000);
    expect(summary.length).toBeGreaterThan(body.length);
  });

  it('shows reasons per modified node and the state source', async () => {
    const manifest = await loadManifest(sharedPath('dbt', 'airbnb2-snowflake', 'c2-bb6a2d2', 'manifest.json'));
    const runResults = await loadRunResults(sharedPath('dbt', 'airbnb2-snowflake', 'c2-bb6a2d2', 'run_results.json'));
    const md = renderReport({
      stateTarget: 'prod',
      state: { ...state, source: 'artifact', runUrl: 'https://github.com/o/r/actions/runs/3', description: 'artifact slipway-state of deploy.yml run #5 on main (commit abcdef012345)' },
      manifest: manifest as Manifest,
      selected: ['model.dbtlearn.fct_reviews', 'model.dbtlearn.mart_fullmoon_reviews'],
      modified: { 'model.dbtlearn.fct_reviews': ['body'] },
      toRun: ['model.dbtlearn.fct_reviews', 'model.dbtlearn.mart_fullmoon_reviews'],
      fullBuild: false,
      nothingToBuild: false,
      dbtExitCode: 1,
      runResults,
    });
    expect(md).toMatch(/from the deploy-workflow artifact \(\[deploy run\]\(https:\/\/github.com\/o\/r\/actions\/runs\/3\)\)/);
    expect(md).toMatch(/\| `model.dbtlearn.fct_reviews` \| model \| body \|/);
    expect(md).toMatch(/\*\*1\*\* modified, \*\*1\*\* downstream/);
    expect(md).toMatch(/'dbt_utils' is undefined/);
  });
});

describe('shellQuoteForDisplay', () => {
  it('quotes only what needs it', () => {
    expect(shellQuoteForDisplay('state:modified+')).toBe('state:modified+');
    expect(shellQuoteForDisplay("it's x")).toBe(`'it'\\''s x'`);
  });
});

describe('what a reviewer needs from the comment', () => {
  const base: ReportInput = {
    stateTarget: 'prod',
    state: { source: 'cache', description: 'restored into /home/runner/work/shop/shop/prod-state', sha: 'abc', warnings: [] },
    manifest: { metadata: {}, nodes: {}, sources: {}, exposures: {} } as unknown as ReportInput['manifest'],
    selected: [],
    modified: {},
    toRun: [],
    fullBuild: false,
    nothingToBuild: false,
  };

  it('names the schema the PR built into', () => {
    const md = renderReport({ ...base, schema: 'CI_PR_42', database: 'ANALYTICS_DEV' });
    expect(md).toContain('**Built into:** `ANALYTICS_DEV.CI_PR_42`');
  });

  it("shows no absolute runner path: the state line, dbt's messages and the command are relative to the workspace", () => {
    const md = renderReport({
      ...base,
      workspace: '/home/runner/work/shop/shop',
      dbtArgv: ['dbt', 'build', '--state', '/home/runner/work/shop/shop/prod-state', '--project-dir', '/home/runner/work/shop/shop'],
      dbtExitCode: 1,
      runResults: { metadata: {}, results: [{ unique_id: 'model.shop.orders', status: 'error', message: 'compiled code at /home/runner/work/shop/shop/target/run/orders.sql', execution_time: 1 }] } as unknown as ReportInput['runResults'],
    });
    expect(md).not.toContain('/home/runner');
    expect(md).toContain('prod-state');
    expect(md).toContain('target/run/orders.sql');
  });
});

describe('modified reasons', () => {
  it('say which config keys changed', async () => {
    const { reasonText } = await import('../../shared/slim-ci/report.js');
    expect(reasonText(['body', 'configs'], ['materialized', 'on_schema_change'])).toBe('body, configs (materialized, on_schema_change)');
    expect(reasonText(['configs'], undefined)).toBe('configs');
  });
});
