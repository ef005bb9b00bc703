/**
 * The CLI through the shared runner (in process; once as a real process for
 * bin.ts; the same code is bundled to dist/cli/index.js): help on every level, exit codes, JSON on
 * stdout with logs on stderr, secrets never printed.
 */
import { describe, expect, it } from 'vitest';
import { runSlipway, runSlipwayProcess } from '../helpers/cli.js';

async function slipway(args: string[], env: Record<string, string | undefined> = {}) {
  const r = await runSlipway(args, env);
  return { code: r.code, stdout: r.out, stderr: r.err };
}

describe('slipway CLI', () => {
  it('lists its commands in --help', async () => {
    const r = await slipway(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['warehouse']) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 a gate or policy failed, 2 usage/);
  });
  it('has help on subcommands', async () => {
    const r = await slipway(['warehouse', 'info', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--profiles-dir');
  });
  it('as a process (shared/cli/bin.ts): exit 2 on a usage error, the message on stderr', async () => {
    const r = await runSlipwayProcess(['warehouse', 'info', '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option '--no-such-flag'");
    expect(r.out).toBe('');
  });
  it('exits 2 on a usage error', async () => {
    const r = await slipway(['warehouse', 'info', '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
  });
  it('talks to the embedded warehouse and prints JSON on stdout only', async () => {
    const r = await slipway(['warehouse', 'info', '--format', 'json'], { SLIPWAY_PGLITE_PATH: 'memory' });
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ engine: 'pglite', dialect: 'postgres', capabilities: { transactionalDdl: true, schemaSwap: false } });
  });
  it('exits 2 with a fix when no connection is configured, and never prints secrets', async () => {
    const r = await slipway(['warehouse', 'info', '--profiles-dir', '/nonexistent'], { DATABASE_URL: undefined, SLIPWAY_PGLITE_PATH: undefined, SNOWFLAKE_ACCOUNT: undefined });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No profiles.yml found/);
    expect(r.stderr).toMatch(/How to fix/);
    const bad = await slipway(['warehouse', 'info'], { DATABASE_URL: 'postgres://u:TopSecretPw@127.0.0.1:1/db' });
    // A refused connection is a configuration error (exit 2) whose fix names DATABASE_URL; the password never shows.
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/connection was refused[\s\S]*How to fix: .*DATABASE_URL/);
    expect(bad.stderr + bad.stdout).not.toContain('TopSecretPw');
  });
});
