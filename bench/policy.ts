/**
 * Grant policy over a generated 10,000-resource plan: parse the JSON text,
 * evaluate every built-in rule (plus a custom rule and an exception), render
 * JSON and SARIF. Prints times and memory; never asserts on timing.
 *
 *   npx tsx bench/policy.ts [resources]
 */
import { buildPolicyConfig, evaluate, formatJson, formatSarif, parseTerraformJson } from '../shared/policy/index.js';

const N = Number(process.argv[2] ?? 10_000);
const G = 'snowflake_grant_privileges_to_account_role';
const ROLES = ['"REPORTER"', '"TRANSFORMER"', '"LOADER"', '"ANALYST_FINANCE"', '"PUBLIC"', '"DBT_PROD"', '"MARKETING"'];
const DBS = ['"RAW"', '"ANALYTICS"', '"SANDBOX"'];
const PRIVS = [['SELECT'], ['USAGE'], ['INSERT', 'SELECT'], ['SELECT', 'REFERENCES'], ['OWNERSHIP']];
const ACTIONS = [['create'], ['no-op'], ['update'], ['delete'], ['delete', 'create'], ['create', 'delete'], ['forget'], ['no-op'], ['create'], ['no-op']];

function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' ? shape(x) : false));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && typeof x === 'object').map(([k, x]) => [k, shape(x)]));
  return false;
}

function generate(n: number): string {
  const rcs: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const mod = i % 4 === 0 ? '' : `module.team_${i % 17}${i % 3 === 0 ? `.module.env["${['dev', 'prod'][i % 2]}"]` : ''}`;
    const actions = ACTIONS[Math.floor(i / 10) % ACTIONS.length]!;
    let type = G;
    let attrs: Record<string, unknown>;
    const kind = i % 10;
    if (kind < 6) {
      const role = ROLES[i % ROLES.length]!;
      const db = DBS[i % DBS.length]!;
      const on = i % 3 === 0
        ? { on_account_object: [{ inherited: [], object_name: db, object_type: 'DATABASE' }], on_schema: [], on_schema_object: [] }
        : i % 3 === 1
          ? { on_account_object: [], on_schema: [], on_schema_object: [{ all: [], future: [{ in_database: i % 2 ? db : null, in_schema: i % 2 ? null : `${db}."S${i % 5}"`, object_type_plural: 'TABLES' }], inherited: [], object_name: null, object_type: null }] }
          : { on_account_object: [], on_schema: [], on_schema_object: [{ all: [], future: [], inherited: [], object_name: `${db}."S${i % 5}"."T${i}"`, object_type: 'TABLE' }] };
      attrs = { account_role_name: role, all_privileges: i % 50 === 0, always_apply: false, always_apply_trigger: '', on_account: false, ...on, privileges: PRIVS[i % PRIVS.length], strict_privilege_management: false, timeouts: null, with_grant_option: i % 40 === 0 };
    } else if (kind === 6) {
      type = 'snowflake_grant_account_role';
      attrs = { parent_role_name: i % 20 === 6 ? '"SYSADMIN"' : ROLES[i % ROLES.length], role_name: i % 30 === 6 ? '"ACCOUNTADMIN"' : `"R${i}"`, timeouts: null, user_name: null };
    } else if (kind === 7) {
      type = 'snowflake_account_role';
      attrs = { comment: null, name: `R${i}`, timeouts: null };
    } else if (kind === 8) {
      type = 'snowflake_table_grant';
      attrs = { database_name: 'ANALYTICS', schema_name: 'MARTS', table_name: `T${i}`, enable_multiple_grants: i % 2 === 0, privilege: 'SELECT', roles: ['REPORTER', 'ANALYST'], shares: null, on_all: false, on_future: false, with_grant_option: false };
    } else {
      type = i % 20 === 9 ? 'snowflake_database' : 'snowflake_warehouse';
      attrs = type === 'snowflake_database' ? { name: `DB${i}`, data_retention_time_in_days: i % 3, is_transient: false } : { name: `WH${i}`, auto_suspend: i % 1200, warehouse_size: 'XSMALL' };
    }
    const name = `r${i}`;
    const address = `${mod ? mod + '.' : ''}${type}.${name}${i % 5 === 0 ? `["k${i}"]` : ''}`;
    const before = actions[0] === 'create' && actions.length === 1 ? null : attrs;
    const after = actions.includes('delete') && actions.length === 1 ? null : actions[0] === 'forget' ? null : attrs;
    const au = after ? { ...(shape(after) as object), id: true, ...(i % 97 === 0 ? { account_role_name: true } : {}) } : {};
    rcs.push({ address, module_address: mod || undefined, mode: 'managed', type, name, index: i % 5 === 0 ? `k${i}` : undefined, provider_name: 'registry.terraform.io/snowflakedb/snowflake', change: { actions, before, after, after_unknown: au, before_sensitive: before ? shape(before) : false, after_sensitive: after ? shape(after) : false } });
  }
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: {} }, resource_changes: rcs, configuration: { root_module: { resources: [] } } }, null, 2);
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

const text = generate(N);
if (process.env.BENCH_DUMP) (await import("node:fs")).writeFileSync(process.env.BENCH_DUMP, text);
const config = await buildPolicyConfig({
  custom_rules: [{ id: 'ORG-WH-SUSPEND', level: 'warn', type: 'snowflake_warehouse', when: [{ attribute: 'auto_suspend', gt: 600 }], message: '{address}: auto_suspend {attribute}' }],
  exceptions: [{ rule: 'SF-NO-PUBLIC', address: 'module.team_1.**', reason: 'bench', expires: '2099-01-01' }],
});
gc?.();
const heap0 = process.memoryUsage().heapUsed;
const runs: number[] = [];
let findings = 0;
let parseMs = 0;
let evalMs = 0;
let cpuUs = 0;
for (let k = 0; k < 5; k++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const doc = parseTerraformJson(text, 'bench-plan.json');
  const t1 = performance.now();
  const report = evaluate([doc], { config });
  const t2 = performance.now();
  findings = report.findings.length;
  if (k > 0) {
    cpuUs += process.cpuUsage(c0).user;
    parseMs += t1 - t0;
    evalMs += t2 - t1;
  }
  runs.push(t2 - t0);
}
const doc = parseTerraformJson(text, 'bench-plan.json');
const report = evaluate([doc], { config });
const heap1 = process.memoryUsage().heapUsed;
const t3 = performance.now();
const json = formatJson(report);
const sarif = formatSarif(report);
const t4 = performance.now();

console.log(`grant policy over a generated plan: ${N} resource_changes, ${mb(Buffer.byteLength(text))} of JSON`);
console.log(`  findings: ${findings} (${report.summary.deny} deny, ${report.summary.warn} warn, ${report.summary.excepted} excepted)`);
console.log(`  first run (cold): ${runs[0]!.toFixed(0)} ms`);
console.log(`  warm runs (mean of 4): parse ${(parseMs / 4).toFixed(0)} ms + evaluate ${(evalMs / 4).toFixed(0)} ms = ${((parseMs + evalMs) / 4).toFixed(0)} ms`);
console.log(`  warm runs, CPU time of this process (less sensitive to a busy machine): ${(cpuUs / 4 / 1000).toFixed(0)} ms per parse + evaluate`);
console.log(`  machine load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs`);
console.log(`  render json + sarif: ${(t4 - t3).toFixed(0)} ms (${mb(json.length)} + ${mb(sarif.length)})`);
console.log(`  heap in use after evaluate: ${mb(heap1)} (+${mb(Math.max(0, heap1 - heap0))} over the loaded text); rss ${mb(process.memoryUsage().rss)}`);
