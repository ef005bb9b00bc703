/**
 * The slim-ci action body (actions/slim-ci/action.ts) driven with fake inputs,
 * event and reporter, the dbt stand-in, and a local cache in place of the
 * GitHub Actions cache. Checks input parsing, the sticky comment request,
 * save-state mode and that the entry reads only declared inputs.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventContext } from '../../shared/actions-adapter/context.js';
import { exitCodeFor, UserError } from '../../shared/errors.js';
import type { GitHubReporter, StickyCommentRequest } from '../../shared/github/types.js';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { selectorWords, slimCiAction } from '../../actions/slim-ci/action.js';
import { LocalDirStateCache } from '../../shared/slim-ci/state-cache.js';
import { describeShared, repoRoot, sharedPath } from '../helpers/fixtures.js';
import { actionInputs as fakeInputs } from '../helpers/inputs.js';
import { installFakeDbt, tempDir } from './helpers.js';

const C1 = sharedPath('dbt', 'airbnb2-snowflake', 'c1-1b90235');
const C2 = sharedPath('dbt', 'airbnb2-snowflake', 'c2-bb6a2d2');

function prEvent(over: Partial<EventContext> = {}): EventContext {
  return {
    eventName: 'pull_request',
    repo: { owner: 'octo-org', repo: 'octo-repo' },
    sha: 'f'.repeat(40),
    ref: 'refs/pull/7/merge',
    actor: 'octocat',
    runUrl: 'https://github.com/octo-org/octo-repo/actions/runs/42',
    pullRequest: { number: 7, headSha: 'e'.repeat(40), baseRef: 'main', baseSha: 'd'.repeat(40), isFork: false },
    payload: { repository: { default_branch: 'main' } },
    ...over,
  };
}

function fakeReporter(): GitHubReporter & { comments: StickyCommentRequest[] } {
  const comments: StickyCommentRequest[] = [];
  return {
    comments,
    async upsertStickyComment(req) {
      comments.push(req);
      return { id: 1, action: comments.length === 1 ? 'created' : 'updated' };
    },
    async startCheckRun() {
      throw new Error('not used by slim-ci');
    },
  };
}

let tmp: { dir: string; cleanup: () => Promise<void> };
const cwd = process.cwd();
beforeAll(async () => {
  tmp = await tempDir('action');
  // The action restores into the fixed relative folder .slipway/state: run it from a temp workspace.
  process.chdir(tmp.dir);
});
afterAll(async () => {
  process.chdir(cwd);
  await tmp.cleanup();
});

describe('selector inputs', () => {
  it('split on whitespace and newlines only, keeping commas (dbt intersection)', () => {
    expect(selectorWords('state:modified+,tag:daily  tag:x\nfqn:y')).toEqual(['state:modified+,tag:daily', 'tag:x', 'fqn:y']);
    expect(selectorWords('  ')).toBeUndefined();
    expect(selectorWords(undefined)).toBeUndefined();
  });
});

describeShared('slimCiAction', () => {
  it('save-state after a deploy, then check on a PR: one sticky comment request with the slim-ci marker, outputs set', async () => {
    const project = join(tmp.dir, 'project');
    await mkdir(join(project, 'target'), { recursive: true });
    await writeFile(join(project, 'dbt_project.yml'), 'name: dbtlearn\n');
    await copyFile(join(C1, 'manifest.json'), join(project, 'target', 'manifest.json'));
    await copyFile(join(C1, 'run_results.json'), join(project, 'target', 'run_results.json'));
    const cache = new LocalDirStateCache(join(tmp.dir, 'cache'));

    const saveRt = new CliRuntime({ write: () => {} });
    await slimCiAction(saveRt, fakeInputs({ mode: 'save-state', 'project-dir': project, 'state-target': 'prod' }), { ...prEvent(), eventName: 'push', pullRequest: undefined, sha: 'a'.repeat(40) }, { cache });
    expect(saveRt.outputs).toMatchObject({ 'state-key': `slipway-state-prod-${'a'.repeat(40)}`, 'state-sha': 'a'.repeat(40) });
    expect(saveRt.summaries[0]).toMatch(/production state saved/);

    const fake = await installFakeDbt(tmp.dir, { FAKE_DBT_MANIFEST: join(C2, 'manifest.json'), FAKE_DBT_RUN_RESULTS: join(C1, 'run_results.json') });
    const reporter = fakeReporter();
    const rt = new CliRuntime({ write: () => {} });
    const inputs = fakeInputs({ 'project-dir': project, target: 'ci', 'github-token': 'ghs_secretvalue123', select: 'state:modified+', comment: 'true', 'favor-state': 'true' });
    await slimCiAction(rt, inputs, prEvent(), { cache, reporter, env: fake.env });
    expect(reporter.comments).toHaveLength(1);
    expect(reporter.comments[0]).toMatchObject({ owner: 'octo-org', repo: 'octo-repo', issueNumber: 7, marker: 'slim-ci' });
    expect(reporter.comments[0]!.body).toMatch(/Slipway slim CI/);
    expect(reporter.comments[0]!.body).toContain('[Workflow run](https://github.com/octo-org/octo-repo/actions/runs/42)');
    expect(rt.outputs['state-source']).toBe('cache');
    expect(rt.outputs['state-sha']).toBe('a'.repeat(40));
    const args = JSON.parse(rt.outputs['dbt-args']!);
    expect(args).toContain('--favor-state');
    expect(args).toContain('--defer');
    expect(rt.redact('token ghs_secretvalue123')).toBe('token ***');

    // every input the body reads is declared in action.yml
    const declared = Object.keys(parse(readFileSync(join(repoRoot, 'actions/slim-ci/action.yml'), 'utf8')).inputs);
    for (const name of inputs.read) expect(declared, `input ${name}`).toContain(name);
  });

  it('comment: false posts nothing; a push event (no PR) reports to the summary only', async () => {
    const reporter = fakeReporter();
    const project = join(tmp.dir, 'project');
    const rt = new CliRuntime({ write: () => {} });
    await slimCiAction(rt, fakeInputs({ 'project-dir': project, manifest: join(C1, 'manifest.json'), comment: 'false' }), prEvent(), { cache: new LocalDirStateCache(join(tmp.dir, 'cache')), reporter });
    expect(reporter.comments).toEqual([]);
    expect(rt.outputs['selected-count']).toBe('0');
    const rt2 = new CliRuntime({ write: () => {} });
    await slimCiAction(rt2, fakeInputs({ 'project-dir': project, manifest: join(C1, 'manifest.json') }), prEvent({ eventName: 'push', pullRequest: undefined }), { cache: new LocalDirStateCache(join(tmp.dir, 'cache')), reporter });
    expect(reporter.comments).toEqual([]);
    expect(rt2.summaries[0]).toMatch(/Nothing to build/);
  });

  it('live-state-environment: a restored state that is not the live deployment is warned about in the report', async () => {
    const reporter = fakeReporter();
    const rt = new CliRuntime({ write: () => {} });
    const asked: string[] = [];
    await slimCiAction(
      rt,
      fakeInputs({ 'project-dir': join(tmp.dir, 'project'), manifest: join(C1, 'manifest.json'), 'live-state-environment': 'production' }),
      prEvent(),
      {
        cache: new LocalDirStateCache(join(tmp.dir, 'cache')),
        reporter,
        liveSha: async (o) => {
          asked.push(`${o.environment}/${o.adminSchema}`);
          return 'f'.repeat(64);
        },
      },
    );
    expect(asked).toEqual(['production/SLIPWAY']);
    expect(reporter.comments[0]!.body).toMatch(/not the live deployment's manifest/);
  });

  it('bad inputs are exit-2 errors naming the input', async () => {
    const rt = new CliRuntime({ write: () => {} });
    for (const [values, re] of [
      [{ 'on-missing-state': 'rebuild' }, /on-missing-state must be fail or full-build/],
      [{ mode: 'deploy' }, /mode must be check or save-state/],
    ] as const) {
      const err = await slimCiAction(rt, fakeInputs(values as Record<string, string>), prEvent(), { cache: new LocalDirStateCache(join(tmp.dir, 'cache')) }).catch((e) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(exitCodeFor(err)).toBe(2);
      expect(err.message).toMatch(re);
    }
    const noCache = await slimCiAction(rt, fakeInputs({ mode: 'save-state' }), prEvent(), {}).catch((e) => e);
    expect(noCache.message).toMatch(/cache service is not available/);
  });
});
