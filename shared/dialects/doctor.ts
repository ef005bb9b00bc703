/**
 * The SQL `slipway doctor` runs to read what the connected role may do, and
 * the GRANT statements it prints for an administrator when something is
 * missing. Names come in resolved (stored case); identifiers are quoted by
 * shared/sql/identifiers.
 */
import type { DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';
import type { ObjectKind } from '../permissions/model.js';
import { postgresDoctorSql } from './postgres/doctor.js';
import { snowflakeDoctorSql } from './snowflake/doctor.js';

/** What a GRANT names: an object, or the future objects of a kind in a database. */
export interface GrantTarget {
  kind: ObjectKind;
  /** The warehouse or database name (stored case); unused for `account`. */
  name?: string;
}

export interface DoctorSql {
  readonly dialect: DialectName;
  /** One row: `role` (Snowflake role / Postgres user), `database`, `warehouse` (Snowflake; null on Postgres). */
  whoAmI(): Statement;
  /** Snowflake: `SHOW GRANTS TO ROLE <role>` (direct grants, including roles granted to it). */
  grantsToRole?(role: string): Statement;
  /** Snowflake: `SHOW FUTURE GRANTS IN DATABASE <db>`. */
  futureGrantsInDatabase?(database: string): Statement;
  /** Postgres: one row of booleans `connect`, `create` for the current database. */
  databasePrivileges?(): Statement;
  /** Postgres: one row `usage` (schema) and `unreadable` (tables in it the user cannot SELECT) for the schema bound as $1. */
  schemaReadable?(schema: string): Statement;
  /** The statement an administrator runs to give `grantee` the privilege. */
  grant(privilege: string, target: GrantTarget, grantee: string): Statement;
}

export function doctorSql(dialect: DialectName): DoctorSql {
  return dialect === 'snowflake' ? snowflakeDoctorSql : postgresDoctorSql;
}
