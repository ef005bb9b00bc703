/**
 * Starts a throwaway PostgreSQL server on loopback for the tests that need a
 * real server (concurrency, fault injection), unless SLIPWAY_TEST_PG_URL or
 * DATABASE_URL already points at one (.ci/run starts its own). When no server
 * binaries exist, those tests skip and say so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let stop: (() => void) | undefined;

function pgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export default function setup(): () => void {
  if (process.env.SLIPWAY_TEST_PG_URL) return () => undefined;
  if (process.env.DATABASE_URL) {
    process.env.SLIPWAY_TEST_PG_URL = process.env.DATABASE_URL;
    return () => undefined;
  }
  const bin = pgBin();
  if (!bin) {
    process.stderr.write('note: no PostgreSQL server binaries found (apt-get install postgresql); tests that need a real server will be skipped.\n');
    return () => undefined;
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'slipway-pg-'));
  chmodSync(dir, 0o777);
  const run = (exe: string, args: string[]) => {
    const cmd = asRoot ? 'runuser' : exe;
    const argv = asRoot ? ['-u', 'postgres', '--', exe, ...args] : args;
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${exe} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  };
  const port = 56000 + Math.floor(Math.random() * 2000);
  run(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
  run(join(bin, 'pg_ctl'), [
    '-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-t', '60',
    '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  process.env.SLIPWAY_TEST_PG_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
  stop = () => {
    try {
      const args = ['-D', join(dir, 'data'), '-m', 'immediate', 'stop'];
      if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args], { stdio: 'ignore' });
      else execFileSync(join(bin, 'pg_ctl'), args, { stdio: 'ignore' });
    } catch {
      /* already stopped */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return stop;
}
