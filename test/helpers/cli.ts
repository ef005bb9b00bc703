/**
 * The one way tests run the `slipway` CLI.
 *
 * - runSlipway: in this process (fast), capturing stdout/stderr and the exit
 *   code, with environment variables (undefined = unset) and, optionally, the
 *   working directory set for the call and restored afterwards.
 * - runSlipwayProcess: as a user runs it, `node shared/cli/bin.ts` through tsx
 *   in a child process, for what only a real process shows (bin.ts itself).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** tsx by absolute URL, so the child can run from any working directory. */
const TSX = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href;

export function runSlipwayProcess(args: string[], env: Record<string, string | undefined> = {}, opts: { cwd?: string } = {}): CliResult {
  const merged: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  const r = spawnSync(process.execPath, ['--import', TSX, join(repoRoot, 'shared', 'cli', 'bin.ts'), ...args], { encoding: 'utf8', cwd: opts.cwd ?? repoRoot, env: merged, timeout: 120_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
