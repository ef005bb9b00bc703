/**
 * `slipway deploy-slim plan|clone`: slim deploys (`build: slim`, opt-in) over
 * shared/slim-deploy. Between `slipway deploy prepare` and the dbt build:
 *
 *   slipway deploy-slim plan  --live-manifest <live>/manifest.json [--manifest target/manifest.json]
 *                             (--live-colour blue|green | --environment <env>) [--refresh --previous-sources <f> --sources <f>]
 *   slipway deploy-slim clone … [--dry-run] [--record --environment <env> --deploy-id <id>]
 *
 * `plan` prints the plan (the clone SQL and the dbt selector); `clone` runs
 * the clones (or, with --dry-run, prints exactly the plan it would run) and
 * can record what was cloned and will be built in DEPLOY_STATE.
 * Exit codes: 0 ok, 1 a clone failed, 2 bad input, 3 internal error.
 */
import { Option, type Command } from 'commander';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadManifest, loadSources, type SourcesArtifact } from '../../dbt/artifacts.js';
import { quotingFromManifest, readProjectQuoting } from '../../dbt/relation-names.js';
import { UserError } from '../../errors.js';
import { currentDeploy, otherColour, type Colour } from '../../deploy/state.js';
import type { Warehouse } from '../../warehouse/types.js';
import { executeSlimPlan, planSlimDeploy, recordSlimDeploy, slimPlanText, type SlimPlan } from '../../slim-deploy/index.js';
import { artifactPath, handle, withConnectionOptions, withFormatOption, type ConnectionOptions } from '../common.js';
import { openWarehouse } from '../../config/connection.js';
import { defaultActor, defaultRunUrl } from '../../deploy/options.js';

interface SlimOpts extends ConnectionOptions {
  liveManifest?: string;
  manifest?: string;
  liveColour?: Colour;
  environment?: string;
  adminSchema: string;
  database?: string;
  suffixBlue: string;
  suffixGreen: string;
  refresh?: boolean;
  previousSources?: string;
  sources?: string;
  dryRun?: boolean;
  record?: boolean;
  deployId?: string;
  actor?: string;
  runUrl?: string;
  concurrency?: string;
  format?: string;
}

function withSlimOptions(cmd: Command): Command {
  return withFormatOption(withConnectionOptions(cmd))
    .option('--project-dir <dir>', 'dbt project folder (the new manifest is read from <dir>/target/; quoting from dbt_project.yml)', '.')
    .option('--manifest <file>', "this deploy's manifest, compiled for the idle colour (default: <project-dir>/target/manifest.json)")
    .option('--live-manifest <file>', 'the manifest that built the live colour (the state slim CI and rollback use); a folder means <folder>/manifest.json')
    .addOption(new Option('--live-colour <colour>', 'the colour consumers read now (default: from DEPLOY_STATE of --environment)').choices(['blue', 'green']))
    .option('--environment <name>', 'deploy environment: reads the live colour from DEPLOY_STATE (and is where --record writes)')
    .option('--admin-schema <name>', 'schema holding DEPLOY_STATE', 'SLIPWAY')
    .option('--database <name>', 'database of the admin schema (Snowflake; default: the connection\'s)')
    .option('--suffix-blue <suffix>', 'suffix dbt renders for the blue colour schemas', '__BLUE')
    .option('--suffix-green <suffix>', 'suffix dbt renders for the green colour schemas', '__GREEN')
    .option('--refresh', 'scheduled refresh: also build source_status:fresher+ (needs --previous-sources and --sources)')
    .option('--previous-sources <file>', "the previous run's sources.json (state for source_status:fresher)")
    .option('--sources <file>', "this run's sources.json (default: <project-dir>/target/sources.json when --refresh)");
}

async function inputs(opts: SlimOpts & { projectDir?: string }, wh: Warehouse | undefined) {
  if (!opts.liveManifest) throw new UserError('--live-manifest is required: the manifest that built the live colour.', { hint: 'Download the live deploy\'s manifest (the same state artifact slim CI uses) and pass its path.' });
  const livePath = existsSync(join(opts.liveManifest, 'manifest.json')) ? join(opts.liveManifest, 'manifest.json') : opts.liveManifest;
  const liveManifest = await loadManifest(livePath);
  const newManifest = await loadManifest(artifactPath(opts, 'manifest'));
  let live = opts.liveColour;
  let fullBuildReason: string | undefined;
  if (opts.environment && wh) {
    const d = await currentDeploy(wh, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database });
    if (!live) {
      if (!d?.colour) throw new UserError(`Environment '${opts.environment}' has no live deploy in DEPLOY_STATE, so there is no live colour to clone from.`, { hint: 'The first deploy is a full build (build: full).' });
      live = d.colour;
    }
    // Clones come from what consumers read: the manifest must be the one that built it.
    const sha = createHash('sha256').update(await readFile(livePath)).digest('hex');
    if (d?.manifestSha256 && d.manifestSha256.toLowerCase() !== sha) {
      fullBuildReason = `${livePath} (sha256 ${sha.slice(0, 12)}…) is not the manifest DEPLOY_STATE records for the live deploy ${d.deployId} (${d.manifestSha256.slice(0, 12)}…): comparing against it could skip models that changed, so this is a full build.`;
    }
  }
  if (!live) throw new UserError('Which colour is live? Pass --live-colour blue|green, or --environment with a connection to read it from DEPLOY_STATE.', { hint: 'e.g. --live-colour blue' });
  const suffix = (c: Colour) => (c === 'blue' ? opts.suffixBlue : opts.suffixGreen);
  let previousSources: SourcesArtifact | undefined;
  let currentSources: SourcesArtifact | undefined;
  if (opts.refresh) {
    if (opts.previousSources) previousSources = await loadSources(opts.previousSources);
    const cur = opts.sources ?? artifactPath(opts, 'sources');
    if (opts.sources || existsSync(cur)) currentSources = await loadSources(cur);
  } else if (opts.previousSources) {
    throw new UserError('--previous-sources only applies to a scheduled refresh.', { hint: 'Add --refresh, or drop --previous-sources.' });
  }
  return {
    liveManifest,
    newManifest,
    liveSuffix: suffix(live),
    idleSuffix: suffix(otherColour(live)),
    refresh: !!opts.refresh,
    previousSources,
    currentSources,
    // The project's quoting: config when the project is here, else what dbt rendered into relation_name.
    fullBuildReason,
    quoting: existsSync(join(opts.projectDir ?? '.', 'dbt_project.yml')) ? readProjectQuoting(opts.projectDir ?? '.') : quotingFromManifest(newManifest),
  };
}

export function register(program: Command): void {
  const slim = program
    .command('deploy-slim')
    .description('slim deploys (build: slim): start the idle colour from zero-copy clones of the live colour\'s tables (Snowflake), then build only state:modified+ (and source_status:fresher+ on a scheduled refresh); Postgres has no clone and gets a full build');

  withSlimOptions(slim.command('plan').description('print the clone/build plan (connects read-only to list the colour schemas)')).action(
    handle<SlimOpts>(async (opts, { rt, emit }) => {
      const wh = await openWarehouse(opts, rt, { action: 'deploy-slim' });
      try {
        const plan = await planSlimDeploy(wh, await inputs(opts, wh));
        emit(plan, slimPlanText);
      } finally {
        await wh.close();
      }
    }),
  );

  withSlimOptions(slim.command('clone').description('clone the live colour\'s tables into the idle colour, as planned'))
    .option('--dry-run', 'print the plan (its clone statements) and change nothing')
    .option('--record', 'record what was cloned and what dbt will build in DEPLOY_STATE (needs --environment and --deploy-id)')
    .option('--deploy-id <id>', 'the deploy prepare started (SLIPWAY_DEPLOY_ID)')
    .option('--actor <name>', 'who runs this (default: $GITHUB_ACTOR in Actions, else $SLIPWAY_ACTOR or the OS user)')
    .option('--run-url <url>', 'link to this run (default: the GitHub Actions run)')
    .option('--concurrency <n>', 'clone statements in flight at once (default 8)')
    .action(
      handle<SlimOpts>(async (opts, { rt, emit }) => {
        if (opts.record && (!opts.environment || !(opts.deployId ?? process.env.SLIPWAY_DEPLOY_ID))) {
          throw new UserError('--record needs --environment and --deploy-id (or SLIPWAY_DEPLOY_ID).', { hint: 'Pass the deploy id that `slipway deploy prepare` printed.' });
        }
        const conc = opts.concurrency === undefined ? undefined : Number(opts.concurrency);
        if (conc !== undefined && !(Number.isInteger(conc) && conc > 0)) throw new UserError(`--concurrency must be a positive whole number, got '${opts.concurrency}'.`, { hint: 'e.g. --concurrency 8' });
        const wh = await openWarehouse(opts, rt, { action: 'deploy-slim' });
        try {
          const plan: SlimPlan = await planSlimDeploy(wh, await inputs(opts, wh));
          if (opts.dryRun) {
            emit(plan, slimPlanText);
            return;
          }
          const record = await executeSlimPlan(wh, plan, rt, { concurrency: conc });
          if (opts.record) {
            await recordSlimDeploy(wh, { environment: opts.environment!, adminSchema: opts.adminSchema, database: opts.database, deployId: (opts.deployId ?? process.env.SLIPWAY_DEPLOY_ID)!, actor: opts.actor ?? defaultActor(), runUrl: opts.runUrl ?? defaultRunUrl() }, record);
          }
          rt.setOutput('select', plan.build.select.join(' '));
          emit({ plan, record }, () => `${slimPlanText(plan)}\n\n-- done: ${record.statementsRun} clone statement(s) in ${record.seconds} s${opts.record ? '; recorded in DEPLOY_STATE' : ''}`);
        } finally {
          await wh.close();
        }
      }),
    );
}
