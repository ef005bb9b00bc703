/**
 * The rollback front door (shared/rollback): the entry both `slipway rollback`
 * (shared/cli/commands/rollback.ts) and actions/rollback (body.ts) call:
 * validate flags before connecting, then either a re-swap (rollbackDeploy,
 * shared/deploy) or point-in-time recovery (pointInTimeRecover), and one
 * report shape for JSON output, action outputs and the job summary.
 */
import { readFile } from 'node:fs/promises';
import type { DbtQuoting } from '../dbt/relation-names.js';
import { UserError } from '../errors.js';
import { formatPlan } from '../sql/plan.js';
import { resolveName } from '../sql/identifiers.js';
import type { Warehouse } from '../warehouse/types.js';
import type { Runtime } from '../runtime/port.js';
import { checkEnvironment } from '../deploy/state.js';
import { rollbackDeploy } from '../deploy/rollback.js';
import { assertReason, assertTimeTravel, pointInTimeRecover, type PitrResult } from '../pitr/recover.js';
import { parsePoint } from '../pitr/point.js';
import type { PitrMetadata, RecoveryPoint } from '../pitr/types.js';
import { deployLock, resolveLiveTarget } from '../pitr/live.js';

/** What both modes report (CLI --format json, action outputs). */
export interface RollbackReport {
  mode: 'reswap' | 'pitr';
  environment: string;
  dryRun: boolean;
  rolledBackFrom?: string;
  rolledBackTo?: string;
  colour?: string;
  /** PITR: restored tables, tables left as they are, objects kept for forensics. */
  restored?: string[];
  left?: { table: string; reason: string }[];
  leftBehind?: string[];
  /** PITR: the typed plan (objects, actions, reasons). */
  plan?: unknown;
  /** The SQL, formatted as for --dry-run. */
  sql: string;
  statements: number;
  durationMs: number;
  /** Re-swap: the same rollback had already happened (a re-run); nothing was changed. */
  alreadyDone?: boolean;
}

// Deploys and rollbacks record the same actor and run URL (shared/config/invocation.ts).
export { defaultActor, defaultRunUrl } from '../deploy/options.js';

/** Refuse contradictory flags before connecting to anything. */
export function validateRollbackFlags(o: { reason?: string; to?: string; at?: string; beforeStatement?: string; partial?: boolean; environment?: string }): { reason: string; environment: string; point?: RecoveryPoint } {
  const reason = assertReason(o.reason);
  const environment = checkEnvironment(o.environment);
  const point = parsePoint({ at: o.at, beforeStatement: o.beforeStatement });
  if (point && o.to) {
    throw new UserError('--to cannot be combined with --at/--before-statement.', {
      hint: '--to <deploy-id> re-swaps to an earlier deploy; --at/--before-statement restore the live tables to a point in time. Choose one.',
    });
  }
  if (o.partial && !point) throw new UserError('--partial only applies to point-in-time recovery.', { hint: 'Add --at <timestamp> or --before-statement <query id>, or drop --partial.' });
  return { reason, environment, point };
}

/** A PITR result as a report; Dates become ISO strings in JSON. */
export function pitrReport(r: PitrResult, environment: string, dryRun: boolean): RollbackReport {
  const { statements, ...plan } = r.plan;
  return {
    mode: 'pitr',
    environment,
    dryRun,
    rolledBackTo: r.plan.pointLabel,
    restored: r.restored,
    left: r.left,
    leftBehind: r.leftBehind,
    plan: { ...plan, objects: plan.objects.map(({ statements: s, putBack, ...o }) => ({ ...o, statements: s.map((x) => x.sql), ...(putBack ? { putBack: putBack.map((x) => x.sql) } : {}) })) },
    sql: formatPlan(dryRun ? statements : r.statements, 'snowflake'),
    statements: (dryRun ? statements : r.statements).length,
    durationMs: r.durationMs,
  };
}

export function reportText(r: RollbackReport): string {
  if (r.mode === 'reswap') {
    if (r.alreadyDone) return `Already done: ${r.environment} reads deploy ${r.rolledBackTo} (rolled back from ${r.rolledBackFrom}); nothing changed.`;
    const head = r.dryRun
      ? `Dry run: rollback of ${r.environment} from deploy ${r.rolledBackFrom} to deploy ${r.rolledBackTo} (colour ${r.colour}) would run:`
      : `Rolled back ${r.environment}: deploy ${r.rolledBackFrom} → deploy ${r.rolledBackTo} (colour ${r.colour}) in ${r.durationMs} ms.`;
    return r.dryRun ? `${head}\n\n${r.sql}` : head;
  }
  const lines: string[] = [];
  if (r.dryRun) {
    lines.push(`Dry run: point-in-time recovery of ${r.environment} to ${r.rolledBackTo}.`);
    lines.push(`${r.statements} statement(s):`, '', r.sql);
  } else {
    lines.push(`Restored ${r.restored!.length} table(s) of ${r.environment} to ${r.rolledBackTo} in ${r.durationMs} ms.`);
    for (const t of r.restored!) lines.push(`  restored ${t}`);
    if (r.leftBehind!.length) lines.push(`  pre-recovery copies kept for forensics (drop when satisfied): ${r.leftBehind!.join(', ')}`);
  }
  for (const l of r.left ?? []) lines.push(`  LEFT AS IT IS: ${l.table}: ${l.reason}`);
  return lines.join('\n');
}

export interface RollbackCoreOptions {
  environment: string;
  reason: string;
  point?: RecoveryPoint;
  to?: string;
  partial?: boolean;
  schemas?: string[];
  colourSchemas?: string[];
  adminSchema?: string;
  database?: string;
  actor: string;
  runUrl?: string;
  dryRun?: boolean;
  metadata?: PitrMetadata;
  suffixBlue?: string;
  suffixGreen?: string;
  suffixNext?: string;
  /** The dbt project's quoting: (colour schema names as dbt stores them). */
  quoting?: DbtQuoting;
}

/** The one entry both the CLI and the action call. */
export async function runRollback(wh: Warehouse | undefined, o: RollbackCoreOptions, rt: Runtime): Promise<RollbackReport> {
  if (!o.point) {
    if (!wh) throw new UserError('A re-swap rollback needs a warehouse connection (it reads DEPLOY_STATE).', { hint: 'Configure the connection; --dry-run still changes nothing.' });
    const r = await rollbackDeploy(
      wh,
      { environment: o.environment, adminSchema: o.adminSchema, to: o.to, reason: o.reason, actor: o.actor, runUrl: o.runUrl, dryRun: !!o.dryRun, schemas: o.schemas?.length ? o.schemas : undefined, database: o.database, suffixBlue: o.suffixBlue, suffixGreen: o.suffixGreen, suffixNext: o.suffixNext, quoting: o.quoting },
      rt,
    );
    return {
      mode: 'reswap',
      environment: o.environment,
      dryRun: !!o.dryRun,
      rolledBackFrom: r.rolledBackFrom,
      rolledBackTo: r.rolledBackTo,
      colour: r.colour,
      ...(r.alreadyDone ? { alreadyDone: true } : {}),
      sql: formatPlan(r.statements, wh.dialect),
      statements: r.statements.length,
      durationMs: r.durationMs,
    };
  }
  if (wh) assertTimeTravel(wh);
  const target = o.metadata ? { colourSchemas: o.metadata.schemas, published: [] as string[] } : await resolveLiveTarget(wh!, o);
  const holder = `rollback-pitr-${Date.now().toString(36)}`;
  const r = await pointInTimeRecover(
    wh,
    {
      point: o.point,
      schemas: target.colourSchemas,
      database: o.database ? resolveName(o.database, 'snowflake') : undefined,
      environment: o.environment,
      adminSchema: o.adminSchema,
      reason: o.reason,
      actor: o.actor,
      runUrl: o.runUrl,
      partial: o.partial,
      dryRun: o.dryRun,
      metadata: o.metadata,
    },
    rt,
    { withLock: wh && !o.dryRun ? deployLock(wh, { environment: o.environment, adminSchema: o.adminSchema, database: o.database, holder, runUrl: o.runUrl, actor: o.actor }) : undefined },
  );
  return pitrReport(r, o.environment, !!o.dryRun);
}

/** Recorded metadata for an offline PITR dry run: `{ now, database?, schemas, tables, dropped, statement? }` with ISO timestamps. */
export async function loadMetadataFile(path: string): Promise<PitrMetadata> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new UserError(`Cannot read the metadata file ${path}: ${(err as Error).message}`, { hint: 'Give a JSON file with now, schemas, tables and dropped.' });
  }
  const m = raw as Record<string, any>;
  if (!m || typeof m !== 'object' || !Array.isArray(m.tables) || !Array.isArray(m.schemas)) {
    throw new UserError(`The metadata file ${path} needs "now", "schemas" and "tables" (and "dropped").`, { hint: 'See docs/rollback.md, "Planning offline".' });
  }
  const d = (v: unknown) => new Date(String(v));
  return {
    now: d(m.now),
    database: m.database,
    schemas: m.schemas.map(String),
    tables: m.tables.map((t: any) => ({ ...t, created: d(t.created), lastAltered: t.lastAltered ? d(t.lastAltered) : undefined })),
    dropped: (m.dropped ?? []).map((t: any) => ({ ...t, created: d(t.created), dropped: d(t.dropped) })),
    statement: m.statement ? { ...m.statement, startTime: d(m.statement.startTime), endTime: m.statement.endTime ? d(m.statement.endTime) : undefined } : m.statement,
  };
}

/** Markdown for the job summary: what happened, what was left, the SQL. */
export function reportMarkdown(r: RollbackReport): string {
  const lines: string[] = [];
  if (r.mode === 'reswap') {
    lines.push(`### ${r.dryRun ? 'Rollback plan (dry run)' : 'Rolled back'}: ${r.environment}`, '');
    lines.push('| | |', '|---|---|', `| from deploy | \`${r.rolledBackFrom}\` |`, `| to deploy | \`${r.rolledBackTo}\` |`, `| colour | ${r.colour} |`, `| statements | ${r.statements} |`);
    if (!r.dryRun) lines.push(`| duration | ${r.durationMs} ms |`);
  } else {
    lines.push(`### ${r.dryRun ? 'Point-in-time recovery plan (dry run)' : 'Point-in-time recovery'}: ${r.environment} to ${r.rolledBackTo}`, '');
    const objects = ((r.plan as { objects?: { schema: string; name: string; action: string; reason: string }[] } | undefined)?.objects ?? []);
    lines.push('| table | action | why |', '|---|---|---|');
    for (const o of objects) lines.push(`| \`${o.schema}.${o.name}\` | ${o.action} | ${o.reason.replace(/\|/g, '\\|')} |`);
    if (r.left?.length) lines.push('', `**Left as they are (${r.left.length}):** ${r.left.map((l) => `\`${l.table}\``).join(', ')}`);
    if (!r.dryRun && r.leftBehind?.length) lines.push('', `Pre-recovery copies kept for forensics: ${r.leftBehind.map((n) => `\`${n}\``).join(', ')}`);
  }
  lines.push('', '<details><summary>SQL</summary>', '', '```sql', r.sql, '```', '', '</details>');
  return lines.join('\n');
}

