/**
 * Selection conformance: `slipway select` (the CLI, in-process) against
 * answers recorded from real dbt-core `dbt ls` (test/conformance/recorded/,
 * re-recorded by `node scripts/regen-conformance.mjs`). Every recorded
 * (mutation, direction, selector) must give exactly dbt's set, or dbt's
 * failure. No dbt is needed here.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSlipway } from '../helpers/cli.js';
import { repoRoot } from '../helpers/dbt.js';
// @ts-expect-error plain ESM helper shared with scripts/regen-conformance.mjs
import { unpackManifest } from './pack.mjs';
import { slipwayArgs } from './args.js';

interface Case {
  mutation: string;
  /** A variant of the base project (e.g. a dbt flag set), see VARIANTS in mutations.mjs. */
  variant?: string;
  direction: 'forward' | 'reverse';
  args: string[];
  ids?: string[];
  error?: string;
}

const dir = join(repoRoot, 'test', 'conformance', 'recorded');
const answers = JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8')) as {
  dbtVersion: string;
  mutations: Record<string, string>;
  variants?: Record<string, { why: string; slipwayArgs: string[] }>;
  cases: Case[];
};
const pack = JSON.parse(readFileSync(join(dir, 'manifests.json'), 'utf8'));

const tmp = mkdtempSync(join(tmpdir(), 'slipway-conformance-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const written = new Map<string, string>();
/** The folder holding one recorded manifest (dbt's target/), written once. */
function stateDir(name: string): string {
  let d = written.get(name);
  if (!d) {
    d = join(tmp, name);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'manifest.json'), JSON.stringify(unpackManifest(pack, name)));
    written.set(name, d);
  }
  return d;
}

async function slipwaySelect(c: Case): Promise<{ ids?: string[]; code: number; err: string }> {
  const base = c.variant ?? 'base';
  const mutated = c.variant ? `${c.variant}--${c.mutation}` : c.mutation;
  const [current, state] = c.direction === 'forward' ? [mutated, base] : [base, mutated];
  const extra = c.variant ? (answers.variants?.[c.variant]?.slipwayArgs ?? []) : [];
  const r = await runSlipway(['select', '--state', stateDir(state), '--manifest', join(stateDir(current), 'manifest.json'), ...slipwayArgs(c.args), ...extra, '--format', 'json']);
  return { code: r.code, err: r.err, ids: r.code === 0 ? (JSON.parse(r.out).selected as string[]) : undefined };
}

describe(`selection conformance with dbt ${answers.dbtVersion} (${answers.cases.length} recorded cases)`, () => {
  it('the recording covers every state: sub-selector, both directions and the operator matrix', () => {
    const flat = answers.cases.map((c) => c.args.join(' '));
    for (const v of ['modified', 'modified.body', 'modified.configs', 'modified.relation', 'modified.persisted_descriptions', 'modified.macros', 'modified.contract', 'new', 'old', 'unmodified']) {
      expect(flat.some((a) => a.split(/[ ,]/).some((t) => t.replace(/^[@\d+]*/, '').replace(/\+\d*$/, '') === `state:${v}`)), v).toBe(true);
    }
    for (const mode of ['cautious', 'buildable', 'empty']) expect(flat.some((a) => a.includes(`--indirect-selection ${mode}`))).toBe(true);
    expect(new Set(answers.cases.map((c) => c.direction))).toEqual(new Set(['forward', 'reverse']));
    // real dbt must have selected something non-trivial in most mutations
    expect(answers.cases.filter((c) => c.ids && c.ids.length > 0).length).toBeGreaterThan(answers.cases.length / 3);
  });

  it('an unknown --resource-type is a usage error naming the valid types', async () => {
    const r = await runSlipway(['select', '--state', stateDir('base'), '--manifest', join(stateDir('base'), 'manifest.json'), '--resource-type', 'modle']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown resource type "modle" in --resource-type[\s\S]*all, default, model/);
  });

  const byMutation = new Map<string, Case[]>();
  for (const c of answers.cases) {
    const key = c.variant ? `${c.variant}--${c.mutation}` : c.mutation;
    byMutation.set(key, [...(byMutation.get(key) ?? []), c]);
  }
  for (const [key, cases] of byMutation) {
    const { mutation, variant } = cases[0]!;
    it(`${key}: ${answers.mutations[mutation]}${variant ? ` (${answers.variants?.[variant]?.why})` : ''}`, async () => {
      const diffs: string[] = [];
      for (const c of cases) {
        const got = await slipwaySelect(c);
        const label = `[${c.direction}] dbt ls ${c.args.join(' ')}`;
        if (c.error !== undefined) {
          if (got.code !== 1) diffs.push(`${label}: dbt failed (${c.error.split('\n')[0]}), slipway exit ${got.code}${got.ids ? ` with ${got.ids.length} ids` : `: ${got.err.trim()}`}`);
          continue;
        }
        if (got.code !== 0) {
          diffs.push(`${label}: slipway exit ${got.code}: ${got.err.trim()}`);
          continue;
        }
        const want = new Set(c.ids);
        const have = new Set(got.ids);
        const missing = [...want].filter((x) => !have.has(x));
        const extra = [...have].filter((x) => !want.has(x));
        if (missing.length || extra.length) diffs.push(`${label}: missing ${JSON.stringify(missing)} extra ${JSON.stringify(extra)}`);
      }
      expect(diffs).toEqual([]);
    });
  }
});
