/**
 * The one module that turns names into SQL identifiers and values into SQL
 * literals. Nothing else in Slipway may build an identifier by string
 * concatenation: every schema, table, view, role and database name passes
 * through `quoteIdent` / `qualify` of its dialect, so no input can escape its
 * quotes (see test/sql/identifiers.test.ts, property-based).
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
 * A string literal. Snowflake treats backslash as an escape inside single
 * quotes, so it is doubled there too; Postgres (standard_conforming_strings,
 * on by default since 9.1) only needs quotes doubled.
 */
export function quoteLiteral(value: string, dialect: DialectName): SqlLiteral {
  if (value.includes('\u0000')) {
    throw new UserError('A text value contains a NUL character.', { hint: 'Remove control characters from the value.' });
  }
  let v = value.replace(/'/g, "''");
  if (dialect === 'snowflake') v = v.replace(/\\/g, '\\\\');
  return `'${v}'` as SqlLiteral;
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
