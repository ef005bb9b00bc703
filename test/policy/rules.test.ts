import { describe, expect, it } from 'vitest';
import { RULE_CATALOGUE } from '../../shared/policy/index.js';
import { accountRole, check, gpar, onDb, onFuture, onTable, pairs, rc, roleGrant, rulesAt } from './helpers.js';

const G = 'snowflake_grant_privileges_to_account_role';
const legacy = (privilege: string, roles: string[], more: Record<string, unknown> = {}) => ({
  database_name: 'ANALYTICS', enable_multiple_grants: true, privilege, revert_ownership_to_role_name: '', roles, shares: null, with_grant_option: false, ...more,
});
const sysadminEdge = (role: string, name = role.toLowerCase()) => rc(`snowflake_grant_account_role.${name}_sys`, ['create'], { after: roleGrant(`"${role}"`, '"SYSADMIN"'), unknown: ['id'] });

describe('built-in rules, one by one', () => {
  it('SF-LEGACY-MULTIPLE-GRANTS: false, missing and unknown fire; true passes; delete does not', async () => {
    const r = await check([
      rc('snowflake_database_grant.f', ['create'], { after: legacy('USAGE', ['REPORTER'], { enable_multiple_grants: false }) }),
      rc('snowflake_database_grant.missing', ['create'], { after: (({ enable_multiple_grants: _e, ...x }) => x)(legacy('USAGE', ['REPORTER'])) }),
      rc('snowflake_database_grant.unk', ['create'], { after: (({ enable_multiple_grants: _e, ...x }) => x)(legacy('USAGE', ['REPORTER'])), unknown: ['enable_multiple_grants'] }),
      rc('snowflake_database_grant.ok', ['create'], { after: legacy('USAGE', ['REPORTER']) }),
      rc('snowflake_database_grant.gone', ['delete'], { before: legacy('USAGE', ['REPORTER'], { enable_multiple_grants: false }) }),
      rc('snowflake_role_grants.rg', ['update'], { before: { enable_multiple_grants: false, role_name: 'REPORTER', roles: ['SYSADMIN'], users: null }, after: { enable_multiple_grants: false, role_name: 'REPORTER', roles: ['SYSADMIN', 'ANALYST'], users: null } }),
      rc('snowflake_role_ownership_grant.own', ['create'], { after: { on_role_name: 'REPORTER', to_role_name: 'USERADMIN', revert_ownership_to_role_name: 'SYSADMIN' } }),
    ], { rules: { 'SF-DEPRECATED-RESOURCE': 'off', 'SF-OWNERSHIP-CHANGE': 'off' } });
    const hits = r.findings.filter((f) => f.rule === 'SF-LEGACY-MULTIPLE-GRANTS');
    expect(hits.map((f) => f.address).sort()).toEqual(['snowflake_database_grant.f', 'snowflake_database_grant.missing', 'snowflake_database_grant.unk', 'snowflake_role_grants.rg']);
    expect(hits.every((f) => f.level === 'deny')).toBe(true);
    expect(hits.find((f) => f.address.endsWith('.unk'))!.unknown).toEqual(['enable_multiple_grants']);
    expect(hits.find((f) => f.address.endsWith('.missing'))!.message).toMatch(/not set \(defaults to false\)/);
  });

  it('SF-DEPRECATED-RESOURCE: legacy grants, grant_privileges_to_role, snowflake_role; not current resources', async () => {
    const r = await check([
      rc('snowflake_grant_privileges_to_role.x', ['create'], { after: { role_name: 'REPORTER', privileges: ['USAGE'], on_account_object: [{ object_type: 'DATABASE', object_name: 'ANALYTICS' }], with_grant_option: false, all_privileges: false, on_account: false } }),
      rc('snowflake_role.r', ['forget'], { before: { name: 'OLD' } }),
      rc('snowflake_warehouse_grant.w', ['no-op'], { before: { warehouse_name: 'WH', privilege: 'USAGE', roles: ['REPORTER'], enable_multiple_grants: true }, after: { warehouse_name: 'WH', privilege: 'USAGE', roles: ['REPORTER'], enable_multiple_grants: true } }),
      rc(`${G}.ok`, ['create'], { after: gpar('"REPORTER"', ['USAGE'], onDb('"ANALYTICS"')) }),
    ]);
    expect(r.findings.filter((f) => f.rule === 'SF-DEPRECATED-RESOURCE').map((f) => f.address).sort()).toEqual(['snowflake_grant_privileges_to_role.x', 'snowflake_role.r']);
    expect(rulesAt(r, `${G}.ok`)).toEqual([]);
    // The interim resource is read like the new one: its grantee and target are known.
    const x = r.findings.find((f) => f.address === 'snowflake_grant_privileges_to_role.x')!;
    expect(x).toMatchObject({ grantee: 'REPORTER', target: 'DATABASE ANALYTICS', privileges: ['USAGE'] });
  });

  it('SF-NO-PUBLIC: privileges, role membership and legacy roles to PUBLIC', async () => {
    const r = await check([
      rc(`${G}.p`, ['create'], { after: gpar('"PUBLIC"', ['SELECT'], onTable('"ANALYTICS"."MARTS"."T"')) }),
      rc('snowflake_grant_account_role.m', ['create'], { after: roleGrant('"REPORTER"', 'public') }),
      rc('snowflake_table_grant.l', ['create'], { after: legacy('SELECT', ['ANALYST', 'PUBLIC'], { schema_name: 'MARTS', table_name: 'T', on_all: false, on_future: false }) }),
      rc(`${G}.gone`, ['delete'], { before: gpar('"PUBLIC"', ['SELECT'], onTable('"ANALYTICS"."MARTS"."T"')) }),
    ], { rules: { 'SF-DEPRECATED-RESOURCE': 'off' } });
    expect(r.findings.filter((f) => f.rule === 'SF-NO-PUBLIC').map((f) => f.address).sort()).toEqual([`${G}.p`, 'snowflake_grant_account_role.m', 'snowflake_table_grant.l'].sort());
  });

  it('SF-ADMIN-ROLE-GRANT: admin to functional role or service user denied; admin to admin and to a person allowed', async () => {
    const r = await check([
      rc('snowflake_grant_account_role.a', ['create'], { after: roleGrant('"SECURITYADMIN"', '"DBT_PROD"') }),
      rc('snowflake_grant_account_role.b', ['create'], { after: roleGrant('"SYSADMIN"', '"ACCOUNTADMIN"') }),
      rc('snowflake_grant_account_role.c', ['create'], { after: roleGrant('"SYSADMIN"', null, '"FIVETRAN_SVC"') }),
      rc('snowflake_grant_account_role.d', ['create'], { after: roleGrant('"SYSADMIN"', null, '"JANE.DOE"') }),
      rc('snowflake_grant_account_role.e', ['delete'], { before: roleGrant('"SYSADMIN"', '"LOADER"') }),
    ]);
    expect(r.findings.filter((f) => f.rule === 'SF-ADMIN-ROLE-GRANT').map((f) => `${f.address} ${f.grantee}`).sort()).toEqual([
      'snowflake_grant_account_role.a DBT_PROD',
      'snowflake_grant_account_role.c USER FIVETRAN_SVC',
    ]);
  });

  it('SF-REPORTER-READONLY: writes, ALL, grant option, ownership and inheriting a writer role', async () => {
    const r = await check([
      rc(`${G}.sel`, ['create'], { after: gpar('"REPORTER_PROD"', ['SELECT', 'REFERENCES'], onTable('"ANALYTICS"."M"."T"')) }),
      rc(`${G}.all`, ['create'], { after: gpar('"ANALYST"', null, { ...onDb('"ANALYTICS"'), all_privileges: true }) }),
      rc(`${G}.go`, ['create'], { after: gpar('"BI_READ"', ['SELECT'], { ...onTable('"ANALYTICS"."M"."T"'), with_grant_option: true }) }),
      rc('snowflake_grant_ownership.own', ['create'], { after: { account_role_name: '"REPORTER"', database_role_name: null, on: [{ all: [], future: [], object_name: '"ANALYTICS"."M"', object_type: 'SCHEMA' }], outbound_privileges: 'COPY', timeouts: null } }),
      rc('snowflake_grant_account_role.inh', ['create'], { after: roleGrant('"TRANSFORMER"', '"REPORTER"') }),
      rc('snowflake_grant_account_role.inh_ok', ['create'], { after: roleGrant('"ANALYST"', '"REPORTER"') }),
      rc(`${G}.unk`, ['create'], { after: gpar('"REPORTER"', null, onTable('"ANALYTICS"."M"."T"')), unknown: ['privileges'] }),
    ], { rules: { 'SF-ALL-PRIVILEGES': 'off', 'SF-GRANT-OPTION': 'off', 'SF-OWNERSHIP-CHANGE': 'off' } });
    const ro = r.findings.filter((f) => f.rule === 'SF-REPORTER-READONLY');
    expect(ro.map((f) => `${f.address} ${f.level}`).sort()).toEqual([
      `${G}.all deny`, `${G}.go deny`, `${G}.unk warn`, 'snowflake_grant_account_role.inh deny', 'snowflake_grant_ownership.own deny',
    ].sort());
    expect(ro.find((f) => f.address === `${G}.unk`)!.unknown).toEqual(['privileges']);
  });

  it('SF-ROLE-SCOPE: class may not touch the database; write where only read is allowed; unlisted databases only when strict', async () => {
    const plan = [
      rc(`${G}.rep_raw`, ['create'], { after: gpar('"REPORTER"', ['USAGE'], onDb('"RAW"')) }),
      rc(`${G}.load_an`, ['create'], { after: gpar('"LOADER_FIVETRAN"', ['USAGE'], onDb('"ANALYTICS_PROD"')) }),
      rc(`${G}.tr_write_raw`, ['create'], { after: gpar('"TRANSFORMER"', ['INSERT'], onTable('"RAW"."S"."T"')) }),
      rc(`${G}.tr_read_raw`, ['create'], { after: gpar('"TRANSFORMER"', ['SELECT'], onFuture('TABLES', '"RAW"')) }),
      rc(`${G}.tr_own_an`, ['create'], { after: gpar('"TRANSFORMER_DEV"', ['CREATE SCHEMA'], onDb('"ANALYTICS_DEV"')) }),
      rc(`${G}.tr_util`, ['create'], { after: gpar('"TRANSFORMER"', ['USAGE'], onDb('"UTIL"')) }),
      rc(`${G}.other_role`, ['create'], { after: gpar('"MARKETING"', ['USAGE'], onDb('"RAW"')) }),
    ];
    const r = await check(plan);
    expect(r.findings.filter((f) => f.rule === 'SF-ROLE-SCOPE').map((f) => f.address).sort()).toEqual([`${G}.load_an`, `${G}.rep_raw`, `${G}.tr_write_raw`]);
    const strict = await check(plan, { role_intent: { classes: { TRANSFORMER: { roles: ['TRANSFORMER*'], reads: ['RAW'], writes: ['ANALYTICS'] } }, strict_databases: true } });
    expect(strict.findings.filter((f) => f.rule === 'SF-ROLE-SCOPE').map((f) => f.address).sort()).toEqual([`${G}.tr_util`, `${G}.tr_write_raw`]);
  });

  it('SF-OWNERSHIP-CHANGE: warn on COPY, deny on REVOKE, also on delete; legacy OWNERSHIP privilege', async () => {
    const own = (out: string) => ({ account_role_name: '"TRANSFORMER"', database_role_name: null, on: [{ all: [], future: [{ in_database: '"ANALYTICS"', in_schema: null, object_type_plural: 'TABLES' }], object_name: null, object_type: null }], outbound_privileges: out, timeouts: null });
    const r = await check([
      rc('snowflake_grant_ownership.copy', ['create'], { after: own('COPY') }),
      rc('snowflake_grant_ownership.revoke', ['create'], { after: own('REVOKE') }),
      rc('snowflake_grant_ownership.gone', ['delete'], { before: own('COPY') }),
      rc('snowflake_grant_ownership.same', ['no-op'], { before: own('COPY'), after: own('COPY') }),
    ]);
    expect(r.findings.filter((f) => f.rule === 'SF-OWNERSHIP-CHANGE').map((f) => `${f.address} ${f.level}`).sort()).toEqual([
      'snowflake_grant_ownership.copy warn', 'snowflake_grant_ownership.gone warn', 'snowflake_grant_ownership.revoke deny',
    ]);
    expect(r.findings.find((f) => f.address === 'snowflake_grant_ownership.copy')!.target).toBe('FUTURE TABLES IN DATABASE ANALYTICS');
  });

  it('SF-DESTROY-ROLE and SF-DESTROY-DATA-CONTAINER: delete and replace, both orders', async () => {
    const r = await check([
      rc('snowflake_account_role.a', ['delete'], { before: accountRole('A') }),
      rc('snowflake_database_role.b', ['create', 'delete'], { before: { database: 'ANALYTICS', name: 'B' }, after: { database: 'ANALYTICS', name: 'B2' } }),
      rc('snowflake_database.d', ['delete', 'create'], { before: { name: 'ANALYTICS', data_retention_time_in_days: 7, is_transient: false }, after: { name: 'ANALYTICS', data_retention_time_in_days: 7, is_transient: true } }),
      rc('snowflake_schema.s', ['delete'], { before: { database: 'ANALYTICS', name: 'MARTS' } }),
      rc('snowflake_table.t', ['delete'], { before: { database: 'RAW', schema: 'S', name: 'T' } }),
      rc('snowflake_account_role.forgotten', ['forget'], { before: accountRole('F') }),
    ], { rules: { 'SF-RETENTION-FOR-ROLLBACK': 'off' } });
    expect(pairs(r)).toEqual([
      'snowflake_account_role.a SF-DESTROY-ROLE deny',
      'snowflake_account_role.forgotten SF-FORGET-GRANT warn',
      'snowflake_database.d SF-DESTROY-DATA-CONTAINER deny',
      'snowflake_database_role.b SF-DESTROY-ROLE deny',
      'snowflake_schema.s SF-DESTROY-DATA-CONTAINER deny',
      'snowflake_table.t SF-DESTROY-DATA-CONTAINER deny',
    ]);
    expect(r.findings.find((f) => f.address === 'snowflake_table.t')!.target).toBe('TABLE RAW.S.T');
  });

  it('SF-DESTROY-GRANT, SF-REPLACE-GRANT, SF-FORGET-GRANT by action kind', async () => {
    const a = gpar('"TRANSFORMER"', ['SELECT'], onTable('"RAW"."S"."T"'));
    const r = await check([
      rc(`${G}.del`, ['delete'], { before: a }),
      rc(`${G}.rep1`, ['delete', 'create'], { before: a, after: { ...a, with_grant_option: false, account_role_name: '"LOADER"' }, replacePaths: [['account_role_name']] }),
      rc(`${G}.rep2`, ['create', 'delete'], { before: a, after: a }),
      rc(`${G}.fgt`, ['forget'], { before: a }),
      rc(`${G}.upd`, ['update'], { before: a, after: { ...a, privileges: ['REFERENCES', 'SELECT'] } }),
      rc(`${G}.noop`, ['no-op'], { before: a, after: a }),
      rc(`${G}.read`, ['read'], { before: a, after: a, mode: 'data' }),
    ], { rules: { 'SF-ROLE-SCOPE': 'off' } });
    expect(pairs(r)).toEqual([
      `${G}.del SF-DESTROY-GRANT warn`,
      `${G}.fgt SF-FORGET-GRANT warn`,
      `${G}.rep1 SF-REPLACE-GRANT warn`,
      `${G}.rep2 SF-REPLACE-GRANT warn`,
    ]);
    expect(r.findings.find((f) => f.address === `${G}.rep1`)!.message).toMatch(/revoked, then granted again.*account_role_name/);
    expect(r.findings.find((f) => f.address === `${G}.rep2`)!.message).toMatch(/granted again, then the old grant revoked/);
    expect(r.summary.changes).toBe(5);
  });

  it('SF-ALL-PRIVILEGES and SF-GRANT-OPTION, including legacy ALL and unknown flags', async () => {
    const r = await check([
      rc(`${G}.all`, ['create'], { after: gpar('"LOADER"', null, { ...onDb('"RAW"'), all_privileges: true }) }),
      rc(`${G}.unk`, ['create'], { after: (({ with_grant_option: _w, ...x }) => x)(gpar('"LOADER"', ['USAGE'], onDb('"RAW"'))), unknown: ['with_grant_option'] }),
      rc('snowflake_schema_grant.l', ['create'], { after: legacy('ALL PRIVILEGES', ['LOADER'], { database_name: 'RAW', schema_name: 'S', with_grant_option: true, on_all: false, on_future: false }) }),
    ], { rules: { 'SF-DEPRECATED-RESOURCE': 'off' } });
    expect(pairs(r)).toEqual([
      `${G}.all SF-ALL-PRIVILEGES warn`,
      `${G}.unk SF-GRANT-OPTION warn`,
      'snowflake_schema_grant.l SF-ALL-PRIVILEGES warn',
      'snowflake_schema_grant.l SF-GRANT-OPTION warn',
    ]);
    expect(r.findings.find((f) => f.address === `${G}.unk`)!.unknown).toEqual(['with_grant_option']);
  });

  it('SF-ACCOUNT-PRIV: warn for account privileges, deny for MANAGE GRANTS & co to non-admins, silent for admins', async () => {
    const r = await check([
      rc(`${G}.wh`, ['create'], { after: gpar('"TRANSFORMER"', ['CREATE WAREHOUSE'], { on_account: true }) }),
      rc(`${G}.mg`, ['create'], { after: gpar('"TRANSFORMER"', ['MANAGE GRANTS'], { on_account: true }) }),
      rc(`${G}.admin`, ['create'], { after: gpar('"SECURITYADMIN"', ['MANAGE GRANTS'], { on_account: true }) }),
      rc('snowflake_account_grant.l', ['create'], { after: { enable_multiple_grants: true, privilege: 'CREATE ROLE', roles: ['LOADER'], with_grant_option: false } }),
    ], { rules: { 'SF-DEPRECATED-RESOURCE': 'off' } });
    expect(pairs(r)).toEqual([`${G}.mg SF-ACCOUNT-PRIV deny`, `${G}.wh SF-ACCOUNT-PRIV warn`, 'snowflake_account_grant.l SF-ACCOUNT-PRIV deny'].sort());
    const cfg = await check([rc(`${G}.wh`, ['create'], { after: gpar('"TRANSFORMER"', ['CREATE WAREHOUSE'], { on_account: true }) })], { rules: { 'SF-ACCOUNT-PRIV': { deny_privileges: ['CREATE WAREHOUSE'] } } });
    expect(pairs(cfg)).toEqual([`${G}.wh SF-ACCOUNT-PRIV deny`]);
  });

  it('SF-ROLE-NOT-UNDER-SYSADMIN: direct and transitive paths, missing path, removed edge re-created elsewhere', async () => {
    const r = await check([
      rc('snowflake_account_role.direct', ['create'], { after: accountRole('DIRECT') }),
      sysadminEdge('DIRECT'),
      rc('snowflake_account_role.child', ['create'], { after: accountRole('CHILD') }),
      rc('snowflake_grant_account_role.child_to_direct', ['create'], { after: roleGrant('"CHILD"', '"DIRECT"') }),
      rc('snowflake_account_role.orphan', ['create'], { after: accountRole('ORPHAN') }),
      rc('snowflake_grant_account_role.orphan_to_x', ['create'], { after: roleGrant('"ORPHAN"', '"SOMEONE"') }),
      rc('snowflake_grant_account_role.moved_old', ['delete'], { before: roleGrant('"MOVED"', '"SYSADMIN"') }),
      rc('module.roles.snowflake_grant_account_role.moved_new', ['create'], { after: roleGrant('"MOVED"', '"SYSADMIN"'), moduleAddress: 'module.roles' }),
      rc('snowflake_account_role.sysadmin_itself', ['create'], { after: accountRole('SYSADMIN') }),
    ], { rules: { 'SF-DESTROY-GRANT': 'off' } });
    expect(pairs(r)).toEqual(['snowflake_account_role.orphan SF-ROLE-NOT-UNDER-SYSADMIN warn']);
  });

  it('SF-FUTURE-GRANT-SHADOWING: schema-level future grants with database-level ones for the same type', async () => {
    const r = await check([
      rc(`${G}.db_views`, ['create'], { after: gpar('"REPORTER"', ['SELECT'], onFuture('VIEWS', '"ANALYTICS"')) }),
      rc(`${G}.schema_views`, ['create'], { after: gpar('"ANALYST"', ['SELECT'], onFuture('VIEWS', '"ANALYTICS"', '"ANALYTICS"."MARTS"')) }),
      rc(`${G}.schema_tables`, ['create'], { after: gpar('"ANALYST"', ['SELECT'], onFuture('TABLES', '"ANALYTICS"', '"ANALYTICS"."MARTS"')) }),
      rc('snowflake_table_grant.legacy_db', ['no-op'], { before: legacy('SELECT', ['REPORTER'], { on_future: true, on_all: false, schema_name: null, database_name: 'RAW' }), after: legacy('SELECT', ['REPORTER'], { on_future: true, on_all: false, schema_name: null, database_name: 'RAW' }) }),
      rc('snowflake_table_grant.legacy_schema', ['create'], { after: legacy('SELECT', ['TRANSFORMER'], { on_future: true, on_all: false, schema_name: 'STRIPE', database_name: 'RAW' }) }),
    ], { rules: { 'SF-DEPRECATED-RESOURCE': 'off' } });
    expect(pairs(r)).toEqual([`${G}.schema_views SF-FUTURE-GRANT-SHADOWING warn`, 'snowflake_table_grant.legacy_schema SF-FUTURE-GRANT-SHADOWING warn']);
    expect(r.findings[0]!.message).toMatch(/FUTURE VIEWS IN SCHEMA ANALYTICS.MARTS overrides the database-level future grants on VIEWS in ANALYTICS \(to REPORTER;/);
  });

  it('SF-ALWAYS-APPLY and SF-STRICT-PRIVILEGES', async () => {
    const r = await check([
      rc(`${G}.aa`, ['update'], { before: gpar('"LOADER"', ['USAGE'], onDb('"RAW"')), after: gpar('"LOADER"', ['USAGE'], { ...onDb('"RAW"'), always_apply: true }) }),
      rc(`${G}.sp`, ['create'], { after: gpar('"LOADER"', ['USAGE'], { ...onDb('"RAW"'), strict_privilege_management: true }) }),
    ]);
    expect(pairs(r)).toEqual([`${G}.aa SF-ALWAYS-APPLY warn`, `${G}.sp SF-STRICT-PRIVILEGES warn`]);
  });

  it('SF-UNKNOWN-GRANTEE: unresolvable grantee warns; a configuration reference resolves it and the other rules run', async () => {
    const after = (({ account_role_name: _a, ...x }) => x)(gpar('', ['INSERT'], onTable('"ANALYTICS"."M"."T"')));
    const text = JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        rc('snowflake_account_role.rep', ['create'], { after: accountRole('REPORTER'), unknown: ['id', 'fully_qualified_name'] }),
        rc(`${G}.resolved`, ['create'], { after, unknown: ['id', 'account_role_name'] }),
        rc(`${G}.from_var`, ['create'], { after, unknown: ['id', 'account_role_name'] }),
        sysadminEdge('REPORTER'),
      ],
      configuration: {
        root_module: {
          resources: [
            { address: `${G}.resolved`, mode: 'managed', type: G, name: 'resolved', expressions: { account_role_name: { references: ['snowflake_account_role.rep.fully_qualified_name', 'snowflake_account_role.rep'] } } },
            { address: `${G}.from_var`, mode: 'managed', type: G, name: 'from_var', expressions: { account_role_name: { references: ['var.role'] } } },
          ],
        },
      },
    });
    const r = await check(text);
    expect(pairs(r)).toEqual([`${G}.from_var SF-UNKNOWN-GRANTEE warn`, `${G}.resolved SF-REPORTER-READONLY deny`]);
    expect(r.findings.find((f) => f.rule === 'SF-UNKNOWN-GRANTEE')!.unknown).toEqual(['account_role_name']);
  });

  it('SF-RETENTION-FOR-ROLLBACK: transient, short retention, default sentinel, unknown, database filter', async () => {
    const plan = [
      rc('snowflake_database.transient', ['create'], { after: { name: 'ANALYTICS', is_transient: true, data_retention_time_in_days: 1 } }),
      rc('snowflake_database.zero', ['create'], { after: { name: 'RAW', is_transient: false, data_retention_time_in_days: 0 } }),
      rc('snowflake_database.dflt', ['create'], { after: { name: 'SANDBOX', is_transient: false, data_retention_time_in_days: -1 } }),
      rc('snowflake_schema.unk', ['create'], { after: { database: 'ANALYTICS', name: 'MARTS', is_transient: 'default' }, unknown: ['data_retention_time_in_days'] }),
    ];
    expect(pairs(await check(plan))).toEqual([
      'snowflake_database.transient SF-RETENTION-FOR-ROLLBACK warn',
      'snowflake_database.zero SF-RETENTION-FOR-ROLLBACK warn',
      'snowflake_schema.unk SF-RETENTION-FOR-ROLLBACK warn',
    ]);
    const strict = await check(plan, { rules: { 'SF-RETENTION-FOR-ROLLBACK': { level: 'deny', min_days: 7, databases: ['ANALYTICS*', 'SANDBOX'] } } });
    expect(pairs(strict)).toEqual([
      'snowflake_database.dflt SF-RETENTION-FOR-ROLLBACK deny',
      'snowflake_database.transient SF-RETENTION-FOR-ROLLBACK deny',
      'snowflake_schema.unk SF-RETENTION-FOR-ROLLBACK warn',
    ]);
  });

  it('every catalogue rule has an id, level, title, description and remediation', () => {
    expect(RULE_CATALOGUE.length).toBe(23);
    for (const r of RULE_CATALOGUE) {
      expect(r.id).toMatch(/^SF-[A-Z-]+$/);
      expect(['deny', 'warn']).toContain(r.level);
      expect(r.title && r.description && r.remediation).toBeTruthy();
    }
  });
});

describe('default role intent', () => {
  it('per-database access roles (<DB>_READ) are read-only anywhere but not scoped to ANALYTICS', async () => {
    const r = await check([
      rc(`${G}.raw_read`, ['create'], { after: gpar('"RAW_READ"', ['USAGE'], onDb('"RAW"')) }),
      rc(`${G}.raw_read_ins`, ['create'], { after: gpar('"RAW_READ"', ['INSERT'], onTable('"RAW"."S"."T"')) }),
      rc(`${G}.tr_util`, ['create'], { after: gpar('"TRANSFORMER"', ['USAGE'], onDb('"UTIL"')) }),
    ]);
    expect(pairs(r)).toEqual([`${G}.raw_read_ins SF-REPORTER-READONLY deny`]);
  });
});
