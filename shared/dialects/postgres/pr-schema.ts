/**
 * Postgres SQL for PR schemas (the server and PGlite). Postgres has no
 * transient schemas or retention; the ownership record lives in
 * COMMENT ON SCHEMA. DDL is transactional, so create/recreate run as one
 * transaction.
 */
import { ident, qualify, quoteLiteral } from '../../sql/identifiers.js';
import type { Statement } from '../../sql/plan.js';
import type { PrSchemaSql, SchemaRef } from '../pr-schema.js';

const D = 'postgres' as const;

/** Postgres schemas live in the connected database; the name is never database-qualified. */
function name(ref: SchemaRef): string {
  return qualify(D, ref.schema);
}

const COLUMNS =
  'current_database() AS "database", n.nspname AS "name", obj_description(n.oid, \'pg_namespace\') AS "comment", NULL::float8 AS "created_ms", ' +
  'pg_get_userbyid(n.nspowner) AS "owner", pg_has_role(n.nspowner, \'USAGE\') AS "can_drop"';

export const postgresPrSchemaSql: PrSchemaSql = {
  dialect: D,

  currentDatabase: () => ({ sql: 'SELECT current_database() AS "database"', purpose: 'which database the session uses' }),

  listSchemas: (_database, prefix) => ({
    sql: `SELECT ${COLUMNS} FROM pg_catalog.pg_namespace n WHERE starts_with(lower(n.nspname), lower($1)) ORDER BY n.nspname`,
    binds: [prefix],
    purpose: `list schemas starting with ${prefix} (re-filtered exactly in Slipway)`,
  }),

  describeSchema: (ref) => ({
    sql: `SELECT ${COLUMNS} FROM pg_catalog.pg_namespace n WHERE n.nspname = $1`,
    binds: [ref.schema],
    purpose: `does ${ref.schema} exist, and whose is it`,
  }),

  create: (ref, comment, { recreate }) => [
    ...(recreate ? [{ sql: `DROP SCHEMA IF EXISTS ${name(ref)} CASCADE`, purpose: `recreate ${ref.schema} empty (drops every table and view in it, so nothing stale can shadow production under --defer)` }] : []),
    { sql: `CREATE SCHEMA IF NOT EXISTS ${name(ref)}`, purpose: recreate ? undefined : `create ${ref.schema}` },
    { sql: `COMMENT ON SCHEMA ${name(ref)} IS ${quoteLiteral(comment, D)}`, purpose: 'ownership record read back by the sweep' },
  ],

  refresh: (ref, comment) => [{ sql: `COMMENT ON SCHEMA ${name(ref)} IS ${quoteLiteral(comment, D)}`, purpose: 'record the new head in the ownership comment' }],

  grants: (ref, ciRoles, reviewerRoles) => {
    const out: Statement[] = [];
    for (const role of ciRoles) {
      out.push({ sql: `GRANT USAGE, CREATE ON SCHEMA ${name(ref)} TO ${ident(role, D, 'role')}`, purpose: `CI role ${role} may build in the schema` });
    }
    for (const role of reviewerRoles) {
      const r = ident(role, D, 'role');
      out.push(
        { sql: `GRANT USAGE ON SCHEMA ${name(ref)} TO ${r}`, purpose: `reviewer role ${role} may read the schema` },
        { sql: `GRANT SELECT ON ALL TABLES IN SCHEMA ${name(ref)} TO ${r}`, purpose: 'tables and views built so far' },
        { sql: `ALTER DEFAULT PRIVILEGES IN SCHEMA ${name(ref)} GRANT SELECT ON TABLES TO ${r}`, purpose: 'and those this role builds later' },
      );
    }
    return out;
  },

  drop: (ref) => ({ sql: `DROP SCHEMA IF EXISTS ${name(ref)} CASCADE`, purpose: `drop ${ref.schema} and everything in it` }),
};
