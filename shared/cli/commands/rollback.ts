/**
 * `slipway rollback`: back to the previous good deploy (re-swap), or back to a
 * point in time (`--at`, `--before-statement`; Snowflake time travel). The
 * same cores as actions/rollback: rollbackDeploy (shared/deploy) and
 * pointInTimeRecover (shared/pitr).
 */
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { formatPlan } from '../../sql/plan.js';
import { connect } from '../../warehouse/index.js';
import type { Warehouse } from '../../warehouse/types.js';
import type { Runtime } from '../../runtime/port.js';
import { checkEnvironment } from '../../deploy/state.js';
import { rollbackDeploy } from '../../deploy/rollback.js';
import { assertReason, assertTimeTravel, parsePoint, pointInTimeRecover, type PitrMetadata, type PitrResult, type RecoveryPoint } from '../../pitr/index.js';
import { deployLock, resolveLiveTarget } from '../../pitr/live.js';
import { dialectOf, handle, resolveConnection, withConnectionOptions, withDryRunOptions, withFormatOption, type ConnectionOptions } from '../common.js';
import type { DialectName } from '../../sql/identifiers.js';

const list = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

export interface RollbackCliOptions extends ConnectionOptions {
  reason?: string;
  environment: string;
  to?: string;
  at?: string;
  beforeStatement?: string;
  partial?: boolean;
  schemas: string[];
  colourSchemas: string[];
  adminSchema?: string;
  database?: string;
  actor?: string;
  runUrl?: string;
  metadataFile?: string;
  suffixBlue?: string;
  suffixGreen?: string;
  suffixNext?: string;
  dryRun?: boolean;
  dialect?: DialectName;
  format?: string;
}

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
}

export function defaultActor(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GITHUB_ACTOR) return env.GITHUB_ACTOR;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function defaultRunUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
}

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
    plan: { ...plan, objects: plan.objects.map(({ statements: s, ...o }) => ({ ...o, statements: s.map((x) => x.sql) })) },
    sql: formatPlan(dryRun ? statements : r.statements, 'snowflake'),
    statements: (dryRun ? statements : r.statements).length,
    durationMs: r.durationMs,
  };
}

export function reportText(r: RollbackReport): string {
  if (r.mode === 'reswap') {
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
}

/** The one entry both the CLI and the action call. */
export async function runRollback(wh: Warehouse | undefined, o: RollbackCoreOptions, rt: Runtime): Promise<RollbackReport> {
  if (!o.point) {
    if (!wh) throw new UserError('A re-swap rollback needs a warehouse connection (it reads DEPLOY_STATE).', { hint: 'Configure the connection; --dry-run still changes nothing.' });
    const r = await rollbackDeploy(
      wh,
      { environment: o.environment, adminSchema: o.adminSchema, to: o.to, reason: o.reason, actor: o.actor, runUrl: o.runUrl, dryRun: !!o.dryRun, schemas: o.schemas?.length ? o.schemas : undefined, database: o.database, suffixBlue: o.suffixBlue, suffixGreen: o.suffixGreen, suffixNext: o.suffixNext },
      rt,
    );
    return {
      mode: 'reswap',
      environment: o.environment,
      dryRun: !!o.dryRun,
      rolledBackFrom: r.rolledBackFrom,
      rolledBackTo: r.rolledBackTo,
      colour: r.colour,
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
      database: o.database,
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

export function register(program: Command): void {
  const cmd = program
    .command('rollback')
    .description('go back to the previous good deploy (one swap per published schema), or restore the live tables to a point in time (Snowflake time travel)')
    .option('--reason <text>', 'why (required; written to the audit trail with who and from/to which deploy)')
    .option('--environment <name>', 'deploy environment (its own DEPLOY_STATE history and lock)', process.env.SLIPWAY_ENVIRONMENT ?? 'production')
    .option('--to <deploy-id>', 're-swap to this earlier deploy (default: the previous LIVE deploy)')
    .option('--at <timestamp>', 'point-in-time recovery: restore the live tables as of this ISO 8601 time with a zone (e.g. 2026-11-22T09:30:00Z)')
    .option('--before-statement <query-id>', 'point-in-time recovery: restore the live tables as of just before this Snowflake statement (DML/SELECT, last 14 days)')
    .option('--partial', 'point-in-time recovery: apply even if some tables cannot be recovered; they are named, audited and left as they are')
    .option('--schemas <list>', 'published schemas (comma-separated or repeated; default: those of the live deploy)', list, [])
    .option('--colour-schemas <list>', 'point-in-time recovery: the schemas holding the tables, when DEPLOY_STATE cannot tell', list, [])
    .option('--admin-schema <name>', 'schema holding DEPLOY_STATE, DEPLOY_LOCK and PITR_LOG', 'SLIPWAY')
    .option('--database <name>', "database (Snowflake; default: the connection's)")
    .option('--actor <name>', 'who is rolling back (default: $GITHUB_ACTOR or the OS user)')
    .option('--run-url <url>', 'link recorded in the audit trail (default: the GitHub run, when in Actions)')
    .option('--suffix-blue <suffix>', 'suffix of the blue colour schemas (as configured for deploys)', '__BLUE')
    .option('--suffix-green <suffix>', 'suffix of the green colour schemas', '__GREEN')
    .option('--suffix-next <suffix>', 'suffix of the staging schema holding the previous views', '__NEXT')
    .option('--metadata-file <file>', 'point-in-time recovery --dry-run from recorded metadata instead of a connection')
    .option('--project-dir <dir>', 'dbt project folder (its dbt_project.yml names the profile)', '.');
  withFormatOption(withDryRunOptions(withConnectionOptions(cmd)));
  cmd.addHelpText(
    'after',
    `
Examples:
  slipway rollback --reason "orders doubled after deploy 20261122T0900" --environment production
  slipway rollback --to 20261120T081500Z-1a2b3c --reason "INC-123"
  slipway rollback --at 2026-11-22T08:30:00-08:00 --reason "INC-123" --dry-run
  slipway rollback --before-statement 01b8a2f3-0000-7c1e-0000-00a1b2c3d4e5 --reason "bad MERGE" --partial

Exit codes: 0 rolled back (or dry run printed), 1 refused (colour rebuilt, lock held, tables not recoverable), 2 bad input, 3 internal error.`,
  );
  cmd.action(
    handle<RollbackCliOptions>(async (opts, { rt, emit }) => {
      const { reason, environment, point } = validateRollbackFlags(opts);
      const base: RollbackCoreOptions = {
        environment,
        reason,
        point,
        to: opts.to,
        partial: !!opts.partial,
        schemas: opts.schemas,
        colourSchemas: opts.colourSchemas,
        adminSchema: opts.adminSchema,
        database: opts.database,
        actor: opts.actor ?? defaultActor(),
        runUrl: opts.runUrl ?? defaultRunUrl(),
        dryRun: !!opts.dryRun,
        suffixBlue: opts.suffixBlue,
        suffixGreen: opts.suffixGreen,
        suffixNext: opts.suffixNext,
      };
      if (point && opts.dryRun && opts.dialect === 'postgres') {
        assertTimeTravel({ capabilities: { timeTravel: false } as Warehouse['capabilities'], description: 'postgres dialect', dialect: 'postgres' });
      }
      if (opts.metadataFile) {
        if (!point || !opts.dryRun) throw new UserError('--metadata-file plans a point-in-time recovery offline; it needs --at/--before-statement and --dry-run.', { hint: 'Add --dry-run (and --at or --before-statement).' });
        const r = await runRollback(undefined, { ...base, metadata: await loadMetadataFile(opts.metadataFile) }, rt);
        emit(r, reportText);
        return;
      }
      const config = await resolveConnection(opts, rt);
      if (point && dialectOf(config) !== 'snowflake') {
        // No connection needed to know Postgres has no time travel: refuse before connecting.
        assertTimeTravel({ capabilities: { timeTravel: false } as Warehouse['capabilities'], description: `${config.type} connection`, dialect: 'postgres' });
      }
      const wh = await connect(config, { queryTag: { action: 'rollback', run: base.runUrl } });
      try {
        const r = await runRollback(wh, base, rt);
        emit(r, reportText);
        return;
      } finally {
        await wh.close();
      }
    }),
  );
}
