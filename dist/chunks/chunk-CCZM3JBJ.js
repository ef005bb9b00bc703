import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  prTag,
  selectNodes
} from "./chunk-EQ7NBDB3.js";
import {
  adapterOf,
  catalogIdentifierName,
  catalogSchemaName,
  effectiveQuoting,
  quotingFromManifest
} from "./chunk-MP6FIDRT.js";
import {
  loadManifest,
  loadRunResults
} from "./chunk-545Z3XKG.js";
import {
  evaluateGate,
  parseFailOn,
  rowLossPct
} from "./chunk-2PTZB4HT.js";
import {
  code,
  details,
  escapeHtml,
  escapeMarkdown,
  table
} from "./chunk-7EY7NJ5E.js";
import {
  runStatement
} from "./chunk-JK3NYHQT.js";
import {
  quoteIdent,
  quoteLiteral
} from "./chunk-YTHL6NVM.js";
import {
  GateFailure,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/impact/pr.ts
import { existsSync } from "node:fs";

// shared/impact/report.ts
var n = (x) => x.toLocaleString("en-US");
var pct = (x) => `${(x * 100).toFixed(1)} %`;
function rowDelta(m) {
  if (!m.rows) return "";
  const { prod, pr } = m.rows;
  const d = prod ? (pr - prod) / prod * 100 : 0;
  return `rows ${n(prod)} → ${n(pr)}${prod && pr !== prod ? ` (${d > 0 ? "+" : ""}${d.toFixed(1)} %)` : ""}${m.rows.window ? ` in the ${m.rows.window.narrowed ? "recent " : ""}${m.rows.window.column} window` : ""}`;
}
function schemaBits(m) {
  const bits = [];
  const s = m.schema;
  if (s.removed.length) {
    const used = s.removed.filter((c) => c.usedBy.length);
    bits.push(`${s.removed.length} column(s) removed${used.length ? ` (${used.length} used downstream)` : ""}`);
  }
  if (s.added.length && m.status !== "new") bits.push(`${s.added.length} added`);
  if (s.typeChanged.length) bits.push(`${s.typeChanged.length} type change(s)`);
  if (s.contract.length) bits.push(`${s.contract.length} contract change(s)`);
  return bits;
}
function modelLine(m, tripped) {
  const bits = [];
  let icon = "✅";
  if (m.status === "new") {
    icon = "🆕";
    bits.push(`new (${m.schema.added.length} columns)`);
  } else if (m.status === "skipped") {
    icon = "⏭️";
    bits.push(`not compared: ${m.notes[m.notes.length - 1] ?? "skipped"}`);
  } else if (m.status === "error") {
    icon = "⚠️";
    bits.push(m.notes[m.notes.length - 1] ?? "error");
  } else {
    bits.push(rowDelta(m));
    if (m.keys) {
      const k = m.keys;
      bits.push(`keys +${n(k.added)} −${n(k.removed)} ~${n(k.changed)} changed`);
      if (k.prDuplicates) bits.push(`${n(k.prDuplicates)} duplicate key row(s)`);
      if (k.prNullKeys) bits.push(`${n(k.prNullKeys)} NULL key(s)`);
    } else bits.push("no key");
    const changed = m.columns.filter((c) => (c.changedValues ?? 0) > 0).length;
    if (changed) bits.push(`${changed} column(s) with changed values`);
    bits.push(...schemaBits(m));
    const loss = rowLossPct(m);
    if (m.keys && (m.keys.prDuplicates || m.keys.prNullKeys) || (loss ?? 0) > 0 || m.schema.removed.length || m.schema.typeChanged.length) icon = "⚠️";
  }
  if (tripped.has(m.name)) icon = "❌";
  return { icon, text: bits.filter(Boolean).join(" · ") };
}
function modelDetails(m) {
  const parts = [];
  parts.push(`PR ${code(m.prRelation)}${m.prodRelation ? ` vs production ${code(m.prodRelation)}` : ""}${m.reason === "child" ? " (child of a modified model)" : ""}`);
  if (m.rows?.window) {
    const w = m.rows.window;
    parts.push(`Compared window of ${code(w.column)}: ${escapeMarkdown(w.from ?? "—")} … ${escapeMarkdown(w.to ?? "—")}${m.rows.prodTotal !== void 0 ? ` (whole relations: ${n(m.rows.prodTotal)} → ${n(m.rows.prTotal ?? 0)} rows)` : ""}`);
  }
  if (m.keys) {
    const k = m.keys;
    parts.push(`Key (${k.columns.map(code).join(", ")}, from ${k.from}): ${n(k.added)} added, ${n(k.removed)} removed, ${n(k.changed)} changed, ${n(k.unchanged)} unchanged; PR duplicates ${n(k.prDuplicates)} (production ${n(k.prodDuplicates)}), PR NULL keys ${n(k.prNullKeys)}`);
  }
  const s = m.schema;
  const schemaRows = [
    ...s.removed.map((c) => ["removed", c.name, c.type, c.usedBy.join(", ")]),
    ...m.status === "new" ? [] : s.added.map((c) => ["added", c.name, c.type, ""]),
    ...s.typeChanged.map((c) => ["type changed", c.name, `${c.from} → ${c.to}`, ""]),
    ...s.contract.map((c) => ["contract", "", c, ""])
  ];
  if (schemaRows.length) parts.push(table(["Schema", "Column", "Type", "Used by"], schemaRows));
  if (m.columns.length) {
    parts.push(
      table(
        ["Column", "Changed values", "NULL rate (prod → PR)", "Distinct (prod → PR)"],
        m.columns.map((c) => [
          `${c.name}${c.sensitive ? " 🔒" : ""}`,
          c.changedValues === void 0 ? "" : n(c.changedValues),
          `${pct(c.prodNullRate ?? 0)} → ${pct(c.prNullRate ?? 0)}`,
          `${n(c.prodDistinct ?? 0)} → ${n(c.prDistinct ?? 0)}`
        ]),
        { align: ["left", "right", "right", "right"] }
      )
    );
  }
  if (m.samples?.length) {
    parts.push(
      table(
        ["Sample", "Key", "Changed (prod → PR)"],
        m.samples.map((r) => [r.kind, r.key ? Object.values(r.key).join(", ") : "(sensitive)", Object.entries(r.values ?? {}).map(([c, [a, b]]) => `${c}: ${a ?? "NULL"} → ${b ?? "NULL"}`).join("; ")])
      )
    );
  }
  if (m.notes.length) parts.push(m.notes.map((x) => `- ${escapeMarkdown(x)}`).join("\n"));
  parts.push(`Cost: ${m.cost.statements} statement(s), ${n(m.cost.ms)} ms`);
  return parts.join("\n\n");
}
function receiptLine(r) {
  const bits = [`Slipway ${r.slipway.statements} statement(s), ${(r.slipway.ms / 1e3).toFixed(1)} s`];
  if (r.dbt) bits.push(`dbt ${r.dbt.nodes} node(s), ${r.dbt.seconds.toFixed(1)} s`);
  if (r.warehouse) bits.push(`warehouse ${r.warehouse.queries} tagged quer${r.warehouse.queries === 1 ? "y" : "ies"}, ${r.warehouse.executionSeconds.toFixed(1)} s executing, ~${r.warehouse.estimatedComputeCredits.toFixed(4)} compute + ${r.warehouse.cloudServicesCredits.toFixed(4)} cloud-services credits`);
  return bits.join(" · ");
}
function impactMarkdown(report) {
  const tripped = new Set(report.gate.tripped.map((t) => t.model));
  const out = ["### Data impact"];
  if (!report.models.length) out.push("No modified model to compare.");
  for (const m of report.models) {
    const l = modelLine(m, tripped);
    out.push(`- ${l.icon} ${code(m.name)} ${escapeHtml(l.text)}`.replace(/\s+$/, ""));
  }
  const withDetails = report.models.filter((m) => m.status !== "skipped" || m.notes.length);
  if (withDetails.length) out.push("", details("Details per model", withDetails.map((m) => `#### ${escapeMarkdown(m.name)}

${modelDetails(m)}`).join("\n\n")));
  out.push("", `<sub>Cost: ${escapeHtml(receiptLine(report.receipt))}${report.receipt.tag ? ` · tag ${code(report.receipt.tag)}` : ""}. Only aggregates left the warehouse.</sub>`);
  if (report.gate.rules.length) {
    out.push(
      "",
      report.gate.passed ? `**Impact gate passed** (${report.gate.rules.join(", ")}).` : `**Impact gate failed** (${report.gate.rules.join(", ")}):
${report.gate.tripped.map((t) => `- ${code(t.model)}: ${escapeHtml(t.message)} (${t.rule})`).join("\n")}`
    );
  }
  return out.join("\n");
}
function impactText(report) {
  const tripped = new Set(report.gate.tripped.map((t) => t.model));
  const out = [`Data impact (${report.models.length} model(s)):`];
  for (const m of report.models) {
    const l = modelLine(m, tripped);
    out.push(`  ${l.icon} ${m.name}: ${l.text}`);
    for (const c of m.schema.removed) out.push(`      removed column ${c.name} (${c.type})${c.usedBy.length ? ` used by ${c.usedBy.join(", ")}` : ""}`);
    for (const c of m.schema.typeChanged) out.push(`      ${c.name}: ${c.from} → ${c.to}`);
    for (const c of m.schema.contract) out.push(`      ${c}`);
  }
  out.push(`Cost: ${receiptLine(report.receipt)}`);
  if (report.receipt.note) out.push(`  (${report.receipt.note})`);
  if (report.gate.rules.length) {
    out.push(report.gate.passed ? `Gate passed (${report.gate.rules.join(", ")}).` : `Gate FAILED (${report.gate.rules.join(", ")}):`);
    for (const t of report.gate.tripped) out.push(`  ${t.model}: ${t.message} [${t.rule}]`);
  }
  return out.join("\n");
}

// shared/dialects/postgres/impact.ts
var D = "postgres";
var NO_EQUALITY = /^(json|xml|point|line|lseg|box|path|polygon|circle)\b|\[\]$/i;
var postgresImpact = {
  dialect: D,
  relation(r) {
    return `${quoteIdent(r.schema, D, "schema")}.${quoteIdent(r.name, D, "relation")}`;
  },
  text(expr) {
    return `CAST(${expr} AS text)`;
  },
  countDistinctTuple(exprs, cond) {
    const notNull = exprs.map((e) => `${e} IS NOT NULL`).join(" AND ");
    const tuple = exprs.length === 1 ? exprs[0] : `ROW(${exprs.join(", ")})`;
    return `COUNT(DISTINCT CASE WHEN ${cond ? `${cond} AND ` : ""}${notNull} THEN ${tuple} END)`;
  },
  minusDays(expr, days) {
    return `(${expr} - INTERVAL '1 day' * ${Math.max(0, Math.floor(days))})`;
  },
  needsText(type) {
    return NO_EQUALITY.test(type.trim());
  },
  describe(relations) {
    const pairs = relations.map((r) => `(${quoteLiteral(r.schema, D)}, ${quoteLiteral(r.name, D)})`);
    return {
      sql: `SELECT n.nspname AS "schema", c.relname AS "name", CAST(c.relkind AS text) AS "kind",
  CASE WHEN c.reltuples >= 0 THEN CAST(c.reltuples AS bigint) END AS "rows", pg_total_relation_size(c.oid) AS "bytes",
  a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type", a.attnum AS "position"
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE (n.nspname, c.relname) IN (${pairs.join(", ")})
ORDER BY 1, 2, a.attnum`,
      purpose: `columns, kind and size of ${relations.length} relation(s), in one statement`
    };
  },
  sessionSetup({ timeoutSeconds, tag }) {
    const out = [];
    if (timeoutSeconds && timeoutSeconds > 0) out.push({ sql: `SET statement_timeout = ${Math.floor(timeoutSeconds * 1e3)}`, purpose: "per-statement time limit" });
    if (tag) out.push({ sql: `SET application_name = ${quoteLiteral(tag.slice(0, 63), D)}`, purpose: "tag the session with the PR's tag" });
    return out;
  },
  sessionReset() {
    return [{ sql: "RESET statement_timeout" }, { sql: "RESET application_name" }];
  }
};

// shared/dialects/snowflake/impact.ts
var D2 = "snowflake";
var NO_EQUALITY2 = /^(GEOGRAPHY|GEOMETRY|VECTOR)\b/i;
function relation(r) {
  return [r.database, r.schema, r.name].filter((p) => !!p).map((p) => quoteIdent(p, D2)).join(".");
}
var snowflakeImpact = {
  dialect: D2,
  relation,
  text(expr) {
    return `TO_VARCHAR(${expr})`;
  },
  countDistinctTuple(exprs, cond) {
    return `COUNT(DISTINCT ${exprs.map((e) => cond ? `CASE WHEN ${cond} THEN ${e} END` : e).join(", ")})`;
  },
  minusDays(expr, days) {
    return `DATEADD('day', ${-Math.max(0, Math.floor(days))}, ${expr})`;
  },
  needsText(type) {
    return NO_EQUALITY2.test(type.trim());
  },
  describe(relations) {
    const byDb = /* @__PURE__ */ new Map();
    for (const r of relations) byDb.set(r.database ?? "", [...byDb.get(r.database ?? "") ?? [], r]);
    const branches = [...byDb].map(([db, rels]) => {
      const info = (view) => db ? `${quoteIdent(db, D2)}.INFORMATION_SCHEMA.${view}` : `INFORMATION_SCHEMA.${view}`;
      const where = rels.map((r) => `(c.TABLE_SCHEMA = ${quoteLiteral(r.schema, D2)} AND c.TABLE_NAME = ${quoteLiteral(r.name, D2)})`).join("\n   OR ");
      return `SELECT ${quoteLiteral(db, D2)} AS "database", c.TABLE_SCHEMA AS "schema", c.TABLE_NAME AS "name", t.TABLE_TYPE AS "kind", t.ROW_COUNT AS "rows", t.BYTES AS "bytes",
  c.COLUMN_NAME AS "column",
  c.DATA_TYPE || COALESCE('(' || c.NUMERIC_PRECISION || ',' || c.NUMERIC_SCALE || ')', '(' || c.CHARACTER_MAXIMUM_LENGTH || ')', '') AS "type",
  c.ORDINAL_POSITION AS "position"
FROM ${info("COLUMNS")} AS c
JOIN ${info("TABLES")} AS t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE ${where}`;
    });
    return { sql: `${branches.join("\nUNION ALL\n")}
ORDER BY 2, 3, 9`, purpose: `columns, kind and size of ${relations.length} relation(s), in one statement` };
  },
  sessionSetup({ timeoutSeconds, tag }) {
    const out = [];
    if (timeoutSeconds && timeoutSeconds > 0) out.push({ sql: `ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = ${Math.floor(timeoutSeconds)}`, purpose: "per-statement time limit" });
    if (tag) out.push({ sql: `ALTER SESSION SET QUERY_TAG = ${quoteLiteral(JSON.stringify({ tool: "slipway", action: "impact", run: tag }).slice(0, 2e3), D2)}`, purpose: "tag the session with the PR's tag" });
    return out;
  },
  sessionReset() {
    return [];
  },
  queryHistory(tag) {
    return {
      sql: `SELECT COUNT(*) AS "queries", COALESCE(SUM(TOTAL_ELAPSED_TIME), 0) AS "elapsed_ms", COALESCE(SUM(EXECUTION_TIME), 0) AS "execution_ms",
  COALESCE(SUM(CREDITS_USED_CLOUD_SERVICES), 0) AS "cloud_credits", WAREHOUSE_SIZE AS "size"
FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY(END_TIME_RANGE_START => DATEADD('day', -7, CURRENT_TIMESTAMP()), RESULT_LIMIT => 10000))
WHERE CONTAINS(QUERY_TAG, ${quoteLiteral(tag, D2)})
GROUP BY WAREHOUSE_SIZE`,
      purpose: "the PR's warehouse time and credits, from query history by tag"
    };
  }
};

// shared/dialects/impact.ts
function impactDialect(dialect) {
  return dialect === "snowflake" ? snowflakeImpact : postgresImpact;
}
var Q = (name, d) => quoteIdent(name, d);
var sumIf = (cond) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
var and = (...parts) => {
  const p = parts.filter((x) => !!x);
  return p.length ? p.join(" AND ") : void 0;
};
var A = {
  total: (s) => `${s}_total`,
  rows: (s) => `${s}_rows`,
  nulls: (s, i) => `${s}_null_${i}`,
  distinct: (s, i) => `${s}_distinct_${i}`,
  keyNulls: (s, i) => `${s}_knull_${i}`,
  keyDistinct: (s, i) => `${s}_kdistinct_${i}`,
  keyRows: (s) => `${s}_key_rows`,
  keyTuples: (s) => `${s}_key_distinct`,
  nullKeys: (s) => `${s}_null_keys`,
  added: "added",
  removed: "removed",
  changed: "changed",
  unchanged: "unchanged",
  changedCol: (i) => `changed_${i}`,
  from: "w_from",
  to: "w_to"
};
function windowCte(x, s) {
  const d = x.dialect;
  const et = s.eventTime;
  const hi = `LEAST(${Q("b", d)}.${Q("hi", d)}, ${Q("p", d)}.${Q("hi", d)})`;
  const los = [`${Q("b", d)}.${Q("lo", d)}`, `${Q("p", d)}.${Q("lo", d)}`];
  if (s.lookbackDays !== void 0) los.push(x.minusDays(hi, s.lookbackDays));
  return `${Q("w", d)} AS (
  SELECT GREATEST(${los.join(", ")}) AS ${Q("lo", d)}, ${hi} AS ${Q("hi", d)}
  FROM (SELECT MIN(${Q(et.prod, d)}) AS ${Q("lo", d)}, MAX(${Q(et.prod, d)}) AS ${Q("hi", d)} FROM ${x.relation(s.prod)}) AS ${Q("b", d)}
  CROSS JOIN (SELECT MIN(${Q(et.pr, d)}) AS ${Q("lo", d)}, MAX(${Q(et.pr, d)}) AS ${Q("hi", d)} FROM ${x.relation(s.pr)}) AS ${Q("p", d)}
)`;
}
function inWindow(x, s, side) {
  if (!s.eventTime) return void 0;
  const d = x.dialect;
  const col = `${Q("t", d)}.${Q(side === "b" ? s.eventTime.prod : s.eventTime.pr, d)}`;
  return `${col} >= ${Q("w", d)}.${Q("lo", d)} AND ${col} <= ${Q("w", d)}.${Q("hi", d)}`;
}
function fromSide(x, s, side) {
  const d = x.dialect;
  return `FROM ${x.relation(side === "b" ? s.prod : s.pr)} AS ${Q("t", d)}${s.eventTime ? ` CROSS JOIN ${Q("w", d)}` : ""}`;
}
function sideCte(x, s, side) {
  const d = x.dialect;
  const col = (c) => `${Q("t", d)}.${Q(side === "b" ? c.prod : c.pr, d)}`;
  const val = (c) => c.asText ? x.text(col(c)) : col(c);
  const narrowed = s.lookbackDays !== void 0;
  const w = narrowed ? void 0 : inWindow(x, s, side);
  const items = [`COUNT(*) AS ${Q(A.total(side), d)}`, `${w ? sumIf(w) : "COUNT(*)"} AS ${Q(A.rows(side), d)}`];
  s.columns.forEach((c, i) => {
    items.push(`${sumIf(and(w, `${col(c)} IS NULL`))} AS ${Q(A.nulls(side, i), d)}`);
    items.push(`COUNT(DISTINCT ${w ? `CASE WHEN ${w} THEN ${val(c)} END` : val(c)}) AS ${Q(A.distinct(side, i), d)}`);
  });
  const key = s.key ?? [];
  if (key.length) {
    key.forEach((c, i) => {
      items.push(`${sumIf(and(w, `${col(c)} IS NULL`))} AS ${Q(A.keyNulls(side, i), d)}`);
      if (key.length > 1) items.push(`COUNT(DISTINCT ${w ? `CASE WHEN ${w} THEN ${val(c)} END` : val(c)}) AS ${Q(A.keyDistinct(side, i), d)}`);
    });
    const allSet = key.map((c) => `${col(c)} IS NOT NULL`).join(" AND ");
    const anyNull = key.map((c) => `${col(c)} IS NULL`).join(" OR ");
    items.push(`${sumIf(and(w, allSet))} AS ${Q(A.keyRows(side), d)}`);
    items.push(`${x.countDistinctTuple(key.map(val), w)} AS ${Q(A.keyTuples(side), d)}`);
    items.push(`${sumIf(and(w, `(${anyNull})`))} AS ${Q(A.nullKeys(side), d)}`);
  }
  const where = narrowed ? `
  WHERE ${inWindow(x, s, side)}` : "";
  return `${Q(side === "b" ? "bs" : "ps", d)} AS (
  SELECT ${items.join(",\n    ")}
  ${fromSide(x, s, side)}${where}
)`;
}
function joined(x, s) {
  const d = x.dialect;
  const key = s.key;
  const side = (sd) => {
    const col = (c) => `${Q("t", d)}.${Q(sd === "b" ? c.prod : c.pr, d)}`;
    const val = (c) => c.asText ? x.text(col(c)) : col(c);
    const sel = [`1 AS ${Q(`__${sd}`, d)}`, ...key.map((c, i) => `${val(c)} AS ${Q(`k${i}`, d)}`), ...s.columns.map((c, i) => `${val(c)} AS ${Q(`c${i}`, d)}`)];
    const where = and(inWindow(x, s, sd), ...key.map((c) => `${col(c)} IS NOT NULL`));
    return `(SELECT ${sel.join(", ")}
    ${fromSide(x, s, sd)}
    WHERE ${where}) AS ${Q(sd, d)}`;
  };
  const on = key.map((_, i) => `${Q("b", d)}.${Q(`k${i}`, d)} = ${Q("p", d)}.${Q(`k${i}`, d)}`).join(" AND ");
  return `FROM ${side("b")}
  FULL OUTER JOIN ${side("p")}
  ON ${on}`;
}
function differs(x, i) {
  const d = x.dialect;
  return `${Q("b", d)}.${Q(`c${i}`, d)} IS DISTINCT FROM ${Q("p", d)}.${Q(`c${i}`, d)}`;
}
function anyDiffers(x, s) {
  return s.columns.length ? `(${s.columns.map((_, i) => differs(x, i)).join(" OR ")})` : "FALSE";
}
function compareStatement(x, s, label) {
  const d = x.dialect;
  const ctes = [];
  if (s.eventTime) ctes.push(windowCte(x, s));
  ctes.push(sideCte(x, s, "b"), sideCte(x, s, "p"));
  const finals = [`${Q("bs", d)}`, `${Q("ps", d)}`];
  if (s.key?.length) {
    const b = `${Q("b", d)}.${Q("__b", d)}`;
    const p = `${Q("p", d)}.${Q("__p", d)}`;
    const both = `${b} IS NOT NULL AND ${p} IS NOT NULL`;
    const items = [
      `${sumIf(`${b} IS NULL`)} AS ${Q(A.added, d)}`,
      `${sumIf(`${p} IS NULL`)} AS ${Q(A.removed, d)}`,
      `${sumIf(`${both} AND ${anyDiffers(x, s)}`)} AS ${Q(A.changed, d)}`,
      `${sumIf(`${both} AND NOT ${anyDiffers(x, s)}`)} AS ${Q(A.unchanged, d)}`,
      ...s.columns.map((_, i) => `${sumIf(`${both} AND ${differs(x, i)}`)} AS ${Q(A.changedCol(i), d)}`)
    ];
    ctes.push(`${Q("j", d)} AS (
  SELECT ${items.join(",\n    ")}
  ${joined(x, s)}
)`);
    finals.push(Q("j", d));
  }
  if (s.eventTime) {
    finals.push(`(SELECT ${x.text(Q("lo", d))} AS ${Q(A.from, d)}, ${x.text(Q("hi", d))} AS ${Q(A.to, d)} FROM ${Q("w", d)}) AS ${Q("wt", d)}`);
  }
  return {
    sql: `WITH ${ctes.join(",\n")}
SELECT *
FROM ${finals.join("\nCROSS JOIN ")}`,
    purpose: `impact of ${label}: counts, keys and columns in one aggregate statement`
  };
}
function sampleStatement(x, s, label) {
  const d = x.dialect;
  const b = `${Q("b", d)}.${Q("__b", d)}`;
  const p = `${Q("p", d)}.${Q("__p", d)}`;
  const kind = `CASE WHEN ${b} IS NULL THEN 'added' WHEN ${p} IS NULL THEN 'removed' ELSE 'changed' END`;
  const out = [`${kind} AS ${Q("kind", d)}`];
  if (s.showKey) s.key.forEach((_, i) => out.push(`${x.text(`COALESCE(${Q("b", d)}.${Q(`k${i}`, d)}, ${Q("p", d)}.${Q(`k${i}`, d)})`)} AS ${Q(`k${i}`, d)}`));
  s.columns.forEach((_, i) => {
    if (!s.showColumns[i]) return;
    out.push(`${x.text(`${Q("b", d)}.${Q(`c${i}`, d)}`)} AS ${Q(`b${i}`, d)}`, `${x.text(`${Q("p", d)}.${Q(`c${i}`, d)}`)} AS ${Q(`p${i}`, d)}`);
  });
  const limit = Math.max(1, Math.floor(s.limit));
  const order = s.showKey ? `1, ${s.key.map((_, i) => i + 2).join(", ")}` : "1";
  return {
    sql: `${s.eventTime ? `WITH ${windowCte(x, s)}
` : ""}SELECT ${out.join(",\n  ")}
${joined(x, s)}
WHERE ${b} IS NULL OR ${p} IS NULL OR ${anyDiffers(x, s)}
ORDER BY ${order}
LIMIT ${limit}`,
    purpose: `up to ${limit} sample rows of ${label} (opt-in; no sensitive column)`
  };
}

// shared/impact/run.ts
var DEFAULTS = { timeoutSeconds: 300, maxRows: 2e8, maxBytes: 100 * 1024 ** 3, lookbackDays: 7, concurrency: 4, maxSamples: 100 };
var num = (v) => v === null || v === void 0 || v === "" ? 0 : Number(v);
var relKey = (r, dialect) => `${dialect === "postgres" ? "" : r.database ?? ""}|${r.schema}|${r.name}`;
var relText = (d, r) => d.relation(r);
function findColumn(info, name) {
  if (info.columns.some((c) => c.name === name)) return name;
  const m = info.columns.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  return m.length === 1 ? m[0].name : void 0;
}
async function describeAll(q, d, relations, count) {
  const out = /* @__PURE__ */ new Map();
  if (!relations.length) return out;
  const stmt = d.describe(relations);
  count(stmt);
  for (const r of await runStatement(q, stmt)) {
    const key = relKey({ database: r.database || void 0, schema: String(r.schema), name: String(r.name) }, d.dialect);
    let info = out.get(key);
    if (!info) {
      info = { columns: [], estimatedRows: r.rows === null || r.rows === void 0 ? void 0 : num(r.rows), bytes: r.bytes === null || r.bytes === void 0 ? void 0 : num(r.bytes), kind: r.kind };
      out.set(key, info);
    }
    info.columns.push({ name: String(r.column), type: String(r.type), position: num(r.position) });
  }
  return out;
}
function isSensitive(t, col) {
  return t.sensitive.includes("*") || t.sensitive.some((s) => s.toLowerCase() === col.toLowerCase());
}
function plan(d, t, infos, opts) {
  const result = {
    uniqueId: t.uniqueId,
    name: t.name,
    reason: t.reason,
    status: "skipped",
    prRelation: relText(d, t.pr),
    prodRelation: t.prod ? relText(d, t.prod) : void 0,
    notes: [...t.notes],
    schema: { added: [], removed: [], typeChanged: [], contract: t.contract },
    columns: [],
    cost: { statements: 0, ms: 0 }
  };
  if (t.skip) {
    result.notes.push(t.skip);
    return { target: t, result };
  }
  const pr = infos.get(relKey(t.pr, d.dialect));
  if (!pr) {
    result.notes.push(`the PR relation ${result.prRelation} does not exist (was the model built into the PR schema?)`);
    return { target: t, result };
  }
  const prod = t.prod ? infos.get(relKey(t.prod, d.dialect)) : void 0;
  if (!t.prod || !prod) {
    result.status = "new";
    result.schema.added = pr.columns.map((c) => ({ name: c.name, type: c.type }));
    result.notes.push(t.prod ? `production relation ${result.prodRelation} does not exist: nothing to compare with` : "new model: production has no such model");
    return { target: t, result };
  }
  if (d.dialect === "postgres" && t.pr.database && t.prod.database && t.pr.database !== t.prod.database) {
    result.notes.push(`PostgreSQL cannot compare across databases (${t.prod.database} vs ${t.pr.database})`);
    return { target: t, result };
  }
  const prodCols = new Map(prod.columns.map((c) => [c.name, c]));
  const prCols = new Map(pr.columns.map((c) => [c.name, c]));
  for (const c of pr.columns) if (!prodCols.has(c.name)) result.schema.added.push({ name: c.name, type: c.type });
  for (const c of prod.columns) if (!prCols.has(c.name)) result.schema.removed.push({ name: c.name, type: c.type, usedBy: t.downstreamUses(c.name) });
  const common = prod.columns.filter((c) => prCols.has(c.name));
  for (const c of common) {
    const to = prCols.get(c.name).type;
    if (to !== c.type) result.schema.typeChanged.push({ name: c.name, from: c.type, to });
  }
  const cmp = (name) => {
    const a = prodCols.get(name).type;
    const b = prCols.get(name).type;
    return { prod: name, pr: name, asText: a !== b || d.needsText(a) || d.needsText(b) };
  };
  let keyNames;
  if (t.key) {
    const resolved = t.key.columns.map((k) => ({ k, prod: findColumn(prod, k), pr: findColumn(pr, k) }));
    const missing = resolved.filter((r) => !r.prod || !r.pr || r.prod !== r.pr);
    if (missing.length) result.notes.push(`key column(s) ${missing.map((m) => m.k).join(", ")} missing on one side: rows compared without a key`);
    else keyNames = resolved.map((r) => r.pr);
  } else {
    result.notes.push("no unique key known (unique/primary-key test, unique_key or constraint): counts and column profiles only");
  }
  let eventTime;
  if (t.eventTime) {
    const a = findColumn(prod, t.eventTime);
    const b = findColumn(pr, t.eventTime);
    if (a && b) eventTime = { prod: a, pr: b };
    else result.notes.push(`event_time column ${t.eventTime} missing on one side: the whole relation is compared`);
  }
  const maxRows = opts.maxRows ?? DEFAULTS.maxRows;
  const maxBytes = opts.maxBytes ?? DEFAULTS.maxBytes;
  const big = [prod, pr].find((i) => (i.estimatedRows ?? 0) > maxRows || (i.bytes ?? 0) > maxBytes);
  let lookbackDays;
  if (big) {
    const size = `${big.estimatedRows !== void 0 ? `~${big.estimatedRows.toLocaleString("en-US")} rows, ` : ""}${(big.bytes ?? 0).toLocaleString("en-US")} bytes`;
    if (!eventTime) {
      result.notes.push(`skipped: past the size limit (${size}; limits ${maxRows.toLocaleString("en-US")} rows / ${maxBytes.toLocaleString("en-US")} bytes) and no event_time to narrow it`);
      return { target: t, result };
    }
    lookbackDays = opts.lookbackDays ?? DEFAULTS.lookbackDays;
    result.notes.push(`past the size limit (${size}): only the last ${lookbackDays} day(s) of ${eventTime.pr} in the overlapping window are compared`);
  }
  const keySet = new Set(keyNames ?? []);
  const colNames = common.map((c) => c.name).filter((n2) => !keySet.has(n2));
  const spec = { prod: t.prod, pr: t.pr, key: keyNames?.map(cmp), columns: colNames.map(cmp), eventTime, lookbackDays };
  result.status = "compared";
  return { target: t, result, spec, keyNames, colNames, sensitive: colNames.map((n2) => isSensitive(t, n2)) };
}
function fill(p, row) {
  const r = p.result;
  const s = p.spec;
  const rows = { prod: num(row[A.rows("b")]), pr: num(row[A.rows("p")]) };
  if (s.eventTime) {
    if (s.lookbackDays === void 0) {
      rows.prodTotal = num(row[A.total("b")]);
      rows.prTotal = num(row[A.total("p")]);
    }
    rows.window = { column: s.eventTime.pr, from: row[A.from] ?? null, to: row[A.to] ?? null, narrowed: s.lookbackDays !== void 0 };
  }
  r.rows = rows;
  if (p.keyNames) {
    r.keys = {
      columns: p.keyNames,
      from: p.target.key.from,
      added: num(row[A.added]),
      removed: num(row[A.removed]),
      changed: num(row[A.changed]),
      unchanged: num(row[A.unchanged]),
      prDuplicates: num(row[A.keyRows("p")]) - num(row[A.keyTuples("p")]),
      prodDuplicates: num(row[A.keyRows("b")]) - num(row[A.keyTuples("b")]),
      prNullKeys: num(row[A.nullKeys("p")])
    };
  }
  const rate = (n2, of) => of ? n2 / of : 0;
  const cols = [];
  (p.keyNames ?? []).forEach((name, i) => {
    cols.push({
      name,
      prodNulls: num(row[A.keyNulls("b", i)]),
      prNulls: num(row[A.keyNulls("p", i)]),
      prodNullRate: rate(num(row[A.keyNulls("b", i)]), rows.prod),
      prNullRate: rate(num(row[A.keyNulls("p", i)]), rows.pr),
      prodDistinct: num(row[p.keyNames.length > 1 ? A.keyDistinct("b", i) : A.keyTuples("b")]),
      prDistinct: num(row[p.keyNames.length > 1 ? A.keyDistinct("p", i) : A.keyTuples("p")]),
      sensitive: isSensitive(p.target, name) || void 0
    });
  });
  p.colNames.forEach((name, i) => {
    cols.push({
      name,
      changedValues: p.keyNames ? num(row[A.changedCol(i)]) : void 0,
      prodNulls: num(row[A.nulls("b", i)]),
      prNulls: num(row[A.nulls("p", i)]),
      prodNullRate: rate(num(row[A.nulls("b", i)]), rows.prod),
      prNullRate: rate(num(row[A.nulls("p", i)]), rows.pr),
      prodDistinct: num(row[A.distinct("b", i)]),
      prDistinct: num(row[A.distinct("p", i)]),
      sensitive: p.sensitive[i] || void 0
    });
  });
  r.columns = cols;
}
function parseSamples(p, rows, showKey) {
  return rows.map((row) => {
    const kind = row.kind;
    const out = { kind };
    if (showKey) out.key = Object.fromEntries(p.keyNames.map((k, i) => [k, row[`k${i}`] ?? null]));
    if (kind === "changed") {
      const values = {};
      p.colNames.forEach((c, i) => {
        if (p.sensitive[i]) return;
        const a = row[`b${i}`] ?? null;
        const b = row[`p${i}`] ?? null;
        if (a !== b) values[c] = [a, b];
      });
      out.values = values;
    }
    return out;
  });
}
async function runImpact(wh, opts) {
  const d = impactDialect(wh.dialect);
  const samples = Math.min(Math.max(0, Math.floor(opts.samples ?? 0)), DEFAULTS.maxSamples);
  if (opts.timeoutSeconds !== void 0 && !(opts.timeoutSeconds > 0)) throw new UserError(`The statement timeout must be a positive number of seconds, not ${opts.timeoutSeconds}.`, { hint: "Pass e.g. --timeout 300." });
  const totals = { statements: 0, ms: 0 };
  const count = (s, model) => {
    totals.statements++;
    opts.onStatement?.(s, model);
  };
  const timed = async (q, s, model, own) => {
    count(s, model);
    const t02 = performance.now();
    try {
      return { rows: await runStatement(q, s) };
    } finally {
      const ms = performance.now() - t02;
      totals.ms += ms;
      if (own) {
        own.statements++;
        own.ms += ms;
      }
    }
  };
  const relations = /* @__PURE__ */ new Map();
  for (const t of opts.targets) {
    if (t.skip) continue;
    for (const r of [t.pr, t.prod]) if (r) relations.set(relKey(r, d.dialect), r);
  }
  const t0 = performance.now();
  const infos = await describeAll(wh, d, [...relations.values()], (s) => count(s));
  totals.ms += performance.now() - t0;
  const planned = opts.targets.map((t) => plan(d, t, infos, opts));
  const queue = planned.filter((p) => p.spec);
  const width = Math.max(1, Math.min(wh.capabilities.concurrentSessions ? opts.concurrency ?? DEFAULTS.concurrency : 1, queue.length));
  let next = 0;
  const worker = async () => wh.withSession(async (session) => {
    for (const s of d.sessionSetup({ timeoutSeconds: opts.timeoutSeconds ?? DEFAULTS.timeoutSeconds, tag: opts.tag })) await timed(session, s);
    try {
      while (next < queue.length) {
        const p = queue[next++];
        const own = { statements: 0, ms: 0 };
        try {
          const stmt = compareStatement(d, p.spec, p.target.name);
          const res = await timed(session, stmt, p.target.uniqueId, own);
          fill(p, res.rows[0] ?? {});
          if (samples > 0 && p.keyNames) {
            const showKey = !p.keyNames.some((k) => isSensitive(p.target, k));
            const ss = sampleStatement(d, { ...p.spec, showColumns: p.sensitive.map((x) => !x), showKey, limit: samples }, p.target.name);
            const sr = await timed(session, ss, p.target.uniqueId, own);
            p.result.samples = parseSamples(p, sr.rows, showKey);
          }
        } catch (err) {
          p.result.status = "error";
          const msg = err.message ?? String(err);
          p.result.notes.push(/timeout|canceling statement/i.test(msg) ? `stopped by the statement timeout (${opts.timeoutSeconds ?? DEFAULTS.timeoutSeconds} s): ${msg}` : `comparison failed: ${msg}`);
        }
        p.result.cost = { statements: own.statements, ms: Math.round(own.ms) };
      }
    } finally {
      for (const s of d.sessionReset()) await timed(session, s).catch(() => void 0);
    }
  });
  if (queue.length) await Promise.all(Array.from({ length: width }, worker));
  const models = planned.map((p) => p.result);
  const receipt = await costReceipt(wh, d, opts, totals, timed);
  return { dialect: wh.dialect, models, receipt, gate: evaluateGate(models, opts.failOn ?? {}) };
}
var CREDITS_PER_HOUR = { "X-SMALL": 1, XSMALL: 1, SMALL: 2, MEDIUM: 4, LARGE: 8, "X-LARGE": 16, XLARGE: 16, "2X-LARGE": 32, "3X-LARGE": 64, "4X-LARGE": 128, "5X-LARGE": 256, "6X-LARGE": 512 };
async function costReceipt(wh, d, opts, totals, timed) {
  const receipt = { tag: opts.tag, slipway: { statements: 0, ms: 0 } };
  if (opts.runResults) {
    const rs = opts.runResults.results ?? [];
    receipt.dbt = { nodes: rs.length, seconds: Math.round(rs.reduce((s, r) => s + (Number(r.execution_time) || 0), 0) * 1e3) / 1e3 };
  }
  if (opts.tag && d.queryHistory) {
    try {
      const res = await timed(wh, d.queryHistory(opts.tag));
      let queries = 0, elapsed = 0, exec = 0, cloud = 0, credits = 0;
      const unknown = /* @__PURE__ */ new Set();
      for (const r of res.rows) {
        queries += num(r.queries);
        elapsed += num(r.elapsed_ms);
        exec += num(r.execution_ms);
        cloud += num(r.cloud_credits);
        const size = String(r.size ?? "").toUpperCase();
        const rate = CREDITS_PER_HOUR[size];
        if (rate) credits += num(r.execution_ms) / 36e5 * rate;
        else if (num(r.execution_ms) > 0) unknown.add(size || "no warehouse");
      }
      receipt.warehouse = {
        source: "INFORMATION_SCHEMA.QUERY_HISTORY by QUERY_TAG",
        queries,
        elapsedSeconds: elapsed / 1e3,
        executionSeconds: exec / 1e3,
        cloudServicesCredits: cloud,
        estimatedComputeCredits: Math.round(credits * 1e6) / 1e6,
        note: `compute credits estimated as execution time × the warehouse size's hourly rate (per-second billing, 60 s minimum per resume not counted)${unknown.size ? `; no rate for ${[...unknown].join(", ")}` : ""}`
      };
    } catch (err) {
      receipt.note = `query history could not be read: ${err.message}`;
    }
  } else if (wh.dialect === "postgres") {
    receipt.note = "PostgreSQL keeps no per-tag history: Slipway statement time is measured, dbt time comes from run_results.json";
  }
  receipt.slipway = { statements: totals.statements, ms: Math.round(totals.ms) };
  return receipt;
}

// shared/impact/targets.ts
var SIMPLE_COLUMN = /^[A-Za-z_][A-Za-z0-9_$]*$|^"[^"]+"$/;
function unquoteColumn(c) {
  const t = c.trim();
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}
function storedRelation(node, adapter, quoting) {
  const q = effectiveQuoting(adapter, quoting);
  const db = node.database ?? void 0;
  return {
    database: db ? q.database ? db : adapter === "snowflake" ? db.toUpperCase() : db.toLowerCase() : void 0,
    schema: catalogSchemaName(node.schema ?? "", adapter, quoting),
    name: catalogIdentifierName(node.alias ?? node.name, adapter, quoting)
  };
}
function uniqueKeyOf(manifest, node) {
  const modelLevel = node.constraints ?? [];
  for (const type of ["primary_key", "unique"]) {
    const c = modelLevel.find((x) => x?.type === type && Array.isArray(x.columns) && x.columns.length);
    if (c) return { key: { columns: c.columns.map(unquoteColumn), from: "constraint" } };
    for (const [col, spec] of Object.entries(node.columns ?? {})) {
      if ((spec?.constraints ?? []).some((x) => x?.type === type)) return { key: { columns: [unquoteColumn(spec.name ?? col)], from: "constraint" } };
    }
  }
  const uk = node.config?.unique_key;
  if (uk && (typeof uk === "string" || Array.isArray(uk))) {
    const cols = (typeof uk === "string" ? uk.split(",") : uk).map((s) => String(s).trim()).filter(Boolean);
    if (cols.length && cols.every((c) => SIMPLE_COLUMN.test(c))) return { key: { columns: cols.map(unquoteColumn), from: "unique_key" } };
    if (cols.length) return { note: `unique_key ${JSON.stringify(uk)} is an expression, not columns: not used as a key` };
  }
  let fromTest;
  for (const t of Object.values(manifest.nodes)) {
    if (t.resource_type !== "test") continue;
    const attached = t.attached_node ?? t.depends_on?.nodes?.[0];
    if (attached !== node.unique_id) continue;
    const meta = t.test_metadata;
    if (!meta) continue;
    if (meta.name === "unique" && typeof meta.kwargs?.column_name === "string" && SIMPLE_COLUMN.test(meta.kwargs.column_name)) {
      const cols = [unquoteColumn(meta.kwargs.column_name)];
      if (!fromTest || cols.length < fromTest.length) fromTest = cols;
    } else if (meta.name === "unique_combination_of_columns" && Array.isArray(meta.kwargs?.combination_of_columns)) {
      const cols = meta.kwargs.combination_of_columns.map(String);
      if (cols.every((c) => SIMPLE_COLUMN.test(c)) && (!fromTest || cols.length < fromTest.length)) fromTest = cols.map(unquoteColumn);
    }
  }
  return fromTest ? { key: { columns: fromTest, from: "test" } } : {};
}
function contractOf(node) {
  const enforced = !!node?.config?.contract?.enforced;
  const columns = /* @__PURE__ */ new Map();
  for (const [k, c] of Object.entries(node?.columns ?? {})) {
    columns.set((c?.name ?? k).toLowerCase(), c?.data_type ?? void 0);
  }
  return { enforced, columns };
}
function contractChanges(prod, pr) {
  if (!prod) return [];
  const a = contractOf(prod);
  const b = contractOf(pr);
  const out = [];
  if (a.enforced !== b.enforced) out.push(`contract ${a.enforced ? "enforced → not enforced" : "not enforced → enforced"}`);
  if (!a.enforced || !b.enforced) return out;
  for (const [col, type] of a.columns) {
    if (!b.columns.has(col)) out.push(`contract column ${col} removed`);
    else if ((b.columns.get(col) ?? "").toLowerCase() !== (type ?? "").toLowerCase()) out.push(`contract column ${col}: ${type ?? "?"} → ${b.columns.get(col) ?? "?"}`);
  }
  for (const [col, type] of b.columns) if (!a.columns.has(col)) out.push(`contract column ${col} added (${type ?? "no type"})`);
  return out;
}
function childrenOf(manifest, id) {
  const fromMap = manifest.child_map?.[id];
  if (fromMap) return fromMap;
  const out = [];
  for (const coll of [manifest.nodes, manifest.exposures]) {
    for (const n2 of Object.values(coll ?? {})) if (n2.depends_on?.nodes?.includes(id)) out.push(n2.unique_id);
  }
  return out;
}
function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function downstreamUses(manifest, id) {
  const kids = childrenOf(manifest, id);
  return (column) => {
    const re = new RegExp(`(^|[^A-Za-z0-9_$])${escapeRe(column)}($|[^A-Za-z0-9_$])`, "i");
    const users = [];
    for (const k of kids) {
      const n2 = manifest.nodes[k];
      if (n2 && n2.resource_type === "model") {
        const sql = String(n2.compiled_code ?? n2.raw_code ?? "");
        if (re.test(sql)) users.push(`model ${n2.name}`);
      }
      const e = manifest.exposures?.[k];
      if (e) {
        const cols = e.meta?.columns ?? e.config?.meta?.columns;
        if (!Array.isArray(cols) || cols.some((c) => String(c).toLowerCase() === column.toLowerCase())) users.push(`exposure ${e.name}`);
      }
    }
    return users;
  };
}
function sensitiveColumns(node, extra) {
  const out = /* @__PURE__ */ new Set();
  const modelMeta = { ...node.meta ?? {}, ...node.config?.meta ?? {} };
  const all = modelMeta.sensitive === true;
  for (const [k, c] of Object.entries(node.columns ?? {})) {
    const meta = { ...c?.meta ?? {}, ...c?.config?.meta ?? {} };
    if (all || meta.sensitive === true) out.add(c?.name ?? k);
  }
  if (all) out.add("*");
  for (const e of extra) {
    const dot = e.lastIndexOf(".");
    if (dot < 0) out.add(e);
    else if (e.slice(0, dot) === node.name || e.slice(0, dot) === node.unique_id) out.add(e.slice(dot + 1));
  }
  return [...out];
}
function impactTargets(opts) {
  const { manifest, state } = opts;
  const adapter = adapterOf(manifest.metadata?.adapter_type) ?? opts.dialect;
  const prQuoting = quotingFromManifest(manifest);
  const prodQuoting = quotingFromManifest(state) ?? prQuoting;
  for (const s of opts.sensitive ?? []) {
    if (!/^[A-Za-z0-9_.$"-]+$/.test(s)) throw new UserError(`--sensitive entry '${s}' is not a column name.`, { hint: "Give column names (every model) or model.column, comma-separated." });
  }
  const sel = selectNodes({ manifest, state, select: ["state:modified"] });
  const modified = Object.keys(sel.modified).filter((id) => manifest.nodes[id]?.resource_type === "model").sort();
  const chosen = new Map(modified.map((id) => [id, "modified"]));
  if (opts.children) {
    for (const id of modified) {
      for (const k of childrenOf(manifest, id)) if (manifest.nodes[k]?.resource_type === "model" && !chosen.has(k)) chosen.set(k, "child");
    }
  }
  const results = new Map((opts.runResults?.results ?? []).map((r) => [r.unique_id, r]));
  const targets = [];
  for (const [id, reason] of [...chosen].sort((a, b) => a[0].localeCompare(b[0]))) {
    const node = manifest.nodes[id];
    const prodNode = state.nodes[id];
    const notes = [];
    const { key, note } = uniqueKeyOf(manifest, node);
    if (note) notes.push(note);
    let skip;
    const mat = node.config?.materialized;
    if (mat === "ephemeral") skip = "ephemeral: not built into the warehouse";
    else if (opts.runResults) {
      const r = results.get(id);
      if (!r) skip = "not built by this PR run (not in run_results.json)";
      else if (r.status !== "success") skip = `the PR build of this model did not succeed (${r.status})`;
    }
    const et = node.config?.event_time;
    targets.push({
      uniqueId: id,
      name: node.name,
      reason,
      materialized: mat,
      pr: storedRelation(node, adapter, prQuoting),
      prod: prodNode && prodNode.config?.materialized !== "ephemeral" ? storedRelation(prodNode, adapter, prodQuoting) : void 0,
      key,
      eventTime: et && SIMPLE_COLUMN.test(et) ? unquoteColumn(et) : void 0,
      sensitive: sensitiveColumns(node, opts.sensitive ?? []),
      contract: contractChanges(prodNode, node),
      downstreamUses: downstreamUses(manifest, id),
      notes: et && !SIMPLE_COLUMN.test(et) ? [...notes, `event_time ${JSON.stringify(et)} is an expression, not a column: the whole relation is compared`] : notes,
      skip
    });
  }
  return targets;
}

// shared/impact/pr.ts
async function prImpact(opts) {
  const failOn = parseFailOn(opts.failOn);
  const manifest = await loadManifest(opts.manifestPath);
  const state = typeof opts.state === "string" ? await loadManifest(opts.state) : opts.state;
  const runResults = opts.runResultsPath && existsSync(opts.runResultsPath) ? await loadRunResults(opts.runResultsPath) : void 0;
  const tag = opts.tag ?? prTag();
  const wh = await opts.openWarehouse(tag);
  try {
    const dialect = wh.dialect;
    const targets = impactTargets({ manifest, state, runResults, children: opts.children, sensitive: opts.sensitive, dialect });
    opts.rt?.info(`Impact: comparing ${targets.filter((t) => !t.skip).length} model(s) with production${tag ? ` (tag ${tag})` : ""}.`);
    const report = await runImpact(wh, { ...opts, targets, tag, runResults, failOn });
    return { report, markdown: impactMarkdown(report) };
  } finally {
    await wh.close();
  }
}
function impactGateFailure(report) {
  if (report.gate.passed) return void 0;
  return new GateFailure(`Impact gate failed: ${report.gate.tripped.map((t) => `${t.model}: ${t.message}`).join("; ")}`, {
    hint: "Fix the model, or relax fail-on if the change is intended.",
    details: report.gate.tripped
  });
}

export {
  impactText,
  prImpact,
  impactGateFailure
};
