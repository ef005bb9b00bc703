/** Builders for small `terraform show -json` plans in the shape Terraform 1.x prints. */
import { buildPolicyConfig, evaluate, parseTerraformJson, type PolicyConfigInput, type PolicyReport, type TerraformDoc } from '../../shared/policy/index.js';

type Obj = Record<string, unknown>;

/** Mirror of Terraform's after_unknown layout for known values (objects keep nested containers, lists mark elements false). */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' ? shape(x) : false));
  if (v && typeof v === 'object') {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && typeof x === 'object') out[k] = shape(x);
    return out;
  }
  return false;
}

export interface RcOptions {
  before?: Obj | null;
  after?: Obj | null;
  unknown?: string[];
  moduleAddress?: string;
  index?: string | number;
  mode?: 'managed' | 'data';
  provider?: string;
  replacePaths?: string[][];
}

export function rc(address: string, actions: string[], opts: RcOptions = {}): Obj {
  const m = /(?:^|\.)((?:snowflake|terraform|null)_[a-z_]+)\.([A-Za-z0-9_-]+)(\[[^\]]*\])?$/.exec(address);
  if (!m) throw new Error(`bad test address ${address}`);
  const after = opts.after === undefined ? null : opts.after;
  const au: Obj = after ? (shape(after) as Obj) : {};
  for (const k of opts.unknown ?? []) au[k] = true;
  const out: Obj = {
    address,
    mode: opts.mode ?? 'managed',
    type: m[1],
    name: m[2],
    provider_name: opts.provider ?? 'registry.terraform.io/snowflakedb/snowflake',
    change: {
      actions,
      before: opts.before ?? null,
      after,
      after_unknown: au,
      before_sensitive: opts.before ? shape(opts.before) : false,
      after_sensitive: after ? shape(after) : false,
      ...(opts.replacePaths ? { replace_paths: opts.replacePaths } : {}),
    },
  };
  if (opts.moduleAddress) out.module_address = opts.moduleAddress;
  if (opts.index !== undefined) out.index = opts.index;
  return out;
}

export function planJson(resourceChanges: Obj[], extra: Obj = {}): string {
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: {} }, resource_changes: resourceChanges, configuration: { root_module: { resources: [] } }, ...extra }, null, 2);
}

/** v2 snowflake_grant_privileges_to_account_role attributes. */
export function gpar(role: string, privileges: string[] | null, more: Obj = {}): Obj {
  return {
    account_role_name: role,
    all_privileges: false,
    always_apply: false,
    always_apply_trigger: '',
    on_account: false,
    on_account_object: [],
    on_schema: [],
    on_schema_object: [],
    privileges,
    strict_privilege_management: false,
    timeouts: null,
    with_grant_option: false,
    ...more,
  };
}
export const onDb = (db: string) => ({ on_account_object: [{ inherited: [], object_name: db, object_type: 'DATABASE' }] });
export const onTable = (fqn: string) => ({ on_schema_object: [{ all: [], future: [], inherited: [], object_name: fqn, object_type: 'TABLE' }] });
export const onFuture = (plural: string, db: string, schema: string | null = null) => ({
  on_schema_object: [{ all: [], future: [{ in_database: schema ? null : db, in_schema: schema, object_type_plural: plural }], inherited: [], object_name: null, object_type: null }],
});
export const roleGrant = (role: string, parent: string | null, user: string | null = null): Obj => ({ parent_role_name: parent, role_name: role, timeouts: null, user_name: user });
export const accountRole = (name: string): Obj => ({ comment: null, name, timeouts: null });

export async function check(resourceChanges: Obj[] | string, config: PolicyConfigInput = {}, opts: { now?: Date; failOnWarn?: boolean; extra?: Obj } = {}): Promise<PolicyReport> {
  const text = typeof resourceChanges === 'string' ? resourceChanges : planJson(resourceChanges, opts.extra);
  const doc = parseTerraformJson(text, 'plan.json');
  return evaluate([doc], { config: await buildPolicyConfig(config), now: opts.now, failOnWarn: opts.failOnWarn });
}

export async function checkDocs(docs: TerraformDoc[], config: PolicyConfigInput = {}): Promise<PolicyReport> {
  return evaluate(docs, { config: await buildPolicyConfig(config) });
}

/** `address rule level` lines, sorted, for exact comparisons. */
export function pairs(r: PolicyReport): string[] {
  return r.findings.map((f) => `${f.address} ${f.rule} ${f.level}${f.excepted ? ' excepted' : ''}`).sort();
}
export function rulesAt(r: PolicyReport, address: string): string[] {
  return r.findings.filter((f) => f.address === address).map((f) => f.rule).sort();
}
