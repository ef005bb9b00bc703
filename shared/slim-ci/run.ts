/**
 * Slim CI orchestration, shared by the action and tests:
 *
 *   restore state → dbt parse (or a given manifest) → selection →
 *   nothing to build? succeed without running dbt →
 *   dbt <command> --select … --state … --defer [--favor-state] →
 *   run_results.json → report (job summary + sticky comment) → verdict.
 */
import { rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { GateFailure, OperationError, UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import { loadManifest, loadRunResults, loadSources, type Manifest, type RunResults, type SourcesArtifact } from '../dbt/artifacts.js';
import { parseDbtCommand, runProgram } from './dbt.js';
import { renderForComment, renderForSummary, resourceType, summariseResults, type ReportInput } from './report.js';
import { defaultSelect, type SelectFn, type SelectionOutput } from './selection.js';
import { exists } from './state-cache.js';
import { restoreState, type OnMissingState, type RestoredState, type RestoreStateOptions } from './state.js';

export interface SlimCiOptions {
  /** The dbt invocation, default `dbt build`. */
  command?: string;
  projectDir?: string;
  profilesDir?: string;
  /** dbt --target for the CI run. */
  target?: string;
  /** Production target whose state is compared against (cache key part), default `prod`. */
  stateTarget?: string;
  select?: string[];
  exclude?: string[];
  defer?: boolean;
  favorState?: boolean;
  onMissingState?: OnMissingState;
  /** A pre-built manifest.json of the PR (skips `dbt parse`). */
  manifest?: string;
  /** dbt's target-path, relative to the project dir (default `target`). */
  targetPath?: string;
  /** State sources (cache, artifact fallback) and the folder state is restored into. */
  state: Omit<RestoreStateOptions, 'target' | 'onMissing' | 'rt'>;
  /** Posts/updates the sticky PR comment (absent: no comment). */
  comment?: (body: string) => Promise<void>;
  runUrl?: string;
  env?: NodeJS.ProcessEnv;
  rt: Runtime;
  /** The selection engine (tests may substitute it). */
  selectFn?: SelectFn;
}

export interface SlimCiResult {
  state: RestoredState;
  selected: string[];
  modified: Record<string, string[]>;
  toRun: string[];
  nothingToBuild: boolean;
  fullBuild: boolean;
  /** Arguments after the executable (e.g. ['build', '--select', 'state:modified+', …]); empty when dbt was not run. */
  dbtArgs: string[];
  dbtExitCode?: number;
  runResults?: RunResults;
  report: string;
}

export const DEFAULT_SELECT = ['state:modified+'];

/** Resource types each dbt subcommand executes (what "nothing to build" is measured against). */
const RUNS: Record<string, string[]> = {
  build: ['model', 'seed', 'snapshot', 'test', 'unit_test', 'function'],
  run: ['model'],
  test: ['test', 'unit_test'],
  seed: ['seed'],
  snapshot: ['snapshot'],
  compile: ['model', 'test', 'analysis', 'snapshot', 'unit_test'],
  clone: ['model', 'seed', 'snapshot'],
  docs: ['model', 'seed', 'snapshot', 'test', 'source'],
  show: ['model', 'seed', 'snapshot', 'analysis', 'test'],
  'run-operation': [],
  retry: ['model', 'seed', 'snapshot', 'test', 'unit_test', 'function'],
};

const STATE_METHOD = /(^|[\s,+@])(\d*\+)?(state|result|source_status):/;

function isRunnable(manifest: Manifest, id: string, sub: string): boolean {
  const types = RUNS[sub];
  if (!types || types.length === 0) return true;
  const node = manifest.nodes[id] ?? manifest.unit_tests?.[id] ?? manifest.functions?.[id];
  if (!node) return false;
  if (node.config && node.config.enabled === false) return false;
  return types.includes(resourceType(manifest, id));
}


async function optional<T>(path: string | undefined, load: (p: string) => Promise<T>, rt: Runtime, what: string): Promise<T | undefined> {
  if (!path || !(await exists(path))) return undefined;
  try {
    return await load(path);
  } catch (err) {
    rt.warn(`Ignoring the state's ${what}: ${(err as Error).message}`);
    return undefined;
  }
}

export async function runSlimCi(opts: SlimCiOptions): Promise<SlimCiResult> {
  const rt = opts.rt;
  // Everything that can be wrong with the inputs is checked before anything runs.
  const cmd = parseDbtCommand(opts.command ?? 'dbt build');
  const projectDir = resolve(opts.projectDir ?? '.');
  const targetDir = resolve(projectDir, opts.targetPath ?? 'target');
  const select = opts.select && opts.select.length ? opts.select : DEFAULT_SELECT;
  const exclude = opts.exclude ?? [];
  const stateTarget = opts.stateTarget ?? 'prod';
  const env = opts.env ?? process.env;
  if (opts.manifest && !(await exists(opts.manifest))) {
    throw new UserError(`The manifest ${opts.manifest} does not exist.`, { hint: 'Pass the manifest.json your dbt parse/compile step wrote, or leave the manifest input empty so slim CI runs dbt parse.' });
  }
  if (!(await exists(projectDir))) throw new UserError(`The dbt project folder ${projectDir} does not exist.`, { hint: 'Set project-dir to the folder holding dbt_project.yml.' });

  // 1. production state
  const state = await rt.group('Restore production state', () =>
    restoreState({ ...opts.state, target: stateTarget, onMissing: opts.onMissingState ?? 'fail', rt }),
  );
  const fullBuild = state.source === 'none';

  // 2. the PR's manifest
  const common = ['--project-dir', projectDir, ...(opts.profilesDir ? ['--profiles-dir', resolve(opts.profilesDir)] : []), ...(opts.target ? ['--target', opts.target] : [])];
  let manifestPath = opts.manifest ? resolve(opts.manifest) : join(targetDir, 'manifest.json');
  if (!opts.manifest) {
    const parseArgv = [...cmd.exe, 'parse', ...common];
    const code = await rt.group('dbt parse', () => runProgram(parseArgv, { cwd: projectDir, env, rt }));
    if (code !== 0) {
      throw new GateFailure(`dbt parse failed (exit code ${code}); nothing was built.`, { hint: 'Fix the project errors shown in the log above (dbt parse must succeed before anything can be selected).' });
    }
    manifestPath = join(targetDir, 'manifest.json');
  }
  const manifest = await loadManifest(manifestPath);

  if (state.manifest) checkSameProject(state.manifest, manifest, state.manifestPath ?? 'state manifest', manifestPath);

  // 3. selection
  const selectFn = opts.selectFn ?? defaultSelect;
  let sel: SelectionOutput;
  let dbtSelect: string[];
  let dbtExclude: string[];
  if (fullBuild) {
    dbtSelect = select.filter((s) => !STATE_METHOD.test(s));
    dbtExclude = exclude.filter((s) => !STATE_METHOD.test(s));
    if (dbtSelect.length !== select.length || dbtExclude.length !== exclude.length) {
      rt.warn(`Without production state the state-based selectors (${[...select, ...exclude].filter((s) => STATE_METHOD.test(s)).join(' ')}) cannot be evaluated and were dropped: full build.`);
    }
    sel = await selectFn({ manifest, select: dbtSelect.length ? dbtSelect : ['fqn:*'], exclude: dbtExclude });
    sel = { ...sel, modified: {} };
  } else {
    const [stateRunResults, stateSources, currentSources] = await Promise.all([
      optional(state.runResultsPath, loadRunResults, rt, 'run_results.json'),
      optional(state.sourcesPath, loadSources, rt, 'sources.json'),
      optional<SourcesArtifact>(join(targetDir, 'sources.json'), loadSources, rt, 'current sources.json'),
    ]);
    sel = await selectFn({ manifest, state: state.manifest!, stateRunResults, stateSources, currentSources, select, exclude });
    dbtSelect = select;
    dbtExclude = exclude;
  }
  for (const w of sel.warnings ?? []) rt.warn(w.message);
  const selected = [...new Set(sel.selected)].sort();
  const modified = sel.modified;
  const toRun = (sel.runnable ?? selected).filter((id) => isRunnable(manifest, id, cmd.subcommand));
  rt.info(`Selected ${selected.length} node(s), ${toRun.length} for dbt ${cmd.subcommand}; ${Object.keys(modified).length} modified.`);

  const baseReport: ReportInput = {
    target: opts.target,
    stateTarget,
    state,
    manifest,
    selected,
    modified,
    changedConfigs: sel.changedConfigs,
    toRun,
    downstream: sel.downstream,
    tests: sel.tests,
    selectionWarnings: (sel.warnings ?? []).map((w) => w.message),
    fullBuild,
    nothingToBuild: false,
    runUrl: opts.runUrl,
    // Where the PR built: the pr-schema action exports DBT_SCHEMA (and the profile reads it).
    schema: (opts.env ?? process.env).DBT_SCHEMA || undefined,
    database: (opts.env ?? process.env).DBT_DATABASE || undefined,
    workspace: (opts.env ?? process.env).GITHUB_WORKSPACE || process.cwd(),
  };

  // 4. nothing to build: never touch the warehouse
  if (toRun.length === 0) {
    rt.info('Nothing to build: dbt was not run and the warehouse was not touched.');
    const input = { ...baseReport, nothingToBuild: true };
    const report = await publish(opts, input);
    setOutputs(rt, { selected, state, dbtArgs: [] });
    return { state, selected, modified, toRun, nothingToBuild: true, fullBuild, dbtArgs: [], report };
  }

  // 5. run dbt
  const dbtArgs = [
    cmd.subcommand,
    ...cmd.extra,
    ...(dbtSelect.length ? ['--select', ...dbtSelect] : []),
    ...(dbtExclude.length ? ['--exclude', ...dbtExclude] : []),
    ...(fullBuild ? [] : ['--state', state.dir!]),
    ...(!fullBuild && opts.defer !== false ? ['--defer'] : []),
    ...(!fullBuild && opts.defer !== false && opts.favorState ? ['--favor-state'] : []),
    ...common,
  ];
  const argv = [...cmd.exe, ...dbtArgs];
  const runResultsPath = join(targetDir, 'run_results.json');
  await rm(runResultsPath, { force: true }); // never report a previous invocation's results
  const exitCode = await rt.group(`dbt ${cmd.subcommand}`, () => runProgram(argv, { cwd: projectDir, env, rt }));
  let runResults: RunResults | undefined;
  if (await exists(runResultsPath)) {
    try {
      runResults = await loadRunResults(runResultsPath);
    } catch (err) {
      rt.warn(`Could not read ${runResultsPath}: ${(err as Error).message}`);
    }
  }
  const input: ReportInput = { ...baseReport, dbtArgv: argv.map(forDisplay), dbtExitCode: exitCode, runResults };
  annotateFailures(rt, manifest, runResults, projectDir);
  const report = await publish(opts, input);
  setOutputs(rt, { selected, state, dbtArgs });

  if (exitCode !== 0) {
    const s = summariseResults(runResults);
    if (runResults && s.errors > 0) {
      throw new GateFailure(`dbt ${cmd.subcommand} failed: ${s.errors} of ${s.total} node(s) errored or failed (exit code ${exitCode}).`, {
        hint: 'See the report for each failing node and its message.',
        details: runResults.results.filter((r) => ['error', 'fail', 'runtime error'].includes(r.status)).map((r) => ({ unique_id: r.unique_id, status: r.status, message: r.message })),
      });
    }
    throw new OperationError(`dbt ${cmd.subcommand} exited with code ${exitCode}${runResults ? '' : ' without writing run_results.json'}.`, {
      hint: 'See the dbt output in the log above (exit code 2 means dbt itself failed: connection, profile or project errors).',
    });
  }
  return { state, selected, modified, toRun, nothingToBuild: false, fullBuild, dbtArgs, dbtExitCode: exitCode, runResults, report };
}

/** Paths under the working directory are shown relative to it in the report. */
function forDisplay(arg: string): string {
  const rel = relative(process.cwd(), arg);
  return isAbsolute(arg) && rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : arg;
}

/** One error annotation per failing node (first 20), on the node's file so it shows on the PR diff. */
function annotateFailures(rt: Runtime, manifest: Manifest, rr: RunResults | undefined, projectDir: string): void {
  const bad = (rr?.results ?? []).filter((r) => ['error', 'fail', 'runtime error'].includes(r.status)).slice(0, 20);
  for (const r of bad) {
    const node = manifest.nodes[r.unique_id] ?? manifest.unit_tests?.[r.unique_id];
    const file = node?.original_file_path ? relative(process.cwd(), join(projectDir, String(node.original_file_path).replace(/\\/g, '/'))) : undefined;
    rt.annotate('error', `${r.unique_id}: ${(r.message ?? r.status).trim()}`, { title: `dbt ${r.status}`, file: file && !file.startsWith('..') ? file : undefined });
  }
}

function checkSameProject(state: Manifest, current: Manifest, statePath: string, currentPath: string): void {
  const a = state.metadata;
  const b = current.metadata;
  // Same rule as the selection engine: the project name when both have one, else the project id.
  const differ = a.project_name && b.project_name ? a.project_name !== b.project_name : a.project_id && b.project_id ? a.project_id !== b.project_id : false;
  if (differ) {
    throw new UserError(
      `The production state (${statePath}) is from another dbt project (${a.project_name ?? a.project_id}) than this one (${b.project_name ?? b.project_id} in ${currentPath}); nothing was run.`,
      { hint: 'Use a state target / cache key per project (state-target input), and check the deploy-workflow and state-artifact inputs point at this project.' },
    );
  }
}

async function publish(opts: SlimCiOptions, input: ReportInput): Promise<string> {
  const summary = renderForSummary(input);
  await opts.rt.appendSummary(summary);
  if (opts.comment) {
    try {
      await opts.comment(renderForComment(input));
    } catch (err) {
      opts.rt.warn(`Could not post the slim CI comment on the pull request: ${(err as Error).message}. The report is in the job summary.`);
    }
  }
  return summary;
}

function setOutputs(rt: Runtime, r: { selected: string[]; state: RestoredState; dbtArgs: string[] }): void {
  rt.setOutput('selected', JSON.stringify(r.selected));
  rt.setOutput('selected-count', String(r.selected.length));
  rt.setOutput('state-source', r.state.source);
  rt.setOutput('state-sha', r.state.sha ?? '');
  rt.setOutput('dbt-args', JSON.stringify(r.dbtArgs));
}
