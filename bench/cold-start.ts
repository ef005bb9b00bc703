/**
 * Cold start of every action: how long the bundled action takes to reject an
 * input error (a missing required input or a bad value), next to a bare
 * `node -e 0`. The target is at most 2× the bare start: an input error must
 * not wait for the GitHub client, the cache library, schemas or the CLI
 * framework to load.
 *
 * The actions are bundled exactly as `npm run build` bundles them
 * (scripts/build.mjs) but into a temporary folder, never into dist/.
 * Each action is measured on the input error in bench/_cold-start.ts.
 * Prints figures; never fails on timing (it fails only if an action does not
 * reject the input with exit code 2 and a ::error:: line naming it).
 *
 *   npx tsx bench/cold-start.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildIntoTemp, cleanEnv, CONNECTION_ERRORS, INPUT_ERRORS, NO_CONNECTION, repo, staticClosure, withoutConnection } from './_cold-start.js';

const RUNS = Number(process.argv[2] ?? 9);

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

// 1. Bundle into a temp folder, as scripts/build.mjs bundles dist/.
const { work, dist, cleanup } = buildIntoTemp();

// 2. A clean environment: no GitHub variables, no inputs, an empty workspace.
const base = cleanEnv();
const cwd = join(work, 'workspace');
mkdirSync(cwd);
const outFile = join(work, 'github_output');

const actions = readdirSync(join(repo, 'actions')).sort();
const missing = actions.filter((a) => !INPUT_ERRORS[a]);
if (missing.length) {
  console.log(`No input error to measure for ${missing.join(', ')}: add one to INPUT_ERRORS in bench/_cold-start.ts.`);
  cleanup();
  process.exit(1);
}

// Interleaved rounds: every round runs the bare start and each action once, so load from
// other processes falls on all of them alike. Wall time: minimum and median; CPU: median.
const connecting = Object.keys(CONNECTION_ERRORS).sort();
const runs = new Map<string, Run[]>([['node -e 0', []], ...[...actions, ...connecting.map((a) => `${a} (connection)`)].map((a) => [a, []] as [string, Run[]])]);
for (let i = 0; i < RUNS; i++) {
  runs.get('node -e 0')!.push(time(['-e', '0'], base, cwd));
  for (const a of actions) {
    const c = INPUT_ERRORS[a]!;
    runs.get(a)!.push(time([join(dist, a, 'index.js')], { ...base, GITHUB_OUTPUT: outFile, ...c.env }, cwd));
  }
  for (const a of connecting) runs.get(`${a} (connection)`)!.push(time([join(dist, a, 'index.js')], { ...withoutConnection(base, cwd), GITHUB_OUTPUT: outFile, ...CONNECTION_ERRORS[a] }, cwd));
}
const stats = (rs: Run[]) => ({ min: Math.min(...rs.map((r) => r.ms)), med: median(rs.map((r) => r.ms)), cpu: median(rs.map((r) => r.cpuMs)) });
const bare = stats(runs.get('node -e 0')!);
const fmt = (n: number) => `${n.toFixed(0)} ms`.padStart(8);
console.log(`${RUNS} interleaved rounds. Wall time min / median and CPU median of rejecting the input; × = the action's over node -e 0's (target ≤ 2.0× wall min); KB = code loaded before the rejection (static imports of the bundle)`);
console.log(`${''.padEnd(18)}${'min'.padStart(8)}${'median'.padStart(8)}${'CPU'.padStart(8)}`);
console.log(`${'node -e 0'.padEnd(18)}${fmt(bare.min)}${fmt(bare.med)}${fmt(bare.cpu)}`);
let bad = 0;
let over = 0;
for (const a of actions) {
  const c = INPUT_ERRORS[a]!;
  const rs = runs.get(a)!;
  const last = rs[rs.length - 1]!;
  const ok = last.status === 2 && /::error::/.test(last.out) && last.out.includes(c.names);
  if (!ok) bad++;
  const st = stats(rs);
  const ratio = st.min / bare.min;
  if (ratio > 2) over++;
  const kb = staticClosure(join(dist, a, 'index.js'), dist).reduce((n, f) => n + statSync(join(dist, f)).size, 0) / 1024;
  console.log(
    `${a.padEnd(18)}${fmt(st.min)}${fmt(st.med)}${fmt(st.cpu)}   ${ratio.toFixed(2)}× ${ratio <= 2 ? '✓' : '✗'} wall, ${(st.cpu / bare.cpu).toFixed(2)}× CPU, ${kb.toFixed(0)} KB` +
      (ok ? '' : `   (did not reject the input as expected: exit ${last.status}; ${last.out.trim().split('\n')[0]!.slice(0, 160)})`),
  );
}
console.log(`${actions.length - over} of ${actions.length} actions within 2× of node -e 0`);
console.log(`\nPast the input check (good inputs, no warehouse connection configured): the body loads and stops at '${NO_CONNECTION}' (not held to the target)`);
for (const a of connecting) {
  const rs = runs.get(`${a} (connection)`)!;
  const last = rs[rs.length - 1]!;
  const ok = last.status === 2 && last.out.includes(NO_CONNECTION);
  if (!ok) bad++;
  const st = stats(rs);
  console.log(
    `${a.padEnd(18)}${fmt(st.min)}${fmt(st.med)}${fmt(st.cpu)}   ${(st.min / bare.min).toFixed(2)}× wall, ${(st.cpu / bare.cpu).toFixed(2)}× CPU` +
      (ok ? '' : `   (did not stop at the connection: exit ${last.status}; ${last.out.trim().split('\n')[0]!.slice(0, 160)})`),
  );
}
cleanup();
if (bad) console.log(`${bad} run(s) did not fail as expected`);
process.exit(bad ? 1 : 0);
