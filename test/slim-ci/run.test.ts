/**
 * Slim CI orchestration with a STAND-IN for dbt (test/slim-ci/fake-dbt): it
 * records its arguments and writes artifacts copied from real dbt runs in
 * ../shared/fixtures. These tests check what Slipway runs, reads and reports;
 * they do not test dbt (test/realdbt/slim-ci-one-run.test.ts does, with real dbt).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor, GateFailure, UserError } from '../../shared/errors.js';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { LocalDirStateCache } from '../../shared/slim-ci/state-cache.js';
import { saveState } from '../../shared/slim-ci/state.js';
import { runSlimCi, type SlimCiOptions } from '../../shared/slim-ci/run.js';
import { describeShared, sharedPath } from '../helpers/fixtures.js';
import { installFakeDbt, tempDir } from './helpers.js';
import { resourceTypeFlags, type SelectFn } from '../../shared/slim-ci/selection.js';

const C1 = sharedPath('dbt', 'airbnb2-snowflake', 'c1-1b90235'); // production state
const C2 = sharedPath('dbt', 'airbnb2-snowflake', 'c2-bb6a2d2'); // the PR: one model changed, 2 tests added; its run has a real error + skip
const FLIGHTS = sharedPath('dbt', 'flights-postgres-failures', 'c1-503c62c');

// The real selection engine (shared/dbt/selection) is used; it is tested on its own in test/selection.
const selectFn: SelectFn | undefined = undefined;

// The nodes real dbt runs for `build --select state:modified+` of C2 against C1 (Slipway's engine agrees, test/conformance).
const SLIM_RUN = ['model.dbtlearn.fct_reviews', 'model.dbtlearn.mart_fullmoon_reviews', 'test.dbtlearn.no_nulls_in_dim_listings', 'test.dbtlearn.positive_value_dim_listings_cleansed_minimum_nights.78fa6fc313'];

let tmp: { dir: string; cleanup: () => Promise<void> };
/** run_results.json of a clean slim run of C2 (SLIM_RUN, all successful), and of a run with nothing to do. */
let slimRunResults: string;
let emptyRunResults: string;
beforeAll(async () => {
  tmp = await tempDir('run');
  if (!C1) return;
  const real = JSON.parse(await readFile(join(C2, 'run_results.json'), 'utf8'));
  const ok = real.results.find((r: { status: string }) => r.status === 'success');
  slimRunResults = join(tmp.dir, 'slim-run_results.json');
  await writeFile(slimRunResults, JSON.stringify({ ...real, results: SLIM_RUN.map((unique_id) => ({ ...ok, unique_id, status: unique_id.startsWith('test.') ? 'pass' : 'success', message: null })) }));
  emptyRunResults = join(tmp.dir, 'empty-run_results.json');
  await writeFile(emptyRunResults, JSON.stringify({ ...real, results: [] }));
});
afterAll(async () => tmp.cleanup());

let n = 0;
interface Harness {
  opts: SlimCiOptions;
  rt: CliRuntime;
  calls: () => Promise<{ argv: string[]; cwd: string }[]>;
  comments: string[];
  stateDir: string;
  projectDir: string;
}

async function harness(o: { seed?: boolean; dbt?: Record<string, string>; opts?: Partial<SlimCiOptions> } = {}): Promise<Harness> {
  const base = join(tmp.dir, `case-${++n}`);
  const projectDir = join(base, 'project');
  await mkdir(projectDir, { recursive: true });
  await writeFile(join(projectDir, 'dbt_project.yml'), 'name: dbtlearn\n');
  const cache = new LocalDirStateCache(join(base, 'cache'));
  const stateDir = join(base, 'state');
  const rt = new CliRuntime({ write: () => {} });
  if (o.seed !== false) {
    await saveState({ target: 'prod', sha: '1b90235c0ffee00000000000000000000000000a', manifestPath: join(C1, 'manifest.json'), runResultsPath: join(C1, 'run_results.json'), cache, stateDir: join(base, 'staging'), rt });
  }
  const fake = await installFakeDbt(base, { FAKE_DBT_MANIFEST: join(C2, 'manifest.json'), FAKE_DBT_RUN_RESULTS: slimRunResults, ...o.dbt });
  const comments: string[] = [];
  const opts: SlimCiOptions = {
    projectDir,
    target: 'ci',
    stateTarget: 'prod',
    state: { cache, stateDir },
    comment: async (body) => {
      comments.push(body);
    },
    env: fake.env,
    rt,
    selectFn,
    runUrl: 'https://github.com/o/r/actions/runs/1',
    ...o.opts,
  };
  return { opts, rt, calls: fake.calls, comments, stateDir, projectDir };
}

describeShared('runSlimCi with a dbt stand-in', () => {
  it('cache hit: one dbt process, dbt build --select state:modified+ --state … --defer; the report comes from the manifest it wrote', async () => {
    const h = await harness();
    const r = await runSlimCi(h.opts);
    const calls = await h.calls();
    expect(calls.map((c) => c.argv[0])).toEqual(['build']);
    expect(calls[0]!.argv).toEqual(['build', '--select', 'state:modified+', '--state', h.stateDir, '--defer', '--project-dir', h.projectDir, '--target', 'ci']);
    expect(r.state.source).toBe('cache');
    expect(r.toRun).toEqual(SLIM_RUN);
    expect(r.selected).toEqual(expect.arrayContaining(SLIM_RUN));
    expect(r.modified).toMatchObject({ 'model.dbtlearn.fct_reviews': ['body'] });
    expect(h.rt.annotations.filter((a) => /Slipway's selector and dbt's/.test(a.message))).toEqual([]);
    expect(h.rt.outputs).toMatchObject({
      'state-source': 'cache',
      'state-sha': '1b90235c0ffee00000000000000000000000000a',
      'selected-count': String(r.selected.length),
      'dbt-args': JSON.stringify(calls[0]!.argv),
    });
    expect(JSON.parse(h.rt.outputs.selected!)).toEqual(r.selected);
    expect(h.comments).toHaveLength(1);
    expect(h.comments[0]).toMatch(/dbt succeeded/);
    expect(h.comments[0]).toMatch(/from the Actions cache|from .*local cache/);
    expect(h.comments[0]).toContain('`1b90235c0ffe`');
    expect(h.rt.summaries[0]).toContain('Modified (');
  });

  it('favor-state and defer off are passed through; user select/exclude replace the default', async () => {
    const h = await harness({ opts: { favorState: true, select: ['state:modified+', 'tag:nightly'], exclude: ['path:models/legacy'] } });
    await runSlimCi(h.opts);
    const build = (await h.calls())[0]!.argv;
    expect(build.slice(0, 10)).toEqual(['build', '--select', 'state:modified+', 'tag:nightly', '--exclude', 'path:models/legacy', '--state', h.stateDir, '--defer', '--favor-state']);
    const h2 = await harness({ opts: { defer: false, favorState: true } });
    await runSlimCi(h2.opts);
    const b2 = (await h2.calls())[0]!.argv;
    expect(b2).not.toContain('--defer');
    expect(b2).not.toContain('--favor-state');
    expect(b2).toContain('--state');
  });

  it('empty selection: dbt is never invoked (pre-built manifest), "nothing to build"', async () => {
    const h = await harness({ opts: { manifest: join(C1, 'manifest.json') } });
    const r = await runSlimCi(h.opts);
    expect(await h.calls()).toEqual([]);
    expect(r.nothingToBuild).toBe(true);
    expect(r.selected).toEqual([]);
    expect(h.rt.outputs).toMatchObject({ selected: '[]', 'selected-count': '0', 'state-source': 'cache', 'dbt-args': '[]' });
    expect(h.comments[0]).toMatch(/Nothing to build/);
    expect(h.comments[0]).toMatch(/warehouse was not touched/);
  });

  it('nothing changed: the one dbt build finds nothing to do, exits 0, and the report says "Nothing to build"', async () => {
    const h = await harness({ dbt: { FAKE_DBT_MANIFEST: join(C1, 'manifest.json'), FAKE_DBT_RUN_RESULTS: emptyRunResults } });
    const r = await runSlimCi(h.opts);
    const calls = await h.calls();
    expect(calls.map((c) => c.argv[0])).toEqual(['build']);
    expect(r).toMatchObject({ nothingToBuild: true, selected: [], toRun: [], dbtExitCode: 0 });
    expect(h.rt.outputs).toMatchObject({ selected: '[]', 'selected-count': '0', 'dbt-args': JSON.stringify(calls[0]!.argv) });
    expect(h.comments[0]).toMatch(/Slipway slim CI: ✅ Nothing to build/);
    expect(h.comments[0]).toMatch(/no node differs from production state, so dbt had nothing to do and the warehouse was not touched/);
  });

  it('a stale manifest and run_results in target/ are never reported: what this dbt run wrote is', async () => {
    // An earlier local run left C2's artifacts; this run's dbt writes C1's manifest (nothing changed) and no results.
    const h = await harness({ dbt: { FAKE_DBT_MANIFEST: join(C1, 'manifest.json'), FAKE_DBT_RUN_RESULTS: '' } });
    await mkdir(join(h.projectDir, 'target'), { recursive: true });
    await writeFile(join(h.projectDir, 'target', 'manifest.json'), await readFile(join(C2, 'manifest.json')));
    await writeFile(join(h.projectDir, 'target', 'run_results.json'), await readFile(join(C2, 'run_results.json')));
    const r = await runSlimCi(h.opts);
    expect(r.selected).toEqual([]);
    expect(r.runResults).toBeUndefined();
    expect(r.nothingToBuild).toBe(true);
  });

  it('dbt running other nodes than Slipway selected: the report shows what dbt ran, with a warning', async () => {
    // dbt's run_results list 7 tests, none of them Slipway's 4 (a made-up disagreement: they agree in test/conformance).
    const h = await harness({ dbt: { FAKE_DBT_RUN_RESULTS: join(C1, 'run_results.json') } });
    const ran = JSON.parse(await readFile(join(C1, 'run_results.json'), 'utf8')).results.map((x: { unique_id: string }) => x.unique_id).sort();
    const r = await runSlimCi(h.opts);
    expect(r.toRun).toEqual(ran);
    for (const id of SLIM_RUN) expect(r.selected).not.toContain(id);
    for (const id of ran) expect(r.selected).toContain(id);
    expect(JSON.parse(h.rt.outputs.selected!)).toEqual(r.selected);
    const warning = h.rt.annotations.find((a) => a.level === 'warning' && /Slipway's selector and dbt's/.test(a.message));
    expect(warning?.message).toMatch(/dbt build ran 7 node\(s\) Slipway's selection did not include \(test\.dbtlearn\.accepted_values_dim_listings_cleansed_room_type.*\) and did not run 4 node\(s\) Slipway's selection included \(model\.dbtlearn\.fct_reviews/);
    expect(h.comments[0]).toMatch(/\[!NOTE\][^\n]*\n> dbt build ran 7 node/);
    expect(h.comments[0]).toContain(`**${r.selected.length}** selected`);
  });

  it('no state anywhere: refuses with exit 2 and runs nothing', async () => {
    const h = await harness({ seed: false });
    const err = await runSlimCi(h.opts).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(exitCodeFor(err)).toBe(2);
    expect(err.message).toMatch(/Nothing was run/);
    expect(await h.calls()).toEqual([]);
    expect(h.comments).toEqual([]);
  });

  it('on-missing-state: full-build builds everything without state flags, and says so loudly', async () => {
    const h = await harness({ seed: false, opts: { onMissingState: 'full-build' } });
    const r = await runSlimCi(h.opts);
    const calls = await h.calls();
    expect(calls.map((c) => c.argv[0])).toEqual(['build']);
    expect(calls[0]!.argv).toEqual(['build', '--project-dir', h.projectDir, '--target', 'ci']);
    expect(r.fullBuild).toBe(true);
    expect(h.rt.outputs['state-source']).toBe('none');
    expect(h.rt.outputs['state-sha']).toBe('');
    expect(h.comments[0]).toMatch(/FULL BUILD: no production state/);
    expect(h.rt.annotations.some((a) => a.level === 'warning' && /state-based selectors/.test(a.message))).toBe(true);
  });

  it('dbt failure: the results are reported (errors and their messages first) and the verdict is exit 1', async () => {
    const h = await harness({ dbt: { FAKE_DBT_RUN_RESULTS: join(C2, 'run_results.json'), FAKE_DBT_EXIT: '1' } });
    const err = await runSlimCi(h.opts).catch((e) => e);
    expect(err).toBeInstanceOf(GateFailure);
    expect(exitCodeFor(err)).toBe(1);
    expect(err.message).toMatch(/dbt build failed: 1 of 5 node\(s\) errored/);
    const body = h.comments[0]!;
    expect(body).toMatch(/dbt failed: 1 error/);
    const errorRow = body.indexOf('❌ error');
    const skipRow = body.indexOf('⏭️ skipped');
    const okRow = body.indexOf('✅ success');
    expect(errorRow).toBeGreaterThan(0);
    expect(errorRow).toBeLessThan(skipRow);
    expect(skipRow).toBeLessThan(okRow);
    expect(h.rt.outputs['selected-count']).toBeDefined(); // outputs are set even on failure
    expect(h.rt.annotations.some((a) => a.level === 'error' && a.message.startsWith('model.dbtlearn.fct_reviews: Compilation Error'))).toBe(true);
    expect(h.rt.summaries).toHaveLength(1);
  });

  it('dbt failure on a real `dbt build` with two errors (flights): both messages are in the report', async () => {
    const h = await harness({
      seed: false,
      opts: { onMissingState: 'full-build', manifest: join(FLIGHTS, 'manifest.json') },
      dbt: { FAKE_DBT_RUN_RESULTS: join(FLIGHTS, 'run_results.json'), FAKE_DBT_EXIT: '1' },
    });
    const err = await runSlimCi(h.opts).catch((e) => e);
    expect(exitCodeFor(err)).toBe(1);
    expect(err.message).toMatch(/2 of 27 node\(s\)/);
    expect((h.comments[0]!.match(/❌ error/g) ?? []).length).toBe(2);
  });

  it('dbt crashing without run_results.json is still reported, exit 1', async () => {
    const h = await harness({ dbt: { FAKE_DBT_RUN_RESULTS: '', FAKE_DBT_EXIT: '2' } });
    const err = await runSlimCi(h.opts).catch((e) => e);
    expect(exitCodeFor(err)).toBe(1);
    expect(err.message).toMatch(/exited with code 2 without writing run_results.json/);
    expect(h.comments[0]).toMatch(/before writing run_results.json/);
  });

  it('a project dbt cannot parse: dbt stops before writing a manifest, exit 1, no report from an earlier manifest', async () => {
    const h = await harness({ dbt: { FAKE_DBT_PARSE_EXIT: '2' } });
    await mkdir(join(h.projectDir, 'target'), { recursive: true });
    await writeFile(join(h.projectDir, 'target', 'manifest.json'), await readFile(join(C2, 'manifest.json'))); // left by an earlier run
    const err = await runSlimCi(h.opts).catch((e) => e);
    expect(err).toBeInstanceOf(GateFailure);
    expect(exitCodeFor(err)).toBe(1);
    expect(err.message).toMatch(/dbt build failed before it wrote target\/manifest\.json \(exit code 2\): the project or profile did not load; nothing was built/);
    expect((await h.calls()).map((c) => c.argv[0])).toEqual(['build']);
    expect(h.comments).toEqual([]);
  });

  it('without a manifest input, a state from another project (dbt_project.yml) and a selector typo are refused before dbt starts', async () => {
    const h = await harness();
    await writeFile(join(h.projectDir, 'dbt_project.yml'), 'name: flights\n');
    const err = await runSlimCi(h.opts).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/another dbt project \(dbtlearn\) than this one \(flights in .*dbt_project\.yml\); nothing was run/);
    for (const select of [['state:modified+,'], ['nosuchmethod:x'], ['state:modifed+']]) {
      const h2 = await harness({ opts: { select } });
      const e2 = await runSlimCi(h2.opts).catch((e) => e);
      expect(e2, select[0]).toBeInstanceOf(UserError);
      expect(exitCodeFor(e2)).toBe(2);
      expect(await h2.calls()).toEqual([]);
    }
    expect(await h.calls()).toEqual([]);
  });

  it('a state from another dbt project is refused (exit 2), nothing run', async () => {
    const h = await harness({ opts: { manifest: join(FLIGHTS, 'manifest.json') } });
    const err = await runSlimCi(h.opts).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/another dbt project \(dbtlearn\)/);
    expect(await h.calls()).toEqual([]);
  });

  it('a selector syntax error or unknown method is exit 2 and dbt never runs', async () => {
    for (const select of [['state:modified+,'], ['nosuchmethod:x']]) {
      const h = await harness({ opts: { manifest: join(C2, 'manifest.json'), select } });
      const err = await runSlimCi(h.opts).catch((e) => e);
      expect(err, select[0]).toBeInstanceOf(UserError);
      expect(exitCodeFor(err)).toBe(2);
      expect(await h.calls()).toEqual([]);
    }
  });

  it('bad command input is refused before state is even restored', async () => {
    for (const command of ['dbt build --select foo', 'make build', 'dbt', "dbt build --vars '{x: 1}"]) {
      const h = await harness({ opts: { command } });
      const err = await runSlimCi(h.opts).catch((e) => e);
      expect(err, command).toBeInstanceOf(UserError);
      expect(await h.calls()).toEqual([]);
    }
  });

  it('a failing comment (fork PR token) is a warning; the job summary still has the report', async () => {
    const h = await harness({
      opts: {
        comment: async () => {
          throw new Error('Resource not accessible by integration');
        },
      },
    });
    await runSlimCi(h.opts);
    expect(h.rt.annotations.some((a) => /Could not post the slim CI comment/.test(a.message))).toBe(true);
    expect(h.rt.summaries).toHaveLength(1);
  });

  it('--exclude-resource-type in the command: the report selects what that command builds (no false disagreement with dbt)', async () => {
    const models = SLIM_RUN.filter((id) => id.startsWith('model.'));
    const real = JSON.parse(await readFile(slimRunResults, 'utf8'));
    const onlyModels = join(tmp.dir, 'models-run_results.json');
    await writeFile(onlyModels, JSON.stringify({ ...real, results: real.results.filter((r: { unique_id: string }) => models.includes(r.unique_id)) }));
    const h = await harness({ opts: { command: 'dbt build --exclude-resource-type test unit_test' }, dbt: { FAKE_DBT_RUN_RESULTS: onlyModels } });
    const r = await runSlimCi(h.opts);
    expect(r.toRun).toEqual(models);
    expect(h.rt.annotations.filter((a) => /selector and dbt's/.test(a.message))).toEqual([]);
    expect(resourceTypeFlags(['--resource-type', 'model', 'seed', '--fail-fast', '--resource-types=snapshot', '--exclude-resource-type', 'test'])).toEqual({ resourceTypes: ['model', 'seed', 'snapshot'], excludeResourceTypes: ['test'] });
    expect(resourceTypeFlags(['--fail-fast'])).toEqual({ resourceTypes: undefined, excludeResourceTypes: undefined });
  });

  it('wrapper commands and extra flags: `env dbt build --fail-fast` keeps the wrapper and the flag, args are never shell-parsed', async () => {
    const h = await harness({ opts: { command: 'env dbt build --fail-fast', select: ['state:modified+', 'fqn:a;rm -rf /'] } });
    await runSlimCi(h.opts);
    const build = (await h.calls())[0]!.argv;
    expect(build.slice(0, 5)).toEqual(['build', '--fail-fast', '--select', 'state:modified+', 'fqn:a;rm -rf /']);
  });
});
