/**
 * The demo with real dbt: find dbt (SLIPWAY_DBT, else `dbt` on PATH), and a
 * PostgreSQL it can reach over the wire protocol.
 *
 * The embedded PGlite cannot be served to dbt here: @electric-sql/pglite-socket
 * pins its PGlite peer to an exact older release (0.2.18 → pglite 0.5.15, plus
 * seven extension packages) than the one Slipway ships (0.5.16). So, as issue
 * 12 allows, the demo starts a throwaway local PostgreSQL server from the
 * installed binaries (/usr/lib/postgresql/N/bin) — or uses SLIPWAY_DEMO_PG_URL
 * — and stops it at the end. Without dbt, or without any PostgreSQL, the demo
 * plays dbt with its stand-in on PGlite and says why.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface FoundDbt {
  bin?: string;
  version?: string;
  /** Why there is no usable dbt (when bin is undefined). */
  why?: string;
}

/** SLIPWAY_DBT (a path; `standin` forces the stand-in), else `dbt` on PATH; it must have the postgres plugin. */
export function findDbt(env: NodeJS.ProcessEnv = process.env): FoundDbt {
  const forced = env.SLIPWAY_DBT;
  if (forced === 'standin') return { why: 'SLIPWAY_DBT=standin' };
  let bin = forced;
  if (!bin) {
    for (const dir of (env.PATH ?? '').split(delimiter)) {
      if (dir && existsSync(join(dir, 'dbt'))) {
        bin = join(dir, 'dbt');
        break;
      }
    }
  }
  if (!bin) return { why: 'no dbt on PATH (set SLIPWAY_DBT to use one elsewhere)' };
  if (!existsSync(bin)) return { why: `SLIPWAY_DBT=${bin} does not exist` };
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 120_000, env: { ...env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false' } });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) return { why: `${bin} --version failed (exit ${r.status}): ${text.trim().split('\n').pop()}` };
  if (!/postgres/i.test(text)) return { why: `${bin} has no dbt-postgres plugin (pip install dbt-postgres)` };
  return { bin, version: /installed:\s*([0-9][^\s]*)/.exec(text)?.[1] };
}

export interface DemoServer {
  url: string;
  /** What it is, for the narration. */
  label: string;
  stop(): Promise<void>;
}

function pgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const v = readdirSync(root).filter((d) => existsSync(join(root, d, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))[0];
  return v ? join(root, v, 'bin') : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

/** A fresh database for the demo: on SLIPWAY_DEMO_PG_URL's server, else on a throwaway local server; undefined (with why) when neither is possible. */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<DemoServer | { why: string }> {
  const given = env.SLIPWAY_DEMO_PG_URL;
  if (given) {
    const name = `slipway_demo_${process.pid}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(given);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      label: `database ${name} on ${new URL(given).host} (SLIPWAY_DEMO_PG_URL)`,
      stop: async () => {
        const a = new pg.Client({ connectionString: given });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        await a.end();
      },
    };
  }
  const bin = pgBin();
  if (!bin) return { why: 'no PostgreSQL server binaries (apt-get install postgresql, or set SLIPWAY_DEMO_PG_URL)' };
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'slipway-demo-pg-'));
  chmodSync(dir, 0o777);
  const run = (exe: string, args: string[]) => {
    const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', exe, ...args], { encoding: 'utf8' }) : spawnSync(exe, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${exe} ${args[0]}… failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' ')}`);
  };
  const port = await freePort();
  try {
    run(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
    run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { why: `could not start a local PostgreSQL: ${(err as Error).message}` };
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    label: `a throwaway PostgreSQL ${bin.split('/').slice(-2, -1)[0]} on 127.0.0.1:${port}`,
    stop: async () => {
      try {
        const args = ['-D', join(dir, 'data'), '-m', 'fast', 'stop'];
        if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args], { stdio: 'ignore' });
        else execFileSync(join(bin, 'pg_ctl'), args, { stdio: 'ignore' });
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Run real dbt, printing each of its output lines as it comes (prefixed), and resolve with the exit code. */
export function runDbtShowingOutput(bin: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; print: (line: string) => void }): Promise<number> {
  return new Promise((resolveCode, reject) => {
    const child = spawn(bin, args, { cwd: opts.cwd, env: { ...opts.env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', DBT_USE_COLORS: 'false', DO_NOT_TRACK: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout!, child.stderr!]) {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).replace(/\r$/, '');
          buf = buf.slice(nl + 1);
          if (line.trim()) opts.print(line);
        }
      });
      stream.on('end', () => buf.trim() && opts.print(buf));
    }
    child.on('error', reject);
    child.on('close', (code) => resolveCode(code ?? 1));
  });
}
