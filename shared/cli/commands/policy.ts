import { Option, type Command } from 'commander';
import { ExitCode } from '../../errors.js';
import { handle } from '../common.js';
import { formatReport, POLICY_FORMATS, runPolicy, type PolicyFormat } from '../../policy/index.js';

interface PolicyOptions {
  plan: string[];
  config?: string;
  format: PolicyFormat;
  failOnWarn?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `slipway policy`: grant policy over `terraform show -json` plans (the same core as the grant-policy action). */
export function register(program: Command): void {
  program
    .command('policy')
    .description(
      'Check Terraform plans (or states) of the Snowflake provider against the grant policy: PUBLIC grants, admin roles, read-only reporters, role scope, destroys, legacy enable_multiple_grants and the rest of the SF-… rules.\n' +
        'Input is `terraform show -json tfplan`; pass --plan once per environment to also check parity between them.\n' +
        'Exit codes: 0 no deny (and no warn with --fail-on-warn), 1 a deny remains, 2 bad input or configuration.',
    )
    .requiredOption('--plan <file>', 'plan or state JSON from `terraform show -json` (repeatable; `prod=plan.json` names the environment)', collect)
    .option('--config <file>', 'policy configuration YAML: rule levels, exceptions, custom rules, role intent (default: built-in defaults)')
    .addOption(new Option('--format <format>', 'output: text for people; json, github (workflow annotations), sarif (code scanning) or junit on stdout').choices([...POLICY_FORMATS]).default('text'))
    .option('--fail-on-warn', 'exit 1 on warnings too')
    .action(
      handle<PolicyOptions>(async (opts, ctx) => {
        const report = await runPolicy({ plans: opts.plan, configFile: opts.config, failOnWarn: !!opts.failOnWarn });
        for (const w of report.warnings) ctx.rt.warn(w);
        process.stdout.write(ctx.rt.redact(formatReport(report, opts.format)));
        return report.summary.result === 'fail' ? ExitCode.gateFailed : ExitCode.ok;
      }),
    );
}
