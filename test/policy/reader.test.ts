import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.js';
import { changeKind, parseTerraformJson, splitFqn } from '../../shared/policy/index.js';
import { moduleAddressOf, moduleNames } from '../../shared/policy/plan.js';
import { check, gpar, onDb, pairs, planJson, rc, roleGrant } from './helpers.js';

const G = 'snowflake_grant_privileges_to_account_role';

describe('reading terraform show -json', () => {
  it('refuses text that is not JSON, binary plans, raw tfstate and non-Terraform JSON with a UserError naming the fix', () => {
    const bad: [string, RegExp][] = [
      ['not json at all', /not valid JSON/],
      ['PK\u0003\u0004binary', /binary Terraform plan/],
      [JSON.stringify({ version: 4, lineage: 'x', resources: [] }), /raw terraform.tfstate/],
      [JSON.stringify({ hello: 'world' }), /not a Terraform plan or state/],
      ['[1,2]', /not an object/],
      [JSON.stringify({ format_version: '1.2', resource_changes: {} }), /resource_changes is not an array/],
      [JSON.stringify({ format_version: '1.2', resource_changes: [{ address: 'a.b', type: 'snowflake_x', name: 'b' }] }), /resource_changes\[0\]\.change\.actions/],
      [JSON.stringify({ format_version: '1.2', resource_changes: [{ type: 'snowflake_x' }] }), /resource_changes\[0\]\.address/],
      [JSON.stringify({ format_version: 2, resource_changes: [] }), /format_version must be a string/],
    ];
    for (const [text, msg] of bad) {
      let err: unknown;
      try {
        parseTerraformJson(text, 'p.json');
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(UserError);
      expect((err as UserError).message).toMatch(msg);
      expect((err as UserError).message).toMatch(/^p\.json: /);
      expect((err as UserError).hint).toMatch(/terraform show -json/);
    }
  });

  it('warns on an unknown major format_version and reads the plan anyway; notes errored/incomplete plans', async () => {
    const doc = parseTerraformJson(planJson([rc(`${G}.p`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"X"')) })], { format_version: '2.0', errored: true, complete: false }), 'p.json');
    expect(doc.warnings.join('\n')).toMatch(/format_version 2.0 is newer/);
    expect(doc.warnings.join('\n')).toMatch(/errored: true/);
    expect(doc.warnings.join('\n')).toMatch(/complete: false/);
    const r = await check(planJson([rc(`${G}.p`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"X"')) })], { format_version: '2.0' }));
    expect(pairs(r)).toEqual([`${G}.p SF-NO-PUBLIC deny`]);
    expect(r.warnings).toHaveLength(1);
    expect(parseTerraformJson(planJson([], { format_version: '1.9' }), 'p.json').warnings).toEqual([]);
  });

  it('matches on type, never provider_name (both registry namespaces, and a mirror)', async () => {
    const r = await check([
      rc(`${G}.a`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"X"')), provider: 'registry.terraform.io/snowflake-labs/snowflake' }),
      rc(`${G}.b`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"X"')), provider: 'registry.terraform.io/snowflakedb/snowflake' }),
      rc(`${G}.c`, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"X"')), provider: 'terraform.example.corp/mirror/snowflake' }),
    ]);
    expect(r.findings.filter((f) => f.rule === 'SF-NO-PUBLIC')).toHaveLength(3);
  });

  it('nested modules and count/for_each addresses, including keys with dots and brackets', async () => {
    const addrs = [
      `module.env["prod"].module.grants.${G}.x[0]`,
      `module.env["a.b[c]"].${G}.y["REPORTER"]`,
      `module.one.${G}.z`,
    ];
    expect(moduleAddressOf(addrs[0]!)).toBe('module.env["prod"].module.grants');
    expect(moduleAddressOf(addrs[1]!)).toBe('module.env["a.b[c]"]');
    expect(moduleNames('module.env["prod"].module.grants')).toEqual(['env', 'grants']);
    expect(moduleNames('module.env["a.b[c]"]')).toEqual(['env']);
    const r = await check([
      rc(addrs[0]!, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"X"')), moduleAddress: 'module.env["prod"].module.grants', index: 0 }),
      rc(addrs[1]!, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"X"')), index: 'REPORTER' }),
      rc(addrs[2]!, ['create'], { after: gpar('"PUBLIC"', ['USAGE'], onDb('"X"')) }),
    ]);
    expect(r.findings.map((f) => f.address).sort()).toEqual([...addrs].sort());
  });

  it('classifies every action kind', () => {
    expect(changeKind(['create'])).toBe('create');
    expect(changeKind(['update'])).toBe('update');
    expect(changeKind(['delete'])).toBe('delete');
    expect(changeKind(['delete', 'create'])).toBe('replace');
    expect(changeKind(['create', 'delete'])).toBe('replace');
    expect(changeKind(['forget'])).toBe('forget');
    expect(changeKind(['no-op'])).toBe('no-op');
    expect(changeKind(['read'])).toBe('read');
    // Unknown future combinations containing delete never pass as harmless.
    expect(changeKind(['delete', 'forget'])).toBe('delete');
    // Terraform's create-then-forget (a replace that leaves the old object): the new object exists, so it is checked as created.
    expect(changeKind(['create', 'forget'])).toBe('create');
  });

  it('reads a state (terraform show -json of a state): every resource is checked as existing', async () => {
    const state = JSON.stringify({
      format_version: '1.0',
      terraform_version: '1.11.4',
      values: {
        root_module: {
          resources: [
            { address: `${G}.pub`, mode: 'managed', type: G, name: 'pub', provider_name: 'registry.terraform.io/snowflakedb/snowflake', values: gpar('"PUBLIC"', ['USAGE'], onDb('"ANALYTICS"')) },
            { address: 'data.snowflake_roles.all', mode: 'data', type: 'snowflake_roles', name: 'all', values: {} },
          ],
          child_modules: [
            {
              address: 'module.legacy',
              resources: [{ address: 'module.legacy.snowflake_database_grant.g', mode: 'managed', type: 'snowflake_database_grant', name: 'g', values: { database_name: 'RAW', privilege: 'USAGE', roles: ['LOADER'], enable_multiple_grants: false, with_grant_option: false } }],
            },
          ],
        },
      },
    });
    const r = await check(state);
    expect(pairs(r)).toEqual([
      'module.legacy.snowflake_database_grant.g SF-DEPRECATED-RESOURCE warn',
      'module.legacy.snowflake_database_grant.g SF-LEGACY-MULTIPLE-GRANTS deny',
      `${G}.pub SF-NO-PUBLIC deny`,
    ]);
    expect(r.summary.plans[0]).toMatchObject({ kind: 'state', resources: 3 });
    expect(r.findings.every((f) => f.actions.length === 0)).toBe(true);
    // An empty state is fine.
    expect((await check(JSON.stringify({ format_version: '1.0' }))).findings).toEqual([]);
  });

  it('sets are arrays: privileges in any order, partially unknown sets never pass', async () => {
    const r = await check([
      rc(`${G}.partial`, ['create'], { after: gpar('"REPORTER"', ['SELECT'], onDb('"ANALYTICS"')), unknown: [] }),
    ]);
    expect(r.findings).toEqual([]);
    const doc = JSON.parse(planJson([rc(`${G}.partial`, ['create'], { after: gpar('"REPORTER"', ['SELECT'], onDb('"ANALYTICS"')) })]));
    doc.resource_changes[0].change.after_unknown.privileges = [false, true];
    const r2 = await check(JSON.stringify(doc));
    expect(pairs(r2)).toEqual([`${G}.partial SF-REPORTER-READONLY warn`]);
    expect(r2.findings[0]!.unknown).toContain('privileges');
  });

  it('normalises quoted and unquoted identifiers', () => {
    expect(splitFqn('"ANALYTICS"."Marts".fct')).toEqual(['ANALYTICS', 'Marts', 'FCT']);
    expect(splitFqn('"a""b"."c.d"')).toEqual(['a"b', 'c.d']);
    expect(splitFqn('reporter')).toEqual(['REPORTER']);
    expect(splitFqn('')).toEqual([]);
  });

  it('a role reference resolves per for_each key', async () => {
    const text = JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        rc('snowflake_account_role.r["a"]', ['create'], { after: { name: 'REPORTER_A', comment: null }, index: 'a', unknown: ['id'] }),
        rc('snowflake_account_role.r["b"]', ['create'], { after: { name: 'PUBLIC', comment: null }, index: 'b', unknown: ['id'] }),
        rc('snowflake_grant_account_role.e["a"]', ['create'], { after: { parent_role_name: '"SYSADMIN"', user_name: null }, index: 'a', unknown: ['role_name'] }),
        rc('snowflake_grant_account_role.e["b"]', ['create'], { after: roleGrant('"TRANSFORMER"', '"SYSADMIN"'), index: 'b', unknown: ['parent_role_name'] }),
      ],
      configuration: {
        root_module: {
          resources: [
            { address: 'snowflake_grant_account_role.e', mode: 'managed', type: 'snowflake_grant_account_role', name: 'e', expressions: { role_name: { references: ['snowflake_account_role.r["x"].name', 'snowflake_account_role.r'] }, parent_role_name: { references: ['snowflake_account_role.r'] } } },
          ],
        },
      },
    });
    const r = await check(text);
    // ["a"]: role_name names r["x"], which does not exist, so the same key resolves it: REPORTER_A → SYSADMIN; ["b"]: parent resolves to PUBLIC.
    expect(pairs(r)).toEqual(['snowflake_grant_account_role.e["b"] SF-NO-PUBLIC deny']);
    // A literal key wins over the instance's own key.
    const lit = JSON.parse(text);
    lit.configuration.root_module.resources[0].expressions.parent_role_name.references = ['snowflake_account_role.r["b"].name', 'snowflake_account_role.r["b"]', 'snowflake_account_role.r'];
    lit.resource_changes[2].change.after_unknown.parent_role_name = true;
    delete lit.resource_changes[2].change.after.parent_role_name;
    const r2 = await check(JSON.stringify(lit));
    expect(pairs(r2)).toEqual(['snowflake_account_role.r["a"] SF-ROLE-NOT-UNDER-SYSADMIN warn', 'snowflake_grant_account_role.e["a"] SF-NO-PUBLIC deny', 'snowflake_grant_account_role.e["b"] SF-NO-PUBLIC deny']);
  });
});

describe('plan extras', () => {
  it('an import (no-op + importing) is checked for content; deferred changes are checked with a note', async () => {
    const imported = rc(`${G}.imp`, ['no-op'], { before: gpar('"PUBLIC"', ['USAGE'], onDb('"ANALYTICS"')), after: gpar('"PUBLIC"', ['USAGE'], onDb('"ANALYTICS"')) });
    (imported.change as Record<string, unknown>).importing = { id: '"PUBLIC"|false|false|USAGE|OnAccountObject|DATABASE|"ANALYTICS"' };
    const deferred = rc(`${G}.later`, ['create'], { after: gpar('"PUBLIC"', ['SELECT'], onDb('"RAW"')) });
    const r = await check(planJson([imported], { deferred_changes: [{ reason: 'resource_config_unknown', resource_change: deferred }] }));
    expect(pairs(r)).toEqual([`${G}.imp SF-NO-PUBLIC deny`, `${G}.later SF-NO-PUBLIC deny`]);
    expect(r.warnings.join()).toMatch(/1 change\(s\) are deferred/);
  });
});

describe('unknown targets', () => {
  it('an unknown on_account or outbound_privileges is reported, not passed', async () => {
    const after = (({ on_account: _o, ...x }) => x)(gpar('"TRANSFORMER"', ['MANAGE GRANTS']));
    const own = { account_role_name: '"TRANSFORMER"', database_role_name: null, on: [{ all: [], future: [], object_name: '"ANALYTICS"."M"', object_type: 'SCHEMA' }], timeouts: null };
    const r = await check([
      rc(`${G}.acct`, ['create'], { after, unknown: ['on_account'] }),
      rc('snowflake_grant_ownership.o', ['create'], { after: own, unknown: ['outbound_privileges'] }),
    ]);
    expect(pairs(r)).toEqual(['snowflake_grant_ownership.o SF-OWNERSHIP-CHANGE warn', `${G}.acct SF-ACCOUNT-PRIV warn`, `${G}.acct SF-ROLE-SCOPE warn`]);
    expect(r.findings.find((f) => f.rule === 'SF-ACCOUNT-PRIV')!.unknown).toEqual(['on_account']);
    expect(r.findings.find((f) => f.rule === 'SF-ROLE-SCOPE')!.unknown).toEqual(['on_account']);
    expect(r.findings.find((f) => f.rule === 'SF-OWNERSHIP-CHANGE')!.unknown).toEqual(['outbound_privileges']);
  });
});

describe('references inside modules', () => {
  it('resolves a grantee through configuration.module_calls for an instance of a nested module', async () => {
    const mod = 'module.team["fin"].module.grants';
    const text = JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        rc(`${mod}.snowflake_account_role.r`, ['create'], { after: { name: 'PUBLIC', comment: null }, moduleAddress: mod, unknown: ['id'] }),
        rc(`${mod}.${G}.g`, ['create'], { after: (({ account_role_name: _a, ...x }) => x)(gpar('', ['USAGE'], onDb('"ANALYTICS"'))), moduleAddress: mod, unknown: ['account_role_name'] }),
      ],
      configuration: {
        root_module: {
          module_calls: {
            team: { module: { module_calls: { grants: { module: { resources: [{ address: `${G}.g`, mode: 'managed', type: G, name: 'g', expressions: { account_role_name: { references: ['snowflake_account_role.r.name', 'snowflake_account_role.r'] } } }] } } } } },
          },
        },
      },
    });
    const r = await check(text);
    expect(pairs(r)).toEqual([`${mod}.${G}.g SF-NO-PUBLIC deny`]);
  });
});

describe('unknown privileges', () => {
  it('unknown privileges on the account, or where the class may only read, are reported', async () => {
    const r = await check([
      rc(`${G}.acct`, ['create'], { after: gpar('"TRANSFORMER"', null, { on_account: true }), unknown: ['privileges'] }),
      rc(`${G}.raw`, ['create'], { after: gpar('"TRANSFORMER"', null, onDb('"RAW"')), unknown: ['privileges'] }),
      rc(`${G}.an`, ['create'], { after: gpar('"TRANSFORMER"', null, onDb('"ANALYTICS"')), unknown: ['privileges'] }),
    ]);
    expect(pairs(r)).toEqual([`${G}.acct SF-ACCOUNT-PRIV warn`, `${G}.raw SF-ROLE-SCOPE warn`]);
  });
});
