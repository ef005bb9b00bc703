/**
 * The PITR planner: a pure function from metadata rows to a typed plan. It
 * decides, for every table of the live colour, how to bring it back to the
 * recovery point, or why it cannot, before anything is touched.
 *
 * - Current object existed at the point (CREATED <= point) and the point is
 *   within its retention → clone as of the point, then swap (2 statements).
 * - Current object created after the point (dbt's CREATE OR REPLACE) → the
 *   version that existed then is a dropped object: rename the current one
 *   away, UNDROP (repeatedly, if several rebuilds happened since) until that
 *   version is back, then clone it as of the point and swap.
 * - No version existed at the point → left unchanged (and said so).
 * - Retention 0, point older than the retention (transient tables: at most 1
 *   day, no Fail-safe), statement older than 14 days or not DML/SELECT/TCL →
 *   unrecoverable, with the reason.
 */
import { UserError } from '../errors.js';
import { cloneAt, renameTable, swapTables, tableName, undropTable } from '../dialects/snowflake/pitr.js';
import type { Statement } from '../sql/plan.js';
import type { DroppedRow, PitrMetadata, PitrPlan, PlannedObject, RecoveryPoint, TableRow } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** AT|BEFORE(STATEMENT => id) only reaches statements of the last 14 days. */
export const STATEMENT_WINDOW_DAYS = 14;
/** Query types Snowflake accepts as a STATEMENT reference point: DML, SELECT and TCL. */
export const STATEMENT_POINT_TYPES: ReadonlySet<string> = new Set([
  'SELECT',
  'INSERT',
  'MULTI_TABLE_INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'TRUNCATE_TABLE',
  'COPY',
  'UNLOAD',
  'BEGIN_TRANSACTION',
  'COMMIT',
  'ROLLBACK',
]);
/** Names this feature creates; an earlier recovery's leftovers are never themselves "restored". */
export const LEFTOVER_NAME = /__PITR_\d{8}T\d{6}(_(V\d+|AT|FAILED))?$/;

export interface PlanOptions {
  point: RecoveryPoint;
  /** Override the `__PITR_<stamp>` suffix (default: from the warehouse clock). */
  stamp?: string;
}

export function stampOf(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').slice(0, 15); // 20261122T203700
}

/** "3 h 20 min", "2.5 days": for reasons people read at 3 a.m. */
export function formatAge(ms: number): string {
  if (ms < HOUR) return `${Math.max(0, Math.round(ms / 60_000))} min`;
  if (ms < 2 * DAY) {
    const h = Math.floor(ms / HOUR);
    const m = Math.round((ms - h * HOUR) / 60_000);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  return `${(ms / DAY).toFixed(1)} days`;
}

function kindOf(transient: boolean): string {
  return transient ? 'transient table' : 'permanent table';
}

/** Why a version with this retention cannot reach the point, or undefined when it can. */
function retentionProblem(transient: boolean, retentionDays: number, ageMs: number, what: string): string | undefined {
  if (retentionDays <= 0) {
    return `${what} is a ${kindOf(transient)} with DATA_RETENTION_TIME_IN_DAYS = 0: it has no Time Travel`;
  }
  if (ageMs > retentionDays * DAY) {
    const tail = transient ? ' (transient tables keep at most 1 day of Time Travel and have no Fail-safe)' : '';
    return `the point is ${formatAge(ageMs)} ago, outside the ${retentionDays}-day retention of ${what}${tail}`;
  }
  return undefined;
}

function unchangedReason(row: TableRow): string | undefined {
  const t = row.tableType.toUpperCase();
  if (t === 'BASE TABLE') return undefined;
  if (t === 'VIEW') return 'view: view definitions are not time-travelled; it reads the restored tables';
  if (t === 'MATERIALIZED VIEW') return 'materialized view: Snowflake refreshes it from the restored tables';
  if (t === 'TEMPORARY TABLE') return 'temporary table: belongs to another session, not part of a deploy';
  return `${t.toLowerCase()}: not restored by time travel`;
}

function statementProblems(meta: PitrMetadata, point: RecoveryPoint): string[] {
  if (point.kind !== 'statement') return [];
  const st = meta.statement!;
  const problems: string[] = [];
  const age = meta.now.getTime() - st.startTime.getTime();
  if (age > STATEMENT_WINDOW_DAYS * DAY) {
    problems.push(
      `statement ${st.queryId} ran ${formatAge(age)} ago; BEFORE(STATEMENT => …) only reaches the last ${STATEMENT_WINDOW_DAYS} days (use --at ${st.startTime.toISOString()} instead)`,
    );
  }
  const type = st.queryType.toUpperCase();
  if (!STATEMENT_POINT_TYPES.has(type)) {
    problems.push(
      `statement ${st.queryId} is a ${type}; BEFORE(STATEMENT => …) accepts only DML, SELECT and transaction statements (use --at ${st.startTime.toISOString()} instead)`,
    );
  }
  return problems;
}

export function planPitr(meta: PitrMetadata, opts: PlanOptions): PitrPlan {
  const { point } = opts;
  let pointTime: Date;
  let pointLabel: string;
  if (point.kind === 'timestamp') {
    pointTime = point.at;
    pointLabel = point.at.toISOString();
  } else {
    if (!meta.statement) {
      throw new UserError(`Statement ${point.queryId} is not in the query history Slipway can read.`, {
        hint: 'Check the query id (INFORMATION_SCHEMA.QUERY_HISTORY covers 7 days; ACCOUNT_USAGE lags by up to 45 minutes and needs the SNOWFLAKE database granted), or use --at <timestamp>.',
      });
    }
    pointTime = meta.statement.startTime;
    pointLabel = `before statement ${point.queryId} (${pointTime.toISOString()})`;
  }
  if (pointTime.getTime() > meta.now.getTime()) {
    throw new UserError(`The recovery point ${pointTime.toISOString()} is in the future (the warehouse clock says ${meta.now.toISOString()}).`, {
      hint: 'Give a moment before the bad change.',
    });
  }

  const stamp = opts.stamp ?? stampOf(meta.now);
  const problems = statementProblems(meta, point);
  const ageMs = meta.now.getTime() - pointTime.getTime();
  const inScope = new Set(meta.schemas);
  const tables = meta.tables
    .filter((t) => inScope.has(t.schema))
    .sort((a, b) => (a.schema === b.schema ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.schema < b.schema ? -1 : 1));
  if (tables.length === 0) {
    throw new UserError(`No tables were found in ${meta.schemas.join(', ') || '(no schemas)'}.`, {
      hint: 'Check the environment and --schemas: point-in-time recovery works on the tables of the live colour schemas (e.g. ANALYTICS__BLUE).',
    });
  }

  // Rows recorded without a database live in the metadata's database: qualify every name the same way.
  const objects = tables.map((row) => planObject({ ...row, database: row.database ?? meta.database }, meta.dropped, { point, pointTime, pointLabel, ageMs, stamp, problems }));
  const statements = objects.flatMap((o) => o.statements);
  return {
    point,
    pointTime,
    pointLabel,
    now: meta.now,
    database: meta.database,
    schemas: [...meta.schemas],
    stamp,
    objects,
    complete: objects.every((o) => o.action !== 'unrecoverable'),
    statements,
    problems,
  };
}

interface Ctx {
  point: RecoveryPoint;
  pointTime: Date;
  pointLabel: string;
  ageMs: number;
  stamp: string;
  problems: string[];
}

function planObject(row: TableRow, dropped: readonly DroppedRow[], ctx: Ctx): PlannedObject {
  const base = {
    database: row.database,
    schema: row.schema,
    name: row.name,
    tableType: row.tableType,
    isTransient: row.isTransient,
    retentionDays: row.retentionDays,
    created: row.created,
    leftBehind: [] as string[],
    statements: [] as Statement[],
  };
  const display = `${row.schema}.${row.name}`;
  if (LEFTOVER_NAME.test(row.name)) {
    return { ...base, action: 'unchanged', reason: 'left by an earlier point-in-time recovery; not restored itself' };
  }
  const skip = unchangedReason(row);
  if (skip) return { ...base, action: 'unchanged', reason: skip };
  if (ctx.problems.length) return { ...base, action: 'unrecoverable', reason: ctx.problems.join('; ') };

  const t = tableName(row.database, row.schema, row.name);
  const asideName = `${row.name}__PITR_${ctx.stamp}`;
  const aside = tableName(row.database, row.schema, asideName);

  if (row.created.getTime() <= ctx.pointTime.getTime()) {
    const problem = retentionProblem(row.isTransient, row.retentionDays, ctx.ageMs, display);
    if (problem) return { ...base, action: 'unrecoverable', reason: problem };
    return {
      ...base,
      action: 'clone-swap',
      reason: `existed at the point; ${formatAge(ctx.ageMs)} ago is within its ${row.retentionDays}-day retention`,
      leftBehind: [asideName],
      statements: [
        cloneAt(t, aside, ctx.point, row.isTransient, `${display}: clone it as of ${ctx.pointLabel}`),
        swapTables(t, aside, `${display}: swap the restored copy in (the data it had before recovery stays in ${asideName})`),
      ],
    };
  }

  // Created after the point: dbt's CREATE OR REPLACE made a new object. Find the dropped version that existed then.
  const versions = dropped
    .filter((d) => d.schema === row.schema && d.name === row.name && (d.database === undefined || row.database === undefined || d.database === row.database))
    .sort((a, b) => b.dropped.getTime() - a.dropped.getTime());
  const idx = versions.findIndex((v) => v.created.getTime() <= ctx.pointTime.getTime() && ctx.pointTime.getTime() < v.dropped.getTime());
  if (idx < 0) {
    return {
      ...base,
      action: 'unchanged',
      reason: `created ${row.created.toISOString()}, after the point, and no dropped version that existed at the point is in Time Travel: it did not exist then (or that version's retention has passed); left as it is`,
    };
  }
  const v = versions[idx]!;
  const problem = retentionProblem(v.isTransient, v.retentionDays, ctx.ageMs, `the version of ${display} that existed then (replaced ${v.dropped.toISOString()})`);
  if (problem) return { ...base, action: 'unrecoverable', reason: problem };

  const undrops = idx + 1;
  const atName = `${row.name}__PITR_${ctx.stamp}_AT`;
  const at = tableName(row.database, row.schema, atName);
  const statements: Statement[] = [renameTable(t, aside, `${display}: move the current object (created ${row.created.toISOString()}, after the point) aside to ${asideName}`)];
  const leftBehind = [asideName];
  for (let j = 1; j < undrops; j++) {
    const vName = `${row.name}__PITR_${ctx.stamp}_V${j}`;
    statements.push(undropTable(t, `${display}: undrop a newer replaced version (${j} of ${undrops - 1}) on the way back`));
    statements.push(renameTable(t, tableName(row.database, row.schema, vName), `${display}: move that newer version aside to ${vName}`));
    leftBehind.push(vName);
  }
  statements.push(undropTable(t, `${display}: undrop the version created ${v.created.toISOString()} that existed at the point`));
  statements.push(cloneAt(t, at, ctx.point, v.isTransient, `${display}: clone that version as of ${ctx.pointLabel}`));
  statements.push(swapTables(t, at, `${display}: swap the restored copy in (that version's later data stays in ${atName})`));
  leftBehind.push(atName);
  const failedName = `${row.name}__PITR_${ctx.stamp}_FAILED`;
  const putBack = [
    renameTable(t, tableName(row.database, row.schema, failedName), `${display}: recovery failed midway: move whatever holds the name now aside to ${failedName}`),
    renameTable(aside, t, `${display}: recovery failed midway: put the object that was current back under its name`),
  ];
  return {
    putBack,
    ...base,
    isTransient: v.isTransient,
    retentionDays: v.retentionDays,
    action: 'undrop',
    reason: `replaced after the point (current object created ${row.created.toISOString()}); the version created ${v.created.toISOString()} is still in Time Travel${undrops > 1 ? ` behind ${undrops - 1} newer replaced version(s)` : ''}`,
    undrops,
    leftBehind,
    statements,
  };
}

/** The human summary of a plan: what is restored how, what is left and why. */
export function describePlan(plan: PitrPlan): string {
  const lines: string[] = [];
  const by = (a: PlannedObject['action']) => plan.objects.filter((o) => o.action === a);
  lines.push(`Point-in-time recovery to ${plan.pointLabel} (warehouse time ${plan.now.toISOString()}), schemas ${plan.schemas.join(', ')}`);
  const restore = [...by('clone-swap'), ...by('undrop')];
  lines.push(`  restore (${restore.length}):`);
  for (const o of restore) lines.push(`    ${o.schema}.${o.name}  [${o.action}] ${o.reason}`);
  const bad = by('unrecoverable');
  lines.push(`  cannot be recovered (${bad.length}):`);
  for (const o of bad) lines.push(`    ${o.schema}.${o.name}  ${o.reason}`);
  const same = by('unchanged');
  if (same.length) {
    lines.push(`  left unchanged (${same.length}):`);
    for (const o of same) lines.push(`    ${o.schema}.${o.name}  ${o.reason}`);
  }
  lines.push(`  ${plan.statements.length} statement(s); ${plan.complete ? 'every table can be restored' : 'NOT every table can be restored: --partial is needed to apply'}`);
  return lines.join('\n');
}
