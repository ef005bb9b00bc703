/** `slipway state save|restore|list` as a user runs it (tsx on the sources), with a local cache folder. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeShared, repoRoot, sharedPath } from '../helpers/fixtures.js';
import { tempDir } from './helpers.js';

const C1 = sharedPath('dbt', 'airbnb2-snowflake', 'c1-1b90235');

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  tmp = await tempDir('cli');
});
afterAll(async () => tmp.cleanup());

function slipway(args: string[]) {
  // cwd is a temp folder (state is staged in ./.slipway/state), so tsx is imported by absolute URL.
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href, join(repoRoot, 'shared/cli/bin.ts'), 'state', ...args], {
    encoding: 'utf8',
    cwd: tmp.dir,
    env: { ...process.env, NO_COLOR: '1', SLIPWAY_CACHE_DIR: join(tmp.dir, 'cache'), ACTIONS_RUNTIME_TOKEN: '', GITHUB_SHA: '' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeShared('slipway state', () => {
  it('restore before any save exits 2 and says how to seed state', () => {
    const r = slipway(['restore', '--target', 'prod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No production state found for target prod/);
    expect(r.stderr).toMatch(/How to fix: .*slipway state save --target prod/);
  });

  it('save → list → restore round trip, JSON on stdout', () => {
    const save = slipway(['save', '--target', 'prod', '--sha', '1b90235', '--manifest', join(C1, 'manifest.json'), '--run-results', join(C1, 'run_results.json'), '--format', 'json']);
    expect(save.code, save.stderr).toBe(0);
    expect(JSON.parse(save.stdout)).toMatchObject({ key: 'slipway-state-prod-1b90235', saved: true, files: ['manifest.json', 'run_results.json', 'slipway-state.json'] });

    const again = slipway(['save', '--target', 'prod', '--sha', '1b90235', '--manifest', join(C1, 'manifest.json')]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already present/);

    const list = slipway(['list', '--format', 'json']);
    expect(JSON.parse(list.stdout).entries.map((e: { key: string }) => e.key)).toEqual(['slipway-state-prod-1b90235']);

    const restore = slipway(['restore', '--target', 'prod', '--state-dir', 'restored', '--format', 'json']);
    expect(restore.code, restore.stderr).toBe(0);
    const out = JSON.parse(restore.stdout);
    expect(out).toMatchObject({ source: 'cache', sha: '1b90235', key: 'slipway-state-prod-1b90235', dir: join(tmp.dir, 'restored') });
    expect(out.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('save without a commit, or with a bad manifest, exits 2', () => {
    expect(slipway(['save', '--target', 'prod', '--manifest', join(C1, 'manifest.json')]).code).toBe(2);
    const bad = slipway(['save', '--target', 'prod', '--sha', 'abcdef1', '--manifest', join(C1, 'run_results.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/run-results artifact, not a manifest/);
  });

  it('has help', () => {
    const r = slipway(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['save', 'restore', 'list']) expect(r.stdout).toContain(c);
  });
});
