/**
 * `slipway rollback`: back to the previous good deploy (re-swap), or back to a
 * point in time (`--at`, `--before-statement`; Snowflake time travel). The
 * same entry as actions/rollback: runRollback (shared/pitr/rollback.ts).
 */
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import type { Warehouse } from '../../warehouse/types.js';
import { assertTimeTravel } from '../../pitr/index.js';
import { defaultActor, defaultRunUrl, loadMetadataFile, reportText, runRollback, validateRollbackFlags, type RollbackCoreOptions } from '../../rollback/index.js';
import { dialectOf, handle, resolveConnection, withConnectionOptions, withDryRunOptions, withFormatOption, type ConnectionOptions } from '../common.js';
import { connectTo } from '../../config/connection.js';
import type { DialectName } from '../../sql/identifiers.js';
import { projectQuoting } from '../../deploy/names.js';

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
    .option('--actor <name>', 'who is rolling back (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)')
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
        quoting: projectQuoting(opts.projectDir),
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
      const wh = await connectTo(config, { action: 'rollback' });
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
