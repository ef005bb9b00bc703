import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  escapeCell
} from "./chunk-7EY7NJ5E.js";
import {
  OperationError,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/fivetran/api.ts
var DEFAULT_API_URL = "https://api.fivetran.com";
var DEFAULT_MAX_REQUESTS_PER_MINUTE = 300;
var FivetranApiError = class extends OperationError {
  constructor(status, code, apiMessage, method, path) {
    super(`Fivetran API ${method} ${path} answered ${status || "no response"}${code ? ` ${code}` : ""}: ${apiMessage}`);
    this.status = status;
    this.code = code;
    this.apiMessage = apiMessage;
    this.method = method;
    this.path = path;
  }
  status;
  code;
  apiMessage;
  method;
  path;
};
function parseApiUrl(raw) {
  const value = (raw ?? "").trim() || DEFAULT_API_URL;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`The Fivetran API URL '${value}' is not a valid URL.`, { hint: `Pass --api-url (or FIVETRAN_API_URL) as a full URL such as ${DEFAULT_API_URL}.` });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UserError(`The Fivetran API URL '${value}' must use https (or http for a local test server), not ${url.protocol}`, { hint: `Use ${DEFAULT_API_URL}.` });
  }
  if (url.username || url.password) {
    throw new UserError("The Fivetran API URL must not contain credentials.", { hint: "Put the key and secret in FIVETRAN_API_KEY and FIVETRAN_API_SECRET." });
  }
  if (url.search || url.hash) {
    throw new UserError(`The Fivetran API URL '${value}' must not have a query or fragment.`, { hint: `Use the base URL only, e.g. ${DEFAULT_API_URL}.` });
  }
  return url.origin + url.pathname.replace(/\/+$/, "").replace(/\/v1$/, "");
}
var sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
function retryAfterMs(header, now = Date.now()) {
  if (!header) return void 0;
  const s = header.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1e3;
  const t = Date.parse(s);
  return Number.isNaN(t) ? void 0 : Math.max(0, t - now);
}
var RateLimiter = class {
  constructor(perMinute) {
    this.perMinute = perMinute;
    if (!(perMinute > 0)) throw new UserError(`The request budget must be a positive number of requests per minute, got ${perMinute}.`, { hint: `Use e.g. --max-requests-per-minute ${DEFAULT_MAX_REQUESTS_PER_MINUTE}.` });
    this.gapMs = 6e4 / perMinute;
  }
  perMinute;
  next = 0;
  gapMs;
  async take() {
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + this.gapMs;
    if (at > now) await sleep(at - now);
  }
  /** After a 429 the whole client waits, not only the request that got it. */
  pushBack(ms) {
    this.next = Math.max(this.next, performance.now() + ms);
  }
};
var FivetranClient = class {
  baseUrl;
  limiter;
  /** Every HTTP request sent (for the bench and the report). */
  requests = 0;
  auth;
  flavor;
  opts;
  constructor(opts) {
    this.opts = opts;
    this.baseUrl = parseApiUrl(opts.apiUrl);
    this.limiter = new RateLimiter(opts.maxRequestsPerMinute ?? DEFAULT_MAX_REQUESTS_PER_MINUTE);
    this.auth = "Basic " + Buffer.from(`${opts.apiKey}:${opts.apiSecret}`).toString("base64");
  }
  /** The Authorization header value, so callers can mask it too. */
  get authorization() {
    return this.auth;
  }
  async request(method, path, body) {
    const max = this.opts.maxAttempts ?? 5;
    const base = this.opts.retryBaseMs ?? 1e3;
    for (let attempt = 1; ; attempt++) {
      await this.limiter.take();
      this.requests++;
      let res;
      try {
        res = await fetch(this.baseUrl + path, {
          method,
          headers: { Authorization: this.auth, Accept: "application/json;version=2", ...body === void 0 ? {} : { "Content-Type": "application/json" } },
          body: body === void 0 ? void 0 : JSON.stringify(body),
          signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 6e4)
        });
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        if (attempt >= max) throw new FivetranApiError(0, void 0, `no answer after ${attempt} attempts (${reason})`, method, path);
        const waitMs2 = base * 2 ** (attempt - 1);
        this.opts.onRetry?.({ method, path, waitMs: waitMs2, attempt, reason });
        await sleep(waitMs2);
        continue;
      }
      const text = await res.text();
      let json;
      try {
        json = text ? JSON.parse(text) : void 0;
      } catch {
        json = void 0;
      }
      const dateHeader = res.headers.get("date");
      const date = dateHeader ? Date.parse(dateHeader) : NaN;
      if (res.ok) return { status: res.status, data: json?.data ?? json, date: Number.isNaN(date) ? void 0 : date };
      const message = json?.message ?? (text.slice(0, 200) || res.statusText);
      if (res.status === 401 || res.status === 403) {
        throw new UserError(`Fivetran refused the credentials (${res.status}${json?.code ? ` ${json.code}` : ""}: ${message}).`, {
          hint: "Check FIVETRAN_API_KEY and FIVETRAN_API_SECRET (Fivetran dashboard → Settings → API key); the key needs access to these connections."
        });
      }
      const retriable = res.status === 429 || res.status >= 500;
      if (!retriable || attempt >= max) throw new FivetranApiError(res.status, json?.code, message, method, path);
      let waitMs;
      if (res.status === 429) {
        waitMs = retryAfterMs(res.headers.get("retry-after")) ?? base * 2 ** (attempt - 1);
        if (waitMs > (this.opts.maxRetryAfterMs ?? 3e5)) throw new FivetranApiError(res.status, json?.code, `${message} (Retry-After ${Math.round(waitMs / 1e3)} s is longer than this run waits)`, method, path);
        this.limiter.pushBack(waitMs);
      } else {
        waitMs = base * 2 ** (attempt - 1);
      }
      this.opts.onRetry?.({ method, path, status: res.status, waitMs, attempt, reason: message });
      await sleep(waitMs);
    }
  }
  /** Try the `connections` path, fall back to `connectors` once on 404/405, remember what worked. */
  async withFlavor(fn) {
    if (this.flavor) return fn(this.flavor);
    try {
      const r = await fn("connections");
      this.flavor = "connections";
      return r;
    } catch (err) {
      if (!(err instanceof FivetranApiError) || err.status !== 404 && err.status !== 405) throw err;
      try {
        const r = await fn("connectors");
        this.flavor = "connectors";
        return r;
      } catch (err2) {
        if (err2 instanceof FivetranApiError && (err2.status === 404 || err2.status === 405)) throw err;
        throw err2;
      }
    }
  }
  /** GET /v1/connections/{id} (or /v1/connectors/{id}). */
  async connector(id) {
    return this.withFlavor(async (f) => (await this.request("GET", `/v1/${f}/${encodeURIComponent(id)}`)).data);
  }
  /** POST …/{id}/sync; returns the server's Date header (ms) when it sent one. */
  async sync(id, force) {
    return this.withFlavor(async (f) => {
      const r = await this.request("POST", `/v1/${f}/${encodeURIComponent(id)}/sync`, { force });
      return { serverTime: r.date };
    });
  }
  /** PATCH …/{id} {"paused": false}. Only on explicit request (--unpause). */
  async unpause(id) {
    return this.withFlavor(async (f) => (await this.request("PATCH", `/v1/${f}/${encodeURIComponent(id)}`, { paused: false })).data);
  }
  /** Every connection of a group, following `next_cursor` (GET /v1/groups/{id}/connections?limit=…&cursor=…). */
  async groupConnectors(groupId, pageSize = 1e3) {
    return this.withFlavor(async (f) => {
      const out = [];
      let cursor;
      const seen = /* @__PURE__ */ new Set();
      for (; ; ) {
        const q = new URLSearchParams({ limit: String(pageSize) });
        if (cursor) q.set("cursor", cursor);
        const r = await this.request("GET", `/v1/groups/${encodeURIComponent(groupId)}/${f}?${q}`);
        out.push(...r.data?.items ?? []);
        cursor = r.data?.next_cursor ?? void 0;
        if (!cursor) return out;
        if (seen.has(cursor)) throw new FivetranApiError(200, void 0, `pagination repeated cursor '${cursor}'`, "GET", `/v1/groups/${groupId}/${f}`);
        seen.add(cursor);
      }
    });
  }
};

// shared/fivetran/sync.ts
var sleep2 = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
var ts = (s) => s ? Date.parse(s) : NaN;
function fivetranReason(c) {
  const msgs = [...c.status?.tasks ?? [], ...c.status?.warnings ?? []].map((a) => [a.message, a.code && a.message ? `(${a.code})` : a.code].filter(Boolean).join(" ")).filter(Boolean);
  return msgs.length ? msgs.join("; ") : void 0;
}
function label(c, id) {
  const what = [c?.service, c?.schema].filter(Boolean).join("/");
  return what ? `${id} (${what})` : id;
}
async function pool(items, n, fn) {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]);
    })
  );
}
function stateKey(c) {
  return `${c.status?.sync_state ?? "?"}${c.status?.is_historical_sync ? " (historical)" : ""}`;
}
async function resolveConnectors(client, req) {
  const ids = [...new Set(req.connectors.map((s) => s.trim()).filter(Boolean))];
  const groups = [...new Set(req.groups.map((s) => s.trim()).filter(Boolean))];
  if (!ids.length && !groups.length) {
    throw new UserError("No Fivetran connection to sync was given.", { hint: "Pass --connector <id> (repeatable) and/or --group <id> (every connection of that group); the id is on the connection's Setup tab in Fivetran." });
  }
  const byId = /* @__PURE__ */ new Map();
  const unknown = [];
  for (const g of groups) {
    let items;
    try {
      items = await client.groupConnectors(g);
    } catch (err) {
      if (err instanceof FivetranApiError && err.status === 404) {
        throw new UserError(`Fivetran group '${g}' does not exist or this API key cannot see it (${err.apiMessage}).`, { hint: "Use the group (destination) id from GET /v1/groups or the destination's URL in the Fivetran dashboard." });
      }
      throw err;
    }
    if (!items.length) req.onWarning?.(`Fivetran group '${g}' has no connections.`);
    for (const c of items) if (c?.id) byId.set(c.id, c);
  }
  await pool(ids.filter((id) => !byId.has(id)), req.concurrency ?? 8, async (id) => {
    try {
      byId.set(id, { ...await client.connector(id), id });
    } catch (err) {
      if (err instanceof FivetranApiError && err.status === 404) unknown.push(id);
      else throw err;
    }
  });
  if (unknown.length) {
    throw new UserError(`Unknown Fivetran connection id${unknown.length > 1 ? "s" : ""}: ${unknown.sort().join(", ")} (the API answered 404; nothing was synced).`, {
      hint: "Check the id on the connection's Setup tab in Fivetran, or list a group's connections with GET /v1/groups/{group_id}/connections."
    });
  }
  const order = [...ids, ...[...byId.keys()].filter((k) => !ids.includes(k))];
  return order.map((id) => byId.get(id)).filter(Boolean);
}
async function syncConnectors(client, req) {
  const started = Date.now();
  if (!(req.pollIntervalMs > 0)) throw new UserError(`--poll-interval must be a positive number of seconds.`, { hint: "e.g. --poll-interval 30" });
  if (!(req.timeoutMs > 0)) throw new UserError(`--timeout must be a positive number of seconds.`, { hint: "e.g. --timeout 7200" });
  if (!(req.stuckAfterMs > 0)) throw new UserError(`--stuck-after must be a positive number of seconds.`, { hint: "e.g. --stuck-after 1800" });
  const maxInterval = Math.max(req.pollIntervalMs, req.maxPollIntervalMs ?? Math.min(req.pollIntervalMs * 8, 3e5));
  const progress = req.onProgress ?? (() => {
  });
  const warn = req.onWarning ?? (() => {
  });
  const targets = await resolveConnectors(client, req);
  const deadline = started + req.timeoutMs;
  const outcomes = /* @__PURE__ */ new Map();
  const tracked = [];
  const finish = (t, verdict, reason, requestedAt) => {
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
      requested_at: requestedAt !== void 0 ? new Date(requestedAt).toISOString() : void 0,
      succeeded_at: c?.succeeded_at ?? null,
      failed_at: c?.failed_at ?? null,
      seconds: t.requestedLocal !== void 0 ? Math.round((Date.now() - t.requestedLocal) / 100) / 10 : void 0,
      polls: t.polls ?? 0
    });
    progress(`${label(c, t.id)}: ${verdict} — ${reason}`);
  };
  await pool(targets, req.concurrency ?? 8, async (c0) => {
    let c = c0;
    if (c.paused) {
      if (!req.unpause) return finish({ id: c.id, last: c }, "paused", "the connection is paused in Fivetran; not synced (pass --unpause to resume it, or --allow-paused to accept it)");
      try {
        c = { ...c, ...await client.unpause(c.id), id: c.id };
        progress(`${label(c, c.id)}: unpaused (--unpause)`);
      } catch (err) {
        return finish({ id: c.id, last: c }, "failed", `could not unpause: ${err.message}`);
      }
    }
    const setup = c.status?.setup_state;
    if (setup && setup !== "connected") {
      return finish({ id: c.id, last: c }, "broken", `setup_state is ${setup}${fivetranReason(c) ? `: ${fivetranReason(c)}` : ""} — fix the connection's setup in Fivetran (Setup tab → test)`);
    }
    const requestedLocal = Date.now();
    let serverTime;
    try {
      serverTime = (await client.sync(c.id, req.force ?? true)).serverTime;
    } catch (err) {
      if (err instanceof UserError) throw err;
      return finish({ id: c.id, last: c }, "failed", `Fivetran did not accept the sync request: ${err.message}`);
    }
    const requestedAt = serverTime !== void 0 ? Math.min(requestedLocal, serverTime - 1e3) : requestedLocal;
    progress(`${label(c, c.id)}: sync requested (was ${stateKey(c)})`);
    tracked.push({ id: c.id, before: c, last: c, requestedAt, requestedLocal, key: stateKey(c), lastChangeAt: Date.now(), interval: req.pollIntervalMs, nextAt: Date.now() + req.pollIntervalMs, polls: 0 });
  });
  const pollOne = async (t) => {
    t.polls++;
    let c;
    try {
      c = { ...await client.connector(t.id), id: t.id };
      t.lastError = void 0;
    } catch (err) {
      if (err instanceof UserError) throw err;
      if (err instanceof FivetranApiError && err.status === 404) return finish(t, "failed", `the connection disappeared while syncing (404: ${err.apiMessage})`, t.requestedAt);
      t.lastError = err.message;
      warn(`${label(t.last, t.id)}: status request failed, will retry: ${t.lastError}`);
      t.interval = Math.min(t.interval * 1.5, maxInterval);
      t.nextAt = Math.min(Date.now() + t.interval, deadline);
      return;
    }
    t.last = c;
    const now = Date.now();
    const succ = ts(c.succeeded_at);
    const fail = ts(c.failed_at);
    const newer = (v, before) => !Number.isNaN(v) && v >= t.requestedAt && (Number.isNaN(ts(before)) || v > ts(before));
    const succeeded = newer(succ, t.before.succeeded_at);
    const failed = newer(fail, t.before.failed_at);
    if (failed && (!succeeded || fail > succ)) {
      return finish(t, "failed", `sync failed at ${c.failed_at}${fivetranReason(c) ? `: ${fivetranReason(c)}` : " (Fivetran gave no reason; see the connection's logs)"}`, t.requestedAt);
    }
    if (succeeded) return finish(t, "synced", `succeeded at ${c.succeeded_at}`, t.requestedAt);
    if (c.paused) return finish(t, "paused", "the connection was paused in Fivetran while this run waited", t.requestedAt);
    const setup = c.status?.setup_state;
    if (setup && setup !== "connected") return finish(t, "broken", `setup_state became ${setup}${fivetranReason(c) ? `: ${fivetranReason(c)}` : ""}`, t.requestedAt);
    const key = stateKey(c);
    if (key !== t.key) {
      const extra = c.status?.sync_state === "rescheduled" ? ` (rescheduled_for ${c.status?.rescheduled_for ?? "unset"}${fivetranReason(c) ? `; ${fivetranReason(c)}` : ""})` : "";
      progress(`${label(c, t.id)}: ${t.key} → ${key}${extra}`);
      t.key = key;
      t.lastChangeAt = now;
      t.interval = req.pollIntervalMs;
    } else {
      t.interval = Math.min(t.interval * 1.5, maxInterval);
    }
    const waiting = c.status?.sync_state === "rescheduled" || c.status?.sync_state === "scheduled";
    if (waiting && now - t.lastChangeAt >= req.stuckAfterMs) {
      const since = new Date(t.lastChangeAt).toISOString();
      const why = c.status?.sync_state === "rescheduled" ? `rescheduled since ${since} (rescheduled_for ${c.status?.rescheduled_for ?? "unset"}) with no new succeeded_at/failed_at since the sync was requested at ${new Date(t.requestedAt).toISOString()}` : `the sync requested at ${new Date(t.requestedAt).toISOString()} never started (still scheduled since ${since})`;
      return finish(t, "stuck", `${why}${fivetranReason(c) ? `; Fivetran says: ${fivetranReason(c)}` : ""} — check the connection in Fivetran; a re-sync or support ticket may be needed`, t.requestedAt);
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
        finish(t, "timeout", `no verdict after ${Math.round(req.timeoutMs / 1e3)} s (last state ${stateKey(t.last)}${t.last.status?.rescheduled_for ? `, rescheduled_for ${t.last.status.rescheduled_for}` : ""}${t.lastError ? `; last API error: ${t.lastError}` : ""})`, t.requestedAt);
      }
      break;
    }
    const due = open.filter((t) => t.nextAt <= now);
    if (!due.length) {
      await sleep2(Math.min(...open.map((t) => t.nextAt), deadline) - now);
    } else {
      await pool(due, req.concurrency ?? 8, pollOne);
    }
    open = tracked.filter((t) => !outcomes.has(t.id));
  }
  const connectors = targets.map((c) => outcomes.get(c.id)).filter(Boolean);
  const counts = { synced: 0, failed: 0, paused: 0, broken: 0, timeout: 0, stuck: 0 };
  for (const o of connectors) counts[o.verdict]++;
  return { connectors, requests: client.requests, seconds: Math.round((Date.now() - started) / 100) / 10, counts };
}
function syncPassed(report, allowPaused = false) {
  return report.connectors.every((c) => c.verdict === "synced" || allowPaused && c.verdict === "paused");
}

// shared/fivetran/run.ts
var DEFAULTS = { pollInterval: 30, timeout: 7200, stuckAfter: 1800 };
function seconds(name, v, fallback) {
  if (v === void 0 || v === "") return fallback;
  const n = typeof v === "number" ? v : Number(String(v).trim());
  if (!Number.isFinite(n) || n <= 0) throw new UserError(`${name} must be a positive number of seconds, got '${v}'.`, { hint: `e.g. ${name} ${fallback}` });
  return n;
}
function credentialsFromEnv(env, rt) {
  const apiKey = env.FIVETRAN_API_KEY?.trim();
  const apiSecret = env.FIVETRAN_API_SECRET?.trim();
  if (apiKey) rt.mask(apiKey);
  if (apiSecret) rt.mask(apiSecret);
  const missing = [!apiKey && "FIVETRAN_API_KEY", !apiSecret && "FIVETRAN_API_SECRET"].filter(Boolean);
  if (missing.length) {
    throw new UserError(`Missing Fivetran credentials: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set.`, {
      hint: "Create an API key in Fivetran (Settings → API key) and pass it as the environment variables FIVETRAN_API_KEY and FIVETRAN_API_SECRET (in GitHub: repository secrets)."
    });
  }
  return { apiKey, apiSecret };
}
function validateSyncInputs(inputs, env = process.env) {
  const apiUrl = parseApiUrl(inputs.apiUrl ?? env.FIVETRAN_API_URL);
  const pollIntervalMs = seconds("--poll-interval", inputs.pollInterval, DEFAULTS.pollInterval) * 1e3;
  const timeoutMs = seconds("--timeout", inputs.timeout, DEFAULTS.timeout) * 1e3;
  const stuckAfterMs = seconds("--stuck-after", inputs.stuckAfter, DEFAULTS.stuckAfter) * 1e3;
  const rpm = seconds("--max-requests-per-minute", inputs.maxRequestsPerMinute, DEFAULT_MAX_REQUESTS_PER_MINUTE);
  if (!inputs.connectors.length && !inputs.groups.length) {
    throw new UserError("No Fivetran connection to sync was given.", { hint: "Pass --connector <id> (repeatable) and/or --group <id>; the id is on the connection's Setup tab in Fivetran." });
  }
  return { apiUrl, pollIntervalMs, timeoutMs, stuckAfterMs, rpm };
}
async function runFivetranSync(rt, inputs, env = process.env) {
  const creds = credentialsFromEnv(env, rt);
  const { apiUrl, pollIntervalMs, timeoutMs, stuckAfterMs, rpm } = validateSyncInputs(inputs, env);
  const client = new FivetranClient({
    ...creds,
    apiUrl,
    maxRequestsPerMinute: rpm,
    retryBaseMs: Math.min(1e3, pollIntervalMs),
    onRetry: (r) => rt.info(`fivetran: ${r.method} ${r.path} ${r.status ? `answered ${r.status}` : `failed (${r.reason})`}; retry ${r.attempt} in ${(r.waitMs / 1e3).toFixed(1)} s`)
  });
  rt.mask(client.authorization);
  rt.mask(client.authorization.slice("Basic ".length));
  rt.info(`fivetran: syncing ${[...inputs.connectors.map((c) => `connection ${c}`), ...inputs.groups.map((g) => `group ${g}`)].join(", ")} via ${apiUrl} (poll ${pollIntervalMs / 1e3} s, stuck after ${stuckAfterMs / 1e3} s, timeout ${timeoutMs / 1e3} s, ≤ ${rpm} requests/min)`);
  const report = await syncConnectors(client, {
    connectors: inputs.connectors,
    groups: inputs.groups,
    pollIntervalMs,
    timeoutMs,
    stuckAfterMs,
    force: inputs.force ?? true,
    unpause: inputs.unpause ?? false,
    onProgress: (l) => rt.info(`fivetran: ${l}`),
    onWarning: (l) => rt.warn(`fivetran: ${l}`)
  });
  const allowPaused = inputs.allowPaused ?? false;
  const passed = syncPassed(report, allowPaused);
  await rt.appendSummary(syncMarkdown(report, passed));
  return { report, passed, allowPaused };
}
function syncHeadline(report, passed) {
  const parts = Object.entries(report.counts).filter(([, n]) => n > 0).map(([v, n]) => `${n} ${v}`);
  return `Fivetran sync ${passed ? "passed" : "FAILED"}: ${parts.join(", ") || "no connections"} (${report.requests} API requests in ${report.seconds} s)`;
}
function syncText(r) {
  const rows = r.report.connectors.map((c) => `  ${c.verdict.padEnd(8)} ${c.id}${c.service ? ` (${[c.service, c.schema].filter(Boolean).join("/")})` : ""}: ${c.reason}`);
  return [syncHeadline(r.report, r.passed), ...rows].join("\n");
}
var ICON = { synced: "✅", failed: "❌", paused: "⏸️", broken: "🔧", timeout: "⏱️", stuck: "🧊" };
function syncMarkdown(report, passed) {
  const lines = [
    `### ${syncHeadline(report, passed)}`,
    "",
    "| Connection | Service / schema | Verdict | Detail | Seconds |",
    "|---|---|---|---|---:|",
    ...report.connectors.map(
      (c) => `| \`${escapeCell(c.id)}\` | ${escapeCell([c.service, c.schema].filter(Boolean).join(" / ") || "—")} | ${ICON[c.verdict] ?? ""} ${c.verdict} | ${escapeCell(c.reason)} | ${c.seconds ?? "—"} |`
    )
  ];
  return lines.join("\n") + "\n";
}

export {
  DEFAULT_MAX_REQUESTS_PER_MINUTE,
  DEFAULTS,
  validateSyncInputs,
  runFivetranSync,
  syncHeadline,
  syncText
};
