/**
 * One permission model (shared/permissions/model.ts), checked against what
 * follows it: the docs table, the reference Terraform, the grant policy's
 * defaults, and the privileges Slipway's own SQL needs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allPrivileges, PERMISSIONS, permissionsTable, ROLES, type Permission } from '../../shared/permissions/model.js';
import { check, gpar, onDb, roleGrant, accountRole, rc } from '../policy/helpers.js';
import { repoRoot } from '../helpers/dbt.js';

const docs = readFileSync(join(repoRoot, 'docs', 'permissions.md'), 'utf8');
const tfDir = join(repoRoot, 'action-examples', 'terraform');
const tf = readdirSync(tfDir)
  .filter((f) => f.endsWith('.tf'))
  .map((f) => readFileSync(join(tfDir, f), 'utf8'))
  .join('\n');

describe('the docs table', () => {
  it('is the table the model renders', () => {
    const m = /<!-- permissions-table:start[^\n]*-->\n([\s\S]*?)\n<!-- permissions-table:end -->/.exec(docs);
    expect(m, 'docs/permissions.md keeps its generated-table markers').not.toBeNull();
    expect(m![1]).toBe(permissionsTable());
  });

  it('names every role with its example', () => {
    for (const r of Object.values(ROLES)) expect(docs).toContain(r.example);
  });
});

/** One `resource "TYPE" "NAME" { … }` block of the reference Terraform, braces matched. */
function resources(type: string): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  const re = new RegExp(`resource\\s+"${type}"\\s+"([^"]+)"\\s*\\{`, 'g');
  for (let m = re.exec(tf); m; m = re.exec(tf)) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < tf.length && depth > 0; i++) depth += tf[i] === '{' ? 1 : tf[i] === '}' ? -1 : 0;
    out.push({ name: m[1], body: tf.slice(re.lastIndex, i - 1) });
  }
  return out;
}

interface TfGrant {
  role: string;
  privilege: string;
  kind: Permission['kind'];
  object: string;
}

/** The grants the reference Terraform declares, as (terraform role, privilege, kind, terraform object). */
function terraformGrants(): TfGrant[] {
  const out: TfGrant[] = [];
  for (const { body } of resources('snowflake_grant_privileges_to_account_role')) {
    const role = /account_role_name\s*=\s*snowflake_account_role\.(\w+)\.name/.exec(body)?.[1];
    const privs = [...(/privileges\s*=\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((x) => x[1]);
    if (!role) continue;
    const forEach = [...(/for_each\s*=\s*toset\(\[([^\]]*)\]\)/.exec(body)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((x) => x[1]);
    const acct = /on_account_object\s*\{[^}]*object_type\s*=\s*"(\w+)"[^}]*object_name\s*=\s*snowflake_\w+\.(\w+)\.name/.exec(body);
    const futSchemas = /future_schemas_in_database\s*=\s*snowflake_database\.(\w+)\.name/.exec(body);
    const fut = /future\s*\{[^}]*object_type_plural\s*=\s*(each\.value|"(\w+)")[^}]*in_database\s*=\s*snowflake_database\.(\w+)\.name/.exec(body);
    for (const privilege of privs) {
      if (acct) out.push({ role, privilege, kind: acct[1] === 'WAREHOUSE' ? 'warehouse' : 'database', object: acct[2] });
      else if (futSchemas) out.push({ role, privilege, kind: 'future schemas', object: futSchemas[1] });
      else if (fut) for (const plural of fut[1] === 'each.value' ? forEach : [fut[2]]) out.push({ role, privilege, kind: `future ${plural.toLowerCase()}` as Permission['kind'], object: fut[3] });
    }
  }
  return out;
}

describe('the reference Terraform', () => {
  const grants = terraformGrants();
  // The same module runs per environment: TRANSFORMER_DEV is the ci role, TRANSFORMER_PROD the deploy role.
  const tfRole: Record<string, string> = { ci: 'transformer', deploy: 'transformer', reader: 'reporter' };
  const tfObject: Record<string, string> = { warehouse: 'transforming', database: 'analytics', 'raw database': 'raw', 'prod database': 'analytics' };

  it('declares every privilege the model gives a role (opt-in rows excepted)', () => {
    expect(grants.length).toBeGreaterThan(5);
    const missing: string[] = [];
    for (const p of PERMISSIONS.filter((x) => !x.optIn)) {
      // CI reads production by inheriting production's reader role (defer_readers).
      const role = p.target === 'prod database' ? 'reporter' : tfRole[p.role];
      for (const privilege of p.privileges) {
        const found = grants.some((g) => g.role === role && g.privilege === privilege && g.kind === p.kind && g.object === tfObject[p.target]);
        if (!found) missing.push(`${p.role}: ${privilege} on ${p.kind} ${p.target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lets CI read production through the reader role, and production names the CI role for it', () => {
    const defer = resources('snowflake_grant_account_role').find((r) => /role_name\s*=\s*snowflake_account_role\.reporter\.name/.test(r.body) && /var\.defer_readers/.test(r.body));
    expect(defer, 'a reporter → defer_readers role grant').toBeDefined();
    expect(readFileSync(join(tfDir, 'environments', 'prod.tfvars'), 'utf8')).toMatch(/defer_readers\s*=\s*\["TRANSFORMER_DEV"\]/);
  });

  it('grants MANAGE GRANTS to nobody', () => {
    expect(grants.filter((g) => g.privilege === 'MANAGE GRANTS')).toEqual([]);
  });
});

describe("the grant policy's defaults", () => {
  /** The model as the Snowflake provider would plan it for one environment. */
  function planFor(env: 'DEV' | 'PROD', withOptIn: boolean) {
    const roleName = (r: Permission['role']) => (r === 'reader' ? `REPORTER_${env}` : `TRANSFORMER_${env}`);
    const db = (t: Permission['target']) => (t === 'raw database' ? `RAW_${env}` : t === 'prod database' ? 'ANALYTICS_PROD' : `ANALYTICS_${env}`);
    const rows = PERMISSIONS.filter((p) => (withOptIn ? true : !p.optIn) && (env === 'DEV' ? p.role === 'ci' : p.role !== 'ci') && p.target !== 'prod database');
    const changes = [
      rc(`snowflake_account_role.transformer`, ['create'], { after: accountRole(`TRANSFORMER_${env}`) }),
      rc(`snowflake_account_role.reporter`, ['create'], { after: accountRole(`REPORTER_${env}`) }),
      rc(`snowflake_grant_account_role.transformer_to_sysadmin`, ['create'], { after: roleGrant(`TRANSFORMER_${env}`, 'SYSADMIN') }),
      rc(`snowflake_grant_account_role.reporter_to_transformer`, ['create'], { after: roleGrant(`REPORTER_${env}`, `TRANSFORMER_${env}`) }),
    ];
    if (env === 'PROD') changes.push(rc(`snowflake_grant_account_role.reporter_to_defer_readers["TRANSFORMER_DEV"]`, ['create'], { after: roleGrant('REPORTER_PROD', 'TRANSFORMER_DEV') }));
    rows.forEach((p, i) => {
      const on =
        p.kind === 'account'
          ? { on_account: true }
          : p.kind === 'warehouse'
            ? { on_account_object: [{ inherited: [], object_name: `TRANSFORMING_WH_${env}`, object_type: 'WAREHOUSE' }] }
            : p.kind === 'database'
              ? onDb(db(p.target))
              : p.kind === 'future schemas'
                ? { on_schema: [{ all_schemas_in_database: null, future_schemas_in_database: db(p.target), inherited: [], schema_name: null }] }
                : { on_schema_object: [{ all: [], future: [{ in_database: db(p.target), in_schema: null, object_type_plural: p.kind.replace('future ', '').toUpperCase() }], inherited: [], object_name: null, object_type: null }] };
      changes.push(rc(`snowflake_grant_privileges_to_account_role.model_${i}`, ['create'], { after: gpar(roleName(p.role), p.privileges, on) }));
    });
    return changes;
  }

  it.each(['DEV', 'PROD'] as const)('deny nothing the model needs without an opt-in feature (%s)', async (env) => {
    const report = await check(planFor(env, false));
    expect(report.findings.filter((f) => f.level === 'deny').map((f) => `${f.address} ${f.rule}: ${f.message}`)).toEqual([]);
  });

  it('deny the opt-in MANAGE GRANTS rows by default, so switching one on is a reviewed policy exception', async () => {
    const report = await check(planFor('PROD', true));
    const denied = report.findings.filter((f) => f.level === 'deny');
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((f) => /MANAGE GRANTS|CREATE DATABASE/.test(f.message))).toBe(true);
  });
});

describe("the privileges Slipway's SQL needs", () => {
  /** Statement shapes in the Snowflake dialect modules → the privilege each needs beyond ownership of what the role created. */
  const needs: [RegExp, string][] = [
    [/CREATE (?:OR REPLACE )?(?:TRANSIENT )?SCHEMA/, 'CREATE SCHEMA'],
    [/ON FUTURE \$\{[^}]+\} IN SCHEMA|ON FUTURE (?:TABLES|VIEWS) IN SCHEMA/, 'MANAGE GRANTS'],
    [/CREATE DATABASE/, 'CREATE DATABASE'],
    [/\bUSE WAREHOUSE\b/, 'USAGE'],
  ];
  const dir = join(repoRoot, 'shared', 'dialects', 'snowflake');
  const source = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');

  it('are all in the model', () => {
    const privileges = allPrivileges();
    const used = needs.filter(([re]) => re.test(source)).map(([, p]) => p);
    expect(used).toContain('CREATE SCHEMA');
    expect(used.filter((p) => !privileges.has(p))).toEqual([]);
  });
});
