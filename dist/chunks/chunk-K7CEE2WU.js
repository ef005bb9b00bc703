import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  formatPlan
} from "./chunk-3MAQJBEG.js";
import {
  ident,
  qualify,
  quoteLiteral,
  resolveName,
  rulesFor
} from "./chunk-YASYTQ2Y.js";
import {
  OperationError,
  UserError
} from "./chunk-WLODUQ4F.js";

// shared/pr-schema/naming.ts
var DEFAULT_PREFIX = "CI_PR_";
var MAX_PR = 2147483647;
function validatePrefix(prefix) {
  const p = prefix ?? DEFAULT_PREFIX;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) {
    throw new UserError(`The schema prefix '${p.slice(0, 80)}' is not a safe identifier: it may contain only letters, digits and underscores, and must start with a letter or underscore.`, {
      hint: `Use a prefix such as ${DEFAULT_PREFIX} (the default) or DBT_CI_.`
    });
  }
  if (/[0-9]$/.test(p)) {
    throw new UserError(`The schema prefix '${p}' ends in a digit, so '${p}12' could be PR 12 or PR ${p.match(/[0-9]+$/)[0]}12.`, {
      hint: `End the prefix with a letter or an underscore, e.g. ${p}_.`
    });
  }
  if (p.length > 40) {
    throw new UserError(`The schema prefix '${p.slice(0, 60)}…' is ${p.length} characters long; at most 40 are allowed.`, { hint: `Use a shorter prefix such as ${DEFAULT_PREFIX}.` });
  }
  return p;
}
function foldedPrefix(prefix, dialect) {
  return rulesFor(dialect).fold(validatePrefix(prefix));
}
function parsePrNumber(value, where = "--pr") {
  const n = typeof value === "number" ? value : typeof value === "string" && /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_PR) {
    throw new UserError(`The pull request number ${JSON.stringify(value === void 0 ? null : value)} (from ${where}) is not a positive integer.`, {
      hint: "Pass the number of the pull request, e.g. --pr 123; in a workflow it comes from the pull_request event (github.event.pull_request.number)."
    });
  }
  return n;
}
function prSchemaName(prefix, pr, dialect) {
  return foldedPrefix(prefix, dialect) + String(parsePrNumber(pr));
}
function prSchemaPattern(prefix, dialect) {
  return `^${foldedPrefix(prefix, dialect)}[1-9][0-9]*$`;
}
function matchPrSchema(name3, prefix, dialect) {
  const p = foldedPrefix(prefix, dialect);
  if (typeof name3 !== "string" || !name3.startsWith(p)) return void 0;
  const rest = name3.slice(p.length);
  if (!/^[1-9][0-9]{0,9}$/.test(rest)) return void 0;
  const n = Number(rest);
  return n <= MAX_PR ? n : void 0;
}

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
async function run(q, stmt) {
  return (await q.query(stmt.sql, stmt.binds)).rows;
}
async function currentDatabase(wh) {
  const rows = await run(wh, prSchemaSql(wh.dialect).currentDatabase());
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
  const rows = await run(wh, prSchemaSql(dialect).describeSchema(ref));
  const row = rows.find((r) => r.name === ref.schema);
  return row ? toInfo(row) : void 0;
}
async function listSchemas(wh, dialect, database, prefix) {
  const rows = await run(wh, prSchemaSql(dialect).listSchemas(database, prefix));
  return rows.map(toInfo);
}
async function execute(wh, statements) {
  if (statements.length === 0) return;
  if (wh.capabilities.transactionalDdl) {
    await wh.transaction(async (s) => {
      for (const st of statements) await s.query(st.sql, st.binds);
    });
  } else {
    for (const st of statements) await wh.query(st.sql, st.binds);
  }
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

// shared/pr-schema/cleanup.ts
function check(opts) {
  validatePrefix(opts.prefix);
  parsePrNumber(opts.pr);
  if (opts.repo !== void 0 && !isRepoSlug(opts.repo)) {
    throw new UserError(`The repository '${opts.repo}' is not in owner/name form.`, { hint: "Pass --repo owner/name." });
  }
}
function planDropPrSchema(dialect, opts) {
  check(opts);
  const schema2 = prSchemaName(opts.prefix ?? "CI_PR_", opts.pr, dialect);
  const database = dialect === "snowflake" && opts.database ? resolveName(opts.database, dialect) : void 0;
  const stmt = prSchemaSql(dialect).drop({ database, schema: schema2 });
  return { schema: schema2, database: database ?? "", status: "would-drop", reason: "dry run (the warehouse was not consulted)", statements: [stmt] };
}
async function dropPrSchema(wh, opts) {
  check(opts);
  const db = await resolveDatabase(wh, opts.database);
  const schema2 = prSchemaName(opts.prefix ?? "CI_PR_", opts.pr, wh.dialect);
  const ref = { database: db.ref, schema: schema2 };
  const where = db.name ? `${db.name}.${schema2}` : schema2;
  const info = await describeSchema(wh, wh.dialect, ref);
  if (!info) return { schema: schema2, database: db.name, status: "absent", reason: `${where} does not exist; nothing to drop.`, statements: [] };
  const own = parseOwnership(info.comment);
  if (own.kind === "record" && opts.repo && !sameRepo(own.record.repo, opts.repo)) {
    return { schema: schema2, database: db.name, status: "left-alone", reason: `${where} belongs to ${own.record.repo}#${own.record.pr} according to its ownership comment, not ${opts.repo}; left alone.`, statements: [] };
  }
  if (own.kind === "record" && own.record.pr !== opts.pr) {
    return { schema: schema2, database: db.name, status: "left-alone", reason: `${where}'s ownership comment names PR #${own.record.pr}, not #${opts.pr}; left alone.`, statements: [] };
  }
  const stmt = prSchemaSql(wh.dialect).drop(ref);
  if (info.canDrop === false) {
    throw new OperationError(`The role Slipway connects as may not drop ${where} (it is owned by ${info.owner ?? "another role"}); nothing was dropped.`, {
      hint: `Run the cleanup as the role that created the PR schemas (${info.owner ?? "its owner"}), or grant that role to the cleanup user.`
    });
  }
  if (opts.dryRun) return { schema: schema2, database: db.name, status: "would-drop", reason: `${where} exists and would be dropped with everything in it.`, statements: [stmt] };
  try {
    await wh.query(stmt.sql, stmt.binds);
  } catch (err) {
    throw new OperationError(`Dropping ${where} failed: ${err.message}`, {
      hint: "Check that the role Slipway connects as owns the schema (DROP needs ownership); nothing else was changed.",
      cause: err
    });
  }
  return { schema: schema2, database: db.name, status: "dropped", reason: `${where} was dropped with everything in it.`, statements: [stmt] };
}

// shared/pr-schema/create.ts
function checkOptions(opts) {
  validatePrefix(opts.prefix);
  parsePrNumber(opts.pr);
  if (!isRepoSlug(opts.repo)) {
    throw new UserError(`The repository '${opts.repo}' is not in owner/name form.`, { hint: "Pass --repo owner/name (the CLI also reads GITHUB_REPOSITORY)." });
  }
  for (const sha2 of [opts.headSha, opts.baseSha]) {
    if (sha2 !== void 0 && !/^[0-9a-fA-F]{7,64}$/.test(sha2)) {
      throw new UserError(`'${sha2.slice(0, 80)}' is not a commit SHA.`, { hint: "Pass the full hexadecimal SHA (github.event.pull_request.head.sha)." });
    }
  }
  for (const r of [...opts.ciRoles ?? [], ...opts.reviewerRoles ?? []]) {
    const resolved = resolveName(r, "snowflake");
    if (resolved.includes('"') || /[\u0000-\u001f]/.test(resolved)) {
      throw new UserError(`The role name ${JSON.stringify(r)} contains a double quote or a control character.`, { hint: `Use the role's plain name, e.g. TRANSFORMER or "Review Team".` });
    }
  }
}
function grantList(dialect, opts) {
  const ci = dialect === "snowflake" ? "USAGE, CREATE TABLE, CREATE VIEW" : "USAGE, CREATE";
  const rev = dialect === "snowflake" ? "USAGE; SELECT on all and future tables and views" : "USAGE; SELECT on all tables and views, and by default on new ones";
  return [
    ...(opts.ciRoles ?? []).map((role) => ({ role, kind: "ci", privileges: ci })),
    ...(opts.reviewerRoles ?? []).map((role) => ({ role, kind: "reviewer", privileges: rev }))
  ];
}
function planCreatePrSchema(dialect, opts, existing, database = { ref: opts.database === void 0 || dialect === "postgres" ? void 0 : resolveName(opts.database, dialect), name: opts.database ? resolveName(opts.database, dialect) : "" }) {
  checkOptions(opts);
  const sql = prSchemaSql(dialect);
  const schema2 = prSchemaName(opts.prefix ?? "CI_PR_", opts.pr, dialect);
  const ref = { database: database.ref, schema: schema2 };
  const now = (opts.now ?? /* @__PURE__ */ new Date()).toISOString();
  const warnings = [];
  const parsed = parseOwnership(existing?.comment);
  const prior = parsed.kind === "record" ? parsed.record : void 0;
  if (existing && prior && !sameRepo(prior.repo, opts.repo)) {
    throw new UserError(`Schema ${schema2} already exists and its ownership comment says it belongs to ${prior.repo} (PR #${prior.pr}), not ${opts.repo}.`, {
      hint: "Give each repository its own prefix (e.g. prefix: CI_ANALYTICS_PR_) or its own database, so PR numbers cannot collide."
    });
  }
  if (existing && prior && prior.pr !== opts.pr) {
    throw new UserError(`Schema ${schema2} already exists and its ownership comment names PR #${prior.pr}, not #${opts.pr}.`, {
      hint: "Someone edited the comment or reused the name; drop the schema by hand (after checking its contents) or use another prefix."
    });
  }
  if (existing && !prior) {
    warnings.push(`Schema ${schema2} already existed without a Slipway ownership record${parsed.kind === "other" ? ` (its comment was: ${parsed.text.slice(0, 80)})` : ""}; Slipway takes it over for ${opts.repo}#${opts.pr}.`);
  }
  let recreateReason;
  if (existing && opts.recreate) recreateReason = "recreate was requested";
  else if (existing && opts.recreateOnBaseChange && prior?.base && opts.baseSha && prior.base.toLowerCase() !== opts.baseSha.toLowerCase()) {
    recreateReason = `the base moved from ${prior.base.slice(0, 12)} to ${opts.baseSha.slice(0, 12)} since the schema was last built`;
  }
  const recreate = recreateReason !== void 0;
  const sameHead = !!prior && !!opts.headSha && !!prior.head && prior.head.toLowerCase() === opts.headSha.toLowerCase();
  const ownership = {
    repo: opts.repo,
    pr: opts.pr,
    head: opts.headSha,
    base: opts.baseSha,
    created: existing && prior && !recreate ? prior.created : now,
    headAt: existing && prior && !recreate && sameHead ? prior.headAt : now
  };
  const comment = formatOwnership(ownership);
  const statements = [
    ...existing && !recreate ? sql.refresh(ref, comment) : sql.create(ref, comment, { recreate: recreate || opts.recreate === true }),
    ...sql.grants(ref, opts.ciRoles ?? [], opts.reviewerRoles ?? [])
  ];
  return {
    schema: schema2,
    database: database.name,
    action: existing ? recreate ? "recreated" : "refreshed" : "created",
    recreateReason,
    ownership,
    grants: grantList(dialect, opts),
    statements,
    warnings
  };
}
function dryRunCreatePrSchema(dialect, opts) {
  return { ...planCreatePrSchema(dialect, opts, void 0), action: "planned" };
}
async function createPrSchema(wh, opts) {
  checkOptions(opts);
  const database = await resolveDatabase(wh, opts.database);
  const schema2 = prSchemaName(opts.prefix ?? "CI_PR_", opts.pr, wh.dialect);
  const existing = await describeSchema(wh, wh.dialect, { database: database.ref, schema: schema2 });
  const plan = planCreatePrSchema(wh.dialect, opts, existing, database);
  if (opts.dryRun) return { ...plan, action: "planned" };
  await execute(wh, plan.statements);
  return plan;
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
    if (record && !sameRepo(record.repo, ctx.repo)) {
      return { ...withPr, verdict: "keep", rule: "other-repository", reason: `ownership comment says it belongs to ${record.repo}#${record.pr}; left alone` };
    }
    if (record && record.pr !== pr) {
      return { ...withPr, verdict: "keep", rule: "other-pr", reason: `ownership comment names PR #${record.pr}, but the name says #${pr}; left alone` };
    }
    if (!ctx.open.has(pr)) {
      return { ...withPr, verdict: "drop", rule: "pr-closed", reason: `PR #${pr} is not open${record ? "" : " (schema has no ownership comment)"}` };
    }
    if (ctx.ttlDays > 0 && ageDays !== void 0 && ageDays > ctx.ttlDays) {
      return { ...withPr, verdict: "drop", rule: "ttl-expired", reason: `PR #${pr} is open but its schema saw no new head for ${days(ageDays)} (TTL ${days(ctx.ttlDays)}); the next push recreates it` };
    }
    return { ...withPr, verdict: "keep", rule: "pr-open", reason: `PR #${pr} is open${ageDays !== void 0 ? `; last new head ${days(ageDays)} ago` : ""}` };
  });
}
function checkOptions2(opts) {
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
  const { prefix, ttlDays, concurrency } = checkOptions2(opts);
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
      await wh.query(st.sql, st.binds);
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

// shared/pr-schema/summary.ts
function renderCreateMarkdown(r) {
  const where = r.database ? `${r.database}.${r.schema}` : r.schema;
  const what = { created: "created", recreated: `recreated empty (${r.recreateReason ?? "requested"})`, refreshed: "already existed; ownership record refreshed", planned: "planned (dry run)" }[r.action];
  const grants = r.grants.length ? r.grants.map((g) => `${mdCode(g.role)} (${g.kind}: ${g.privileges})`).join(", ") : "none requested";
  return [`### Slipway PR schema`, "", `**${mdCode(where)}** ${what} for ${r.ownership.repo}#${r.ownership.pr}${r.ownership.head ? ` at \`${r.ownership.head.slice(0, 12)}\`` : ""}. Grants: ${grants}.`, ...r.warnings.map((w) => `
> ⚠️ ${mdText(w)}`)].join("\n");
}

export {
  DEFAULT_PREFIX,
  parsePrNumber,
  prSchemaName,
  planDropPrSchema,
  dropPrSchema,
  dryRunCreatePrSchema,
  createPrSchema,
  sweepPrSchemas,
  mdText,
  renderSweepMarkdown,
  renderSweepText,
  renderCreateMarkdown
};
