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
  queryTagValue,
  sessionSetupStatements,
  toConnectionOptions,
  type SnowflakeConfig,
} from '../../shared/warehouse/snowflake.js';
import { OperationError, UserError } from '../../shared/errors.js';
import { describeSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';

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
    expect(e).toBeInstanceOf(UserError);
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

describe('Snowflake session setup', () => {
  const cfg: SnowflakeConfig = { ...base, auth: { method: 'password', password: 'pw' }, statementTimeoutSeconds: 600, queryTag: { action: 'slim-ci', repo: "o'brien/x", pr: 12, sha: 'abc' } };
  it('tags every session with Slipway, the action, repo, PR and commit', () => {
    const tag = JSON.parse(queryTagValue(cfg.queryTag!));
    expect(tag).toEqual({ tool: 'slipway', action: 'slim-ci', repo: "o'brien/x", pr: 12, sha: 'abc' });
    expect(sessionSetupStatements(cfg)).toHaveLength(2);
  });
  describeSqlfluff('independent grammar', () => {
    it('parses the session statements as Snowflake SQL', () => {
      expect(unparsableSnowflake(sessionSetupStatements(cfg))).toEqual([]);
    });
  });
});
