/**
 * A small client for the Fivetran REST API v1 (https://fivetran.com/docs/rest-api):
 * HTTP Basic auth with the API key and secret, `Accept: application/json;version=2`,
 * responses wrapped as `{"code": "Success", "data": …}` / errors as
 * `{"code": "NotFound_…", "message": …}`.
 *
 * Fivetran renamed connectors to "connections" (`/v1/connections/{id}`,
 * `/v1/groups/{id}/connections`); older accounts and docs use `/v1/connectors/…`.
 * The client tries the new path first and falls back once to the old one on a
 * 404/405, then remembers which one the server speaks.
 *
 * Every request goes through one rate limiter (a minimum gap between request
 * starts, so no 60-second window ever holds more than `maxRequestsPerMinute`
 * requests) and retries 429 (honouring `Retry-After`, seconds or HTTP date),
 * 5xx and network errors with exponential backoff.
 */
import { OperationError, UserError } from '../errors.js';

export const DEFAULT_API_URL = 'https://api.fivetran.com';
/** Fivetran allows 20,000 requests per hour per account (≈333/min) on paid plans; stay below it. */
export const DEFAULT_MAX_REQUESTS_PER_MINUTE = 300;

export type SyncState = 'scheduled' | 'syncing' | 'paused' | 'rescheduled' | (string & {});
export type SetupState = 'connected' | 'incomplete' | 'broken' | (string & {});

export interface FivetranAlert {
  code?: string;
  message?: string;
  details?: unknown;
}

/** The fields of a connection (connector) object Slipway reads. */
export interface FivetranConnector {
  id: string;
  group_id?: string;
  service?: string;
  schema?: string;
  paused?: boolean;
  succeeded_at?: string | null;
  failed_at?: string | null;
  status?: {
    setup_state?: SetupState;
    sync_state?: SyncState;
    update_state?: string;
    is_historical_sync?: boolean;
    rescheduled_for?: string | null;
    tasks?: FivetranAlert[];
    warnings?: FivetranAlert[];
  };
}

export interface FivetranCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface FivetranClientOptions extends FivetranCredentials {
  apiUrl?: string;
  maxRequestsPerMinute?: number;
  /** Attempts per request for 429/5xx/network errors (default 5). */
  maxAttempts?: number;
  /** First retry delay in ms for 5xx/network errors (doubles each attempt; default 1000). */
  retryBaseMs?: number;
  /** Longest Retry-After honoured before giving up on the request, ms (default 5 minutes). */
  maxRetryAfterMs?: number;
  /** Called before each retry (logs). */
  onRetry?: (info: { method: string; path: string; status?: number; waitMs: number; attempt: number; reason: string }) => void;
  /** Per-request timeout in ms (default 60 s). */
  requestTimeoutMs?: number;
}

/** An answer of the API that is not a success (after retries). */
export class FivetranApiError extends OperationError {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly apiMessage: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`Fivetran API ${method} ${path} answered ${status || 'no response'}${code ? ` ${code}` : ''}: ${apiMessage}`);
  }
}

/** Validate and normalise the base URL: http(s), no credentials, no query; a trailing /v1 is accepted. */
export function parseApiUrl(raw: string | undefined): string {
  const value = (raw ?? '').trim() || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`The Fivetran API URL '${value}' is not a valid URL.`, { hint: `Pass --api-url (or FIVETRAN_API_URL) as a full URL such as ${DEFAULT_API_URL}.` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(`The Fivetran API URL '${value}' must use https (or http for a local test server), not ${url.protocol}`, { hint: `Use ${DEFAULT_API_URL}.` });
  }
  if (url.username || url.password) {
    throw new UserError('The Fivetran API URL must not contain credentials.', { hint: 'Put the key and secret in FIVETRAN_API_KEY and FIVETRAN_API_SECRET.' });
  }
  if (url.search || url.hash) {
    throw new UserError(`The Fivetran API URL '${value}' must not have a query or fragment.`, { hint: `Use the base URL only, e.g. ${DEFAULT_API_URL}.` });
  }
  return url.origin + url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** Retry-After is delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const s = header.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** Spaces request starts so that no 60 s window holds more than `perMinute` of them. */
export class RateLimiter {
  private next = 0;
  readonly gapMs: number;
  constructor(readonly perMinute: number) {
    if (!(perMinute > 0)) throw new UserError(`The request budget must be a positive number of requests per minute, got ${perMinute}.`, { hint: `Use e.g. --max-requests-per-minute ${DEFAULT_MAX_REQUESTS_PER_MINUTE}.` });
    this.gapMs = 60_000 / perMinute;
  }
  async take(): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + this.gapMs;
    if (at > now) await sleep(at - now);
  }
  /** After a 429 the whole client waits, not only the request that got it. */
  pushBack(ms: number): void {
    this.next = Math.max(this.next, performance.now() + ms);
  }
}

type Flavor = 'connections' | 'connectors';

export class FivetranClient {
  readonly baseUrl: string;
  readonly limiter: RateLimiter;
  /** Every HTTP request sent (for the bench and the report). */
  requests = 0;
  private readonly auth: string;
  private flavor: Flavor | undefined;
  private readonly opts: FivetranClientOptions;

  constructor(opts: FivetranClientOptions) {
    this.opts = opts;
    this.baseUrl = parseApiUrl(opts.apiUrl);
    this.limiter = new RateLimiter(opts.maxRequestsPerMinute ?? DEFAULT_MAX_REQUESTS_PER_MINUTE);
    this.auth = 'Basic ' + Buffer.from(`${opts.apiKey}:${opts.apiSecret}`).toString('base64');
  }

  /** The Authorization header value, so callers can mask it too. */
  get authorization(): string {
    return this.auth;
  }

  async request<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; data: T; date?: number }> {
    const max = this.opts.maxAttempts ?? 5;
    const base = this.opts.retryBaseMs ?? 1000;
    for (let attempt = 1; ; attempt++) {
      await this.limiter.take();
      this.requests++;
      let res: Response;
      try {
        res = await fetch(this.baseUrl + path, {
          method,
          headers: { Authorization: this.auth, Accept: 'application/json;version=2', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 60_000),
        });
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        if (attempt >= max) throw new FivetranApiError(0, undefined, `no answer after ${attempt} attempts (${reason})`, method, path);
        const waitMs = base * 2 ** (attempt - 1);
        this.opts.onRetry?.({ method, path, waitMs, attempt, reason });
        await sleep(waitMs);
        continue;
      }
      const text = await res.text();
      let json: { code?: string; message?: string; data?: unknown } | undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const dateHeader = res.headers.get('date');
      const date = dateHeader ? Date.parse(dateHeader) : NaN;
      if (res.ok) return { status: res.status, data: (json?.data ?? json) as T, date: Number.isNaN(date) ? undefined : date };
      const message = json?.message ?? (text.slice(0, 200) || res.statusText);
      if (res.status === 401 || res.status === 403) {
        throw new UserError(`Fivetran refused the credentials (${res.status}${json?.code ? ` ${json.code}` : ''}: ${message}).`, {
          hint: 'Check FIVETRAN_API_KEY and FIVETRAN_API_SECRET (Fivetran dashboard → Settings → API key); the key needs access to these connections.',
        });
      }
      const retriable = res.status === 429 || res.status >= 500;
      if (!retriable || attempt >= max) throw new FivetranApiError(res.status, json?.code, message, method, path);
      let waitMs: number;
      if (res.status === 429) {
        waitMs = retryAfterMs(res.headers.get('retry-after')) ?? base * 2 ** (attempt - 1);
        if (waitMs > (this.opts.maxRetryAfterMs ?? 300_000)) throw new FivetranApiError(res.status, json?.code, `${message} (Retry-After ${Math.round(waitMs / 1000)} s is longer than this run waits)`, method, path);
        this.limiter.pushBack(waitMs);
      } else {
        waitMs = base * 2 ** (attempt - 1);
      }
      this.opts.onRetry?.({ method, path, status: res.status, waitMs, attempt, reason: message });
      await sleep(waitMs);
    }
  }

  /** Try the `connections` path, fall back to `connectors` once on 404/405, remember what worked. */
  private async withFlavor<T>(fn: (flavor: Flavor) => Promise<T>): Promise<T> {
    if (this.flavor) return fn(this.flavor);
    try {
      const r = await fn('connections');
      this.flavor = 'connections';
      return r;
    } catch (err) {
      if (!(err instanceof FivetranApiError) || (err.status !== 404 && err.status !== 405)) throw err;
      try {
        const r = await fn('connectors');
        this.flavor = 'connectors';
        return r;
      } catch (err2) {
        // Both paths said not found: report the newer path's answer.
        if (err2 instanceof FivetranApiError && (err2.status === 404 || err2.status === 405)) throw err;
        throw err2;
      }
    }
  }

  /** GET /v1/connections/{id} (or /v1/connectors/{id}). */
  async connector(id: string): Promise<FivetranConnector> {
    return this.withFlavor(async (f) => (await this.request<FivetranConnector>('GET', `/v1/${f}/${encodeURIComponent(id)}`)).data);
  }

  /** POST …/{id}/sync; returns the server's Date header (ms) when it sent one. */
  async sync(id: string, force: boolean): Promise<{ serverTime?: number }> {
    return this.withFlavor(async (f) => {
      const r = await this.request('POST', `/v1/${f}/${encodeURIComponent(id)}/sync`, { force });
      return { serverTime: r.date };
    });
  }

  /** PATCH …/{id} {"paused": false}. Only on explicit request (--unpause). */
  async unpause(id: string): Promise<FivetranConnector> {
    return this.withFlavor(async (f) => (await this.request<FivetranConnector>('PATCH', `/v1/${f}/${encodeURIComponent(id)}`, { paused: false })).data);
  }

  /** Every connection of a group, following `next_cursor` (GET /v1/groups/{id}/connections?limit=…&cursor=…). */
  async groupConnectors(groupId: string, pageSize = 1000): Promise<FivetranConnector[]> {
    return this.withFlavor(async (f) => {
      const out: FivetranConnector[] = [];
      let cursor: string | undefined;
      const seen = new Set<string>();
      for (;;) {
        const q = new URLSearchParams({ limit: String(pageSize) });
        if (cursor) q.set('cursor', cursor);
        const r = await this.request<{ items?: FivetranConnector[]; next_cursor?: string | null }>('GET', `/v1/groups/${encodeURIComponent(groupId)}/${f}?${q}`);
        out.push(...(r.data?.items ?? []));
        cursor = r.data?.next_cursor ?? undefined;
        if (!cursor) return out;
        if (seen.has(cursor)) throw new FivetranApiError(200, undefined, `pagination repeated cursor '${cursor}'`, 'GET', `/v1/groups/${groupId}/${f}`);
        seen.add(cursor);
      }
    });
  }
}
