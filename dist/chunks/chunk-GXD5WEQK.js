import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  formatPlan
} from "./chunk-K2HM67PE.js";
import {
  runStatement
} from "./chunk-JK3NYHQT.js";
import {
  DEFAULT_PREFIX,
  foldedPrefix,
  matchPrSchema,
  prSchemaPattern,
  validatePrefix
} from "./chunk-E2H7YEBO.js";
import {
  ident,
  qualify,
  quoteLiteral,
  resolveName
} from "./chunk-YTHL6NVM.js";
import {
  OperationError,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/dialects/postgres/pr-schema.ts
var D = "postgres";
function name(ref) {
  return qualify(D, ref.schema);
}
var COLUMNS = `current_database() AS "database", n.nspname AS "name", obj_description(n.oid, 'pg_namespace') AS "comment", NULL::float8 AS "created_ms", pg_get_userbyid(n.nspowner) AS "owner", pg_has_role(n.nspowner, 'USAGE') AS "can_drop"`;
var postgresPrSchemaSql = {
  dialect: D,
  currentDatabase: () => ({ sql: 'SELECT current_database() AS "database"', purpose: "which database the session uses" }),
  listSchemas: (_database, prefix) => ({
    sql: `SELECT ${COLUMNS} FROM pg_catalog.pg_namespace n WHERE starts_with(lower(n.nspname), lower($1)) ORDER BY n.nspname`,
    binds: [prefix],
    purpose: `list schemas starting with ${prefix} (re-filtered exactly in Slipway)`
  }),
  describeSchema: (ref) => ({
    sql: `SELECT ${COLUMNS} FROM pg_catalog.pg_namespace n WHERE n.nspname = $1`,
    binds: [ref.schema],
    purpose: `does ${ref.schema} exist, and whose is it`
  }),
  create: (ref, comment, { recreate }) => [
    ...recreate ? [{ sql: `DROP SCHEMA IF EXISTS ${name(ref)} CASCADE`, purpose: `recreate ${ref.schema} empty (drops every table and view in it, so nothing stale can shadow production under --defer)` }] : [],
    { sql: `CREATE SCHEMA IF NOT EXISTS ${name(ref)}`, purpose: recreate ? void 0 : `create ${ref.schema}` },
    { sql: `COMMENT ON SCHEMA ${name(ref)} IS ${quoteLiteral(comment, D)}`, purpose: "ownership record read back by the sweep" }
  ],
  refresh: (ref, comment) => [{ sql: `COMMENT ON SCHEMA ${name(ref)} IS ${quoteLiteral(comment, D)}`, purpose: "record the new head in the ownership comment" }],
  grants: (ref, ciRoles, reviewerRoles) => {
    const out = [];
    for (const role of ciRoles) {
      out.push({ sql: `GRANT USAGE, CREATE ON SCHEMA ${name(ref)} TO ${ident(role, D, "role")}`, purpose: `CI role ${role} may build in the schema` });
    }
    for (const role of reviewerRoles) {
      const r = ident(role, D, "role");
      out.push(
        { sql: `GRANT USAGE ON SCHEMA ${name(ref)} TO ${r}`, purpose: `reviewer role ${role} may read the schema` },
        { sql: `GRANT SELECT ON ALL TABLES IN SCHEMA ${name(ref)} TO ${r}`, purpose: "tables and views built so far" },
        { sql: `ALTER DEFAULT PRIVILEGES IN SCHEMA ${name(ref)} GRANT SELECT ON TABLES TO ${r}`, purpose: "and those this role builds later" }
      );
    }
    return out;
  },
  drop: (ref) => ({ sql: `DROP SCHEMA IF EXISTS ${name(ref)} CASCADE`, purpose: `drop ${ref.schema} and everything in it` })
};

// shared/dialects/snowflake/pr-schema.ts
var D2 = "snowflake";
function name2(ref) {
  return qualify(D2, ref.database, ref.schema);
}
function schemata(database) {
  return database ? `${qualify(D2, database)}.INFORMATION_SCHEMA.SCHEMATA` : "INFORMATION_SCHEMA.SCHEMATA";
}
var COLUMNS2 = 'CATALOG_NAME AS "database", SCHEMA_NAME AS "name", COMMENT AS "comment", DATE_PART(EPOCH_MILLISECOND, CREATED) AS "created_ms", SCHEMA_OWNER AS "owner", IS_ROLE_IN_SESSION(SCHEMA_OWNER) AS "can_drop"';
var snowflakePrSchemaSql = {
  dialect: D2,
  currentDatabase: () => ({ sql: 'SELECT CURRENT_DATABASE() AS "database"', purpose: "which database the session uses" }),
  listSchemas: (database, prefix) => ({
    sql: `SELECT ${COLUMNS2} FROM ${schemata(database)} WHERE STARTSWITH(UPPER(SCHEMA_NAME), UPPER(?)) ORDER BY SCHEMA_NAME`,
    binds: [prefix],
    purpose: `list schemas starting with ${prefix} (re-filtered exactly in Slipway)`
  }),
  describeSchema: (ref) => ({
    sql: `SELECT ${COLUMNS2} FROM ${schemata(ref.database)} WHERE SCHEMA_NAME = ?`,
    binds: [ref.schema],
    purpose: `does ${ref.schema} exist, and whose is it`
  }),
  create: (ref, comment, { recreate }) => [
    {
      sql: `CREATE ${recreate ? "OR REPLACE " : ""}TRANSIENT SCHEMA ${recreate ? "" : "IF NOT EXISTS "}${name2(ref)} DATA_RETENTION_TIME_IN_DAYS = 0 COMMENT = ${quoteLiteral(comment, D2)}`,
      purpose: recreate ? `recreate ${ref.schema} empty (drops every table and view in it, so nothing stale can shadow production under --defer)` : `create ${ref.schema} (transient, no Time Travel) with its ownership record`
    }
  ],
  refresh: (ref, comment) => [
    { sql: `ALTER SCHEMA ${name2(ref)} SET DATA_RETENTION_TIME_IN_DAYS = 0`, purpose: "CI data needs no Time Travel" },
    { sql: `ALTER SCHEMA ${name2(ref)} SET COMMENT = ${quoteLiteral(comment, D2)}`, purpose: "record the new head in the ownership comment" }
  ],
  grants: (ref, ciRoles, reviewerRoles) => {
    const out = [];
    for (const role of ciRoles) {
      out.push({ sql: `GRANT USAGE, CREATE TABLE, CREATE VIEW ON SCHEMA ${name2(ref)} TO ROLE ${ident(role, D2, "role")}`, purpose: `CI role ${role} may build in the schema` });
    }
    for (const role of reviewerRoles) {
      const r = ident(role, D2, "role");
      out.push(
        { sql: `GRANT USAGE ON SCHEMA ${name2(ref)} TO ROLE ${r}`, purpose: `reviewer role ${role} may read the schema` },
        { sql: `GRANT SELECT ON ALL TABLES IN SCHEMA ${name2(ref)} TO ROLE ${r}` },
        { sql: `GRANT SELECT ON ALL VIEWS IN SCHEMA ${name2(ref)} TO ROLE ${r}` },
        { sql: `GRANT SELECT ON FUTURE TABLES IN SCHEMA ${name2(ref)} TO ROLE ${r}`, purpose: "and what CI builds later" },
        { sql: `GRANT SELECT ON FUTURE VIEWS IN SCHEMA ${name2(ref)} TO ROLE ${r}` }
      );
    }
    return out;
  },
  drop: (ref) => ({ sql: `DROP SCHEMA IF EXISTS ${name2(ref)} CASCADE`, purpose: `drop ${ref.database ? ref.database + "." : ""}${ref.schema} and everything in it` })
};

// shared/dialects/pr-schema.ts
function prSchemaSql(dialect) {
  return dialect === "snowflake" ? snowflakePrSchemaSql : postgresPrSchemaSql;
}

// shared/pr-schema/ownership.ts
import { z } from "../vendor/zod.js";
var sha = z.string().regex(/^[0-9a-fA-F]{7,64}$/);
var iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not a timestamp");
var schema = z.object({
  slipway: z.literal("pr-schema"),
  v: z.literal(1),
  repo: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/),
  pr: z.number().int().positive(),
  head: sha.optional(),
  base: sha.optional(),
  created: iso,
  head_at: iso
});
function formatOwnership(r) {
  const out = { slipway: "pr-schema", v: 1, repo: r.repo, pr: r.pr };
  if (r.head) out.head = r.head;
  if (r.base) out.base = r.base;
  out.created = r.created;
  out.head_at = r.headAt;
  return JSON.stringify(out);
}
function parseOwnership(comment) {
  if (comment === null || comment === void 0 || comment.trim() === "") return { kind: "none" };
  let json;
  try {
    json = JSON.parse(comment);
  } catch {
    return { kind: "other", text: comment };
  }
  const r = schema.safeParse(json);
  if (!r.success) return { kind: "other", text: comment };
  const d = r.data;
  return { kind: "record", record: { repo: d.repo, pr: d.pr, head: d.head, base: d.base, created: d.created, headAt: d.head_at } };
}
function sameRepo(a, b) {
  return a.toLowerCase() === b.toLowerCase();
}
function isRepoSlug(s) {
  return /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(s);
}

// shared/pr-schema/warehouse-ops.ts
function toInfo(row) {
  const created = row.created_ms === null || row.created_ms === void 0 ? void 0 : Number(row.created_ms);
  const canDrop = row.can_drop === null || row.can_drop === void 0 ? void 0 : row.can_drop === true || String(row.can_drop).toLowerCase() === "true";
  return {
    database: row.database ?? void 0,
    name: row.name,
    comment: row.comment ?? null,
    createdMs: created !== void 0 && Number.isFinite(created) ? created : void 0,
    owner: row.owner ?? void 0,
    canDrop
  };
}
async function currentDatabase(wh) {
  const rows = await runStatement(wh, prSchemaSql(wh.dialect).currentDatabase());
  const v = rows[0]?.database;
  return typeof v === "string" && v !== "" ? v : void 0;
}
async function resolveDatabase(wh, database) {
  const dialect = wh.dialect;
  const current = await currentDatabase(wh);
  if (dialect === "postgres") {
    if (database !== void 0 && current !== void 0 && resolveName(database, dialect) !== current) {
      throw new UserError(`The database '${database}' is not the one Slipway is connected to ('${current}'); a Postgres schema can only be managed in the connected database.`, {
        hint: `Connect to ${database} (dbname in the profile / DATABASE_URL), or drop the database setting.`
      });
    }
    return { ref: void 0, name: current ?? "" };
  }
  if (database !== void 0) {
    const name3 = resolveName(database, dialect);
    return { ref: name3, name: name3 };
  }
  if (!current) {
    throw new UserError("No database was given and the Snowflake session has no current database.", {
      hint: "Pass the database (--database / input `database`), or set `database:` in the dbt profile."
    });
  }
  return { ref: current, name: current };
}
async function describeSchema(wh, dialect, ref) {
  const rows = await runStatement(wh, prSchemaSql(dialect).describeSchema(ref));
  const row = rows.find((r) => r.name === ref.schema);
  return row ? toInfo(row) : void 0;
}
async function listSchemas(wh, dialect, database, prefix) {
  const rows = await runStatement(wh, prSchemaSql(dialect).listSchemas(database, prefix));
  return rows.map(toInfo);
}
async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return out;
}

// shared/pr-schema/sweep.ts
var DAY = 864e5;
function days(n) {
  return `${n} day${n === 1 ? "" : "s"}`;
}
function round1(n) {
  return Math.round(n * 10) / 10;
}
function keepMatcher(keep, dialect) {
  const items = keep.map((k) => {
    try {
      const parts = k.split(".");
      if (parts.length === 2 && parts.every((p) => /^[A-Za-z_][A-Za-z0-9_$]*$/.test(p))) {
        return { database: resolveName(parts[0], dialect), schema: resolveName(parts[1], dialect) };
      }
      return { database: void 0, schema: resolveName(k, dialect) };
    } catch (err) {
      throw new UserError(`The keep-list entry '${k}' is not a valid schema name: ${err.message}`, { hint: "Give each --keep (input keep) as a schema name or database.schema.", cause: err });
    }
  });
  return (database, schema2) => items.some((i) => i.schema === schema2 && (i.database === void 0 || i.database === database));
}
function decideSweep(schemas, ctx) {
  const isKept = keepMatcher(ctx.keep, ctx.dialect);
  const pattern = prSchemaPattern(ctx.prefix, ctx.dialect);
  return schemas.map((s) => {
    const database = s.database ?? "";
    const base = { database, schema: s.name, owner: s.owner, canDrop: s.canDrop };
    const pr = matchPrSchema(s.name, ctx.prefix, ctx.dialect);
    if (pr === void 0) return { ...base, verdict: "ignore", rule: "not-a-pr-schema", reason: `does not match ${pattern}; never touched` };
    const own = parseOwnership(s.comment);
    const record = own.kind === "record" ? own.record : void 0;
    const lastMs = record ? Date.parse(record.headAt) : s.createdMs;
    const ageDays = lastMs !== void 0 && Number.isFinite(lastMs) ? round1((ctx.now.getTime() - lastMs) / DAY) : void 0;
    const withPr = { ...base, pr, ageDays };
    if (isKept(database, s.name)) return { ...withPr, verdict: "keep", rule: "keep-list", reason: "on the keep list" };
    if (!record) {
      return { ...withPr, verdict: "keep", rule: "not-created-by-slipway", reason: "no Slipway ownership record: Slipway did not create it, so it never drops it; left alone" };
    }
    if (record && !sameRepo(record.repo, ctx.repo)) {
      return { ...withPr, verdict: "keep", rule: "other-repository", reason: `ownership comment says it belongs to ${record.repo}#${record.pr}; left alone` };
    }
    if (record && record.pr !== pr) {
      return { ...withPr, verdict: "keep", rule: "other-pr", reason: `ownership comment names PR #${record.pr}, but the name says #${pr}; left alone` };
    }
    if (!ctx.open.has(pr)) {
      return { ...withPr, verdict: "drop", rule: "pr-closed", reason: `PR #${pr} is not open` };
    }
    if (ctx.ttlDays > 0 && ageDays !== void 0 && ageDays > ctx.ttlDays) {
      return { ...withPr, verdict: "drop", rule: "ttl-expired", reason: `PR #${pr} is open but its schema saw no new head for ${days(ageDays)} (TTL ${days(ctx.ttlDays)}); the next push recreates it` };
    }
    return { ...withPr, verdict: "keep", rule: "pr-open", reason: `PR #${pr} is open${ageDays !== void 0 ? `; last new head ${days(ageDays)} ago` : ""}` };
  });
}
function checkOptions(opts) {
  const prefix = validatePrefix(opts.prefix ?? DEFAULT_PREFIX);
  if (!isRepoSlug(opts.repo)) {
    throw new UserError(`The repository '${opts.repo}' is not in owner/name form.`, { hint: "Pass --repo owner/name (in a workflow it is github.repository)." });
  }
  const ttlDays = opts.ttlDays ?? 7;
  if (!Number.isFinite(ttlDays) || ttlDays < 0) {
    throw new UserError(`The TTL '${String(opts.ttlDays)}' is not a number of days ≥ 0.`, { hint: "Pass --ttl-days 7 (0 turns the TTL rule off)." });
  }
  const concurrency = opts.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UserError(`Concurrency ${String(opts.concurrency)} is not an integer from 1 to 64.`, { hint: "Pass --concurrency 4." });
  }
  for (const k of opts.keep ?? []) resolveName(k.includes(".") ? k.split(".").pop() : k, "postgres");
  return { prefix, ttlDays, concurrency };
}
function count(entries) {
  const c = { schemasSeen: entries.length, prSchemas: 0, drop: 0, keep: 0, ignored: 0, leftAlone: 0, dropped: 0, failed: 0 };
  for (const e of entries) {
    if (e.verdict !== "ignore") c.prSchemas++;
    if (e.verdict === "drop") c.drop++;
    if (e.verdict === "keep") c.keep++;
    if (e.verdict === "ignore") c.ignored++;
    if (e.rule === "other-repository" || e.rule === "other-pr") c.leftAlone++;
    if (e.status === "dropped") c.dropped++;
    if (e.status === "failed") c.failed++;
  }
  return c;
}
async function sweepPrSchemas(wh, opts, openPulls, log = () => void 0) {
  const { prefix, ttlDays, concurrency } = checkOptions(opts);
  const dialect = wh.dialect;
  const now = opts.now ?? /* @__PURE__ */ new Date();
  const sql = prSchemaSql(dialect);
  const folded = foldedPrefix(prefix, dialect);
  const dbs = opts.databases && opts.databases.length > 0 ? [...new Set(opts.databases)] : [void 0];
  const resolved = [];
  for (const d of dbs) resolved.push(await resolveDatabase(wh, d));
  const schemas = [];
  for (const db of resolved) {
    const found = await listSchemas(wh, dialect, db.ref, folded);
    schemas.push(...found.map((s) => ({ ...s, database: s.database ?? db.name })));
  }
  log(`Found ${schemas.length} schema(s) starting with ${folded} in ${resolved.map((d) => d.name).join(", ")}.`);
  const prNumbers = schemas.map((s) => matchPrSchema(s.name, prefix, dialect)).filter((n) => n !== void 0);
  const anyPr = prNumbers.length > 0;
  const [owner, name3] = opts.repo.split("/");
  let open = /* @__PURE__ */ new Set();
  let openCount;
  let pages = 0;
  if (anyPr) {
    const res = await openPulls({ owner, repo: name3 }, prNumbers);
    open = new Set(res.open.keys());
    openCount = res.open.size;
    pages = res.pages;
    log(`Asked GitHub which of ${new Set(prNumbers).size} PR(s) are open in ${opts.repo}: ${pages} request(s)${res.strategy ? ` (${res.strategy === "list" ? "listing open PRs" : "one read per PR"})` : ""}.`);
  }
  const entries = decideSweep(schemas, { dialect, prefix, repo: opts.repo, open, now, ttlDays, keep: opts.keep ?? [] });
  const drops = entries.filter((e) => e.verdict === "drop");
  const stmtFor = (e) => sql.drop({ database: dialect === "snowflake" ? e.database || void 0 : void 0, schema: e.schema });
  const statements = drops.map(stmtFor);
  const report = {
    repo: opts.repo,
    dialect,
    prefix,
    pattern: prSchemaPattern(prefix, dialect),
    databases: resolved.map((d) => d.name),
    dryRun: !!opts.dryRun,
    ttlDays,
    now: now.toISOString(),
    openPullRequests: openCount,
    githubPages: pages,
    entries,
    counts: count(entries),
    statements
  };
  const forbidden = drops.filter((e) => e.canDrop === false);
  if (opts.dryRun) {
    for (const e of drops) e.status = "would-drop";
    for (const e of forbidden) e.reason += `; but the role may not drop it (owner ${e.owner ?? "unknown"})`;
    report.counts = count(entries);
    return report;
  }
  if (forbidden.length > 0) {
    const list = forbidden.map((e) => `${e.database ? e.database + "." : ""}${e.schema} (owner ${e.owner ?? "unknown"})`).join(", ");
    throw new OperationError(`The role Slipway connects as may not drop ${forbidden.length} schema(s) the sweep would drop: ${list}. Nothing was dropped.`, {
      hint: "Run the sweep as the role that creates the PR schemas, or add those schemas to the keep list (--keep / input keep)."
    });
  }
  await mapLimit(drops, concurrency, async (e) => {
    const st = stmtFor(e);
    try {
      await runStatement(wh, st);
      e.status = "dropped";
    } catch (err) {
      e.status = "failed";
      e.error = err.message;
    }
  });
  report.counts = count(entries);
  return report;
}
function mdText(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;").replace(/[\r\n]+/g, " ");
}
function mdCode(s) {
  return `<code>${mdText(s)}</code>`;
}
function renderSweepMarkdown(r) {
  const c = r.counts;
  const verb = r.dryRun ? "would drop" : "dropped";
  const head = [
    `### Slipway schema sweep${r.dryRun ? " (dry run)" : ""}`,
    "",
    `${mdText(r.repo)} · ${r.dialect} · ${r.databases.map(mdCode).join(", ")} · pattern ${mdCode(r.pattern)} · TTL ${r.ttlDays > 0 ? `${r.ttlDays} days` : "off"}` + (r.openPullRequests !== void 0 ? ` · ${r.githubPages} GitHub API request${r.githubPages === 1 ? "" : "s"}` : " · GitHub not asked (no PR schema)"),
    "",
    `**${r.dryRun ? c.drop : c.dropped}** ${verb}, **${c.keep}** kept${c.leftAlone ? ` (${c.leftAlone} left alone: another repository or PR)` : ""}, **${c.ignored}** look-alike${c.ignored === 1 ? "" : "s"} ignored${c.failed ? `, **${c.failed} failed**` : ""}.`
  ];
  if (r.entries.length === 0) return [...head, "", "No schema starts with the prefix."].join("\n");
  const icon = (e) => e.status === "failed" ? "❌ drop failed" : e.status === "dropped" ? "🗑️ dropped" : e.status === "would-drop" ? "🗑️ would drop" : e.verdict === "keep" ? e.rule === "other-repository" || e.rule === "other-pr" ? "⚠️ left alone" : "✅ kept" : "➖ ignored";
  const rows = r.entries.map(
    (e) => `| ${mdCode(e.database ? `${e.database}.${e.schema}` : e.schema)} | ${e.pr !== void 0 ? `#${e.pr}` : ""} | ${icon(e)} | ${mdText(e.reason + (e.error ? ` — ${e.error}` : ""))} |`
  );
  return [...head, "", "| Schema | PR | Verdict | Why |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
function renderSweepText(r) {
  const lines = r.entries.map((e) => {
    const v = e.status ?? e.verdict;
    return `${v.padEnd(10)} ${(e.database ? `${e.database}.${e.schema}` : e.schema).padEnd(40)} ${e.reason}${e.error ? ` — ${e.error}` : ""}`;
  });
  const c = r.counts;
  lines.push(
    "",
    `${r.dryRun ? `${c.drop} would be dropped` : `${c.dropped} dropped`}, ${c.keep} kept (${c.leftAlone} left alone), ${c.ignored} ignored${c.failed ? `, ${c.failed} FAILED` : ""}; pattern ${r.pattern}; GitHub API requests ${r.githubPages}.`
  );
  if (r.dryRun && r.statements.length) lines.push("", "-- dry run: the statements it would run", formatPlan(r.statements, r.dialect));
  return lines.join("\n");
}

export {
  prSchemaSql,
  formatOwnership,
  parseOwnership,
  sameRepo,
  isRepoSlug,
  resolveDatabase,
  describeSchema,
  sweepPrSchemas,
  mdText,
  mdCode,
  renderSweepMarkdown,
  renderSweepText
};
