/**
 * Grant policy over Terraform plans of the Snowflake provider: public API
 * used by `slipway policy` and the grant-policy action. No warehouse code is
 * imported (the action must not load snowflake-sdk).
 */
import { defaultPolicyConfig, loadPolicyConfig, type PolicyConfig } from './config.js';
import { evaluate, readPlans, type PolicyReport } from './engine.js';

export * from './config.js';
export * from './engine.js';
export * from './format.js';
export { parseTerraformJson, changeKind, type ResourceChange, type TerraformDoc, type ChangeKind } from './plan.js';
export { grantInfo, splitFqn, normName, type GrantInfo, type Grantee, type Target } from './model.js';
export { DEFAULT_ROLE_INTENT, RoleIntentSchema, buildRoleIntent, defaultRoleIntent, makeEnvNormaliser } from './intent.js';
export { RULE_CATALOGUE, BUILTIN_RULE_IDS, type RuleMeta, type Level } from './rules.js';

export interface RunPolicyOptions {
  /** Plan/state JSON files (`terraform show -json`), each `path` or `label=path`. */
  plans: string[];
  /** Policy configuration YAML; defaults when omitted. */
  configFile?: string;
  /** Or an already-built configuration. */
  config?: PolicyConfig;
  failOnWarn?: boolean;
  now?: Date;
}

/** Read the config and plans, evaluate, return the report (throws UserError on bad input). */
export async function runPolicy(opts: RunPolicyOptions): Promise<PolicyReport> {
  const config = opts.config ?? (opts.configFile ? await loadPolicyConfig(opts.configFile) : await defaultPolicyConfig());
  const docs = await readPlans(opts.plans, config);
  return evaluate(docs, { config, failOnWarn: opts.failOnWarn, now: opts.now });
}
