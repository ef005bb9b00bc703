/**
 * `slipway fivetran sync` and the fivetran-sync action against a local HTTP
 * server speaking Fivetran's documented v1 shapes (test/fivetran/fake-fivetran.ts).
 * Polling runs on real short intervals (--poll-interval 0.05).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runSlipway } from '../helpers/cli.js';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { fivetranSyncAction } from '../../actions/fivetran-sync/action.js';
import { parseFivetranSyncInputs } from '../../actions/fivetran-sync/inputs.js';
import { inputsFromEnv, inputEnvName } from '../../shared/runtime/inputs.js';
import { GateFailure } from '../../shared/errors.js';
import { retryAfterMs } from '../../shared/fivetran/api.js';
import { FakeFivetran, NORMAL, type FakeConnection, type FakeOptions } from './fake-fivetran.js';

const KEY = 'test-key';
const SECRET = 'test-secret';
const ENV = { FIVETRAN_API_KEY: KEY, FIVETRAN_API_SECRET: SECRET, FIVETRAN_API_URL: undefined };
const FAST = ['--poll-interval', '0.05', '--timeout', '20', '--stuck-after', '0.4', '--max-requests-per-minute', '60000'];

let servers: FakeFivetran[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
});

async function fake(conns: FakeConnection[], opts: FakeOptions = {}): Promise<FakeFivetran> {
  const s = await new FakeFivetran(conns, opts).start();
  servers.push(s);
  return s;
}

async function sync(s: FakeFivetran, args: string[], env: Record<string, string | undefined> = {}) {
  const r = await runSlipway(['fivetran', 'sync', '--api-url', s.url, ...FAST, '--format', 'json', ...args], { ...ENV, ...env });
  const json = r.out.trim() ? JSON.parse(r.out) : undefined;
  return { ...r, json, verdicts: Object.fromEntries((json?.connectors ?? []).map((c: { id: string; verdict: string }) => [c.id, c.verdict])) };
}

describe('fivetran sync: verdicts', () => {
  it('normal sync: triggers with force, polls until succeeded_at moves past the request, exit 0', async () => {
    const s = await fake([
      { id: 'pg_orders', service: 'postgres', schema: 'orders', script: NORMAL },
      { id: 'sf_crm', service: 'salesforce', schema: 'crm', script: [{ sync_state: 'syncing', is_historical_sync: true }, { sync_state: 'scheduled', succeeded_at: 'now', is_historical_sync: false }] },
    ]);
    const r = await sync(s, ['--connectors', 'pg_orders', '--connectors', 'sf_crm']);
    expect(r.err).not.toContain('error:');
    expect(r.code).toBe(0);
    expect(r.verdicts).toEqual({ pg_orders: 'synced', sf_crm: 'synced' });
    const posts = s.requests((q) => q.method === 'POST');
    expect(posts.map((p) => [p.path, p.body])).toEqual(
      expect.arrayContaining([
        ['/v1/connections/pg_orders/sync', { force: true }],
        ['/v1/connections/sf_crm/sync', { force: true }],
      ]),
    );
    const c = r.json.connectors.find((x: any) => x.id === 'pg_orders');
    expect(Date.parse(c.succeeded_at)).toBeGreaterThanOrEqual(Date.parse(c.requested_at));
    expect(c.service).toBe('postgres');
    // one progress line per state change
    expect(r.err).toContain('pg_orders (postgres/orders): scheduled → syncing');
    expect(r.err).toContain('sf_crm (salesforce/crm): scheduled → syncing (historical)');
    expect(r.err.match(/pg_orders \(postgres\/orders\): scheduled → syncing/g)).toHaveLength(1);
    // the secret never reaches a log line, the Basic auth header carries it
    expect(r.out + r.err).not.toContain(SECRET);
    expect(s.log.every((q) => q.authorization === 'Basic ' + Buffer.from(`${KEY}:${SECRET}`).toString('base64'))).toBe(true);
  });

  it('--no-force sends {"force": false}', async () => {
    const s = await fake([{ id: 'a', script: NORMAL }]);
    const r = await sync(s, ['--connectors', 'a', '--no-force']);
    expect(r.code).toBe(0);
    expect(s.requests((q) => q.method === 'POST')[0]!.body).toEqual({ force: false });
  });

  it("failure: failed_at after the request → failed with Fivetran's reason, exit 1", async () => {
    const s = await fake([
      { id: 'ok', script: NORMAL },
      { id: 'bad', service: 'hubspot', script: [{ sync_state: 'syncing' }, { sync_state: 'scheduled', failed_at: 'now', tasks: [{ code: 'reconnect', message: 'Reconnect: the OAuth token was revoked' }] }] },
    ]);
    const r = await sync(s, ['--connectors', 'ok,bad']);
    expect(r.code).toBe(1);
    expect(r.verdicts).toEqual({ ok: 'synced', bad: 'failed' });
    expect(r.json.connectors.find((c: any) => c.id === 'bad').reason).toContain('Reconnect: the OAuth token was revoked');
  });

  it('an old failed_at (before the request) is not this sync failing', async () => {
    const s = await fake([{ id: 'a', failed_at: new Date(Date.now() - 3_600_000).toISOString(), script: NORMAL }]);
    const r = await sync(s, ['--connectors', 'a']);
    expect(r.verdicts).toEqual({ a: 'synced' });
  });

  it('the rescheduled-forever hang: stuck after --stuck-after, long before --timeout', async () => {
    const s = await fake([
      {
        id: 'hist',
        service: 'netsuite',
        script: [
          { sync_state: 'syncing', is_historical_sync: true },
          { sync_state: 'rescheduled', is_historical_sync: false, rescheduled_for: 'past', warnings: [{ code: 'retry_api_call', message: 'Retrying after 60 seconds' }] },
        ],
      },
    ]);
    const r = await sync(s, ['--connectors', 'hist', '--timeout', '600']);
    expect(r.code).toBe(1);
    expect(r.verdicts).toEqual({ hist: 'stuck' });
    const c = r.json.connectors[0];
    expect(c.reason).toMatch(/rescheduled since .* \(rescheduled_for \d{4}-/);
    expect(c.reason).toContain('Retrying after 60 seconds');
    expect(c.sync_state).toBe('rescheduled');
    expect(r.err).toContain('syncing (historical) → rescheduled');
    expect(c.seconds).toBeLessThan(600);
  });

  it('a sync that never starts (still scheduled) is stuck too; one that keeps syncing is timeout', async () => {
    const s = await fake([
      { id: 'never', script: [{ sync_state: 'scheduled' }] },
      { id: 'slow', script: [{ sync_state: 'syncing' }] },
    ]);
    const r = await sync(s, ['--connectors', 'never', '--connectors', 'slow', '--stuck-after', '0.3', '--timeout', '1.5']);
    expect(r.code).toBe(1);
    expect(r.verdicts).toEqual({ never: 'stuck', slow: 'timeout' });
    expect(r.json.connectors.find((c: any) => c.id === 'slow').reason).toContain('last state syncing');
  });

  it('paused: reported, never unpaused or synced; --allow-paused passes; --unpause resumes and syncs', async () => {
    const s = await fake([{ id: 'p', paused: true, script: NORMAL }]);
    const r = await sync(s, ['--connectors', 'p']);
    expect(r.code).toBe(1);
    expect(r.verdicts).toEqual({ p: 'paused' });
    expect(s.requests((q) => q.method !== 'GET')).toEqual([]);
    const r2 = await sync(s, ['--connectors', 'p', '--allow-paused']);
    expect(r2.code).toBe(0);
    expect(r2.verdicts).toEqual({ p: 'paused' });
    const r3 = await sync(s, ['--connectors', 'p', '--unpause']);
    expect(r3.code).toBe(0);
    expect(r3.verdicts).toEqual({ p: 'synced' });
    expect(s.requests((q) => q.method === 'PATCH').map((q) => q.body)).toEqual([{ paused: false }]);
  });

  it('broken setup: setup_state broken/incomplete → broken with the task message, no sync triggered', async () => {
    const s = await fake([
      { id: 'b', setup_state: 'broken', tasks: [{ code: 'reconnect', message: 'Reconnect' }] },
      { id: 'i', setup_state: 'incomplete' },
    ]);
    const r = await sync(s, ['--connectors', 'b', '--connectors', 'i']);
    expect(r.code).toBe(1);
    expect(r.verdicts).toEqual({ b: 'broken', i: 'broken' });
    expect(r.json.connectors[0].reason).toContain('setup_state is broken: Reconnect');
    expect(s.requests((q) => q.method === 'POST')).toEqual([]);
  });
});

describe('fivetran sync: the API misbehaving', () => {
  it('429 then success: waits Retry-After before the next request', async () => {
    const s = await fake([{ id: 'a', script: NORMAL }], { tooManyRequests: 1, retryAfter: '1' });
    const r = await sync(s, ['--connectors', 'a']);
    expect(r.code).toBe(0);
    expect(r.verdicts).toEqual({ a: 'synced' });
    const [first, second] = s.log;
    expect(first!.status).toBe(429);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(r.err).toContain('answered 429; retry 1 in 1.0 s');
  });

  it('Retry-After as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  it('5xx: transient errors are retried; a sync request refused after every retry is failed', async () => {
    const s = await fake([{ id: 'a', script: NORMAL }, { id: 'z', script: NORMAL }], { serverErrors: 2, syncAlwaysFails: ['z'] });
    const r = await sync(s, ['--connectors', 'a', '--connectors', 'z']);
    expect(r.code).toBe(1);
    expect(r.verdicts).toEqual({ a: 'synced', z: 'failed' });
    expect(s.log.filter((q) => q.status === 503)).toHaveLength(2);
    expect(r.json.connectors.find((c: any) => c.id === 'z').reason).toMatch(/did not accept the sync request: .*500 InternalError: Could not schedule the sync/);
  });

  it('--group follows next_cursor through every page', async () => {
    const conns = Array.from({ length: 5 }, (_, i) => ({ id: `g${i}`, group_id: 'warehouse_prod', script: NORMAL }));
    const s = await fake([...conns, { id: 'other', group_id: 'elsewhere', script: NORMAL }], { pageSize: 2 });
    const r = await sync(s, ['--groups', 'warehouse_prod']);
    expect(r.code).toBe(0);
    expect(Object.keys(r.verdicts).sort()).toEqual(['g0', 'g1', 'g2', 'g3', 'g4']);
    const pages = s.requests((q) => q.path.startsWith('/v1/groups/'));
    expect(pages).toHaveLength(3);
    expect(pages[1]!.path).toContain('cursor=');
  });

  it('an older server that only speaks /v1/connectors is used through the old paths', async () => {
    const s = await fake([{ id: 'a', script: NORMAL }], { flavor: 'connectors' });
    const r = await sync(s, ['--connectors', 'a']);
    expect(r.code).toBe(0);
    expect(s.requests((q) => q.method === 'POST')[0]!.path).toBe('/v1/connectors/a/sync');
  });

  it('unknown id: exit 2 naming the id, and nothing is synced', async () => {
    const s = await fake([{ id: 'a', script: NORMAL }]);
    const r = await sync(s, ['--connectors', 'a', '--connectors', 'typo_id']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown Fivetran connection id: typo_id');
    expect(s.requests((q) => q.method === 'POST')).toEqual([]);
  });

  it('wrong credentials: exit 2, the secret is not printed', async () => {
    const s = await fake([{ id: 'a' }]);
    const r = await sync(s, ['--connectors', 'a'], { FIVETRAN_API_SECRET: 'wrong-secret-value' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('Fivetran refused the credentials (401 AuthFailed');
    expect(r.err).not.toContain('wrong-secret-value');
  });
});

describe('fivetran sync: bad input exits 2', () => {
  it('no connection given', async () => {
    const r = await runSlipway(['fivetran', 'sync'], ENV);
    expect(r.code).toBe(2);
    expect(r.err).toContain('No Fivetran connection to sync was given');
  });
  it('missing credentials name the variable', async () => {
    const r = await runSlipway(['fivetran', 'sync', '--connectors', 'a'], { FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: undefined });
    expect(r.code).toBe(2);
    expect(r.err).toContain('FIVETRAN_API_SECRET is not set');
  });
  it('malformed URL (flag or env)', async () => {
    const r = await runSlipway(['fivetran', 'sync', '--connectors', 'a', '--api-url', 'api.fivetran'], ENV);
    expect(r.code).toBe(2);
    expect(r.err).toContain("'api.fivetran' is not a valid URL");
    const r2 = await runSlipway(['fivetran', 'sync', '--connectors', 'a'], { ...ENV, FIVETRAN_API_URL: 'ftp://x' });
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('must use https');
  });
  it('non-numeric intervals', async () => {
    const r = await runSlipway(['fivetran', 'sync', '--connectors', 'a', '--poll-interval', 'fast'], ENV);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--poll-interval must be a positive number of seconds, got 'fast'");
  });
});

describe('fivetran-sync action body', () => {
  const creds = { FIVETRAN_API_KEY: KEY, FIVETRAN_API_SECRET: SECRET };
  const inputs = (vals: Record<string, string>) => inputsFromEnv(Object.fromEntries(Object.entries(vals).map(([k, v]) => [inputEnvName(k), v])));

  it('parse stage: bad input is a user error before anything runs', () => {
    expect(() => parseFivetranSyncInputs(inputs({}), creds)).toThrow(/No Fivetran connection to sync was given/);
    expect(() => parseFivetranSyncInputs(inputs({ connectors: 'a', timeout: '-1' }), creds)).toThrow(/--timeout must be a positive number/);
    expect(() => parseFivetranSyncInputs(inputs({ connectors: 'a', 'api-url': 'nope' }), creds)).toThrow(/not a valid URL/);
    expect(() => parseFivetranSyncInputs(inputs({ connectors: 'a' }), { FIVETRAN_API_KEY: KEY })).toThrow(/FIVETRAN_API_SECRET is not set/);
    expect(parseFivetranSyncInputs(inputs({ connectors: 'a, b\nc', 'allow-paused': 'true' }), creds)).toMatchObject({ connectors: ['a', 'b', 'c'], allowPaused: true, force: true });
  });

  it('sets outputs and writes the job summary table; a failed connection fails the step', async () => {
    const s = await fake([{ id: 'ok', service: 'postgres', script: NORMAL }, { id: 'p', paused: true }]);
    const rt = new CliRuntime({ write: () => {} });
    const vals = { connectors: 'ok\np', 'api-url': s.url, 'poll-interval': '0.05', timeout: '20', 'max-requests-per-minute': '60000' };
    const err = await fivetranSyncAction(rt, parseFivetranSyncInputs(inputs(vals), creds), creds).catch((e) => e);
    expect(err).toBeInstanceOf(GateFailure);
    expect(rt.outputs.verdict).toBe('fail');
    expect(rt.outputs['paused-count']).toBe('1');
    expect(JSON.parse(rt.outputs['report-json']!).connectors.map((c: any) => [c.id, c.verdict])).toEqual([['ok', 'synced'], ['p', 'paused']]);
    expect(rt.summaries.join('\n')).toContain('| `ok` | postgres / ok | ✅ synced |');

    const rt2 = new CliRuntime({ write: () => {} });
    await fivetranSyncAction(rt2, parseFivetranSyncInputs(inputs({ ...vals, 'allow-paused': 'true' }), creds), creds);
    expect(rt2.outputs.verdict).toBe('pass');
  });
});
