import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  assertTransition,
  colourNames,
  convergeSwaps,
  databaseSwapUnsupported,
  decideRollback,
  executeSwap,
  listRelations,
  suffixed
} from "./chunk-YIJ4TT7F.js";
import {
  formatPlan
} from "./chunk-K2HM67PE.js";
import {
  acquireLock,
  adminNames,
  checkEnvironment,
  currentDeploy,
  databaseScopeValue,
  ensureAdmin,
  eventValues,
  liveDatabaseScope,
  newDeployId,
  readDeployState,
  run
} from "./chunk-AX3CEADG.js";
import {
  deploySqlFor
} from "./chunk-Y3PEEM64.js";
import {
  qualify,
  quoteLiteral,
  resolveName
} from "./chunk-YTHL6NVM.js";
import {
  GateFailure,
  OperationError,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/pitr/recover.ts
import { randomBytes } from "node:crypto";

// shared/dialects/snowflake/pitr.ts
var D = "snowflake";
function timestampLiteral(at) {
  const iso = at.toISOString();
  return `${quoteLiteral(`${iso.slice(0, 10)} ${iso.slice(11, 23)} +00:00`, D)}::TIMESTAMP_TZ`;
}
function atClause(point) {
  return point.kind === "timestamp" ? `AT (TIMESTAMP => ${timestampLiteral(point.at)})` : `BEFORE (STATEMENT => ${quoteLiteral(point.queryId, D)})`;
}
function tableName(database, schema, name) {
  return qualify(D, database, schema, name);
}
function clockQuery() {
  return { sql: 'SELECT CURRENT_TIMESTAMP() AS "NOW", CURRENT_DATABASE() AS "DATABASE"', purpose: "read the warehouse's clock and current database" };
}
function tablesQuery(database, schemas) {
  const infoSchema = database ? `${qualify(D, database)}.INFORMATION_SCHEMA.TABLES` : "INFORMATION_SCHEMA.TABLES";
  return {
    sql: `SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, IS_TRANSIENT, RETENTION_TIME, CREATED, LAST_ALTERED FROM ${infoSchema} WHERE TABLE_SCHEMA IN (${schemas.map(() => "?").join(", ")}) ORDER BY TABLE_SCHEMA, TABLE_NAME`,
    binds: [...schemas],
    purpose: `read retention, transience and creation time of the tables in ${schemas.join(", ")}`
  };
}
function tablesHistoryQuery(database, schema) {
  return { sql: `SHOW TABLES HISTORY IN SCHEMA ${qualify(D, database, schema)}`, purpose: `list dropped table versions still in Time Travel in ${schema}` };
}
function statementQueryRecent(database, queryId) {
  const fn = database ? `${qualify(D, database)}.INFORMATION_SCHEMA.QUERY_HISTORY` : "INFORMATION_SCHEMA.QUERY_HISTORY";
  return {
    sql: `SELECT QUERY_ID, QUERY_TYPE, START_TIME, END_TIME, EXECUTION_STATUS FROM TABLE(${fn}(END_TIME_RANGE_START => DATEADD('day', -7, CURRENT_TIMESTAMP()), RESULT_LIMIT => 10000)) WHERE QUERY_ID = ?`,
    binds: [queryId],
    purpose: `look up statement ${queryId} in the last 7 days of query history`
  };
}
function statementQueryAccountUsage(queryId) {
  return {
    sql: "SELECT QUERY_ID, QUERY_TYPE, START_TIME, END_TIME, EXECUTION_STATUS FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY WHERE QUERY_ID = ?",
    binds: [queryId],
    purpose: `look up statement ${queryId} in ACCOUNT_USAGE query history`
  };
}
function cloneAt(source, clone, point, transient, purpose) {
  return { sql: `CREATE ${transient ? "TRANSIENT " : ""}TABLE ${clone} CLONE ${source} ${atClause(point)} COPY GRANTS`, purpose };
}
function swapTables(a, b, purpose) {
  return { sql: `ALTER TABLE ${a} SWAP WITH ${b}`, purpose };
}
function renameTable(from, to, purpose) {
  return { sql: `ALTER TABLE ${from} RENAME TO ${to}`, purpose };
}
function undropTable(name, purpose) {
  return { sql: `UNDROP TABLE ${name}`, purpose };
}
function createAdminSchema(database, adminSchema) {
  return { sql: `CREATE SCHEMA IF NOT EXISTS ${qualify(D, database, adminSchema)}`, purpose: "make sure the Slipway admin schema exists" };
}
function createPitrLog(database, adminSchema) {
  return {
    sql: `CREATE TABLE IF NOT EXISTS ${qualify(D, database, adminSchema, "PITR_LOG")} (RUN_ID VARCHAR NOT NULL, ENVIRONMENT VARCHAR, DATABASE_NAME VARCHAR, SCHEMA_NAME VARCHAR, TABLE_NAME VARCHAR, ACTION VARCHAR, POINT VARCHAR, STATUS VARCHAR, REASON VARCHAR, ACTOR VARCHAR, RUN_URL VARCHAR, DETAIL VARCHAR, LOGGED_AT TIMESTAMP_LTZ DEFAULT CURRENT_TIMESTAMP())`,
    purpose: "audit table for point-in-time recovery (one row per object restored or left)"
  };
}
function insertPitrLog(database, adminSchema, row) {
  return {
    sql: `INSERT INTO ${qualify(D, database, adminSchema, "PITR_LOG")} (RUN_ID, ENVIRONMENT, DATABASE_NAME, SCHEMA_NAME, TABLE_NAME, ACTION, POINT, STATUS, REASON, ACTOR, RUN_URL, DETAIL) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    binds: [row.runId, row.environment, row.database ?? null, row.schema, row.table, row.action, row.point, row.status, row.reason, row.actor, row.runUrl ?? null, row.detail ?? null],
    purpose: `audit: ${row.status.toLowerCase()} ${row.schema}.${row.table}`
  };
}

// shared/pitr/metadata.ts
function lower(row) {
  const out = {};
  for (const [k, v] of Object.entries(row)) out[k.toLowerCase()] = v;
  return out;
}
function toDate(v, what = "timestamp") {
  if (v instanceof Date) return v;
  if (typeof v === "number") return new Date(v);
  if (v && typeof v === "object") {
    const o = v;
    if (typeof o.getTime === "function") return new Date(o.getTime());
    if (typeof o.toISOString === "function") return new Date(o.toISOString());
    if (typeof o.toJSON === "function") return toDate(o.toJSON(), what);
  }
  if (typeof v === "string") {
    const s = v.trim().replace(/^(\d{4}-\d{2}-\d{2})[ T]/, "$1T").replace(/(\.\d{3})\d+/, "$1").replace(/\s*([+-]\d{2}):?(\d{2})$/, "$1:$2").replace(/\s*Z$/i, "Z");
    const d = new Date(/([+-]\d{2}:\d{2}|Z)$/.test(s) ? s : `${s}Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new OperationError(`Snowflake returned a ${what} Slipway cannot read: ${JSON.stringify(v)}.`);
}
function toBool(v) {
  if (typeof v === "boolean") return v;
  return /^(yes|true|y|1)$/i.test(String(v ?? "").trim());
}
function toNum(v) {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
}
function tableRowFrom(raw) {
  const r = lower(raw);
  return {
    database: r.table_catalog === void 0 ? void 0 : String(r.table_catalog),
    schema: String(r.table_schema),
    name: String(r.table_name),
    tableType: String(r.table_type ?? "BASE TABLE"),
    isTransient: toBool(r.is_transient),
    retentionDays: toNum(r.retention_time),
    created: toDate(r.created, "CREATED"),
    lastAltered: r.last_altered == null ? void 0 : toDate(r.last_altered, "LAST_ALTERED")
  };
}
function droppedRowsFrom(rows, fallbackSchema) {
  const out = [];
  for (const raw of rows) {
    const r = lower(raw);
    if (r.dropped_on == null || r.dropped_on === "") continue;
    out.push({
      database: r.database_name == null ? void 0 : String(r.database_name),
      schema: String(r.schema_name ?? fallbackSchema),
      name: String(r.name),
      created: toDate(r.created_on, "created_on"),
      dropped: toDate(r.dropped_on, "dropped_on"),
      isTransient: /TRANSIENT/i.test(String(r.kind ?? "")),
      retentionDays: toNum(r.retention_time)
    });
  }
  return out;
}
function statementRowFrom(raw) {
  const r = lower(raw);
  return {
    queryId: String(r.query_id),
    queryType: String(r.query_type ?? "UNKNOWN"),
    startTime: toDate(r.start_time, "START_TIME"),
    endTime: r.end_time == null ? void 0 : toDate(r.end_time, "END_TIME"),
    status: r.execution_status == null ? void 0 : String(r.execution_status)
  };
}
async function run2(wh, st) {
  return (await wh.query(st.sql, st.binds)).rows;
}
async function readPitrMetadata(wh, opts) {
  const clock = lower((await run2(wh, clockQuery()))[0] ?? {});
  const now = clock.now == null ? /* @__PURE__ */ new Date() : toDate(clock.now, "CURRENT_TIMESTAMP");
  const database = opts.database ?? (clock.database == null ? void 0 : String(clock.database));
  if (!database) {
    throw new UserError("The Snowflake session has no current database, so Slipway cannot read INFORMATION_SCHEMA for the recovery.", {
      hint: "Pass --database (input database), or set database in the dbt profile / SNOWFLAKE_DATABASE."
    });
  }
  const tables = (await run2(wh, tablesQuery(database, opts.schemas))).map(tableRowFrom);
  const dropped = [];
  for (const schema of opts.schemas) dropped.push(...droppedRowsFrom(await run2(wh, tablesHistoryQuery(database, schema)), schema));
  let statement;
  if (opts.point.kind === "statement") {
    const recent = await run2(wh, statementQueryRecent(database, opts.point.queryId)).catch(() => []);
    let hit = recent[0];
    if (!hit) hit = (await run2(wh, statementQueryAccountUsage(opts.point.queryId)).catch(() => []))[0];
    statement = hit ? statementRowFrom(hit) : null;
  }
  return { now, database, schemas: [...opts.schemas], tables, dropped, statement };
}

// shared/pitr/planner.ts
var HOUR = 36e5;
var DAY = 24 * HOUR;
var STATEMENT_WINDOW_DAYS = 14;
var STATEMENT_POINT_TYPES = /* @__PURE__ */ new Set([
  "SELECT",
  "INSERT",
  "MULTI_TABLE_INSERT",
  "UPDATE",
  "DELETE",
  "MERGE",
  "TRUNCATE_TABLE",
  "COPY",
  "UNLOAD",
  "BEGIN_TRANSACTION",
  "COMMIT",
  "ROLLBACK"
]);
var LEFTOVER_NAME = /__PITR_\d{8}T\d{6}(_(V\d+|AT|FAILED))?$/;
function stampOf(d) {
  return d.toISOString().replace(/[-:]/g, "").slice(0, 15);
}
function formatAge(ms) {
  if (ms < HOUR) return `${Math.max(0, Math.round(ms / 6e4))} min`;
  if (ms < 2 * DAY) {
    const h = Math.floor(ms / HOUR);
    const m = Math.round((ms - h * HOUR) / 6e4);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  return `${(ms / DAY).toFixed(1)} days`;
}
function kindOf(transient) {
  return transient ? "transient table" : "permanent table";
}
function retentionProblem(transient, retentionDays, ageMs, what) {
  if (retentionDays <= 0) {
    return `${what} is a ${kindOf(transient)} with DATA_RETENTION_TIME_IN_DAYS = 0: it has no Time Travel`;
  }
  if (ageMs > retentionDays * DAY) {
    const tail = transient ? " (transient tables keep at most 1 day of Time Travel and have no Fail-safe)" : "";
    return `the point is ${formatAge(ageMs)} ago, outside the ${retentionDays}-day retention of ${what}${tail}`;
  }
  return void 0;
}
function unchangedReason(row) {
  const t = row.tableType.toUpperCase();
  if (t === "BASE TABLE") return void 0;
  if (t === "VIEW") return "view: view definitions are not time-travelled; it reads the restored tables";
  if (t === "MATERIALIZED VIEW") return "materialized view: Snowflake refreshes it from the restored tables";
  if (t === "TEMPORARY TABLE") return "temporary table: belongs to another session, not part of a deploy";
  return `${t.toLowerCase()}: not restored by time travel`;
}
function statementProblems(meta, point) {
  if (point.kind !== "statement") return [];
  const st = meta.statement;
  const problems = [];
  const age = meta.now.getTime() - st.startTime.getTime();
  if (age > STATEMENT_WINDOW_DAYS * DAY) {
    problems.push(
      `statement ${st.queryId} ran ${formatAge(age)} ago; BEFORE(STATEMENT => …) only reaches the last ${STATEMENT_WINDOW_DAYS} days (use --at ${st.startTime.toISOString()} instead)`
    );
  }
  const type = st.queryType.toUpperCase();
  if (!STATEMENT_POINT_TYPES.has(type)) {
    problems.push(
      `statement ${st.queryId} is a ${type}; BEFORE(STATEMENT => …) accepts only DML, SELECT and transaction statements (use --at ${st.startTime.toISOString()} instead)`
    );
  }
  return problems;
}
function planPitr(meta, opts) {
  const { point } = opts;
  let pointTime;
  let pointLabel;
  if (point.kind === "timestamp") {
    pointTime = point.at;
    pointLabel = point.at.toISOString();
  } else {
    if (!meta.statement) {
      throw new UserError(`Statement ${point.queryId} is not in the query history Slipway can read.`, {
        hint: "Check the query id (INFORMATION_SCHEMA.QUERY_HISTORY covers 7 days; ACCOUNT_USAGE lags by up to 45 minutes and needs the SNOWFLAKE database granted), or use --at <timestamp>."
      });
    }
    pointTime = meta.statement.startTime;
    pointLabel = `before statement ${point.queryId} (${pointTime.toISOString()})`;
  }
  if (pointTime.getTime() > meta.now.getTime()) {
    throw new UserError(`The recovery point ${pointTime.toISOString()} is in the future (the warehouse clock says ${meta.now.toISOString()}).`, {
      hint: "Give a moment before the bad change."
    });
  }
  const stamp = opts.stamp ?? stampOf(meta.now);
  const problems = statementProblems(meta, point);
  const ageMs = meta.now.getTime() - pointTime.getTime();
  const inScope = new Set(meta.schemas);
  const tables = meta.tables.filter((t) => inScope.has(t.schema)).sort((a, b) => a.schema === b.schema ? a.name < b.name ? -1 : a.name > b.name ? 1 : 0 : a.schema < b.schema ? -1 : 1);
  if (tables.length === 0) {
    throw new UserError(`No tables were found in ${meta.schemas.join(", ") || "(no schemas)"}.`, {
      hint: "Check the environment and --schemas: point-in-time recovery works on the tables of the live colour schemas (e.g. ANALYTICS__BLUE)."
    });
  }
  const objects = tables.map((row) => planObject({ ...row, database: row.database ?? meta.database }, meta.dropped, { point, pointTime, pointLabel, ageMs, stamp, problems }));
  const statements = objects.flatMap((o) => o.statements);
  return {
    point,
    pointTime,
    pointLabel,
    now: meta.now,
    database: meta.database,
    schemas: [...meta.schemas],
    stamp,
    objects,
    complete: objects.every((o) => o.action !== "unrecoverable"),
    statements,
    problems
  };
}
function planObject(row, dropped, ctx) {
  const base = {
    database: row.database,
    schema: row.schema,
    name: row.name,
    tableType: row.tableType,
    isTransient: row.isTransient,
    retentionDays: row.retentionDays,
    created: row.created,
    leftBehind: [],
    statements: []
  };
  const display = `${row.schema}.${row.name}`;
  if (LEFTOVER_NAME.test(row.name)) {
    return { ...base, action: "unchanged", reason: "left by an earlier point-in-time recovery; not restored itself" };
  }
  const skip = unchangedReason(row);
  if (skip) return { ...base, action: "unchanged", reason: skip };
  if (ctx.problems.length) return { ...base, action: "unrecoverable", reason: ctx.problems.join("; ") };
  const t = tableName(row.database, row.schema, row.name);
  const asideName = `${row.name}__PITR_${ctx.stamp}`;
  const aside = tableName(row.database, row.schema, asideName);
  if (row.created.getTime() <= ctx.pointTime.getTime()) {
    const problem2 = retentionProblem(row.isTransient, row.retentionDays, ctx.ageMs, display);
    if (problem2) return { ...base, action: "unrecoverable", reason: problem2 };
    return {
      ...base,
      action: "clone-swap",
      reason: `existed at the point; ${formatAge(ctx.ageMs)} ago is within its ${row.retentionDays}-day retention`,
      leftBehind: [asideName],
      statements: [
        cloneAt(t, aside, ctx.point, row.isTransient, `${display}: clone it as of ${ctx.pointLabel}`),
        swapTables(t, aside, `${display}: swap the restored copy in (the data it had before recovery stays in ${asideName})`)
      ]
    };
  }
  const versions = dropped.filter((d) => d.schema === row.schema && d.name === row.name && (d.database === void 0 || row.database === void 0 || d.database === row.database)).sort((a, b) => b.dropped.getTime() - a.dropped.getTime());
  const idx = versions.findIndex((v2) => v2.created.getTime() <= ctx.pointTime.getTime() && ctx.pointTime.getTime() < v2.dropped.getTime());
  if (idx < 0) {
    return {
      ...base,
      action: "unchanged",
      reason: `created ${row.created.toISOString()}, after the point, and no dropped version that existed at the point is in Time Travel: it did not exist then (or that version's retention has passed); left as it is`
    };
  }
  const v = versions[idx];
  const problem = retentionProblem(v.isTransient, v.retentionDays, ctx.ageMs, `the version of ${display} that existed then (replaced ${v.dropped.toISOString()})`);
  if (problem) return { ...base, action: "unrecoverable", reason: problem };
  const undrops = idx + 1;
  const atName = `${row.name}__PITR_${ctx.stamp}_AT`;
  const at = tableName(row.database, row.schema, atName);
  const statements = [renameTable(t, aside, `${display}: move the current object (created ${row.created.toISOString()}, after the point) aside to ${asideName}`)];
  const leftBehind = [asideName];
  for (let j = 1; j < undrops; j++) {
    const vName = `${row.name}__PITR_${ctx.stamp}_V${j}`;
    statements.push(undropTable(t, `${display}: undrop a newer replaced version (${j} of ${undrops - 1}) on the way back`));
    statements.push(renameTable(t, tableName(row.database, row.schema, vName), `${display}: move that newer version aside to ${vName}`));
    leftBehind.push(vName);
  }
  statements.push(undropTable(t, `${display}: undrop the version created ${v.created.toISOString()} that existed at the point`));
  statements.push(cloneAt(t, at, ctx.point, v.isTransient, `${display}: clone that version as of ${ctx.pointLabel}`));
  statements.push(swapTables(t, at, `${display}: swap the restored copy in (that version's later data stays in ${atName})`));
  leftBehind.push(atName);
  const failedName = `${row.name}__PITR_${ctx.stamp}_FAILED`;
  const putBack = [
    renameTable(t, tableName(row.database, row.schema, failedName), `${display}: recovery failed midway: move whatever holds the name now aside to ${failedName}`),
    renameTable(aside, t, `${display}: recovery failed midway: put the object that was current back under its name`)
  ];
  return {
    putBack,
    ...base,
    isTransient: v.isTransient,
    retentionDays: v.retentionDays,
    action: "undrop",
    reason: `replaced after the point (current object created ${row.created.toISOString()}); the version created ${v.created.toISOString()} is still in Time Travel${undrops > 1 ? ` behind ${undrops - 1} newer replaced version(s)` : ""}`,
    undrops,
    leftBehind,
    statements
  };
}
function describePlan(plan) {
  const lines = [];
  const by = (a) => plan.objects.filter((o) => o.action === a);
  lines.push(`Point-in-time recovery to ${plan.pointLabel} (warehouse time ${plan.now.toISOString()}), schemas ${plan.schemas.join(", ")}`);
  const restore = [...by("clone-swap"), ...by("undrop")];
  lines.push(`  restore (${restore.length}):`);
  for (const o of restore) lines.push(`    ${o.schema}.${o.name}  [${o.action}] ${o.reason}`);
  const bad = by("unrecoverable");
  lines.push(`  cannot be recovered (${bad.length}):`);
  for (const o of bad) lines.push(`    ${o.schema}.${o.name}  ${o.reason}`);
  const same = by("unchanged");
  if (same.length) {
    lines.push(`  left unchanged (${same.length}):`);
    for (const o of same) lines.push(`    ${o.schema}.${o.name}  ${o.reason}`);
  }
  lines.push(`  ${plan.statements.length} statement(s); ${plan.complete ? "every table can be restored" : "NOT every table can be restored: --partial is needed to apply"}`);
  return lines.join("\n");
}

// shared/pitr/recover.ts
var DEFAULT_ADMIN_SCHEMA = "SLIPWAY";
function assertTimeTravel(warehouse) {
  if (!warehouse.capabilities.timeTravel) {
    throw new UserError(
      `Point-in-time recovery is not supported on this warehouse (${warehouse.description}): it lacks the 'timeTravel' capability (AT/BEFORE and UNDROP).`,
      { hint: "Use a re-swap rollback (slipway rollback --reason … [--to <deploy-id>]) or restore from your own backups; --at/--before-statement work on Snowflake only." }
    );
  }
}
function assertReason(reason) {
  const r = (reason ?? "").trim();
  if (!r) {
    throw new UserError("A rollback needs a reason.", { hint: "Pass --reason '<what went wrong, ticket link>' (it is written to the audit trail)." });
  }
  return r;
}
function label(o) {
  return `${o.schema}.${o.name}`;
}
function checkApplicable(plan, partial) {
  const restore = plan.objects.filter((o) => o.action === "clone-swap" || o.action === "undrop");
  const bad = plan.objects.filter((o) => o.action === "unrecoverable");
  if (restore.length === 0) {
    if (bad.length) {
      throw new UserError(`Nothing can be recovered to ${plan.pointLabel}: ${bad.map((o) => `${label(o)} (${o.reason})`).join("; ")}.`, {
        hint: "Choose a later point (within the tables' retention) or restore from a backup; --dry-run shows the plan."
      });
    }
    throw new UserError(`No table needs restoring to ${plan.pointLabel}: none of the tables in ${plan.schemas.join(", ")} existed then.`, {
      hint: "Check the point and the environment; --dry-run shows the plan."
    });
  }
  if (bad.length && !partial) {
    throw new GateFailure(`Point-in-time recovery refused: ${bad.length} of ${restore.length + bad.length} table(s) cannot be recovered to ${plan.pointLabel}; nothing was changed.
${bad.map((o) => `  ${label(o)}: ${o.reason}`).join("\n")}`, {
      hint: `Rerun with --partial to restore the other ${restore.length} and leave exactly these as they are, or choose a later point.`,
      details: { unrecoverable: bad.map((o) => ({ table: label(o), reason: o.reason })) }
    });
  }
  return restore;
}
async function pointInTimeRecover(warehouse, opts, rt, deps = {}) {
  const started = Date.now();
  const reason = assertReason(opts.reason);
  if (warehouse) assertTimeTravel(warehouse);
  if (!warehouse && !opts.metadata) throw new UserError("Point-in-time recovery needs a Snowflake connection to read table metadata.", { hint: "Configure the connection (dbt profile or SNOWFLAKE_* variables)." });
  if (opts.schemas.length === 0) throw new UserError("No schemas to recover.", { hint: "Name the live colour schemas, or the environment whose live deploy should be recovered." });
  const adminSchema = opts.adminSchema ?? DEFAULT_ADMIN_SCHEMA;
  const runId = `pitr-${(/* @__PURE__ */ new Date()).toISOString().replace(/[-:.]/g, "").slice(0, 15)}-${randomBytes(3).toString("hex")}`;
  const makePlan = async () => {
    const meta = opts.metadata ?? await readPitrMetadata(warehouse, { database: opts.database, schemas: opts.schemas, point: opts.point });
    return planPitr(meta, { point: opts.point, stamp: opts.stamp });
  };
  let plan = await makePlan();
  rt.info(describePlan(plan));
  const result = (applied, restored, left, statements) => ({
    mode: "pitr",
    runId,
    applied,
    plan,
    restored,
    left,
    leftBehind: plan.objects.filter((o) => restored.includes(label(o))).flatMap((o) => o.leftBehind),
    statements,
    durationMs: Date.now() - started
  });
  if (opts.dryRun) {
    return result(false, [], plan.objects.filter((o) => o.action === "unrecoverable").map((o) => ({ table: label(o), reason: o.reason })), plan.statements);
  }
  checkApplicable(plan, !!opts.partial);
  if (!warehouse) throw new UserError("Recorded metadata can only be used with --dry-run.", { hint: "Drop --metadata-file to apply against the warehouse." });
  const apply = async () => {
    if (!opts.metadata) plan = await makePlan();
    const restore = checkApplicable(plan, !!opts.partial);
    const bad = plan.objects.filter((o) => o.action === "unrecoverable");
    const audit = async (o, status, detail) => {
      const row = {
        runId,
        environment: opts.environment,
        database: o.database ?? plan.database,
        schema: o.schema,
        table: o.name,
        action: o.action,
        point: plan.pointLabel,
        status,
        reason,
        actor: opts.actor,
        runUrl: opts.runUrl,
        detail
      };
      if (deps.audit) await deps.audit(row);
      else {
        const st = insertPitrLog(plan.database, adminSchema, row);
        await warehouse.query(st.sql, st.binds);
      }
    };
    const ran = [];
    if (!deps.audit) {
      for (const st of [createAdminSchema(plan.database, adminSchema), createPitrLog(plan.database, adminSchema)]) {
        await warehouse.query(st.sql, st.binds);
        ran.push(st);
      }
    }
    const restored = [];
    for (const o of restore) {
      const done = [];
      try {
        for (const st of o.statements) {
          await warehouse.query(st.sql, st.binds);
          done.push(st);
          ran.push(st);
        }
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        let putBack = "";
        if (o.putBack && done.length > 0) {
          await warehouse.query(o.putBack[0].sql, o.putBack[0].binds).catch(() => void 0);
          try {
            await warehouse.query(o.putBack[1].sql, o.putBack[1].binds);
            putBack = `  ${label(o)} was put back as it was before the recovery (whatever held the name meanwhile is in ${o.name}__PITR_${plan.stamp}_FAILED).
`;
          } catch (e) {
            putBack = `  COULD NOT put ${label(o)} back (${e instanceof Error ? e.message : String(e)}): run
    ${o.putBack[1].sql};
`;
          }
        }
        await audit(o, "FAILED", `after ${done.length} of ${o.statements.length} statement(s): ${msg}${putBack ? `; ${putBack.trim()}` : ""}`).catch(() => void 0);
        throw new OperationError(
          `Point-in-time recovery stopped at ${label(o)} after ${done.length} of its ${o.statements.length} statement(s): ${msg}
  Restored before it: ${restored.length ? restored.join(", ") : "none"}.
` + (done.length ? `  Already run for ${label(o)}:
${done.map((s) => `    ${s.sql};`).join("\n")}
` : "") + putBack + `  Not started: ${restore.slice(restore.indexOf(o) + 1).map(label).join(", ") || "none"}.`,
          { hint: `Check ${label(o)} and the objects named ${o.name}__PITR_${plan.stamp}* in ${o.schema}; every step is in ${adminSchema}.PITR_LOG (run ${runId}).`, cause: err }
        );
      }
      restored.push(label(o));
      await audit(o, "RESTORED", `${o.action}; kept beside it: ${o.leftBehind.join(", ")}`);
      rt.info(`restored ${label(o)} (${o.action})`);
    }
    for (const o of bad) {
      await audit(o, "LEFT", o.reason);
      rt.warn(`left as it is (cannot be recovered): ${label(o)}: ${o.reason}`);
    }
    return result(true, restored, bad.map((o) => ({ table: label(o), reason: o.reason })), ran);
  };
  return deps.withLock ? deps.withLock(apply) : apply();
}

// shared/rollback/index.ts
import { readFile } from "node:fs/promises";

// shared/deploy/rollback.ts
async function rollbackDeploy(warehouse, opts, rt) {
  const t0 = Date.now();
  const environment = checkEnvironment(opts.environment);
  if (!opts.reason?.trim()) throw new UserError("A rollback needs a reason.", { hint: 'Pass --reason "<what went wrong>"; it is recorded in DEPLOY_STATE with your name.' });
  const dialect = warehouse.dialect;
  const names = colourNames(opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const stateOpts = { environment, adminSchema: opts.adminSchema, database: opts.database };
  const decideOpts = { environment, to: opts.to, runUrl: opts.runUrl };
  const state = await readDeployState(warehouse, stateOpts);
  if (!state.initialised) throw new GateFailure(`Environment '${environment}' has no DEPLOY_STATE: nothing was ever deployed with Slipway here.`, { hint: "Check --environment and --admin-schema." });
  const first = decideRollback(state, decideOpts);
  if (first.alreadyDone) return alreadyDone(rt, environment, first, t0, opts);
  const rollbackId = newDeployId(/* @__PURE__ */ new Date(), "rollback-");
  if (opts.dryRun) {
    const plan = await rollbackTargets(warehouse, sql, a, names, first, opts, environment);
    const statements = [sql.ensureLockRow(a, environment), sql.acquireLock(a, environment, rollbackId, opts.runUrl ?? null, opts.actor, opts.leaseMinutes ?? 15), sql.selectEvents(a, environment), ...swapPlan(sql, a, plan, environment), ...recordStatements(sql, a, environment, first, plan, opts, rollbackId)];
    return { rolledBackFrom: first.from.deployId, rolledBackTo: first.to.deployId, colour: first.colour, statements, durationMs: Date.now() - t0, schemas: plan.published, rollbackId, scope: plan.scope ? "database" : "schema" };
  }
  await ensureAdmin(warehouse, sql, a);
  await acquireLock(warehouse, sql, a, { environment, holder: rollbackId, runUrl: opts.runUrl ?? null, actor: opts.actor, leaseMinutes: opts.leaseMinutes ?? 15 });
  try {
    let lockedState = await readDeployState(warehouse, stateOpts);
    if (await convergeSwaps(warehouse, sql, a, names, lockedState, "reverse", { environment, actor: opts.actor, runUrl: opts.runUrl, by: `rollback ${rollbackId}` }, rt)) lockedState = await readDeployState(warehouse, stateOpts);
    const locked = decideRollback(lockedState, decideOpts);
    if (locked.alreadyDone) {
      await run(warehouse, sql.releaseLock(a, environment, rollbackId));
      return alreadyDone(rt, environment, locked, t0, opts);
    }
    assertTransition(locked.from, "ROLLED_BACK", "rollback");
    assertTransition(locked.to, "LIVE", "rollback");
    if (locked.republishes) {
      rt.warn(
        `RE-PUBLISHING deploy ${locked.to.deployId}, which is ${locked.to.status}${locked.to.errorText ? ` (${locked.to.errorText.split("\n")[0].slice(0, 200)})` : ""}: you named it with --to. Consumers will read it again; this is recorded in DEPLOY_STATE.`
      );
    }
    const plan = await rollbackTargets(warehouse, sql, a, names, locked, opts, environment);
    const record = recordStatements(sql, a, environment, locked, plan, opts, rollbackId);
    const outcome = await executeSwap(warehouse, sql, a, plan.targets, record, { environment, holder: rollbackId, database: a.database, lockTimeoutMs: opts.lockTimeoutMs, databaseScope: plan.scope }, rt);
    rt.info(
      `Rolled back ${environment} from ${locked.from.deployId} to ${locked.to.deployId} (${locked.colour} colour) in ${Date.now() - t0} ms${plan.scope ? ` with one database swap (${plan.scope.published} ⇄ ${plan.scope.next})` : ""}; reason: ${opts.reason}`
    );
    return { rolledBackFrom: locked.from.deployId, rolledBackTo: locked.to.deployId, colour: locked.colour, statements: outcome.statements, durationMs: Date.now() - t0, schemas: plan.published, rollbackId, scope: plan.scope ? "database" : "schema" };
  } catch (err) {
    try {
      await run(warehouse, sql.releaseLock(a, environment, rollbackId));
    } catch {
      rt.warn(`Could not release the deploy lock after the failed rollback; its ${opts.leaseMinutes ?? 15}-minute lease will expire.`);
    }
    throw err;
  }
}
function alreadyDone(rt, environment, d, t0, opts) {
  rt.info(
    opts.to ? `Deploy ${d.to.deployId} is already live in ${environment}; nothing to roll back (no change, nothing recorded).` : `This rollback already happened: ${environment} was rolled back from ${d.from.deployId} to ${d.to.deployId} by this run (${opts.runUrl}); nothing changed.`
  );
  return { rolledBackFrom: d.from.deployId, rolledBackTo: d.to.deployId, colour: d.colour, statements: [], durationMs: Date.now() - t0, schemas: d.to.schemas, rollbackId: "", scope: "schema", alreadyDone: true };
}
async function rollbackTargets(warehouse, sql, a, names, d, opts, environment) {
  const { from, to, colour } = d;
  const dialect = warehouse.dialect;
  const db = a.database;
  let published = from.schemas.length ? from.schemas : to.schemas;
  const pitr = `Use point-in-time recovery: slipway rollback --environment ${environment} --at <timestamp> --reason "…".`;
  const scopeDb = liveDatabaseScope(from);
  if (scopeDb) {
    if (!warehouse.capabilities.databaseSwap || dialect !== "snowflake") throw databaseSwapUnsupported(dialect, "A database-scope rollback");
    if (opts.schemas?.length) {
      throw new UserError(`Deploy ${from.deployId} went live with database scope (${scopeDb}), so its published schemas can only be rolled back together, with one database swap.`, { hint: "Leave out --schemas." });
    }
    const dbSql = sql.databaseScope;
    if (!dbSql) throw databaseSwapUnsupported(dialect, "A database-scope rollback");
    const scope = { published: scopeDb, next: suffixed(scopeDb, names.next, dialect), data: db };
    if (!(await run(warehouse, dbSql.databaseExists(db ?? scope.published, scope.next))).length) {
      throw new GateFailure(`Cannot re-swap ${scope.published}: the staging database ${scope.next} holding the previous views is gone.`, { hint: pitr });
    }
    const targets2 = [];
    for (const p of published) {
      const colourSchema = suffixed(p, names.suffix[colour], dialect, names.quoting);
      const exists = (await run(warehouse, sql.schemaExists(scope.next, p))).length > 0;
      const sources = exists ? sql.parseViewSources(await run(warehouse, sql.viewSources(scope.next, p))) : [];
      const wrong = sources.filter((s) => s.sourceSchema !== colourSchema);
      const views = exists ? (await listRelations(warehouse, sql, scope.next, p)).map((r) => r.name) : [];
      if (!views.length || wrong.length) {
        throw new GateFailure(
          `Cannot re-swap ${scope.published}: ${scope.next}.${p} does not hold the views of deploy ${to.deployId} (${!exists ? "it does not exist" : views.length ? `${wrong.length} view(s) read ${[...new Set(wrong.map((w) => w.sourceSchema))].join(", ")} instead of ${colourSchema}` : "it is empty"}).`,
          { hint: pitr }
        );
      }
      targets2.push({ published: p, next: p, build: [], nextViews: views });
    }
    return { published, targets: targets2, scope, scopeValue: databaseScopeValue(scope.published) };
  }
  if (opts.schemas?.length) {
    const want = opts.schemas.map((s) => s.toUpperCase());
    const unknown = want.filter((w) => !published.some((p) => p.toUpperCase() === w));
    if (unknown.length) throw new UserError(`Schema(s) ${unknown.join(", ")} are not published by deploy ${from.deployId} (${published.join(", ")}).`, { hint: "Leave out --schemas to roll back every published schema." });
    published = published.filter((p) => want.includes(p.toUpperCase()));
  }
  const targets = [];
  for (const p of published) {
    const next = suffixed(p, names.next, dialect, names.quoting);
    const colourSchema = suffixed(p, names.suffix[colour], dialect, names.quoting);
    const exists = (await run(warehouse, sql.schemaExists(db, next))).length > 0;
    if (!exists) throw new GateFailure(`Cannot re-swap ${p}: the staging schema ${next} holding the previous views is gone.`, { hint: pitr });
    const sources = sql.parseViewSources(await run(warehouse, sql.viewSources(db, next)));
    const wrong = sources.filter((s) => s.sourceSchema !== colourSchema);
    const views = (await listRelations(warehouse, sql, db, next)).map((r) => r.name);
    if (!views.length || wrong.length) {
      throw new GateFailure(`Cannot re-swap ${p}: ${next} does not hold the views of deploy ${to.deployId} (${views.length ? `${wrong.length} view(s) read ${[...new Set(wrong.map((w) => w.sourceSchema))].join(", ")} instead of ${colourSchema}` : "it is empty"}).`, { hint: pitr });
    }
    targets.push({ published: p, next, build: [], nextViews: views });
  }
  return { published, targets };
}
function recordStatements(sql, a, environment, d, plan, opts, rollbackId) {
  const { from, to, colour } = d;
  return [
    sql.insertEvent(a, eventValues({ deploy_id: from.deployId, environment, status: "ROLLED_BACK", colour: from.colour, actor: opts.actor, run_url: opts.runUrl ?? null, reason: opts.reason, rolled_back_to: to.deployId })),
    sql.insertEvent(
      a,
      eventValues({
        deploy_id: to.deployId,
        environment,
        status: "LIVE",
        colour,
        previous_colour: from.colour,
        previous_deploy_id: from.deployId,
        schemasList: to.schemas.length ? to.schemas : plan.published,
        actor: opts.actor,
        run_url: opts.runUrl ?? null,
        reason: `rollback from ${from.deployId}${d.republishes ? ` (RE-PUBLISHED a ${to.status} deploy, named with --to)` : ""}: ${opts.reason}`,
        ...plan.scopeValue ? { cutover_scope: plan.scopeValue } : {}
      })
    ),
    sql.releaseLock(a, environment, rollbackId)
  ];
}
function swapPlan(sql, a, plan, environment) {
  const db = a.database;
  const scope = plan.scope;
  if (scope && sql.databaseScope) {
    const dbSql = sql.databaseScope;
    return [
      sql.readLock(a, environment),
      dbSql.listSchemas(scope.published),
      ...dbSql.readDatabaseGrants(scope.published),
      ...plan.targets.flatMap((t) => sql.readGrants(scope.published, t.published)),
      ...dbSql.readDatabaseGrants(scope.next),
      ...plan.targets.flatMap((t) => sql.readGrants(scope.next, t.next)),
      dbSql.swapDatabases(scope.published, scope.next)
    ];
  }
  return [sql.readLock(a, environment), ...plan.targets.flatMap((t) => [...sql.readGrants(db, t.published), ...sql.readGrants(db, t.next), ...sql.swap(db, t.published, t.next)])];
}

// shared/pitr/point.ts
var ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?\s?(Z|[+-]\d{2}:?\d{2})$/i;
var QUERY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function parseTimestamp(raw, now = /* @__PURE__ */ new Date()) {
  const s = raw.trim();
  if (!ISO_WITH_ZONE.test(s)) {
    throw new UserError(`--at '${raw}' is not a timestamp with a time zone.`, {
      hint: "Write it as ISO 8601 with a zone, e.g. --at 2026-11-22T09:30:00Z or --at '2026-11-22 10:30:00+01:00'."
    });
  }
  const norm = s.replace(" ", "T").replace(/\s?([+-]\d{2}):?(\d{2})$/, "$1:$2").replace(/\s?Z$/i, "Z");
  const d = new Date(norm.replace(/(\.\d{3})\d+/, "$1"));
  if (Number.isNaN(d.getTime())) {
    throw new UserError(`--at '${raw}' is not a valid date and time.`, { hint: "Check the month, day and hour, e.g. --at 2026-11-22T09:30:00Z." });
  }
  if (d.getTime() > now.getTime() + 6e4) {
    throw new UserError(`--at '${raw}' is in the future (${d.toISOString()}; now is ${now.toISOString()}).`, {
      hint: "Time travel goes back, not forward: give a moment before the bad change."
    });
  }
  return d;
}
function parseQueryId(raw) {
  const s = raw.trim();
  if (!QUERY_ID.test(s)) {
    throw new UserError(`--before-statement '${raw}' is not a Snowflake query id.`, {
      hint: "Copy the query id from Query History (it looks like 01b2c3d4-0000-1a2b-0000-0001234567f9)."
    });
  }
  return s;
}
function parsePoint(opts, now = /* @__PURE__ */ new Date()) {
  if (opts.at !== void 0 && opts.beforeStatement !== void 0) {
    throw new UserError("--at and --before-statement were both given.", { hint: "Choose one recovery point: a timestamp or a statement." });
  }
  if (opts.at !== void 0) return { kind: "timestamp", at: parseTimestamp(opts.at, now) };
  if (opts.beforeStatement !== void 0) return { kind: "statement", queryId: parseQueryId(opts.beforeStatement) };
  return void 0;
}

// shared/pitr/live.ts
async function resolveLiveTarget(warehouse, opts) {
  const d = warehouse.dialect;
  if (opts.colourSchemas?.length) {
    return { published: [], colourSchemas: opts.colourSchemas.map((s) => resolveName(s, d)) };
  }
  const live = await currentDeploy(warehouse, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database });
  const published = (opts.schemas?.length ? opts.schemas : live?.schemas ?? []).map((s) => resolveName(s, d));
  if (!published.length) {
    throw new UserError(`Environment '${opts.environment}' has no live deploy in DEPLOY_STATE, and no schemas were named.`, {
      hint: "Pass --schemas <published schemas> (their views show which colour is live) or --colour-schemas <schemas holding the tables>."
    });
  }
  const sql = await deploySqlFor(d);
  const database = opts.database ? resolveName(opts.database, d) : void 0;
  const colour = /* @__PURE__ */ new Set();
  for (const p of published) {
    for (const v of sql.parseViewSources(await run(warehouse, sql.viewSources(database, p)))) if (v.sourceSchema && v.sourceSchema !== p) colour.add(v.sourceSchema);
  }
  if (!colour.size) {
    throw new UserError(`The published schema(s) ${published.join(", ")} hold no Slipway views, so the live colour schemas cannot be found.`, {
      hint: "Check --environment/--schemas, or name the schemas holding the tables with --colour-schemas."
    });
  }
  return { deployId: live?.deployId, colour: live?.colour ?? void 0, published, colourSchemas: [...colour].sort() };
}
function deployLock(warehouse, opts) {
  return async (fn) => {
    const sql = await deploySqlFor(warehouse.dialect);
    const a = adminNames(warehouse.dialect, opts);
    await ensureAdmin(warehouse, sql, a);
    await acquireLock(warehouse, sql, a, { environment: opts.environment, holder: opts.holder, runUrl: opts.runUrl ?? null, actor: opts.actor, leaseMinutes: opts.leaseMinutes ?? 60 });
    try {
      return await fn();
    } finally {
      await run(warehouse, sql.releaseLock(a, opts.environment, opts.holder)).catch(() => void 0);
    }
  };
}

// shared/rollback/index.ts
function validateRollbackFlags(o) {
  const reason = assertReason(o.reason);
  const environment = checkEnvironment(o.environment);
  const point = parsePoint({ at: o.at, beforeStatement: o.beforeStatement });
  if (point && o.to) {
    throw new UserError("--to cannot be combined with --at/--before-statement.", {
      hint: "--to <deploy-id> re-swaps to an earlier deploy; --at/--before-statement restore the live tables to a point in time. Choose one."
    });
  }
  if (o.partial && !point) throw new UserError("--partial only applies to point-in-time recovery.", { hint: "Add --at <timestamp> or --before-statement <query id>, or drop --partial." });
  return { reason, environment, point };
}
function pitrReport(r, environment, dryRun) {
  const { statements, ...plan } = r.plan;
  return {
    mode: "pitr",
    environment,
    dryRun,
    rolledBackTo: r.plan.pointLabel,
    restored: r.restored,
    left: r.left,
    leftBehind: r.leftBehind,
    plan: { ...plan, objects: plan.objects.map(({ statements: s, putBack, ...o }) => ({ ...o, statements: s.map((x) => x.sql), ...putBack ? { putBack: putBack.map((x) => x.sql) } : {} })) },
    sql: formatPlan(dryRun ? statements : r.statements, "snowflake"),
    statements: (dryRun ? statements : r.statements).length,
    durationMs: r.durationMs
  };
}
function reportText(r) {
  if (r.mode === "reswap") {
    if (r.alreadyDone) return `Already done: ${r.environment} reads deploy ${r.rolledBackTo} (rolled back from ${r.rolledBackFrom}); nothing changed.`;
    const head = r.dryRun ? `Dry run: rollback of ${r.environment} from deploy ${r.rolledBackFrom} to deploy ${r.rolledBackTo} (colour ${r.colour}) would run:` : `Rolled back ${r.environment}: deploy ${r.rolledBackFrom} → deploy ${r.rolledBackTo} (colour ${r.colour}) in ${r.durationMs} ms.`;
    return r.dryRun ? `${head}

${r.sql}` : head;
  }
  const lines = [];
  if (r.dryRun) {
    lines.push(`Dry run: point-in-time recovery of ${r.environment} to ${r.rolledBackTo}.`);
    lines.push(`${r.statements} statement(s):`, "", r.sql);
  } else {
    lines.push(`Restored ${r.restored.length} table(s) of ${r.environment} to ${r.rolledBackTo} in ${r.durationMs} ms.`);
    for (const t of r.restored) lines.push(`  restored ${t}`);
    if (r.leftBehind.length) lines.push(`  pre-recovery copies kept for forensics (drop when satisfied): ${r.leftBehind.join(", ")}`);
  }
  for (const l of r.left ?? []) lines.push(`  LEFT AS IT IS: ${l.table}: ${l.reason}`);
  return lines.join("\n");
}
async function runRollback(wh, o, rt) {
  if (!o.point) {
    if (!wh) throw new UserError("A re-swap rollback needs a warehouse connection (it reads DEPLOY_STATE).", { hint: "Configure the connection; --dry-run still changes nothing." });
    const r2 = await rollbackDeploy(
      wh,
      { environment: o.environment, adminSchema: o.adminSchema, to: o.to, reason: o.reason, actor: o.actor, runUrl: o.runUrl, dryRun: !!o.dryRun, schemas: o.schemas?.length ? o.schemas : void 0, database: o.database, suffixBlue: o.suffixBlue, suffixGreen: o.suffixGreen, suffixNext: o.suffixNext, quoting: o.quoting },
      rt
    );
    return {
      mode: "reswap",
      environment: o.environment,
      dryRun: !!o.dryRun,
      rolledBackFrom: r2.rolledBackFrom,
      rolledBackTo: r2.rolledBackTo,
      colour: r2.colour,
      ...r2.alreadyDone ? { alreadyDone: true } : {},
      sql: formatPlan(r2.statements, wh.dialect),
      statements: r2.statements.length,
      durationMs: r2.durationMs
    };
  }
  if (wh) assertTimeTravel(wh);
  const target = o.metadata ? { colourSchemas: o.metadata.schemas, published: [] } : await resolveLiveTarget(wh, o);
  const holder = `rollback-pitr-${Date.now().toString(36)}`;
  const r = await pointInTimeRecover(
    wh,
    {
      point: o.point,
      schemas: target.colourSchemas,
      database: o.database ? resolveName(o.database, "snowflake") : void 0,
      environment: o.environment,
      adminSchema: o.adminSchema,
      reason: o.reason,
      actor: o.actor,
      runUrl: o.runUrl,
      partial: o.partial,
      dryRun: o.dryRun,
      metadata: o.metadata
    },
    rt,
    { withLock: wh && !o.dryRun ? deployLock(wh, { environment: o.environment, adminSchema: o.adminSchema, database: o.database, holder, runUrl: o.runUrl, actor: o.actor }) : void 0 }
  );
  return pitrReport(r, o.environment, !!o.dryRun);
}
async function loadMetadataFile(path) {
  let raw;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new UserError(`Cannot read the metadata file ${path}: ${err.message}`, { hint: "Give a JSON file with now, schemas, tables and dropped." });
  }
  const m = raw;
  if (!m || typeof m !== "object" || !Array.isArray(m.tables) || !Array.isArray(m.schemas)) {
    throw new UserError(`The metadata file ${path} needs "now", "schemas" and "tables" (and "dropped").`, { hint: 'See docs/rollback.md, "Planning offline".' });
  }
  const d = (v) => new Date(String(v));
  return {
    now: d(m.now),
    database: m.database,
    schemas: m.schemas.map(String),
    tables: m.tables.map((t) => ({ ...t, created: d(t.created), lastAltered: t.lastAltered ? d(t.lastAltered) : void 0 })),
    dropped: (m.dropped ?? []).map((t) => ({ ...t, created: d(t.created), dropped: d(t.dropped) })),
    statement: m.statement ? { ...m.statement, startTime: d(m.statement.startTime), endTime: m.statement.endTime ? d(m.statement.endTime) : void 0 } : m.statement
  };
}
function reportMarkdown(r) {
  const lines = [];
  if (r.mode === "reswap") {
    lines.push(`### ${r.dryRun ? "Rollback plan (dry run)" : "Rolled back"}: ${r.environment}`, "");
    lines.push("| | |", "|---|---|", `| from deploy | \`${r.rolledBackFrom}\` |`, `| to deploy | \`${r.rolledBackTo}\` |`, `| colour | ${r.colour} |`, `| statements | ${r.statements} |`);
    if (!r.dryRun) lines.push(`| duration | ${r.durationMs} ms |`);
  } else {
    lines.push(`### ${r.dryRun ? "Point-in-time recovery plan (dry run)" : "Point-in-time recovery"}: ${r.environment} to ${r.rolledBackTo}`, "");
    const objects = r.plan?.objects ?? [];
    lines.push("| table | action | why |", "|---|---|---|");
    for (const o of objects) lines.push(`| \`${o.schema}.${o.name}\` | ${o.action} | ${o.reason.replace(/\|/g, "\\|")} |`);
    if (r.left?.length) lines.push("", `**Left as they are (${r.left.length}):** ${r.left.map((l) => `\`${l.table}\``).join(", ")}`);
    if (!r.dryRun && r.leftBehind?.length) lines.push("", `Pre-recovery copies kept for forensics: ${r.leftBehind.map((n) => `\`${n}\``).join(", ")}`);
  }
  lines.push("", "<details><summary>SQL</summary>", "", "```sql", r.sql, "```", "", "</details>");
  return lines.join("\n");
}

export {
  assertTimeTravel,
  validateRollbackFlags,
  reportText,
  runRollback,
  loadMetadataFile,
  reportMarkdown
};
