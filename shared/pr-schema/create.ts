/**
 * Create (or refresh, or recreate) the schema of one pull request.
 *
 * Idempotent: running it again for the same PR keeps the schema and its
 * contents, refreshes the ownership comment (new head → the TTL restarts) and
 * re-applies the grants (GRANT is idempotent in both dialects). `recreate`
 * drops the contents first; `recreateOnBaseChange` does so only when the base
 * commit recorded in the ownership comment differs from the current one.
 */
import { UserError } from '../errors.js';
import { prSchemaSql, type SchemaRef } from '../dialects/pr-schema.js';
import type { DialectName } from '../sql/identifiers.js';
import { resolveName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';
import type { Warehouse } from '../warehouse/types.js';
import { parsePrNumber, prSchemaName, validatePrefix } from './naming.js';
import { formatOwnership, isRepoSlug, parseOwnership, sameRepo, type OwnershipRecord } from './ownership.js';
import { runStatements } from '../warehouse/run.js';
import { describeSchema, resolveDatabase, type SchemaInfo } from './warehouse-ops.js';

export interface CreatePrSchemaOptions {
  pr: number;
  /** `owner/name`; recorded in the ownership comment. */
  repo: string;
  prefix?: string;
  /** Database (Snowflake); on Postgres it must be the connected one. */
  database?: string;
  headSha?: string;
  baseSha?: string;
  ciRoles?: readonly string[];
  reviewerRoles?: readonly string[];
  recreate?: boolean;
  /** Recreate when the recorded base commit differs from `baseSha`. */
  recreateOnBaseChange?: boolean;
  now?: Date;
}

export interface PrSchemaGrant {
  role: string;
  kind: 'ci' | 'reviewer';
  privileges: string;
}

export interface CreatePrSchemaResult {
  schema: string;
  /** The database it lives in (stored name); empty when unknown (dry run without --database). */
  database: string;
  action: 'created' | 'recreated' | 'refreshed' | 'planned';
  /** Why it was recreated, when it was. */
  recreateReason?: string;
  ownership: OwnershipRecord;
  grants: PrSchemaGrant[];
  statements: Statement[];
  warnings: string[];
}

function checkOptions(opts: CreatePrSchemaOptions): void {
  validatePrefix(opts.prefix);
  parsePrNumber(opts.pr);
  if (!isRepoSlug(opts.repo)) {
    throw new UserError(`The repository '${opts.repo}' is not in owner/name form.`, { hint: 'Pass --repo owner/name (the CLI also reads GITHUB_REPOSITORY).' });
  }
  for (const sha of [opts.headSha, opts.baseSha]) {
    if (sha !== undefined && !/^[0-9a-fA-F]{7,64}$/.test(sha)) {
      throw new UserError(`'${sha.slice(0, 80)}' is not a commit SHA.`, { hint: 'Pass the full hexadecimal SHA (github.event.pull_request.head.sha).' });
    }
  }
  for (const r of [...(opts.ciRoles ?? []), ...(opts.reviewerRoles ?? [])]) {
    const resolved = resolveName(r, 'snowflake');
    if (resolved.includes('"') || /[\u0000-\u001f]/.test(resolved)) {
      throw new UserError(`The role name ${JSON.stringify(r)} contains a double quote or a control character.`, { hint: 'Use the role\'s plain name, e.g. TRANSFORMER or "Review Team".' });
    }
  }
}

function grantList(dialect: DialectName, opts: CreatePrSchemaOptions): PrSchemaGrant[] {
  const ci = dialect === 'snowflake' ? 'USAGE, CREATE TABLE, CREATE VIEW' : 'USAGE, CREATE';
  const rev = dialect === 'snowflake' ? 'USAGE; SELECT on all and future tables and views' : 'USAGE; SELECT on all tables and views, and by default on new ones';
  return [
    ...(opts.ciRoles ?? []).map((role) => ({ role, kind: 'ci' as const, privileges: ci })),
    ...(opts.reviewerRoles ?? []).map((role) => ({ role, kind: 'reviewer' as const, privileges: rev })),
  ];
}

/**
 * The statements for a PR schema given what exists now (`existing`
 * undefined = it does not exist, or unknown in a dry run without a
 * connection). Pure: validates everything before any statement exists.
 */
export function planCreatePrSchema(
  dialect: DialectName,
  opts: CreatePrSchemaOptions,
  existing: SchemaInfo | undefined,
  database: { ref?: string; name: string } = { ref: opts.database === undefined || dialect === 'postgres' ? undefined : resolveName(opts.database, dialect), name: opts.database ? resolveName(opts.database, dialect) : '' },
): CreatePrSchemaResult {
  checkOptions(opts);
  const sql = prSchemaSql(dialect);
  const schema = prSchemaName(opts.prefix ?? 'CI_PR_', opts.pr, dialect);
  const ref: SchemaRef = { database: database.ref, schema };
  const now = (opts.now ?? new Date()).toISOString();
  const warnings: string[] = [];

  const parsed = parseOwnership(existing?.comment);
  const prior = parsed.kind === 'record' ? parsed.record : undefined;
  if (existing && prior && !sameRepo(prior.repo, opts.repo)) {
    throw new UserError(`Schema ${schema} already exists and its ownership comment says it belongs to ${prior.repo} (PR #${prior.pr}), not ${opts.repo}.`, {
      hint: 'Give each repository its own prefix (e.g. prefix: CI_ANALYTICS_PR_) or its own database, so PR numbers cannot collide.',
    });
  }
  if (existing && prior && prior.pr !== opts.pr) {
    throw new UserError(`Schema ${schema} already exists and its ownership comment names PR #${prior.pr}, not #${opts.pr}.`, {
      hint: 'Someone edited the comment or reused the name; drop the schema by hand (after checking its contents) or use another prefix.',
    });
  }
  if (existing && !prior) {
    // Slipway never builds into, recreates or later drops a schema it did not create.
    throw new UserError(
      `Schema ${schema} already exists and Slipway did not create it (it has no Slipway ownership record${parsed.kind === 'other' ? `; its comment is: ${parsed.text.slice(0, 80)}` : ''}); nothing was changed.`,
      { hint: 'Check what is in it, then drop or rename it by hand, or give Slipway its own prefix (input prefix / --prefix, e.g. CI_ANALYTICS_PR_).' },
    );
  }

  let recreateReason: string | undefined;
  if (existing && opts.recreate) recreateReason = 'recreate was requested';
  else if (existing && opts.recreateOnBaseChange && prior?.base && opts.baseSha && prior.base.toLowerCase() !== opts.baseSha.toLowerCase()) {
    recreateReason = `the base moved from ${prior.base.slice(0, 12)} to ${opts.baseSha.slice(0, 12)} since the schema was last built`;
  }
  const recreate = recreateReason !== undefined;

  const sameHead = !!prior && !!opts.headSha && !!prior.head && prior.head.toLowerCase() === opts.headSha.toLowerCase();
  const ownership: OwnershipRecord = {
    repo: opts.repo,
    pr: opts.pr,
    head: opts.headSha,
    base: opts.baseSha,
    created: existing && prior && !recreate ? prior.created : now,
    headAt: existing && prior && !recreate && sameHead ? prior.headAt : now,
  };
  const comment = formatOwnership(ownership);
  const statements: Statement[] = [
    ...(existing && !recreate ? sql.refresh(ref, comment) : sql.create(ref, comment, { recreate: recreate || opts.recreate === true })),
    ...sql.grants(ref, opts.ciRoles ?? [], opts.reviewerRoles ?? []),
  ];
  return {
    schema,
    database: database.name,
    action: existing ? (recreate ? 'recreated' : 'refreshed') : 'created',
    recreateReason,
    ownership,
    grants: grantList(dialect, opts),
    statements,
    warnings,
  };
}

/** Plan for `--dry-run` without a connection: assumes the schema does not exist yet (replaced when `recreate`). */
export function dryRunCreatePrSchema(dialect: DialectName, opts: CreatePrSchemaOptions): CreatePrSchemaResult {
  return { ...planCreatePrSchema(dialect, opts, undefined), action: 'planned' };
}

/** Create, refresh or recreate the PR schema on a live warehouse. With `dryRun`, reads but changes nothing. */
export async function createPrSchema(wh: Warehouse, opts: CreatePrSchemaOptions & { dryRun?: boolean }): Promise<CreatePrSchemaResult> {
  checkOptions(opts);
  const database = await resolveDatabase(wh, opts.database);
  const schema = prSchemaName(opts.prefix ?? 'CI_PR_', opts.pr, wh.dialect);
  const existing = await describeSchema(wh, wh.dialect, { database: database.ref, schema });
  const plan = planCreatePrSchema(wh.dialect, opts, existing, database);
  if (opts.dryRun) return { ...plan, action: 'planned' };
  await runStatements(wh, plan.statements);
  return plan;
}
