/**
 * Slim CI orchestration, shared by the action and tests. One dbt process:
 *
 *   restore state → dbt <command> --select … --state … --defer [--favor-state]
 *   (dbt computes the selection itself and writes target/manifest.json and
 *   run_results.json) → Slipway's selection on that manifest, for the report
 *   (what changed and why), checked against what dbt ran → report (job
 *   summary + sticky comment) → verdict.
 *
 * With a pre-built manifest (the `manifest` input) Slipway selects first and
 * does not start dbt at all when nothing is to be built.
 */
import { readFile, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseYamlText } from '../config/yaml.js';
import { GateFailure, OperationError, UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import { loadManifest, loadRunResults, loadSources, type Manifest, type RunResults, type SourcesArtifact } from '../dbt/artifacts.js';
import { parseDbtCommand, runProgram } from './dbt.js';
import { isTest, renderForComment, renderForSummary, resourceType, summariseResults, type ReportInput } from './report.js';
import { checkSelectors, defaultSelect, resourceTypeFlags, type SelectFn, type SelectionOutput } from './selection.js';
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
  /** A pre-built manifest.json of the PR: Slipway selects on it before dbt, and does not start dbt when nothing is to be built. */
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

/** dbt subcommands whose run_results.json lists exactly the nodes they executed (what the report is checked against). */
const EXECUTES = new Set(['build', 'run', 'test', 'seed', 'snapshot']);

/** What the selection engine decided: the report's selection fields, plus the engine's warnings. */
interface Selection extends Pick<ReportInput, 'selected' | 'modified' | 'changedConfigs' | 'toRun' | 'downstream' | 'tests'> {
  warnings: string[];
}

interface DbtRun {
  exitCode: number;
  runResults?: RunResults;
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
    throw new UserError(`The manifest ${opts.manifest} does not exist.`, { hint: 'Pass the manifest.json your dbt parse/compile step wrote, or leave the manifest input empty so slim CI reads the one dbt writes.' });
  }
  if (!(await exists(projectDir))) throw new UserError(`The dbt project folder ${projectDir} does not exist.`, { hint: 'Set project-dir to the folder holding dbt_project.yml.' });
  checkSelectors(select, exclude);

  // 1. production state
  const state = await rt.group('Restore production state', () =>
    restoreState({ ...opts.state, target: stateTarget, onMissing: opts.onMissingState ?? 'fail', rt }),
  );
  const fullBuild = state.source === 'none';

  // 2. what dbt is asked to select
  let dbtSelect = select;
  let dbtExclude = exclude;
  if (fullBuild) {
    dbtSelect = select.filter((s) => !STATE_METHOD.test(s));
    dbtExclude = exclude.filter((s) => !STATE_METHOD.test(s));
    if (dbtSelect.length !== select.length || dbtExclude.length !== exclude.length) {
      rt.warn(`Without production state the state-based selectors (${[...select, ...exclude].filter((s) => STATE_METHOD.test(s)).join(' ')}) cannot be evaluated and were dropped: full build.`);
    }
  }
  const common = ['--project-dir', projectDir, ...(opts.profilesDir ? ['--profiles-dir', resolve(opts.profilesDir)] : []), ...(opts.target ? ['--target', opts.target] : [])];
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

  // The selection (Slipway's engine: the same sets dbt computes, with the reasons) on a manifest of this PR.
  const selectOn = async (manifest: Manifest, manifestPath: string): Promise<Selection> => {
    if (state.manifest) checkSameProject(state.manifest, manifest, state.manifestPath ?? 'state manifest', manifestPath);
    const selectFn = opts.selectFn ?? defaultSelect;
    const types = resourceTypeFlags(cmd.extra);
    let sel: SelectionOutput;
    if (fullBuild) {
      sel = await selectFn({ manifest, select: dbtSelect.length ? dbtSelect : ['fqn:*'], exclude: dbtExclude, ...types });
      sel = { ...sel, modified: {} };
    } else {
      const [stateRunResults, stateSources, currentSources] = await Promise.all([
        optional(state.runResultsPath, loadRunResults, rt, 'run_results.json'),
        optional(state.sourcesPath, loadSources, rt, 'sources.json'),
        optional<SourcesArtifact>(join(targetDir, 'sources.json'), loadSources, rt, 'current sources.json'),
      ]);
      sel = await selectFn({ manifest, state: state.manifest!, stateRunResults, stateSources, currentSources, select, exclude, ...types });
    }
    const selected = [...new Set(sel.selected)].sort();
    const toRun = (sel.runnable ?? selected).filter((id) => isRunnable(manifest, id, cmd.subcommand));
    return { selected, modified: sel.modified, changedConfigs: sel.changedConfigs, toRun, downstream: sel.downstream, tests: sel.tests, warnings: (sel.warnings ?? []).map((w) => w.message) };
  };

  const runDbt = async (): Promise<DbtRun> => {
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
    return { exitCode, runResults };
  };

  const context = (manifest: Manifest, sel: Selection): ReportContext => ({
    opts,
    rt,
    cmd,
    projectDir,
    manifest,
    sel,
    base: {
      target: opts.target,
      stateTarget,
      state,
      manifest,
      selected: sel.selected,
      modified: sel.modified,
      changedConfigs: sel.changedConfigs,
      toRun: sel.toRun,
      downstream: sel.downstream,
      tests: sel.tests,
      selectionWarnings: sel.warnings,
      fullBuild,
      nothingToBuild: false,
      runUrl: opts.runUrl,
      // Where the PR built: the pr-schema action exports DBT_SCHEMA (and the profile reads it).
      schema: env.DBT_SCHEMA || undefined,
      database: env.DBT_DATABASE || undefined,
      workspace: env.GITHUB_WORKSPACE || process.cwd(),
    } satisfies ReportInput,
  });

  // A. A pre-built manifest: select first; nothing to build means dbt is never started.
  if (opts.manifest) {
    const manifestPath = resolve(opts.manifest);
    const manifest = await loadManifest(manifestPath);
    const sel = await selectOn(manifest, manifestPath);
    logSelection(rt, sel, cmd.subcommand);
    if (sel.toRun.length === 0) {
      rt.info('Nothing to build: dbt was not run and the warehouse was not touched.');
      const input: ReportInput = { ...context(manifest, sel).base, nothingToBuild: true };
      const text = await publish(opts, input);
      setOutputs(rt, { selected: sel.selected, state, dbtArgs: [] });
      return { state, selected: sel.selected, modified: sel.modified, toRun: sel.toRun, nothingToBuild: true, fullBuild, dbtArgs: [], report: text };
    }
    const run = await runDbt();
    const checked = reconcile(sel, manifest, cmd.subcommand, run);
    for (const w of checked.warnings.slice(sel.warnings.length)) rt.warn(w);
    return finish(context(manifest, checked), run, argv, dbtArgs);
  }

  // B. One dbt process: dbt selects (the same sets Slipway's engine computes, proven in test/conformance),
  // builds, and writes the manifest the report is computed from.
  if (state.manifest) await checkProjectFile(projectDir, state.manifest, state.manifestPath ?? 'state manifest');
  const manifestPath = join(targetDir, 'manifest.json');
  await rm(manifestPath, { force: true }); // the report must come from this run's manifest, never an earlier one
  const run = await runDbt();
  if (!(await exists(manifestPath))) {
    if (run.exitCode !== 0) {
      throw new GateFailure(`dbt ${cmd.subcommand} failed before it wrote ${relative(projectDir, manifestPath) || manifestPath} (exit code ${run.exitCode}): the project or profile did not load; nothing was built.`, {
        hint: 'Fix the project errors shown in the log above (the project must parse before anything can be selected).',
      });
    }
    throw new OperationError(`dbt ${cmd.subcommand} exited 0 but wrote no ${manifestPath}, so the report cannot say what was selected.`, {
      hint: "If dbt_project.yml sets target-path, pass the same folder to slim CI's targetPath; otherwise check that the command runs dbt.",
    });
  }
  const manifest = await loadManifest(manifestPath);
  const sel = reconcile(await selectOn(manifest, manifestPath), manifest, cmd.subcommand, run);
  logSelection(rt, sel, cmd.subcommand);
  return finish(context(manifest, sel), run, argv, dbtArgs);
}

function logSelection(rt: Runtime, sel: Selection, sub: string): void {
  for (const w of sel.warnings) rt.warn(w);
  rt.info(`Selected ${sel.selected.length} node(s), ${sel.toRun.length} for dbt ${sub}; ${Object.keys(sel.modified).length} modified.`);
}

/**
 * Slipway's selection against what dbt executed (run_results.json). They are
 * the same sets (test/conformance); should they ever differ, dbt's truth is
 * reported (the nodes it ran are the ones selected) with a warning.
 */
function reconcile(sel: Selection, manifest: Manifest, sub: string, run: DbtRun): Selection {
  if (!run.runResults || !EXECUTES.has(sub)) return sel;
  const ran = new Set(run.runResults.results.map((r) => r.unique_id));
  const planned = new Set(sel.toRun);
  const extra = [...ran].filter((id) => !planned.has(id)).sort();
  // A failing run may stop early (--fail-fast): only a clean run proves a planned node was left out.
  const missing = run.exitCode === 0 ? sel.toRun.filter((id) => !ran.has(id)) : [];
  if (!extra.length && !missing.length) return sel;
  const list = (ids: string[]) => ids.slice(0, 10).join(', ') + (ids.length > 10 ? `, …and ${ids.length - 10} more` : '');
  const parts = [
    ...(extra.length ? [`ran ${extra.length} node(s) Slipway's selection did not include (${list(extra)})`] : []),
    ...(missing.length ? [`did not run ${missing.length} node(s) Slipway's selection included (${list(missing)})`] : []),
  ];
  const message = `dbt ${sub} ${parts.join(' and ')}. The report shows what dbt ran. This is a difference between Slipway's selector and dbt's: please report it with both manifests.`;
  const gone = new Set(missing);
  const keep = (ids: string[] | undefined) => ids?.filter((id) => !gone.has(id));
  const extraTests = extra.filter((id) => isTest(manifest, id));
  const extraOther = extra.filter((id) => !isTest(manifest, id) && !(id in sel.modified));
  return {
    ...sel,
    selected: [...new Set([...sel.selected.filter((id) => !gone.has(id)), ...extra])].sort(),
    toRun: [...new Set([...sel.toRun.filter((id) => !gone.has(id)), ...extra])].sort(),
    downstream: sel.downstream && [...keep(sel.downstream)!, ...extraOther].sort(),
    tests: sel.tests && [...keep(sel.tests)!, ...extraTests].sort(),
    warnings: [...sel.warnings, message],
  };
}

interface ReportContext {
  opts: SlimCiOptions;
  rt: Runtime;
  cmd: { subcommand: string };
  projectDir: string;
  manifest: Manifest;
  sel: Selection;
  base: ReportInput;
}

/** Report what dbt did, set the outputs, and turn dbt's exit into the verdict. */
async function finish(ctx: ReportContext, run: DbtRun, argv: string[], dbtArgs: string[]): Promise<SlimCiResult> {
  const { opts, rt, cmd, sel } = ctx;
  const { exitCode, runResults } = run;
  const state = ctx.base.state as RestoredState;
  const nothingToBuild = exitCode === 0 && sel.toRun.length === 0;
  if (nothingToBuild) rt.info('Nothing to build: dbt had nothing to do, so it did not connect to the warehouse.');
  const input: ReportInput = { ...ctx.base, nothingToBuild, dbtArgv: argv.map(forDisplay), dbtExitCode: exitCode, runResults };
  annotateFailures(rt, ctx.manifest, runResults, ctx.projectDir);
  const report = await publish(opts, input);
  setOutputs(rt, { selected: sel.selected, state, dbtArgs });

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
  return { state, selected: sel.selected, modified: sel.modified, toRun: sel.toRun, nothingToBuild, fullBuild: ctx.base.fullBuild, dbtArgs, dbtExitCode: exitCode, runResults, report };
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

/**
 * Before dbt runs: the project name in dbt_project.yml (what dbt writes as the
 * manifest's project_name) against the state's, so a state from another
 * project is refused with nothing built. An unreadable file is left to dbt.
 */
async function checkProjectFile(projectDir: string, state: Manifest, statePath: string): Promise<void> {
  const file = join(projectDir, 'dbt_project.yml');
  let name: unknown;
  try {
    name = (parseYamlText(await readFile(file, 'utf8'), file) as { name?: unknown } | null)?.name;
  } catch {
    return;
  }
  if (typeof name !== 'string' || !state.metadata.project_name) return;
  checkSameProject(state, { ...state, metadata: { ...state.metadata, project_name: name, project_id: undefined } } as Manifest, statePath, file);
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
