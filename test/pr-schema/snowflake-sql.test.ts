/**
 * Every Snowflake statement the PR-schema code can generate, parsed by the
 * independent grammar (sqlfluff), including hostile role names and comments.
 */
import { describe, expect, it } from 'vitest';
import { prSchemaSql } from '../../shared/dialects/pr-schema.js';
import { dryRunCreatePrSchema, planCreatePrSchema } from '../../shared/pr-schema/create.js';
import { planDropPrSchema } from '../../shared/pr-schema/cleanup.js';
import { formatOwnership } from '../../shared/pr-schema/ownership.js';
import { renderForDisplay, type Statement } from '../../shared/sql/plan.js';
import { describeSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';

const sf = prSchemaSql('snowflake');
const comment = formatOwnership({ repo: "o'brien/it's", pr: 12, head: 'a'.repeat(40), created: '2026-11-01T00:00:00.000Z', headAt: '2026-11-01T00:00:00.000Z' });
const roles = ['TRANSFORMER', 'ci_role', 'Review Team', "o'hara", 'Ünïcode_Rolle'];

function allStatements(): Statement[] {
  const out: Statement[] = [sf.currentDatabase()];
  for (const database of [undefined, 'ANALYTICS', 'my db']) {
    const ref = { database, schema: 'CI_PR_12' };
    out.push(sf.listSchemas(database, 'CI_PR_'), sf.describeSchema(ref), ...sf.create(ref, comment, { recreate: false }), ...sf.create(ref, comment, { recreate: true }), ...sf.refresh(ref, comment), ...sf.grants(ref, roles, roles), sf.drop(ref));
  }
  const opts = { pr: 7, repo: 'acme/dw', ciRoles: ['CI'], reviewerRoles: ['REVIEWER'], database: 'ANALYTICS' };
  out.push(...dryRunCreatePrSchema('snowflake', opts).statements, ...dryRunCreatePrSchema('snowflake', { ...opts, recreate: true }).statements);
  const ours = formatOwnership({ repo: 'acme/dw', pr: 7, head: 'b'.repeat(40), created: '2026-11-01T00:00:00.000Z', headAt: '2026-11-01T00:00:00.000Z' });
  out.push(...planCreatePrSchema('snowflake', opts, { name: 'CI_PR_7', comment: ours }, { ref: 'ANALYTICS', name: 'ANALYTICS' }).statements);
  out.push(...planDropPrSchema('snowflake', { pr: 7, database: 'analytics' }).statements);
  return out;
}

describe('Snowflake PR-schema SQL', () => {
  it('is a transient schema with no Time Travel and the ownership record as its comment', () => {
    const [create] = sf.create({ database: 'ANALYTICS', schema: 'CI_PR_12' }, comment, { recreate: false });
    expect(create!.sql).toBe(
      `CREATE TRANSIENT SCHEMA IF NOT EXISTS "ANALYTICS"."CI_PR_12" DATA_RETENTION_TIME_IN_DAYS = 0 COMMENT = '{"slipway":"pr-schema","v":1,"repo":"o''brien/it''s","pr":12,"head":"${'a'.repeat(40)}","created":"2026-11-01T00:00:00.000Z","head_at":"2026-11-01T00:00:00.000Z"}'`,
    );
    expect(sf.create({ schema: 'CI_PR_12' }, comment, { recreate: true })[0]!.sql).toMatch(/^CREATE OR REPLACE TRANSIENT SCHEMA "CI_PR_12" DATA_RETENTION_TIME_IN_DAYS = 0 COMMENT = /);
    expect(sf.drop({ database: 'ANALYTICS', schema: 'CI_PR_12' }).sql).toBe('DROP SCHEMA IF EXISTS "ANALYTICS"."CI_PR_12" CASCADE');
  });

  it('grants USAGE/CREATE to CI roles and read on all and future tables and views to reviewers', () => {
    const sqls = sf.grants({ database: 'DB', schema: 'CI_PR_1' }, ['ci'], ['reviewer']).map((s) => s.sql);
    expect(sqls).toEqual([
      'GRANT USAGE, CREATE TABLE, CREATE VIEW ON SCHEMA "DB"."CI_PR_1" TO ROLE "CI"',
      'GRANT USAGE ON SCHEMA "DB"."CI_PR_1" TO ROLE "REVIEWER"',
      'GRANT SELECT ON ALL TABLES IN SCHEMA "DB"."CI_PR_1" TO ROLE "REVIEWER"',
      'GRANT SELECT ON ALL VIEWS IN SCHEMA "DB"."CI_PR_1" TO ROLE "REVIEWER"',
      'GRANT SELECT ON FUTURE TABLES IN SCHEMA "DB"."CI_PR_1" TO ROLE "REVIEWER"',
      'GRANT SELECT ON FUTURE VIEWS IN SCHEMA "DB"."CI_PR_1" TO ROLE "REVIEWER"',
    ]);
  });

  it('refuses role names with a double quote (no tool but the warehouse parses them)', () => {
    expect(() => dryRunCreatePrSchema('snowflake', { pr: 1, repo: 'a/b', ciRoles: ['we"ird'] })).toThrow(/double quote/);
  });

  it('lists schemas with the prefix as a bind value, never spliced into SQL', () => {
    const st = sf.listSchemas('ANALYTICS', "CI_PR_'; DROP");
    expect(st.sql).not.toContain('DROP');
    expect(st.binds).toEqual(["CI_PR_'; DROP"]);
  });
});

describeSqlfluff('Snowflake PR-schema SQL against the independent grammar', () => {
  it('parses every statement the code can generate', () => {
    const texts = [...new Set(allStatements().map((s) => renderForDisplay(s, 'snowflake')))];
    expect(texts.length).toBeGreaterThan(50);
    expect(unparsableSnowflake(texts)).toEqual([]);
  });
});
