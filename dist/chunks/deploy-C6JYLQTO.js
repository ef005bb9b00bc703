import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  EVENT_COLUMNS
} from "./chunk-U2YJDY4W.js";
import {
  qualify,
  quoteIdent,
  quoteLiteral,
  resolveName
} from "./chunk-YTHL6NVM.js";
import {
  OperationError
} from "./chunk-IZF6KDBA.js";

// shared/dialects/snowflake/deploy.ts
var D = "snowflake";
var c = (name) => quoteIdent(resolveName(name, D), D);
var table = (a, t) => qualify(D, a.database, a.schema, t);
var sch = (db, s) => qualify(D, db, s);
var info = (db, view) => qualify(D, db, "INFORMATION_SCHEMA", view);
var PRIV = /^[A-Z][A-Z _]*$/;
var FUTURE_TYPES = {
  TABLE: "TABLES",
  VIEW: "VIEWS",
  MATERIALIZED_VIEW: "MATERIALIZED VIEWS",
  "MATERIALIZED VIEW": "MATERIALIZED VIEWS",
  DYNAMIC_TABLE: "DYNAMIC TABLES",
  "DYNAMIC TABLE": "DYNAMIC TABLES",
  EXTERNAL_TABLE: "EXTERNAL TABLES",
  STAGE: "STAGES",
  SEQUENCE: "SEQUENCES",
  FUNCTION: "FUNCTIONS",
  PROCEDURE: "PROCEDURES",
  STREAM: "STREAMS",
  TASK: "TASKS",
  FILE_FORMAT: "FILE FORMATS"
};
var DATABASE_FUTURE_TYPES = { ...FUTURE_TYPES, SCHEMA: "SCHEMAS" };
function truthy(v) {
  return v === true || typeof v === "string" && ["true", "yes", "y"].includes(v.toLowerCase());
}
function grantee(db, g) {
  switch (g.granteeType) {
    case "ROLE":
      return `ROLE ${quoteIdent(g.grantee, D)}`;
    case "DATABASE_ROLE": {
      const parts = g.grantee.split(".");
      return `DATABASE ROLE ${parts.length === 2 ? qualify(D, parts[0], parts[1]) : qualify(D, db, g.grantee)}`;
    }
    case "SHARE":
      return `SHARE ${quoteIdent(g.grantee, D)}`;
    default:
      return void 0;
  }
}
var snowflakeDeploySql = {
  dialect: D,
  get databaseScope() {
    return snowflakeDatabaseScopeSql;
  },
  ensureAdmin(a) {
    const st = table(a, a.stateTable);
    return [
      { sql: `CREATE SCHEMA IF NOT EXISTS ${sch(a.database, a.schema)}`, purpose: "admin schema for Slipway bookkeeping" },
      {
        sql: `CREATE TABLE IF NOT EXISTS ${st} (
  ${c("event_seq")} NUMBER AUTOINCREMENT START 1 INCREMENT 1,
  ${c("deploy_id")} VARCHAR NOT NULL,
  ${c("environment")} VARCHAR NOT NULL,
  ${c("status")} VARCHAR NOT NULL,
  ${c("colour")} VARCHAR,
  ${c("previous_colour")} VARCHAR,
  ${c("previous_deploy_id")} VARCHAR,
  ${c("schemas")} VARCHAR,
  ${c("git_sha")} VARCHAR,
  ${c("manifest_sha256")} VARCHAR,
  ${c("run_url")} VARCHAR,
  ${c("actor")} VARCHAR,
  ${c("started_at")} TIMESTAMP_LTZ,
  ${c("recorded_at")} TIMESTAMP_LTZ DEFAULT CURRENT_TIMESTAMP(),
  ${c("check_results")} VARCHAR,
  ${c("error_text")} VARCHAR,
  ${c("reason")} VARCHAR,
  ${c("rolled_back_to")} VARCHAR,
  ${c("cutover_scope")} VARCHAR
)`,
        purpose: "DEPLOY_STATE: one append-only row per deploy transition"
      },
      {
        sql: `CREATE TABLE IF NOT EXISTS ${table(a, a.lockTable)} (
  ${c("environment")} VARCHAR NOT NULL PRIMARY KEY,
  ${c("holder")} VARCHAR,
  ${c("run_url")} VARCHAR,
  ${c("actor")} VARCHAR,
  ${c("acquired_at")} TIMESTAMP_LTZ,
  ${c("expires_at")} TIMESTAMP_LTZ
)`,
        purpose: "DEPLOY_LOCK: one lease row per environment (Snowflake serialises UPDATE/MERGE on a table)"
      },
      {
        sql: `CREATE OR REPLACE VIEW ${table(a, a.currentView)} AS
SELECT * FROM (
  SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.${c("environment")}, s.${c("deploy_id")} ORDER BY s.${c("recorded_at")} DESC, s.${c("event_seq")} DESC) AS ${c("rn")}
  FROM ${st} AS s
) AS latest
WHERE ${c("rn")} = 1`,
        purpose: "current state: the latest row of each deploy"
      }
    ];
  },
  adminExists: (a) => ({
    sql: `SELECT 1 AS ${c("present")} FROM ${info(a.database, "TABLES")} WHERE ${c("table_schema")} = ? AND ${c("table_name")} = ?`,
    binds: [a.schema, a.stateTable]
  }),
  insertEvent(a, values) {
    const cols = EVENT_COLUMNS.filter((k) => values[k] !== void 0);
    return {
      sql: `INSERT INTO ${table(a, a.stateTable)} (${cols.map(c).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
      binds: cols.map((k) => values[k] ?? null),
      purpose: `DEPLOY_STATE row: ${values.status ?? ""}`
    };
  },
  selectEnvironments: (a) => ({ sql: `SELECT DISTINCT ${c("environment")} AS "environment" FROM ${table(a, a.stateTable)} ORDER BY 1`, purpose: "the environments DEPLOY_STATE knows" }),
  selectEvents: (a, environment) => ({
    sql: `SELECT * FROM ${table(a, a.stateTable)} WHERE ${c("environment")} = ? ORDER BY ${c("recorded_at")}, ${c("event_seq")}`,
    binds: [environment]
  }),
  ensureLockRow: (a, environment) => ({
    sql: `MERGE INTO ${table(a, a.lockTable)} AS t USING (SELECT ? AS ${c("environment")}) AS s ON t.${c("environment")} = s.${c("environment")}
WHEN NOT MATCHED THEN INSERT (${c("environment")}) VALUES (s.${c("environment")})`,
    binds: [environment],
    purpose: "make sure the lock row for this environment exists"
  }),
  acquireLock: (a, environment, holder, runUrl, actor, leaseMinutes) => ({
    sql: `UPDATE ${table(a, a.lockTable)}
SET ${c("holder")} = ?, ${c("run_url")} = ?, ${c("actor")} = ?, ${c("acquired_at")} = CURRENT_TIMESTAMP(), ${c("expires_at")} = DATEADD(MINUTE, ?, CURRENT_TIMESTAMP())
WHERE ${c("environment")} = ? AND (${c("holder")} IS NULL OR ${c("expires_at")} < CURRENT_TIMESTAMP())`,
    binds: [holder, runUrl, actor, leaseMinutes, environment],
    purpose: "take the deploy lock only if it is free or its lease expired (compare-and-set)"
  }),
  readLock: (a, environment) => ({
    sql: `SELECT ${c("holder")}, ${c("run_url")}, ${c("actor")}, ${c("acquired_at")}, ${c("expires_at")}, ${c("expires_at")} < CURRENT_TIMESTAMP() AS ${c("expired")}
FROM ${table(a, a.lockTable)} WHERE ${c("environment")} = ?`,
    binds: [environment],
    purpose: "read the deploy lock"
  }),
  renewLock: (a, environment, holder, leaseMinutes) => ({
    sql: `UPDATE ${table(a, a.lockTable)} SET ${c("expires_at")} = DATEADD(MINUTE, ?, CURRENT_TIMESTAMP()) WHERE ${c("environment")} = ? AND ${c("holder")} = ?`,
    binds: [leaseMinutes, environment, holder],
    purpose: "renew the lease for the cutover"
  }),
  releaseLock: (a, environment, holder) => ({
    sql: `UPDATE ${table(a, a.lockTable)} SET ${c("holder")} = NULL, ${c("run_url")} = NULL, ${c("actor")} = NULL, ${c("acquired_at")} = NULL, ${c("expires_at")} = NULL WHERE ${c("environment")} = ? AND ${c("holder")} = ?`,
    binds: [environment, holder],
    purpose: "release the deploy lock (only if we still hold it)"
  }),
  forceUnlock: (a, environment) => ({
    sql: `UPDATE ${table(a, a.lockTable)} SET ${c("holder")} = NULL, ${c("run_url")} = NULL, ${c("actor")} = NULL, ${c("acquired_at")} = NULL, ${c("expires_at")} = NULL WHERE ${c("environment")} = ?`,
    binds: [environment],
    purpose: "clear the deploy lock whoever holds it (audited unlock)"
  }),
  schemaExists: (db, schema) => ({ sql: `SELECT 1 AS ${c("present")} FROM ${info(db, "SCHEMATA")} WHERE ${c("schema_name")} = ?`, binds: [schema] }),
  createSchemaIfMissing: (db, schema) => ({ sql: `CREATE SCHEMA IF NOT EXISTS ${sch(db, schema)}`, purpose: "colour schema dbt builds into" }),
  listRelations: (db, schema) => ({
    sql: `SELECT ${c("table_name")} AS ${c("name")}, CASE WHEN ${c("table_type")} = 'VIEW' THEN 'view' ELSE 'table' END AS ${c("kind")}
FROM ${info(db, "TABLES")} WHERE ${c("table_schema")} = ? ORDER BY ${c("table_name")}`,
    binds: [schema]
  }),
  rowCounts: (db, schema) => [
    {
      sql: `SELECT ${c("table_name")} AS ${c("name")}, ${c("row_count")} AS ${c("n")} FROM ${info(db, "TABLES")} WHERE ${c("table_schema")} = ? AND ${c("table_type")} = 'BASE TABLE'`,
      binds: [schema],
      purpose: `row counts in ${schema} (table metadata, no scan)`
    }
  ],
  recreateSchema: (db, schema) => [{ sql: `CREATE OR REPLACE SCHEMA ${sch(db, schema)}`, purpose: `staging schema ${schema} for the new views (replaces the views kept from the deploy before last)` }],
  createView: (db, schema, view, sourceSchema, source) => ({
    sql: `CREATE VIEW ${qualify(D, db, schema, view)} AS SELECT * FROM ${qualify(D, db, sourceSchema, source)}`
  }),
  viewSources: (db, schema) => ({
    sql: `SELECT ${c("table_name")} AS ${c("view_name")}, ${c("view_definition")} FROM ${info(db, "VIEWS")} WHERE ${c("table_schema")} = ?`,
    binds: [schema]
  }),
  parseViewSources(rows) {
    return rows.map((r) => {
      const text = String(r.view_definition ?? "");
      const m = /FROM\s+((?:"(?:[^"]|"")*"\s*\.\s*)*"(?:[^"]|"")*")\s*$/i.exec(text.trim().replace(/;\s*$/, ""));
      const parts = m ? [...m[1].matchAll(/"((?:[^"]|"")*)"/g)].map((p) => p[1].replace(/""/g, '"')) : [];
      return { view: String(r.view_name), sourceSchema: parts.length >= 2 ? parts[parts.length - 2] : "" };
    });
  },
  rename: (db, from, to) => ({ sql: `ALTER SCHEMA ${sch(db, from)} RENAME TO ${sch(db, to)}`, purpose: "first deploy: publish the new views under the published name" }),
  readGrants: (db, schema) => [
    { sql: `SHOW GRANTS ON SCHEMA ${sch(db, schema)}`, purpose: `direct grants on ${schema} (mirrored onto the staging schema)` },
    { sql: `SHOW FUTURE GRANTS IN SCHEMA ${sch(db, schema)}`, purpose: `future grants in ${schema} (mirrored so new views get them too)` },
    {
      sql: `SELECT ${c("table_name")} AS ${c("name")}, ${c("grantee")}, ${c("privilege_type")} AS ${c("privilege")}, ${c("is_grantable")} AS ${c("grant_option")}
FROM ${info(db, "TABLE_PRIVILEGES")} WHERE ${c("table_schema")} = ? AND ${c("privilege_type")} <> 'OWNERSHIP'`,
      binds: [schema],
      purpose: `grants on each view in ${schema}`
    }
  ],
  parseGrants(results) {
    const out = [];
    for (const r of results[0] ?? []) {
      const privilege = String(r.privilege ?? "").toUpperCase();
      if (privilege === "OWNERSHIP") continue;
      out.push({ level: "schema", on: "", privilege, granteeType: String(r.granted_to ?? "ROLE").toUpperCase(), grantee: String(r.grantee_name), grantOption: truthy(r.grant_option) });
    }
    for (const r of results[1] ?? []) {
      const privilege = String(r.privilege ?? "").toUpperCase();
      if (privilege === "OWNERSHIP") continue;
      out.push({ level: "future", on: String(r.grant_on ?? "").toUpperCase(), privilege, granteeType: String(r.grant_to ?? "ROLE").toUpperCase(), grantee: String(r.grantee_name), grantOption: truthy(r.grant_option) });
    }
    for (const r of results[2] ?? []) {
      out.push({ level: "object", on: String(r.name), privilege: String(r.privilege).toUpperCase(), granteeType: "ROLE", grantee: String(r.grantee), grantOption: truthy(r.grant_option) });
    }
    return out;
  },
  grantStatements(db, schema, grants) {
    return grants.flatMap((g) => {
      const priv = g.privilege.toUpperCase();
      if (!PRIV.test(priv)) throw new OperationError(`Unexpected privilege '${g.privilege}' read from SHOW GRANTS on ${schema}; refusing to mirror it.`);
      const to = grantee(db, g);
      if (!to) return [];
      const opt = g.grantOption ? " WITH GRANT OPTION" : "";
      if (g.level === "schema") return [{ sql: `GRANT ${priv} ON SCHEMA ${sch(db, schema)} TO ${to}${opt}` }];
      if (g.level === "future") {
        const types = FUTURE_TYPES[g.on];
        if (!types) return [];
        return [{ sql: `GRANT ${priv} ON FUTURE ${types} IN SCHEMA ${sch(db, schema)} TO ${to}${opt}` }];
      }
      return [{ sql: `GRANT ${priv} ON VIEW ${qualify(D, db, schema, g.on)} TO ${to}${opt}` }];
    });
  },
  relationsBuiltSince: (a, db, schema, environment, deployId) => ({
    sql: `SELECT ${c("table_name")} AS ${c("name")}, COALESCE(GREATEST(${c("created")}, COALESCE(${c("last_altered")}, ${c("created")})) >= (
  SELECT MIN(s.${c("recorded_at")}) FROM ${table(a, a.stateTable)} AS s WHERE s.${c("environment")} = ? AND s.${c("deploy_id")} = ? AND s.${c("status")} = 'STARTED'
), FALSE) AS ${c("fresh")}
FROM ${info(db, "TABLES")} WHERE ${c("table_schema")} = ? ORDER BY ${c("table_name")}`,
    binds: [environment, deployId, schema],
    purpose: `prove the build: every relation in ${schema} was created or replaced after prepare (CREATED / LAST_ALTERED)`
  }),
  schemaObjects: (db, schema) => ({
    sql: `SELECT ${c("table_name")} AS ${c("name")}, CASE WHEN ${c("table_type")} = 'VIEW' THEN 'view' ELSE 'table' END AS ${c("kind")} FROM ${info(db, "TABLES")} WHERE ${c("table_schema")} = ?
UNION ALL
SELECT ${c("sequence_name")}, 'sequence' FROM ${info(db, "SEQUENCES")} WHERE ${c("sequence_schema")} = ?
UNION ALL
SELECT ${c("function_name")}, 'function' FROM ${info(db, "FUNCTIONS")} WHERE ${c("function_schema")} = ?
UNION ALL
SELECT ${c("procedure_name")}, 'procedure' FROM ${info(db, "PROCEDURES")} WHERE ${c("procedure_schema")} = ?
UNION ALL
SELECT ${c("stage_name")}, 'stage' FROM ${info(db, "STAGES")} WHERE ${c("stage_schema")} = ?
ORDER BY 1`,
    binds: [schema, schema, schema, schema, schema],
    purpose: `everything in ${schema} that a swap would move`
  }),
  swap: (db, live, next) => [{ sql: `ALTER SCHEMA ${sch(db, live)} SWAP WITH ${sch(db, next)}`, purpose: `cutover of ${live}: one atomic statement (objects and their grants change places)` }]
};
function databaseSwap(live, next) {
  return { sql: `ALTER DATABASE ${quoteIdent(live, D)} SWAP WITH ${quoteIdent(next, D)}`, purpose: `cutover of every published schema at once: ${live} ⇄ ${next} (one atomic statement; databases, schemas, views and their grants change places)` };
}
function mustBePrivilege(g, where) {
  const priv = g.privilege.toUpperCase();
  if (!PRIV.test(priv)) throw new OperationError(`Unexpected privilege '${g.privilege}' read from SHOW GRANTS on ${where}; refusing to mirror it.`);
  return priv;
}
var snowflakeDatabaseScopeSql = {
  databaseExists: (via, database) => ({
    sql: `SELECT 1 AS ${c("present")} FROM ${info(via, "DATABASES")} WHERE ${c("database_name")} = ?`,
    binds: [database],
    purpose: `does the consumer database ${database} exist yet`
  }),
  createDatabaseIfMissing: (database) => ({ sql: `CREATE DATABASE IF NOT EXISTS ${quoteIdent(database, D)}`, purpose: `first database-scope deploy: an empty ${database} to swap with` }),
  recreateDatabase: (database) => ({ sql: `CREATE OR REPLACE DATABASE ${quoteIdent(database, D)}`, purpose: `staging database ${database} for the new views (replaces the views kept from the deploy before last)` }),
  listSchemas: (database) => ({
    sql: `SELECT ${c("schema_name")} AS ${c("name")} FROM ${info(database, "SCHEMATA")} ORDER BY ${c("schema_name")}`,
    purpose: `everything the database swap would move: ${database} must hold only the published schemas`
  }),
  createSchema: (database, schema) => ({ sql: `CREATE SCHEMA ${qualify(D, database, schema)}`, purpose: `staging copy of published schema ${schema}` }),
  createView: (database, schema, view, sourceDatabase, sourceSchema, source) => ({
    sql: `CREATE VIEW ${qualify(D, database, schema, view)} AS SELECT * FROM ${qualify(D, sourceDatabase, sourceSchema, source)}`
  }),
  readDatabaseGrants: (database) => [
    { sql: `SHOW GRANTS ON DATABASE ${quoteIdent(database, D)}`, purpose: `direct grants on the database ${database} (mirrored onto the staging database)` },
    { sql: `SHOW FUTURE GRANTS IN DATABASE ${quoteIdent(database, D)}`, purpose: `future grants in the database ${database} (mirrored so new schemas and views get them too)` }
  ],
  parseDatabaseGrants(results) {
    const out = [];
    for (const r of results[0] ?? []) {
      const privilege = String(r.privilege ?? "").toUpperCase();
      if (privilege === "OWNERSHIP") continue;
      out.push({ level: "database", on: "", privilege, granteeType: String(r.granted_to ?? "ROLE").toUpperCase(), grantee: String(r.grantee_name), grantOption: truthy(r.grant_option) });
    }
    for (const r of results[1] ?? []) {
      const privilege = String(r.privilege ?? "").toUpperCase();
      if (privilege === "OWNERSHIP") continue;
      out.push({ level: "database_future", on: String(r.grant_on ?? "").toUpperCase(), privilege, granteeType: String(r.grant_to ?? "ROLE").toUpperCase(), grantee: String(r.grantee_name), grantOption: truthy(r.grant_option) });
    }
    return out;
  },
  databaseGrantStatements(database, grants) {
    return grants.flatMap((g) => {
      const priv = mustBePrivilege(g, database);
      const to = grantee(database, g);
      if (!to) return [];
      const opt = g.grantOption ? " WITH GRANT OPTION" : "";
      if (g.level === "database") return [{ sql: `GRANT ${priv} ON DATABASE ${quoteIdent(database, D)} TO ${to}${opt}` }];
      if (g.level === "database_future") {
        const types = DATABASE_FUTURE_TYPES[g.on];
        return types ? [{ sql: `GRANT ${priv} ON FUTURE ${types} IN DATABASE ${quoteIdent(database, D)} TO ${to}${opt}` }] : [];
      }
      return [];
    });
  },
  swapDatabases: databaseSwap,
  scopeColumnExists: (a) => ({
    sql: `SELECT 1 AS ${c("present")} FROM ${info(a.database, "COLUMNS")} WHERE ${c("table_schema")} = ? AND ${c("table_name")} = ? AND ${c("column_name")} = ?`,
    binds: [a.schema, a.stateTable, resolveName("cutover_scope", D)],
    purpose: "does DEPLOY_STATE record the cutover scope yet"
  }),
  addScopeColumn: (a) => ({ sql: `ALTER TABLE ${table(a, a.stateTable)} ADD COLUMN ${c("cutover_scope")} VARCHAR`, purpose: "DEPLOY_STATE: record which deploys cut over with database scope (rollback re-swaps the databases)" })
};
function queryTag(tag) {
  return { sql: `ALTER SESSION SET QUERY_TAG = ${quoteLiteral(JSON.stringify(tag), D)}`, purpose: "tag the cutover statements in QUERY_HISTORY" };
}
export {
  databaseSwap,
  queryTag,
  snowflakeDatabaseScopeSql,
  snowflakeDeploySql
};
