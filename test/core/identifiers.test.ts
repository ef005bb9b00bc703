import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ident, qualify, quoteIdent, quoteLiteral, resolveName } from '../../shared/sql/identifiers.js';
import { UserError } from '../../shared/errors.js';

/** Undo our quoting the way the server's lexer would; returns undefined if the text is not exactly one quoted identifier. */
function unquote(q: string): string | undefined {
  if (!q.startsWith('"') || !q.endsWith('"') || q.length < 2) return undefined;
  const inner = q.slice(1, -1);
  // Any lone quote inside would end the identifier early.
  if (/(^|[^"])"("")*([^"]|$)/.test(inner.replace(/""/g, ''))) return undefined;
  if (inner.replace(/""/g, '').includes('"')) return undefined;
  return inner.replace(/""/g, '"');
}

describe('identifiers', () => {
  it('folds unquoted-safe names as each warehouse does', () => {
    expect(resolveName('analytics', 'snowflake')).toBe('ANALYTICS');
    expect(resolveName('Analytics', 'postgres')).toBe('analytics');
    expect(resolveName('"Mixed Case"', 'snowflake')).toBe('Mixed Case');
    expect(resolveName('has-dash', 'snowflake')).toBe('has-dash');
    expect(ident('ci_pr_12', 'snowflake')).toBe('"CI_PR_12"');
    expect(qualify('snowflake', 'DB', 'S', 'T')).toBe('"DB"."S"."T"');
  });

  it('refuses empty, NUL and over-long names with a UserError', () => {
    expect(() => ident('', 'postgres')).toThrow(UserError);
    expect(() => ident('a\u0000b', 'snowflake')).toThrow(UserError);
    expect(() => quoteIdent('x'.repeat(64), 'postgres')).toThrow(/63/);
    expect(() => quoteIdent('é'.repeat(32), 'postgres')).toThrow(/bytes/); // 64 bytes
    expect(quoteIdent('x'.repeat(255), 'snowflake')).toHaveLength(257);
  });

  for (const dialect of ['snowflake', 'postgres'] as const) {
    it(`no string ends up outside its quotes (${dialect}, property)`, () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }), (s) => {
          fc.pre(!s.includes('\u0000'));
          let q: string;
          try {
            q = quoteIdent(s, dialect);
          } catch (e) {
            return e instanceof UserError; // too long: refused, never emitted
          }
          expect(unquote(q)).toBe(s);
        }),
        { numRuns: 2000 },
      );
    });

    it(`string literals round-trip (${dialect}, property)`, () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 80 }), (s) => {
          fc.pre(!s.includes('\u0000'));
          const lit = quoteLiteral(s, dialect);
          // PostgreSQL: a value with a backslash is an E'' string (backslashes doubled), exact whatever standard_conforming_strings says.
          const escapeString = dialect === 'snowflake' || lit.startsWith("E'");
          expect(lit.startsWith(escapeString && dialect === 'postgres' ? "E'" : "'") && lit.endsWith("'")).toBe(true);
          expect(dialect === 'postgres' && s.includes('\\')).toBe(lit.startsWith("E'"));
          let inner = lit.slice(lit.indexOf("'") + 1, -1);
          // After removing escaped pairs, no bare quote remains.
          const stripped = escapeString ? inner.replace(/\\\\/g, '').replace(/''/g, '') : inner.replace(/''/g, '');
          expect(stripped.includes("'")).toBe(false);
          inner = escapeString ? inner.replace(/''/g, "'").replace(/\\\\/g, '\\') : inner.replace(/''/g, "'");
          expect(inner).toBe(s);
        }),
        { numRuns: 2000 },
      );
    });
  }
});
