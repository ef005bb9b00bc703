/**
 * Every workflow we ship (reusable workflows, our own CI, the copy-paste
 * examples) passes GitHub's parser and actionlint, references only Slipway
 * actions and inputs that exist, and follows the security rules of the
 * suite (no pull_request_target, explicit least-privilege permissions,
 * concurrency on PR and deploy workflows).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderWorkflowDocs, repoRoot } from '../../scripts/action-docs.js';
import { readdirSync, existsSync } from 'node:fs';
import { actionlintErrors, githubParserErrors, loadWorkflow, markdownSnippetProblems, rel, slipwayActionOf, usesProblems, workflowFiles } from './lib.js';

const files = workflowFiles();
const reusable = ['dbt-pr.yml', 'dbt-deploy.yml', 'dbt-rollback.yml', 'dbt-schema-cleanup.yml', 'grant-policy.yml'];

describe('workflow inventory', () => {
  it('ships every reusable workflow, our CI, and an example per use', () => {
    const names = files.map(rel);
    for (const r of reusable) expect(names).toContain(`.github/workflows/${r}`);
    expect(names).toContain('.github/workflows/ci.yml');
    for (const ex of ['pr-ci.yml', 'deploy.yml', 'rollback.yml', 'schema-cleanup.yml', 'freshness-schedule.yml', 'grant-policy.yml']) {
      expect(names).toContain(`action-examples/workflows/${ex}`);
    }
  });
});

describe.each(files.map((f) => [rel(f), f]))('%s', (_name, file) => {
  it("passes GitHub's workflow parser (calls into our reusable workflows included)", async () => {
    expect(await githubParserErrors(file)).toEqual([]);
  });

  it('passes actionlint', async () => {
    expect(await actionlintErrors(file)).toEqual([]);
  });

  it('uses only Slipway actions, workflows and inputs that exist', () => {
    expect(usesProblems(file)).toEqual([]);
  });

  it('never runs untrusted code with secrets and declares least-privilege permissions', () => {
    const text = readFileSync(file, 'utf8');
    const wf = loadWorkflow(file);
    expect(Object.keys(wf.on ?? {})).not.toContain('pull_request_target');
    // Anywhere in the parsed workflow (comments may mention it, as a warning).
    expect(JSON.stringify(wf)).not.toMatch(/pull_request_target/);
    void text;
    // Permissions: at the top (workflow default) and/or on every job; never write-all.
    for (const [id, job] of Object.entries(wf.jobs)) {
      expect(job.permissions ?? wf.permissions, `job '${id}' declares permissions`).toBeDefined();
      expect(JSON.stringify(job.permissions ?? wf.permissions)).not.toMatch(/write-all/);
    }
  });
});

describe('reusable workflows', () => {
  const load = (n: string) => loadWorkflow(join(repoRoot, '.github', 'workflows', n));

  it('are all on: workflow_call with documented secrets, rollback also on workflow_dispatch', () => {
    for (const n of reusable) {
      const wf = load(n);
      expect(wf.on.workflow_call, n).toBeDefined();
      for (const [s, def] of Object.entries((wf.on.workflow_call.secrets ?? {}) as Record<string, { description?: string }>)) {
        expect(def?.description, `${n} secret ${s} has a description`).toBeTruthy();
      }
      for (const [i, def] of Object.entries((wf.on.workflow_call.inputs ?? {}) as Record<string, { description?: string }>)) {
        expect(def?.description, `${n} input ${i} has a description`).toBeTruthy();
      }
    }
    expect(load('dbt-rollback.yml').on.workflow_dispatch).toBeDefined();
  });

  it('cancel superseded PR runs, but never an in-flight deploy or rollback', () => {
    const conc = (n: string) => Object.values(load(n).jobs).map((j: any) => j.concurrency).filter(Boolean);
    expect(conc('dbt-pr.yml').some((c: any) => c['cancel-in-progress'] === true)).toBe(true);
    for (const n of ['dbt-deploy.yml', 'dbt-rollback.yml']) {
      const cs = conc(n);
      expect(cs.length, n).toBeGreaterThan(0);
      for (const c of cs as any[]) {
        expect(c['cancel-in-progress'], n).toBe(false);
        expect(String(c.group), n).toMatch(/inputs\.environment/);
      }
    }
    // Deploy and rollback of one environment have separate groups: GitHub keeps one pending run per group,
    // so a shared group lets a merge cancel a queued on-call rollback (#13). DEPLOY_STATE's lock serialises them.
    const group = (n: string) => String((Object.values(load(n).jobs).find((j: any) => j.concurrency) as any).concurrency.group);
    expect(group('dbt-rollback.yml')).not.toBe(group('dbt-deploy.yml'));
    expect(group('dbt-rollback.yml')).toMatch(/^slipway-rollback-/);
    expect(group('dbt-deploy.yml')).toMatch(/^slipway-deploy-/);
    // PR cleanups are not dropped: each closed pull request has its own group; sweeps share one.
    expect(group('dbt-schema-cleanup.yml')).toMatch(/github\.event\.pull_request\.number/);
    expect(group('dbt-schema-cleanup.yml')).toMatch(/'sweep'/);
  });

  it('deploy: abort runs only when the cutover did not happen; state is saved only after it; re-runs overwrite the artifact', () => {
    const steps = (Object.values(load('dbt-deploy.yml').jobs)[0] as any).steps as any[];
    const abort = steps.find((s) => s.with?.phase === 'abort');
    const cutover = steps.find((s) => s.with?.phase === 'cutover');
    expect(cutover.id).toBe('cutover');
    // always(): also when cancelled; gated on the cutover's own outcome and output, not failure() alone
    // (a step failing after a successful cutover must not abort a LIVE deploy).
    expect(abort.if).toMatch(/always\(\)/);
    expect(abort.if).toMatch(/steps\.prepare\.outcome == 'success'/);
    expect(abort.if).toMatch(/steps\.cutover\.outcome != 'success'/);
    expect(abort.if).toMatch(/steps\.cutover\.outputs\.colour == ''/);
    expect(steps.indexOf(abort)).toBeGreaterThan(steps.indexOf(cutover));
    for (const s of steps.filter((x) => x.with?.mode === 'save-state' || String(x.uses).startsWith('actions/upload-artifact'))) {
      expect(s.if, s.name).toMatch(/steps\.cutover\.outcome == 'success'/);
      expect(steps.indexOf(s), s.name).toBeGreaterThan(steps.indexOf(cutover));
    }
    const upload = steps.find((x) => String(x.uses).startsWith('actions/upload-artifact'));
    expect(upload.with.overwrite).toBe(true);
  });

  it('skip warehouse steps on fork PRs with a notice rather than failing', () => {
    for (const n of ['dbt-pr.yml', 'dbt-schema-cleanup.yml', 'grant-policy.yml']) {
      const text = readFileSync(join(repoRoot, '.github', 'workflows', n), 'utf8');
      expect(text, n).toMatch(/head\.repo\.full_name/);
      expect(text, n).toMatch(/::notice/);
    }
  });

  it('reference Slipway actions by the published form, never ./ (which would resolve in the caller)', () => {
    for (const n of reusable) {
      const wf = load(n);
      for (const job of Object.values(wf.jobs)) {
        for (const step of job.steps ?? []) {
          if (!step.uses) continue;
          expect(step.uses.startsWith('./'), `${n}: ${step.uses}`).toBe(false);
          if (step.uses.includes('/actions/')) expect(slipwayActionOf(step.uses), step.uses).toBeDefined();
        }
      }
    }
  });
});

describe('usage snippets in docs', () => {
  const pages = [
    ...(existsSync(join(repoRoot, 'docs')) ? readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(repoRoot, 'docs', f)) : []),
    ...(existsSync(join(repoRoot, 'README.md')) ? [join(repoRoot, 'README.md')] : []),
  ];
  it.each(pages.map((p) => [rel(p), p]))('%s uses only Slipway actions and inputs that exist', (_n, page) => {
    expect(markdownSnippetProblems(page)).toEqual([]);
  });
});

describe('docs/workflows.md', () => {
  it('is generated from the reusable workflows (npx tsx scripts/action-docs.ts workflows > docs/workflows.md)', () => {
    expect(readFileSync(join(repoRoot, 'docs', 'workflows.md'), 'utf8')).toBe(renderWorkflowDocs());
  });
});

describe('the validators catch mistakes', () => {
  it('GitHub parser: an input the reusable workflow does not declare', async () => {
    const { mkdtempSync, writeFileSync, rmSync, mkdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'slipway-wf-'));
    try {
      mkdirSync(join(dir, 'wf'));
      const f = join(dir, 'wf', 'bad.yml');
      writeFileSync(
        f,
        [
          'on: pull_request',
          'permissions: {}',
          'jobs:',
          '  ci:',
          '    uses: slipway-dev/slipway/.github/workflows/dbt-pr.yml@v1',
          '    with:',
          '      no-such-input: x',
          '',
        ].join('\n'),
      );
      const errs = await githubParserErrors(f);
      expect(errs.join('\n')).toMatch(/no-such-input is not defined in the referenced workflow/);
      expect(usesProblems(f).join('\n')).toMatch(/input 'no-such-input' is not declared by \.github\/workflows\/dbt-pr\.yml/);
      writeFileSync(f, ['on: push', 'permissions: {}', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo ${{ inputs.nope }}', '      - uses: slipway-dev/slipway/actions/no-such-action@v1', ''].join('\n'));
      expect((await actionlintErrors(f)).join('\n')).toMatch(/property "nope" is not defined/);
      expect(usesProblems(f).join('\n')).toMatch(/actions\/no-such-action\/action.yml does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
