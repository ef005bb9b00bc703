/**
 * Shared CLI plumbing: option sets every warehouse/artifact command takes, the
 * one top-level error handler, and `--format text|json` output.
 */
import { Command, Option } from 'commander';
import { join } from 'node:path';
import { describeError, exitCodeFor, ExitCode } from '../errors.js';
import { CliRuntime } from '../runtime/cli-runtime.js';
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
}

/**
 * The one top-level handler for CLI commands: runs `body`, prints errors with
 * the fix (secrets redacted), and sets the exit code (0 ok, 1 gate failed,
 * 2 usage/config, 3 internal).
 */
export function handle<O extends object>(body: (opts: O, ctx: CommandContext, cmd: Command) => Promise<number | void>) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.optsWithGlobals() as O;
    const format: OutputFormat = ((opts as { format?: OutputFormat }).format) ?? "text";
    const rt = new CliRuntime({ verbose: !!(opts as { verbose?: boolean }).verbose || !!process.env.SLIPWAY_DEBUG });
    const ctx: CommandContext = {
      rt,
      format,
      emit(result, text) {
        const out = format === 'json' ? JSON.stringify(result, null, 2) : text(result);
        process.stdout.write(rt.redact(out.endsWith('\n') ? out : out + '\n'));
      },
    };
    try {
      const code = await body(opts, ctx, cmd);
      process.exitCode = code ?? ExitCode.ok;
    } catch (err) {
      const code = exitCodeFor(err);
      process.stderr.write(rt.redact(`error: ${describeError(err)}`) + '\n');
      if (code === ExitCode.internal && err instanceof Error && err.stack && ((opts as { verbose?: boolean }).verbose || process.env.SLIPWAY_DEBUG)) {
        process.stderr.write(rt.redact(err.stack) + '\n');
      }
      process.exitCode = code;
    }
  };
}
