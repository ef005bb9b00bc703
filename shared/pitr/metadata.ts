/**
 * Read the metadata the PITR planner needs, and turn warehouse rows
 * (timestamps as Date, SfTimestamp or text) into typed rows. Column names
 * arrive in lower case: the Snowflake adapter folds INFORMATION_SCHEMA's
 * upper-case names once (normaliseRow), SHOW columns are lower case already.
 * The normalisers are exported so tests can feed recorded rows, passed
 * through the adapter's normaliseRow, through exactly the same code.
 */
import { OperationError, UserError } from '../errors.js';
import { runStatement } from '../warehouse/run.js';
import type { Queryable } from '../warehouse/types.js';
import type { Statement } from '../sql/plan.js';
import { clockQuery, statementQueryAccountUsage, statementQueryRecent, tablesHistoryQuery, tablesQuery } from '../dialects/snowflake/pitr.js';
import type { DroppedRow, PitrMetadata, RecoveryPoint, StatementRow, TableRow } from './types.js';

type Raw = Record<string, unknown>;

/** Timestamps as the driver gives them: Date, an object with toJSON/getTime, or text like `2026-11-22 10:00:00.000 -0800`. */
export function toDate(v: unknown, what = 'timestamp'): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  if (v && typeof v === 'object') {
    const o = v as { getTime?: () => number; toJSON?: () => string; toISOString?: () => string };
    if (typeof o.getTime === 'function') return new Date(o.getTime());
    if (typeof o.toISOString === 'function') return new Date(o.toISOString());
    if (typeof o.toJSON === 'function') return toDate(o.toJSON(), what);
  }
  if (typeof v === 'string') {
    const s = v
      .trim()
      .replace(/^(\d{4}-\d{2}-\d{2})[ T]/, '$1T')
      .replace(/(\.\d{3})\d+/, '$1')
      .replace(/\s*([+-]\d{2}):?(\d{2})$/, '$1:$2')
      .replace(/\s*Z$/i, 'Z');
    const d = new Date(/([+-]\d{2}:\d{2}|Z)$/.test(s) ? s : `${s}Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new OperationError(`Snowflake returned a ${what} Slipway cannot read: ${JSON.stringify(v)}.`);
}

function toBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  return /^(yes|true|y|1)$/i.test(String(v ?? '').trim());
}

function toNum(v: unknown): number {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** A row of INFORMATION_SCHEMA.TABLES. */
export function tableRowFrom(r: Raw): TableRow {
  return {
    database: r.table_catalog === undefined ? undefined : String(r.table_catalog),
    schema: String(r.table_schema),
    name: String(r.table_name),
    tableType: String(r.table_type ?? 'BASE TABLE'),
    isTransient: toBool(r.is_transient),
    retentionDays: toNum(r.retention_time),
    created: toDate(r.created, 'CREATED'),
    lastAltered: r.last_altered == null ? undefined : toDate(r.last_altered, 'LAST_ALTERED'),
  };
}

/** Dropped versions from a SHOW TABLES HISTORY result (rows without dropped_on are current objects and are skipped). */
export function droppedRowsFrom(rows: readonly Raw[], fallbackSchema?: string): DroppedRow[] {
  const out: DroppedRow[] = [];
  for (const r of rows) {
    if (r.dropped_on == null || r.dropped_on === '') continue;
    out.push({
      database: r.database_name == null ? undefined : String(r.database_name),
      schema: String(r.schema_name ?? fallbackSchema),
      name: String(r.name),
      created: toDate(r.created_on, 'created_on'),
      dropped: toDate(r.dropped_on, 'dropped_on'),
      isTransient: /TRANSIENT/i.test(String(r.kind ?? '')),
      retentionDays: toNum(r.retention_time),
    });
  }
  return out;
}

export function statementRowFrom(r: Raw): StatementRow {
  return {
    queryId: String(r.query_id),
    queryType: String(r.query_type ?? 'UNKNOWN'),
    startTime: toDate(r.start_time, 'START_TIME'),
    endTime: r.end_time == null ? undefined : toDate(r.end_time, 'END_TIME'),
    status: r.execution_status == null ? undefined : String(r.execution_status),
  };
}

/** The read-only statements the metadata read issues (for --dry-run text and the statement-count benchmark). */
export function metadataStatements(database: string | undefined, schemas: readonly string[], point: RecoveryPoint): Statement[] {
  const s: Statement[] = [clockQuery(), tablesQuery(database, schemas), ...schemas.map((x) => tablesHistoryQuery(database, x))];
  if (point.kind === 'statement') s.push(statementQueryRecent(database, point.queryId), statementQueryAccountUsage(point.queryId));
  return s;
}

/** Read everything the planner needs: the warehouse clock, tables, dropped versions, and the statement (if any). */
export async function readPitrMetadata(wh: Queryable, opts: { database?: string; schemas: readonly string[]; point: RecoveryPoint }): Promise<PitrMetadata> {
  const clock = (await runStatement<Raw>(wh, clockQuery()))[0] ?? {};
  const now = clock.now == null ? new Date() : toDate(clock.now, 'CURRENT_TIMESTAMP');
  const database = opts.database ?? (clock.database == null ? undefined : String(clock.database));
  if (!database) {
    throw new UserError('The Snowflake session has no current database, so Slipway cannot read INFORMATION_SCHEMA for the recovery.', {
      hint: 'Pass --database (input database), or set database in the dbt profile / SNOWFLAKE_DATABASE.',
    });
  }
  const tables = (await runStatement<Raw>(wh, tablesQuery(database, opts.schemas))).map(tableRowFrom);
  const dropped: DroppedRow[] = [];
  for (const schema of opts.schemas) dropped.push(...droppedRowsFrom(await runStatement<Raw>(wh, tablesHistoryQuery(database, schema)), schema));
  let statement: StatementRow | null | undefined;
  if (opts.point.kind === 'statement') {
    const recent = await runStatement<Raw>(wh, statementQueryRecent(database, opts.point.queryId)).catch(() => []);
    let hit = recent[0];
    if (!hit) hit = (await runStatement<Raw>(wh, statementQueryAccountUsage(opts.point.queryId)).catch(() => []))[0];
    statement = hit ? statementRowFrom(hit) : null;
  }
  return { now, database, schemas: [...opts.schemas], tables, dropped, statement };
}
