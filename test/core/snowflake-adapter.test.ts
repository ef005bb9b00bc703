/**
 * The Snowflake adapter without an account: config → SDK option mapping, key
 * handling, error mapping, and the session statements (parsed by sqlfluff).
 */
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import {
  isTransientSnowflakeError,
  mapSnowflakeError,
  normalisePem,
  normaliseRow,
  SnowflakeWarehouse,
  queryTagValue,
  sessionSetup,
  toConnectionOptions,
  type SnowflakeConfig,
} from '../../shared/warehouse/snowflake.js';
import { ConnectionError, OperationError, UserError, exitCodeFor } from '../../shared/errors.js';
import { MultipleStatementsError } from '../../shared/warehouse/types.js';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const base: Omit<SnowflakeConfig, 'auth'> = { type: 'snowflake', account: 'xy12345.eu-west-1', user: 'CI_USER', role: 'TRANSFORMER', warehouse: 'CI_WH', database: 'ANALYTICS' };

describe('Snowflake auth option mapping', () => {
  it('maps password auth', () => {
    const o = toConnectionOptions({ ...base, auth: { method: 'password', password: 'pw' } });
    expect(o).toMatchObject({ account: 'xy12345.eu-west-1', username: 'CI_USER', authenticator: 'SNOWFLAKE', password: 'pw', role: 'TRANSFORMER', application: 'Slipway' });
  });
  it('maps key-pair auth with and without passphrase', () => {
    const o = toConnectionOptions({ ...base, auth: { method: 'keypair', privateKey } });
    expect(o.authenticator).toBe('SNOWFLAKE_JWT');
    expect(o.privateKey).toContain('-----BEGIN PRIVATE KEY-----');
    expect(o).not.toHaveProperty('privateKeyPass');
    const p = toConnectionOptions({ ...base, auth: { method: 'keypair', privateKey, privateKeyPassphrase: 'hunter2' } });
    expect(p.privateKeyPass).toBe('hunter2');
  });
  it('maps OAuth', () => {
    expect(toConnectionOptions({ ...base, auth: { method: 'oauth', token: 'tok' } })).toMatchObject({ authenticator: 'OAUTH', token: 'tok' });
  });
  it('accepts a PEM stored on one line with literal \\n, and a bare base64 body', () => {
    const oneLine = privateKey.replace(/\n/g, '\\n');
    expect(normalisePem(oneLine)).toBe(privateKey);
    const body = privateKey.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
    expect(normalisePem(body)).toContain('-----BEGIN PRIVATE KEY-----');
  });
  it('refuses something that is not a private key, saying how to fix it', () => {
    expect(() => normalisePem('not a key!')).toThrow(UserError);
    expect(() => normalisePem('-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----')).toThrow(/PKCS#8/);
  });
});

describe('Snowflake error mapping', () => {
  it('turns a bad login into a UserError with a fix', () => {
    const e = mapSnowflakeError({ message: 'JWT token is invalid.', code: '390144' });
    expect(e).toBeInstanceOf(ConnectionError);
    expect((e as UserError).hint).toMatch(/RSA_PUBLIC_KEY/);
  });
  it('names the statement and hints at privileges for missing objects', () => {
    const e = mapSnowflakeError({ message: "Schema 'X' does not exist or not authorized.", code: '002003' }, 'ALTER SCHEMA "A" SWAP WITH "B"');
    expect(e).toBeInstanceOf(OperationError);
    expect(e.message).toContain('ALTER SCHEMA');
  });
  it('does not wrap twice and treats a wrong account host as a config error', () => {
    const once = mapSnowflakeError({ message: 'boom', code: '1' });
    expect(mapSnowflakeError(once)).toBe(once);
    expect(mapSnowflakeError({ message: 'getaddrinfo ENOTFOUND xy.snowflakecomputing.com', code: '401001' })).toBeInstanceOf(UserError);
    expect(isTransientSnowflakeError({ code: 'ECONNRESET' })).toBe(true);
    expect(isTransientSnowflakeError({ code: '401001', message: 'getaddrinfo ENOTFOUND x' })).toBe(false);
  });
});

describe('Snowflake connection errors (exit 2, never "a gate failed")', () => {
  it('a refused login, an unknown account host and an unreachable endpoint are ConnectionErrors', () => {
    for (const e of [
      mapSnowflakeError({ message: 'Incorrect username or password was specified.', code: '390100' }),
      mapSnowflakeError({ message: 'getaddrinfo ENOTFOUND nope.snowflakecomputing.com' }),
      mapSnowflakeError({ message: 'connect ECONNREFUSED 127.0.0.1:443', code: 'ECONNREFUSED' }),
    ]) {
      expect(e).toBeInstanceOf(ConnectionError);
      expect(exitCodeFor(e)).toBe(2);
      expect((e as ConnectionError).hint).toBeTruthy();
    }
  });
  it('a statement Snowflake refuses for holding more than one statement is a MultipleStatementsError', () => {
    const e = mapSnowflakeError({ message: 'Actual statement count 2 did not match the desired statement count 1.', code: '000008' }, 'select 1; select 2');
    expect(e).toBeInstanceOf(MultipleStatementsError);
  });
});

/** The adapter over a recording SDK connection (no account is reachable from here). */
function recordingWarehouse(rows: Record<string, unknown>[]) {
  const calls: { sqlText: string; parameters?: Record<string, unknown> }[] = [];
  const conn = {
    connect: () => undefined,
    destroy: (cb: (e: unknown) => void) => cb(undefined),
    execute: (o: { sqlText: string; parameters?: Record<string, unknown>; complete: (err: unknown, stmt: unknown, rows?: unknown[]) => void }) => {
      calls.push({ sqlText: o.sqlText, parameters: o.parameters });
      o.complete(undefined, { getQueryId: () => 'q1' }, rows);
    },
  };
  const Ctor = SnowflakeWarehouse as unknown as new (c: typeof conn, cfg: SnowflakeConfig) => SnowflakeWarehouse;
  return { wh: new Ctor(conn, { ...base, auth: { method: 'password', password: 'pw' } }), calls };
}

describe('Snowflake single-statement execution and column case', () => {
  it('queryOne sends MULTI_STATEMENT_COUNT = 1 with the statement; query does not change the session default', async () => {
    const { wh, calls } = recordingWarehouse([]);
    await wh.queryOne('select 1');
    await wh.query('select 2');
    expect(calls[0]).toEqual({ sqlText: 'select 1', parameters: { MULTI_STATEMENT_COUNT: 1 } });
    expect(calls[1]!.parameters).toBeUndefined();
  });
  it('rows leave the adapter with folded (upper-case) column names in lower case, as on PostgreSQL', async () => {
    const { wh } = recordingWarehouse([{ NAME: 'ORDERS', ROW_COUNT: 3, 'MixedCase': 1, 'has space': 2, created_on: 'x' }]);
    const { rows } = await wh.query('select …');
    expect(rows).toEqual([{ name: 'ORDERS', row_count: 3, MixedCase: 1, 'has space': 2, created_on: 'x' }]);
  });
  it('never overwrites a column: a lower-case twin keeps both', () => {
    expect(normaliseRow({ N: 1, n: 2 })).toEqual({ N: 1, n: 2 });
    expect(normaliseRow({ A$B_1: 1 })).toEqual({ a$b_1: 1 });
  });
});

describe('Snowflake session setup', () => {
  const cfg: SnowflakeConfig = { ...base, auth: { method: 'password', password: 'pw' }, statementTimeoutSeconds: 600, queryTag: { action: 'slim-ci', repo: "o'brien/x", pr: 12, sha: 'abc' } };
  it('tags every session with Slipway, the action, repo, PR and commit', () => {
    const tag = JSON.parse(queryTagValue(cfg.queryTag!));
    expect(tag).toEqual({ tool: 'slipway', action: 'slim-ci', repo: "o'brien/x", pr: 12, sha: 'abc' });
    expect(sessionSetup(cfg).map((s) => s.sql)).toEqual([`ALTER SESSION SET QUERY_TAG = '${queryTagValue(cfg.queryTag!).replace(/'/g, "''")}'`, 'ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 600']);
  });
  // sqlfluff parses the statements the adapter actually sends on open: snowflake-session.test.ts.
});
