/**
 * Snowflake SQL for PR schemas. A PR schema is TRANSIENT with
 * DATA_RETENTION_TIME_IN_DAYS = 0: CI data needs no Time Travel or Fail-safe,
 * so a dropped PR schema stops costing storage at once. The ownership record
 * lives in the schema COMMENT. Schemas are listed from
 * INFORMATION_SCHEMA.SCHEMATA (a plain SELECT, so the prefix is a bind value,
 * unlike SHOW SCHEMAS LIKE where `_` is a wildcard).
 */
import { ident, qualify, quoteLiteral } from '../../sql/identifiers.js';
import type { Statement } from '../../sql/plan.js';
import type { PrSchemaSql, SchemaRef } from '../pr-schema.js';

const D = 'snowflake' as const;

function name(ref: SchemaRef): string {
  return qualify(D, ref.database, ref.schema);
}

function schemata(database: string | undefined): string {
  return database ? `${qualify(D, database)}.INFORMATION_SCHEMA.SCHEMATA` : 'INFORMATION_SCHEMA.SCHEMATA';
}

const COLUMNS =
  'CATALOG_NAME AS "database", SCHEMA_NAME AS "name", COMMENT AS "comment", DATE_PART(EPOCH_MILLISECOND, CREATED) AS "created_ms", ' +
  'SCHEMA_OWNER AS "owner", IS_ROLE_IN_SESSION(SCHEMA_OWNER) AS "can_drop"';

export const snowflakePrSchemaSql: PrSchemaSql = {
  dialect: D,

  currentDatabase: () => ({ sql: 'SELECT CURRENT_DATABASE() AS "database"', purpose: 'which database the session uses' }),

  listSchemas: (database, prefix) => ({
    sql: `SELECT ${COLUMNS} FROM ${schemata(database)} WHERE STARTSWITH(UPPER(SCHEMA_NAME), UPPER(?)) ORDER BY SCHEMA_NAME`,
    binds: [prefix],
    purpose: `list schemas starting with ${prefix} (re-filtered exactly in Slipway)`,
  }),

  describeSchema: (ref) => ({
    sql: `SELECT ${COLUMNS} FROM ${schemata(ref.database)} WHERE SCHEMA_NAME = ?`,
    binds: [ref.schema],
    purpose: `does ${ref.schema} exist, and whose is it`,
  }),

  create: (ref, comment, { recreate }) => [
    {
      sql: `CREATE ${recreate ? 'OR REPLACE ' : ''}TRANSIENT SCHEMA ${recreate ? '' : 'IF NOT EXISTS '}${name(ref)} DATA_RETENTION_TIME_IN_DAYS = 0 COMMENT = ${quoteLiteral(comment, D)}`,
      purpose: recreate
        ? `recreate ${ref.schema} empty (drops every table and view in it, so nothing stale can shadow production under --defer)`
        : `create ${ref.schema} (transient, no Time Travel) with its ownership record`,
    },
  ],

  refresh: (ref, comment) => [
    { sql: `ALTER SCHEMA ${name(ref)} SET DATA_RETENTION_TIME_IN_DAYS = 0`, purpose: 'CI data needs no Time Travel' },
    { sql: `ALTER SCHEMA ${name(ref)} SET COMMENT = ${quoteLiteral(comment, D)}`, purpose: 'record the new head in the ownership comment' },
  ],

  grants: (ref, ciRoles, reviewerRoles) => {
    const out: Statement[] = [];
    for (const role of ciRoles) {
      out.push({ sql: `GRANT USAGE, CREATE TABLE, CREATE VIEW ON SCHEMA ${name(ref)} TO ROLE ${ident(role, D, 'role')}`, purpose: `CI role ${role} may build in the schema` });
    }
    for (const role of reviewerRoles) {
      const r = ident(role, D, 'role');
      out.push(
        { sql: `GRANT USAGE ON SCHEMA ${name(ref)} TO ROLE ${r}`, purpose: `reviewer role ${role} may read the schema` },
        { sql: `GRANT SELECT ON ALL TABLES IN SCHEMA ${name(ref)} TO ROLE ${r}` },
        { sql: `GRANT SELECT ON ALL VIEWS IN SCHEMA ${name(ref)} TO ROLE ${r}` },
        { sql: `GRANT SELECT ON FUTURE TABLES IN SCHEMA ${name(ref)} TO ROLE ${r}`, purpose: 'and what CI builds later' },
        { sql: `GRANT SELECT ON FUTURE VIEWS IN SCHEMA ${name(ref)} TO ROLE ${r}` },
      );
    }
    return out;
  },

  drop: (ref) => ({ sql: `DROP SCHEMA IF EXISTS ${name(ref)} CASCADE`, purpose: `drop ${ref.database ? ref.database + '.' : ''}${ref.schema} and everything in it` }),
};
