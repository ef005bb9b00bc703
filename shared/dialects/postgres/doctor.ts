/** Postgres SQL for `slipway doctor` (see ../doctor.ts). Postgres has no warehouses and no future grants. */
import { quoteIdent } from '../../sql/identifiers.js';
import type { DoctorSql } from '../doctor.js';

const D = 'postgres' as const;

export const postgresDoctorSql: DoctorSql = {
  dialect: D,
  whoAmI: () => ({ sql: 'SELECT current_user AS "role", current_database() AS "database", NULL::text AS "warehouse"', purpose: 'which user and database the session uses' }),
  databasePrivileges: () => ({
    sql: `SELECT has_database_privilege(current_database(), 'CONNECT') AS "connect", has_database_privilege(current_database(), 'CREATE') AS "create"`,
    purpose: 'may the user connect to and create schemas in this database',
  }),
  schemaReadable: (schema) => ({
    sql:
      `SELECT has_schema_privilege(n.oid, 'USAGE') AS "usage", ` +
      `(SELECT count(*) FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'v', 'm', 'p') AND NOT has_table_privilege(c.oid, 'SELECT'))::int AS "unreadable" ` +
      `FROM pg_catalog.pg_namespace n WHERE n.nspname = $1`,
    binds: [schema],
    purpose: `may the user read ${schema}`,
  }),
  grant: (privilege, target, grantee) => {
    const who = quoteIdent(grantee, D, 'role');
    const name = quoteIdent(target.name ?? '', D);
    if (target.kind === 'database') return { sql: `GRANT ${privilege} ON DATABASE ${name} TO ${who}` };
    // 'future …' on Postgres means a schema the user must read: USAGE on it, SELECT on its tables.
    return privilege === 'USAGE' ? { sql: `GRANT USAGE ON SCHEMA ${name} TO ${who}` } : { sql: `GRANT SELECT ON ALL TABLES IN SCHEMA ${name} TO ${who}` };
  },
};
