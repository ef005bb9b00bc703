/**
 * `slipway schema-cleanup --pr-number <n>`: drop one PR's schema (on close; --pr is its deprecated spelling).
 * `slipway schema-cleanup --sweep`: drop every PR schema whose PR is closed or
 * whose head is older than the TTL. Same core as actions/schema-cleanup.
 */
import type { Command } from 'commander';
import { ExitCode, UserError } from '../../errors.js';
import { createOctokit } from '../../github/client.js';
import { countRequests, openPullsLookup } from '../../github/pulls.js';
import { dropPrSchema, planDropPrSchema, type DropPrSchemaResult } from '../../pr-schema/cleanup.js';
import { DEFAULT_PREFIX, parsePrNumber } from '../../pr-schema/naming.js';
import { renderSweepMarkdown, renderSweepText, sweepPrSchemas, type SweepReport } from '../../pr-schema/sweep.js';
import type { DialectName } from '../../sql/identifiers.js';
import { sqlComment } from '../../sql/comment.js';
import { formatPlan } from '../../sql/plan.js';
import { connectTo, dialectOf, resolveConnection, type ConnectionOptions } from '../../config/connection.js';
import { handle, withConnectionOptions, withDryRunOptions, withFormatOption } from '../common.js';
import { collect, repoOption } from './pr-schema.js';
import { deprecatedOption } from '../naming.js';

interface CleanupOpts extends ConnectionOptions {
  prNumber?: string;
  sweep?: boolean;
  prefix: string;
  database: string[];
  repo?: string;
  ttlDays: string;
  keep: string[];
  concurrency: string;
  dryRun?: boolean;
  dialect?: DialectName;
  format?: string;
}

function dropText(r: DropPrSchemaResult & { plan?: string }): string {
  return r.plan !== undefined ? `${sqlComment(r.reason)}\n${r.plan}` : `${r.status}: ${r.reason}`;
}

function number(value: string, flag: string, hint: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UserError(`${flag} '${value}' is not a number.`, { hint });
  return n;
}

export function register(program: Command): void {
  const cmd = withFormatOption(withDryRunOptions(withConnectionOptions(program.command('schema-cleanup'))))
    .description('drop a closed PR\'s schema (--pr-number), or sweep every PR schema whose PR is closed or stale (--sweep)')
    .option('--pr-number <number>', 'drop this pull request\'s schema (a missing schema is success)')
    .option('--sweep', 'list every <prefix><number> schema, ask GitHub which PRs are open, drop the closed and the stale')
    .option('--prefix <prefix>', 'schema name prefix', DEFAULT_PREFIX)
    .option('--database <name>', 'database to clean (Snowflake; repeatable for the sweep; default: the connection\'s)', collect, [])
    .option('--repo <owner/name>', 'repository whose PRs own the schemas (default: $GITHUB_REPOSITORY); the sweep reads GITHUB_TOKEN')
    .option('--ttl-days <days>', 'sweep: also drop schemas with no new head for this many days (0 = off)', '7')
    .option('--keep <schema>', 'sweep: never drop this schema (repeatable; name or database.name)', collect, [])
    .option('--concurrency <n>', 'sweep: DROP statements in flight at once', '4')
    .option('--project-dir <dir>', 'dbt project folder (its dbt_project.yml names the profile)', '.')
    .addHelpText('after', '\nExit codes: 0 done (or nothing to do), 1 a drop failed or was refused, 2 bad input, 3 internal error.');
  deprecatedOption(cmd, '--pr <number>', '--pr-number');
  cmd.action(
      handle<CleanupOpts>(async (opts, { rt, emit }) => {
        if (!!opts.prNumber === !!opts.sweep) {
          throw new UserError(opts.prNumber ? '--pr-number and --sweep cannot be combined.' : 'Say what to clean: --pr-number <number> or --sweep.', {
            hint: 'Use --pr-number <n> on pull_request: closed, and --sweep on a schedule.',
          });
        }
        if (opts.prNumber) {
          const pr = parsePrNumber(opts.prNumber, '--pr-number');
          if (opts.database.length > 1) throw new UserError('--pr-number takes at most one --database.', { hint: 'Name the database the PR schema lives in.' });
          const base = { pr, prefix: opts.prefix, database: opts.database[0], repo: opts.repo ?? process.env.GITHUB_REPOSITORY };
          if (opts.dryRun && opts.dialect) {
            const r = planDropPrSchema(opts.dialect, base);
            emit({ ...r, plan: formatPlan(r.statements, opts.dialect) }, dropText);
            return;
          }
          const config = await resolveConnection(opts, rt);
          const wh = await connectTo(config, { action: 'schema-cleanup', pr });
          try {
            const r = await dropPrSchema(wh, { ...base, dryRun: !!opts.dryRun });
            if (r.status === 'left-alone') rt.warn(r.reason);
            if (opts.dryRun) emit({ ...r, plan: formatPlan(r.statements, dialectOf(config)) }, dropText);
            else emit(r, dropText);
          } finally {
            await wh.close();
          }
          return;
        }

        const repo = repoOption(opts.repo);
        if (opts.dialect) rt.warn('--dialect is ignored with --sweep: the sweep must read the warehouse to know which schemas exist (its --dry-run drops nothing).');
        const ttlDays = number(opts.ttlDays, '--ttl-days', 'Pass a number of days, e.g. --ttl-days 7 (0 = off).');
        const concurrency = number(opts.concurrency, '--concurrency', 'Pass a whole number such as 4.');
        const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
        if (!token) {
          throw new UserError('The sweep asks GitHub which pull requests are open, but GITHUB_TOKEN is not set.', {
            hint: 'Export GITHUB_TOKEN (a token that can read pull requests of the repository) and run again.',
          });
        }
        rt.mask(token);
        const octokit = createOctokit({ token, baseUrl: process.env.GITHUB_API_URL, log: rt });
        const calls = countRequests(octokit);
        const config = await resolveConnection(opts, rt);
        const wh = await connectTo(config, { action: 'schema-cleanup' });
        let report: SweepReport;
        try {
          report = await sweepPrSchemas(
            wh,
            { repo, prefix: opts.prefix, databases: opts.database, ttlDays, keep: opts.keep, dryRun: !!opts.dryRun, concurrency },
            openPullsLookup(octokit),
            (m) => rt.info(m),
          );
        } finally {
          await wh.close();
        }
        await rt.appendSummary(renderSweepMarkdown(report));
        rt.debug(`GitHub API requests: ${calls.count}`);
        emit({ ...report, githubRequests: calls.count, plan: report.dryRun ? formatPlan(report.statements, report.dialect) : undefined }, (r: SweepReport) => renderSweepText(r));
        if (report.counts.failed > 0) {
          rt.error(`${report.counts.failed} schema(s) could not be dropped; see the report above.`);
          return ExitCode.gateFailed;
        }
      }),
    );
}
