import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromDatabaseUrl, configFromEnv, didYouMean, loadProfile, parseYamlText, renderEnvVars } from '../../shared/config/profiles.js';
import { UserError, exitCodeFor } from '../../shared/errors.js';

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

  it('a typo in a pglite profile is an error with a did-you-mean, never an in-memory database', async () => {
    const dir = profilesDir(`p:\n  target: dev\n  outputs:\n    dev:\n      type: pglite\n      pathh: ./data\n`);
    const err = await loadProfile({ profilesDir: dir, env: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/unknown key 'pathh' \(did you mean 'path'\?\) for type pglite/);
    expect(err.hint).toMatch(/path/);
  });

  it('accepts every key dbt-postgres and dbt-snowflake read, and names the unknown one for that adapter only', async () => {
    const pgDir = profilesDir(`p:
  target: ci
  outputs:
    ci:
      type: postgres
      host: localhost
      port: 5432
      user: u
      pass: pw
      dbname: d
      schema: s
      threads: 4
      keepalives_idle: 0
      connect_timeout: 10
      role: r
      search_path: public
      sslmode: verify-full
      sslrootcert: /etc/ssl/ca.pem
      sslcert: /c.pem
      sslkey: /k.pem
      application_name: dbt
      retries: 3
      autocommit: true
`);
    expect(await loadProfile({ profilesDir: pgDir, env: {} })).toMatchObject({ type: 'postgres', sslmode: 'verify-full', sslrootcert: '/etc/ssl/ca.pem', connectTimeoutSeconds: 10, password: 'pw' });
    const sfDir = profilesDir(`p:
  target: ci
  outputs:
    ci:
      type: snowflake
      account: xy12345
      user: CI
      password: pw
      role: R
      warehouse: WH
      database: DB
      schema: S
      threads: 8
      client_session_keep_alive: false
      query_tag: dbt
      connect_retries: 3
      connect_timeout: 10
      retry_on_database_errors: false
      retry_all: false
      reuse_connections: true
      insecure_mode: false
      warehose: TYPO
`);
    const err = await loadProfile({ profilesDir: sfDir, env: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/unknown key 'warehose' \(did you mean 'warehouse'\?\) for type snowflake/);
    expect(err.message).not.toMatch(/client_session_keep_alive|reuse_connections|query_tag/);
    // a Snowflake key on a Postgres target is unknown for that adapter
    expect(didYouMean('pathh', ['path', 'schema'])).toBe('path');
    expect(didYouMean('zzzzzz', ['path', 'schema'])).toBeUndefined();
  });

  it('never prints a literal password, whatever characters it holds', async () => {
    const secret = 'hunter2{{ not jinja }}%s';
    const dir = profilesDir(`p:\n  target: x\n  outputs:\n    x:\n      type: postgres\n      host: h\n      user: u\n      dbname: d\n      password: "${secret}"\n`);
    const err = await loadProfile({ profilesDir: dir, env: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(`${err.message} ${err.hint}`).not.toContain('hunter2');
    expect(err.message).toMatch(/password contains Jinja/);
  });

  it('a password from an environment variable may contain {{ (the value is not Jinja)', async () => {
    const masked: string[] = [];
    const dir = profilesDir(`p:\n  target: x\n  outputs:\n    x:\n      type: postgres\n      host: h\n      user: u\n      dbname: d\n      password: "{{ env_var('PGPW') }}"\n`);
    const cfg = await loadProfile({ profilesDir: dir, env: { PGPW: 'a{{b}}c' }, mask: (s) => masked.push(s) });
    expect(cfg).toMatchObject({ password: 'a{{b}}c' });
    expect(masked).toEqual(['a{{b}}c']);
  });

  it('a malformed DATABASE_URL is a configuration error (exit 2) that does not repeat the URL', async () => {
    const masked: string[] = [];
    const err = await configFromEnv({ DATABASE_URL: 'postgres://admin:s3cr3t pw@db.internal:notaport/app' }, (s) => masked.push(s)).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(exitCodeFor(err)).toBe(2);
    expect(`${err.message} ${err.hint}`).not.toMatch(/s3cr3t|db\.internal|admin/);
    expect(masked).toEqual(['s3cr3t pw']);
    expect(() => configFromDatabaseUrl('mysql://u@h/d')).toThrow(/postgres:\/\//);
    expect(() => configFromDatabaseUrl('postgres://u:%zz@h/d')).toThrow(/percent-encoding/);
    expect(() => configFromDatabaseUrl('postgres://u@h/d?sslmod=require')).toThrow(/did you mean 'sslmode'/);
    expect(configFromDatabaseUrl('postgresql://u:p%40ss@h:6543/d?sslmode=verify-full&sslrootcert=/ca.pem')).toMatchObject({ host: 'h', port: 6543, password: 'p@ss', sslmode: 'verify-full', sslrootcert: '/ca.pem' });
  });

  it('a YAML bomb (anchors and aliases exploding) is a clear exit-2 error, fast', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const dir = profilesDir(`${levels.join('\n')}\np:\n  target: x\n  outputs:\n    x:\n      type: pglite\n`);
    const err = await loadProfile({ profilesDir: dir, profile: 'p', env: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(exitCodeFor(err)).toBe(2);
    expect(err.message).toMatch(/aliases .* more than 1000 times/);
  });

  it('duplicate keys and bad syntax are errors naming the file and line', () => {
    expect(() => parseYamlText('a: 1\nb: 2\na: 3\n', 'x.yml')).toThrow(/key 'a' twice/);
    expect(() => parseYamlText('a: [1, 2\n', 'x.yml')).toThrow(/x\.yml: is not valid YAML/);
    expect(parseYamlText('base: &b {k: 1}\nuse:\n  <<: *b\n  j: 2\n', 'x.yml')).toEqual({ base: { k: 1 }, use: { '<<': { k: 1 }, j: 2 } });
  });
});
