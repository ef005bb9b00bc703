import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import YAML from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { GateFailure, UserError } from '../../shared/errors.js';
import type { GitHubReporter, StickyCommentRequest } from '../../shared/github/types.js';
import { COMMENT_MARKER, grantPolicyAction } from '../../actions/grant-policy/action.js';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { runSlipway } from '../helpers/cli.js';
import { actionInputs as fakeInputs } from '../helpers/inputs.js';
import { repoRoot } from '../helpers/fixtures.js';
import { gpar, onDb, planJson, rc } from './helpers.js';

const G = 'snowflake_grant_privileges_to_account_role';
const dir = mkdtempSync(join(tmpdir(), 'slipway-policy-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const denyPlan = file('deny.json', planJson([rc(`${G}.pub`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"ANALYTICS"')) })]));
const warnPlan = file('warn.json', planJson([rc(`${G}.go`, ['create'], { after: gpar('"LOADER"', ['USAGE'], { ...onDb('"RAW"'), with_grant_option: true }) })]));
const mixedPlan = file('mixed.json', planJson([
  rc(`${G}.pub`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"ANALYTICS"')) }),
  rc(`${G}.go`, ['create'], { after: gpar('"LOADER"', ['USAGE'], { ...onDb('"RAW"'), with_grant_option: true }) }),
]));
const cleanPlan = file('clean.json', planJson([rc(`${G}.ok`, ['create'], { after: gpar('"LOADER"', ['USAGE'], onDb('"RAW"')) })]));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runSlipway(args);
  return { code: r.code, stdout: r.out, stderr: r.err };
}

describe('slipway policy', () => {
  afterEach(() => {
    process.exitCode = 0;
  });

  it('exit 1 on deny, 0 on warn, 1 on warn with --fail-on-warn, 0 when clean', async () => {
    expect((await cli('policy', '--plan', denyPlan)).code).toBe(1);
    const w = await cli('policy', '--plan', warnPlan);
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/SF-GRANT-OPTION/);
    expect((await cli('policy', '--plan', warnPlan, '--fail-on-warn')).code).toBe(1);
    expect((await cli('policy', '--plan', cleanPlan)).code).toBe(0);
  });

  it('--format json prints { findings, summary } on stdout only; sarif/junit/github too', async () => {
    const j = await cli('policy', '--plan', denyPlan, '--plan', warnPlan, '--format', 'json');
    const parsed = JSON.parse(j.stdout);
    expect(parsed.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['SF-NO-PUBLIC', 'SF-GRANT-OPTION']));
    expect(parsed.summary).toMatchObject({ result: 'fail', deny: 1 });
    expect(JSON.parse((await cli('policy', '--plan', denyPlan, '--format', 'sarif')).stdout).version).toBe('2.1.0');
    expect((await cli('policy', '--plan', denyPlan, '--format', 'junit')).stdout).toMatch(/^<\?xml/);
    expect((await cli('policy', '--plan', denyPlan, '--format', 'github')).stdout).toMatch(/^::error /);
  });

  it('bad input exits 2 with the problem and the fix: not JSON, not a plan, bad config, bad format', async () => {
    const notJson = await cli('policy', '--plan', file('x.json', 'nope'));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/not valid JSON[\s\S]*How to fix: .*terraform show -json/);
    expect((await cli('policy', '--plan', file('y.json', '{"a":1}'))).code).toBe(2);
    const badCfg = await cli('policy', '--plan', cleanPlan, '--config', file('c.yml', 'rules:\n  SF-NO-PUBLIC: maybe\n'));
    expect(badCfg.code).toBe(2);
    expect(badCfg.stderr).toMatch(/c\.yml:2:3 rules\.SF-NO-PUBLIC/);
    expect((await cli('policy', '--plan', cleanPlan, '--format', 'xml')).code).toBe(2);
    expect((await cli('policy')).code).toBe(2);
  });

  it('an unknown format_version warns on stderr and still evaluates', async () => {
    const p = file('future.json', planJson([rc(`${G}.pub`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"ANALYTICS"')) })], { format_version: '3.0' }));
    const r = await cli('policy', '--plan', p);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/warning: .*format_version 3.0/);
  });
});

function fakeReporter(fail = false): GitHubReporter & { comments: StickyCommentRequest[] } {
  const comments: StickyCommentRequest[] = [];
  return {
    comments,
    async upsertStickyComment(req) {
      if (fail) throw new Error('403 Resource not accessible by integration');
      comments.push(req);
      return { id: 1, action: 'created' };
    },
    async startCheckRun() {
      throw new Error('not used');
    },
  };
}

const event = { repo: { owner: 'acme', repo: 'data' }, pullRequest: { number: 7, headSha: 'h', baseRef: 'main', baseSha: 'b', isFork: false } };

describe('grant-policy action', () => {
  it('annotates, writes the job summary, SARIF and the sticky comment, sets outputs, then fails on deny', async () => {
    const rt = new CliRuntime({ write: () => {} });
    const reporter = fakeReporter();
    const sarif = join(dir, 'out', 'policy.sarif');
    const err = await grantPolicyAction(rt, fakeInputs({ plan: mixedPlan, 'sarif-file': sarif, 'github-token': 'ghs_secret_token' }), event, { reporter }).catch((e) => e);
    expect(err).toBeInstanceOf(GateFailure);
    expect(err.message).toMatch(/1 deny finding/);
    expect(rt.annotations.map((a) => `${a.level} ${a.props?.title}`).sort()).toEqual(['error SF-NO-PUBLIC', 'warning SF-GRANT-OPTION']);
    expect(rt.annotations.find((a) => a.level === 'error')!.props).toMatchObject({ file: mixedPlan, startLine: expect.any(Number) });
    expect(rt.summaries[0]).toMatch(/Grant policy: failed/);
    expect(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results).toHaveLength(2);
    expect(reporter.comments).toHaveLength(1);
    expect(reporter.comments[0]).toMatchObject({ owner: 'acme', repo: 'data', issueNumber: 7, marker: COMMENT_MARKER });
    expect(COMMENT_MARKER).toBe('grant-policy');
    expect(rt.outputs).toMatchObject({ result: 'fail', 'deny-count': '1', 'warn-count': '1', 'excepted-count': '0', 'sarif-file': sarif });
  });

  it('passes on warnings (unless fail-on-warn), skips the comment outside PRs or when disabled, survives a failing comment', async () => {
    const rt = new CliRuntime({ write: () => {} });
    const reporter = fakeReporter();
    const r = await grantPolicyAction(rt, fakeInputs({ plan: warnPlan }), { repo: event.repo }, { reporter });
    expect(r.summary.result).toBe('pass');
    expect(reporter.comments).toHaveLength(0);
    await grantPolicyAction(new CliRuntime({ write: () => {} }), fakeInputs({ plan: warnPlan, comment: 'false' }), event, { reporter });
    expect(reporter.comments).toHaveLength(0);
    await expect(grantPolicyAction(new CliRuntime({ write: () => {} }), fakeInputs({ plan: warnPlan, 'fail-on-warn': 'true' }), event, { reporter })).rejects.toThrow(/warning\(s\) with fail-on-warn/);
    const rt2 = new CliRuntime({ write: () => {} });
    await grantPolicyAction(rt2, fakeInputs({ plan: cleanPlan }), event, { reporter: fakeReporter(true) });
    expect(rt2.annotations.some((a) => a.level === 'warning' && /Could not post the grant-policy PR comment/.test(a.message))).toBe(true);
  });

  it('caps annotations at 50, deny first, and says how many were left out', async () => {
    const many = file('many.json', planJson([
      ...Array.from({ length: 40 }, (_, i) => rc(`${G}.go${i}`, ['create'], { after: gpar('"LOADER"', ['USAGE'], { ...onDb('"RAW"'), with_grant_option: true }) })),
      ...Array.from({ length: 30 }, (_, i) => rc(`${G}.pub${i}`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"ANALYTICS"')) })),
    ]));
    const lines: string[] = [];
    const rt = new CliRuntime({ write: (l) => lines.push(l) });
    await expect(grantPolicyAction(rt, fakeInputs({ plan: many, comment: 'false' }), event)).rejects.toBeInstanceOf(GateFailure);
    expect(rt.annotations).toHaveLength(50);
    expect(rt.annotations.filter((a) => a.level === 'error')).toHaveLength(30);
    expect(lines.join('\n')).toMatch(/20 more finding\(s\) are not annotated/);
  });

  it('bad inputs are UserErrors', async () => {
    await expect(grantPolicyAction(new CliRuntime({ write: () => {} }), fakeInputs({ plan: '' }), event, { reporter: fakeReporter() })).rejects.toBeInstanceOf(UserError);
    await expect(grantPolicyAction(new CliRuntime({ write: () => {} }), fakeInputs({ plan: join(dir, 'missing.json') }), event, { reporter: fakeReporter() })).rejects.toBeInstanceOf(UserError);
  });

  it('action.yml declares the documented inputs/outputs and runs on node24', () => {
    const y = YAML.parse(readFileSync(join(repoRoot, 'actions', 'grant-policy', 'action.yml'), 'utf8'));
    expect(Object.keys(y.inputs)).toEqual(['plan', 'config', 'fail-on-warn', 'comment', 'sarif-file', 'github-token']);
    expect(Object.keys(y.outputs)).toEqual(['result', 'deny-count', 'warn-count', 'excepted-count', 'sarif-file']);
    expect(y.runs).toEqual({ using: 'node24', main: '../../dist/grant-policy/index.js' });
    for (const v of [...Object.values(y.inputs), ...Object.values(y.outputs)] as { description: string }[]) expect(v.description.length).toBeGreaterThan(10);
  });

  it('docs/grant-policy.md: inputs/outputs tables match action.yml exactly; every rule is in the catalogue', async () => {
    const y = YAML.parse(readFileSync(join(repoRoot, 'actions', 'grant-policy', 'action.yml'), 'utf8'));
    const doc = readFileSync(join(repoRoot, 'docs', 'grant-policy.md'), 'utf8');
    for (const [name, v] of Object.entries(y.inputs) as [string, { description: string; required?: boolean; default?: string }][]) {
      const def = v.default === undefined ? '' : `\`${v.default}\``;
      expect(doc).toContain(`| \`${name}\` | ${v.required ? 'yes' : 'no'} | ${def} | ${v.description} |`);
    }
    for (const [name, v] of Object.entries(y.outputs) as [string, { description: string }][]) expect(doc).toContain(`| \`${name}\` | ${v.description} |`);
    const { RULE_CATALOGUE } = await import('../../shared/policy/index.js');
    for (const r of RULE_CATALOGUE) expect(doc).toContain(`\`${r.id}\` | ${r.level}`);
  });

  it('never loads snowflake-sdk or warehouse code (static import graph of the entry)', () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:import|export)\s+(?!type\b)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2]!;
        if (spec.startsWith('.')) {
          const ts = resolve(dirname(f), spec).replace(/\.js$/, '.ts');
          if (existsSync(ts)) visit(ts);
        } else external.add(spec);
      }
    };
    visit(join(repoRoot, 'actions', 'grant-policy', 'index.ts'));
    expect([...seen].some((f) => f.includes('/shared/policy/engine.ts'))).toBe(true);
    expect([...seen].filter((f) => f.includes('/shared/warehouse/'))).toEqual([]);
    expect([...external].filter((s) => s.includes('snowflake'))).toEqual([]);
  });
});
