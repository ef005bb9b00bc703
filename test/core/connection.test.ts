import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invocation, openWarehouse, resolveConnection, warehouseFromInputs } from '../../shared/config/connection.js';
import { inputsFromEnv } from '../../shared/runtime/inputs.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';

const masker = () => {
  const masked: string[] = [];
  return { masked, mask: (s: string) => void masked.push(s) };
};

describe('invocation: one actor and run URL', () => {
  it('in GitHub Actions: GITHUB_ACTOR and the run URL built from server, repository and run id', () => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: 'https://ghe.example.com', GITHUB_REPOSITORY: 'acme/warehouse', GITHUB_RUN_ID: '42', SLIPWAY_ACTOR: 'ignored', USER: 'runner' };
    expect(invocation(env)).toEqual({ actor: 'octocat', runUrl: 'https://ghe.example.com/acme/warehouse/actions/runs/42' });
    expect(invocation({ ...env, GITHUB_SERVER_URL: undefined }).runUrl).toBe('https://github.com/acme/warehouse/actions/runs/42');
  });
  it('in a shell: SLIPWAY_ACTOR, else the OS user, and no run URL (even with stray GITHUB_* variables)', () => {
    expect(invocation({ SLIPWAY_ACTOR: 'oncall-jane', GITHUB_ACTOR: 'octocat', GITHUB_RUN_ID: '42', GITHUB_REPOSITORY: 'a/b' })).toEqual({ actor: 'oncall-jane' });
    expect(invocation({ USER: 'not-the-os-user' })).toEqual({ actor: userInfo().username });
  });
});

describe('resolveConnection', () => {
  it('reads DATABASE_URL when no profile is named, masking the password', async () => {
    const m = masker();
    const c = await resolveConnection({ projectDir: mkdtempSync(join(tmpdir(), 'conn-')) }, m, { DATABASE_URL: 'postgres://u:pa%24%24word@db.example:6543/analytics?sslmode=require' });
    expect(c).toMatchObject({ type: 'postgres', host: 'db.example', port: 6543, user: 'u', password: 'pa$$word', dbname: 'analytics', sslmode: 'require' });
    expect(m.masked).toContain('pa$$word');
  });
  it('a named profile wins over the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conn-'));
    writeFileSync(join(dir, 'profiles.yml'), 'p:\n  target: ci\n  outputs:\n    ci:\n      type: pglite\n      path: memory\n');
    const c = await resolveConnection({ profilesDir: dir }, masker(), { DATABASE_URL: 'postgres://u@h/db' });
    expect(c.type).toBe('pglite');
  });
  it('with nothing configured, says which flags, inputs and variables would work', async () => {
    const err = await resolveConnection({ projectDir: mkdtempSync(join(tmpdir(), 'conn-')) }, masker(), { HOME: mkdtempSync(join(tmpdir(), 'home-')) }).catch((e: Error & { hint?: string }) => e);
    expect(err).toMatchObject({ name: 'UserError', message: 'No warehouse connection is configured.' });
    expect((err as { hint?: string }).hint).toMatch(/--profiles-dir.*profiles-dir.*SNOWFLAKE_ACCOUNT.*SLIPWAY_PGLITE_PATH.*DATABASE_URL/);
  });
});

describePg('action inputs → warehouse on the real server', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  beforeAll(async () => {
    db = await freshPgDatabase('connection');
  });
  afterAll(async () => db?.drop());

  it('profiles-dir/target inputs open the warehouse the profile names, and the session carries the action tag', async () => {
    const u = new URL(db.url);
    const dir = mkdtempSync(join(tmpdir(), 'conn-'));
    writeFileSync(
      join(dir, 'profiles.yml'),
      `p:\n  target: dev\n  outputs:\n    dev: { type: pglite, path: memory }\n    ci:\n      type: postgres\n      host: ${u.hostname}\n      port: ${u.port}\n      user: ${decodeURIComponent(u.username)}\n      dbname: ${u.pathname.slice(1)}\n      schema: public\n`,
    );
    const inputs = inputsFromEnv({ 'INPUT_PROFILES-DIR': ` ${dir} `, INPUT_TARGET: 'ci' });
    const wh = await warehouseFromInputs(masker(), inputs, {})({ action: 'connection-test' });
    try {
      const r = await wh.query<{ db: string; app: string }>('select current_database() as db, current_setting(\'application_name\') as app');
      expect(r.rows[0]).toEqual({ db: u.pathname.slice(1), app: 'slipway connection-test' });
    } finally {
      await wh.close();
    }
  });
  it('DATABASE_URL in a shell opens the same database', async () => {
    const wh = await openWarehouse({ projectDir: mkdtempSync(join(tmpdir(), 'conn-')) }, masker(), { action: 'x' }, { DATABASE_URL: db.url });
    try {
      expect((await wh.query<{ db: string }>('select current_database() as db')).rows[0]!.db).toBe(new URL(db.url).pathname.slice(1));
    } finally {
      await wh.close();
    }
  });
});
