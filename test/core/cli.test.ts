/**
 * The CLI as a user runs it (through tsx on the sources; the same code is
 * bundled to dist/cli/index.js): help on every level, exit codes, JSON on
 * stdout with logs on stderr, secrets never printed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures.js';

function slipway(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'shared/cli/bin.ts'), ...args], {
    encoding: 'utf8',
    cwd: repoRoot,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('slipway CLI', () => {
  it('lists its commands in --help', () => {
    const r = slipway(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['warehouse']) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 a gate or policy failed, 2 usage/);
  });
  it('has help on subcommands', () => {
    const r = slipway(['warehouse', 'info', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--profiles-dir');
  });
  it('exits 2 on a usage error', () => {
    const r = slipway(['warehouse', 'info', '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
  });
  it('talks to the embedded warehouse and prints JSON on stdout only', () => {
    const r = slipway(['warehouse', 'info', '--format', 'json'], { SLIPWAY_PGLITE_PATH: 'memory' });
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ engine: 'pglite', dialect: 'postgres', capabilities: { transactionalDdl: true, schemaSwap: false } });
  });
  it('exits 2 with a fix when no connection is configured, and never prints secrets', () => {
    const r = slipway(['warehouse', 'info', '--profiles-dir', '/nonexistent'], { DATABASE_URL: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No profiles.yml found/);
    expect(r.stderr).toMatch(/How to fix/);
    const bad = slipway(['warehouse', 'info'], { DATABASE_URL: 'postgres://u:TopSecretPw@127.0.0.1:1/db' });
    expect(bad.code).toBe(1);
    expect(bad.stderr + bad.stdout).not.toContain('TopSecretPw');
  });
});
