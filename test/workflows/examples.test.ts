/**
 * The non-workflow pieces of action-examples/: the dbt profile resolves
 * through Slipway's own profile loader, the macro reads the variable the
 * blue-green action exports, the Terraform layout is `terraform fmt`-shaped
 * and agrees with grant-policy's default role intent, and the team templates
 * parse.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadProfile } from '../../shared/config/profiles.js';
import { DEFAULT_ROLE_INTENT } from '../../shared/policy/intent.js';
import { repoRoot } from '../../scripts/action-docs.js';

const ex = (...p: string[]) => join(repoRoot, 'action-examples', ...p);

describe('dbt profile and macro', () => {
  const env = {
    SNOWFLAKE_ACCOUNT: 'myorg-myaccount',
    SNOWFLAKE_USER: 'DBT_SVC_PROD',
    SNOWFLAKE_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----',
  };

  it('resolves every target with key-pair auth from env vars, the schema from DBT_SCHEMA', async () => {
    for (const target of ['ci', 'prod', 'dev']) {
      const masked: string[] = [];
      const c = await loadProfile({ profilesDir: ex('dbt'), target, env: { ...env, DBT_SCHEMA: 'CI_PR_42' }, mask: (s) => masked.push(s) });
      expect(c).toMatchObject({ type: 'snowflake', account: 'myorg-myaccount', schema: 'CI_PR_42', auth: { method: 'keypair', privateKey: env.SNOWFLAKE_PRIVATE_KEY } });
      expect(masked).toContain(env.SNOWFLAKE_PRIVATE_KEY);
    }
    const prod = await loadProfile({ profilesDir: ex('dbt'), target: 'prod', env });
    expect(prod).toMatchObject({ schema: 'ANALYTICS', role: 'TRANSFORMER_PROD', database: 'ANALYTICS_PROD', warehouse: 'TRANSFORMING_WH_PROD' });
  });

  it('names in the profile defaults match the Terraform layout', () => {
    const tf = readdirSync(ex('terraform')).filter((f) => f.endsWith('.tf')).map((f) => readFileSync(ex('terraform', f), 'utf8')).join('\n');
    const profile = readFileSync(ex('dbt', 'profiles.yml'), 'utf8');
    for (const [kind, prefix] of [['role', 'TRANSFORMER_'], ['database', 'ANALYTICS_'], ['warehouse', 'TRANSFORMING_WH_']] as const) {
      const m = profile.match(new RegExp(`'(${prefix}(?:DEV|PROD))'`, 'g')) ?? [];
      expect(m.length, kind).toBeGreaterThan(0);
      expect(tf, kind).toContain(`"${prefix}\${local.env}"`);
    }
  });

  it('generate_schema_name reads the colour suffix the blue-green action exports', () => {
    const macro = readFileSync(ex('dbt', 'macros', 'generate_schema_name.sql'), 'utf8');
    const m = /env_var\('([A-Z_]+)', ''\)/.exec(macro);
    expect(m?.[1]).toBe('SLIPWAY_SCHEMA_SUFFIX');
    // When the blue-green action and its docs exist, they must export that very name.
    for (const f of ['actions/blue-green-swap/action.yml', 'docs/blue-green-swap.md', 'shared/deploy/action.ts']) {
      const p = join(repoRoot, f);
      if (existsSync(p) && /SCHEMA_SUFFIX/.test(readFileSync(p, 'utf8'))) expect(readFileSync(p, 'utf8'), f).toContain(m![1]!);
    }
    // Balanced Jinja blocks.
    expect((macro.match(/{%-?\s*if\b/g) ?? []).length).toBe((macro.match(/{%-?\s*endif\b/g) ?? []).length);
    expect((macro.match(/{%-?\s*macro\b/g) ?? []).length).toBe((macro.match(/{%-?\s*endmacro\b/g) ?? []).length);
  });
});

/**
 * `terraform fmt` rules this layout must satisfy (terraform isn't installed
 * here): 2-space indentation by nesting, no tabs or trailing spaces, one
 * blank line at most, and in every run of consecutive single-line
 * attributes the `=` signs aligned one space after the longest name.
 */
function fmtProblems(name: string, text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (!text.endsWith('\n') || text.endsWith('\n\n')) problems.push(`${name}: must end with exactly one newline`);
  let depth = 0;
  let run: { line: number; key: string; eq: number }[] = [];
  const flush = () => {
    if (run.length > 1) {
      const want = Math.max(...run.map((r) => r.key.length)) + 1;
      for (const r of run) if (r.eq - r.key.length - (lines[r.line]!.length - lines[r.line]!.trimStart().length) !== want - r.key.length) problems.push(`${name}:${r.line + 1}: '=' not aligned with its neighbours`);
    } else if (run.length === 1) {
      const r = run[0]!;
      if (!/^\s*\S+ = /.test(lines[r.line]!)) problems.push(`${name}:${r.line + 1}: single attribute must use 'key = value'`);
    }
    run = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/\t/.test(line)) problems.push(`${name}:${i + 1}: tab`);
    if (/\s+$/.test(line)) problems.push(`${name}:${i + 1}: trailing whitespace`);
    if (line === '' && lines[i - 1] === '' && i < lines.length - 1) problems.push(`${name}:${i + 1}: two blank lines`);
    const trimmed = line.trim();
    const closes = /^[}\]]/.test(trimmed) ? 1 : 0;
    const indent = line.length - line.trimStart().length;
    if (trimmed !== '' && indent !== (depth - closes) * 2) problems.push(`${name}:${i + 1}: indent ${indent}, expected ${(depth - closes) * 2}`);
    const attr = /^(\s*)([A-Za-z_][A-Za-z0-9_-]*)(\s*)=(?!=)/.exec(line);
    const opensMulti = /[{[(]\s*$/.test(trimmed);
    if (attr && !opensMulti && !trimmed.startsWith('#')) run.push({ line: i, key: attr[2]!, eq: attr[1]!.length + attr[2]!.length + attr[3]!.length });
    else {
      flush();
      if (attr && opensMulti && !/^\s*\S+ = /.test(line)) problems.push(`${name}:${i + 1}: a multi-line attribute uses 'key = {' with one space`);
    }
    const stripped = trimmed.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/#.*$/, '');
    depth += (stripped.match(/[{[(]/g) ?? []).length - (stripped.match(/[}\])]/g) ?? []).length;
  }
  flush();
  if (depth !== 0) problems.push(`${name}: unbalanced brackets`);
  return problems;
}

describe('Terraform reference layout', () => {
  const dir = ex('terraform');
  const files = [...readdirSync(dir).filter((f) => /\.tf$/.test(f)), ...readdirSync(join(dir, 'environments')).map((f) => `environments/${f}`)];

  it.each(files)('%s is terraform fmt-shaped', (f) => {
    expect(fmtProblems(f, readFileSync(join(dir, f), 'utf8'))).toEqual([]);
  });

  it('the format checker catches misalignment and bad indentation', () => {
    expect(fmtProblems('x.tf', 'resource "a" "b" {\n  name = "x"\n  comment = "y"\n}\n')).toEqual(["x.tf:2: '=' not aligned with its neighbours"]);
    expect(fmtProblems('x.tf', 'resource "a" "b" {\n   name = "x"\n}\n')).toEqual(['x.tf:2: indent 3, expected 2']);
  });

  it('uses current provider resources only, and matches the default role intent', () => {
    const tf = files.filter((f) => f.endsWith('.tf')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const types = [...tf.matchAll(/resource "([a-z_]+)"/g)].map((m) => m[1]);
    for (const t of types) expect(['snowflake_account_role', 'snowflake_grant_account_role', 'snowflake_grant_privileges_to_account_role', 'snowflake_database', 'snowflake_warehouse']).toContain(t);
    expect(tf).not.toMatch(/snowflake_role"|_grant"|enable_multiple_grants|all_privileges|with_grant_option\s*=\s*true|"PUBLIC"|ACCOUNTADMIN/);
    // The role classes of the default intent, with the databases they may write.
    const classes = DEFAULT_ROLE_INTENT.classes;
    expect(Object.keys(classes)).toEqual(expect.arrayContaining(['LOADER', 'REPORTER', 'TRANSFORMER']));
    expect(classes.LOADER!.writes).toEqual(['RAW']);
    expect(classes.TRANSFORMER!.writes).toEqual(['ANALYTICS']);
    expect(classes.REPORTER!.writes).toEqual([]);
    // REPORTER gets only read privileges.
    const reporterBlocks = tf.split(/\nresource /).filter((b) => /snowflake_account_role\.reporter\.name/.test(b) && /privileges/.test(b));
    expect(reporterBlocks.length).toBeGreaterThan(0);
    for (const b of reporterBlocks) for (const p of [...b.matchAll(/"([A-Z][A-Z ]*)"/g)].map((m) => m[1]!).filter((p) => !/^(DATABASE|WAREHOUSE|TABLES|VIEWS)$/.test(p))) expect(DEFAULT_ROLE_INTENT.read_privileges).toContain(p);
  });
});

describe('team templates', () => {
  it('pre-commit config has SQLFluff, dbt parse and a secret scan', () => {
    const cfg = parse(readFileSync(ex('team', '.pre-commit-config.yaml'), 'utf8')) as { repos: { repo: string; hooks: { id: string }[] }[] };
    const ids = cfg.repos.flatMap((r) => r.hooks.map((h) => h.id));
    expect(ids).toEqual(expect.arrayContaining(['sqlfluff-lint', 'dbt-parse', 'detect-secrets']));
  });

  it('CODEOWNERS lines are <pattern> <owners…>', () => {
    for (const line of readFileSync(ex('team', 'CODEOWNERS'), 'utf8').split('\n')) {
      if (!line.trim() || line.startsWith('#')) continue;
      expect(line).toMatch(/^\S+(\s+@[\w-]+(\/[\w-]+)?)+\s*$/);
    }
  });
});

describe('Terraform reference layout under grant-policy', () => {
  /**
   * The plan `terraform plan -var-file=environments/prod.tfvars` would show
   * for a fresh account, written out by hand (Terraform isn't installed
   * here) — its resource addresses are checked against the .tf files below.
   */
  function plannedProd(): { address: string; type: string; name: string; index?: string; after: Record<string, unknown> }[] {
    const env = 'PROD';
    const db = (n: string) => ({ name: `${n}_${env}`, comment: 'x', data_retention_time_in_days: 7, is_transient: false });
    const wh = (n: string) => ({ name: `${n}_WH_${env}`, warehouse_size: 'XSMALL', auto_suspend: 60, auto_resume: 'true' });
    const role = (n: string) => ({ name: `${n}_${env}`, comment: 'x' });
    const onObj = (type: string, name: string) => [{ object_type: type, object_name: name }];
    const priv = (r: string, privileges: string[], extra: Record<string, unknown>) => ({
      account_role_name: `${r}_${env}`,
      privileges,
      all_privileges: false,
      with_grant_option: false,
      always_apply: false,
      on_account: false,
      on_account_object: [],
      on_schema: [],
      on_schema_object: [],
      ...extra,
    });
    const future = (plural: string, dbName: string) => [{ object_type: null, object_name: null, all: [], future: [{ object_type_plural: plural, in_database: dbName, in_schema: null }] }];
    const rows: { type: string; name: string; index?: string; after: Record<string, unknown> }[] = [
      { type: 'snowflake_database', name: 'raw', after: db('RAW') },
      { type: 'snowflake_database', name: 'analytics', after: db('ANALYTICS') },
      { type: 'snowflake_warehouse', name: 'loading', after: wh('LOADING') },
      { type: 'snowflake_warehouse', name: 'transforming', after: wh('TRANSFORMING') },
      { type: 'snowflake_warehouse', name: 'reporting', after: wh('REPORTING') },
      { type: 'snowflake_account_role', name: 'loader', after: role('LOADER') },
      { type: 'snowflake_account_role', name: 'transformer', after: role('TRANSFORMER') },
      { type: 'snowflake_account_role', name: 'reporter', after: role('REPORTER') },
      { type: 'snowflake_grant_account_role', name: 'reporter_to_transformer', after: { role_name: `REPORTER_${env}`, parent_role_name: `TRANSFORMER_${env}`, user_name: null } },
      { type: 'snowflake_grant_account_role', name: 'transformer_to_sysadmin', after: { role_name: `TRANSFORMER_${env}`, parent_role_name: 'SYSADMIN', user_name: null } },
      { type: 'snowflake_grant_account_role', name: 'loader_to_sysadmin', after: { role_name: `LOADER_${env}`, parent_role_name: 'SYSADMIN', user_name: null } },
      { type: 'snowflake_grant_account_role', name: 'loader_users', index: 'FIVETRAN_SVC_PROD', after: { role_name: `LOADER_${env}`, parent_role_name: null, user_name: 'FIVETRAN_SVC_PROD' } },
      { type: 'snowflake_grant_account_role', name: 'transformer_users', index: 'DBT_SVC_PROD', after: { role_name: `TRANSFORMER_${env}`, parent_role_name: null, user_name: 'DBT_SVC_PROD' } },
      { type: 'snowflake_grant_account_role', name: 'reporter_users', index: 'LOOKER_SVC_PROD', after: { role_name: `REPORTER_${env}`, parent_role_name: null, user_name: 'LOOKER_SVC_PROD' } },
      // prod.tfvars: defer_readers = ["TRANSFORMER_DEV"] (slim CI's --defer reads production; docs/permissions.md)
      { type: 'snowflake_grant_account_role', name: 'reporter_to_defer_readers', index: 'TRANSFORMER_DEV', after: { role_name: `REPORTER_${env}`, parent_role_name: 'TRANSFORMER_DEV', user_name: null } },
      { type: 'snowflake_grant_privileges_to_account_role', name: 'loader_warehouse', after: priv('LOADER', ['USAGE'], { on_account_object: onObj('WAREHOUSE', `LOADING_WH_${env}`) }) },
      { type: 'snowflake_grant_privileges_to_account_role', name: 'loader_raw', after: priv('LOADER', ['CREATE SCHEMA', 'USAGE'], { on_account_object: onObj('DATABASE', `RAW_${env}`) }) },
      { type: 'snowflake_grant_privileges_to_account_role', name: 'transformer_warehouse', after: priv('TRANSFORMER', ['USAGE'], { on_account_object: onObj('WAREHOUSE', `TRANSFORMING_WH_${env}`) }) },
      { type: 'snowflake_grant_privileges_to_account_role', name: 'transformer_raw', after: priv('TRANSFORMER', ['USAGE'], { on_account_object: onObj('DATABASE', `RAW_${env}`) }) },
      { type: 'snowflake_grant_privileges_to_account_role', name: 'transformer_raw_schemas', after: priv('TRANSFORMER', ['USAGE'], { on_schema: [{ schema_name: null, all_schemas_in_database: null, future_schemas_in_database: `RAW_${env}` }] }) },
      ...['TABLES', 'VIEWS'].map((p) => ({ type: 'snowflake_grant_privileges_to_account_role', name: 'transformer_raw_tables', index: p, after: priv('TRANSFORMER', ['SELECT'], { on_schema_object: future(p, `RAW_${env}`) }) })),
      { type: 'snowflake_grant_privileges_to_account_role', name: 'transformer_analytics', after: priv('TRANSFORMER', ['CREATE SCHEMA', 'USAGE'], { on_account_object: onObj('DATABASE', `ANALYTICS_${env}`) }) },
      { type: 'snowflake_grant_privileges_to_account_role', name: 'reporter_warehouse', after: priv('REPORTER', ['USAGE'], { on_account_object: onObj('WAREHOUSE', `REPORTING_WH_${env}`) }) },
      { type: 'snowflake_grant_privileges_to_account_role', name: 'reporter_analytics', after: priv('REPORTER', ['USAGE'], { on_account_object: onObj('DATABASE', `ANALYTICS_${env}`) }) },
      { type: 'snowflake_grant_privileges_to_account_role', name: 'reporter_analytics_schemas', after: priv('REPORTER', ['USAGE'], { on_schema: [{ schema_name: null, all_schemas_in_database: null, future_schemas_in_database: `ANALYTICS_${env}` }] }) },
      ...['TABLES', 'VIEWS'].map((p) => ({ type: 'snowflake_grant_privileges_to_account_role', name: 'reporter_analytics_objects', index: p, after: priv('REPORTER', ['SELECT'], { on_schema_object: future(p, `ANALYTICS_${env}`) }) })),
    ];
    return rows.map((r) => ({ ...r, address: `${r.type}.${r.name}${r.index ? `["${r.index}"]` : ''}` }));
  }

  it('the hand-written plan covers exactly the resources in the .tf files', () => {
    const dir = ex('terraform');
    const tf = readdirSync(dir).filter((f) => f.endsWith('.tf')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const declared = [...tf.matchAll(/^resource "([a-z_]+)" "([a-z_]+)"/gm)].map((m) => `${m[1]}.${m[2]}`).sort();
    expect([...new Set(plannedProd().map((r) => `${r.type}.${r.name}`))].sort()).toEqual(declared);
  });

  it('passes the default grant policy with no findings', async () => {
    const { parseTerraformJson } = await import('../../shared/policy/plan.js');
    const { evaluate } = await import('../../shared/policy/engine.js');
    const { defaultPolicyConfig } = await import('../../shared/policy/config.js');
    const plan = {
      format_version: '1.2',
      terraform_version: '1.11.4',
      resource_changes: plannedProd().map((r) => ({
        address: r.address,
        mode: 'managed',
        type: r.type,
        name: r.name,
        ...(r.index ? { index: r.index } : {}),
        provider_name: 'registry.terraform.io/snowflakedb/snowflake',
        change: { actions: ['create'], before: null, after: r.after, after_unknown: { id: true }, before_sensitive: false, after_sensitive: {} },
      })),
      applyable: true,
      complete: true,
      errored: false,
    };
    const doc = parseTerraformJson(JSON.stringify(plan), 'prod.json', 'prod');
    const report = evaluate([doc], { config: await defaultPolicyConfig() });
    expect(report.findings.map((f) => `${f.rule} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.summary.result).toBe('pass');
    // The engine does read this plan: a writable reporter and a role cut off from SYSADMIN are caught.
    const bad = structuredClone(plan);
    bad.resource_changes.find((r) => r.address.endsWith('.reporter_analytics'))!.change.after.privileges = ['CREATE SCHEMA', 'USAGE'];
    bad.resource_changes = bad.resource_changes.filter((r) => !r.address.endsWith('.loader_to_sysadmin'));
    const badReport = evaluate([parseTerraformJson(JSON.stringify(bad), 'prod.json', 'prod')], { config: await defaultPolicyConfig() });
    expect(badReport.findings.map((f) => f.rule).sort()).toEqual(['SF-REPORTER-READONLY', 'SF-ROLE-NOT-UNDER-SYSADMIN']);
  });
});
