/**
 * Drop one pull request's schema when the PR closes. A schema that is not
 * there is success (cleanup may run twice, or the PR never built). A schema
 * whose ownership comment names another repository is left alone and
 * reported. A role that may not drop it fails before anything is dropped.
 */
import { OperationError, UserError } from '../errors.js';
import { prSchemaSql } from '../dialects/pr-schema.js';
import { resolveName, type DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';
import { runStatement } from '../warehouse/run.js';
import type { Warehouse } from '../warehouse/types.js';
import { parsePrNumber, prSchemaName, validatePrefix } from './naming.js';
import { isRepoSlug, parseOwnership, sameRepo } from './ownership.js';
import { describeSchema, resolveDatabase } from './warehouse-ops.js';

export interface DropPrSchemaOptions {
  pr: number;
  prefix?: string;
  database?: string;
  /** `owner/name`: when given, a schema owned by another repository is left alone. */
  repo?: string;
  dryRun?: boolean;
}

export interface DropPrSchemaResult {
  schema: string;
  database: string;
  status: 'dropped' | 'absent' | 'left-alone' | 'would-drop';
  reason: string;
  statements: Statement[];
}

function check(opts: DropPrSchemaOptions): void {
  validatePrefix(opts.prefix);
  parsePrNumber(opts.pr);
  if (opts.repo !== undefined && !isRepoSlug(opts.repo)) {
    throw new UserError(`The repository '${opts.repo}' is not in owner/name form.`, { hint: 'Pass --repo owner/name.' });
  }
}

/** The drop statement alone, for `--dry-run` without a connection. */
export function planDropPrSchema(dialect: DialectName, opts: DropPrSchemaOptions): DropPrSchemaResult {
  check(opts);
  const schema = prSchemaName(opts.prefix ?? 'CI_PR_', opts.pr, dialect);
  const database = dialect === 'snowflake' && opts.database ? resolveName(opts.database, dialect) : undefined;
  const stmt = prSchemaSql(dialect).drop({ database, schema });
  return { schema, database: database ?? '', status: 'would-drop', reason: 'dry run (the warehouse was not consulted)', statements: [stmt] };
}

export async function dropPrSchema(wh: Warehouse, opts: DropPrSchemaOptions): Promise<DropPrSchemaResult> {
  check(opts);
  const db = await resolveDatabase(wh, opts.database);
  const schema = prSchemaName(opts.prefix ?? 'CI_PR_', opts.pr, wh.dialect);
  const ref = { database: db.ref, schema };
  const where = db.name ? `${db.name}.${schema}` : schema;
  const info = await describeSchema(wh, wh.dialect, ref);
  if (!info) return { schema, database: db.name, status: 'absent', reason: `${where} does not exist; nothing to drop.`, statements: [] };
  const own = parseOwnership(info.comment);
  if (own.kind !== 'record') {
    return { schema, database: db.name, status: 'left-alone', reason: `${where} has no Slipway ownership record: Slipway did not create it, so it is left alone (drop it by hand if it should go).`, statements: [] };
  }
  if (own.kind === 'record' && opts.repo && !sameRepo(own.record.repo, opts.repo)) {
    return { schema, database: db.name, status: 'left-alone', reason: `${where} belongs to ${own.record.repo}#${own.record.pr} according to its ownership comment, not ${opts.repo}; left alone.`, statements: [] };
  }
  if (own.kind === 'record' && own.record.pr !== opts.pr) {
    return { schema, database: db.name, status: 'left-alone', reason: `${where}'s ownership comment names PR #${own.record.pr}, not #${opts.pr}; left alone.`, statements: [] };
  }
  const stmt = prSchemaSql(wh.dialect).drop(ref);
  if (info.canDrop === false) {
    throw new OperationError(`The role Slipway connects as may not drop ${where} (it is owned by ${info.owner ?? 'another role'}); nothing was dropped.`, {
      hint: `Run the cleanup as the role that created the PR schemas (${info.owner ?? 'its owner'}), or grant that role to the cleanup user.`,
    });
  }
  if (opts.dryRun) return { schema, database: db.name, status: 'would-drop', reason: `${where} exists and would be dropped with everything in it.`, statements: [stmt] };
  try {
    await runStatement(wh, stmt);
  } catch (err) {
    throw new OperationError(`Dropping ${where} failed: ${(err as Error).message}`, {
      hint: 'Check that the role Slipway connects as owns the schema (DROP needs ownership); nothing else was changed.',
      cause: err,
    });
  }
  return { schema, database: db.name, status: 'dropped', reason: `${where} was dropped with everything in it.`, statements: [stmt] };
}
