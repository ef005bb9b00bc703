import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, loadProfile, renderEnvVars } from '../../shared/config/profiles.js';
import { UserError } from '../../shared/errors.js';

function profilesDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-profiles-'));
  writeFileSync(join(dir, 'profiles.yml'), yaml);
  return dir;
}

const SNOWFLAKE_PROFILE = `
jaffle:
  target: ci
  outputs:
    ci:
      type: snowflake
      account: "{{ env_var('SNOWFLAKE_ACCOUNT') }}"
      user: "{{ env_var('SNOWFLAKE_USER') }}"
      private_key: "{{ env_var('SNOWFLAKE_PRIVATE_KEY') }}"
      role: "{{ env_var('SNOWFLAKE_ROLE', 'TRANSFORMER') }}"
      warehouse: CI_WH
      database: ANALYTICS
      schema: "{{ env_var('DBT_SCHEMA') }}"
      threads: 8
    dev:
      type: pglite
      path: memory
`;

describe('dbt profiles.yml', () => {
  const key = '-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8AgEAAkEA\n-----END PRIVATE KEY-----';
  const env = { SNOWFLAKE_ACCOUNT: 'xy12345', SNOWFLAKE_USER: 'CI', SNOWFLAKE_PRIVATE_KEY: key, DBT_SCHEMA: 'CI_PR_7' };

  it('renders env_var with and without defaults and masks secrets as they are read', async () => {
    const masked: string[] = [];
    const cfg = await loadProfile({ profilesDir: profilesDir(SNOWFLAKE_PROFILE), env, mask: (s) => masked.push(s) });
    expect(cfg).toMatchObject({ type: 'snowflake', account: 'xy12345', user: 'CI', role: 'TRANSFORMER', schema: 'CI_PR_7', profile: 'jaffle', target: 'ci' });
    expect(cfg.type === 'snowflake' && cfg.auth.method).toBe('keypair');
    expect(masked).toContain(key);
  });

  it('selects another target, including the embedded engine', async () => {
    const cfg = await loadProfile({ profilesDir: profilesDir(SNOWFLAKE_PROFILE), target: 'dev', env: {} });
    expect(cfg).toMatchObject({ type: 'pglite', path: 'memory' });
  });

  it('names the missing variable and how to set it', async () => {
    const err = await loadProfile({ profilesDir: profilesDir(SNOWFLAKE_PROFILE), env: { ...env, SNOWFLAKE_USER: undefined } }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain("env_var('SNOWFLAKE_USER')");
  });

  it('refuses other Jinja clearly', () => {
    expect(() => renderEnvVars("{{ var('x') }}", {}, 'p.outputs.ci.schema')).toThrow(/cannot render/);
  });

  it('names the missing key, the unknown target and the unknown profile', async () => {
    const dir = profilesDir(`p:\n  target: x\n  outputs:\n    x:\n      type: postgres\n      host: localhost\n      dbname: d\n`);
    await expect(loadProfile({ profilesDir: dir, env: {} })).rejects.toThrow(/'user' is missing/);
    await expect(loadProfile({ profilesDir: dir, target: 'nope', env: {} })).rejects.toThrow(/Target 'nope' is not in profile 'p'/);
    await expect(loadProfile({ profilesDir: dir, profile: 'q', env: {} })).rejects.toThrow(/Profile 'q' is not in/);
  });

  it('reads a connection from plain environment variables', async () => {
    const masked: string[] = [];
    const pgc = await configFromEnv({ DATABASE_URL: 'postgres://u:s3cret@h:5433/db' }, (s) => masked.push(s));
    expect(pgc).toMatchObject({ type: 'postgres', host: 'h', port: 5433, user: 'u', dbname: 'db' });
    expect(masked).toEqual(['s3cret']);
    expect(await configFromEnv({})).toBeUndefined();
  });
});
