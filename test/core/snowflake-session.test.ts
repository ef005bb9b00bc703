/**
 * Opening a Snowflake session, over a stand-in for snowflake-sdk (no account
 * is reachable from here): the session set-up statements built by
 * shared/dialects/snowflake/session.ts run first, in order, on the new
 * connection; a failed set-up never hands out (or leaves open) the session;
 * a bad timeout setting fails before any login.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../shared/errors.js';
import { connectTo } from '../../shared/config/connection.js';
import { SnowflakeWarehouse, type SnowflakeConfig } from '../../shared/warehouse/snowflake.js';
import { describeSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';

const sdk = vi.hoisted(() => {
  const state = {
    created: 0,
    destroyed: 0,
    sent: [] as string[],
    failOn: undefined as RegExp | undefined,
  };
  const createConnection = () => {
    state.created++;
    return {
      connect: (cb: (e: unknown) => void) => cb(undefined),
      destroy: (cb: (e: unknown) => void) => {
        state.destroyed++;
        cb(undefined);
      },
      getId: () => 'session-1',
      execute: (o: { sqlText: string; complete: (err: unknown, stmt: unknown, rows?: unknown[]) => void }) => {
        state.sent.push(o.sqlText);
        if (state.failOn?.test(o.sqlText)) return o.complete({ message: 'Insufficient privileges to operate on session', code: '003001' }, {});
        o.complete(undefined, { getQueryId: () => 'q' }, o.sqlText.startsWith('ALTER') ? [{ status: 'Statement executed successfully.' }] : [{ N: 1 }]);
      },
    };
  };
  return { state, module: { configure: () => undefined, createConnection } };
});
vi.mock('snowflake-sdk', () => ({ default: sdk.module }));

const config: SnowflakeConfig = {
  type: 'snowflake',
  account: 'xy12345',
  user: 'CI_USER',
  auth: { method: 'password', password: 'pw' },
  connectRetries: 0,
  statementTimeoutSeconds: 1800.7,
  queryTag: { action: 'deploy', repo: "acme/o'brien\\data", run: '42' },
};

beforeEach(() => {
  Object.assign(sdk.state, { created: 0, destroyed: 0, sent: [], failOn: undefined });
});

describe('Snowflake session set-up on open', () => {
  it('tags the session and sets the statement timeout before anything else runs', async () => {
    const wh = await SnowflakeWarehouse.open(config);
    const { rows } = await wh.query('SELECT 1 AS n');
    await wh.close();
    expect(sdk.state.sent).toEqual([
      `ALTER SESSION SET QUERY_TAG = '{"tool":"slipway","action":"deploy","repo":"acme/o''brien\\\\\\\\data","run":"42"}'`,
      'ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 1800',
      'SELECT 1 AS n',
    ]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('no timeout configured: only the tag', async () => {
    const wh = await SnowflakeWarehouse.open({ ...config, statementTimeoutSeconds: undefined });
    await wh.close();
    expect(sdk.state.sent).toHaveLength(1);
    expect(sdk.state.sent[0]).toMatch(/^ALTER SESSION SET QUERY_TAG = '/);
  });

  it('a set-up statement the role may not run: the error names it, and the connection is closed, not handed out', async () => {
    sdk.state.failOn = /STATEMENT_TIMEOUT/;
    const err = await SnowflakeWarehouse.open(config).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/Insufficient privileges[\s\S]*STATEMENT_TIMEOUT_IN_SECONDS/);
    expect(sdk.state.created).toBe(1);
    expect(sdk.state.destroyed).toBe(1);
  });

  it('a negative timeout is refused before any login, saying which setting', async () => {
    const err = await SnowflakeWarehouse.open({ ...config, statementTimeoutSeconds: -5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/statement timeout .* \(got -5\)/);
    expect((err as UserError).hint).toMatch(/query_timeout/);
    expect(sdk.state.created).toBe(0);
  });

  it('connectTo (config/connection.ts) adds the repository and run in Actions to the caller\'s tag', async () => {
    const wh = await connectTo({ ...config, queryTag: undefined }, { action: 'deploy-status' }, { GITHUB_REPOSITORY: 'acme/dw', GITHUB_RUN_ID: '77' });
    await wh.close();
    expect(sdk.state.sent[0]).toBe(`ALTER SESSION SET QUERY_TAG = '{"tool":"slipway","repo":"acme/dw","run":"77","action":"deploy-status"}'`);
  });

  describeSqlfluff('independent grammar', () => {
    it('the statements actually sent parse as Snowflake SQL', async () => {
      const wh = await SnowflakeWarehouse.open(config);
      await wh.close();
      expect(sdk.state.sent).toHaveLength(2);
      expect(unparsableSnowflake(sdk.state.sent)).toEqual([]);
    });
  });
});
