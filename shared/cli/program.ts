import { Command, CommanderError } from 'commander';
import { ExitCode } from '../errors.js';
import { registerAll } from './commands/index.js';

export const VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = new Command('slipway')
    .description(
      'CI/CD for dbt + Snowflake: slim CI, PR schemas, blue-green deploys, rollback, freshness gates and grant policy.\n' +
        'Every command calls the same core as its GitHub Action, so on-call can act from any shell.\n\n' +
        'Exit codes: 0 ok, 1 a gate or policy failed, 2 usage or configuration error, 3 internal error.',
    )
    .version(VERSION, '-V, --version')
    .option('-v, --verbose', 'debug logging on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions();
  registerAll(program);
  // -v/--verbose is accepted anywhere on the line, before or after a subcommand.
  const addVerbose = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      if (!sub.options.some((o) => o.long === '--verbose')) sub.option('-v, --verbose', 'debug logging on stderr (also SLIPWAY_DEBUG=1)');
      addVerbose(sub);
    }
  };
  addVerbose(program);
  // Usage errors exit 2 on every level (commander's default is 1).
  const exitOverride = (cmd: Command): void => {
    cmd.exitOverride((err: CommanderError) => {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') throw err;
      throw Object.assign(err, { exitCode: ExitCode.usage });
    });
    cmd.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  process.env.SNOWFLAKE_DISABLE_MINICORE ??= '1';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const program = buildProgram();
  if (argv.length <= 2) {
    program.outputHelp();
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  }
}
