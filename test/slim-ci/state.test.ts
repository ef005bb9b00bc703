/**
 * Production state: the local cache, save/restore through the fallback chain
 * (cache → deploy-workflow artifact → refusal or opted-in full build), with
 * GitHub API calls answered from @octokit/openapi's recorded examples.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor, UserError } from '../../shared/errors.js';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { createOctokit } from '../../shared/github/client.js';
import { LocalDirStateCache, type StateCache } from '../../shared/slim-ci/state-cache.js';
import { restoreState, saveState, sha256File, stateKey } from '../../shared/slim-ci/state.js';
import { describeShared, sharedPath } from '../helpers/fixtures.js';
import { makeZip, tempDir } from './helpers.js';

const require = createRequire(import.meta.url);
const openapi = require('@octokit/openapi/generated/api.github.com.json') as { components: { examples: Record<string, { value: any }> } };
/** Recorded response bodies from GitHub's OpenAPI description (deep copies, so tests can adjust names/ids). */
const example = (name: string) => structuredClone(openapi.components.examples[name]!.value);

const STATE = sharedPath('dbt', 'airbnb2-snowflake', 'c1-1b90235');
const API = 'https://api.github.com';

function quietRt(): CliRuntime {
  return new CliRuntime({ write: () => {} });
}

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  tmp = await tempDir('state');
  nock.disableNetConnect();
});
afterAll(async () => {
  nock.enableNetConnect();
  await tmp.cleanup();
});
afterEach(() => nock.cleanAll());

let n = 0;
async function fresh(): Promise<{ cacheDir: string; stateDir: string; cache: LocalDirStateCache }> {
  const base = join(tmp.dir, `case-${++n}`);
  const cache = new LocalDirStateCache(join(base, 'cache'));
  return { cacheDir: join(base, 'cache'), stateDir: join(base, 'state'), cache };
}

describe('LocalDirStateCache', () => {
  it('restores by exact key first, else the newest entry by prefix, and never overwrites a key', async () => {
    const { cache, stateDir } = await fresh();
    const src = join(tmp.dir, 'src-a');
    await mkdir(src, { recursive: true });
    await writeFile(join(src, 'f.txt'), 'one');
    expect(await cache.save([src], 'k-prod-aaa')).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    await writeFile(join(src, 'f.txt'), 'two');
    expect(await cache.save([src], 'k-prod-bbb')).toBe(true);
    await writeFile(join(src, 'f.txt'), 'three');
    expect(await cache.save([src], 'k-prod-bbb')).toBe(false); // immutable

    expect(await cache.restore([stateDir], 'k-prod-aaa', ['k-prod-'])).toBe('k-prod-aaa');
    expect(await readFile(join(stateDir, 'f.txt'), 'utf8')).toBe('one');
    expect(await cache.restore([stateDir], 'k-prod-zzz', ['k-prod-'])).toBe('k-prod-bbb');
    expect(await readFile(join(stateDir, 'f.txt'), 'utf8')).toBe('two');
    expect(await cache.restore([stateDir], 'k-dev-x', ['k-dev-'])).toBeUndefined();
  });
});

describe('state keys', () => {
  it('are slipway-state-<target>-<sha> and refuse unusable targets and SHAs', () => {
    expect(stateKey('prod', 'ABCDEF1234567')).toBe('slipway-state-prod-abcdef1234567');
    expect(() => stateKey('prod,x', 'abcdef1')).toThrow(UserError);
    expect(() => stateKey('prod', 'main')).toThrow(/not a commit SHA/);
  });
});

describeShared('state save and restore (real manifests)', () => {
  it('cache hit: restores the saved manifest and reports the commit it came from', async () => {
    const { cache, stateDir } = await fresh();
    const rt = quietRt();
    const saved = await saveState({
      target: 'prod',
      sha: '1b90235aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      manifestPath: join(STATE, 'manifest.json'),
      runResultsPath: join(STATE, 'run_results.json'),
      cache,
      stateDir,
      rt,
    });
    expect(saved).toMatchObject({ key: 'slipway-state-prod-1b90235aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', saved: true });
    expect(saved.manifestSha256).toBe(await sha256File(join(STATE, 'manifest.json')));

    const restoreDir = join(stateDir, '..', 'restored');
    const st = await restoreState({ target: 'prod', cache, stateDir: restoreDir, onMissing: 'fail', rt });
    expect(st.source).toBe('cache');
    expect(st.sha).toBe('1b90235aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(st.key).toBe(saved.key);
    expect(st.manifest?.metadata.project_name).toBe('dbtlearn');
    expect(st.runResultsPath).toBe(join(restoreDir, 'run_results.json'));
    expect(st.description).toContain('commit 1b90235aaaaa');
  });

  it('refuses to save a file that is not a supported manifest (and stores nothing)', async () => {
    const { cache, stateDir } = await fresh();
    const err = await saveState({ target: 'prod', sha: 'abcdef1', manifestPath: sharedPath('dbt', 'dbt-core-compat', 'state', 'v3', 'manifest.json'), cache, stateDir, rt: quietRt() }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(String(err.message)).toMatch(/schema v3/);
    expect(await cache.list()).toEqual([]);
  });

  it('warns when the restored state is not the live deployment (DEPLOY_STATE manifest sha differs)', async () => {
    const { cache, stateDir } = await fresh();
    const rt = quietRt();
    await saveState({ target: 'prod', sha: 'abcdef1', manifestPath: join(STATE, 'manifest.json'), cache, stateDir, rt });
    const ok = await restoreState({ target: 'prod', cache, stateDir, onMissing: 'fail', rt, liveManifestSha: await sha256File(join(STATE, 'manifest.json')) });
    expect(ok.liveMismatch).toBe(false);
    const bad = await restoreState({ target: 'prod', cache, stateDir, onMissing: 'fail', rt, liveManifestSha: 'f'.repeat(64) });
    expect(bad.liveMismatch).toBe(true);
    expect(rt.annotations.some((a) => a.level === 'warning' && /not what is live/.test(a.message))).toBe(true);
  });

  it('cache miss → newest successful deploy run on the default branch → its state artifact (zip via 302)', async () => {
    const { cache, stateDir } = await fresh();
    const rt = quietRt();
    const runs = example('workflow-run-paginated');
    const run = runs.workflow_runs[0];
    Object.assign(run, { status: 'completed', conclusion: 'success', head_branch: 'main' });
    const older = { ...structuredClone(run), id: run.id - 1, created_at: '2019-12-01T00:00:00Z', head_sha: '0'.repeat(40) };
    runs.workflow_runs.push(older);
    runs.total_count = 2;
    const arts = example('artifact-paginated');
    arts.artifacts[0].name = 'slipway-state';
    const zip = makeZip({
      'manifest.json': await readFile(join(STATE, 'manifest.json')),
      'run_results.json': await readFile(join(STATE, 'run_results.json')),
      '../../evil/manifest.json': 'not json', // deeper name: never written, never chosen
    });
    // download-artifact answers 302 with a signed Location (shape from the OpenAPI `location` header example).
    const signed = new URL('https://pipelines.actions.githubusercontent.com/OhgS4QRKqmgx7bKC27GKU83jnQjyeqG8oIMTge8eqtheppcmw8/artifact.zip?urlExpires=2020-01-24T18%3A10%3A31Z&urlSignature=abc');

    const api = nock(API)
      .get('/repos/octo-org/octo-repo')
      .reply(200, { ...example('full-repository-default-response'), default_branch: 'main' })
      .get('/repos/octo-org/octo-repo/actions/workflows/deploy.yml/runs')
      .query((q) => q.branch === 'main' && q.status === 'success')
      .reply(200, runs)
      .get(`/repos/octo-org/octo-repo/actions/runs/${run.id}/artifacts`)
      .query(true)
      .reply(200, arts)
      .get(`/repos/octo-org/octo-repo/actions/artifacts/${arts.artifacts[0].id}/zip`)
      .reply(302, '', { Location: signed.toString() });
    const blob = nock(signed.origin).get(signed.pathname).query(true).reply(200, zip, { 'Content-Type': 'application/zip' });

    const octokit = createOctokit({ token: 'test-token', baseUrl: API, retries: 0 });
    const st = await restoreState({
      target: 'prod',
      cache,
      stateDir,
      onMissing: 'fail',
      rt,
      artifact: { octokit: octokit as any, owner: 'octo-org', repo: 'octo-repo', workflow: 'deploy.yml', artifactName: 'slipway-state' },
    });
    expect(api.isDone() && blob.isDone()).toBe(true);
    expect(st.source).toBe('artifact');
    expect(st.sha).toBe(run.head_sha);
    expect(st.runId).toBe(run.id);
    expect(st.description).toMatch(/artifact slipway-state of deploy\.yml run #562 on main \(commit acb5820ced94\)/);
    expect(await readFile(join(stateDir, 'manifest.json'))).toEqual(await readFile(join(STATE, 'manifest.json')));
    expect(st.runResultsPath).toBeDefined();
  });

  it('skips runs whose artifact expired and uses the next one', async () => {
    const { stateDir } = await fresh();
    const runs = example('workflow-run-paginated');
    const run = runs.workflow_runs[0];
    Object.assign(run, { conclusion: 'success', head_branch: 'main', head_repository: { ...run.head_repository, full_name: 'o/r' } });
    const older = { ...structuredClone(run), id: 99, created_at: '2019-12-01T00:00:00Z', head_sha: 'b'.repeat(40) };
    runs.workflow_runs.push(older);
    const expired = example('artifact-paginated');
    expired.artifacts[0].name = 'slipway-state';
    expired.artifacts[0].expired = true;
    const live = example('artifact-paginated');
    live.artifacts[1].name = 'slipway-state';
    nock(API)
      .get('/repos/o/r/actions/workflows/deploy.yml/runs')
      .query(true)
      .reply(200, runs)
      .get(`/repos/o/r/actions/runs/${run.id}/artifacts`)
      .query(true)
      .reply(200, expired)
      .get('/repos/o/r/actions/runs/99/artifacts')
      .query(true)
      .reply(200, live)
      .get(`/repos/o/r/actions/artifacts/${live.artifacts[1].id}/zip`)
      .reply(200, makeZip({ 'target/manifest.json': await readFile(join(STATE, 'manifest.json')) }, { store: true }), { 'Content-Type': 'application/zip' });
    const st = await restoreState({
      target: 'prod',
      stateDir,
      onMissing: 'fail',
      rt: quietRt(),
      artifact: { octokit: createOctokit({ token: 't', baseUrl: API, retries: 0 }) as any, owner: 'o', repo: 'r', workflow: 'deploy.yml', artifactName: 'slipway-state', branch: 'main' },
    });
    expect(st).toMatchObject({ source: 'artifact', sha: 'b'.repeat(40), runId: 99 });
  });

  it('nothing anywhere → refuses (exit 2) with how to seed state', async () => {
    const { cache, stateDir } = await fresh();
    nock(API).get('/repos/o/r/actions/workflows/deploy.yml/runs').query(true).reply(200, { total_count: 0, workflow_runs: [] });
    const err = await restoreState({
      target: 'prod',
      cache,
      stateDir,
      onMissing: 'fail',
      rt: quietRt(),
      artifact: { octokit: createOctokit({ token: 't', baseUrl: API, retries: 0 }) as any, owner: 'o', repo: 'r', workflow: 'deploy.yml', artifactName: 'slipway-state', branch: 'main' },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(exitCodeFor(err)).toBe(2);
    expect(err.message).toMatch(/No production state found for target prod/);
    expect(err.message).toMatch(/slipway-state-prod-/);
    expect(err.hint).toMatch(/slipway state save --state-target prod/);
    expect(err.hint).toMatch(/on-missing-state: full-build/);
  });

  it('a 403 from the runs API (no actions: read) is a warning that names the permission, then the refusal', async () => {
    const { stateDir } = await fresh();
    const rt = quietRt();
    nock(API).get('/repos/o/r/actions/workflows/deploy.yml/runs').query(true).reply(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    const err = await restoreState({
      target: 'prod',
      stateDir,
      onMissing: 'fail',
      rt,
      artifact: { octokit: createOctokit({ token: 't', baseUrl: API, retries: 0 }) as any, owner: 'o', repo: 'r', workflow: 'deploy.yml', artifactName: 'slipway-state', branch: 'main' },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(rt.annotations.some((a) => /actions: read/.test(a.message))).toBe(true);
  });

  it('on-missing-state: full-build → source none, loudly', async () => {
    const { cache, stateDir } = await fresh();
    const rt = quietRt();
    const st = await restoreState({ target: 'prod', cache, stateDir, onMissing: 'full-build', rt });
    expect(st.source).toBe('none');
    expect(st.sha).toBeUndefined();
    expect(rt.annotations.some((a) => a.level === 'warning' && /building EVERYTHING/.test(a.message))).toBe(true);
  });

  it('a damaged cache entry is skipped with a warning and the next source is used', async () => {
    const { cache, stateDir } = await fresh();
    const rt = quietRt();
    const src = join(tmp.dir, `damaged-${n}`);
    await mkdir(src, { recursive: true });
    await writeFile(join(src, 'manifest.json'), '{"truncated": ');
    await cache.save([src], 'slipway-state-prod-abcdef1');
    const st = await restoreState({ target: 'prod', cache, stateDir, onMissing: 'full-build', rt });
    expect(st.source).toBe('none');
    expect(st.warnings.some((w) => /unusable/.test(w))).toBe(true);
  });
});

describe('StateCache port errors', () => {
  it('a throwing cache (service down) is a warning, not a failure', async () => {
    const broken: StateCache = {
      description: 'broken cache',
      save: async () => false,
      restore: async () => {
        throw new Error('cache service unavailable');
      },
    };
    const rt = quietRt();
    const st = await restoreState({ target: 'prod', cache: broken, stateDir: join(tmp.dir, 'broken'), onMissing: 'full-build', rt });
    expect(st.source).toBe('none');
    expect(st.warnings[0]).toMatch(/cache service unavailable/);
  });
});

describeShared('state follows LIVE (#13 item 10): the manifest DEPLOY_STATE calls live is what slim CI restores', () => {
  const A = sharedPath('dbt', 'airbnb2-snowflake', 'c1-1b90235');
  const B = sharedPath('dbt', 'airbnb2-snowflake', 'c2-bb6a2d2');

  it('after a rollback to A, the cache restore prefers A (by manifest sha) over the newest commit (B)', async () => {
    const { cache, stateDir } = await fresh();
    const rt = quietRt();
    const a = await saveState({ target: 'prod', sha: 'a'.repeat(40), manifestPath: join(A, 'manifest.json'), cache, stateDir, rt });
    await new Promise((r) => setTimeout(r, 5));
    const b = await saveState({ target: 'prod', sha: 'b'.repeat(40), manifestPath: join(B, 'manifest.json'), cache, stateDir, rt });
    expect(a.manifestKey).toBe(`slipway-live-state-prod-${a.manifestSha256}`);
    expect(a.manifestSha256).not.toBe(b.manifestSha256);
    // Before: a PR based on main (B's commit) restores B although A is live.
    const byCommit = await restoreState({ target: 'prod', cache, stateDir, preferSha: 'b'.repeat(40), onMissing: 'fail', rt });
    expect(byCommit.manifestSha256).toBe(b.manifestSha256);
    // With the live manifest from DEPLOY_STATE: A, by its own key, no mismatch warning.
    const live = await restoreState({ target: 'prod', cache, stateDir, preferSha: 'b'.repeat(40), liveManifestSha: a.manifestSha256, onMissing: 'fail', rt });
    expect(live).toMatchObject({ source: 'cache', key: a.manifestKey, sha: 'a'.repeat(40), manifestSha256: a.manifestSha256, liveMismatch: false, followsLive: true });
    expect(live.description).toMatch(/manifest of the live deploy/);
    expect(await sha256File(join(stateDir, 'manifest.json'))).toBe(a.manifestSha256);
    // Prefix restores by commit never pick the manifest-keyed entries.
    expect((await restoreState({ target: 'prod', cache, stateDir, onMissing: 'fail', rt })).key).toBe(b.key);
  });

  it('a live manifest nobody saved: restores by commit and warns, naming the key it looked for', async () => {
    const { cache, stateDir } = await fresh();
    const rt = quietRt();
    await saveState({ target: 'prod', sha: 'b'.repeat(40), manifestPath: join(B, 'manifest.json'), cache, stateDir, rt });
    const st = await restoreState({ target: 'prod', cache, stateDir, liveManifestSha: 'e'.repeat(64), onMissing: 'fail', rt });
    expect(st).toMatchObject({ source: 'cache', liveMismatch: true, followsLive: false });
    expect(st.warnings.join('\n')).toMatch(/slipway-live-state-prod-<sha256>/);
    const bad = await restoreState({ target: 'prod', cache, stateDir, liveManifestSha: 'not-a-sha', onMissing: 'fail', rt });
    expect(bad.warnings.join('\n')).toMatch(/is not 64 hex digits/);
  });

  it("trusts only push, dispatch and schedule runs of this repository: a fork's pull_request run on a branch named main is ignored", async () => {
    const { stateDir } = await fresh();
    const rt = quietRt();
    const runs = example('workflow-run-paginated');
    const own = runs.workflow_runs[0];
    Object.assign(own, { conclusion: 'success', head_branch: 'main', event: 'push', head_repository: { ...own.head_repository, full_name: 'o/r' }, created_at: '2019-12-01T00:00:00Z' });
    const fork = { ...structuredClone(own), id: 666, created_at: '2020-01-22T19:33:08Z', head_sha: 'f'.repeat(40), event: 'pull_request', head_repository: { ...own.head_repository, full_name: 'mallory/r' } };
    const forkPush = { ...structuredClone(fork), id: 667, event: 'push' }; // a push, but of another repository's code
    runs.workflow_runs = [fork, forkPush, own];
    const arts = example('artifact-paginated');
    arts.artifacts[0].name = 'slipway-state';
    const api = nock(API)
      .get('/repos/o/r/actions/workflows/deploy.yml/runs')
      .query(true)
      .reply(200, runs)
      .get(`/repos/o/r/actions/runs/${own.id}/artifacts`)
      .query(true)
      .reply(200, arts)
      .get(`/repos/o/r/actions/artifacts/${arts.artifacts[0].id}/zip`)
      .reply(200, makeZip({ 'manifest.json': await readFile(join(STATE, 'manifest.json')) }), { 'Content-Type': 'application/zip' });
    const st = await restoreState({
      target: 'prod',
      stateDir,
      onMissing: 'fail',
      rt,
      artifact: { octokit: createOctokit({ token: 't', baseUrl: API, retries: 0 }) as any, owner: 'o', repo: 'r', workflow: 'deploy.yml', artifactName: 'slipway-state', branch: 'main' },
    });
    expect(api.isDone()).toBe(true);
    expect(st.source).toBe('artifact');
    expect(st.runId).toBe(own.id);
  });

  it('artifact fallback: skips the newest deploy run (the rolled-back one) for the run whose manifest is live', async () => {
    const { stateDir } = await fresh();
    const rt = quietRt();
    const runs = example('workflow-run-paginated');
    const newest = runs.workflow_runs[0];
    Object.assign(newest, { conclusion: 'success', head_branch: 'main', head_sha: 'b'.repeat(40), head_repository: { ...newest.head_repository, full_name: 'o/r' } });
    runs.workflow_runs.push({ ...structuredClone(newest), id: 77, created_at: '2019-12-01T00:00:00Z', head_sha: 'a'.repeat(40) });
    const artsB = example('artifact-paginated');
    artsB.artifacts[0].name = 'slipway-state';
    const artsA = example('artifact-paginated');
    artsA.artifacts[0].name = 'slipway-state';
    artsA.artifacts[0].id = 4242;
    const api = nock(API)
      .get('/repos/o/r/actions/workflows/deploy.yml/runs')
      .query(true)
      .reply(200, runs)
      .get(`/repos/o/r/actions/runs/${newest.id}/artifacts`)
      .query(true)
      .reply(200, artsB)
      .get(`/repos/o/r/actions/artifacts/${artsB.artifacts[0].id}/zip`)
      .reply(200, makeZip({ 'manifest.json': await readFile(join(B, 'manifest.json')), 'run_results.json': await readFile(join(B, 'run_results.json')) }), { 'Content-Type': 'application/zip' })
      .get('/repos/o/r/actions/runs/77/artifacts')
      .query(true)
      .reply(200, artsA)
      .get('/repos/o/r/actions/artifacts/4242/zip')
      .reply(200, makeZip({ 'manifest.json': await readFile(join(A, 'manifest.json')) }), { 'Content-Type': 'application/zip' });
    const liveSha = await sha256File(join(A, 'manifest.json'));
    const st = await restoreState({
      target: 'prod',
      stateDir,
      onMissing: 'fail',
      rt,
      liveManifestSha: liveSha,
      artifact: { octokit: createOctokit({ token: 't', baseUrl: API, retries: 0 }) as any, owner: 'o', repo: 'r', workflow: 'deploy.yml', artifactName: 'slipway-state', branch: 'main' },
    });
    expect(api.isDone()).toBe(true);
    expect(st).toMatchObject({ source: 'artifact', runId: 77, sha: 'a'.repeat(40), manifestSha256: liveSha, liveMismatch: false });
    // B's run_results.json must not survive next to A's manifest.
    expect(st.runResultsPath).toBeUndefined();
  });
});
