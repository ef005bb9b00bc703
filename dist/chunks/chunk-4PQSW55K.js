import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  runStatement
} from "./chunk-JK3NYHQT.js";
import {
  qualify,
  quoteLiteral
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
function tableRowFrom(r) {
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
  for (const r of rows) {
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
function statementRowFrom(r) {
  return {
    queryId: String(r.query_id),
    queryType: String(r.query_type ?? "UNKNOWN"),
    startTime: toDate(r.start_time, "START_TIME"),
    endTime: r.end_time == null ? void 0 : toDate(r.end_time, "END_TIME"),
    status: r.execution_status == null ? void 0 : String(r.execution_status)
  };
}
async function readPitrMetadata(wh, opts) {
  const clock = (await runStatement(wh, clockQuery()))[0] ?? {};
  const now = clock.now == null ? /* @__PURE__ */ new Date() : toDate(clock.now, "CURRENT_TIMESTAMP");
  const database = opts.database ?? (clock.database == null ? void 0 : String(clock.database));
  if (!database) {
    throw new UserError("The Snowflake session has no current database, so Slipway cannot read INFORMATION_SCHEMA for the recovery.", {
      hint: "Pass --database (input database), or set database in the dbt profile / SNOWFLAKE_DATABASE."
    });
  }
  const tables = (await runStatement(wh, tablesQuery(database, opts.schemas))).map(tableRowFrom);
  const dropped = [];
  for (const schema of opts.schemas) dropped.push(...droppedRowsFrom(await runStatement(wh, tablesHistoryQuery(database, schema)), schema));
  let statement;
  if (opts.point.kind === "statement") {
    const recent = await runStatement(wh, statementQueryRecent(database, opts.point.queryId)).catch(() => []);
    let hit = recent[0];
    if (!hit) hit = (await runStatement(wh, statementQueryAccountUsage(opts.point.queryId)).catch(() => []))[0];
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
        await runStatement(warehouse, st);
      }
    };
    const ran = [];
    if (!deps.audit) {
      for (const st of [createAdminSchema(plan.database, adminSchema), createPitrLog(plan.database, adminSchema)]) {
        await runStatement(warehouse, st);
        ran.push(st);
      }
    }
    const restored = [];
    for (const o of restore) {
      const done = [];
      try {
        for (const st of o.statements) {
          await runStatement(warehouse, st);
          done.push(st);
          ran.push(st);
        }
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        let putBack = "";
        if (o.putBack && done.length > 0) {
          await runStatement(warehouse, o.putBack[0]).catch(() => void 0);
          try {
            await runStatement(warehouse, o.putBack[1]);
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

export {
  parsePoint,
  assertTimeTravel,
  assertReason,
  pointInTimeRecover
};
