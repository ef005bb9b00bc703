/**
 * Action inputs: the production parser (shared/runtime/inputs.ts) reads
 * INPUT_* as @actions/core does, and an entry rejects a bad input before it
 * loads anything heavy — checked on the import graph of every entry and on a
 * real entry run as a process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFreshnessGateInputs } from '../../actions/freshness-gate/inputs.js';
import { parseSchemaCleanupInputs } from '../../actions/schema-cleanup/inputs.js';
import { parseSlimCiInputs } from '../../actions/slim-ci/inputs.js';
import { eventContext } from '../../shared/actions-adapter/context.js';
import { exitCodeFor } from '../../shared/errors.js';
import { inputEnvName, inputsFromEnv } from '../../shared/runtime/inputs.js';
import { repoRoot } from '../helpers/fixtures.js';
import { actionInputs } from '../helpers/inputs.js';

describe('the input parser (as @actions/core reads INPUT_*)', () => {
  it('names the variable the runner sets: upper case, spaces to underscores, dashes kept', () => {
    expect(inputEnvName('project-dir')).toBe('INPUT_PROJECT-DIR');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
  });

  it('trims values; an empty or blank value is "not given"; required says which input and where to add it', () => {
    const inputs = inputsFromEnv({ 'INPUT_PROJECT-DIR': '  dbt/ \n', INPUT_TARGET: '   ' });
    expect(inputs.get('project-dir')).toBe('dbt/');
    expect(inputs.get('target')).toBeUndefined();
    expect(() => inputs.get('target', { required: true })).toThrow(expect.objectContaining({ name: 'UserError', message: "Input 'target' is required but was not given.", hint: expect.stringMatching(/under with:/) }));
  });

  it('booleans follow the YAML 1.2 core schema; anything else is an exit-2 error naming the input and the value', () => {
    for (const v of ['true', 'True', 'TRUE', ' true ']) expect(inputsFromEnv({ INPUT_X: v }).bool('x', false)).toBe(true);
    for (const v of ['false', 'False', 'FALSE']) expect(inputsFromEnv({ INPUT_X: v }).bool('x', true)).toBe(false);
    expect(inputsFromEnv({}).bool('x', true)).toBe(true);
    for (const v of ['yes', 'on', '1', 'tRUE', 'no']) {
      let err: unknown;
      try {
        inputsFromEnv({ INPUT_X: v }).bool('x', false);
      } catch (e) {
        err = e;
      }
      expect(exitCodeFor(err)).toBe(2);
      expect((err as Error).message).toBe(`Input 'x' must be true or false, got '${v}'.`);
    }
  });

  it('lists split on newlines and commas, trimmed, blanks dropped', () => {
    expect(inputsFromEnv({ INPUT_PLAN: 'a.json, b.json\n\n c.json ,\n' }).list('plan')).toEqual(['a.json', 'b.json', 'c.json']);
  });

  it('the test kit builds inputs through the same parser (a sloppy boolean fails in tests as on a runner)', () => {
    expect(() => parseSlimCiInputs(actionInputs({ defer: 'yes' }))).toThrow("Input 'defer' must be true or false, got 'yes'.");
    expect(parseSlimCiInputs(actionInputs({ defer: 'False', select: ' state:modified+  tag:nightly ' }))).toMatchObject({ defer: false, select: ['state:modified+', 'tag:nightly'] });
    expect(() => parseFreshnessGateInputs(actionInputs({ 'evaluate-at': 'later' }))).toThrow(/evaluate-at must be snapshot or now/);
    const push = { eventName: 'schedule', repo: { owner: 'acme', repo: 'dw' }, sha: 's', ref: 'r', actor: 'a', payload: {} };
    expect(parseSchemaCleanupInputs(actionInputs({ 'ttl-days': '3', keep: 'ci_pr_1' }), push)).toMatchObject({ mode: 'sweep', ttlDays: 3, keep: ['ci_pr_1'], repo: 'acme/dw' });
    expect(() => parseSchemaCleanupInputs(actionInputs({ concurrency: 'many' }), push)).toThrow(/concurrency must be a whole number/);
  });
});

describe('the event context (read from the runner, as @actions/github does, without loading it)', () => {
  it('a pull_request event from a fork: number, head/base, fork flag, actor and run URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-event-'));
    const path = join(dir, 'event.json');
    writeFileSync(path, JSON.stringify({ action: 'opened', pull_request: { number: 9, state: 'open', head: { sha: 'h'.repeat(40), repo: { full_name: 'fork/dw' } }, base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: 'acme/dw' } } } }));
    const ev = eventContext({ GITHUB_ACTIONS: 'true', GITHUB_EVENT_PATH: path, GITHUB_EVENT_NAME: 'pull_request', GITHUB_REPOSITORY: 'acme/dw', GITHUB_SHA: 'm'.repeat(40), GITHUB_REF: 'refs/pull/9/merge', GITHUB_ACTOR: 'octocat', GITHUB_RUN_ID: '77', GITHUB_SERVER_URL: 'https://github.com' });
    expect(ev).toMatchObject({
      eventName: 'pull_request',
      repo: { owner: 'acme', repo: 'dw' },
      actor: 'octocat',
      runUrl: 'https://github.com/acme/dw/actions/runs/77',
      pullRequest: { number: 9, headSha: 'h'.repeat(40), baseRef: 'main', baseSha: 'b'.repeat(40), isFork: true, state: 'open' },
      payload: { action: 'opened' },
    });
  });
  it('outside a workflow: no repository, no pull request, no run URL', () => {
    expect(eventContext({})).toMatchObject({ eventName: '', repo: { owner: '', repo: '' }, pullRequest: undefined, runUrl: undefined, payload: {} });
  });
});

/** Bare packages an entry loads before its `run` stage: static imports only, type-only imports skipped. */
function eagerPackages(entry: string): { packages: Set<string>; files: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (f: string): void => {
    if (files.has(f)) return;
    files.add(f);
    const src = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of src.matchAll(/(?:^|[\n;])\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const ts = resolve(dirname(f), spec).replace(/\.js$/, '.ts');
        if (existsSync(ts)) visit(ts);
      } else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(entry);
  return { packages, files };
}

describe('cold start: an input error loads nothing heavy', () => {
  const staged = ['freshness-gate', 'grant-policy', 'pr-schema', 'schema-cleanup', 'slim-ci'];

  it('these entries reach no package and no warehouse, GitHub or CLI code before their run stage', () => {
    for (const a of staged) {
      const { packages, files } = eagerPackages(join(repoRoot, 'actions', a, 'index.ts'));
      expect([...packages], a).toEqual([]);
      const heavy = [...files].filter((f) => /\/shared\/(warehouse|github|cli|dbt|config\/profiles)\/?|\/actions-adapter\/(runtime|cache)\.ts$|\/action\.ts$/.test(f));
      expect(heavy, a).toEqual([]);
    }
  });

  it('a real entry with a bad input exits 2 with one ::error:: line naming the input and the fix', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'slipway-entry-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_)/.test(k)));
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href, join(repoRoot, 'actions', 'slim-ci', 'index.ts')], {
      cwd,
      env: { ...env, INPUT_MODE: 'sometimes', INPUT_COMMENT: 'true' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("::error::Input mode must be check or save-state, got 'sometimes'.%0A  How to fix: check (the default) runs slim CI on a pull request; save-state stores the production manifest after a deploy.\n");
  });
});
