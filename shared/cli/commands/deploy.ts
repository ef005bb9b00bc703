/**
 * `slipway deploy prepare|cutover|status|unlock`: the same core as
 * actions/blue-green-swap (phase: prepare | cutover).
 */
import { Option, type Command } from 'commander';
import { GateFailure, UserError } from '../../errors.js';
import { formatPlan } from '../../sql/plan.js';
import type { DialectName } from '../../sql/identifiers.js';
import { artifactPath, dialectOf, handle, resolveConnection, withConnectionOptions, withDryRunOptions, withFormatOption, type ConnectionOptions } from '../common.js';
import { connectTo, openWarehouse } from '../../config/connection.js';
import { abortDeploy, cutoverDeploy, cutoverPlan, deployStatus, dryRunContext, prepareDeploy, preparePlan, unlockDeploy, formatChecks, type CheckResult, type Colour } from '../../deploy/index.js';
import { cutoverMarkdown, cutoverText, deployJson, failedMarkdown, prepareText, statusText } from '../../deploy/report.js';
import { deployGates } from '../../freshness/deploy-hooks.js';
import { projectQuoting } from '../../deploy/names.js';
import { adoptDeploy, adoptPlan, adoptPlanStatements } from '../../deploy/adopt.js';
import { deprecatedOption, withDeprecatedKeys } from '../naming.js';
import { defaultActor, defaultRunUrl, loadArtifacts, parseLease, parseSchemas, parseTolerance, parseWarnPolicy } from '../../deploy/options.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

interface CommonOpts extends ConnectionOptions {
  environment: string;
  schemas: string[];
  adminSchema: string;
  database?: string;
  suffixBlue: string;
  suffixGreen: string;
  suffixNext: string;
  actor?: string;
  runUrl?: string;
  gitSha?: string;
  leaseMinutes?: string;
  dryRun?: boolean;
  dialect?: DialectName;
  colour?: Colour;
  format?: string;
  manifest?: string;
  runResults?: string;
  projectDir?: string;
  databaseSwap?: boolean;
  publishedDatabase?: string;
}

interface CutoverOpts extends CommonOpts {
  deployId?: string;
  checksDir?: string;
  rowCountTolerance?: string;
  warnPolicy?: string;
  freshnessGate?: boolean;
  rowCountHistory?: boolean;
  freshnessConfig?: string;
}

/** Where DEPLOY_STATE lives and how the colour schemas are named: the same for every command that writes it. */
function withColourOptions(cmd: Command, nextHelp: string): Command {
  return cmd
    .option('--admin-schema <name>', 'schema holding DEPLOY_STATE and DEPLOY_LOCK', 'SLIPWAY')
    .option('--database <name>', 'database of the published and admin schemas (Snowflake; default: the connection\'s)')
    .option('--suffix-blue <suffix>', 'suffix of the blue colour schemas', '__BLUE')
    .option('--suffix-green <suffix>', 'suffix of the green colour schemas', '__GREEN')
    .option('--suffix-next <suffix>', nextHelp, '__NEXT');
}

function withDeployOptions(cmd: Command): Command {
  return withColourOptions(
    cmd
      .requiredOption('--environment <name>', 'deploy environment (its own lock and history), e.g. production')
      .option('--schemas <list>', 'published (consumer-facing) schemas, comma-separated or repeated (default: the schemas of the manifest\'s models)', collect, []),
    'suffix of the staging schema that holds the next (after the swap: the previous) views',
  )
    .option('--actor <name>', 'who runs this, recorded in DEPLOY_STATE (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)')
    .option('--run-url <url>', 'workflow run URL recorded with the lock and rows (default: from GITHUB_* variables)')
    .option('--git-sha <sha>', 'commit being deployed (default: $GITHUB_SHA)')
    .option('--lease-minutes <n>', 'deploy lock lease; must cover the dbt build between prepare and cutover (default 180)')
    .option('--project-dir <dir>', 'dbt project folder (artifacts are read from <dir>/target/)', '.')
    .option('--manifest <file>', 'manifest.json of the build (default: <project-dir>/target/manifest.json when present)')
    .addOption(new Option('--colour <colour>', 'with --dry-run: the colour to show the plan for (default green)').choices(['blue', 'green']))
    .option('--database-swap', 'Snowflake: cut every published schema over with ONE ALTER DATABASE <published-database> SWAP WITH <published-database>__NEXT (needs --published-database and --database); without it each schema swaps atomically and the window between them is reported')
    .option('--published-database <name>', 'with --database-swap: the consumer-facing database, holding only the published view schemas (the colour and admin schemas stay in --database)');
}

function common(opts: CommonOpts) {
  return {
    environment: opts.environment,
    schemas: parseSchemas(opts.schemas),
    adminSchema: opts.adminSchema,
    database: opts.database,
    suffixBlue: opts.suffixBlue,
    suffixGreen: opts.suffixGreen,
    suffixNext: opts.suffixNext,
    actor: opts.actor ?? defaultActor(),
    runUrl: opts.runUrl ?? defaultRunUrl(),
    gitSha: opts.gitSha ?? process.env.GITHUB_SHA,
    leaseMinutes: parseLease(opts.leaseMinutes),
    databaseSwap: !!opts.databaseSwap,
    publishedDatabase: opts.publishedDatabase,
    // Colour schema names as dbt stores them: the project's quoting: (dbt-postgres quotes schemas by default).
    quoting: projectQuoting(opts.projectDir),
  };
}

export function register(program: Command): void {
  const group = program
    .command('deploy')
    .description('blue-green deploys: build the idle colour, prove it, cut over in one atomic step, audit everything in DEPLOY_STATE');

  withFormatOption(withDryRunOptions(withConnectionOptions(withDeployOptions(group.command('prepare')))))
    .description('take the deploy lock, pick the idle colour, record STARTED; prints the colour schemas dbt must build into')
    .action(
      handle<CommonOpts>(async (opts, { rt, emit }) => {
        const c = common(opts);
        const { manifest, manifestSha256 } = await loadArtifacts({ manifest: opts.manifest }, rt);
        if (opts.dryRun && opts.dialect) {
          const plan = await preparePlan({ ...c, dialect: opts.dialect, manifest, manifestSha256, colour: opts.colour });
          emit({ plan: formatPlan(plan, opts.dialect), statements: plan.length }, (r) => r.plan);
          return;
        }
        const config = await resolveConnection(opts, rt);
        if (opts.dryRun) {
          // With a connection the plan is the one that would run: the idle colour read from DEPLOY_STATE.
          const d = dialectOf(config);
          const wh = await connectTo(config, { action: 'deploy-prepare-plan', sha: c.gitSha });
          try {
            const ctx = await dryRunContext(wh, c, 'prepare');
            const plan = await preparePlan({ ...c, ...ctx, dialect: d, manifest, manifestSha256, colour: opts.colour ?? ctx.colour });
            emit({ plan: formatPlan(plan, d), statements: plan.length, colour: opts.colour ?? ctx.colour }, (r) => r.plan);
          } finally {
            await wh.close();
          }
          return;
        }
        const wh = await connectTo(config, { action: 'deploy-prepare', sha: c.gitSha });
        try {
          const r = await prepareDeploy(wh, { ...c, manifest, manifestSha256 }, rt);
          emit(deployJson(r), () => prepareText(r));
        } finally {
          await wh.close();
        }
      }),
    );

  const cutover = withFormatOption(withDryRunOptions(withConnectionOptions(withDeployOptions(group.command('cutover')))))
    .description('run the pre-cutover checks, then publish the new colour in one atomic step, record LIVE and release the lock')
    .option('--deploy-id <id>', 'the deploy to cut over (default: the one holding the lock)')
    .option('--run-results <file>', 'run_results.json of the build (default: <project-dir>/target/run_results.json when present)')
    .option('--checks-dir <dir>', 'folder of .sql files that must each return zero rows ({{ suffix }} / {{ colour }} are replaced)')
    .option('--row-count-tolerance <pct>', 'allowed row-count change per table vs the live colour, in percent, or none (default 50; a populated table going empty always fails)')
    .addOption(new Option('--warn-policy <policy>', 'whether dbt warnings in run_results block the cutover').choices(['allow', 'fail']).default('allow'))
    .option('--freshness-gate', 'also gate on source freshness: every source with a dbt freshness SLA, measured in the warehouse in one statement')
    .option('--row-count-history', 'also gate on row-count anomalies against <admin-schema>.ROW_COUNT_HISTORY, and record the new counts once LIVE')
    .option('--freshness-config <file>', 'slipway-freshness.yml with SLA overrides and row-count rules (see docs/freshness-gate.md)');
  deprecatedOption(cutover, '--freshness', '--freshness-gate');
  cutover.action(
      handle<CutoverOpts>(async (opts, { rt, emit, resultOnError }) => {
        const c = common(opts);
        const tolerance = parseTolerance(opts.rowCountTolerance);
        const warnPolicy = parseWarnPolicy(opts.warnPolicy);
        const arts = await loadArtifacts(
          { manifest: opts.manifest, runResults: opts.runResults, defaultManifest: artifactPath(opts, 'manifest'), defaultRunResults: opts.dryRun ? undefined : artifactPath(opts, 'run-results') },
          rt,
        );
        if (opts.dryRun && opts.dialect) {
          const plan = await cutoverPlan({ ...c, dialect: opts.dialect, manifest: arts.manifest, manifestSha256: arts.manifestSha256, colour: opts.colour });
          emit(withDeprecatedKeys({ plan: formatPlan(plan, opts.dialect), statements: plan.length, swapStatements: plan.filter((s) => /SWAP WITH|RENAME TO/.test(s.sql)).length }, { 'swap-statements': 'swapStatements' }), (r) => r.plan);
          return;
        }
        const config = await resolveConnection(opts, rt);
        if (opts.dryRun) {
          // With a connection: the real deploy id holding the lock, its colour and the live deploy's id.
          const d = dialectOf(config);
          const wh = await connectTo(config, { action: 'deploy-cutover-plan', sha: c.gitSha });
          try {
            const ctx = await dryRunContext(wh, { ...c, deployId: opts.deployId }, 'cutover');
            const plan = await cutoverPlan({ ...c, ...ctx, dialect: d, manifest: arts.manifest, manifestSha256: arts.manifestSha256, colour: opts.colour ?? ctx.colour });
            emit(withDeprecatedKeys({ plan: formatPlan(plan, d), statements: plan.length, ...(ctx.deployId ? { deployId: ctx.deployId } : {}) }, { 'deploy-id': 'deployId' }), (r) => r.plan);
          } finally {
            await wh.close();
          }
          return;
        }
        const gates = await deployGates({ freshness: opts.freshnessGate, rowCountHistory: opts.rowCountHistory, configFile: opts.freshnessConfig, adminSchema: c.adminSchema });
        const wh = await connectTo(config, { action: 'deploy-cutover', sha: c.gitSha });
        try {
          const r = await cutoverDeploy(wh, { ...c, ...arts, deployId: opts.deployId, checksDir: opts.checksDir, rowCountTolerancePct: tolerance, warnPolicy, ...gates }, rt);
          await rt.appendSummary(cutoverMarkdown(r));
          emit(deployJson(r), () => cutoverText(r));
        } catch (err) {
          const checks = err instanceof GateFailure ? (err.details as { checks?: CheckResult[] } | undefined)?.checks : undefined;
          if (checks) {
            rt.error(`Pre-cutover checks:\n${formatChecks(checks)}`);
            await rt.appendSummary(failedMarkdown(opts.deployId ?? '(holder of the lock)', c.environment, checks));
            // One JSON document on stdout: the checks beside the error (handle() prints both).
            resultOnError({ status: 'FAILED', environment: c.environment, ...(opts.deployId ? { deployId: opts.deployId } : {}), checks });
          }
          throw err;
        } finally {
          await wh.close();
        }
      }),
    );

  withFormatOption(withConnectionOptions(group.command('status')))
    .description('the live deploy, the deploy lock and the recent deploys of an environment')
    .requiredOption('--environment <name>', 'deploy environment')
    .option('--admin-schema <name>', 'schema holding DEPLOY_STATE', 'SLIPWAY')
    .option('--database <name>', 'database of the admin schema (Snowflake)')
    .option('--limit <n>', 'how many recent deploys to list', '10')
    .option('--project-dir <dir>', 'dbt project folder', '.')
    .action(
      handle<ConnectionOptions & { environment: string; adminSchema: string; database?: string; limit: string }>(async (opts, { rt, emit, format }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new UserError(`--limit must be a positive whole number, got '${opts.limit}'.`, { hint: 'e.g. --limit 20' });
        const wh = await openWarehouse(opts, rt, { action: 'deploy-status' });
        try {
          const s = await deployStatus(wh, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database, limit });
          if (s.knownEnvironments && format !== 'json') {
            // For people: a mistyped environment is an error, not "nothing live". JSON carries knownEnvironments instead.
            throw new UserError(`DEPLOY_STATE has no environment '${s.environment}'.`, {
              hint: s.knownEnvironments.length ? `Known environments: ${s.knownEnvironments.join(', ')}. Pass one of them with --environment.` : 'Nothing was ever deployed here; check --target/--database point at the production warehouse.',
            });
          }
          emit(s, () => statusText(s));
        } finally {
          await wh.close();
        }
      }),
    );

  withFormatOption(withConnectionOptions(group.command('abort')))
    .description("end this deploy after a failed build: record FAILED and release the lock (nothing is published); refuses another deploy's lock")
    .requiredOption('--environment <name>', 'deploy environment')
    .requiredOption('--reason <text>', 'what failed (recorded in DEPLOY_STATE)')
    .option('--deploy-id <id>', 'the deploy to abort (default: the one holding the lock)')
    .option('--actor <name>', 'who aborts (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)')
    .option('--admin-schema <name>', 'schema holding DEPLOY_STATE', 'SLIPWAY')
    .option('--database <name>', 'database of the admin schema (Snowflake)')
    .option('--project-dir <dir>', 'dbt project folder', '.')
    .action(
      handle<ConnectionOptions & { environment: string; reason: string; deployId?: string; actor?: string; adminSchema: string; database?: string }>(async (opts, { rt, emit }) => {
        const wh = await openWarehouse(opts, rt, { action: 'deploy-abort' });
        try {
          const r = await abortDeploy(wh, { environment: opts.environment, deployId: opts.deployId, reason: opts.reason, actor: opts.actor ?? defaultActor(), runUrl: defaultRunUrl(), adminSchema: opts.adminSchema, database: opts.database }, rt);
          emit(r, () => (r.aborted ? `aborted deploy ${r.deployId} in ${r.environment}; the lock is released` : `nothing to abort in ${r.environment}`));
        } finally {
          await wh.close();
        }
      }),
    );

  withColourOptions(withFormatOption(withConnectionOptions(group.command('adopt'))), 'suffix of the staging schema')
    .description('take existing schemas (tables Slipway did not create) under blue/green without loss: under the deploy lock their tables move into the blue colour, consumers keep the same names through views, and blue is recorded LIVE (run --dry-run first and review the plan)')
    .requiredOption('--environment <name>', 'deploy environment, e.g. production')
    .requiredOption('--schemas <list>', 'the existing published schemas to adopt, comma-separated or repeated', collect, [])
    .option('--dry-run', 'print the exact statements adopt would run, in order, and change nothing')
    .option('--actor <name>', 'who adopts, recorded in DEPLOY_STATE (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)')
    .option('--run-url <url>', 'workflow run URL recorded with the lock and row (default: from GITHUB_* variables)')
    .option('--project-dir <dir>', 'dbt project folder (its quoting: decides how colour schemas are named)', '.')
    .action(
      handle<ConnectionOptions & { environment: string; schemas: string[]; dryRun?: boolean; adminSchema: string; database?: string; suffixBlue: string; suffixGreen: string; suffixNext: string; actor?: string; runUrl?: string; projectDir?: string }>(
        async (opts, { rt, emit }) => {
          const o = {
            environment: opts.environment,
            schemas: parseSchemas(opts.schemas) ?? [],
            adminSchema: opts.adminSchema,
            database: opts.database,
            suffixBlue: opts.suffixBlue,
            suffixGreen: opts.suffixGreen,
            suffixNext: opts.suffixNext,
            actor: opts.actor ?? defaultActor(),
            runUrl: opts.runUrl ?? defaultRunUrl(),
            gitSha: process.env.GITHUB_SHA,
            quoting: projectQuoting(opts.projectDir),
          };
          const config = await resolveConnection(opts, rt);
          const d = dialectOf(config);
          const wh = await connectTo(config, { action: opts.dryRun ? 'deploy-adopt-plan' : 'deploy-adopt' });
          try {
            if (opts.dryRun) {
              const plan = await adoptPlan(wh, o);
              const stmts = adoptPlanStatements(plan);
              emit({ plan: formatPlan(stmts, d), statements: stmts.length, schemas: plan.schemas }, (r) => r.plan);
              return;
            }
            const r = await adoptDeploy(wh, o, rt);
            emit(
              withDeprecatedKeys(
                { status: 'LIVE', deployId: r.deployId, environment: r.environment, colour: r.colour, schemas: r.schemas, tablesMoved: r.tablesMoved, grantsCopied: r.grantsCopied },
                { 'deploy-id': 'deployId', 'tables-moved': 'tablesMoved', 'grants-copied': 'grantsCopied' },
              ),
              () => `adopted ${r.schemas.map((s) => `${s.published} (${s.tables.length} table(s) → ${s.colourSchema})`).join(', ')}; deploy ${r.deployId} is LIVE on blue; the next deploy builds green`,
            );
          } finally {
            await wh.close();
          }
        },
      ),
    );

  withFormatOption(withConnectionOptions(group.command('unlock')))
    .description('clear a dead deploy lock (audited: the holder is recorded FAILED with your name and reason)')
    .requiredOption('--environment <name>', 'deploy environment')
    .requiredOption('--reason <text>', 'why the holder is dead (recorded in DEPLOY_STATE)')
    .option('--actor <name>', 'who unlocks (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)')
    .option('--admin-schema <name>', 'schema holding DEPLOY_STATE', 'SLIPWAY')
    .option('--database <name>', 'database of the admin schema (Snowflake)')
    .option('--project-dir <dir>', 'dbt project folder', '.')
    .action(
      handle<ConnectionOptions & { environment: string; reason: string; actor?: string; adminSchema: string; database?: string }>(async (opts, { rt, emit }) => {
        if (!opts.reason.trim()) throw new UserError('--reason is empty.', { hint: 'Say why the lock holder is dead; it is recorded in DEPLOY_STATE.' });
        const wh = await openWarehouse(opts, rt, { action: 'deploy-unlock' });
        try {
          const r = await unlockDeploy(wh, { environment: opts.environment, reason: opts.reason, actor: opts.actor ?? defaultActor(), runUrl: defaultRunUrl(), adminSchema: opts.adminSchema, database: opts.database }, rt);
          emit(r, () => (r.clearedHolder ? `cleared the deploy lock of ${r.clearedHolder} in ${r.environment}` : `the deploy lock of ${r.environment} was already free`));
        } finally {
          await wh.close();
        }
      }),
    );
}
