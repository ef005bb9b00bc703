/**
 * The SQL a blue-green deploy needs, one implementation per dialect
 * (`postgres/deploy.ts`, `snowflake/deploy.ts`). The core in shared/deploy
 * decides what runs when; these modules only say how it is spelled.
 *
 * Every name passed in is already resolved (case as the warehouse stores it);
 * the modules quote it with `quoteIdent`/`qualify` and pass values as binds.
 */
import type { DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';

/** Where Slipway keeps its own bookkeeping (resolved names). */
export interface AdminNames {
  database?: string;
  schema: string;
  stateTable: string;
  lockTable: string;
  currentView: string;
}

/** The columns of one DEPLOY_STATE row, in insert order (values are bound, never inlined). */
export const EVENT_COLUMNS = [
  'deploy_id',
  'environment',
  'status',
  'colour',
  'previous_colour',
  'previous_deploy_id',
  'schemas',
  'git_sha',
  'manifest_sha256',
  'run_url',
  'actor',
  'started_at',
  'check_results',
  'error_text',
  'reason',
  'rolled_back_to',
  'cutover_scope',
] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];
export type EventValues = Partial<Record<EventColumn, string | null>>;

/** One grant as read from the warehouse, normalised so two objects' grants compare as sets. */
export interface Grant {
  /**
   * `schema`, `future` (future grant in the schema) or `object` (a view in the schema);
   * with database scope also `database` and `database_future` (future grant in the database).
   */
  level: 'schema' | 'future' | 'object' | 'database' | 'database_future';
  /** Object name for `object`; object type (`VIEW`, `TABLE`, `SCHEMA`…) for the future levels; empty for `schema`/`database`. */
  on: string;
  privilege: string;
  /** ROLE, DATABASE_ROLE, PUBLIC… */
  granteeType: string;
  grantee: string;
  grantOption: boolean;
}

export interface RelationInfo {
  name: string;
  /** `table` or `view` (anything not a view counts as a table for row counts). */
  kind: 'table' | 'view';
}

export interface DeploySql {
  readonly dialect: DialectName;
  /** Create the admin schema, DEPLOY_STATE, DEPLOY_LOCK and the current-state view if missing. */
  ensureAdmin(a: AdminNames): Statement[];
  /** Returns one row when DEPLOY_STATE exists. */
  adminExists(a: AdminNames): Statement;
  insertEvent(a: AdminNames, values: EventValues): Statement;
  selectEvents(a: AdminNames, environment: string): Statement;
  /** One row per environment DEPLOY_STATE knows (column `environment`), to name them when one is mistyped. */
  selectEnvironments(a: AdminNames): Statement;
  ensureLockRow(a: AdminNames, environment: string): Statement;
  /** Compare-and-set: take the lease only when it is free or expired. */
  acquireLock(a: AdminNames, environment: string, holder: string, runUrl: string | null, actor: string, leaseMinutes: number): Statement;
  /** holder, run_url, actor, acquired_at, expires_at, expired (boolean-ish). */
  readLock(a: AdminNames, environment: string, forUpdate?: boolean): Statement;
  renewLock(a: AdminNames, environment: string, holder: string, leaseMinutes: number): Statement;
  releaseLock(a: AdminNames, environment: string, holder: string): Statement;
  forceUnlock(a: AdminNames, environment: string): Statement;
  /** Returns one row when the schema exists. */
  schemaExists(database: string | undefined, schema: string): Statement;
  createSchemaIfMissing(database: string | undefined, schema: string): Statement;
  /** name, kind rows for every table/view in a schema. */
  listRelations(database: string | undefined, schema: string): Statement;
  /** name, n rows: row counts of the given tables (exact or metadata, per dialect). */
  rowCounts(database: string | undefined, schema: string, tables: string[]): Statement[];
  /** Drop and recreate the staging schema that will hold the new views. */
  recreateSchema(database: string | undefined, schema: string): Statement[];
  createView(database: string | undefined, schema: string, view: string, sourceSchema: string, source: string): Statement;
  /** The schemas each view in `schema` reads from (for rollback validation): view, source_schema rows. */
  viewSources(database: string | undefined, schema: string): Statement;
  parseViewSources(rows: Record<string, unknown>[]): { view: string; sourceSchema: string }[];
  /** Rename a schema (first deploy: there is no live schema to swap with yet). */
  rename(database: string | undefined, from: string, to: string): Statement;
  readGrants(database: string | undefined, schema: string): Statement[];
  /** Turn rows of `readGrants` statements (same order) into grants. */
  parseGrants(results: Record<string, unknown>[][], schema: string): Grant[];
  grantStatements(database: string | undefined, schema: string, grants: Grant[]): Statement[];
  /** The cutover of one published schema: one statement on Snowflake, three renames on Postgres. */
  swap(database: string | undefined, live: string, next: string): Statement[];
  /**
   * name, fresh rows: for every relation in `schema`, whether it was created or
   * replaced after the STARTED row of `deployId` was written (Postgres: the
   * catalog row's transaction is younger than that row's; Snowflake:
   * CREATED/LAST_ALTERED not before its recorded_at).
   */
  relationsBuiltSince(a: AdminNames, database: string | undefined, schema: string, environment: string, deployId: string): Statement;
  /** name, kind rows: every object in `schema` a schema rename or swap would move (relations, sequences, functions…). */
  schemaObjects(database: string | undefined, schema: string): Statement;
  /**
   * Present on warehouses with transactional DDL (`capabilities.transactionalDdl`):
   * the statements of the one-transaction cutover. The core picks its swap
   * strategy by capability and reaches dialect specifics only through here.
   */
  readonly transactional?: TransactionalDeploySql;
  /** Present on warehouses with `capabilities.databaseSwap`: the database-scope cutover. */
  readonly databaseScope?: DatabaseScopeSql;
}

/** The one-transaction cutover's own statements (Postgres). */
export interface TransactionalDeploySql {
  /** Exclusive locks on every view of the live schema, taken after the new views are built and just before the renames. */
  lockViews(schema: string, views: string[]): Statement[];
  /** Bound how long one lock attempt waits for readers (kept below deadlock_timeout so readers are never the ones aborted). */
  setLockTimeout(ms: number): Statement;
  /** One row, `deadlock_timeout`, e.g. `1s`. */
  deadlockTimeout(): Statement;
  savepoint(name: string): Statement;
  rollbackToSavepoint(name: string): Statement;
  /** Serialise the creation of the admin objects between concurrent first deploys. */
  adminAdvisoryLock(): Statement;
  /** Many DDL statements in one round trip; used at run time, the plan still lists them one by one. */
  batch(statements: Statement[]): Statement[];
  /** Error codes of a lock wait that timed out or was chosen as a deadlock victim: retry from the savepoint. */
  readonly lockRetryCodes: readonly string[];
}

/**
 * The opt-in database-scope cutover (`--database-swap`), only on warehouses
 * with `capabilities.databaseSwap` (Snowflake): the consumer database swaps
 * with its staging twin `<DB>__NEXT` in one statement. Names are resolved.
 */
export interface DatabaseScopeSql {
  /** One row when the database exists (asked through `via`, a database known to exist). */
  databaseExists(via: string, database: string): Statement;
  /** `CREATE DATABASE IF NOT EXISTS`: the first database-scope deploy swaps with an empty consumer database. */
  createDatabaseIfMissing(database: string): Statement;
  /** Drop and recreate the staging database (it holds the views of the deploy before last). */
  recreateDatabase(database: string): Statement;
  /** name rows: every schema of a database. */
  listSchemas(database: string): Statement;
  createSchema(database: string, schema: string): Statement;
  /** A published view reading its colour schema fully qualified (database.schema.table), so it survives the swap. */
  createView(database: string, schema: string, view: string, sourceDatabase: string, sourceSchema: string, source: string): Statement;
  readDatabaseGrants(database: string): Statement[];
  parseDatabaseGrants(results: Record<string, unknown>[][]): Grant[];
  databaseGrantStatements(database: string, grants: Grant[]): Statement[];
  /** The cutover: one statement. */
  swapDatabases(live: string, next: string): Statement;
  /** One row when DEPLOY_STATE already has the cutover_scope column. */
  scopeColumnExists(a: AdminNames): Statement;
  /** Add cutover_scope to a DEPLOY_STATE created before database scope existed. */
  addScopeColumn(a: AdminNames): Statement;
}

/** A column value as text (null stays null): a timestamp the driver returned as a Date becomes its ISO string. */
export function isoOrString(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export async function deploySqlFor(dialect: DialectName): Promise<DeploySql> {
  if (dialect === 'snowflake') return (await import('./snowflake/deploy.js')).snowflakeDeploySql;
  return (await import('./postgres/deploy.js')).postgresDeploySql;
}
