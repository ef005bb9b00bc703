import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.js';
import { buildPolicyConfig, evaluate, parseTerraformJson } from '../../shared/policy/index.js';

const TYPES = [
  'snowflake_grant_privileges_to_account_role', 'snowflake_grant_account_role', 'snowflake_grant_ownership', 'snowflake_grant_database_role',
  'snowflake_grant_privileges_to_database_role', 'snowflake_account_role', 'snowflake_role', 'snowflake_database', 'snowflake_schema',
  'snowflake_database_grant', 'snowflake_table_grant', 'snowflake_role_grants', 'snowflake_account_grant', 'snowflake_warehouse', 'null_resource',
];
const ATTRS = ['account_role_name', 'privileges', 'all_privileges', 'with_grant_option', 'on_account', 'on_account_object', 'on_schema', 'on_schema_object', 'on', 'role_name', 'parent_role_name', 'user_name', 'roles', 'users', 'privilege', 'database_name', 'schema_name', 'enable_multiple_grants', 'name', 'database', 'data_retention_time_in_days', 'is_transient', 'outbound_privileges', 'always_apply'];
const value = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 7, '', 'PUBLIC', '"ACCOUNTADMIN"', '"ANALYTICS"."M"', 'REVOKE', 'OWNERSHIP', 'ALL PRIVILEGES'),
  fc.array(fc.constantFrom('SELECT', 'INSERT', 'REPORTER', 'PUBLIC', 'SYSADMIN'), { maxLength: 3 }),
  fc.array(fc.dictionary(fc.constantFrom('object_type', 'object_name', 'future', 'all', 'in_database', 'in_schema', 'object_type_plural', 'schema_name'), fc.oneof(fc.constantFrom(null, 'TABLE', 'TABLES', '"DB"', '"DB"."S"'), fc.array(fc.dictionary(fc.constantFrom('object_type_plural', 'in_database', 'in_schema'), fc.constantFrom(null, 'VIEWS', '"DB"', '"DB"."S"')), { maxLength: 1 }))), { maxLength: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const attrs = fc.option(fc.dictionary(fc.constantFrom(...ATTRS), value), { nil: null });
const change = fc.record({
  address: fc.string({ maxLength: 10 }),
  type: fc.constantFrom(...TYPES),
  name: fc.constantFrom('a', 'b', 'c'),
  mode: fc.constantFrom('managed', 'data'),
  change: fc.record({
    actions: fc.constantFrom(['create'], ['update'], ['delete'], ['delete', 'create'], ['create', 'delete'], ['forget'], ['no-op'], ['read'], ['create', 'forget'], []),
    before: attrs,
    after: attrs,
    after_unknown: fc.oneof(fc.constant({}), fc.dictionary(fc.constantFrom(...ATTRS), fc.oneof(fc.boolean(), fc.array(fc.boolean(), { maxLength: 2 })))),
  }),
});

describe('robustness', () => {
  it('arbitrary resource changes never crash the engine (property)', async () => {
    const config = await buildPolicyConfig({ custom_rules: [{ id: 'ORG-X', type: '*', when: [{ attribute: 'on_schema_object.*.future.*.in_database', exists: true }], message: 'm' }] });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (rcs) => {
        const doc = parseTerraformJson(JSON.stringify({ format_version: '1.2', resource_changes: rcs.map((r) => ({ ...r, address: `${r.type}.${r.name}${r.address ? `["${r.address.replace(/["\\]/g, '')}"]` : ''}` })) }), 'p.json');
        const report = evaluate([doc, doc], { config });
        for (const f of report.findings) {
          expect(['deny', 'warn']).toContain(f.level);
          expect(typeof f.message).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary JSON documents either read or fail with a UserError', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        try {
          parseTerraformJson(JSON.stringify(v), 'p.json');
        } catch (e) {
          expect(e).toBeInstanceOf(UserError);
        }
        try {
          parseTerraformJson(JSON.stringify({ format_version: '1.2', resource_changes: [v] }), 'p.json');
        } catch (e) {
          expect(e).toBeInstanceOf(UserError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
