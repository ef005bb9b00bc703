/**
 * Slipway's slim CI against plain dbt, with real dbt on a real PostgreSQL
 * (issue 12, "Speed"): the wall time of Slipway's orchestration (restore state,
 * ONE `dbt build --select state:modified+ --defer --state`, then selection on
 * the manifest that run wrote, report) over the same dbt command run by hand,
 * on the same project and change (test/dbt-projects/shop, one model edited),
 * each from a fresh checkout as CI has it. Target ratio ≤ 1.10. The two are
 * run in alternating order each round (the machine may be shared: the load
 * average is printed too), and Slipway's own time (everything but the dbt
 * process) is given separately. Prints figures; never asserts on time.
 * Skips, saying why, without dbt or PostgreSQL.
 *
 *   npx tsx bench/realdbt-slim-ci.ts        (BENCH_RUNS=5 for more rounds)
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CliRuntime } from '../shared/runtime/cli-runtime.js';
import { runSlimCi } from '../shared/slim-ci/run.js';
import { saveState } from '../shared/slim-ci/state.js';
import { LocalDirStateCache } from '../shared/slim-ci/state-cache.js';
import { findDbt } from '../demo/real-dbt.js';
import { postgresServer } from './_pg.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const cpus = availableParallelism();

function dbtBin(): string | undefined {
  const found = findDbt();
  if (found.bin) return found.bin;
  const shared = resolve(repo, '..', 'shared', 'tools', 'dbt', 'bin', 'dbt');
  if (existsSync(shared) && !process.env.SLIPWAY_DBT) return findDbt({ ...process.env, SLIPWAY_DBT: shared }).bin;
  console.log(`skipped: no real dbt (${found.why}; nor ../shared/tools/dbt)`);
  return undefined;
}

function run(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((res, rej) => {
    const c = spawn(bin, args, { cwd, env, stdio: 'ignore' });
    c.on('error', rej);
    c.on('close', (code) => res(code ?? 1));
  });
}

/** A quiet runtime that times the dbt process (runSlimCi runs it inside the group `dbt <subcommand>`). */
class TimingRuntime extends CliRuntime {
  dbtMs = 0;
  dbtRuns = 0;
  constructor() {
    super({ write: () => undefined });
  }
  override async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    if (!title.startsWith('dbt ')) return super.group(title, fn);
    const t = performance.now();
    try {
      return await super.group(title, fn);
    } finally {
      this.dbtMs += performance.now() - t;
      this.dbtRuns++;
    }
  }
}

/**
 * CPU seconds (user + system) of every finished child process and its
 * descendants (Linux /proc/self/stat cutime + cstime): a load-independent
 * measure of what dbt itself cost, next to the wall times. Undefined elsewhere.
 */
const clockTicks = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout) > 0 ? Number(r.stdout) : 100;
})();
function childCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[13]) + Number(f[14])) * 1000) / clockTicks;
  } catch {
    return undefined;
  }
}
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function main(): Promise<void> {
  const bin = dbtBin();
  if (!bin) return;
  const server = await postgresServer();
  if (!server) return console.log('skipped: no PostgreSQL server');
  const dbname = `bench_realdbt_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbname}`);
  const tmp = mkdtempSync(join(tmpdir(), 'slipway-bench-realdbt-'));
  try {
    const u = new URL(server.url);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SHOP_PG_HOST: u.hostname,
      SHOP_PG_PORT: u.port || '5432',
      SHOP_PG_USER: decodeURIComponent(u.username) || 'postgres',
      SHOP_PG_PASSWORD: decodeURIComponent(u.password),
      SHOP_PG_DBNAME: dbname,
      DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
      DBT_USE_COLORS: 'false',
      DO_NOT_TRACK: '1',
    };
    let n = 0;
    const checkout = (edit: boolean): string => {
      const dir = join(tmp, `checkout-${++n}`);
      cpSync(join(repo, 'test', 'dbt-projects', 'shop'), dir, { recursive: true });
      mkdirSync(join(dir, 'macros'), { recursive: true });
      cpSync(join(repo, 'action-examples', 'dbt', 'macros', 'generate_schema_name.sql'), join(dir, 'macros', 'generate_schema_name.sql'));
      if (edit) {
        const f = join(dir, 'models', 'marts', 'customers.sql');
        writeFileSync(f, readFileSync(f, 'utf8').replace('as order_count', 'as order_count, coalesce(sum(o.amount), 0) as lifetime_value'));
      }
      return dir;
    };

    // Production: a real build, its artifacts saved as slim CI's state.
    const prod = checkout(false);
    const code = await run(bin, ['build', '--target', 'prod', '--profiles-dir', prod], prod, env);
    if (code !== 0) throw new Error(`the production dbt build failed (exit ${code})`);
    const cache = new LocalDirStateCache(join(tmp, 'cache'));
    const quiet = new CliRuntime({ write: () => undefined });
    await saveState({ target: 'prod', sha: 'a'.repeat(40), manifestPath: join(prod, 'target', 'manifest.json'), runResultsPath: join(prod, 'target', 'run_results.json'), cache, stateDir: join(tmp, 'staging'), rt: quiet });
    const prodState = join(tmp, 'prod-state');
    mkdirSync(prodState, { recursive: true });
    cpSync(join(prod, 'target', 'manifest.json'), join(prodState, 'manifest.json'));

    const plain: number[] = [];
    const slipway: number[] = [];
    const own: number[] = [];
    const ratios: number[] = [];
    const plainCpu: number[] = [];
    const slipwayCpu: number[] = [];
    console.log(`load average at start: ${load()}`);
    for (let i = 0; i < RUNS; i++) {
      const timePlain = async () => {
        const a = checkout(true);
        const c0 = childCpuMs();
        const t = performance.now();
        const pc = await run(bin, ['build', '--select', 'state:modified+', '--defer', '--state', prodState, '--target', 'ci', '--profiles-dir', a], a, { ...env, DBT_SCHEMA: 'ci_plain' });
        plain.push(performance.now() - t);
        if (c0 !== undefined) plainCpu.push(childCpuMs()! - c0);
        if (pc !== 0) throw new Error(`plain dbt build failed (exit ${pc})`);
      };
      const timeSlipway = async () => {
        const b = checkout(true);
        const rt = new TimingRuntime();
        const c0 = childCpuMs();
        const o0 = ownCpuMs();
        const t = performance.now();
        const r = await runSlimCi({
          command: `${bin} build`,
          projectDir: b,
          profilesDir: b,
          target: 'ci',
          stateTarget: 'prod',
          state: { cache, stateDir: join(tmp, `state-${i}`) },
          env: { ...env, DBT_SCHEMA: 'ci_slipway' },
          comment: async () => undefined,
          rt,
        });
        const ms = performance.now() - t;
        slipway.push(ms);
        if (c0 !== undefined) slipwayCpu.push(childCpuMs()! - c0 + (ownCpuMs() - o0));
        own.push(ms - rt.dbtMs);
        if (r.dbtExitCode !== 0) throw new Error('slim CI dbt build failed');
        if (rt.dbtRuns !== 1) throw new Error(`slim CI started dbt ${rt.dbtRuns} times, expected once`);
        return r;
      };
      // Alternate which goes first, so a load spike does not always land on the same side.
      let r: Awaited<ReturnType<typeof timeSlipway>>;
      if (i % 2 === 0) {
        await timePlain();
        r = await timeSlipway();
      } else {
        r = await timeSlipway();
        await timePlain();
      }
      ratios.push(slipway[i]! / plain[i]!);
      console.log(`round ${i + 1}: plain dbt ${(plain[i]! / 1000).toFixed(1)} s, Slipway slim CI ${(slipway[i]! / 1000).toFixed(1)} s (selected ${r.selected.length} nodes; Slipway's own part ${(own[i]! / 1000).toFixed(2)} s); ratio ${ratios[i]!.toFixed(2)}; load ${load()}`);
    }
    const p = median(plain);
    const s = median(slipway);
    console.log(`\nreal dbt (${bin}), ${RUNS} round(s), medians:`);
    console.log(`  plain dbt build --select state:modified+ --defer --state   ${(p / 1000).toFixed(2)} s`);
    console.log(`  Slipway slim CI (restore, one dbt build, select, report)   ${(s / 1000).toFixed(2)} s`);
    console.log(`  added wall time ${((s - p) / 1000).toFixed(2)} s; ratio ${(s / p).toFixed(2)} (target ≤ 1.10); median of per-round ratios ${median(ratios).toFixed(2)}`);
    console.log(`  Slipway's own part (restore state, selection on dbt's manifest, report), outside the one dbt process: ${(median(own) / 1000).toFixed(2)} s`);
    if (plainCpu.length === RUNS && slipwayCpu.length === RUNS) {
      const pc = median(plainCpu);
      const sc = median(slipwayCpu);
      console.log(`  CPU time (user + system, dbt and its children; Slipway's own process included on its side): plain ${(pc / 1000).toFixed(2)} s, Slipway ${(sc / 1000).toFixed(2)} s; ratio ${(sc / pc).toFixed(2)}`);
    }
    console.log(`  load average at end: ${load()} (${cpus} CPUs)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${dbname} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    server.stop();
  }
}

main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
