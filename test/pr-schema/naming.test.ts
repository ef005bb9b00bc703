/**
 * The matcher is the safety line of the sweep: a name is a PR schema only if
 * it is exactly `<folded prefix><canonical number>`. Property tests over
 * arbitrary names, prefixes and dialects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.js';
import { matchPrSchema, parsePrNumber, prSchemaName, prSchemaPattern, validatePrefix } from '../../shared/pr-schema/naming.js';
import type { DialectName } from '../../shared/sql/identifiers.js';

const dialect = fc.constantFrom<DialectName>('snowflake', 'postgres');
const prefix = fc
  .tuple(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/), fc.constantFrom('_', 'A', 'z', 'PR_'))
  .map(([a, b]) => (a + b).slice(-40))
  .filter((p) => /^[A-Za-z_]/.test(p) && !/[0-9]$/.test(p));
const prNumber = fc.integer({ min: 1, max: 2_147_483_647 });

describe('PR schema naming', () => {
  it('names fold like the warehouse: CI_PR_12 on Snowflake, ci_pr_12 on Postgres', () => {
    expect(prSchemaName('CI_PR_', 12, 'snowflake')).toBe('CI_PR_12');
    expect(prSchemaName('CI_PR_', 12, 'postgres')).toBe('ci_pr_12');
    expect(prSchemaName('dbt_ci_', 7, 'snowflake')).toBe('DBT_CI_7');
    expect(prSchemaPattern('CI_PR_', 'snowflake')).toBe('^CI_PR_[1-9][0-9]*$');
  });

  it('round-trips: the matcher finds the PR number of every name it builds', () => {
    fc.assert(
      fc.property(prefix, prNumber, dialect, (p, n, d) => {
        expect(matchPrSchema(prSchemaName(p, n, d), p, d)).toBe(n);
      }),
    );
  });

  it('is exact: any name it accepts is precisely the name built for that PR (arbitrary strings)', () => {
    const name = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.tuple(fc.constantFrom('CI_PR_', 'ci_pr_', 'Ci_Pr_', 'CI_PR', 'CI_PR__'), fc.string({ maxLength: 12 })).map(([a, b]) => a + b),
      fc.tuple(fc.constantFrom('CI_PR_', 'ci_pr_'), prNumber, fc.constantFrom('', '_BACKUP', ' ', 'x', '0', '\n', '.x')).map(([a, n, s]) => a + n + s),
      fc.tuple(fc.constantFrom('CI_PR_', 'ci_pr_'), fc.stringMatching(/^[0-9٠-٩０-９]{1,12}$/)).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(name, fc.constantFrom('CI_PR_', 'ci_pr_', 'pr_'), dialect, (s, p, d) => {
        const n = matchPrSchema(s, p, d);
        if (n !== undefined) expect(s).toBe(prSchemaName(p, n, d));
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects every look-alike that a LIKE pattern or a loose regex would catch', () => {
    const looks = ['CI_PR_12_BACKUP', 'CI_PR_x', 'ci_pr_x', 'CI_PR_', 'CI_PR_012', 'CI_PR_0', 'CI_PR_-1', 'CI_PR_1.5', 'CI_PR_12 ', ' CI_PR_12', 'CI_PRX12', 'CIXPR_12', 'CI_PR_١٢', 'CI_PR_１２', 'CI_PR_99999999999', 'CI_PR_2147483648', 'XCI_PR_12', 'CI_PR_12\n'];
    for (const s of looks) expect(matchPrSchema(s, 'CI_PR_', 'snowflake'), s).toBeUndefined();
    // Case is the warehouse's: a lower-case name on Snowflake is a different (quoted) object.
    expect(matchPrSchema('ci_pr_12', 'CI_PR_', 'snowflake')).toBeUndefined();
    expect(matchPrSchema('CI_PR_12', 'CI_PR_', 'postgres')).toBeUndefined();
    expect(matchPrSchema('ci_pr_12', 'CI_PR_', 'postgres')).toBe(12);
    expect(matchPrSchema('CI_PR_2147483647', 'CI_PR_', 'snowflake')).toBe(2147483647);
  });

  it('refuses unsafe prefixes with a hint', () => {
    for (const bad of ['', 'CI-PR-', 'ci pr', 'x;drop schema y', '"CI"', '1CI_', 'PR1', 'CI_PR_9', 'é_', 'a'.repeat(41)]) {
      expect(() => validatePrefix(bad), bad).toThrow(UserError);
    }
    try {
      validatePrefix('PR1');
    } catch (e) {
      expect((e as UserError).hint).toMatch(/End the prefix with a letter or an underscore/);
    }
    fc.assert(fc.property(prefix, (p) => {
      expect(validatePrefix(p)).toBe(p);
    }));
  });

  it('accepts only positive integers as PR numbers', () => {
    expect(parsePrNumber('42')).toBe(42);
    expect(parsePrNumber(7)).toBe(7);
    for (const bad of ['', '0', '-3', '1e3', '12 ', 'feature/12', '12; drop', '０１', 1.5, 0, -1, NaN, undefined, null, '99999999999']) {
      expect(() => parsePrNumber(bad as never), String(bad)).toThrow(UserError);
    }
  });
});
