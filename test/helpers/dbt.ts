/**
 * The real-dbt test tier. A real dbt (dbt-core 1.11 + dbt-postgres) is found,
 * in this order, at SLIPWAY_TEST_DBT, as `dbt` on PATH, or at
 * ../shared/tools/dbt/bin/dbt beside the repository. Tests in this tier also
 * need the PostgreSQL server of test/helpers/pg.ts. When either is missing,
 * `describeDbt` skips the block and says plainly why.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { pgUrl } from './pg.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** Where the real dbt is, or why there is none. Probed once (dbt takes ~3 s to start). */
function findDbt(): { bin?: string; why?: string } {
  const candidates: Array<[string, string | undefined]> = [
    ['SLIPWAY_TEST_DBT', process.env.SLIPWAY_TEST_DBT],
    ['dbt on PATH', onPath('dbt')],
    ['../shared/tools/dbt/bin/dbt', resolve(repoRoot, '..', 'shared', 'tools', 'dbt', 'bin', 'dbt')],
  ];
  const tried: string[] = [];
  for (const [label, path] of candidates) {
    if (!path) continue;
    if (!existsSync(path)) {
      tried.push(`${label} (${path}: not found)`);
      continue;
    }
    const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 120_000 });
    const text = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status === 0 && /postgres/i.test(text)) return { bin: path };
    tried.push(`${label} (${path}: ${r.status === 0 ? 'no postgres plugin' : `exit ${r.status}: ${text.trim().split('\n').pop()}`})`);
  }
  return { why: tried.length ? `no working dbt with dbt-postgres: tried ${tried.join('; ')}` : 'no dbt: set SLIPWAY_TEST_DBT, put dbt on PATH, or provide ../shared/tools/dbt' };
}

let probed: { bin?: string; why?: string } | undefined;
export function realDbt(): { bin?: string; why?: string } {
  probed ??= findDbt();
  return probed;
}

/** Why the real-dbt tier cannot run here, or undefined when it can. */
export function dbtTierSkipReason(): string | undefined {
  if (!pgUrl) return 'no PostgreSQL server (install postgresql or set SLIPWAY_TEST_PG_URL)';
  return realDbt().why;
}

/** describe() when real dbt and a PostgreSQL server are available; otherwise a skipped block that says why. */
export const describeDbt: typeof describe = ((name: string, ...rest: unknown[]) => {
  const why = dbtTierSkipReason();
  if (!why) return (describe as any)(name, ...rest);
  process.stderr.write(`skipped (real-dbt tier: ${why}): ${name}\n`);
  return (describe.skip as any)(name, ...rest);
}) as unknown as typeof describe;

export interface DbtRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run real dbt in `cwd` (a dbt project) with DBT_PROFILES_DIR and extra
 * environment. Never throws on a non-zero exit: callers assert on `code`.
 */
export function runDbt(args: string[], opts: { cwd: string; profilesDir?: string; env?: Record<string, string | undefined>; timeoutMs?: number }): Promise<DbtRun> {
  const bin = realDbt().bin;
  if (!bin) throw new Error(`real dbt unavailable: ${realDbt().why}`);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', DBT_USE_COLORS: 'false', DO_NOT_TRACK: '1', ...(opts.profilesDir ? { DBT_PROFILES_DIR: opts.profilesDir } : {}), ...opts.env })) {
    if (v !== undefined) env[k] = v;
  }
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
  });
}

/**
 * Write a dbt-postgres profiles.yml for `profile` into `dir`, pointing at the
 * database `url` (a postgres:// URL) with default schema `schema`. Extra
 * outputs may be given; each takes the same connection with its own schema.
 */
export function writePgProfiles(dir: string, profile: string, url: string, outputs: Record<string, { schema: string; threads?: number }>, target?: string): string {
  const u = new URL(url);
  mkdirSync(dir, { recursive: true });
  const lines = [`${profile}:`, `  target: ${target ?? Object.keys(outputs)[0]}`, '  outputs:'];
  for (const [name, o] of Object.entries(outputs)) {
    lines.push(
      `    ${name}:`,
      '      type: postgres',
      `      host: ${u.hostname}`,
      `      port: ${u.port || 5432}`,
      `      user: ${decodeURIComponent(u.username) || 'postgres'}`,
      `      password: "${decodeURIComponent(u.password)}"`,
      `      dbname: ${u.pathname.replace(/^\//, '') || 'postgres'}`,
      `      schema: ${o.schema}`,
      `      threads: ${o.threads ?? 4}`,
    );
  }
  const file = join(dir, 'profiles.yml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
