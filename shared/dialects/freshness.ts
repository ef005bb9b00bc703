/**
 * The SQL a freshness gate needs, per dialect: one SELECT branch per source
 * (combined with UNION ALL into a single statement), a row-count branch per
 * model, and the row-count history table. Implementations live in
 * `shared/dialects/<dialect>/freshness.ts`; nothing else writes this SQL.
 *
 * Every measuring branch returns the same three text columns, so branches of
 * any source can share one UNION ALL: `"source_id"`, `"max_loaded_at"`
 * (UTC wall time, or whatever the expression produced when it is not a
 * timestamp, so the caller can say so) and `"snapshotted_at"` (the
 * warehouse's current time, UTC).
 */
import type { Statement } from '../sql/plan.js';
import type { DialectName } from '../sql/identifiers.js';
import { snowflakeFreshness } from './snowflake/freshness.js';
import { postgresFreshness } from './postgres/freshness.js';

/** A table or view as dbt names it, with dbt's per-part quoting flags (undefined = the adapter default). */
export interface RelationRef {
  database?: string | null;
  schema: string;
  identifier: string;
  quoting?: { database?: boolean | null; schema?: boolean | null; identifier?: boolean | null };
}

export interface LoadedAtProbe {
  id: string;
  relation: RelationRef;
  /** A SQL expression from dbt config (`loaded_at_field`), already checked by `checkSqlExpression`. */
  loadedAtField: string;
  /** A SQL boolean expression from dbt config (`freshness.filter`), already checked. */
  filter?: string;
}

export interface RowCountProbe {
  id: string;
  relation: RelationRef;
}

export interface HistoryRow {
  environment: string;
  deployId?: string | null;
  model: string;
  relation?: string | null;
  rowCount: number;
  status: 'ok' | 'anomaly';
  /** ISO timestamp; default the warehouse's current time. */
  recordedAt?: string;
}

export interface FreshnessDialect {
  readonly dialect: DialectName;
  /** Whether sources without a loaded_at_field can be measured from table metadata (LAST_ALTERED). */
  readonly hasLastAltered: boolean;
  /** The relation as quoted SQL (dbt's quoting defaults of the adapter applied). */
  relationSql(rel: RelationRef): string;
  /** `SELECT <id>, MAX(<loaded_at_field>) … WHERE <filter>` as the three text columns. */
  loadedAtBranch(p: LoadedAtProbe): string;
  /** Table metadata: when the table last changed (Snowflake LAST_ALTERED). */
  lastAlteredBranch(p: { id: string; relation: RelationRef }): string;
  /** `SELECT <id> AS "model", COUNT(*) AS "row_count" FROM <relation>`. */
  rowCountBranch(p: RowCountProbe): string;
  /** A statement that succeeds on any healthy session (tells a broken connection from a broken source). */
  readonly ping: string;
  /** Combine branches into one statement. */
  unionAll(branches: readonly string[]): string;
  /** CREATE SCHEMA/TABLE IF NOT EXISTS for `<adminSchema>.ROW_COUNT_HISTORY`. */
  ensureHistory(adminSchema: string): Statement[];
  /** One INSERT for all rows. */
  insertHistory(adminSchema: string, rows: readonly HistoryRow[]): Statement;
  /** The newest `window` good (status ok) points per model, newest first: columns model, row_count, recorded_at (text). */
  selectHistory(adminSchema: string, environment: string, models: readonly string[], window: number): Statement;
  /** Whether the history table exists: one row, column `n` > 0 when it does. */
  historyExists(adminSchema: string): Statement;
}

export const ROW_COUNT_HISTORY = 'ROW_COUNT_HISTORY';

export function freshnessDialect(dialect: DialectName): FreshnessDialect {
  return dialect === 'snowflake' ? snowflakeFreshness : postgresFreshness;
}
