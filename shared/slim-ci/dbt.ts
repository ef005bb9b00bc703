/**
 * Running dbt as a command-line program. Arguments are always an array
 * handed to `spawn` with `shell: false`: user text (selectors, paths) never
 * passes through a shell.
 */
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';

export interface DbtCommand {
  /** The executable and any wrapper words before the dbt subcommand, e.g. ['dbt'] or ['uv', 'run', 'dbt']. */
  exe: string[];
  /** The dbt subcommand (build, run, test, …). */
  subcommand: string;
  /** Extra words the user put after the subcommand (e.g. --fail-fast). */
  extra: string[];
}

const RUNNABLE = new Set(['build', 'run', 'test', 'seed', 'snapshot', 'compile', 'clone', 'ls', 'list', 'docs', 'show', 'run-operation', 'retry']);

/** Split a command line into words: whitespace separates, '…' and "…" quote, no expansion of any kind. */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (quote) throw new UserError(`The dbt command has an unterminated ${quote} quote: ${line}`, { hint: 'Close the quote, e.g. command: dbt build --vars "{x: 1}".' });
  if (has || cur) out.push(cur);
  return out;
}

/** Parse `dbt build`, `uv run dbt build --fail-fast`, `/opt/venv/bin/dbt test`. */
export function parseDbtCommand(line: string): DbtCommand {
  const words = splitWords(line.trim());
  const i = words.findIndex((w) => /^dbt(\.exe)?$/i.test(basename(w)));
  const hint = "Use a dbt invocation such as 'dbt build' or 'uv run dbt build --fail-fast'.";
  if (i < 0) throw new UserError(`The command '${line}' does not run dbt (no word named dbt).`, { hint });
  const sub = words[i + 1];
  if (!sub || sub.startsWith('-')) throw new UserError(`The command '${line}' names no dbt subcommand.`, { hint });
  if (!RUNNABLE.has(sub)) throw new UserError(`'dbt ${sub}' cannot be used for slim CI.`, { hint: `Use one of: ${[...RUNNABLE].filter((s) => s !== 'ls' && s !== 'list').join(', ')}.` });
  for (const f of ['--select', '-s', '--exclude', '--state', '--defer', '--models', '-m', '--selector']) {
    if (words.slice(i + 2).includes(f)) {
      throw new UserError(`The dbt command must not contain ${f}: slim CI adds the selection and deferral itself.`, {
        hint: 'Move the selection to the select/exclude inputs (or --select/--exclude), and use the defer / favor-state inputs.',
      });
    }
  }
  return { exe: words.slice(0, i + 1), subcommand: sub, extra: words.slice(i + 2) };
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  rt: Runtime;
}

/** Run a program with an argument array (no shell), streaming its output to the log. Resolves with the exit code. */
export function runProgram(argv: string[], opts: RunOptions): Promise<number> {
  const [file, ...args] = argv;
  if (!file) throw new Error('runProgram: empty argv');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    const pump = (stream: NodeJS.ReadableStream) => {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          opts.rt.info(buf.slice(0, nl).replace(/\r$/, ''));
          buf = buf.slice(nl + 1);
        }
      });
      stream.on('end', () => {
        if (buf) opts.rt.info(buf);
      });
    };
    pump(child.stdout!);
    pump(child.stderr!);
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        reject(new UserError(`Could not start ${file}: it is not installed or not on PATH.`, { hint: 'Install dbt with its adapter before this step (e.g. pip install dbt-snowflake), or set the command input to the full path of dbt.' }));
      } else reject(err);
    });
    child.on('close', (code, signal) => resolvePromise(code ?? (signal ? 128 : 1)));
  });
}
