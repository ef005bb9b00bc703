/**
 * The SQL a PR schema needs, per dialect. Names come in already resolved
 * (stored case); every identifier is quoted by shared/sql/identifiers and
 * every literal by quoteLiteral. No SQL text lives outside
 * shared/dialects/<dialect>/pr-schema.ts.
 */
import type { DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';
import { postgresPrSchemaSql } from './postgres/pr-schema.js';
import { snowflakePrSchemaSql } from './snowflake/pr-schema.js';

/** A schema, by stored names; `database` undefined = the connection's current database. */
export interface SchemaRef {
  database?: string;
  schema: string;
}

/** One row of `listSchemas` / `describeSchema` (column aliases are the same in every dialect). */
export interface SchemaRow {
  database: string | null;
  name: string;
  comment: string | null;
  /** Creation time in epoch ms where the warehouse records it (Snowflake), else null. */
  created_ms: number | string | null;
  owner: string | null;
  /** Whether the current role may drop it (owns it, or inherits the owner role); null if unknown. */
  can_drop: boolean | null;
}

export interface PrSchemaSql {
  readonly dialect: DialectName;
  /** `SELECT … AS "database"`: the session's current database. */
  currentDatabase(): Statement;
  /** Schemas whose name starts with `prefix`, ignoring case (the caller re-filters with the exact matcher). */
  listSchemas(database: string | undefined, prefix: string): Statement;
  /** The one schema with exactly this stored name (zero or one row). */
  describeSchema(ref: SchemaRef): Statement;
  /**
   * Create the schema with its ownership comment. `recreate` replaces an
   * existing one (its contents are dropped first); otherwise an existing
   * schema is kept and only its comment/retention are refreshed via `refresh`.
   */
  create(ref: SchemaRef, comment: string, opts: { recreate: boolean }): Statement[];
  /** For a schema that already exists: update comment (and retention where it applies). */
  refresh(ref: SchemaRef, comment: string): Statement[];
  /** USAGE + CREATE for CI roles; USAGE + SELECT on all and future tables/views for reviewer roles. Role names as written by the user. */
  grants(ref: SchemaRef, ciRoles: readonly string[], reviewerRoles: readonly string[]): Statement[];
  /** DROP SCHEMA IF EXISTS … CASCADE. */
  drop(ref: SchemaRef): Statement;
}

export function prSchemaSql(dialect: DialectName): PrSchemaSql {
  return dialect === 'snowflake' ? snowflakePrSchemaSql : postgresPrSchemaSql;
}
