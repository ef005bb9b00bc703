/**
 * `slipway slim-ci`: the PR action's orchestration from a shell — restore
 * production state, one `dbt build --select state:modified+ … --defer
 * --state …`, and the report the PR comment would carry (computed from the
 * manifest and run_results that run wrote).
 *
 *   slipway slim-ci [--project-dir .] [--profiles-dir …] [--target ci]
 *                   [--state <folder with manifest.json> | --cache-dir <dir>]
 *                   [--state-target prod] [--select …] [--exclude …]
 *                   [--command "dbt build"] [--no-defer] [--favor-state]
 *                   [--on-missing-state fail|full-build] [--manifest <file>]
 *                   [--format text|json]
 *
 * Exit codes: 0 built (or nothing to build), 1 dbt failed, 2 bad input or no
 * production state, 3 internal error.
 */
import { Option, type Command } from 'commander';
import { cp, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { runSlimCi } from '../../slim-ci/run.js';
import { defaultLocalCacheDir, exists, LocalDirStateCache, type StateCache } from '../../slim-ci/state-cache.js';
import { handle, withFormatOption } from '../common.js';

interface SlimCiOpts {
  projectDir: string;
  profilesDir?: string;
  target?: string;
  state?: string;
  cacheDir?: string;
  stateTarget: string;
  select?: string[];
  exclude?: string[];
  command: string;
  defer: boolean;
  favorState?: boolean;
  onMissingState: 'fail' | 'full-build';
  manifest?: string;
  format?: string;
}

const STATE_FILES = ['manifest.json', 'run_results.json', 'sources.json', 'slipway-state.json'];

/** A folder of production artifacts (e.g. a downloaded deploy artifact) used as the state source. */
class FolderState implements StateCache {
  readonly description: string;
  constructor(private readonly dir: string) {
    this.description = `state folder ${dir}`;
  }
  async save(): Promise<boolean> {
    return false;
  }
  async restore(paths: string[]): Promise<string | undefined> {
    if (!(await exists(join(this.dir, 'manifest.json')))) return undefined;
    const into = resolve(paths[0]!);
    if (into === resolve(this.dir)) return 'folder';
    await mkdir(into, { recursive: true });
    for (const f of STATE_FILES) if (await exists(join(this.dir, f))) await cp(join(this.dir, f), join(into, f));
    return 'folder';
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('slim-ci')
    .description("Run the slim-ci action's orchestration from a shell: restore production state, state:modified+ selection and dbt build --defer --state in one dbt run, and print the PR report.")
    .option('--project-dir <dir>', 'dbt project folder', '.')
    .option('--profiles-dir <dir>', 'folder holding profiles.yml (passed to dbt)')
    .option('-t, --target <name>', 'dbt target for the CI build (e.g. ci)')
    .option('--state <dir>', 'production state: a folder holding manifest.json (and run_results.json, sources.json), e.g. a downloaded deploy artifact')
    .option('--cache-dir <dir>', 'or: the local state cache `slipway state save` wrote (default $SLIPWAY_CACHE_DIR or ~/.cache/slipway)')
    .option('--state-target <name>', 'production target whose state is compared against', 'prod')
    .option('-s, --select <selector...>', 'dbt selectors (default state:modified+)')
    .option('--exclude <selector...>', 'dbt selectors to exclude')
    .option('--command <cmd>', 'the dbt invocation', 'dbt build')
    .option('--no-defer', 'do not pass --defer (build parents from the PR schema only)')
    .option('--favor-state', 'pass --favor-state to dbt')
    .addOption(new Option('--on-missing-state <what>', 'without production state: fail, or build everything').choices(['fail', 'full-build']).default('fail'))
    .option('--manifest <file>', "the PR's manifest.json: select from it first and skip dbt when nothing changed");
  withFormatOption(cmd);
  cmd.action(
    handle<SlimCiOpts>(async (opts, ctx) => {
      if (opts.state && opts.cacheDir) throw new UserError('--state and --cache-dir both name where production state comes from.', { hint: 'Pass one: --state <folder> for a folder of artifacts, or --cache-dir for the local state cache.' });
      if (opts.state && !(await exists(join(opts.state, 'manifest.json')))) {
        throw new UserError(`--state ${opts.state} holds no manifest.json.`, { hint: "Point --state at a folder with production's manifest.json (a deploy's artifact, or `slipway state restore`)." });
      }
      const cache: StateCache = opts.state ? new FolderState(opts.state) : new LocalDirStateCache(opts.cacheDir ?? defaultLocalCacheDir());
      const result = await runSlimCi({
        command: opts.command,
        projectDir: opts.projectDir,
        profilesDir: opts.profilesDir,
        target: opts.target,
        stateTarget: opts.stateTarget,
        select: opts.select,
        exclude: opts.exclude,
        defer: opts.defer,
        favorState: opts.favorState,
        onMissingState: opts.onMissingState,
        manifest: opts.manifest,
        state: { cache, stateDir: join(opts.projectDir, '.slipway', 'state') },
        rt: ctx.rt,
      });
      ctx.emit(
        {
          selected: result.selected,
          modified: result.modified,
          nothingToBuild: result.nothingToBuild,
          fullBuild: result.fullBuild,
          stateSource: result.state.source,
          dbtArgs: result.dbtArgs,
          dbtExitCode: result.dbtExitCode ?? null,
        },
        () => result.report,
      );
      return result.dbtExitCode && result.dbtExitCode !== 0 ? 1 : 0;
    }),
  );
}
