import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  EVENT_COLUMNS
} from "./chunk-U2YJDY4W.js";
import {
  dollarQuote,
  qualify,
  quoteIdent,
  quoteLiteral,
  resolveName
} from "./chunk-YTHL6NVM.js";
import "./chunk-IZF6KDBA.js";

// shared/dialects/postgres/deploy.ts
var D = "postgres";
var c = (name) => quoteIdent(resolveName(name, D), D);
var table = (a, t) => qualify(D, a.schema, t);
function swapTempName(live) {
  const suffix = "__slipway_swap";
  let base = live;
  while (Buffer.byteLength(base + suffix, "utf8") > 63) base = base.slice(0, -1);
  return base + suffix;
}
var PRIV = /^[A-Z][A-Z _]*$/;
var postgresDeploySql = {
  dialect: D,
  get transactional() {
    return postgresDeploySql;
  },
  lockRetryCodes: ["55P03", "40P01"],
  deadlockTimeout: () => ({ sql: "SHOW deadlock_timeout", purpose: "each lock attempt waits less than this, so a reader is never the deadlock victim" }),
  savepoint: (name) => ({ sql: `SAVEPOINT ${quoteIdent(name, D)}`, purpose: "retry point for the view locks" }),
  rollbackToSavepoint: (name) => ({ sql: `ROLLBACK TO SAVEPOINT ${quoteIdent(name, D)}`, purpose: "give the view locks back to readers, then retry" }),
  batch(statements) {
    const out = [];
    let chunk = [];
    const flush = () => {
      if (chunk.length === 1) out.push({ sql: chunk[0] });
      else if (chunk.length) out.push({ sql: `DO ${dollarQuote(`BEGIN
${chunk.map((c2) => `  ${c2};`).join("\n")}
END`)}`, purpose: `${chunk.length} statements in one round trip` });
      chunk = [];
    };
    for (const st of statements) {
      if (st.binds?.length) {
        flush();
        out.push(st);
        continue;
      }
      chunk.push(st.sql);
      if (chunk.length >= 500) flush();
    }
    flush();
    return out;
  },
  adminAdvisoryLock: () => ({ sql: `SELECT pg_advisory_xact_lock(hashtext('slipway.deploy.admin'))`, purpose: "serialise creation of the admin objects" }),
  ensureAdmin(a) {
    const st = table(a, a.stateTable);
    return [
      { sql: `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(a.schema, D)}`, purpose: "admin schema for Slipway bookkeeping" },
      {
        sql: `CREATE TABLE IF NOT EXISTS ${st} (
  ${c("event_seq")} bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ${c("deploy_id")} text NOT NULL,
  ${c("environment")} text NOT NULL,
  ${c("status")} text NOT NULL,
  ${c("colour")} text,
  ${c("previous_colour")} text,
  ${c("previous_deploy_id")} text,
  ${c("schemas")} text,
  ${c("git_sha")} text,
  ${c("manifest_sha256")} text,
  ${c("run_url")} text,
  ${c("actor")} text,
  ${c("started_at")} timestamptz,
  ${c("recorded_at")} timestamptz NOT NULL DEFAULT clock_timestamp(),
  ${c("check_results")} text,
  ${c("error_text")} text,
  ${c("reason")} text,
  ${c("rolled_back_to")} text
)`,
        purpose: "DEPLOY_STATE: one append-only row per deploy transition"
      },
      {
        sql: `CREATE TABLE IF NOT EXISTS ${table(a, a.lockTable)} (
  ${c("environment")} text PRIMARY KEY,
  ${c("holder")} text,
  ${c("run_url")} text,
  ${c("actor")} text,
  ${c("acquired_at")} timestamptz,
  ${c("expires_at")} timestamptz
)`,
        purpose: "DEPLOY_LOCK: one lease row per environment (compare-and-set)"
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
    sql: `SELECT 1 AS ${c("present")} FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`,
    binds: [a.schema, a.stateTable]
  }),
  insertEvent(a, values) {
    const cols = EVENT_COLUMNS.filter((k) => values[k] !== void 0);
    return {
      sql: `INSERT INTO ${table(a, a.stateTable)} (${cols.map(c).join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`,
      binds: cols.map((k) => values[k] ?? null),
      purpose: `DEPLOY_STATE row: ${values.status ?? ""}`
    };
  },
  selectEnvironments: (a) => ({ sql: `SELECT DISTINCT ${c("environment")} AS "environment" FROM ${table(a, a.stateTable)} ORDER BY 1`, purpose: "the environments DEPLOY_STATE knows" }),
  selectEvents: (a, environment) => ({
    sql: `SELECT * FROM ${table(a, a.stateTable)} WHERE ${c("environment")} = $1 ORDER BY ${c("recorded_at")}, ${c("event_seq")}`,
    binds: [environment]
  }),
  ensureLockRow: (a, environment) => ({
    sql: `INSERT INTO ${table(a, a.lockTable)} (${c("environment")}) VALUES ($1) ON CONFLICT (${c("environment")}) DO NOTHING`,
    binds: [environment],
    purpose: "make sure the lock row for this environment exists"
  }),
  acquireLock: (a, environment, holder, runUrl, actor, leaseMinutes) => ({
    sql: `UPDATE ${table(a, a.lockTable)}
SET ${c("holder")} = $2, ${c("run_url")} = $3, ${c("actor")} = $4, ${c("acquired_at")} = clock_timestamp(), ${c("expires_at")} = clock_timestamp() + make_interval(mins => $5)
WHERE ${c("environment")} = $1 AND (${c("holder")} IS NULL OR ${c("expires_at")} < clock_timestamp())`,
    binds: [environment, holder, runUrl, actor, leaseMinutes],
    purpose: "take the deploy lock only if it is free or its lease expired (compare-and-set)"
  }),
  readLock: (a, environment, forUpdate = false) => ({
    sql: `SELECT ${c("holder")}, ${c("run_url")}, ${c("actor")}, ${c("acquired_at")}, ${c("expires_at")}, (${c("expires_at")} < clock_timestamp()) AS ${c("expired")}
FROM ${table(a, a.lockTable)} WHERE ${c("environment")} = $1${forUpdate ? " FOR UPDATE" : ""}`,
    binds: [environment],
    purpose: "read the deploy lock"
  }),
  renewLock: (a, environment, holder, leaseMinutes) => ({
    sql: `UPDATE ${table(a, a.lockTable)} SET ${c("expires_at")} = clock_timestamp() + make_interval(mins => $3) WHERE ${c("environment")} = $1 AND ${c("holder")} = $2`,
    binds: [environment, holder, leaseMinutes],
    purpose: "renew the lease for the cutover"
  }),
  releaseLock: (a, environment, holder) => ({
    sql: `UPDATE ${table(a, a.lockTable)} SET ${c("holder")} = NULL, ${c("run_url")} = NULL, ${c("actor")} = NULL, ${c("acquired_at")} = NULL, ${c("expires_at")} = NULL WHERE ${c("environment")} = $1 AND ${c("holder")} = $2`,
    binds: [environment, holder],
    purpose: "release the deploy lock (only if we still hold it)"
  }),
  forceUnlock: (a, environment) => ({
    sql: `UPDATE ${table(a, a.lockTable)} SET ${c("holder")} = NULL, ${c("run_url")} = NULL, ${c("actor")} = NULL, ${c("acquired_at")} = NULL, ${c("expires_at")} = NULL WHERE ${c("environment")} = $1`,
    binds: [environment],
    purpose: "clear the deploy lock whoever holds it (audited unlock)"
  }),
  schemaExists: (_db, schema) => ({ sql: `SELECT 1 AS present FROM pg_namespace WHERE nspname = $1`, binds: [schema] }),
  createSchemaIfMissing: (_db, schema) => ({ sql: `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema, D)}`, purpose: "colour schema dbt builds into" }),
  listRelations: (_db, schema) => ({
    sql: `SELECT cl.relname AS name, CASE WHEN cl.relkind = 'v' THEN 'view' ELSE 'table' END AS kind
FROM pg_class AS cl JOIN pg_namespace AS ns ON ns.oid = cl.relnamespace
WHERE ns.nspname = $1 AND cl.relkind IN ('r', 'v', 'm', 'p', 'f')
ORDER BY cl.relname`,
    binds: [schema]
  }),
  rowCounts(_db, schema, tables) {
    const out = [];
    for (let i = 0; i < tables.length; i += 200) {
      const chunk = tables.slice(i, i + 200);
      out.push({
        sql: chunk.map((t) => `SELECT ${quoteLiteral(t, D)} AS name, count(*) AS n FROM ${qualify(D, schema, t)}`).join("\nUNION ALL\n"),
        purpose: `row counts in ${schema}`
      });
    }
    return out;
  },
  recreateSchema: (_db, schema) => [
    { sql: `DROP SCHEMA IF EXISTS ${quoteIdent(schema, D)} CASCADE`, purpose: `clear the staging schema ${schema}` },
    { sql: `CREATE SCHEMA ${quoteIdent(schema, D)}`, purpose: `staging schema ${schema} for the new views` }
  ],
  createView: (_db, schema, view, sourceSchema, source) => ({
    sql: `CREATE VIEW ${qualify(D, schema, view)} AS SELECT * FROM ${qualify(D, sourceSchema, source)}`
  }),
  viewSources: (_db, schema) => ({
    sql: `SELECT DISTINCT v.relname AS view_name, src_ns.nspname AS source_schema
FROM pg_class AS v
JOIN pg_namespace AS vns ON vns.oid = v.relnamespace
JOIN pg_rewrite AS rw ON rw.ev_class = v.oid
JOIN pg_depend AS dep ON dep.objid = rw.oid AND dep.classid = 'pg_rewrite'::regclass AND dep.refclassid = 'pg_class'::regclass
JOIN pg_class AS src ON src.oid = dep.refobjid AND src.oid <> v.oid
JOIN pg_namespace AS src_ns ON src_ns.oid = src.relnamespace
WHERE vns.nspname = $1 AND v.relkind = 'v'`,
    binds: [schema]
  }),
  parseViewSources: (rows) => rows.map((r) => ({ view: String(r.view_name), sourceSchema: String(r.source_schema) })),
  rename: (_db, from, to) => ({ sql: `ALTER SCHEMA ${quoteIdent(from, D)} RENAME TO ${quoteIdent(to, D)}`, purpose: "first deploy: publish the new views under the published name" }),
  readGrants: (_db, schema) => [
    {
      sql: `SELECT CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(acl.grantee) END AS grantee, acl.privilege_type AS privilege, acl.is_grantable AS grant_option
FROM pg_namespace AS ns, aclexplode(ns.nspacl) AS acl
WHERE ns.nspname = $1 AND acl.grantee <> ns.nspowner`,
      binds: [schema],
      purpose: `grants on schema ${schema}`
    },
    {
      sql: `SELECT cl.relname AS name, CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(acl.grantee) END AS grantee, acl.privilege_type AS privilege, acl.is_grantable AS grant_option
FROM pg_class AS cl JOIN pg_namespace AS ns ON ns.oid = cl.relnamespace, aclexplode(cl.relacl) AS acl
WHERE ns.nspname = $1 AND acl.grantee <> cl.relowner`,
      binds: [schema],
      purpose: `grants on the views in ${schema}`
    }
  ],
  parseGrants(results) {
    const out = [];
    for (const r of results[0] ?? []) {
      const grantee = String(r.grantee);
      out.push({ level: "schema", on: "", privilege: String(r.privilege), granteeType: grantee === "PUBLIC" ? "PUBLIC" : "ROLE", grantee, grantOption: r.grant_option === true });
    }
    for (const r of results[1] ?? []) {
      const grantee = String(r.grantee);
      out.push({ level: "object", on: String(r.name), privilege: String(r.privilege), granteeType: grantee === "PUBLIC" ? "PUBLIC" : "ROLE", grantee, grantOption: r.grant_option === true });
    }
    return out;
  },
  grantStatements(_db, schema, grants) {
    return grants.flatMap((g) => {
      const priv = g.privilege.toUpperCase();
      if (!PRIV.test(priv) || g.level === "future") return [];
      const to = g.granteeType === "PUBLIC" ? "PUBLIC" : quoteIdent(g.grantee, D);
      const target = g.level === "schema" ? `SCHEMA ${quoteIdent(schema, D)}` : qualify(D, schema, g.on);
      return [{ sql: `GRANT ${priv} ON ${target} TO ${to}${g.grantOption ? " WITH GRANT OPTION" : ""}` }];
    });
  },
  swap(_db, live, next) {
    const tmp = swapTempName(live);
    return [
      { sql: `ALTER SCHEMA ${quoteIdent(live, D)} RENAME TO ${quoteIdent(tmp, D)}`, purpose: "swap (1/3): move the live views aside" },
      { sql: `ALTER SCHEMA ${quoteIdent(next, D)} RENAME TO ${quoteIdent(live, D)}`, purpose: "swap (2/3): the new views take the published name" },
      { sql: `ALTER SCHEMA ${quoteIdent(tmp, D)} RENAME TO ${quoteIdent(next, D)}`, purpose: "swap (3/3): the previous views wait in the staging schema for a rollback" }
    ];
  },
  relationsBuiltSince: (a, _db, schema, environment, deployId) => ({
    sql: `SELECT cl.relname AS name, COALESCE(age(cl.xmin) < (
  SELECT min(age(s.xmin)) FROM ${table(a, a.stateTable)} AS s WHERE s.${c("environment")} = $2 AND s.${c("deploy_id")} = $3 AND s.${c("status")} = 'STARTED'
), false) AS fresh
FROM pg_class AS cl JOIN pg_namespace AS ns ON ns.oid = cl.relnamespace
WHERE ns.nspname = $1 AND cl.relkind IN ('r', 'v', 'm', 'p', 'f')
ORDER BY cl.relname`,
    binds: [schema, environment, deployId],
    purpose: `prove the build: every relation in ${schema} was created or replaced after prepare (catalog row younger than the STARTED row)`
  }),
  schemaObjects: (_db, schema) => ({
    sql: `SELECT cl.relname AS name, CASE cl.relkind WHEN 'v' THEN 'view' WHEN 'S' THEN 'sequence' WHEN 'm' THEN 'materialized view' ELSE 'table' END AS kind
FROM pg_class AS cl JOIN pg_namespace AS ns ON ns.oid = cl.relnamespace
WHERE ns.nspname = $1 AND cl.relkind IN ('r', 'v', 'm', 'p', 'f', 'S')
UNION ALL
SELECT p.proname AS name, 'function' AS kind FROM pg_proc AS p JOIN pg_namespace AS ns ON ns.oid = p.pronamespace WHERE ns.nspname = $1
UNION ALL
SELECT t.typname AS name, 'type' AS kind FROM pg_type AS t JOIN pg_namespace AS ns ON ns.oid = t.typnamespace
WHERE ns.nspname = $1 AND (t.typtype IN ('e', 'd', 'r', 'm') OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class AS tc WHERE tc.oid = t.typrelid AND tc.relkind = 'c')))
ORDER BY 1`,
    binds: [schema],
    purpose: `everything in ${schema} that a rename or swap would move`
  }),
  lockViews: (schema, views) => views.length === 0 ? [] : [{ sql: `LOCK TABLE ${views.map((v) => qualify(D, schema, v)).join(", ")} IN ACCESS EXCLUSIVE MODE`, purpose: "wait for running readers of the live views to finish" }],
  setLockTimeout: (ms) => ({ sql: `SET LOCAL lock_timeout = ${quoteLiteral(`${Math.max(1, Math.floor(ms))}ms`, D)}`, purpose: "never wait on readers long enough to deadlock them" })
};
export {
  postgresDeploySql,
  swapTempName
};
