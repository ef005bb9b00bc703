/**
 * The SQL of `slipway deploy adopt` (taking an existing schema under
 * blue/green), one implementation per dialect. Only the statement that moves a
 * table into its colour schema is new; views, grants and DEPLOY_STATE rows come
 * from the deploy SQL (shared/dialects/deploy.ts).
 */
import type { DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';

export interface AdoptSql {
  /** Move table `table` of `fromSchema` into `toSchema`, keeping its name, data, grants and dependants. */
  moveTable(database: string | undefined, fromSchema: string, table: string, toSchema: string): Statement;
  /**
   * name rows: sequences in `schema` owned by one of its tables (Postgres `serial` / identity
   * columns), which `moveTable` moves along with their table. Absent where sequences are never owned.
   */
  ownedSequences?(database: string | undefined, schema: string): Statement;
}

export async function adoptSqlFor(dialect: DialectName): Promise<AdoptSql> {
  if (dialect === 'snowflake') return (await import('./snowflake/adopt.js')).snowflakeAdoptSql;
  return (await import('./postgres/adopt.js')).postgresAdoptSql;
}
