/**
 * The order and the locking rules of dbt-production-run.yml (GitHub's parser
 * and actionlint already check it in test/workflows): Fivetran before the
 * freshness gate before the lock before prepare; its own concurrency group,
 * never the merge deploy's and never cancelling; the same abort and
 * state-saving guards as dbt-deploy.yml.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkflow } from '../workflows/lib.js';
import { repoRoot } from '../helpers/dbt.js';

const wf = (n: string) => loadWorkflow(join(repoRoot, '.github', 'workflows', n));
const job = (n: string) => Object.values(wf(n).jobs)[0] as any;

describe('dbt-production-run.yml', () => {
  const run = job('dbt-production-run.yml');
  const steps = run.steps as any[];
  const idx = (pred: (s: any) => boolean) => steps.findIndex(pred);

  it('has its own concurrency group per environment, never the deploy workflow\'s, never cancelling', () => {
    expect(run.concurrency['cancel-in-progress']).toBe(false);
    expect(String(run.concurrency.group)).toMatch(/^slipway-production-run-.*inputs\.environment/);
    expect(run.concurrency.group).not.toBe(job('dbt-deploy.yml').concurrency.group);
    expect(run.concurrency.group).not.toBe(job('dbt-rollback.yml').concurrency.group);
  });

  it('syncs Fivetran, gates freshness, checks the deploy lock, then prepares, builds and cuts over', () => {
    const fivetran = idx((s) => String(s.uses).includes('/actions/fivetran-sync@'));
    const gate = idx((s) => String(s.uses).includes('/actions/freshness-gate@'));
    const lock = idx((s) => s.id === 'lock');
    const prepare = idx((s) => s.with?.phase === 'prepare');
    const build = idx((s) => s.id === 'build');
    const cutover = idx((s) => s.with?.phase === 'cutover');
    expect([fivetran, gate, lock, prepare, build, cutover].every((i) => i >= 0)).toBe(true);
    expect(fivetran < gate && gate < lock && lock < prepare && prepare < build && build < cutover).toBe(true);
    expect(steps[fivetran].env).toEqual({ FIVETRAN_API_KEY: '${{ secrets.FIVETRAN_API_KEY }}', FIVETRAN_API_SECRET: '${{ secrets.FIVETRAN_API_SECRET }}' });
    expect(steps[fivetran].if).toMatch(/fivetran-connectors != ''/);
    // the lock step reads the same environment's DEPLOY_STATE lock that prepare takes
    expect(steps[lock].run).toContain('deploy status --environment "$SLIPWAY_ENVIRONMENT"');
    expect(run.env.SLIPWAY_ENVIRONMENT).toBe('${{ inputs.environment }}');
    expect(steps[prepare].with.environment).toBe('${{ inputs.environment }}');
    expect(steps[prepare].if).toBe("steps.lock.outputs.skipped != 'true'");
    for (const mode of ['wait', 'skip', 'fail']) expect(steps[lock].run).toContain(mode === 'wait' ? 'deadline' : `${mode})`);
  });

  it('aborts and saves state under the same guards as the merge deploy', () => {
    const abort = steps.find((s) => s.with?.phase === 'abort');
    const deployAbort = (job('dbt-deploy.yml').steps as any[]).find((s) => s.with?.phase === 'abort');
    expect(abort.if).toBe(deployAbort.if);
    for (const s of steps.filter((x) => x.with?.mode === 'save-state' || String(x.uses).startsWith('actions/upload-artifact'))) {
      expect(s.if).toMatch(/steps\.cutover\.outcome == 'success'/);
    }
  });

  it('slim builds select exactly what deploy-slim planned, against the restored live state', () => {
    const slim = steps.find((s) => s.id === 'slim');
    expect(slim.run).toContain('deploy-slim clone');
    expect(slim.run).toContain('--record --deploy-id "$DEPLOY_ID"');
    const restore = steps.find((s) => s.id === 'live-state');
    expect(restore.with.key).toBe('slipway-live-state-${{ inputs.target }}-${{ steps.lock.outputs.live-manifest-sha256 }}');
    expect(restore.with.path).toBe('.slipway/state');
    expect(steps.find((s) => s.id === 'build').run).toContain('--select');
  });
});
