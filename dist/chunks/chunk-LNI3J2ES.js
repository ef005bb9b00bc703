import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  formatAge,
  freshnessDialect,
  freshnessHeadline,
  measureFreshness,
  rowCountHeadline,
  runBranches
} from "./chunk-MXSBPKH6.js";
import {
  assertTransition,
  colourNames,
  resolvePublished,
  suffixed
} from "./chunk-YIJ4TT7F.js";
import {
  acquireLock,
  adminNames,
  checkEnvironment,
  ensureAdmin,
  eventValues,
  newDeployId,
  readDeployState,
  run
} from "./chunk-AX3CEADG.js";
import {
  col,
  deploySqlFor
} from "./chunk-Y3PEEM64.js";
import {
  GateFailure,
  UserError
} from "./chunk-IZF6KDBA.js";

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
  const rows2 = entries.map(([model, n]) => ({
    environment: opts.environment,
    deployId: opts.deployId ?? null,
    model,
    relation: opts.relations?.[model] ?? null,
    rowCount: n,
    status: bad.has(model) ? "anomaly" : "ok",
    recordedAt: opts.recordedAt
  }));
  const stmts = d.ensureHistory(adminSchema);
  for (let i = 0; i < rows2.length; i += 1e3) stmts.push(d.insertHistory(adminSchema, rows2.slice(i, i + 1e3)));
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
  const { rows: rows2 } = await warehouse.query(s.sql, s.binds);
  for (const r of rows2) {
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
  const rows2 = checks.map((c) => `| ${ICON[c.status]} | \`${cell(c.name)}\` | ${cell(c.message)}${c.items?.length ? `<br>${c.items.slice(0, 10).map((i) => cell(i)).join("<br>")}${c.items.length > 10 ? `<br>… ${c.items.length - 10} more` : ""}` : ""} |`);
  return ["| | Check | Result |", "|---|---|---|", ...rows2].join("\n");
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
  const one = (t, n = 100) => (t ?? "").split("\n")[0].slice(0, n);
  const lines = [
    `environment ${s.environment}`,
    `  live:  ${s.live ? `${s.live.deployId} (${s.live.colour}, git ${s.live.gitSha ?? "?"}, by ${s.live.actor ?? "?"}, since ${s.live.updatedAt ?? "?"} UTC)` : "nothing live"}`,
    `  lock:  ${s.lock ? `held by ${s.lock.holder}${s.lock.actor ? ` (${s.lock.actor})` : ""}${s.lock.runUrl ? ` ${s.lock.runUrl}` : ""}, lease until ${s.lock.expiresAt} UTC${s.lock.expired ? " — EXPIRED" : ""}` : "free"}`,
    "",
    "  recent deploys (newest first):",
    `    ${"deploy id".padEnd(28)} ${"status".padEnd(11)} ${"colour".padEnd(6)} ${"by".padEnd(16)} ${"last change (UTC)".padEnd(24)} note`,
    ...s.recent.map((d) => `    ${d.deployId.padEnd(28)} ${d.status.padEnd(11)} ${(d.colour ?? "-").padEnd(6)} ${one(d.actor, 16).padEnd(16)} ${(d.updatedAt ?? "").padEnd(24)} ${one(d.errorText, 120)}`)
  ];
  if (s.history?.length) {
    lines.push("", "  history (newest first): who did what, when and why", `    ${"when (UTC)".padEnd(24)} ${"deploy id".padEnd(28)} ${"became".padEnd(11)} ${"by".padEnd(16)} why`);
    for (const h of s.history) {
      const why = [h.rolledBackTo ? `rolled back to ${h.rolledBackTo}` : "", one(h.why, 120)].filter(Boolean).join(": ");
      lines.push(`    ${(h.at ?? "").padEnd(24)} ${h.deployId.padEnd(28)} ${h.status.padEnd(11)} ${one(h.actor, 16).padEnd(16)} ${why}`);
    }
  }
  return lines.join("\n");
}

// shared/dialects/adopt.ts
async function adoptSqlFor(dialect) {
  if (dialect === "snowflake") return (await import("./adopt-K32HAKUI.js")).snowflakeAdoptSql;
  return (await import("./adopt-SJJXNLXF.js")).postgresAdoptSql;
}

// shared/deploy/adopt.ts
async function rows(wh, st) {
  return run(wh, st);
}
async function schemaExists(wh, sql, db, schema) {
  return (await rows(wh, sql.schemaExists(db, schema))).length > 0;
}
async function objectsOf(wh, sql, db, schema) {
  if (!await schemaExists(wh, sql, db, schema)) return [];
  return (await rows(wh, sql.schemaObjects(db, schema))).map((r) => ({ name: String(col(r, "name")), kind: String(col(r, "kind")) }));
}
async function buildPlan(wh, sql, asql, a, names, opts) {
  const d = wh.dialect;
  const db = a.database;
  const state = await readDeployState(wh, opts);
  const problems = [];
  if (state.live) {
    throw new GateFailure(`Environment '${opts.environment}' is already under blue/green: deploy ${state.live.deployId} is LIVE on ${state.live.colour ?? "?"} (${state.live.schemas.join(", ")}). Nothing was changed.`, {
      hint: "Adoption is for the first time only; deploy as usual with `slipway deploy prepare` / `cutover`."
    });
  }
  if (state.lock?.holder && state.lock.holder !== opts.holder && !state.lock.expired) {
    problems.push(`the deploy lock is held by ${state.lock.holder}${state.lock.runUrl ? ` (run ${state.lock.runUrl})` : ""} until ${state.lock.expiresAt ?? "?"}`);
  }
  const schemas = [];
  const statements = [];
  for (const p of opts.published) {
    const blue = suffixed(p, names.suffix.blue, d, names.quoting);
    const others = [suffixed(p, names.suffix.green, d, names.quoting), suffixed(p, names.next, d, names.quoting)];
    if (!await schemaExists(wh, sql, db, p)) {
      problems.push(`${p} does not exist (nothing to adopt; a first deploy creates it)`);
      continue;
    }
    const objs = await objectsOf(wh, sql, db, p);
    const tables = objs.filter((o) => o.kind === "table").map((o) => o.name);
    const owned = new Set(asql.ownedSequences ? (await rows(wh, asql.ownedSequences(db, p))).map((r) => String(col(r, "name"))) : []);
    for (const o of objs) if (o.kind !== "table" && !(o.kind === "sequence" && owned.has(o.name))) problems.push(`${p}.${o.name} (${o.kind}) would not survive the move: only tables are adopted${o.kind === "view" ? " (a view holds SQL naming the tables; re-create it as a dbt model, or move it out of the schema)" : ""}`);
    if (!objs.length) problems.push(`${p} is empty (nothing to adopt; a first deploy creates its views)`);
    for (const s of [blue, ...others]) {
      const inside = await objectsOf(wh, sql, db, s);
      if (inside.length) problems.push(`${s} is not empty (${inside.slice(0, 5).map((o) => `${o.name} (${o.kind})`).join(", ")}${inside.length > 5 ? ", …" : ""}): adoption needs the colour and staging schemas empty`);
    }
    if (!tables.length) continue;
    const grantRows = [];
    for (const st of sql.readGrants(db, p)) grantRows.push(await rows(wh, st));
    const tableSet = new Set(tables);
    const grants = sql.parseGrants(grantRows, p).filter((g) => g.level === "object" && tableSet.has(g.on));
    schemas.push({ published: p, colourSchema: blue, tables });
    statements.push(sql.createSchemaIfMissing(db, blue));
    for (const t of tables) {
      statements.push(asql.moveTable(db, p, t, blue));
      statements.push({ ...sql.createView(db, p, t, blue, t), purpose: `adopt: consumers keep reading ${p}.${t}, now a view over ${blue}` });
    }
    statements.push(...sql.grantStatements(db, p, grants).map((g) => ({ ...g, purpose: g.purpose ?? "adopt: the table grant, on the view that replaces it" })));
  }
  if (problems.length) {
    throw new GateFailure(`Cannot adopt ${opts.published.join(", ")} into blue/green for environment '${opts.environment}'; nothing was changed:
  ${problems.join("\n  ")}`, {
      hint: "Fix each item above and run `slipway deploy adopt --dry-run` again. Slipway never drops or moves an object it does not take over whole.",
      details: { items: problems }
    });
  }
  const tablesTotal = schemas.reduce((n, s) => n + s.tables.length, 0);
  const check = { name: "adopt", status: "pass", message: `adopted ${tablesTotal} table(s) into the blue colour`, items: schemas.flatMap((s) => s.tables.map((t) => `${s.published}.${t} → ${s.colourSchema}.${t}`)) };
  statements.push(
    sql.insertEvent(
      a,
      eventValues({ deploy_id: opts.deployId, environment: opts.environment, status: "LIVE", colour: "blue", previous_colour: null, schemasList: opts.published, git_sha: opts.gitSha ?? null, run_url: opts.runUrl ?? null, actor: opts.actor, started_at: (/* @__PURE__ */ new Date()).toISOString(), checkResults: [check] })
    ),
    sql.releaseLock(a, opts.environment, opts.deployId)
  );
  const preamble = [
    ...state.initialised ? [] : sql.ensureAdmin(a),
    sql.ensureLockRow(a, opts.environment),
    sql.acquireLock(a, opts.environment, opts.deployId, opts.runUrl ?? null, opts.actor, opts.leaseMinutes ?? ADOPT_LEASE_MINUTES)
  ];
  return { deployId: opts.deployId, environment: opts.environment, colour: "blue", schemas, preamble, statements, transactional: !!(sql.transactional && wh.capabilities.transactionalDdl) };
}
function setup(wh, opts) {
  const environment = checkEnvironment(opts.environment);
  if (!opts.schemas?.length) throw new UserError("deploy adopt needs --schemas: the existing schemas consumers read today.", { hint: "e.g. slipway deploy adopt --environment production --schemas analytics --dry-run" });
  const names = colourNames(opts);
  const published = resolvePublished(opts.schemas, void 0, names, wh.dialect);
  return { environment, names, published };
}
async function adoptPlan(wh, opts) {
  const { environment, names, published } = setup(wh, opts);
  const sql = await deploySqlFor(wh.dialect);
  const asql = await adoptSqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  return buildPlan(wh, sql, asql, a, names, { ...opts, environment, published, deployId: opts.deployId ?? newDeployId(/* @__PURE__ */ new Date(), "adopt-") });
}
function adoptPlanStatements(plan) {
  const body = plan.transactional ? [{ sql: "BEGIN", purpose: "one transaction: consumers see the tables or the views, never neither" }, ...plan.statements, { sql: "COMMIT" }] : plan.statements;
  return [...plan.preamble, ...body];
}
var ADOPT_LEASE_MINUTES = 30;
async function adoptDeploy(wh, opts, rt) {
  const { environment, names, published } = setup(wh, opts);
  const sql = await deploySqlFor(wh.dialect);
  const asql = await adoptSqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  await buildPlan(wh, sql, asql, a, names, { ...opts, environment, published, deployId: "check" });
  await ensureAdmin(wh, sql, a);
  const deployId = newDeployId(/* @__PURE__ */ new Date(), "adopt-");
  await acquireLock(wh, sql, a, { environment, holder: deployId, runUrl: opts.runUrl ?? null, actor: opts.actor, leaseMinutes: opts.leaseMinutes ?? ADOPT_LEASE_MINUTES });
  let plan;
  try {
    plan = await buildPlan(wh, sql, asql, a, names, { ...opts, environment, published, deployId, holder: deployId });
    assertTransition(void 0, "LIVE", "adopt");
  } catch (err) {
    await run(wh, sql.releaseLock(a, environment, deployId)).catch(() => void 0);
    throw err;
  }
  if (plan.transactional) {
    try {
      await wh.transaction(async (s) => {
        for (const st of plan.statements) await run(s, st);
      });
    } catch (err) {
      await run(wh, sql.releaseLock(a, environment, deployId)).catch(() => void 0);
      throw err;
    }
  } else {
    for (const st of plan.statements) await run(wh, st);
  }
  const tablesMoved = plan.schemas.reduce((n, s) => n + s.tables.length, 0);
  const grantsCopied = plan.statements.filter((s) => /^GRANT /.test(s.sql)).length;
  rt.info(`Adopted ${published.join(", ")} (${environment}): ${tablesMoved} table(s) moved into the blue colour, consumers read the same names through views; deploy ${deployId} is LIVE. The next deploy builds green.`);
  return { ...plan, tablesMoved, viewsCreated: tablesMoved, grantsCopied };
}

export {
  matchesModel,
  countTargetsFromManifest,
  measureRowCounts,
  recordStatements,
  recordRowCounts,
  checkRowCounts,
  deployGates,
  deployOutputs,
  deployJson,
  prepareText,
  cutoverText,
  cutoverMarkdown,
  failedMarkdown,
  statusText,
  adoptPlan,
  adoptPlanStatements,
  adoptDeploy
};
