/**
 * Shared CLI plumbing: option sets every warehouse/artifact command takes, the
 * one top-level error handler, and `--format text|json` output.
 */
import { Command, Option } from 'commander';
import { join } from 'node:path';
import { describeError, exitCodeFor, ExitCode } from '../errors.js';
import { CliRuntime } from '../runtime/cli-runtime.js';
import { setDebugSink } from '../debug.js';
import { applyDeprecations } from './naming.js';
// Connection resolution lives in shared/config/connection.ts; re-exported for the commands.
export { dialectOf, resolveConnection, type ConnectionOptions } from '../config/connection.js';

export type OutputFormat = 'text' | 'json';

export interface ArtifactOptions {
  projectDir?: string;
  manifest?: string;
  runResults?: string;
  sources?: string;
}

/** dbt's own connection flags: --profiles-dir, --profile, --target (and DBT_PROFILES_DIR). */
export function withConnectionOptions(cmd: Command): Command {
  return cmd
    .option('--profiles-dir <dir>', 'folder holding profiles.yml (default: $DBT_PROFILES_DIR, the project dir, ~/.dbt)')
    .option('--profile <name>', "profile in profiles.yml (default: dbt_project.yml's profile)")
    .option('-t, --target <name>', "target in the profile (default: the profile's target)");
}

/** --project-dir and the artifact paths dbt writes under target/. */
export function withArtifactOptions(cmd: Command, which: ('manifest' | 'run-results' | 'sources')[] = ['manifest', 'run-results', 'sources']): Command {
  cmd.option('--project-dir <dir>', 'dbt project folder (artifacts are read from <dir>/target/)', '.');
  if (which.includes('manifest')) cmd.option('--manifest <file>', 'manifest.json (default: <project-dir>/target/manifest.json)');
  if (which.includes('run-results')) cmd.option('--run-results <file>', 'run_results.json (default: <project-dir>/target/run_results.json)');
  if (which.includes('sources')) cmd.option('--sources <file>', 'sources.json (default: <project-dir>/target/sources.json)');
  return cmd;
}

export function withFormatOption(cmd: Command): Command {
  return cmd.addOption(new Option('--format <format>', 'output format: text for people, json for tooling (on stdout; logs go to stderr)').choices(['text', 'json']).default('text'));
}

/** --dry-run and --dialect, for every command that would change a warehouse. */
export function withDryRunOptions(cmd: Command): Command {
  return cmd
    .option('--dry-run', 'print the SQL it would run, one statement per block ending in ;, and change nothing')
    .addOption(new Option('--dialect <dialect>', "SQL dialect for --dry-run (default: the connection's)").choices(['snowflake', 'postgres']));
}

/** Resolve an artifact path the way dbt lays them out. */
export function artifactPath(opts: ArtifactOptions, kind: 'manifest' | 'run-results' | 'sources'): string {
  const explicit = kind === 'manifest' ? opts.manifest : kind === 'run-results' ? opts.runResults : opts.sources;
  if (explicit) return explicit;
  const file = kind === 'manifest' ? 'manifest.json' : kind === 'run-results' ? 'run_results.json' : 'sources.json';
  return join(opts.projectDir ?? '.', 'target', file);
}

export interface CommandContext {
  rt: CliRuntime;
  format: OutputFormat;
  /** Write the command's result to stdout (JSON when --format json, text otherwise). */
  emit(result: unknown, text: (r: any) => string): void;
  /**
   * What is known when the command then fails (e.g. the checks of a refused
   * cutover): under --format json it is printed in the same one JSON document
   * as the error, `{ ...result, error }`, so stdout stays one parseable object.
   */
  resultOnError(result: Record<string, unknown>): void;
}

/**
 * The one top-level handler for CLI commands: runs `body`, prints errors with
 * the fix (secrets redacted), and sets the exit code (0 ok, 1 gate failed,
 * 2 usage/config, 3 internal).
 */
/**
 * The options a command body sees: its own and its parents'. Where both define
 * one (`--format` on `freshness` and on `freshness row-counts check`), a value
 * the user gave wins over a default, whichever command it was given to:
 * commander's optsWithGlobals would let a parent's default override
 * `row-counts check --format json`, and the subcommand's default would
 * override `freshness --format json row-counts check`.
 */
function mergeOptions(cmd: Command): Record<string, unknown> {
  const chain: Command[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) chain.unshift(c);
  const merged: Record<string, unknown> = {};
  const explicit = new Set<string>();
  // Root first, the command itself last: a deeper command wins among equals; a given value always beats a default.
  for (const c of chain) {
    for (const [key, value] of Object.entries(c.opts() as Record<string, unknown>)) {
      const given = c.getOptionValueSource(key) !== undefined && c.getOptionValueSource(key) !== 'default';
      if (given || !explicit.has(key)) merged[key] = value;
      if (given) explicit.add(key);
    }
  }
  return merged;
}

export function handle<O extends object>(body: (opts: O, ctx: CommandContext, cmd: Command) => Promise<number | void>) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const opts = mergeOptions(cmd) as O;
    const format: OutputFormat = ((opts as { format?: OutputFormat }).format) ?? "text";
    const verbose = !!(opts as { verbose?: boolean }).verbose || !!process.env.SLIPWAY_DEBUG;
    const progress = startProgress();
    const rt = new CliRuntime({ verbose, write: (line) => progress.write(line) });
    let onError: Record<string, unknown> = {};
    if (verbose) setDebugSink((line) => progress.write(rt.redact(line)));
    const ctx: CommandContext = {
      rt,
      format,
      emit(result, text) {
        const out = format === 'json' ? JSON.stringify(result, null, 2) : text(result);
        process.stdout.write(rt.redact(out.endsWith('\n') ? out : out + '\n'));
      },
      resultOnError(result) {
        onError = result;
      },
    };
    try {
      // Old flag names (docs/naming.md): the body sees only the new key; the user is told the new name.
      applyDeprecations(cmd, opts as Record<string, unknown>, (m) => rt.warn(m));
      const code = await body(opts, ctx, cmd);
      process.exitCode = code ?? ExitCode.ok;
    } catch (err) {
      const code = exitCodeFor(err);
      process.stderr.write(rt.redact(`error: ${describeError(err)}`) + '\n');
      if (format === 'json') {
        // Tooling reading stdout gets the error as JSON too, never plain text.
        const e = err as { name?: string; message?: string; hint?: string };
        const error = { kind: err instanceof Error ? e.name : 'Error', message: err instanceof Error ? e.message : String(err), ...(e?.hint ? { hint: e.hint } : {}), exitCode: code };
        process.stdout.write(rt.redact(JSON.stringify({ ...onError, error }, null, 2)) + '\n');
      }
      if (code === ExitCode.internal && err instanceof Error && err.stack && verbose) {
        process.stderr.write(rt.redact(err.stack) + '\n');
      }
      process.exitCode = code;
    } finally {
      progress.stop();
      if (verbose) setDebugSink(undefined);
    }
  };
}

/**
 * Progress for long steps: when nothing was printed for 2 s, say what is
 * still running, then again every 5 s of silence. On for a terminal and in
 * GitHub Actions (SLIPWAY_PROGRESS=0 turns it off, =1 on).
 */
function startProgress(): { write(line: string): void; stop(): void } {
  const setting = process.env.SLIPWAY_PROGRESS;
  const on = setting === '1' || (setting !== '0' && (process.stderr.isTTY || process.env.GITHUB_ACTIONS === 'true'));
  const started = Date.now();
  let last = Date.now();
  let lastLine = 'starting';
  let nextGap = 2000;
  const write = (line: string): void => {
    process.stderr.write(line + '\n');
    last = Date.now();
    nextGap = 2000;
    const first = line.split('\n')[0].trim();
    if (first && !first.startsWith('debug:')) lastLine = first.replace(/^»\s*/, '');
  };
  if (!on) return { write, stop: () => undefined };
  const timer = setInterval(() => {
    if (Date.now() - last < nextGap) return;
    process.stderr.write(`… still working on: ${lastLine.slice(0, 120)} (${Math.round((Date.now() - started) / 1000)} s)\n`);
    last = Date.now();
    nextGap = 5000;
  }, 500);
  timer.unref();
  return { write, stop: () => clearInterval(timer) };
}
