import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  formatAge,
  freshnessDialect,
  freshnessHeadline,
  measureFreshness,
  rowCountHeadline,
  runBranches
} from "./chunk-ROXONESX.js";
import {
  sha256File
} from "./chunk-CNVGF5AA.js";
import {
  loadManifest,
  loadRunResults
} from "./chunk-3V3GFLJ6.js";
import {
  UserError
} from "./chunk-WLODUQ4F.js";

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
      else counts.set(t.model, Number(r.row.row_count ?? r.row.ROW_COUNT));
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
  for (const s of statements) await warehouse.query(s.sql, s.binds);
  return { recorded: n, statements };
}
async function readHistory(warehouse, opts) {
  const d = freshnessDialect(warehouse.dialect);
  const adminSchema = opts.adminSchema ?? "SLIPWAY";
  const out = /* @__PURE__ */ new Map();
  if (opts.models.length === 0) return out;
  const ex = d.historyExists(adminSchema);
  const { rows: er } = await warehouse.query(ex.sql, ex.binds);
  if (!(Number(er[0]?.n ?? 0) > 0)) return out;
  const s = d.selectHistory(adminSchema, opts.environment, opts.models, opts.window);
  const { rows } = await warehouse.query(s.sql, s.binds);
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
  const { loadFreshnessConfig } = await import("./config-GJFJA4XA.js");
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

// shared/deploy/options.ts
import { existsSync } from "node:fs";
function parseTolerance(v, what = "--row-count-tolerance") {
  if (v === void 0 || v.trim() === "") return void 0;
  const s = v.trim().toLowerCase();
  if (s === "none" || s === "off") return null;
  const n = Number(s.replace(/%$/, ""));
  if (!Number.isFinite(n) || n < 0 || n > 1e5) {
    throw new UserError(`${what} must be a percentage such as 25, or none; got '${v}'.`, { hint: `Pass ${what} 25 to allow ±25% row-count change per table, or none to keep only the populated → empty guard.` });
  }
  return n;
}
function parseWarnPolicy(v, what = "--warn-policy") {
  if (v === void 0 || v === "" || v === "allow") return "allow";
  if (v === "fail") return "fail";
  throw new UserError(`${what} must be allow or fail, got '${v}'.`, { hint: "allow: dbt warnings do not block the cutover; fail: they do." });
}
function parseLease(v, what = "--lease-minutes") {
  if (v === void 0 || v === "") return void 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 7 * 24 * 60) throw new UserError(`${what} must be a whole number of minutes between 1 and 10080, got '${v}'.`, { hint: "It must cover the dbt build between prepare and cutover (default 180)." });
  return n;
}
function parseSchemas(values) {
  const list = (Array.isArray(values) ? values : values ? [values] : []).flatMap((v) => v.split(/[,\n]/)).map((s) => s.trim()).filter(Boolean);
  return list.length ? list : void 0;
}
async function loadArtifacts(paths, rt) {
  const out = {};
  const m = paths.manifest ?? (paths.defaultManifest && existsSync(paths.defaultManifest) ? paths.defaultManifest : void 0);
  if (m) {
    out.manifest = await loadManifest(m);
    out.manifestSha256 = await sha256File(m);
  } else if (paths.defaultManifest) rt.info(`No manifest at ${paths.defaultManifest}: the models-exist check is skipped and every relation in the new colour is published.`);
  const r = paths.runResults ?? (paths.defaultRunResults && existsSync(paths.defaultRunResults) ? paths.defaultRunResults : void 0);
  if (r) out.runResults = await loadRunResults(r);
  else if (paths.defaultRunResults) rt.info(`No run_results.json at ${paths.defaultRunResults}: the dbt build results are not checked.`);
  return out;
}
function defaultActor(env = process.env) {
  return env.GITHUB_ACTOR || env.USER || env.USERNAME || "unknown";
}
function defaultRunUrl(env = process.env) {
  return env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
}

// shared/deploy/report.ts
function deployOutputs(r) {
  return {
    colour: r.colour,
    "schema-suffix": r.schemaSuffix,
    "deploy-id": r.deployId,
    "previous-colour": r.previousColour ?? "",
    schemas: r.schemas.join(",")
  };
}
function deployJson(r) {
  const base = { ...deployOutputs(r), schemas: r.schemas, "previous-colour": r.previousColour, environment: r.environment, "published-schemas": r.published, "previous-deploy-id": r.previousDeployId };
  if ("checks" in r) return { ...base, status: "LIVE", models: r.models, checks: r.checks, "swap-statements": r.swapStatements, "swap-window-ms": r.swapWindowMs, "cutover-scope": r.scope, ...r.databases ? { databases: r.databases } : {}, "grants-mirrored": r.grantsMirrored, "duration-ms": r.durationMs };
  return { ...base, status: "STARTED" };
}
function prepareText(r) {
  return [
    `deploy ${r.deployId} (${r.environment}) STARTED`,
    `  build colour:   ${r.colour} (suffix ${r.schemaSuffix})`,
    `  build into:     ${r.schemas.join(", ")}`,
    `  live colour:    ${r.previousColour ?? "none (first deploy)"}`,
    `  next: run dbt with SLIPWAY_SCHEMA_SUFFIX=${r.schemaSuffix}, then \`slipway deploy cutover --environment ${r.environment}\``
  ].join("\n");
}
function cutoverText(r) {
  return [
    `deploy ${r.deployId} (${r.environment}) is LIVE`,
    `  colour:   ${r.colour} (was ${r.previousColour ?? "none"})`,
    `  views:    ${r.models} in ${r.published.join(", ")}`,
    `  swap:     ${r.swapStatements} statement(s)${r.databases ? ` (database scope: ${r.databases.published} ⇄ ${r.databases.next})` : ""}${r.swapWindowMs ? `, ${r.swapWindowMs} ms between the first and the last` : ""}; ${r.grantsMirrored} grant(s) mirrored`,
    `  took:     ${r.durationMs} ms`,
    ...r.checks.map((c) => `  check ${c.status.padEnd(4)} ${c.name}: ${c.message}`)
  ].join("\n");
}
var ICON = { pass: "✅", fail: "❌", warn: "⚠️", skip: "➖" };
var cell = (s) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
function checksMarkdown(checks) {
  const rows = checks.map((c) => `| ${ICON[c.status]} | \`${cell(c.name)}\` | ${cell(c.message)}${c.items?.length ? `<br>${c.items.slice(0, 10).map((i) => cell(i)).join("<br>")}${c.items.length > 10 ? `<br>… ${c.items.length - 10} more` : ""}` : ""} |`);
  return ["| | Check | Result |", "|---|---|---|", ...rows].join("\n");
}
function cutoverMarkdown(r) {
  return [
    `### 🚢 Deploy \`${r.deployId}\` is live in \`${r.environment}\``,
    "",
    `Consumers now read the **${r.colour}** colour (${r.models} views in ${r.published.map((p) => `\`${p}\``).join(", ")}), previously **${r.previousColour ?? "none"}**. Cutover: ${r.swapStatements} swap statement(s)${r.databases ? ` (one database swap: \`${r.databases.published}\` ⇄ \`${r.databases.next}\`)` : ""}, ${r.grantsMirrored} grant(s) mirrored, ${r.durationMs} ms.`,
    "",
    checksMarkdown(r.checks),
    "",
    r.previousDeployId ? `Roll back with \`slipway rollback --environment ${r.environment} --reason "…"\` (back to \`${r.previousDeployId}\`).` : ""
  ].join("\n");
}
function failedMarkdown(deployId, environment, checks) {
  return [`### ❌ Deploy \`${deployId}\` was not cut over in \`${environment}\``, "", "Consumers still read the previous colour. Failed checks:", "", checksMarkdown(checks)].join("\n");
}
function statusText(s) {
  if (!s.initialised) return `environment ${s.environment}: nothing deployed yet (no DEPLOY_STATE)`;
  const lines = [
    `environment ${s.environment}`,
    `  live:  ${s.live ? `${s.live.deployId} (${s.live.colour}, git ${s.live.gitSha ?? "?"}, by ${s.live.actor ?? "?"}, ${s.live.updatedAt ?? ""})` : "nothing live"}`,
    `  lock:  ${s.lock ? `held by ${s.lock.holder}${s.lock.runUrl ? ` (${s.lock.runUrl})` : ""}, lease until ${s.lock.expiresAt}${s.lock.expired ? " — EXPIRED" : ""}` : "free"}`,
    "  recent deploys:",
    ...s.recent.map((d) => `    ${d.deployId}  ${d.status.padEnd(11)} ${d.colour ?? "-"}  ${d.actor ?? ""}  ${d.updatedAt ?? ""}${d.errorText ? `  — ${d.errorText.split("\n")[0].slice(0, 120)}` : ""}`)
  ];
  return lines.join("\n");
}

export {
  matchesModel,
  countTargetsFromManifest,
  measureRowCounts,
  recordStatements,
  recordRowCounts,
  checkRowCounts,
  deployGates,
  parseTolerance,
  parseWarnPolicy,
  parseLease,
  parseSchemas,
  loadArtifacts,
  defaultActor,
  defaultRunUrl,
  deployOutputs,
  deployJson,
  prepareText,
  cutoverText,
  cutoverMarkdown,
  failedMarkdown,
  statusText
};
