import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeShared, sharedPath } from '../helpers/fixtures.js';
import { formatSarif, runPolicy } from '../../shared/policy/index.js';

const synthetic = (f: string) => sharedPath('terraform', 'synthetic', f);

/** The expected-findings tables of shared/fixtures/terraform/SOURCES.md §3, verbatim (levels from the catalogue). */
const V2_MIXED: Record<string, string[]> = {
  'snowflake_account_role.reporter': ['SF-ROLE-NOT-UNDER-SYSADMIN warn'],
  'snowflake_grant_privileges_to_account_role.reporter_future_views': [],
  'snowflake_grant_privileges_to_account_role.reporter_fct_orders': ['SF-REPORTER-READONLY deny'],
  'snowflake_grant_account_role.accountadmin_to_transformer': ['SF-ADMIN-ROLE-GRANT deny'],
  'snowflake_grant_privileges_to_account_role.public_db_usage': ['SF-NO-PUBLIC deny'],
  'snowflake_grant_ownership.marts_schema': ['SF-OWNERSHIP-CHANGE warn'],
  'snowflake_account_role.legacy_loader': ['SF-DESTROY-ROLE deny'],
  'snowflake_grant_privileges_to_account_role.loader_raw_all': ['SF-ALL-PRIVILEGES warn', 'SF-GRANT-OPTION warn'],
  'snowflake_grant_privileges_to_account_role.transformer_create_db': ['SF-ACCOUNT-PRIV warn', 'SF-GRANT-OPTION warn', 'SF-REPLACE-GRANT warn'],
  'snowflake_grant_account_role.reporter_to_sysadmin': ['SF-DESTROY-GRANT warn', 'SF-ROLE-NOT-UNDER-SYSADMIN warn'],
  'snowflake_grant_privileges_to_account_role.transformer_wh': [],
};

const V0_LEGACY: Record<string, string[]> = {
  'snowflake_role.reporter': ['SF-DEPRECATED-RESOURCE warn', 'SF-ROLE-NOT-UNDER-SYSADMIN warn'],
  'snowflake_database_grant.analytics_usage': ['SF-DEPRECATED-RESOURCE warn', 'SF-LEGACY-MULTIPLE-GRANTS deny'],
  'snowflake_schema_grant.analytics_future_usage': ['SF-DEPRECATED-RESOURCE warn'],
  'snowflake_view_grant.v_orders_select': ['SF-DEPRECATED-RESOURCE warn'],
  'snowflake_table_grant.reporter_insert': ['SF-DEPRECATED-RESOURCE warn', 'SF-REPORTER-READONLY deny'],
  'snowflake_role_grants.sysadmin_to_transformer': ['SF-ADMIN-ROLE-GRANT deny', 'SF-DEPRECATED-RESOURCE warn'],
  'snowflake_account_grant.create_database': ['SF-ACCOUNT-PRIV warn', 'SF-DEPRECATED-RESOURCE warn', 'SF-LEGACY-MULTIPLE-GRANTS deny'],
  'snowflake_role_grants.loader_users': ['SF-DEPRECATED-RESOURCE warn', 'SF-DESTROY-GRANT warn'],
  'snowflake_schema_grant.marts_ownership': ['SF-DEPRECATED-RESOURCE warn', 'SF-OWNERSHIP-CHANGE warn'],
};

function byAddress(findings: { address: string; rule: string; level: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of findings) (out[f.address] ??= []).push(`${f.rule} ${f.level}`);
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
}
const nonEmpty = (t: Record<string, string[]>) => Object.fromEntries(Object.entries(t).filter(([, v]) => v.length));

describeShared('synthetic Terraform plans: expected findings of SOURCES.md', () => {
  it('plan-v2-grants-mixed.json (snowflakedb provider) matches the table exactly', async () => {
    const r = await runPolicy({ plans: [synthetic('plan-v2-grants-mixed.json')] });
    expect(byAddress(r.findings)).toEqual(nonEmpty(V2_MIXED));
    // Every address of the plan is in the oracle (nothing unexpected, no-op skipped).
    const plan = JSON.parse(readFileSync(synthetic('plan-v2-grants-mixed.json'), 'utf8'));
    expect(plan.resource_changes.map((x: { address: string }) => x.address).sort()).toEqual(Object.keys(V2_MIXED).sort());
    expect(r.summary).toMatchObject({ result: 'fail', deny: 4, warn: 9, excepted: 0, resources: 11, changes: 10 });
    expect(r.warnings).toEqual([]);
  });

  it('plan-v2-grants-clean.json has zero deny and zero warn', async () => {
    const r = await runPolicy({ plans: [synthetic('plan-v2-grants-clean.json')], failOnWarn: true });
    expect(r.findings).toEqual([]);
    expect(r.summary).toMatchObject({ result: 'pass', deny: 0, warn: 0 });
  });

  it('plan-v0-legacy-grants-mixed.json (snowflake-labs provider, v0.90 resources) matches the table exactly', async () => {
    const r = await runPolicy({ plans: [synthetic('plan-v0-legacy-grants-mixed.json')] });
    expect(byAddress(r.findings)).toEqual(nonEmpty(V0_LEGACY));
    expect(r.summary.deny).toBe(4);
  });

  it('findings carry grantee, privileges, target, actions and a remediation', async () => {
    const r = await runPolicy({ plans: [synthetic('plan-v2-grants-mixed.json')] });
    const ro = r.findings.find((f) => f.rule === 'SF-REPORTER-READONLY')!;
    expect(ro).toMatchObject({
      level: 'deny',
      address: 'snowflake_grant_privileges_to_account_role.reporter_fct_orders',
      type: 'snowflake_grant_privileges_to_account_role',
      actions: ['update'],
      grantee: 'REPORTER',
      privileges: ['INSERT'],
      target: 'TABLE ANALYTICS.MARTS.FCT_ORDERS',
    });
    expect(ro.remediation.length).toBeGreaterThan(10);
    expect(ro.line).toBeGreaterThan(1);
    const legacy = await runPolicy({ plans: [synthetic('plan-v0-legacy-grants-mixed.json')] });
    const emg = legacy.findings.find((f) => f.rule === 'SF-LEGACY-MULTIPLE-GRANTS' && f.address.endsWith('analytics_usage'))!;
    expect(emg).toMatchObject({ grantee: 'REPORTER, TRANSFORMER', privileges: ['USAGE'], target: 'DATABASE ANALYTICS' });
    const fut = legacy.findings.find((f) => f.address === 'snowflake_schema_grant.analytics_future_usage')!;
    expect(fut.target).toBe('FUTURE SCHEMAS IN DATABASE ANALYTICS');
  });

  it('all three plans at once: per-file findings plus parity between them', async () => {
    const r = await runPolicy({ plans: ['dev=' + synthetic('plan-v2-grants-clean.json'), 'prod=' + synthetic('plan-v2-grants-mixed.json')] });
    const own = r.findings.filter((f) => f.rule !== 'SF-ENV-PARITY');
    expect(byAddress(own)).toEqual(nonEmpty(V2_MIXED));
    const parity = r.findings.filter((f) => f.rule === 'SF-ENV-PARITY');
    expect(parity.length).toBeGreaterThan(0);
    expect(parity.find((f) => f.environment === 'dev' && f.address.endsWith('reporter_db_usage'))?.message).toMatch(/Present in dev, missing in prod: USAGE on DATABASE ANALYTICS to ROLE REPORTER/);
    const sarif = JSON.parse(formatSarif(r));
    expect(sarif.runs[0].results.length).toBe(r.findings.length);
  });
});
