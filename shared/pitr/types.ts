/**
 * Point-in-time recovery (PITR) types. The planner is a pure function over
 * these metadata rows (tested on recorded rows); the reader in metadata.ts
 * fills them from INFORMATION_SCHEMA.TABLES, SHOW TABLES HISTORY and
 * QUERY_HISTORY.
 */
import type { Statement } from '../sql/plan.js';

/** Where to go back to: a timestamp (`--at`) or just before a statement (`--before-statement`). */
export type RecoveryPoint = { kind: 'timestamp'; at: Date } | { kind: 'statement'; queryId: string };

/** One row of INFORMATION_SCHEMA.TABLES for a colour schema. */
export interface TableRow {
  database?: string;
  schema: string;
  name: string;
  /** BASE TABLE, VIEW, MATERIALIZED VIEW, EXTERNAL TABLE, TEMPORARY TABLE, EVENT TABLE … */
  tableType: string;
  isTransient: boolean;
  /** DATA_RETENTION_TIME_IN_DAYS of the object. */
  retentionDays: number;
  created: Date;
  lastAltered?: Date;
}

/** A dropped table version still in Time Travel (SHOW TABLES HISTORY, dropped_on set). */
export interface DroppedRow {
  database?: string;
  schema: string;
  name: string;
  created: Date;
  dropped: Date;
  isTransient: boolean;
  retentionDays: number;
}

/** The statement named by `--before-statement`, from query history. */
export interface StatementRow {
  queryId: string;
  /** QUERY_TYPE: SELECT, INSERT, UPDATE, DELETE, MERGE, CREATE_TABLE_AS_SELECT … */
  queryType: string;
  startTime: Date;
  endTime?: Date;
  status?: string;
}

export interface PitrMetadata {
  /** The warehouse's clock when the metadata was read. */
  now: Date;
  database?: string;
  /** The colour schemas being recovered (resolved names). */
  schemas: string[];
  tables: TableRow[];
  dropped: DroppedRow[];
  /** Only for a statement point; null when the statement is not in query history. */
  statement?: StatementRow | null;
}

export type ObjectAction =
  /** Clone the table as of the point and swap it in (2 statements). */
  | 'clone-swap'
  /** The current object was created after the point: rename it away, UNDROP the version that existed then, clone it as of the point and swap (4 + 2 per extra version). */
  | 'undrop'
  /** Nothing to restore (a view, a table that did not exist at the point, an earlier recovery's leftover). */
  | 'unchanged'
  /** Needed but impossible: outside retention, retention 0, statement too old or not DML/SELECT. */
  | 'unrecoverable';

export interface PlannedObject {
  database?: string;
  schema: string;
  name: string;
  tableType: string;
  isTransient: boolean;
  retentionDays: number;
  created: Date;
  action: ObjectAction;
  /** Why this action (always set; for unrecoverable, what makes it so). */
  reason: string;
  /** For 'undrop': how many dropped versions must be undropped to reach the one that existed at the point. */
  undrops?: number;
  /** Objects this recovery leaves beside the table (pre-recovery data, intermediate versions), for forensics. */
  leftBehind: string[];
  statements: Statement[];
  /**
   * For 'undrop': if a statement fails after the current object was renamed
   * away, these put it back under its name (move whatever now holds the name
   * aside, then rename the original back), so consumers never stay on a
   * missing or older table.
   */
  putBack?: Statement[];
}

export interface PitrPlan {
  point: RecoveryPoint;
  /** The instant being recovered to (the statement's start time for a statement point). */
  pointTime: Date;
  /** Human text of the point, for logs and audit: `2026-11-22T10:00:00.000Z` or `before statement 01b…`. */
  pointLabel: string;
  now: Date;
  database?: string;
  schemas: string[];
  /** Suffix stamp used for the names this run creates (`__PITR_<stamp>`). */
  stamp: string;
  objects: PlannedObject[];
  /** True when every object that needs restoring can be restored. */
  complete: boolean;
  /** All recovery statements, in order. */
  statements: Statement[];
  /** Plan-wide problems (statement too old, wrong type): also reflected in each object's reason. */
  problems: string[];
}
