/**
 * Snowflake SQL for point-in-time recovery (time travel). The only file that
 * holds PITR SQL text; the planner (shared/pitr/planner.ts) decides what to
 * run and calls these builders.
 *
 * Facts (../shared/research/snowflake-semantics.md A2/A3):
 * - `CREATE TABLE n CLONE t AT|BEFORE (TIMESTAMP => … | STATEMENT => '<id>') COPY GRANTS`;
 *   TIMESTAMP is cast explicitly (an uncast value would be read as UTC NTZ).
 * - A transient table can only be cloned into a transient one
 *   (`CREATE TRANSIENT TABLE … CLONE …`).
 * - `ALTER TABLE a SWAP WITH b` exchanges two tables in one statement.
 * - `CREATE OR REPLACE TABLE` (every dbt table build) makes a new object; the
 *   older one is reached by renaming the current one away and `UNDROP TABLE`,
 *   which restores the most recently dropped version of that name.
 * - No `SELECT … AT(…)` here: the independent grammar (sqlfluff 1.4.5) cannot
 *   parse it, and the planner does not need it.
 */
import { qualify, quoteLiteral, type SqlIdent } from '../../sql/identifiers.js';
import type { Statement } from '../../sql/plan.js';

const D = 'snowflake' as const;

/** A point a clone can be taken at. */
export type ClonePoint = { kind: 'timestamp'; at: Date } | { kind: 'statement'; queryId: string };

/** `'2026-11-22 10:00:00.000 +00:00'::TIMESTAMP_TZ`: unambiguous, whatever the session's TIMEZONE. */
export function timestampLiteral(at: Date): string {
  const iso = at.toISOString(); // 2026-11-22T10:00:00.000Z
  return `${quoteLiteral(`${iso.slice(0, 10)} ${iso.slice(11, 23)} +00:00`, D)}::TIMESTAMP_TZ`;
}

export function atClause(point: ClonePoint): string {
  return point.kind === 'timestamp' ? `AT (TIMESTAMP => ${timestampLiteral(point.at)})` : `BEFORE (STATEMENT => ${quoteLiteral(point.queryId, D)})`;
}

export function tableName(database: string | undefined, schema: string, name: string): SqlIdent {
  return qualify(D, database, schema, name);
}

// ---------------------------------------------------------------- metadata reads

/** The warehouse's own clock and the session database (clock skew between runner and warehouse must not matter). */
export function clockQuery(): Statement {
  return { sql: 'SELECT CURRENT_TIMESTAMP() AS "NOW", CURRENT_DATABASE() AS "DATABASE"', purpose: "read the warehouse's clock and current database" };
}

/** Retention, transience, type and creation time of every table and view in the given schemas. */
export function tablesQuery(database: string | undefined, schemas: readonly string[]): Statement {
  const infoSchema = database ? `${qualify(D, database)}.INFORMATION_SCHEMA.TABLES` : 'INFORMATION_SCHEMA.TABLES';
  return {
    sql:
      'SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, IS_TRANSIENT, RETENTION_TIME, CREATED, LAST_ALTERED ' +
      `FROM ${infoSchema} WHERE TABLE_SCHEMA IN (${schemas.map(() => '?').join(', ')}) ORDER BY TABLE_SCHEMA, TABLE_NAME`,
    binds: [...schemas],
    purpose: `read retention, transience and creation time of the tables in ${schemas.join(', ')}`,
  };
}

/** Every table of a schema including dropped versions still in Time Travel (dropped_on set). */
export function tablesHistoryQuery(database: string | undefined, schema: string): Statement {
  return { sql: `SHOW TABLES HISTORY IN SCHEMA ${qualify(D, database, schema)}`, purpose: `list dropped table versions still in Time Travel in ${schema}` };
}

/** A statement's type and time, from INFORMATION_SCHEMA (last 7 days, no latency). */
export function statementQueryRecent(database: string | undefined, queryId: string): Statement {
  const fn = database ? `${qualify(D, database)}.INFORMATION_SCHEMA.QUERY_HISTORY` : 'INFORMATION_SCHEMA.QUERY_HISTORY';
  return {
    sql:
      'SELECT QUERY_ID, QUERY_TYPE, START_TIME, END_TIME, EXECUTION_STATUS ' +
      `FROM TABLE(${fn}(END_TIME_RANGE_START => DATEADD('day', -7, CURRENT_TIMESTAMP()), RESULT_LIMIT => 10000)) WHERE QUERY_ID = ?`,
    binds: [queryId],
    purpose: `look up statement ${queryId} in the last 7 days of query history`,
  };
}

/** A statement's type and time, from ACCOUNT_USAGE (365 days, lags by up to ~45 minutes). */
export function statementQueryAccountUsage(queryId: string): Statement {
  return {
    sql: 'SELECT QUERY_ID, QUERY_TYPE, START_TIME, END_TIME, EXECUTION_STATUS FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY WHERE QUERY_ID = ?',
    binds: [queryId],
    purpose: `look up statement ${queryId} in ACCOUNT_USAGE query history`,
  };
}

// ---------------------------------------------------------------- recovery statements

/**
 * `CREATE [TRANSIENT] TABLE <clone> CLONE <source> AT|BEFORE (…) COPY GRANTS`.
 * COPY GRANTS: a table clone does not inherit the source's grants, and the
 * swap that follows moves grants with the objects, so without it the restored
 * table would lose every direct grant the live table had (all but OWNERSHIP
 * are copied).
 */
export function cloneAt(source: SqlIdent, clone: SqlIdent, point: ClonePoint, transient: boolean, purpose: string): Statement {
  return { sql: `CREATE ${transient ? 'TRANSIENT ' : ''}TABLE ${clone} CLONE ${source} ${atClause(point)} COPY GRANTS`, purpose };
}

export function swapTables(a: SqlIdent, b: SqlIdent, purpose: string): Statement {
  return { sql: `ALTER TABLE ${a} SWAP WITH ${b}`, purpose };
}

export function renameTable(from: SqlIdent, to: SqlIdent, purpose: string): Statement {
  return { sql: `ALTER TABLE ${from} RENAME TO ${to}`, purpose };
}

export function undropTable(name: SqlIdent, purpose: string): Statement {
  return { sql: `UNDROP TABLE ${name}`, purpose };
}

// ---------------------------------------------------------------- audit (PITR_LOG in the admin schema)

export function createAdminSchema(database: string | undefined, adminSchema: string): Statement {
  return { sql: `CREATE SCHEMA IF NOT EXISTS ${qualify(D, database, adminSchema)}`, purpose: 'make sure the Slipway admin schema exists' };
}

export function createPitrLog(database: string | undefined, adminSchema: string): Statement {
  return {
    sql:
      `CREATE TABLE IF NOT EXISTS ${qualify(D, database, adminSchema, 'PITR_LOG')} (` +
      'RUN_ID VARCHAR NOT NULL, ENVIRONMENT VARCHAR, DATABASE_NAME VARCHAR, SCHEMA_NAME VARCHAR, TABLE_NAME VARCHAR, ' +
      'ACTION VARCHAR, POINT VARCHAR, STATUS VARCHAR, REASON VARCHAR, ACTOR VARCHAR, RUN_URL VARCHAR, DETAIL VARCHAR, ' +
      'LOGGED_AT TIMESTAMP_LTZ DEFAULT CURRENT_TIMESTAMP())',
    purpose: 'audit table for point-in-time recovery (one row per object restored or left)',
  };
}

export interface PitrLogRow {
  runId: string;
  environment: string;
  database?: string;
  schema: string;
  table: string;
  action: string;
  point: string;
  status: 'RESTORED' | 'LEFT' | 'FAILED';
  reason: string;
  actor: string;
  runUrl?: string;
  detail?: string;
}

export function insertPitrLog(database: string | undefined, adminSchema: string, row: PitrLogRow): Statement {
  return {
    sql:
      `INSERT INTO ${qualify(D, database, adminSchema, 'PITR_LOG')} ` +
      '(RUN_ID, ENVIRONMENT, DATABASE_NAME, SCHEMA_NAME, TABLE_NAME, ACTION, POINT, STATUS, REASON, ACTOR, RUN_URL, DETAIL) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    binds: [row.runId, row.environment, row.database ?? null, row.schema, row.table, row.action, row.point, row.status, row.reason, row.actor, row.runUrl ?? null, row.detail ?? null],
    purpose: `audit: ${row.status.toLowerCase()} ${row.schema}.${row.table}`,
  };
}
