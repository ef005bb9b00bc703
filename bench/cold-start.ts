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
  'freshness-gate': { env: { INPUT_MODE: 'sometimes' }, names: "Unknown freshness mode 'sometimes'" },
  'grant-policy': { env: {}, names: 'Input plan is empty' },
  'pr-schema': { env: { 'INPUT_PR-NUMBER': '12x' }, names: 'pr-number' },
  rollback: { env: {}, names: 'reason' },
  'schema-cleanup': { env: { INPUT_MODE: 'everything' }, names: 'Input mode must be auto, pr or sweep' },
  'slim-ci': { env: { INPUT_MODE: 'sometimes' }, names: 'Input mode must be check or save-state' },
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Reports the child's own CPU time (user + system) on exit, on stderr, so load from other processes counts less. */
const CPU_PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\n@cpu '+((u.user+u.system)/1000).toFixed(1)+'\\n')})`;

interface Run {
  ms: number;
  cpuMs: number;
  status: number | null;
  out: string;
}

function time(args: string[], env: NodeJS.ProcessEnv, cwd: string): Run {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', CPU_PROBE, ...args], { env, cwd, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = /@cpu ([\d.]+)/.exec(r.stderr ?? '');
  return { ms, cpuMs: cpu ? Number(cpu[1]) : NaN, status: r.status, out: `${r.stdout}${(r.stderr ?? '').replace(/\n@cpu [\d.]+\n/, '')}` };
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

// Interleaved rounds: every round runs the bare start and each action once, so load from
// other processes falls on all of them alike. Wall time: minimum and median; CPU: median.
const actions = readdirSync(join(repo, 'actions')).filter((a) => existsSync(join(work, 'dist', a, 'index.js'))).sort();
const runs = new Map<string, Run[]>([['node -e 0', []], ...actions.map((a) => [a, []] as [string, Run[]])]);
for (let i = 0; i < RUNS; i++) {
  runs.get('node -e 0')!.push(time(['-e', '0'], base, cwd));
  for (const a of actions) {
    const c = CASES[a] ?? { env: {}, names: '' };
    runs.get(a)!.push(time([join(work, 'dist', a, 'index.js')], { ...base, GITHUB_OUTPUT: outFile, ...c.env }, cwd));
  }
}
const stats = (rs: Run[]) => ({ min: Math.min(...rs.map((r) => r.ms)), med: median(rs.map((r) => r.ms)), cpu: median(rs.map((r) => r.cpuMs)) });
const bare = stats(runs.get('node -e 0')!);
const fmt = (n: number) => `${n.toFixed(0)} ms`.padStart(8);
console.log(`${RUNS} interleaved rounds; wall min / median, CPU median; × = wall min over node -e 0's (target ≤ 2×)`);
console.log(`${'node -e 0'.padEnd(18)}${fmt(bare.min)}${fmt(bare.med)}${fmt(bare.cpu)}`);
let bad = 0;
for (const a of actions) {
  const c = CASES[a] ?? { env: {}, names: '' };
  const rs = runs.get(a)!;
  const last = rs[rs.length - 1]!;
  const ok = last.status === 2 && /::error::/.test(last.out) && last.out.includes(c.names);
  if (!ok) bad++;
  const st = stats(rs);
  console.log(`${a.padEnd(18)}${fmt(st.min)}${fmt(st.med)}${fmt(st.cpu)}   ${(st.min / bare.min).toFixed(2)}× wall, ${(st.cpu / bare.cpu).toFixed(2)}× CPU${ok ? '' : `   (did not reject the input as expected: exit ${last.status}; ${last.out.trim().split('\n')[0]!.slice(0, 160)})`}`);
}
rmSync(work, { recursive: true, force: true });
if (bad) console.log(`${bad} action(s) did not fail on the input as expected`);
process.exit(bad ? 1 : 0);
