/**
 * Slipway's slim CI against plain dbt, with real dbt on a real PostgreSQL
 * (issue 12, "Speed"): the wall time of Slipway's orchestration (restore state,
 * `dbt parse`, selection, `dbt build --select state:modified+ --defer --state`,
 * report) over the same `dbt build --select state:modified+ --defer --state`
 * run by hand, on the same project and change (test/dbt-projects/shop, one
 * model edited), each from a fresh checkout as CI has it. Target ratio ≤ 1.10.
 * Prints figures; never asserts on time. Skips, saying why, without dbt or PostgreSQL.
 *
 *   npx tsx bench/realdbt-slim-ci.ts        (BENCH_RUNS=5 for more rounds)
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    const parse: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const a = checkout(true);
      let t = performance.now();
      const pc = await run(bin, ['build', '--select', 'state:modified+', '--defer', '--state', prodState, '--target', 'ci', '--profiles-dir', a], a, { ...env, DBT_SCHEMA: 'ci_plain' });
      plain.push(performance.now() - t);
      if (pc !== 0) throw new Error(`plain dbt build failed (exit ${pc})`);

      const b = checkout(true);
      t = performance.now();
      const r = await runSlimCi({
        command: `${bin} build`,
        projectDir: b,
        profilesDir: b,
        target: 'ci',
        stateTarget: 'prod',
        state: { cache, stateDir: join(tmp, `state-${i}`) },
        env: { ...env, DBT_SCHEMA: 'ci_slipway' },
        comment: async () => undefined,
        rt: quiet,
      });
      slipway.push(performance.now() - t);
      if (r.dbtExitCode !== 0) throw new Error('slim CI dbt build failed');
      // For reference: what Slipway's own `dbt parse` step costs on its own (a fresh checkout).
      const c = checkout(true);
      t = performance.now();
      await run(bin, ['parse', '--target', 'ci', '--profiles-dir', c], c, { ...env, DBT_SCHEMA: 'ci_parse' });
      parse.push(performance.now() - t);
      console.log(`round ${i + 1}: plain dbt ${(plain[i]! / 1000).toFixed(1)} s, Slipway slim CI ${(slipway[i]! / 1000).toFixed(1)} s (selected ${r.selected.length} nodes); a lone dbt parse ${(parse[i]! / 1000).toFixed(1)} s`);
    }
    const p = median(plain);
    const s = median(slipway);
    console.log(`\nreal dbt (${bin}), ${RUNS} round(s), medians:`);
    console.log(`  plain dbt build --select state:modified+ --defer --state   ${(p / 1000).toFixed(2)} s`);
    console.log(`  Slipway slim CI (restore, dbt parse, select, dbt build, report) ${(s / 1000).toFixed(2)} s`);
    console.log(`  added wall time ${((s - p) / 1000).toFixed(2)} s; ratio ${(s / p).toFixed(2)} (target ≤ 1.10)`);
    console.log(`  Slipway runs dbt twice (dbt parse, to select before touching the warehouse, then dbt build); a lone dbt parse takes ${(median(parse) / 1000).toFixed(2)} s here`);
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
