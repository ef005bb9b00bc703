/**
 * A local stand-in for the Fivetran REST API v1 (node:http on 127.0.0.1, an
 * ephemeral port) that answers in the documented shapes:
 *
 *   GET  /v1/connections/{id} | /v1/connectors/{id}   → {"code":"Success","data":{…connection…}}
 *   POST /v1/connections/{id}/sync  {"force":true}    → {"code":"Success","message":"Sync has been successfully triggered …"}
 *   PATCH /v1/connections/{id} {"paused":false}       → {"code":"Success","data":{…}}
 *   GET  /v1/groups/{id}/connections?limit&cursor     → {"code":"Success","data":{"items":[…],"next_cursor":…}}
 *   404 → {"code":"NotFound_Connection","message":"…"}; 401 without the right Basic auth;
 *   429 with Retry-After; 5xx on demand.
 *
 * Each connection carries a script: after a sync is requested, every status
 * GET applies the next step (the last one repeats), so a test replays a sync
 * from "scheduled" through "syncing" to a success, a failure or the
 * rescheduled-forever hang.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step = {
  sync_state?: string;
  setup_state?: string;
  paused?: boolean;
  is_historical_sync?: boolean;
  /** 'now' → the server's current time; 'past' → an hour ago. */
  succeeded_at?: string | null;
  failed_at?: string | null;
  rescheduled_for?: string | null;
  tasks?: { code: string; message: string }[];
  warnings?: { code: string; message: string }[];
};

export interface FakeConnection {
  id: string;
  group_id?: string;
  service?: string;
  schema?: string;
  paused?: boolean;
  setup_state?: string;
  sync_state?: string;
  succeeded_at?: string | null;
  failed_at?: string | null;
  rescheduled_for?: string | null;
  is_historical_sync?: boolean;
  tasks?: { code: string; message: string }[];
  warnings?: { code: string; message: string }[];
  /** Steps applied one per status GET after a sync request. */
  script?: Step[];
  /** Steps applied one per status GET once `syncAfterMs` has passed since the request (time-based scripts for the bench). */
  syncAfterMs?: number;
}

export interface FakeOptions {
  key?: string;
  secret?: string;
  /** Which path family the server speaks (default both). */
  flavor?: 'connections' | 'connectors' | 'both';
  /** Page size for group listings, regardless of the client's limit. */
  pageSize?: number;
  /** Answer the next N requests with 429 (Retry-After: retryAfter seconds). */
  tooManyRequests?: number;
  retryAfter?: string;
  /** Answer the next N requests with this 5xx status. */
  serverErrors?: number;
  serverErrorStatus?: number;
  /** Always answer POST …/sync of these ids with 500. */
  syncAlwaysFails?: string[];
}

export interface LoggedRequest {
  method: string;
  path: string;
  body?: unknown;
  authorization?: string;
  at: number;
  status: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class FakeFivetran {
  readonly log: LoggedRequest[] = [];
  readonly connections = new Map<string, FakeConnection & { stepIdx: number; syncRequestedAt?: number }>();
  private server = createServer((req, res) => void this.handle(req, res));
  url = '';

  constructor(
    conns: FakeConnection[],
    readonly opts: FakeOptions = {},
  ) {
    for (const c of conns) this.connections.set(c.id, { setup_state: 'connected', sync_state: 'scheduled', paused: false, succeeded_at: iso(Date.now() - 86_400_000), failed_at: null, ...c, stepIdx: 0 });
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections?.();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  requests(filter?: (r: LoggedRequest) => boolean): LoggedRequest[] {
    return filter ? this.log.filter(filter) : this.log;
  }

  private view(c: FakeConnection) {
    return {
      id: c.id,
      group_id: c.group_id ?? 'group_one',
      service: c.service ?? 'postgres',
      service_version: 1,
      schema: c.schema ?? c.id,
      connected_by: 'user_id',
      created_at: '2024-01-01T00:00:00.000000Z',
      succeeded_at: c.succeeded_at ?? null,
      failed_at: c.failed_at ?? null,
      paused: !!c.paused,
      pause_after_trial: false,
      sync_frequency: 360,
      schedule_type: 'auto',
      status: {
        setup_state: c.setup_state,
        schema_status: 'ready',
        sync_state: c.paused ? 'paused' : c.sync_state,
        update_state: 'on_schedule',
        is_historical_sync: !!c.is_historical_sync,
        rescheduled_for: c.rescheduled_for ?? null,
        tasks: c.tasks ?? [],
        warnings: c.warnings ?? [],
      },
      config: {},
    };
  }

  private advance(c: FakeConnection & { stepIdx: number; syncRequestedAt?: number }): void {
    if (c.syncRequestedAt === undefined || !c.script?.length) return;
    if (c.syncAfterMs !== undefined && Date.now() - c.syncRequestedAt < c.syncAfterMs) return;
    const step = c.script[Math.min(c.stepIdx, c.script.length - 1)]!;
    c.stepIdx++;
    const now = Date.now();
    const t = (v: string | null | undefined) => (v === 'now' ? iso(now) : v === 'past' ? iso(now - 3_600_000) : v);
    for (const [k, v] of Object.entries(step)) (c as any)[k] = typeof v === 'string' || v === null ? t(v as string | null) : v;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const ch of req) chunks.push(ch as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? JSON.parse(raw) : undefined;
    const url = new URL(req.url ?? '/', 'http://x');
    const entry: LoggedRequest = { method: req.method ?? 'GET', path: url.pathname + url.search, body, authorization: req.headers.authorization, at: Date.now(), status: 0 };
    this.log.push(entry);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const expected = 'Basic ' + Buffer.from(`${this.opts.key ?? 'test-key'}:${this.opts.secret ?? 'test-secret'}`).toString('base64');
    if (req.headers.authorization !== expected) return send(401, { code: 'AuthFailed', message: 'Missing or invalid API credentials' });
    if ((this.opts.tooManyRequests ?? 0) > 0) {
      this.opts.tooManyRequests!--;
      return send(429, { code: 'TooManyRequests', message: 'Rate limit exceeded' }, { 'Retry-After': this.opts.retryAfter ?? '1' });
    }
    if ((this.opts.serverErrors ?? 0) > 0) {
      this.opts.serverErrors!--;
      return send(this.opts.serverErrorStatus ?? 503, { code: 'ServiceUnavailable', message: 'Service temporarily unavailable' });
    }
    const flavor = this.opts.flavor ?? 'both';
    const fam = '(connections|connectors)';
    const okFam = (f: string) => flavor === 'both' || flavor === f;
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^/v1/groups/([^/]+)/${fam}$`).exec(url.pathname)) && req.method === 'GET') {
      if (!okFam(m[2]!)) return send(404, { code: 'NotFound', message: 'Not found' });
      const gid = decodeURIComponent(m[1]!);
      const items = [...this.connections.values()].filter((c) => (c.group_id ?? 'group_one') === gid);
      if (!items.length && !gid.startsWith('empty')) return send(404, { code: 'NotFound_Group', message: `Group with id '${gid}' doesn't exist` });
      const limit = this.opts.pageSize ?? Number(url.searchParams.get('limit') ?? 100);
      const start = Number(url.searchParams.get('cursor') ? Buffer.from(url.searchParams.get('cursor')!, 'base64url').toString() : 0);
      const page = items.slice(start, start + limit);
      const next = start + limit < items.length ? Buffer.from(String(start + limit)).toString('base64url') : null;
      return send(200, { code: 'Success', data: { items: page.map((c) => this.view(c)), next_cursor: next } });
    }
    if ((m = new RegExp(`^/v1/${fam}/([^/]+)(/sync)?$`).exec(url.pathname))) {
      if (!okFam(m[1]!)) return send(404, { code: 'NotFound', message: 'Not found' });
      const id = decodeURIComponent(m[2]!);
      const c = this.connections.get(id);
      const what = m[1] === 'connections' ? 'Connection' : 'Connector';
      if (!c) return send(404, { code: `NotFound_${what}`, message: `${what} with id '${id}' doesn't exist` });
      if (m[3] && req.method === 'POST') {
        if (this.opts.syncAlwaysFails?.includes(id)) return send(500, { code: 'InternalError', message: 'Could not schedule the sync' });
        c.syncRequestedAt = Date.now();
        c.stepIdx = 0;
        return send(200, { code: 'Success', message: `Sync has been successfully triggered for ${what.toLowerCase()} with id '${id}'` });
      }
      if (!m[3] && req.method === 'PATCH') {
        if (typeof body?.paused === 'boolean') c.paused = body.paused;
        return send(200, { code: 'Success', message: `${what} has been updated`, data: this.view(c) });
      }
      if (!m[3] && req.method === 'GET') {
        this.advance(c);
        return send(200, { code: 'Success', data: this.view(c) });
      }
    }
    return send(404, { code: 'NotFound', message: `No route ${req.method} ${url.pathname}` });
  }
}

/** The normal sync: requested → syncing → done, succeeded_at set by the server. */
export const NORMAL: Step[] = [{ sync_state: 'syncing' }, { sync_state: 'syncing' }, { sync_state: 'scheduled', succeeded_at: 'now' }];
