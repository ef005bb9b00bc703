import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  PERIOD_SECONDS
} from "./chunk-O2T6RYZ3.js";
import {
  schemaVersion
} from "./chunk-545Z3XKG.js";
import {
  ident,
  quoteIdent,
  quoteLiteral,
  resolveName
} from "./chunk-YTHL6NVM.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/freshness/sla.ts
import picomatch from "../vendor/picomatch.js";
function threshold(t) {
  if (!t || typeof t !== "object") return void 0;
  const { count, period } = t;
  if (typeof count !== "number" || !(count > 0)) return void 0;
  if (period !== "minute" && period !== "hour" && period !== "day") return void 0;
  return { count, period };
}
function thresholdSeconds(t) {
  return t.count * PERIOD_SECONDS[t.period];
}
function formatThreshold(t) {
  if (!t) return "—";
  return `${t.count} ${t.period}${t.count === 1 ? "" : "s"}`;
}
function formatAge(seconds) {
  if (seconds === void 0 || !Number.isFinite(seconds)) return "—";
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${(s / 3600).toFixed(1)}h`;
  return `${(s / 86400).toFixed(1)}d`;
}
function verdictFor(ageSeconds, sla) {
  if (sla.errorAfter && ageSeconds > thresholdSeconds(sla.errorAfter)) return { verdict: "error", threshold: sla.errorAfter };
  if (sla.warnAfter && ageSeconds > thresholdSeconds(sla.warnAfter)) return { verdict: "warn", threshold: sla.warnAfter };
  return { verdict: "pass", threshold: sla.warnAfter ?? sla.errorAfter };
}
function sourceName(node) {
  return `${node.source_name ?? node.fqn?.[node.fqn.length - 2] ?? "?"}.${node.name}`;
}
function matchesSource(key, uniqueId, name) {
  if (key === uniqueId || key === name) return "exact";
  if (/[*?[\]{}!]/.test(key)) {
    const m = picomatch(key, { dot: true });
    if (m(uniqueId) || m(name)) return "glob";
  }
  return void 0;
}
function overrideFor(config, uniqueId, name) {
  const globs = [];
  const exact = [];
  for (const [key, o] of Object.entries(config.sources ?? {})) {
    const m = matchesSource(key, uniqueId, name);
    if (m === "glob") globs.push(o);
    else if (m === "exact") exact.push(o);
  }
  return Object.assign({}, ...globs, ...exact);
}
function isIgnored(patterns, uniqueId, name) {
  return (patterns ?? []).some((p) => matchesSource(p, uniqueId, name) !== void 0);
}
function slaForSource(node, config) {
  const name = sourceName(node);
  if (node.config?.enabled === false) return { skip: "disabled in dbt" };
  if (isIgnored(config.ignore, node.unique_id, name)) return { skip: "ignored by the Slipway config" };
  const o = overrideFor(config, node.unique_id, name);
  if (o.enabled === false) return { skip: "disabled by the Slipway config" };
  const fresh = node.config?.freshness ?? node.freshness ?? null;
  const warnAfter = o["warn-after"] !== void 0 ? o["warn-after"] ?? void 0 : threshold(fresh?.warn_after);
  const errorAfter = o["error-after"] !== void 0 ? o["error-after"] ?? void 0 : threshold(fresh?.error_after);
  if (!warnAfter && !errorAfter) return { skip: "no freshness SLA (warn_after/error_after)" };
  const filter = o.filter !== void 0 ? o.filter ?? void 0 : typeof fresh?.filter === "string" && fresh.filter.trim() ? fresh.filter : void 0;
  const laf = o["loaded-at-field"] ?? node.config?.loaded_at_field ?? node.loaded_at_field ?? void 0;
  const laq = node.config?.loaded_at_query ?? node.loaded_at_query ?? void 0;
  const quoting = node.quoting ?? {};
  return {
    uniqueId: node.unique_id,
    name,
    relation: { database: node.database ?? void 0, schema: node.schema ?? "", identifier: node.identifier ?? node.name, quoting },
    warnAfter,
    errorAfter,
    filter,
    loadedAtField: laf && laf.trim() ? laf : void 0,
    loadedAtQuery: laq && laq.trim() ? laq : void 0
  };
}
function selectSlas(manifest, config) {
  const checked = [];
  const skipped = [];
  for (const node of Object.values(manifest.sources ?? {})) {
    if (node.resource_type && node.resource_type !== "source") continue;
    const r = slaForSource(node, config);
    if ("skip" in r) skipped.push({ uniqueId: node.unique_id, name: sourceName(node), reason: r.skip });
    else checked.push(r);
  }
  checked.sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
  return { checked, skipped };
}
function checkSqlExpression(expr) {
  if (!expr.trim()) return "it is empty";
  if (/\{\{|\{%/.test(expr)) return "it contains Jinja ({{ … }}) that dbt did not render";
  let depth = 0;
  let quote;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === quote) {
        if (expr[i + 1] === quote) i++;
        else quote = void 0;
      } else if (c === "\\" && quote === "'") i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth < 0) return 'it has an unbalanced ")"';
    } else if (c === ";") return 'it contains ";" (one expression, not a statement)';
    else if (c === "-" && expr[i + 1] === "-") return 'it contains a "--" comment';
    else if (c === "/" && expr[i + 1] === "*") return 'it contains a "/*" comment';
    else if (c === "$" && expr[i + 1] === "$") return 'it contains a "$$" dollar-quoted string';
  }
  if (quote) return `it has an unclosed ${quote === "'" ? "string" : "quoted identifier"}`;
  if (depth !== 0) return 'it has an unbalanced "("';
  return void 0;
}
function parseTimestamp(text) {
  if (text instanceof Date) return Number.isNaN(text.getTime()) ? void 0 : text;
  if (typeof text !== "string") return void 0;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?\s*$/i.exec(text);
  if (!m) return void 0;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", tz] = m;
  const ms = Number((frac + "000").slice(0, 3));
  const base = new Date(Date.UTC(2e3, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
  base.setUTCFullYear(Number(y));
  let t = base.getTime();
  if (tz && !/^(Z|UTC)$/i.test(tz)) {
    const sign = tz.startsWith("-") ? -1 : 1;
    const digits = tz.slice(1).replace(":", "");
    const offMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0");
    t -= sign * offMin * 6e4;
  }
  const date = new Date(t);
  if (Number.isNaN(date.getTime()) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 24 || Number(mi) > 59) return void 0;
  return date;
}

// shared/dialects/snowflake/freshness.ts
var D = "snowflake";
var FMT = quoteLiteral("YYYY-MM-DD HH24:MI:SS.FF6", D);
var utcText = (expr) => `TO_CHAR(CONVERT_TIMEZONE('UTC', ${expr}), ${FMT})`;
var NOW = utcText("CURRENT_TIMESTAMP()");
var loadedAtText = (expr) => `CASE WHEN IS_TIMESTAMP_NTZ(TO_VARIANT(${expr})) THEN TO_CHAR(${expr}, ${FMT}) ELSE ${utcText(expr)} END`;
function part(name, quoted) {
  return quoted ? quoteIdent(name, D) : ident(name, D);
}
function stored(name, quoted) {
  return quoted ? name : resolveName(name, D);
}
function relationSql(rel) {
  const parts = [];
  if (rel.database) parts.push(part(rel.database, rel.quoting?.database));
  parts.push(part(rel.schema, rel.quoting?.schema), part(rel.identifier, rel.quoting?.identifier));
  return parts.join(".");
}
function history(adminSchema) {
  return `${ident(adminSchema, D, "admin schema")}.${ident(ROW_COUNT_HISTORY, D)}`;
}
var COLS = ["RECORDED_AT", "ENVIRONMENT", "DEPLOY_ID", "MODEL", "RELATION", "ROW_COUNT", "STATUS"];
var snowflakeFreshness = {
  dialect: D,
  hasLastAltered: true,
  relationSql,
  loadedAtBranch(p) {
    const where = p.filter ? `
WHERE (${p.filter})` : "";
    return `SELECT ${quoteLiteral(p.id, D)} AS "source_id", ${loadedAtText(`MAX(${p.loadedAtField})`)} AS "max_loaded_at", ${NOW} AS "snapshotted_at"
FROM ${relationSql(p.relation)}${where}`;
  },
  lastAlteredBranch(p) {
    const r = p.relation;
    const infoSchema = r.database ? `${part(r.database, r.quoting?.database)}.INFORMATION_SCHEMA.TABLES` : "INFORMATION_SCHEMA.TABLES";
    return `SELECT ${quoteLiteral(p.id, D)} AS "source_id", ${utcText("MAX(LAST_ALTERED)")} AS "max_loaded_at", ${NOW} AS "snapshotted_at"
FROM ${infoSchema}
WHERE TABLE_SCHEMA = ${quoteLiteral(stored(r.schema, r.quoting?.schema), D)} AND TABLE_NAME = ${quoteLiteral(stored(r.identifier, r.quoting?.identifier), D)}`;
  },
  rowCountBranch(p) {
    return `SELECT ${quoteLiteral(p.id, D)} AS "model", COUNT(*) AS "row_count" FROM ${relationSql(p.relation)}`;
  },
  ping: 'SELECT 1 AS "ok"',
  unionAll(branches) {
    return branches.join("\nUNION ALL\n");
  },
  ensureHistory(adminSchema) {
    return [
      { sql: `CREATE SCHEMA IF NOT EXISTS ${ident(adminSchema, D, "admin schema")}`, purpose: "admin schema for Slipway state (idempotent)" },
      {
        sql: `CREATE TABLE IF NOT EXISTS ${history(adminSchema)} (
  RECORDED_AT TIMESTAMP_TZ NOT NULL,
  ENVIRONMENT VARCHAR NOT NULL,
  DEPLOY_ID VARCHAR,
  MODEL VARCHAR NOT NULL,
  RELATION VARCHAR,
  ROW_COUNT NUMBER(38, 0) NOT NULL,
  STATUS VARCHAR NOT NULL
)`,
        purpose: "row-count history, one row per model per recording (idempotent)"
      }
    ];
  },
  insertHistory(adminSchema, rows) {
    const binds = [];
    const values = rows.map((r) => {
      binds.push(r.recordedAt ?? null, r.environment, r.deployId ?? null, r.model, r.relation ?? null, r.rowCount, r.status);
      return `(COALESCE(TO_TIMESTAMP_TZ(?), CURRENT_TIMESTAMP()), ?, ?, ?, ?, ?, ?)`;
    });
    return {
      sql: `INSERT INTO ${history(adminSchema)} (${COLS.join(", ")})
VALUES
${values.join(",\n")}`,
      binds,
      purpose: `record ${rows.length} row count(s)`
    };
  },
  selectHistory(adminSchema, environment, models, window) {
    const inList = models.map((m) => quoteLiteral(m, D)).join(", ");
    return {
      sql: `SELECT "model", "row_count", "recorded_at" FROM (
  SELECT MODEL AS "model", ROW_COUNT AS "row_count", ${utcText("RECORDED_AT")} AS "recorded_at",
         ROW_NUMBER() OVER (PARTITION BY MODEL ORDER BY RECORDED_AT DESC) AS "rn"
  FROM ${history(adminSchema)}
  WHERE ENVIRONMENT = ${quoteLiteral(environment, D)} AND STATUS = 'ok' AND MODEL IN (${inList})
) AS h
WHERE "rn" <= ${Math.max(1, Math.floor(window))}
ORDER BY "model", "recorded_at" DESC`,
      purpose: "recent good row counts per model"
    };
  },
  historyExists(adminSchema) {
    return {
      sql: `SELECT COUNT(*) AS "n" FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ${quoteLiteral(resolveName(adminSchema, D), D)} AND TABLE_NAME = ${quoteLiteral(ROW_COUNT_HISTORY, D)}`,
      purpose: "does the row-count history exist yet"
    };
  }
};

// shared/dialects/postgres/freshness.ts
var D2 = "postgres";
var NOW2 = `to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`;
function part2(name, quoted) {
  return quoted === false ? ident(name, D2) : quoteIdent(name, D2);
}
function relationSql2(rel) {
  return `${part2(rel.schema, rel.quoting?.schema)}.${part2(rel.identifier, rel.quoting?.identifier)}`;
}
function history2(adminSchema) {
  return `${ident(adminSchema, D2, "admin schema")}.${ident(ROW_COUNT_HISTORY, D2)}`;
}
var postgresFreshness = {
  dialect: D2,
  hasLastAltered: false,
  relationSql: relationSql2,
  loadedAtBranch(p) {
    const where = p.filter ? `
WHERE (${p.filter})` : "";
    return `SELECT ${quoteLiteral(p.id, D2)} AS "source_id", (to_json(MAX(${p.loadedAtField})) #>> '{}') AS "max_loaded_at", ${NOW2} AS "snapshotted_at"
FROM ${relationSql2(p.relation)}${where}`;
  },
  lastAlteredBranch() {
    throw new UserError("PostgreSQL keeps no last-altered time for tables.", { hint: "Set loaded_at_field on the source (dbt) or loaded-at-field in slipway-freshness.yml." });
  },
  rowCountBranch(p) {
    return `SELECT ${quoteLiteral(p.id, D2)} AS "model", COUNT(*) AS "row_count" FROM ${relationSql2(p.relation)}`;
  },
  ping: 'SELECT 1 AS "ok"',
  unionAll(branches) {
    return branches.join("\nUNION ALL\n");
  },
  ensureHistory(adminSchema) {
    return [
      { sql: `CREATE SCHEMA IF NOT EXISTS ${ident(adminSchema, D2, "admin schema")}`, purpose: "admin schema for Slipway state (idempotent)" },
      {
        sql: `CREATE TABLE IF NOT EXISTS ${history2(adminSchema)} (
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  environment TEXT NOT NULL,
  deploy_id TEXT,
  model TEXT NOT NULL,
  relation TEXT,
  row_count BIGINT NOT NULL,
  status TEXT NOT NULL
)`,
        purpose: "row-count history, one row per model per recording (idempotent)"
      }
    ];
  },
  insertHistory(adminSchema, rows) {
    const binds = [];
    const values = rows.map((r) => {
      const base = binds.length;
      binds.push(r.recordedAt ?? null, r.environment, r.deployId ?? null, r.model, r.relation ?? null, r.rowCount, r.status);
      const p = (i) => `$${base + i}`;
      return `(COALESCE(${p(1)}::timestamptz, CURRENT_TIMESTAMP), ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::bigint, ${p(7)})`;
    });
    return {
      sql: `INSERT INTO ${history2(adminSchema)} (recorded_at, environment, deploy_id, model, relation, row_count, status)
VALUES
${values.join(",\n")}`,
      binds,
      purpose: `record ${rows.length} row count(s)`
    };
  },
  selectHistory(adminSchema, environment, models, window) {
    const inList = models.map((m) => quoteLiteral(m, D2)).join(", ");
    return {
      sql: `SELECT "model", "row_count", "recorded_at" FROM (
  SELECT model AS "model", row_count AS "row_count", to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS "recorded_at",
         ROW_NUMBER() OVER (PARTITION BY model ORDER BY recorded_at DESC) AS "rn"
  FROM ${history2(adminSchema)}
  WHERE environment = ${quoteLiteral(environment, D2)} AND status = 'ok' AND model IN (${inList})
) AS h
WHERE "rn" <= ${Math.max(1, Math.floor(window))}
ORDER BY "model", "recorded_at" DESC`,
      purpose: "recent good row counts per model"
    };
  },
  historyExists(adminSchema) {
    return {
      sql: `SELECT COUNT(*)::int AS "n" FROM information_schema.tables WHERE table_schema = ${quoteLiteral(resolveName(adminSchema, D2), D2)} AND table_name = ${quoteLiteral(resolveName(ROW_COUNT_HISTORY, D2), D2)}`,
      purpose: "does the row-count history exist yet"
    };
  }
};

// shared/dialects/freshness.ts
var ROW_COUNT_HISTORY = "ROW_COUNT_HISTORY";
function freshnessDialect(dialect) {
  return dialect === "snowflake" ? snowflakeFreshness : postgresFreshness;
}

// shared/freshness/batch.ts
async function runBranches(q, items, union, idColumn, ping) {
  const results = /* @__PURE__ */ new Map();
  let statements = 0;
  let first = true;
  const run = async (part3) => {
    if (part3.length === 0) return;
    statements++;
    try {
      const text = union(part3.map((p) => p.branch));
      const { rows } = await (q.queryOne ? q.queryOne(text) : q.query(text));
      first = false;
      for (const row of rows) {
        const key = String(row[idColumn]);
        results.set(key, { row });
      }
    } catch (err) {
      if (first && ping) {
        first = false;
        statements++;
        await q.query(ping).catch(() => {
          throw err;
        });
      }
      first = false;
      if (part3.length === 1) {
        results.set(part3[0].key, { error: oneLine(err) });
        return;
      }
      const mid = Math.ceil(part3.length / 2);
      await run(part3.slice(0, mid));
      await run(part3.slice(mid));
    }
  };
  await run(items);
  return { results, statements };
}
function oneLine(err) {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s+/g, " ").trim().slice(0, 500);
}

// shared/freshness/freshness.ts
var RANK = { "runtime error": 0, error: 1, warn: 2, pass: 3 };
function isFailing(verdict, failOn) {
  return verdict === "error" || verdict === "runtime error" || failOn === "warn" && verdict === "warn";
}
function buildReport(mode, failOn, results, extra = {}) {
  const full = results.map((r) => ({ ...r, failing: isFailing(r.verdict, failOn) }));
  full.sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || (b.ageSeconds ?? Infinity) - (a.ageSeconds ?? Infinity) || a.uniqueId.localeCompare(b.uniqueId));
  const count = (v) => full.filter((r) => r.verdict === v).length;
  const failingCount = full.filter((r) => r.failing).length;
  const warn = count("warn");
  return {
    kind: "freshness",
    mode,
    failOn,
    passed: failingCount === 0,
    verdict: failingCount > 0 ? "fail" : warn > 0 ? "warn" : "pass",
    counts: { pass: count("pass"), warn, error: count("error"), runtimeError: count("runtime error"), skipped: extra.skipped?.length ?? 0 },
    failingCount,
    results: full,
    skipped: extra.skipped ?? [],
    statements: extra.statements ?? 0,
    notes: extra.notes ?? [],
    generatedAt: (extra.now ?? /* @__PURE__ */ new Date()).toISOString()
  };
}
function judged(base, maxLoadedAt, evaluatedAt) {
  const age = (evaluatedAt.getTime() - maxLoadedAt.getTime()) / 1e3;
  const { verdict, threshold: threshold2 } = verdictFor(age, base);
  const msg = verdict === "pass" ? `Fresh: last loaded ${formatAge(age)} ago (warn after ${formatThreshold(base.warnAfter)}, error after ${formatThreshold(base.errorAfter)}).` : `${verdict === "error" ? "Stale" : "Late"}: last loaded ${formatAge(age)} ago, more than the ${verdict} threshold of ${formatThreshold(threshold2)}.`;
  return { ...base, verdict, ageSeconds: Math.round(age * 1e3) / 1e3, maxLoadedAt: maxLoadedAt.toISOString(), evaluatedAt: evaluatedAt.toISOString(), threshold: threshold2, message: msg };
}
function runtimeError(base, message) {
  return { ...base, verdict: "runtime error", message };
}
function freshnessFromSourcesJson(opts) {
  const config = opts.config ?? {};
  const failOn = opts.failOn ?? config["fail-on"] ?? "error";
  const evaluateAt = opts.evaluateAt ?? config["evaluate-at"] ?? "snapshot";
  const now = opts.now ?? /* @__PURE__ */ new Date();
  const notes = [];
  const results = [];
  const skipped = [];
  const sv = schemaVersion(opts.sources.metadata);
  if (sv && sv.version > 3) notes.push(`sources.json uses schema v${sv.version}; Slipway knows v1–v3 and read it best-effort.`);
  const m = opts.manifest;
  if (m) {
    const mv = m.metadata?.dbt_version;
    const sv2 = opts.sources.metadata?.dbt_version;
    if (mv && sv2 && mv !== sv2) notes.push(`sources.json was written by dbt ${sv2} but the manifest by dbt ${mv}; regenerate both with one dbt version if results look wrong.`);
  }
  const byId = /* @__PURE__ */ new Map();
  for (const r of opts.sources.results ?? []) if (r && typeof r.unique_id === "string") byId.set(r.unique_id, r);
  let wanted;
  if (m) {
    const sel = selectSlas(m, config);
    skipped.push(...sel.skipped);
    wanted = sel.checked.map((s) => ({ uniqueId: s.uniqueId, name: s.name, sla: s }));
    const known = new Set(Object.keys(m.sources ?? {}));
    const foreign = [...byId.keys()].filter((id) => !known.has(id));
    for (const id of foreign) {
      results.push(
        runtimeError(
          { uniqueId: id, name: id.split(".").slice(-2).join("."), method: "sources.json" },
          `sources.json has a result for ${id}, which is not a source of this project's manifest (${m.metadata?.project_name ?? "unknown project"}): the file is from another project or an older version of it. Regenerate it with \`dbt source freshness\` in this project.`
        )
      );
    }
    if (foreign.length) notes.push(`${foreign.length} result(s) in sources.json do not belong to this manifest.`);
  } else {
    wanted = [...byId.values()].map((r) => ({ uniqueId: r.unique_id, name: r.unique_id.split(".").slice(-2).join(".") }));
  }
  for (const w of wanted) {
    const r = byId.get(w.uniqueId);
    if (!m && isIgnored(config.ignore, w.uniqueId, w.name)) {
      skipped.push({ uniqueId: w.uniqueId, name: w.name, reason: "ignored by the Slipway config" });
      continue;
    }
    let warnAfter = w.sla?.warnAfter;
    let errorAfter = w.sla?.errorAfter;
    let filter = w.sla?.filter;
    if (!m && r) {
      const fake = { unique_id: w.uniqueId, name: w.name.split(".").pop(), source_name: w.name.split(".")[0], resource_type: "source", package_name: "", freshness: r.criteria, loaded_at_field: "x" };
      const s = slaForSource(fake, config);
      if ("skip" in s) {
        skipped.push({ uniqueId: w.uniqueId, name: w.name, reason: s.skip });
        continue;
      }
      warnAfter = s.warnAfter;
      errorAfter = s.errorAfter;
      filter = s.filter;
    }
    const base = { uniqueId: w.uniqueId, name: w.name, method: "sources.json", warnAfter, errorAfter, filter, query: "dbt source freshness (sources.json)" };
    if (!r) {
      results.push(runtimeError(base, `No result for this source in sources.json, but it has a freshness SLA. The file is stale or \`dbt source freshness\` ran with --select; rerun it for all sources.`));
      continue;
    }
    if (r.status === "runtime error" || r.error && !r.max_loaded_at) {
      results.push(runtimeError(base, `dbt could not measure this source: ${String(r.error ?? r.message ?? "runtime error").trim()}`));
      continue;
    }
    const loaded = parseTimestamp(r.max_loaded_at);
    const snap = parseTimestamp(r.snapshotted_at);
    if (!loaded) {
      results.push(runtimeError(base, `sources.json has no usable max_loaded_at for this source (${JSON.stringify(r.max_loaded_at ?? null)}).`));
      continue;
    }
    const at = evaluateAt === "now" ? now : snap ?? now;
    const res = judged(base, loaded, at);
    if (!m && !opts.config?.sources && r.status && r.status !== res.verdict && ["pass", "warn", "error"].includes(r.status)) {
      notes.push(`${w.uniqueId}: dbt said ${r.status}, Slipway computed ${res.verdict}.`);
    }
    results.push(res);
  }
  return buildReport("sources-json", failOn, results, { skipped, notes, now });
}
function planSources(dialect, slas) {
  return slas.map((sla) => {
    const method = sla.loadedAtField ? "loaded_at_field" : "last_altered";
    const fail = (problem) => ({ sla, method, problem });
    if (!sla.relation.schema) return fail("The source has no schema in the manifest.");
    if (sla.loadedAtField) {
      const p = checkSqlExpression(sla.loadedAtField);
      if (p) return fail(`loaded_at_field \`${sla.loadedAtField}\` is not a usable SQL expression: ${p}.`);
      if (sla.filter) {
        const f = checkSqlExpression(sla.filter);
        if (f) return fail(`freshness filter \`${sla.filter}\` is not a usable SQL expression: ${f}.`);
      }
      try {
        return { sla, method, branch: dialect.loadedAtBranch({ id: sla.uniqueId, relation: sla.relation, loadedAtField: sla.loadedAtField, filter: sla.filter }) };
      } catch (err) {
        return fail(err.message);
      }
    }
    if (sla.loadedAtQuery) {
      return fail("This source uses loaded_at_query, which Slipway does not run in warehouse mode. Use sources-json mode (dbt source freshness), or set loaded-at-field for it in slipway-freshness.yml.");
    }
    if (!dialect.hasLastAltered) {
      return fail(`The source has no loaded_at_field, and ${dialect.dialect} keeps no last-altered time for tables. Set loaded_at_field in the source's YAML, or loaded-at-field for it in slipway-freshness.yml.`);
    }
    try {
      return { sla, method, branch: dialect.lastAlteredBranch({ id: sla.uniqueId, relation: sla.relation }) };
    } catch (err) {
      return fail(err.message);
    }
  });
}
function planFreshnessStatements(dialectName, opts) {
  const dialect = freshnessDialect(dialectName);
  const sel = selectSlas(opts.manifest, opts.config ?? {});
  const planned = planSources(dialect, sel.checked);
  const branches = planned.filter((p) => p.branch).map((p) => p.branch);
  const statements = chunkBranches(branches, opts, opts.config).map((b) => ({ sql: dialect.unionAll(b), purpose: `measure freshness of ${b.length} source(s) in one statement` }));
  return { statements, planned, skipped: sel.skipped };
}
function chunkBranches(branches, opts, config) {
  const maxN = opts.maxSourcesPerStatement ?? config?.["max-sources-per-statement"] ?? 500;
  const maxChars = opts.maxStatementChars ?? 9e5;
  const out = [];
  let cur = [];
  let len = 0;
  for (const b of branches) {
    if (cur.length && (cur.length >= maxN || len + b.length + 11 > maxChars)) {
      out.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(b);
    len += b.length + 11;
  }
  if (cur.length) out.push(cur);
  return out;
}
async function measureFreshness(warehouse, opts) {
  const config = opts.config ?? {};
  const failOn = opts.failOn ?? config["fail-on"] ?? "error";
  const dialect = freshnessDialect(warehouse.dialect);
  const sel = selectSlas(opts.manifest, config);
  const planned = planSources(dialect, sel.checked);
  const results = [];
  const toRun = planned.filter((p) => p.branch);
  for (const p of planned) {
    if (p.problem) results.push(runtimeError(baseOf(p), p.problem));
  }
  const batches = chunkBranches(toRun.map((p) => p.branch), opts, config);
  const byBranch = new Map(toRun.map((p) => [p.branch, p]));
  let statements = 0;
  for (const batch of batches) {
    const items = batch.map((b) => ({ key: byBranch.get(b).sla.uniqueId, branch: b }));
    const out = await runBranches(warehouse, items, (b) => dialect.unionAll(b), "source_id", dialect.ping);
    statements += out.statements;
    for (const branch of batch) {
      const p = byBranch.get(branch);
      const base = baseOf(p);
      const got = out.results.get(p.sla.uniqueId);
      if (!got || "error" in got) {
        results.push(runtimeError(base, got && "error" in got ? `The warehouse refused the measuring query: ${got.error}` : "The measuring query returned no row for this source."));
        continue;
      }
      const row = got.row;
      const snap = parseTimestamp(row.snapshotted_at) ?? /* @__PURE__ */ new Date();
      if (row.max_loaded_at === null || row.max_loaded_at === void 0) {
        if (p.method === "last_altered") {
          results.push(runtimeError(base, `The table was not found in INFORMATION_SCHEMA.TABLES (it does not exist, or the role cannot see it).`));
        } else {
          const { verdict, threshold: threshold2 } = verdictFor(Number.POSITIVE_INFINITY, base);
          results.push({
            ...base,
            verdict,
            threshold: threshold2,
            evaluatedAt: snap.toISOString(),
            message: `${verdict === "error" ? "Stale" : "Late"}: MAX(${p.sla.loadedAtField}) is NULL (the table is empty${p.sla.filter ? " or the filter matched no rows" : ""}); like dbt, Slipway counts that as never loaded.`
          });
        }
        continue;
      }
      const loaded = parseTimestamp(row.max_loaded_at);
      if (!loaded) {
        results.push(runtimeError(base, `loaded_at_field \`${p.sla.loadedAtField}\` is not a timestamp: its MAX is ${JSON.stringify(String(row.max_loaded_at)).slice(0, 80)}. Point loaded_at_field at a timestamp column (or cast it).`));
        continue;
      }
      results.push(judged(base, loaded, snap));
    }
  }
  return buildReport("warehouse", failOn, results, { skipped: sel.skipped, statements });
}
function baseOf(p) {
  return { uniqueId: p.sla.uniqueId, name: p.sla.name, method: p.method, query: p.branch, filter: p.sla.filter, warnAfter: p.sla.warnAfter, errorAfter: p.sla.errorAfter };
}

// shared/github/publish.ts
async function publishReport(o) {
  if (o.jobSummary !== false) await o.rt.appendSummary(o.markdown);
  const fullReportAt = o.runUrl ? `the job summary of [this workflow run](${o.runUrl})` : "the job summary of this workflow run";
  const out = {};
  if (o.issueNumber !== void 0) {
    out.comment = await o.reporter.upsertStickyComment({ ...o.repo, issueNumber: o.issueNumber, marker: o.marker, body: o.markdown, fullReportAt });
  }
  if (o.check) {
    const handle = await o.reporter.startCheckRun({ ...o.repo, name: o.check.name, headSha: o.check.headSha, detailsUrl: o.check.detailsUrl ?? o.runUrl });
    await handle.complete({ conclusion: o.check.conclusion, title: o.check.title, summary: o.markdown, annotations: o.check.annotations, fullReportAt });
    out.checkRunId = handle.id || void 0;
  }
  return out;
}

// shared/freshness/report.ts
var ICON = { pass: "✅", warn: "⚠️", error: "❌", "runtime error": "💥", fail: "❌" };
var cell = (s) => (s ?? "—").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
var num = (n) => Number.isFinite(n) ? n.toLocaleString("en-US") : "∞";
function freshnessHeadline(r) {
  const c = r.counts;
  const parts = [`${c.pass} pass`, `${c.warn} warn`, `${c.error} error`, `${c.runtimeError} runtime error`];
  const verdict = r.passed ? r.verdict === "warn" ? "passed with warnings" : "passed" : `failed (${r.failingCount} source${r.failingCount === 1 ? "" : "s"} at or past fail-on: ${r.failOn})`;
  return `Source freshness ${verdict}: ${parts.join(", ")}${c.skipped ? `; ${c.skipped} without an SLA skipped` : ""}.`;
}
function rowCountHeadline(r) {
  const ok = r.findings.length - r.failingCount;
  return `Row counts ${r.passed && r.errors.length === 0 ? "passed" : "failed"}: ${ok} within range, ${r.failingCount} anomalous${r.errors.length ? `, ${r.errors.length} not countable` : ""}${r.ignored.length ? `, ${r.ignored.length} ignored` : ""}.`;
}
function freshnessMarkdown(r, title = "Source freshness") {
  const lines = [`### ${r.passed ? r.verdict === "warn" ? "⚠️" : "✅" : "❌"} ${title}`, "", freshnessHeadline(r), ""];
  if (r.results.length) {
    lines.push("| | Source | Age | Warn after | Error after | Max loaded at | Details |", "|---|---|---|---|---|---|---|");
    for (const s of r.results) {
      lines.push(`| ${ICON[s.verdict]} ${s.verdict} | \`${cell(s.name)}\` | ${formatAge(s.ageSeconds)} | ${formatThreshold(s.warnAfter)} | ${formatThreshold(s.errorAfter)} | ${cell(s.maxLoadedAt)} | ${cell(s.message)} |`);
    }
    lines.push("");
  }
  const withSql = r.results.filter((s) => s.failing && s.query && s.method !== "sources.json");
  if (withSql.length) {
    lines.push("<details><summary>Queries used for failing sources</summary>", "");
    for (const s of withSql) lines.push(`\`${s.uniqueId}\``, "", "```sql", s.query, "```", "");
    lines.push("</details>", "");
  }
  if (r.notes.length) lines.push(...r.notes.map((n) => `> ${n}`), "");
  if (r.skipped.length) lines.push(`<details><summary>${r.skipped.length} source(s) not checked</summary>`, "", ...r.skipped.map((s) => `- \`${s.name}\`: ${s.reason}`), "", "</details>", "");
  return lines.join("\n");
}
function rowCountMarkdown(r, title = "Row-count anomalies") {
  const lines = [`### ${r.passed && !r.errors.length ? "✅" : "❌"} ${title}`, "", rowCountHeadline(r), ""];
  if (r.findings.length || r.errors.length) {
    lines.push("| | Model | Observed | Expected range | Rule | Baseline | Details |", "|---|---|---|---|---|---|---|");
    for (const e of r.errors) lines.push(`| 💥 error | \`${cell(e.model)}\` | — | — | — | — | ${cell(e.error)} |`);
    for (const f of r.findings) {
      const range = f.expected ? `${num(f.expected.low)}–${num(f.expected.high)}` : "—";
      const base = f.baseline.points ? `${f.baseline.points} pts, last ${num(f.baseline.last ?? 0)}${f.baseline.median !== void 0 ? `, median ${num(f.baseline.median)}` : ""}` : "none";
      lines.push(`| ${f.verdict === "fail" ? "❌ fail" : "✅ pass"} | \`${cell(f.model)}\` | ${num(f.observed)} | ${range} | ${f.rule} | ${base} | ${cell(f.message)} |`);
    }
    lines.push("");
  }
  if (r.ignored.length) lines.push(`Ignored: ${r.ignored.map((m) => `\`${m}\``).join(", ")}`, "");
  return lines.join("\n");
}
function freshnessText(r) {
  const out = [freshnessHeadline(r)];
  for (const s of r.results) out.push(`  ${s.verdict.padEnd(13)} ${s.name.padEnd(40)} age ${formatAge(s.ageSeconds).padEnd(7)} ${s.message}`);
  for (const n of r.notes) out.push(`  note: ${n}`);
  return out.join("\n");
}
function rowCountText(r) {
  const out = [rowCountHeadline(r)];
  for (const e of r.errors) out.push(`  error  ${e.model}: ${e.error}`);
  for (const f of r.findings) out.push(`  ${f.verdict.padEnd(5)}  ${f.model.padEnd(40)} ${f.rule.padEnd(17)} ${f.message}`);
  return out.join("\n");
}
function freshnessAnnotations(r, path = "models/sources.yml") {
  return r.results.filter((s) => s.failing || s.verdict === "warn").map((s) => ({
    path,
    start_line: 1,
    end_line: 1,
    annotation_level: s.failing ? "failure" : "warning",
    title: `${s.verdict}: ${s.name}`,
    message: s.message,
    raw_details: s.query
  }));
}
function rowCountAnnotations(r, path = "dbt_project.yml") {
  return [
    ...r.errors.map((e) => ({ path, start_line: 1, end_line: 1, annotation_level: "failure", title: `row count: ${e.model}`, message: `Could not count rows: ${e.error}` })),
    ...r.findings.filter((f) => f.verdict === "fail").map((f) => ({ path, start_line: 1, end_line: 1, annotation_level: "failure", title: `row-count anomaly (${f.rule}): ${f.model}`, message: f.message }))
  ];
}
function gatePassed(freshness, rowCounts) {
  return (freshness?.passed ?? true) && (rowCounts ? rowCounts.passed && rowCounts.errors.length === 0 : true);
}
async function publishReports(opts) {
  const { rt } = opts;
  const md = [opts.freshness ? freshnessMarkdown(opts.freshness) : "", opts.rowCounts ? rowCountMarkdown(opts.rowCounts) : ""].filter(Boolean).join("\n");
  const annotations = [];
  if (opts.freshness) {
    for (const s of opts.freshness.results) {
      annotations.push(...freshnessAnnotations({ ...opts.freshness, results: [s] }, opts.sourcePaths?.[s.uniqueId] ?? "models/sources.yml"));
    }
  }
  if (opts.rowCounts) annotations.push(...rowCountAnnotations(opts.rowCounts));
  for (const a of annotations) rt.annotate(a.annotation_level === "failure" ? "error" : "warning", a.message, { title: a.title });
  if (!opts.github) {
    await rt.appendSummary(md);
    return;
  }
  const g = opts.github;
  const passed = gatePassed(opts.freshness, opts.rowCounts);
  const title = [opts.freshness ? freshnessHeadline(opts.freshness) : "", opts.rowCounts ? rowCountHeadline(opts.rowCounts) : ""].filter(Boolean).join(" ");
  await publishReport({
    rt,
    reporter: g.reporter,
    repo: g.repo,
    marker: `slipway-${g.checkName.replace(/[^A-Za-z0-9_-]+/g, "-").toLowerCase()}`,
    markdown: md,
    issueNumber: g.commentOn,
    runUrl: g.runUrl,
    check: { name: g.checkName, headSha: g.headSha, conclusion: passed ? "success" : "failure", title: title.length > 200 ? title.slice(0, 197) + "…" : title, annotations }
  });
}

export {
  freshnessDialect,
  formatAge,
  runBranches,
  freshnessFromSourcesJson,
  planFreshnessStatements,
  measureFreshness,
  freshnessHeadline,
  rowCountHeadline,
  freshnessText,
  rowCountText,
  gatePassed,
  publishReports
};
