/**
 * The one module that turns names into SQL identifiers and values into SQL
 * literals. Nothing else in Slipway may build an identifier by string
 * concatenation: every schema, table, view, role and database name passes
 * through `quoteIdent` / `qualify` of its dialect, so no input can escape its
 * quotes (see test/core/identifiers.test.ts and test/hardening/, property-based).
 *
 * Snowflake: unquoted identifiers resolve to UPPER case, quoted ones keep their
 * case and escape `"` as `""`; max 255 characters.
 * Postgres: unquoted identifiers fold to lower case, quoted ones keep case and
 * escape `"` as `""`; max 63 bytes (longer names are silently truncated by the
 * server, so we refuse them instead).
 */
import { UserError } from '../errors.js';

export type DialectName = 'snowflake' | 'postgres';

/** A string that is already a safely quoted identifier (or dotted path of them). */
export type SqlIdent = string & { readonly __sqlIdent: unique symbol };
/** A string that is already a safely quoted literal. */
export type SqlLiteral = string & { readonly __sqlLiteral: unique symbol };

const UNQUOTED_SAFE = /^[A-Za-z_][A-Za-z0-9_$]*$/;

export interface IdentRules {
  dialect: DialectName;
  /** How the warehouse resolves an unquoted name. */
  fold(name: string): string;
  maxLength: number;
  lengthUnit: 'chars' | 'bytes';
}

export const snowflakeRules: IdentRules = {
  dialect: 'snowflake',
  fold: (s) => s.toUpperCase(),
  maxLength: 255,
  lengthUnit: 'chars',
};
export const postgresRules: IdentRules = {
  dialect: 'postgres',
  fold: (s) => s.toLowerCase(),
  maxLength: 63,
  lengthUnit: 'bytes',
};

export function rulesFor(dialect: DialectName): IdentRules {
  return dialect === 'snowflake' ? snowflakeRules : postgresRules;
}

function checkName(name: string, rules: IdentRules, what: string): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new UserError(`The ${what} name is empty.`, { hint: `Give a non-empty ${what} name.` });
  }
  if (name.includes('\u0000')) {
    throw new UserError(`The ${what} name contains a NUL character.`, { hint: 'Remove control characters from the name.' });
  }
  const len = rules.lengthUnit === 'bytes' ? Buffer.byteLength(name, 'utf8') : [...name].length;
  if (len > rules.maxLength) {
    throw new UserError(
      `The ${what} name '${name.slice(0, 80)}' is ${len} ${rules.lengthUnit} long; ${rules.dialect} allows at most ${rules.maxLength}.`,
      { hint: `Use a shorter ${what} name (or a shorter prefix/suffix).` },
    );
  }
}

/**
 * How the warehouse will store a name the user wrote in config:
 * `analytics` → `ANALYTICS` on Snowflake, `analytics` on Postgres;
 * a name written with surrounding double quotes (`"Mixed Case"`) keeps its case;
 * any other name (spaces, dashes) is kept verbatim, as it can only exist quoted.
 */
export function resolveName(name: string, dialect: DialectName): string {
  const rules = rulesFor(dialect);
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    const inner = name.slice(1, -1).replace(/""/g, '"');
    checkName(inner, rules, 'identifier');
    return inner;
  }
  checkName(name, rules, 'identifier');
  return UNQUOTED_SAFE.test(name) ? rules.fold(name) : name;
}

/** Quote an already-resolved name exactly as given (case kept). */
export function quoteIdent(resolved: string, dialect: DialectName, what = 'identifier'): SqlIdent {
  checkName(resolved, rulesFor(dialect), what);
  return ('"' + resolved.replace(/"/g, '""') + '"') as SqlIdent;
}

/** Resolve (fold) then quote: the usual path for names from user config. */
export function ident(name: string, dialect: DialectName, what = 'identifier'): SqlIdent {
  return quoteIdent(resolveName(name, dialect), dialect, what);
}

/** `"DB"."SCHEMA"."TABLE"` from already-resolved parts (undefined parts are skipped). */
export function qualify(dialect: DialectName, ...resolvedParts: (string | undefined)[]): SqlIdent {
  const parts = resolvedParts.filter((p): p is string => p !== undefined && p !== '');
  if (parts.length === 0) throw new UserError('An object name has no parts.', { hint: 'Name the schema or table.' });
  return parts.map((p) => quoteIdent(p, dialect)).join('.') as SqlIdent;
}

/**
 * A string literal, exact under every server setting:
 * - Snowflake treats backslash as an escape inside single quotes, so it is
 *   doubled there;
 * - PostgreSQL reads `'…'` literally with standard_conforming_strings = on
 *   (the default since 9.1) but as an escape string when it is off, where a
 *   trailing `\` would swallow the closing quote. A value holding a backslash
 *   is therefore written as `E'…'` with backslashes doubled, which the server
 *   reads the same way under either setting (what PostgreSQL's own
 *   quote_literal does); a value without one is the same text either way.
 * Quotes are always doubled. NUL cannot be stored in a text value and is refused.
 */
export function quoteLiteral(value: string, dialect: DialectName): SqlLiteral {
  if (value.includes('\u0000')) {
    throw new UserError('A text value contains a NUL character.', { hint: 'Remove control characters from the value.' });
  }
  const v = value.replace(/'/g, "''");
  if (!v.includes('\\')) return `'${v}'` as SqlLiteral;
  const escaped = v.replace(/\\/g, '\\\\');
  return (dialect === 'snowflake' ? `'${escaped}'` : `E'${escaped}'`) as SqlLiteral;
}

/**
 * A dollar-quoted body for PostgreSQL (`DO $tag$ … $tag$`) whose tag does
 * not occur in the body, so no name or value inside it (a schema called
 * `x$slipway$y`) can close the quote early.
 */
export function dollarQuote(body: string, tagBase = 'slipway'): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tagBase)) throw new UserError(`The dollar-quote tag '${tagBase}' is not a plain name.`, { hint: 'Use letters, digits and underscores.' });
  let tag = `$${tagBase}$`;
  for (let n = 1; body.includes(tag); n++) tag = `$${tagBase}_${n}$`;
  return `${tag}${body}${tag}`;
}

/** Validate a user-supplied prefix/suffix (letters, digits, underscore) used to build names. */
export function assertNamePart(part: string, what: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(part)) {
    throw new UserError(`The ${what} '${part}' may contain only letters, digits and underscores.`, {
      hint: `Change the ${what} to something like CI_PR_ or __BLUE.`,
    });
  }
  return part;
}
