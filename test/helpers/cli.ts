/**
 * The one way tests run the `slipway` CLI.
 *
 * - runSlipway: in this process (fast), capturing stdout/stderr and the exit
 *   code, with environment variables (undefined = unset) and, optionally, the
 *   working directory set for the call and restored afterwards.
 * - spawnSlipway: as a user runs it, shared/cli/bin.ts (bundled once with
 *   esbuild) in a child process that runs alongside the test: for races,
 *   SIGKILL, closed pipes. runSlipwayProcess waits for it to end.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { runCli } from '../../shared/cli/program.js';
import { repoRoot } from './fixtures.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function runSlipway(args: string[], env: Record<string, string | undefined> = {}, opts: { cwd?: string } = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const cwd = process.cwd();
  if (opts.cwd) process.chdir(opts.cwd);
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  const prev = process.exitCode;
  process.exitCode = 0;
  try {
    await runCli(['node', 'slipway', ...args]);
    return { code: Number(process.exitCode ?? 0), out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
    process.exitCode = prev;
    if (opts.cwd) process.chdir(cwd);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

// ---------------------------------------------------------------------------
// The CLI as a child process: shared/cli/bin.ts bundled once per test process
// with esbuild (tsx takes seconds to start on a busy machine), written under
// node_modules/.cache so its bare imports (pg, commander…) resolve from the
// project. Unique per process, removed when the process exits.
// ---------------------------------------------------------------------------
let bundled: Promise<string> | undefined;
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = join(repoRoot, 'node_modules', '.cache', 'slipway-cli');
    mkdirSync(dir, { recursive: true });
    const out = join(dir, `cli-${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e6)}.mjs`);
    const esbuild = await import('esbuild');
    await esbuild.build({ entryPoints: [join(repoRoot, 'shared', 'cli', 'bin.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'error' });
    process.once('exit', () => rmSync(out, { force: true }));
    return out;
  })();
  return bundled;
}

export interface SlipwayChild {
  pid: number;
  /** The child's output streams (e.g. to close stdout early, as `| head` does). */
  stdout: Readable;
  stderr: Readable;
  /** Resolves when the process has exited: code (-9 when killed by a signal), stdout, stderr. */
  done: Promise<CliResult>;
  /** SIGKILL: the process dies without cleaning up, as on a cancelled runner. */
  kill(): void;
}

function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  return merged;
}

/** `slipway <args>` as a separate process, running while the test goes on (races, kills, pipes). */
export async function spawnSlipway(args: string[], env: Record<string, string | undefined> = {}, opts: { cwd?: string } = {}): Promise<SlipwayChild> {
  const bin = await cliBundle();
  const child = spawn(process.execPath, [bin, ...args], { cwd: opts.cwd ?? repoRoot, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<CliResult>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code, signal) => res({ code: code ?? (signal ? -9 : -1), out, err }));
  });
  return { pid: child.pid!, stdout: child.stdout, stderr: child.stderr, done, kill: () => child.kill('SIGKILL') };
}

/** `slipway <args>` as a user runs it, in a child process, to its end (for what only a real process shows: bin.ts itself, exit codes). */
export async function runSlipwayProcess(args: string[], env: Record<string, string | undefined> = {}, opts: { cwd?: string } = {}): Promise<CliResult> {
  return (await spawnSlipway(args, env, opts)).done;
}
