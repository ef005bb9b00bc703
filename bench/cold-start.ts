/**
 * Cold start of every action: how long the bundled action takes to reject an
 * input error (a missing required input or a bad value), next to a bare
 * `node -e 0`. The target is at most 2× the bare start: an input error must
 * not wait for the GitHub client, the cache library, schemas or the CLI
 * framework to load.
 *
 * The actions are bundled exactly as `npm run build` bundles them
 * (scripts/build.mjs) but into a temporary folder, never into dist/.
 * Prints figures; never fails on timing (it fails only if an action does not
 * reject the input with exit code 2 and a ::error:: line naming it).
 *
 *   npx tsx bench/cold-start.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, existsSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = Number(process.argv[2] ?? 9);
const repo = resolve(import.meta.dirname, '..');

/** Per action: the INPUT_* that make it fail on input, and what the error must name. */
const CASES: Record<string, { env: Record<string, string>; names: string }> = {
  'blue-green-swap': { env: {}, names: "Input 'phase' is required" },
  'freshness-gate': { env: { INPUT_MODE: 'sometimes' }, names: 'mode' },
  'grant-policy': { env: {}, names: 'plan' },
  'pr-schema': { env: { INPUT_RECREATE: 'maybe' }, names: "Input 'recreate' must be true or false" },
  rollback: { env: {}, names: "Input 'reason' is required" },
  'schema-cleanup': { env: { INPUT_MODE: 'everything' }, names: 'mode' },
  'slim-ci': { env: { INPUT_MODE: 'sometimes' }, names: 'mode' },
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(args: string[], env: NodeJS.ProcessEnv, cwd: string): { ms: number; status: number | null; out: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, cwd, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status, out: `${r.stdout}${r.stderr}` };
}

// 1. Bundle into a temp folder: scripts/build.mjs writes <cwd>/dist, so run it from a folder that links the sources.
const work = mkdtempSync(join(tmpdir(), 'slipway-cold-'));
for (const d of ['actions', 'shared', 'node_modules', 'package.json', 'tsconfig.json']) symlinkSync(join(repo, d), join(work, d));
const built = spawnSync(process.execPath, [join(repo, 'scripts', 'build.mjs')], { cwd: work, encoding: 'utf8' });
if (built.status !== 0) {
  process.stderr.write(built.stdout + built.stderr);
  process.exit(1);
}

// 2. A clean environment: no GitHub variables, no inputs, an empty workspace.
const base: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(k)));
const cwd = join(work, 'workspace');
mkdirSync(cwd);
const outFile = join(work, 'github_output');

const bare = median(Array.from({ length: RUNS }, () => time(['-e', '0'], base, cwd).ms));
console.log(`node -e 0: ${bare.toFixed(0)} ms (median of ${RUNS})`);
console.log('action              input error   × node -e 0');
let bad = 0;
const actions = readdirSync(join(repo, 'actions')).filter((a) => existsSync(join(work, 'dist', a, 'index.js'))).sort();
for (const a of actions) {
  const c = CASES[a] ?? { env: {}, names: '' };
  const env = { ...base, GITHUB_OUTPUT: outFile, ...c.env };
  const runs = Array.from({ length: RUNS }, () => time([join(work, 'dist', a, 'index.js')], env, cwd));
  const last = runs[runs.length - 1]!;
  const ok = last.status === 2 && /::error::/.test(last.out) && last.out.includes(c.names);
  if (!ok) bad++;
  const ms = median(runs.map((r) => r.ms));
  console.log(`${a.padEnd(20)}${`${ms.toFixed(0)} ms`.padStart(11)}   ${(ms / bare).toFixed(2)}×${ok ? '' : `   (did not reject the input as expected: exit ${last.status}; ${last.out.split('\n')[0]!.slice(0, 160)})`}`);
}
rmSync(work, { recursive: true, force: true });
if (bad) console.log(`${bad} action(s) did not fail on the input as expected`);
process.exit(bad ? 1 : 0);
