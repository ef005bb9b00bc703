/**
 * `slipway pr-schema create --pr-number <n>`: the same core as actions/pr-schema.
 * `slipway pr-schema name --pr-number <n>`: print the schema name (for scripts).
 * Flags carry the action's input names (docs/naming.md); --pr, --ci-role and
 * --reviewer-role are deprecated spellings.
 */
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { createPrSchema, dryRunCreatePrSchema, renderCreateMarkdown, type CreatePrSchemaResult } from '../../pr-schema/index.js';
import { DEFAULT_PREFIX, parsePrNumber, prSchemaName } from '../../pr-schema/naming.js';
import type { DialectName } from '../../sql/identifiers.js';
import { sqlComment } from '../../sql/comment.js';
import { formatPlan } from '../../sql/plan.js';
import { connectTo, dialectOf, resolveConnection, type ConnectionOptions } from '../../config/connection.js';
import { handle, withConnectionOptions, withDryRunOptions, withFormatOption } from '../common.js';
import { deprecatedOption } from '../naming.js';

export const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

interface CreateOpts extends ConnectionOptions {
  prNumber?: string;
  prefix: string;
  database?: string;
  repo?: string;
  headSha?: string;
  baseSha?: string;
  ciRoles: string[];
  reviewerRoles: string[];
  recreate?: boolean;
  recreateOnBaseChange?: boolean;
  dryRun?: boolean;
  dialect?: DialectName;
  format?: string;
}

/** `owner/name` from --repo or GITHUB_REPOSITORY. */
export function repoOption(value: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const repo = value ?? env.GITHUB_REPOSITORY;
  if (!repo) {
    throw new UserError('No repository was given.', { hint: 'Pass --repo owner/name (or set GITHUB_REPOSITORY); it is recorded in the schema so the sweep knows whose it is.' });
  }
  return repo;
}

/** --pr-number is required; it is not a commander requiredOption so that the deprecated --pr can supply it. */
function requirePrNumber(v: string | undefined): string {
  if (v === undefined) throw new UserError('--pr-number is required.', { hint: 'Pass the pull request number, e.g. --pr-number 123.' });
  return v;
}

function text(r: CreatePrSchemaResult & { plan?: string }): string {
  const where = r.database ? `${r.database}.${r.schema}` : r.schema;
  if (r.plan !== undefined) return `${sqlComment(`${where}: ${r.action}`)}\n${r.plan}`;
  const lines = [`${where}: ${r.action}${r.recreateReason ? ` (${r.recreateReason})` : ''}`];
  for (const g of r.grants) lines.push(`  grant to ${g.role} (${g.kind}): ${g.privileges}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}

export function register(program: Command): void {
  const group = program.command('pr-schema').description('a schema per pull request (<prefix><number>), transient on Snowflake, with an ownership record the sweep reads');

  const create = withFormatOption(withDryRunOptions(withConnectionOptions(group.command('create'))))
    .description('create the PR schema (idempotent), record its owner, grant CI and reviewer roles')
    .option('--pr-number <number>', 'pull request number (required)')
    .option('--prefix <prefix>', 'schema name prefix (letters, digits, underscores)', DEFAULT_PREFIX)
    .option('--database <name>', 'database for the schema (Snowflake; default: the connection\'s)')
    .option('--repo <owner/name>', 'repository the PR belongs to (default: $GITHUB_REPOSITORY)')
    .option('--head-sha <sha>', 'head commit of the PR (the TTL restarts when it changes)')
    .option('--base-sha <sha>', 'base commit of the PR (recorded for recreate-on-base-change)')
    .option('--ci-roles <roles>', 'roles that build in the schema: USAGE + CREATE (comma-separated, or repeated)', collect, [])
    .option('--reviewer-roles <roles>', 'roles that may read the schema: USAGE + SELECT on all/future tables and views (comma-separated, or repeated)', collect, [])
    .option('--recreate', 'drop everything in the schema first, so nothing stale can shadow production under --defer')
    .option('--recreate-on-base-change', 'recreate only when --base-sha differs from the base recorded in the schema')
    .option('--project-dir <dir>', 'dbt project folder (its dbt_project.yml names the profile)', '.');
  deprecatedOption(create, '--pr <number>', '--pr-number');
  deprecatedOption(create, '--ci-role <role>', '--ci-roles', { parse: collect });
  deprecatedOption(create, '--reviewer-role <role>', '--reviewer-roles', { parse: collect });
  create.action(
      handle<CreateOpts>(async (opts, { rt, emit }) => {
        const pr = parsePrNumber(requirePrNumber(opts.prNumber), '--pr-number');
        const repo = repoOption(opts.repo);
        const core = {
          pr,
          repo,
          prefix: opts.prefix,
          database: opts.database,
          headSha: opts.headSha,
          baseSha: opts.baseSha,
          ciRoles: opts.ciRoles,
          reviewerRoles: opts.reviewerRoles,
          recreate: !!opts.recreate,
          recreateOnBaseChange: !!opts.recreateOnBaseChange,
        };
        if (opts.recreateOnBaseChange && !opts.baseSha) {
          throw new UserError('--recreate-on-base-change needs --base-sha.', { hint: 'Pass the base commit of the PR, e.g. --base-sha $(git merge-base origin/main HEAD).' });
        }
        if (opts.dryRun && opts.dialect) {
          const r = dryRunCreatePrSchema(opts.dialect, core);
          emit({ ...r, plan: formatPlan(r.statements, opts.dialect) }, text);
          return;
        }
        const config = await resolveConnection(opts, rt);
        const wh = await connectTo(config, { action: 'pr-schema', pr });
        try {
          const r = await createPrSchema(wh, { ...core, dryRun: !!opts.dryRun });
          for (const w of r.warnings) rt.warn(w);
          if (opts.dryRun) {
            emit({ ...r, plan: formatPlan(r.statements, dialectOf(config)) }, text);
            return;
          }
          rt.setOutput('schema', r.schema);
          rt.setOutput('database', r.database);
          await rt.appendSummary(renderCreateMarkdown(r));
          emit(r, text);
        } finally {
          await wh.close();
        }
      }),
    );

  const name = withFormatOption(group.command('name'))
    .description('print the schema name for a PR in a dialect (no connection)')
    .option('--pr-number <number>', 'pull request number (required)')
    .option('--prefix <prefix>', 'schema name prefix', DEFAULT_PREFIX)
    .option('--dialect <dialect>', 'snowflake (folds to upper case) or postgres (lower case)', 'snowflake');
  deprecatedOption(name, '--pr <number>', '--pr-number');
  name.action(
      handle<{ prNumber?: string; prefix: string; dialect: string }>(async (opts, { emit }) => {
        if (opts.dialect !== 'snowflake' && opts.dialect !== 'postgres') throw new UserError(`Unknown dialect '${opts.dialect}'.`, { hint: 'Use --dialect snowflake or --dialect postgres.' });
        const schema = prSchemaName(opts.prefix, parsePrNumber(requirePrNumber(opts.prNumber), '--pr-number'), opts.dialect);
        emit({ schema }, (r) => r.schema);
      }),
    );
}
