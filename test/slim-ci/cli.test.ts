/** `slipway state save|restore|list` through the CLI, from a temp workspace with a local cache folder. */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runSlipway } from '../helpers/cli.js';
import { describeShared, sharedPath } from '../helpers/fixtures.js';
import { tempDir } from './helpers.js';

const C1 = sharedPath('dbt', 'airbnb2-snowflake', 'c1-1b90235');

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  tmp = await tempDir('cli');
});
afterAll(async () => tmp.cleanup());

/** `slipway state …` from a temp workspace (state is staged in ./.slipway/state), with a local cache folder. */
async function slipway(args: string[]) {
  const r = await runSlipway(['state', ...args], { NO_COLOR: '1', SLIPWAY_CACHE_DIR: join(tmp.dir, 'cache'), ACTIONS_RUNTIME_TOKEN: undefined, GITHUB_SHA: undefined }, { cwd: tmp.dir });
  return { code: r.code, stdout: r.out, stderr: r.err };
}

describeShared('slipway state', () => {
  it('restore before any save exits 2 and says how to seed state', async () => {
    const r = await slipway(['restore', '--state-target', 'prod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No production state found for target prod/);
    expect(r.stderr).toMatch(/How to fix: .*slipway state save --state-target prod/);
  });

  it('save → list → restore round trip, JSON on stdout', async () => {
    const save = await slipway(['save', '--state-target', 'prod', '--sha', '1b90235', '--manifest', join(C1, 'manifest.json'), '--run-results', join(C1, 'run_results.json'), '--format', 'json']);
    expect(save.code, save.stderr).toBe(0);
    expect(JSON.parse(save.stdout)).toMatchObject({ key: 'slipway-state-prod-1b90235', saved: true, files: ['manifest.json', 'run_results.json', 'slipway-state.json'] });

    const again = await slipway(['save', '--state-target', 'prod', '--sha', '1b90235', '--manifest', join(C1, 'manifest.json')]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already present/);

    const list = await slipway(['list', '--format', 'json']);
    expect(JSON.parse(list.stdout).entries.map((e: { key: string }) => e.key)).toEqual(['slipway-state-prod-1b90235']);

    const restore = await slipway(['restore', '--state-target', 'prod', '--state-dir', 'restored', '--format', 'json']);
    expect(restore.code, restore.stderr).toBe(0);
    const out = JSON.parse(restore.stdout);
    expect(out).toMatchObject({ source: 'cache', sha: '1b90235', key: 'slipway-state-prod-1b90235', dir: join(tmp.dir, 'restored') });
    expect(out.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('save without a commit, or with a bad manifest, exits 2', async () => {
    expect((await slipway(['save', '--state-target', 'prod', '--manifest', join(C1, 'manifest.json')])).code).toBe(2);
    const bad = await slipway(['save', '--state-target', 'prod', '--sha', 'abcdef1', '--manifest', join(C1, 'run_results.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/run-results artifact, not a manifest/);
  });

  it('has help', async () => {
    const r = await slipway(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['save', 'restore', 'list']) expect(r.stdout).toContain(c);
  });
});
