/**
 * Sync Fivetran connections and wait until each one ends in a definite verdict:
 *
 * - synced:  `succeeded_at` moved past its value before the trigger and is not
 *            older than the moment the sync was requested.
 * - failed:  `failed_at` did the same (Fivetran's reason from `status.tasks` /
 *            `status.warnings`), or the trigger itself was refused.
 * - paused:  the connection is paused (never unpaused unless `unpause`).
 * - broken:  `status.setup_state` is not `connected` (incomplete / broken).
 * - stuck:   still `scheduled` / `rescheduled` with no progress (no change of
 *            sync state, no new succeeded_at / failed_at) for `stuckAfterMs`
 *            — Fivetran's known hang where a failed sync is set to
 *            "rescheduled" and the rescheduled sync never runs.
 * - timeout: anything else still open when `timeoutMs` is over.
 *
 * Polling backs off (×1.5 per unchanged poll, up to `maxPollIntervalMs`) and
 * resets on every state change; the client's rate limiter keeps the whole run
 * within the API's budget however many connections are polled.
 */
import { UserError } from '../errors.js';
import { FivetranApiError, type FivetranClient, type FivetranConnector } from './api.js';

export type Verdict = 'synced' | 'failed' | 'paused' | 'broken' | 'timeout' | 'stuck';
export const FAILING_VERDICTS: readonly Verdict[] = ['failed', 'broken', 'timeout', 'stuck'];

export interface ConnectorOutcome {
  id: string;
  verdict: Verdict;
  /** Why, in one sentence (Fivetran's own message when it gave one). */
  reason: string;
  service?: string;
  schema?: string;
  group_id?: string;
  sync_state?: string;
  setup_state?: string;
  rescheduled_for?: string | null;
  /** When this run asked Fivetran for the sync (ISO). */
  requested_at?: string;
  succeeded_at?: string | null;
  failed_at?: string | null;
  /** Seconds from the request to the verdict. */
  seconds?: number;
  /** Status requests made while waiting. */
  polls: number;
}

export interface SyncRequest {
  connectors: string[];
  groups: string[];
  pollIntervalMs: number;
  timeoutMs: number;
  stuckAfterMs: number;
  /** Upper bound of the backed-off poll interval (default 8 × pollIntervalMs, at most 5 minutes, never below pollIntervalMs). */
  maxPollIntervalMs?: number;
  /** `{"force": true}`: restart a sync already running so the data is at least as new as this request (default true). */
  force?: boolean;
  /** Resume paused connections instead of reporting them paused. */
  unpause?: boolean;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** One line per state change of a connection. */
  onProgress?: (line: string) => void;
  onWarning?: (line: string) => void;
}

export interface SyncReport {
  connectors: ConnectorOutcome[];
  /** HTTP requests sent to the API in this run. */
  requests: number;
  /** Wall-clock seconds of the whole run. */
  seconds: number;
  counts: Record<Verdict, number>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const ts = (s: string | null | undefined): number => (s ? Date.parse(s) : NaN);

/** Fivetran's explanation of a connection's state, from tasks (blocking) then warnings. */
export function fivetranReason(c: FivetranConnector): string | undefined {
  const msgs = [...(c.status?.tasks ?? []), ...(c.status?.warnings ?? [])]
    .map((a) => [a.message, a.code && a.message ? `(${a.code})` : a.code].filter(Boolean).join(' '))
    .filter(Boolean);
  return msgs.length ? msgs.join('; ') : undefined;
}

function label(c: FivetranConnector | undefined, id: string): string {
  const what = [c?.service, c?.schema].filter(Boolean).join('/');
  return what ? `${id} (${what})` : id;
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

interface Tracked {
  id: string;
  before: FivetranConnector;
  last: FivetranConnector;
  requestedAt: number;
  requestedLocal: number;
  key: string;
  lastChangeAt: number;
  interval: number;
  nextAt: number;
  polls: number;
  lastError?: string;
}

function stateKey(c: FivetranConnector): string {
  return `${c.status?.sync_state ?? '?'}${c.status?.is_historical_sync ? ' (historical)' : ''}`;
}

/** Resolve `--connector` ids and `--group` members to connection snapshots; unknown ids are a user error before anything is triggered. */
export async function resolveConnectors(client: FivetranClient, req: Pick<SyncRequest, 'connectors' | 'groups' | 'concurrency' | 'onWarning'>): Promise<FivetranConnector[]> {
  const ids = [...new Set(req.connectors.map((s) => s.trim()).filter(Boolean))];
  const groups = [...new Set(req.groups.map((s) => s.trim()).filter(Boolean))];
  if (!ids.length && !groups.length) {
    throw new UserError('No Fivetran connection to sync was given.', { hint: 'Pass --connector <id> (repeatable) and/or --group <id> (every connection of that group); the id is on the connection\'s Setup tab in Fivetran.' });
  }
  const byId = new Map<string, FivetranConnector>();
  const unknown: string[] = [];
  for (const g of groups) {
    let items: FivetranConnector[];
    try {
      items = await client.groupConnectors(g);
    } catch (err) {
      if (err instanceof FivetranApiError && err.status === 404) {
        throw new UserError(`Fivetran group '${g}' does not exist or this API key cannot see it (${err.apiMessage}).`, { hint: 'Use the group (destination) id from GET /v1/groups or the destination\'s URL in the Fivetran dashboard.' });
      }
      throw err;
    }
    if (!items.length) req.onWarning?.(`Fivetran group '${g}' has no connections.`);
    for (const c of items) if (c?.id) byId.set(c.id, c);
  }
  await pool(ids.filter((id) => !byId.has(id)), req.concurrency ?? 8, async (id) => {
    try {
      byId.set(id, { ...(await client.connector(id)), id });
    } catch (err) {
      if (err instanceof FivetranApiError && err.status === 404) unknown.push(id);
      else throw err;
    }
  });
  if (unknown.length) {
    throw new UserError(`Unknown Fivetran connection id${unknown.length > 1 ? 's' : ''}: ${unknown.sort().join(', ')} (the API answered 404; nothing was synced).`, {
      hint: 'Check the id on the connection\'s Setup tab in Fivetran, or list a group\'s connections with GET /v1/groups/{group_id}/connections.',
    });
  }
  const order = [...ids, ...[...byId.keys()].filter((k) => !ids.includes(k))];
  return order.map((id) => byId.get(id)!).filter(Boolean);
}

export async function syncConnectors(client: FivetranClient, req: SyncRequest): Promise<SyncReport> {
  const started = Date.now();
  if (!(req.pollIntervalMs > 0)) throw new UserError(`--poll-interval must be a positive number of seconds.`, { hint: 'e.g. --poll-interval 30' });
  if (!(req.timeoutMs > 0)) throw new UserError(`--timeout must be a positive number of seconds.`, { hint: 'e.g. --timeout 7200' });
  if (!(req.stuckAfterMs > 0)) throw new UserError(`--stuck-after must be a positive number of seconds.`, { hint: 'e.g. --stuck-after 1800' });
  const maxInterval = Math.max(req.pollIntervalMs, req.maxPollIntervalMs ?? Math.min(req.pollIntervalMs * 8, 300_000));
  const progress = req.onProgress ?? (() => {});
  const warn = req.onWarning ?? (() => {});
  const targets = await resolveConnectors(client, req);
  const deadline = started + req.timeoutMs;
  const outcomes = new Map<string, ConnectorOutcome>();
  const tracked: Tracked[] = [];

  const finish = (t: { id: string; last?: FivetranConnector; requestedLocal?: number; polls?: number }, verdict: Verdict, reason: string, requestedAt?: number): void => {
    const c = t.last;
    outcomes.set(t.id, {
      id: t.id,
      verdict,
      reason,
      service: c?.service,
      schema: c?.schema,
      group_id: c?.group_id,
      sync_state: c?.status?.sync_state,
      setup_state: c?.status?.setup_state,
      rescheduled_for: c?.status?.rescheduled_for ?? null,
      requested_at: requestedAt !== undefined ? new Date(requestedAt).toISOString() : undefined,
      succeeded_at: c?.succeeded_at ?? null,
      failed_at: c?.failed_at ?? null,
      seconds: t.requestedLocal !== undefined ? Math.round((Date.now() - t.requestedLocal) / 100) / 10 : undefined,
      polls: t.polls ?? 0,
    });
    progress(`${label(c, t.id)}: ${verdict} — ${reason}`);
  };

  // 1. Judge the starting state and trigger the rest.
  await pool(targets, req.concurrency ?? 8, async (c0) => {
    let c = c0;
    if (c.paused) {
      if (!req.unpause) return finish({ id: c.id, last: c }, 'paused', 'the connection is paused in Fivetran; not synced (pass --unpause to resume it, or --allow-paused to accept it)');
      try {
        c = { ...c, ...(await client.unpause(c.id)), id: c.id };
        progress(`${label(c, c.id)}: unpaused (--unpause)`);
      } catch (err) {
        return finish({ id: c.id, last: c }, 'failed', `could not unpause: ${(err as Error).message}`);
      }
    }
    const setup = c.status?.setup_state;
    if (setup && setup !== 'connected') {
      return finish({ id: c.id, last: c }, 'broken', `setup_state is ${setup}${fivetranReason(c) ? `: ${fivetranReason(c)}` : ''} — fix the connection's setup in Fivetran (Setup tab → test)`);
    }
    const requestedLocal = Date.now();
    let serverTime: number | undefined;
    try {
      serverTime = (await client.sync(c.id, req.force ?? true)).serverTime;
    } catch (err) {
      if (err instanceof UserError) throw err;
      return finish({ id: c.id, last: c }, 'failed', `Fivetran did not accept the sync request: ${(err as Error).message}`);
    }
    // The server's clock decides succeeded_at; its Date header has 1 s resolution.
    const requestedAt = serverTime !== undefined ? Math.min(requestedLocal, serverTime - 1000) : requestedLocal;
    progress(`${label(c, c.id)}: sync requested (was ${stateKey(c)})`);
    tracked.push({ id: c.id, before: c, last: c, requestedAt, requestedLocal, key: stateKey(c), lastChangeAt: Date.now(), interval: req.pollIntervalMs, nextAt: Date.now() + req.pollIntervalMs, polls: 0 });
  });

  // 2. Poll until every triggered connection has a verdict.
  const pollOne = async (t: Tracked): Promise<void> => {
    t.polls++;
    let c: FivetranConnector;
    try {
      c = { ...(await client.connector(t.id)), id: t.id };
      t.lastError = undefined;
    } catch (err) {
      if (err instanceof UserError) throw err;
      if (err instanceof FivetranApiError && err.status === 404) return finish(t, 'failed', `the connection disappeared while syncing (404: ${err.apiMessage})`, t.requestedAt);
      t.lastError = (err as Error).message;
      warn(`${label(t.last, t.id)}: status request failed, will retry: ${t.lastError}`);
      t.interval = Math.min(t.interval * 1.5, maxInterval);
      t.nextAt = Math.min(Date.now() + t.interval, deadline);
      return;
    }
    t.last = c;
    const now = Date.now();
    const succ = ts(c.succeeded_at);
    const fail = ts(c.failed_at);
    const newer = (v: number, before: string | null | undefined) => !Number.isNaN(v) && v >= t.requestedAt && (Number.isNaN(ts(before)) || v > ts(before));
    const succeeded = newer(succ, t.before.succeeded_at);
    const failed = newer(fail, t.before.failed_at);
    if (failed && (!succeeded || fail > succ)) {
      return finish(t, 'failed', `sync failed at ${c.failed_at}${fivetranReason(c) ? `: ${fivetranReason(c)}` : ' (Fivetran gave no reason; see the connection\'s logs)'}`, t.requestedAt);
    }
    if (succeeded) return finish(t, 'synced', `succeeded at ${c.succeeded_at}`, t.requestedAt);
    if (c.paused) return finish(t, 'paused', 'the connection was paused in Fivetran while this run waited', t.requestedAt);
    const setup = c.status?.setup_state;
    if (setup && setup !== 'connected') return finish(t, 'broken', `setup_state became ${setup}${fivetranReason(c) ? `: ${fivetranReason(c)}` : ''}`, t.requestedAt);
    const key = stateKey(c);
    if (key !== t.key) {
      const extra = c.status?.sync_state === 'rescheduled' ? ` (rescheduled_for ${c.status?.rescheduled_for ?? 'unset'}${fivetranReason(c) ? `; ${fivetranReason(c)}` : ''})` : '';
      progress(`${label(c, t.id)}: ${t.key} → ${key}${extra}`);
      t.key = key;
      t.lastChangeAt = now;
      t.interval = req.pollIntervalMs;
    } else {
      t.interval = Math.min(t.interval * 1.5, maxInterval);
    }
    const waiting = c.status?.sync_state === 'rescheduled' || c.status?.sync_state === 'scheduled';
    if (waiting && now - t.lastChangeAt >= req.stuckAfterMs) {
      const since = new Date(t.lastChangeAt).toISOString();
      const why =
        c.status?.sync_state === 'rescheduled'
          ? `rescheduled since ${since} (rescheduled_for ${c.status?.rescheduled_for ?? 'unset'}) with no new succeeded_at/failed_at since the sync was requested at ${new Date(t.requestedAt).toISOString()}`
          : `the sync requested at ${new Date(t.requestedAt).toISOString()} never started (still scheduled since ${since})`;
      return finish(t, 'stuck', `${why}${fivetranReason(c) ? `; Fivetran says: ${fivetranReason(c)}` : ''} — check the connection in Fivetran; a re-sync or support ticket may be needed`, t.requestedAt);
    }
    let next = now + t.interval;
    if (waiting) next = Math.min(next, t.lastChangeAt + req.stuckAfterMs);
    t.nextAt = Math.min(next, deadline);
  };

  let open = tracked.filter((t) => !outcomes.has(t.id));
  while (open.length) {
    const now = Date.now();
    if (now >= deadline) {
      for (const t of open) {
        finish(t, 'timeout', `no verdict after ${Math.round(req.timeoutMs / 1000)} s (last state ${stateKey(t.last)}${t.last.status?.rescheduled_for ? `, rescheduled_for ${t.last.status.rescheduled_for}` : ''}${t.lastError ? `; last API error: ${t.lastError}` : ''})`, t.requestedAt);
      }
      break;
    }
    const due = open.filter((t) => t.nextAt <= now);
    if (!due.length) {
      await sleep(Math.min(...open.map((t) => t.nextAt), deadline) - now);
    } else {
      await pool(due, req.concurrency ?? 8, pollOne);
    }
    open = tracked.filter((t) => !outcomes.has(t.id));
  }

  const connectors = targets.map((c) => outcomes.get(c.id)!).filter(Boolean);
  const counts = { synced: 0, failed: 0, paused: 0, broken: 0, timeout: 0, stuck: 0 } as Record<Verdict, number>;
  for (const o of connectors) counts[o.verdict]++;
  return { connectors, requests: client.requests, seconds: Math.round((Date.now() - started) / 100) / 10, counts };
}

/** Exit status of a report: 0 when every connection synced (paused ones too, with allowPaused), 1 otherwise. */
export function syncPassed(report: SyncReport, allowPaused = false): boolean {
  return report.connectors.every((c) => c.verdict === 'synced' || (allowPaused && c.verdict === 'paused'));
}
