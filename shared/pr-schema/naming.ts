/**
 * PR schema names: `<prefix><pr number>`, and the one matcher that decides
 * whether an existing schema is a PR schema. Everything that drops a schema
 * goes through `matchPrSchema`; a name that does not match exactly is never
 * touched.
 *
 * Case rules: the prefix is written like any unquoted identifier and folds the
 * way the warehouse folds it (`CI_PR_` → `CI_PR_` on Snowflake, `ci_pr_` on
 * Postgres). The matcher compares the stored name case-sensitively against the
 * folded prefix, so a quoted look-alike in the other case (`"ci_pr_12"` on
 * Snowflake) is a different object and is left alone.
 */
import { UserError } from '../errors.js';
import { rulesFor, type DialectName } from '../sql/identifiers.js';

export const DEFAULT_PREFIX = 'CI_PR_';

/** The largest PR number we accept (GitHub numbers are 32-bit). */
const MAX_PR = 2_147_483_647;

/**
 * Validate a prefix: starts with a letter or underscore, then letters, digits
 * and underscores, and does not end in a digit (`PR1` + `2` would be
 * indistinguishable from `PR` + `12`). Returns it unchanged.
 */
export function validatePrefix(prefix: string | undefined): string {
  const p = prefix ?? DEFAULT_PREFIX;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) {
    throw new UserError(`The schema prefix '${p.slice(0, 80)}' is not a safe identifier: it may contain only letters, digits and underscores, and must start with a letter or underscore.`, {
      hint: `Use a prefix such as ${DEFAULT_PREFIX} (the default) or DBT_CI_.`,
    });
  }
  if (/[0-9]$/.test(p)) {
    throw new UserError(`The schema prefix '${p}' ends in a digit, so '${p}12' could be PR 12 or PR ${p.match(/[0-9]+$/)![0]}12.`, {
      hint: `End the prefix with a letter or an underscore, e.g. ${p}_.`,
    });
  }
  if (p.length > 40) {
    throw new UserError(`The schema prefix '${p.slice(0, 60)}…' is ${p.length} characters long; at most 40 are allowed.`, { hint: `Use a shorter prefix such as ${DEFAULT_PREFIX}.` });
  }
  return p;
}

/** The prefix as the warehouse stores it. */
export function foldedPrefix(prefix: string, dialect: DialectName): string {
  return rulesFor(dialect).fold(validatePrefix(prefix));
}

/**
 * A PR number from the event or the command line: a positive integer, given as
 * a number or as a string of digits only (no signs, spaces, or text).
 */
export function parsePrNumber(value: unknown, where = '--pr'): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_PR) {
    throw new UserError(`The pull request number ${JSON.stringify(value === undefined ? null : value)} (from ${where}) is not a positive integer.`, {
      hint: 'Pass the number of the pull request, e.g. --pr-number 123; in a workflow it comes from the pull_request event (github.event.pull_request.number).',
    });
  }
  return n;
}

/** The stored (folded) schema name for a PR, e.g. `CI_PR_12` on Snowflake, `ci_pr_12` on Postgres. */
export function prSchemaName(prefix: string, pr: number, dialect: DialectName): string {
  return foldedPrefix(prefix, dialect) + String(parsePrNumber(pr));
}

/** The pattern the sweep uses, for reports: `^CI_PR_[1-9][0-9]*$`. */
export function prSchemaPattern(prefix: string, dialect: DialectName): string {
  return `^${foldedPrefix(prefix, dialect)}[1-9][0-9]*$`;
}

/**
 * The PR number a stored schema name belongs to, or undefined when the name is
 * not exactly `<folded prefix><number>`. The number must be canonical (no
 * leading zeros, ASCII digits only, at most a 32-bit value): `CI_PR_012`,
 * `CI_PR_12_BACKUP`, `ci_pr_12` on Snowflake, `CI_PR_x` all return undefined.
 */
export function matchPrSchema(name: string, prefix: string, dialect: DialectName): number | undefined {
  const p = foldedPrefix(prefix, dialect);
  if (typeof name !== 'string' || !name.startsWith(p)) return undefined;
  const rest = name.slice(p.length);
  if (!/^[1-9][0-9]{0,9}$/.test(rest)) return undefined;
  const n = Number(rest);
  return n <= MAX_PR ? n : undefined;
}
