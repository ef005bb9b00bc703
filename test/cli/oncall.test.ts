/**
 * On-call ergonomics of the `slipway` CLI, as a shell user meets them:
 * `-v` anywhere with real debug lines, errors as JSON under --format json,
 * and a reader closing the pipe early (`slipway … --help | head`).
 */
import { describe, expect, it } from 'vitest';
import { runSlipway, spawnSlipway } from '../helpers/cli.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';

const clean = { SLIPWAY_PGLITE_PATH: undefined, DBT_PROFILES_DIR: undefined, SNOWFLAKE_ACCOUNT: undefined, DATABASE_URL: undefined, GITHUB_TOKEN: undefined };

describe('slipway on-call ergonomics', () => {
  it('prints an error as JSON on stdout under --format json, with the exit code it exits with', async () => {
    const r = await runSlipway(['select', '--format', 'json', '--manifest', '/nonexistent/manifest.json', '--state', '/nonexistent'], clean);
    expect(r.code).toBe(2);
    const parsed = JSON.parse(r.out);
    expect(parsed.error.exitCode).toBe(2);
    expect(parsed.error.message).toMatch(/manifest/i);
    expect(r.err).toMatch(/^error: /m);
  });

  it('exits quietly when the reader closes the pipe (slipway … --help | head)', async () => {
    const child = await spawnSlipway(['deploy', 'cutover', '--help']);
    child.stdout.destroy();
    const r = await child.done;
    expect(r.err).not.toMatch(/EPIPE|Unhandled/);
    expect(r.code).toBe(0);
  });
});

describePg('slipway -v', () => {
  it('is accepted after a subcommand and prints debug lines of what runs', async () => {
    const db = await freshPgDatabase('verbose');
    try {
      const r = await runSlipway(['doctor', '--as', 'deploy', '-v'], { ...clean, DATABASE_URL: db.url });
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(/^debug: .*SELECT/m);
      const quiet = await runSlipway(['doctor', '--as', 'deploy'], { ...clean, DATABASE_URL: db.url });
      expect(quiet.err).not.toMatch(/^debug:/m);
    } finally {
      await db.drop();
    }
  });
});
