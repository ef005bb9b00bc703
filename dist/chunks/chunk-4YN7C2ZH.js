import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  formatAge,
  freshnessDialect,
  freshnessHeadline,
  measureFreshness,
  rowCountHeadline,
  runBranches
} from "./chunk-TDDTI4OZ.js";
import {
  runStatement
} from "./chunk-JK3NYHQT.js";

// shared/freshness/row-counts.ts
import picomatch from "../vendor/picomatch.js";
var DEFAULT_ROW_COUNT_SETTINGS = { minHistory: 7, window: 30, tolerance: 0.5, sensitivity: 3, bandFloor: 0.05 };
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
function matchesModel(pattern, model) {
  const short = model.split(".").pop();
  if (pattern === model || pattern === short) return true;
  if (/[*?[\]{}!]/.test(pattern)) {
    const m = picomatch(pattern, { dot: true });
    return m(model) || m(short);
  }
  return false;
}
function settingsFor(model, config = {}) {
  const base = {
    minHistory: config["min-history"] ?? DEFAULT_ROW_COUNT_SETTINGS.minHistory,
    window: config.window ?? DEFAULT_ROW_COUNT_SETTINGS.window,
    tolerance: config.tolerance ?? DEFAULT_ROW_COUNT_SETTINGS.tolerance,
    sensitivity: config.sensitivity ?? DEFAULT_ROW_COUNT_SETTINGS.sensitivity,
    bandFloor: config["band-floor"] ?? DEFAULT_ROW_COUNT_SETTINGS.bandFloor
  };
  const overrides = [];
  for (const [k, o] of Object.entries(config.models ?? {})) if (matchesModel(k, model)) overrides.push(o);
  let enabled = true;
  for (const o of overrides) {
    if (o["min-history"] !== void 0) base.minHistory = o["min-history"];
    if (o.window !== void 0) base.window = o.window;
    if (o.tolerance !== void 0) base.tolerance = o.tolerance;
    if (o.sensitivity !== void 0) base.sensitivity = o.sensitivity;
    if (o["band-floor"] !== void 0) base.bandFloor = o["band-floor"];
    if (o.enabled === false) enabled = false;
  }
  return { ...base, enabled };
}
var fmt = (n) => Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 1 });
function judgeRowCount(model, observed, historyNewestFirst, settings) {
  const hist = historyNewestFirst.slice(0, settings.window);
  const last = hist[0];
  const baseline = { points: hist.length, last };
  if (last === void 0) {
    return { model, observed, verdict: "pass", rule: "no-history", baseline, settings, message: `First recorded count (${fmt(observed)} rows); nothing to compare yet.` };
  }
  if (last > 0 && observed === 0) {
    return { model, observed, verdict: "fail", rule: "populated-to-zero", expected: { low: 1, high: Infinity }, baseline, settings, message: `The table had ${fmt(last)} rows and now has none.` };
  }
  if (hist.length >= settings.minHistory) {
    const med = median(hist);
    const mad = median(hist.map((x) => Math.abs(x - med)));
    const half = Math.max(settings.sensitivity * 1.4826 * mad, settings.bandFloor * Math.abs(med), 1);
    const low2 = Math.max(0, Math.floor(med - half + 1e-9));
    const high2 = Math.ceil(med + half - 1e-9);
    Object.assign(baseline, { median: med, mad });
    const ok2 = observed >= low2 && observed <= high2;
    return {
      model,
      observed,
      verdict: ok2 ? "pass" : "fail",
      rule: "robust-band",
      expected: { low: low2, high: high2 },
      baseline,
      settings,
      message: ok2 ? `${fmt(observed)} rows, within ${fmt(low2)}–${fmt(high2)} (median ${fmt(med)} ± ${settings.sensitivity}·MAD of the last ${hist.length} good counts).` : `${fmt(observed)} rows is outside the expected ${fmt(low2)}–${fmt(high2)} (median ${fmt(med)} ± ${settings.sensitivity}·MAD of the last ${hist.length} good counts); tune with sensitivity, band-floor or window.`
    };
  }
  const low = Math.max(0, Math.floor(last * (1 - settings.tolerance) + 1e-9));
  const high = Math.ceil(last * (1 + settings.tolerance) - 1e-9);
  const ok = last === 0 || observed >= low && observed <= high;
  const change = last === 0 ? 0 : (observed - last) / last;
  return {
    model,
    observed,
    verdict: ok ? "pass" : "fail",
    rule: "relative-change",
    expected: last === 0 ? { low: 0, high: Infinity } : { low, high },
    baseline,
    settings,
    message: ok ? `${fmt(observed)} rows, ${(change * 100).toFixed(1)}% from the last good ${fmt(last)} (tolerance ±${(settings.tolerance * 100).toFixed(0)}%; ${hist.length}/${settings.minHistory} points before the band applies).` : `${fmt(observed)} rows is ${(change * 100).toFixed(1)}% from the last good ${fmt(last)}, beyond the tolerance of ±${(settings.tolerance * 100).toFixed(0)}% (expected ${fmt(low)}–${fmt(high)}); tune with tolerance.`
  };
}
function judgeRowCounts(observed, history, config = {}) {
  const entries = observed instanceof Map ? [...observed.entries()] : Object.entries(observed);
  const findings = [];
  const ignored = [];
  for (const [model, count] of entries) {
    const s = settingsFor(model, config);
    if (!s.enabled || (config.ignore ?? []).some((p) => matchesModel(p, model))) {
      ignored.push(model);
      continue;
    }
    const { enabled: _e, ...settings } = s;
    findings.push(judgeRowCount(model, count, history.get(model) ?? [], settings));
  }
  findings.sort((a, b) => a.verdict === b.verdict ? a.model.localeCompare(b.model) : a.verdict === "fail" ? -1 : 1);
  const failingCount = findings.filter((f) => f.verdict === "fail").length;
  return { kind: "row-counts", passed: failingCount === 0, failingCount, findings, ignored: ignored.sort(), errors: [] };
}
function countTargetsFromManifest(manifest, opts = {}) {
  const out = [];
  for (const n of Object.values(manifest.nodes ?? {})) {
    if (!["model", "snapshot", "seed"].includes(n.resource_type)) continue;
    if (n.config?.enabled === false) continue;
    const mat = n.config?.materialized ?? (n.resource_type === "model" ? "view" : n.resource_type);
    if (mat === "ephemeral" || mat === "test" || mat === "unit") continue;
    if ((mat === "view" || mat === "materialized_view") && !opts.includeViews) continue;
    if (opts.select && !opts.select(n.unique_id)) continue;
    if (!n.schema) continue;
    const q = n.config?.quoting ?? n.quoting ?? {};
    out.push({ model: n.unique_id, relation: { database: n.database ?? void 0, schema: n.schema, identifier: n.alias ?? n.name, quoting: q } });
  }
  return out.sort((a, b) => a.model.localeCompare(b.model));
}
async function measureRowCounts(warehouse, targets, opts = {}) {
  const dialect = freshnessDialect(warehouse.dialect);
  const counts = /* @__PURE__ */ new Map();
  const errors = [];
  let statements = 0;
  const max = opts.maxPerStatement ?? 500;
  for (let i = 0; i < targets.length; i += max) {
    const part = targets.slice(i, i + max);
    const items = part.map((t) => ({ key: t.model, branch: dialect.rowCountBranch({ id: t.model, relation: t.relation }) }));
    const out = await runBranches(warehouse, items, (b) => dialect.unionAll(b), "model", dialect.ping);
    statements += out.statements;
    for (const t of part) {
      const r = out.results.get(t.model);
      if (!r) errors.push({ model: t.model, error: "no row returned" });
      else if ("error" in r) errors.push({ model: t.model, error: r.error });
      else counts.set(t.model, Number(r.row.row_count));
    }
  }
  return { counts, errors, statements };
}
function recordStatements(dialectName, opts) {
  const d = freshnessDialect(dialectName);
  const adminSchema = opts.adminSchema ?? "SLIPWAY";
  const bad = new Set(opts.anomalous ?? []);
  const entries = opts.counts instanceof Map ? [...opts.counts.entries()] : Object.entries(opts.counts);
  const rows = entries.map(([model, n]) => ({
    environment: opts.environment,
    deployId: opts.deployId ?? null,
    model,
    relation: opts.relations?.[model] ?? null,
    rowCount: n,
    status: bad.has(model) ? "anomaly" : "ok",
    recordedAt: opts.recordedAt
  }));
  const stmts = d.ensureHistory(adminSchema);
  for (let i = 0; i < rows.length; i += 1e3) stmts.push(d.insertHistory(adminSchema, rows.slice(i, i + 1e3)));
  return stmts;
}
async function recordRowCounts(warehouse, opts) {
  const n = opts.counts instanceof Map ? opts.counts.size : Object.keys(opts.counts).length;
  const statements = recordStatements(warehouse.dialect, opts);
  if (n === 0) return { recorded: 0, statements: [] };
  for (const s of statements) await runStatement(warehouse, s);
  return { recorded: n, statements };
}
async function readHistory(warehouse, opts) {
  const d = freshnessDialect(warehouse.dialect);
  const adminSchema = opts.adminSchema ?? "SLIPWAY";
  const out = /* @__PURE__ */ new Map();
  if (opts.models.length === 0) return out;
  const ex = d.historyExists(adminSchema);
  const er = await runStatement(warehouse, ex);
  if (!(Number(er[0]?.n ?? 0) > 0)) return out;
  const s = d.selectHistory(adminSchema, opts.environment, opts.models, opts.window);
  const rows = await runStatement(warehouse, s);
  for (const r of rows) {
    const list = out.get(r.model) ?? [];
    list.push(Number(r.row_count));
    out.set(r.model, list);
  }
  return out;
}
async function checkRowCounts(warehouse, opts) {
  const models = opts.counts instanceof Map ? [...opts.counts.keys()] : Object.keys(opts.counts);
  const maxWindow = Math.max(DEFAULT_ROW_COUNT_SETTINGS.window, opts.config?.window ?? 0, ...Object.values(opts.config?.models ?? {}).map((m) => m.window ?? 0));
  const history = await readHistory(warehouse, { adminSchema: opts.adminSchema ?? opts.config?.["admin-schema"], environment: opts.environment, models, window: maxWindow });
  return judgeRowCounts(opts.counts, history, opts.config);
}

// shared/freshness/deploy-hooks.ts
function freshnessExtraCheck(opts = {}) {
  return async (ctx) => {
    const manifest = opts.manifest ?? ctx.manifest;
    if (!manifest) return { name: "source-freshness", status: "skip", message: "no manifest given, so no source SLAs to check" };
    const r = await measureFreshness(ctx.warehouse, { manifest, config: opts.config, failOn: opts.failOn });
    return {
      name: "source-freshness",
      status: r.passed ? r.verdict === "warn" ? "warn" : "pass" : "fail",
      message: freshnessHeadline(r),
      items: r.results.filter((s) => s.verdict !== "pass").map((s) => `${s.verdict}: ${s.name} (${formatAge(s.ageSeconds)}): ${s.message}`)
    };
  };
}
function deployCountTargets(ctx) {
  const out = [];
  for (const s of ctx.schemas) {
    for (const m of s.models) {
      if (m.kind === "view") continue;
      out.push({ model: `${s.published}.${m.name}`, relation: { schema: s.colourSchema, identifier: m.source, quoting: { schema: true, identifier: true } } });
    }
  }
  return out;
}
function rowCountAnomalyExtraCheck(opts = {}) {
  return async (ctx) => {
    const targets = deployCountTargets(ctx);
    if (!targets.length) return { name: "row-count-anomalies", status: "skip", message: "no tables to count" };
    const m = await measureRowCounts(ctx.warehouse, targets);
    const r = await checkRowCounts(ctx.warehouse, { adminSchema: opts.adminSchema ?? opts.config?.["admin-schema"], environment: ctx.environment, counts: m.counts, config: opts.config });
    r.errors.push(...m.errors);
    const items = [...r.errors.map((e) => `${e.model}: could not count rows: ${e.error}`), ...r.findings.filter((f) => f.verdict === "fail").map((f) => `${f.model} (${f.rule}): ${f.message}`)];
    return { name: "row-count-anomalies", status: r.passed && !r.errors.length ? "pass" : "fail", message: rowCountHeadline(r), items };
  };
}
async function recordDeployRowCounts(ctx, opts = {}) {
  const m = await measureRowCounts(ctx.warehouse, deployCountTargets(ctx));
  const r = await recordRowCounts(ctx.warehouse, { adminSchema: opts.adminSchema, environment: ctx.environment, deployId: ctx.deployId, counts: m.counts });
  return { recorded: r.recorded, errors: m.errors };
}
async function deployGates(opts) {
  const { loadFreshnessConfig } = await import("./config-65B3S7PZ.js");
  const config = opts.configFile || opts.freshness || opts.rowCountHistory ? await loadFreshnessConfig(opts.configFile, !!opts.configFile) : void 0;
  const extraChecks = [];
  if (opts.freshness) extraChecks.push(freshnessExtraCheck({ config, failOn: opts.failOn }));
  if (opts.rowCountHistory) extraChecks.push(rowCountAnomalyExtraCheck({ adminSchema: opts.adminSchema, config: config?.["row-counts"] }));
  const afterLive = opts.rowCountHistory ? async (ctx) => {
    const r = await recordDeployRowCounts(ctx, { adminSchema: opts.adminSchema ?? config?.["row-counts"]?.["admin-schema"] });
    if (r.errors.length) throw new Error(`row counts of ${r.errors.map((e) => e.model).join(", ")} could not be recorded`);
  } : void 0;
  return { extraChecks, afterLive };
}

export {
  matchesModel,
  countTargetsFromManifest,
  measureRowCounts,
  recordStatements,
  recordRowCounts,
  checkRowCounts,
  freshnessExtraCheck,
  deployCountTargets,
  rowCountAnomalyExtraCheck,
  recordDeployRowCounts,
  deployGates
};
