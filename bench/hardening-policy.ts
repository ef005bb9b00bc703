/**
 * Issue #18 item 7: grant policy over a plan where every grant's role is
 * unknown at plan time and refers, through the configuration, to a for_each
 * role (`snowflake_account_role.role["k1"]`…). Resolving such a reference used
 * to scan every resource per grant (quadratic past 100k resources); it is one
 * index per plan now. Default size: 1,000,000 resource_changes (10× the
 * reported 100k). Prints times and memory; never asserts on timing.
 *
 *   npx tsx bench/hardening-policy.ts [resources=1000000]
 */
import { buildPolicyConfig, evaluate, parseTerraformJson } from '../shared/policy/index.js';

const N = Number(process.argv[2] ?? 1_000_000);
const MB = 1024 * 1024;

function generate(n: number): string {
  const parts: string[] = [];
  const config: string[] = [];
  const roles = Math.floor(n / 2);
  for (let i = 0; i < roles; i++) {
    parts.push(JSON.stringify({ address: `snowflake_account_role.role["k${i}"]`, mode: 'managed', type: 'snowflake_account_role', name: 'role', index: `k${i}`, change: { actions: ['create'], before: null, after: { name: `R${i}`, comment: null }, after_unknown: { id: true } } }));
  }
  for (let i = 0; i < n - roles; i++) {
    parts.push(
      JSON.stringify({
        address: `snowflake_grant_privileges_to_account_role.g${i}`,
        mode: 'managed',
        type: 'snowflake_grant_privileges_to_account_role',
        name: `g${i}`,
        change: { actions: ['create'], before: null, after: { privileges: ['USAGE'], on_account: false, on_account_object: [{ object_type: 'DATABASE', object_name: '"ANALYTICS"' }], on_schema: [], on_schema_object: [], with_grant_option: false, all_privileges: false }, after_unknown: { account_role_name: true, id: true } },
      }),
    );
    config.push(JSON.stringify({ address: `snowflake_grant_privileges_to_account_role.g${i}`, mode: 'managed', type: 'snowflake_grant_privileges_to_account_role', name: `g${i}`, expressions: { account_role_name: { references: ['snowflake_account_role.role.name', 'snowflake_account_role.role'] } } }));
  }
  return `{"format_version":"1.2","terraform_version":"1.11.4","resource_changes":[${parts.join(',')}],"configuration":{"root_module":{"resources":[${config.join(',')}]}}}`;
}

const gc = (globalThis as { gc?: () => void }).gc;
const t0 = performance.now();
const text = generate(N);
const t1 = performance.now();
console.log(`grant policy, unresolvable role references: ${N.toLocaleString('en')} resource_changes, ${(Buffer.byteLength(text) / MB).toFixed(0)} MiB of JSON (generated in ${(t1 - t0).toFixed(0)} ms)`);
const config = await buildPolicyConfig({});
gc?.();
const c0 = process.cpuUsage();
const t2 = performance.now();
const doc = parseTerraformJson(text, 'bench-plan.json');
const t3 = performance.now();
const report = evaluate([doc], { config });
const t4 = performance.now();
const cpu = process.cpuUsage(c0).user / 1000;
console.log(`  parse ${(t3 - t2).toFixed(0)} ms + evaluate ${(t4 - t3).toFixed(0)} ms wall; ${cpu.toFixed(0)} ms CPU; ${(cpu / (N / 1000)).toFixed(2)} ms CPU per 1k resources`);
console.log(`  findings: ${report.findings.length} (${report.summary.deny} deny, ${report.summary.warn} warn)`);
console.log(`  rss ${(process.memoryUsage().rss / MB).toFixed(0)} MiB; machine load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
