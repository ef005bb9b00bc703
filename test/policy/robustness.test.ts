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
  it('arbitrary resource changes never crash the engine: each plan is read and evaluated, or refused with a UserError (property)', async () => {
    const config = await buildPolicyConfig({ custom_rules: [{ id: 'ORG-X', type: '*', when: [{ attribute: 'on_schema_object.*.future.*.in_database', exists: true }], message: 'm' }] });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (rcs) => {
        let doc;
        try {
          doc = parseTerraformJson(JSON.stringify({ format_version: '1.2', resource_changes: rcs.map((r) => ({ ...r, address: `${r.type}.${r.name}${r.address ? `["${r.address.replace(/["\\]/g, '')}"]` : ''}` })) }), 'p.json');
        } catch (e) {
          expect(e).toBeInstanceOf(UserError); // a malformed entry (e.g. create without after) is refused, never passed
          return;
        }
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

  it('malformed resource_changes entries are errors naming the entry, never a silent pass', () => {
    const ok = { address: 'snowflake_grant_account_role.g', type: 'snowflake_grant_account_role', name: 'g', mode: 'managed' };
    const grant = { role_name: '"ACCOUNTADMIN"', parent_role_name: '"PUBLIC"' };
    const cases: [string, unknown, RegExp][] = [
      ['after is a string', { ...ok, change: { actions: ['create'], before: null, after: 'oops' } }, /change\.after is string/],
      ['after is a list', { ...ok, change: { actions: ['create'], before: null, after: [grant] } }, /change\.after is a list/],
      ['create without after', { ...ok, change: { actions: ['create'], before: null } }, /creates the resource but change\.after is missing/],
      ['update without before', { ...ok, change: { actions: ['update'], after: grant } }, /updates the resource but change\.before is missing/],
      ['delete without before', { ...ok, change: { actions: ['delete'], before: null, after: null } }, /deletes the resource but change\.before is missing/],
      ['unknown action', { ...ok, change: { actions: ['frobnicate'], before: grant, after: grant } }, /is not an action list Terraform prints/],
      ['empty actions', { ...ok, change: { actions: [], before: grant, after: grant } }, /is not an action list/],
      ['unknown mode', { ...ok, mode: 'maneged', change: { actions: ['create'], after: grant } }, /neither "managed" nor "data"/],
      ['after_unknown a string', { ...ok, change: { actions: ['create'], after: grant, after_unknown: 'yes' } }, /after_unknown is string/],
      ['empty type', { ...ok, type: '', change: { actions: ['create'], after: grant } }, /type is missing/],
    ];
    for (const [what, entry, re] of cases) {
      let err: unknown;
      try {
        parseTerraformJson(JSON.stringify({ format_version: '1.2', resource_changes: [entry] }), 'p.json');
      } catch (e) {
        err = e;
      }
      expect(err, what).toBeInstanceOf(UserError);
      expect((err as Error).message, what).toMatch(re);
      expect((err as Error).message, what).toMatch(/resource_changes\[0\]/);
    }
    // the well-formed version of the same grant is read and denied
    const doc = parseTerraformJson(JSON.stringify({ format_version: '1.2', resource_changes: [{ ...ok, change: { actions: ['create'], before: null, after: grant } }] }), 'p.json');
    expect(doc.resources).toHaveLength(1);
  });

  it('create-then-forget is checked like a create (the object exists afterwards)', async () => {
    const ok = { address: 'snowflake_grant_account_role.g', type: 'snowflake_grant_account_role', name: 'g', mode: 'managed' };
    const doc = parseTerraformJson(JSON.stringify({ format_version: '1.2', resource_changes: [{ ...ok, change: { actions: ['create', 'forget'], before: null, after: { role_name: '"ACCOUNTADMIN"', parent_role_name: '"PUBLIC"' } } }] }), 'p.json');
    expect(doc.resources[0]!.kind).toBe('create');
    const report = evaluate([doc], { config: await buildPolicyConfig({}) });
    expect(report.summary.deny).toBeGreaterThan(0);
  });
});
