/**
 * The policy engine: plans/states in, findings out. Applies the
 * configuration (rule levels, exceptions with expiry, custom rules, role
 * intent) and environment parity across several plans.
 */
import { existsSync } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import picomatch from 'picomatch';
import { UserError } from '../errors.js';
import type { PolicyConfig } from './config.js';
import { compileCustomRule } from './custom.js';
import { buildRoleIntent } from './intent.js';
import { grantInfo, type GrantInfo } from './model.js';
import { parseTerraformJson, type ResourceChange, type TerraformDoc } from './plan.js';
import { environmentLabel, parityFindings } from './parity.js';
import {
  BUILTIN_RULES,
  DEFAULT_RULE_OPTIONS,
  EXPIRED_EXCEPTION_RULE,
  PARITY_RULE,
  RULE_CATALOGUE,
  runBuiltinRules,
  type EvalContext,
  type Level,
  type RawFinding,
  type RuleMeta,
  type RuleOptions,
} from './rules.js';

export interface Finding {
  rule: string;
  level: Level;
  title: string;
  message: string;
  address: string;
  type: string;
  actions: string[];
  grantee: string | null;
  privileges: string[];
  target: string | null;
  remediation: string;
  /** Plan/state file the resource is in (the config file for SF-EXCEPTION-EXPIRED). */
  plan: string;
  /** The plan's environment label (parity). */
  environment: string;
  /** 1-based line of the resource in the plan file, when found. */
  line?: number;
  /** Attributes unknown at plan time that kept the rule from deciding. */
  unknown?: string[];
  /** Set when an exception covers this finding: it is reported but does not fail the check. */
  excepted?: { reason: string; expires: string; address: string };
}

export interface PlanSummary {
  file: string;
  environment: string;
  kind: 'plan' | 'state';
  formatVersion?: string;
  terraformVersion?: string;
  resources: number;
  changes: number;
}

export interface RuleTally {
  level: Level | 'off';
  deny: number;
  warn: number;
  excepted: number;
}

export interface PolicySummary {
  result: 'pass' | 'fail';
  failOnWarn: boolean;
  plans: PlanSummary[];
  resources: number;
  changes: number;
  deny: number;
  warn: number;
  excepted: number;
  expiredExceptions: number;
  unusedExceptions: { rule: string; address: string; reason: string; expires: string }[];
  rules: Record<string, RuleTally>;
}

export interface PolicyReport {
  findings: Finding[];
  summary: PolicySummary;
  /** Non-fatal problems while reading (unknown format version, errored plan, unused exceptions). */
  warnings: string[];
  /** Every rule that ran (built-in and custom), for SARIF and docs. */
  rules: RuleMeta[];
}

export interface EvaluateOptions {
  config: PolicyConfig;
  failOnWarn?: boolean;
  /** "Today" for exception expiry (tests). */
  now?: Date;
}

function ruleSettings(config: PolicyConfig): { level: (id: string, dflt: Level) => Level | 'off'; options: RuleOptions } {
  const options: RuleOptions = { ...DEFAULT_RULE_OPTIONS };
  const ret = config.rules['SF-RETENTION-FOR-ROLLBACK'];
  if (ret && typeof ret === 'object') {
    if (ret.min_days !== undefined) options.retentionMinDays = ret.min_days;
    if (ret.databases) options.retentionDatabases = ret.databases;
  }
  const acc = config.rules['SF-ACCOUNT-PRIV'];
  if (acc && typeof acc === 'object' && acc.deny_privileges) options.denyAccountPrivileges = acc.deny_privileges;
  return {
    level: (id, dflt) => {
      const s = config.rules[id];
      if (s === undefined) return dflt;
      if (typeof s === 'string') return s;
      return s.level ?? dflt;
    },
    options,
  };
}

/** Label each plan with its environment (distinct labels; falls back to the file name). */
export function labelDocs(docs: TerraformDoc[], config: PolicyConfig, explicit: (string | undefined)[] = []): void {
  const envs = config.roleIntent.environments;
  const labels = docs.map((d, i) => explicit[i] ?? environmentLabel(d.file, config.environments, envs));
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  docs.forEach((d, i) => {
    d.label = counts.get(labels[i]!)! > 1 ? d.file : labels[i]!;
  });
}

const MS_PER_DAY = 86_400_000;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function evaluate(docs: TerraformDoc[], opts: EvaluateOptions): PolicyReport {
  const { config } = opts;
  const now = opts.now ?? new Date();
  const intent = buildRoleIntent(config.roleIntent);
  const { level, options } = ruleSettings(config);
  const custom = config.customRules.map(compileCustomRule);
  const meta = new Map<string, RuleMeta>(RULE_CATALOGUE.map((r) => [r.id, r]));
  for (const c of config.customRules) {
    meta.set(c.id, { id: c.id, level: c.level, title: c.title ?? c.id, description: c.description ?? c.message, remediation: c.remediation ?? 'See the rule description in the policy configuration.' });
  }
  const enabled = (id: string) => level(id, meta.get(id)?.level ?? 'warn') !== 'off';

  const raw: { f: RawFinding; doc: TerraformDoc }[] = [];
  const perDoc: { doc: TerraformDoc; grants: Map<ResourceChange, GrantInfo> }[] = [];
  for (const doc of docs) {
    const resources = doc.resources.filter((r) => r.mode === 'managed');
    const byAddress = new Map(resources.map((r) => [r.address, r]));
    const grants = new Map<ResourceChange, GrantInfo>();
    for (const rc of resources) {
      const g = grantInfo(rc, doc, byAddress);
      if (g) grants.set(rc, g);
    }
    perDoc.push({ doc, grants });
    const ctx: EvalContext = { doc, intent, options, byAddress, grants, resources };
    for (const f of runBuiltinRules(ctx, enabled)) raw.push({ f, doc });
    const active = custom.filter((c) => enabled(c.rule.id));
    if (active.length) {
      for (const rc of resources) {
        if (rc.kind === 'no-op' || rc.kind === 'read') continue;
        for (const c of active) {
          const f = c.check(rc, grants.get(rc));
          if (f) raw.push({ f, doc });
        }
      }
    }
  }
  if (enabled(PARITY_RULE.id) && docs.length > 1) {
    const byDoc = new Map<ResourceChange, TerraformDoc>();
    for (const d of docs) for (const r of d.resources) byDoc.set(r, d);
    for (const f of parityFindings(perDoc, intent.normaliseEnv)) raw.push({ f, doc: byDoc.get(f.rc)! });
  }

  // Exceptions: expired ones fail loudly; valid ones mark (never hide) findings.
  const today = now.getTime();
  const exceptions = config.exceptions.map((e) => {
    const match = picomatch(e.address, { nobracket: true, dot: true });
    return { e, expired: Date.parse(`${e.expires}T00:00:00Z`) + MS_PER_DAY <= today, used: false, match: (addr: string) => match(addr) || match(addr.replace(/\[[^\]]*\]/g, '')) };
  });

  const findings: Finding[] = [];
  const order = new Map<TerraformDoc, number>(docs.map((d, i) => [d, i]));
  const sortKey: number[][] = [];
  for (const { f, doc } of raw) {
    const m = meta.get(f.rule)!;
    let lvl = level(f.rule, m.level);
    if (lvl === 'off') continue;
    const setting = config.rules[f.rule];
    const overridden = typeof setting === 'string' || (typeof setting === 'object' && setting.level !== undefined);
    if (!overridden && f.level) lvl = f.level;
    if (f.undecided) lvl = 'warn';
    const finding: Finding = {
      rule: f.rule,
      level: lvl,
      title: m.title,
      message: f.message,
      address: f.rc.address,
      type: f.rc.type,
      actions: f.rc.actions,
      grantee: f.grantee ?? null,
      privileges: f.privileges ?? [],
      target: f.target ?? null,
      remediation: f.remediation ?? m.remediation,
      plan: doc.file,
      environment: doc.label,
      line: f.rc.line,
      unknown: f.unknown,
    };
    const ex = exceptions.find((x) => !x.expired && (x.e.rule === '*' || x.e.rule === f.rule) && x.match(f.rc.address));
    if (ex) {
      ex.used = true;
      finding.excepted = { reason: ex.e.reason, expires: ex.e.expires, address: ex.e.address };
    }
    findings.push(finding);
    sortKey.push([order.get(doc)!, f.rc.line ?? 0]);
  }
  const idx = findings.map((_, i) => i);
  idx.sort((a, b) => sortKey[a]![0]! - sortKey[b]![0]! || sortKey[a]![1]! - sortKey[b]![1]! || cmp(findings[a]!.address, findings[b]!.address) || cmp(findings[a]!.rule, findings[b]!.rule));
  const sorted = idx.map((i) => findings[i]!);

  for (const x of exceptions) {
    if (!x.expired) continue;
    sorted.push({
      rule: EXPIRED_EXCEPTION_RULE.id,
      level: 'deny',
      title: EXPIRED_EXCEPTION_RULE.title,
      message: `The exception for ${x.e.rule} on ${x.e.address} expired on ${x.e.expires} ("${x.e.reason}"); it no longer applies.`,
      address: x.e.address,
      type: 'policy-exception',
      actions: [],
      grantee: null,
      privileges: [],
      target: null,
      remediation: EXPIRED_EXCEPTION_RULE.remediation,
      plan: config.source ?? '(policy configuration)',
      environment: '',
    });
  }

  const warnings = docs.flatMap((d) => d.warnings);
  const unused = exceptions.filter((x) => !x.expired && !x.used).map((x) => ({ rule: x.e.rule, address: x.e.address, reason: x.e.reason, expires: x.e.expires }));
  for (const u of unused) warnings.push(`Exception for ${u.rule} on ${u.address} matched no finding; remove it if it is no longer needed.`);

  const failOnWarn = !!opts.failOnWarn;
  const active = sorted.filter((f) => !f.excepted);
  const deny = active.filter((f) => f.level === 'deny').length;
  const warn = active.filter((f) => f.level === 'warn').length;
  const rules: Record<string, RuleTally> = {};
  const ran: RuleMeta[] = [];
  for (const m of meta.values()) {
    const lvl = level(m.id, m.level);
    rules[m.id] = { level: lvl, deny: 0, warn: 0, excepted: 0 };
    if (lvl !== 'off') ran.push(m);
  }
  for (const f of sorted) {
    const t = rules[f.rule]!;
    if (f.excepted) t.excepted++;
    else t[f.level]++;
  }
  const summary: PolicySummary = {
    result: deny > 0 || (failOnWarn && warn > 0) ? 'fail' : 'pass',
    failOnWarn,
    plans: docs.map((d) => ({
      file: d.file,
      environment: d.label,
      kind: d.kind,
      formatVersion: d.formatVersion,
      terraformVersion: d.terraformVersion,
      resources: d.resources.length,
      changes: d.resources.filter((r) => r.kind !== 'no-op' && r.kind !== 'read').length,
    })),
    resources: docs.reduce((n, d) => n + d.resources.length, 0),
    changes: docs.reduce((n, d) => n + d.resources.filter((r) => r.kind !== 'no-op' && r.kind !== 'read').length, 0),
    deny,
    warn,
    excepted: sorted.filter((f) => f.excepted).length,
    expiredExceptions: exceptions.filter((x) => x.expired).length,
    unusedExceptions: unused,
    rules,
  };
  return { findings: sorted, summary, warnings, rules: ran };
}

/** A plan argument: `path`, or `label=path` to name its environment. */
export function parsePlanArg(arg: string): { file: string; label?: string } {
  if (existsSync(arg)) return { file: arg };
  const m = /^([A-Za-z][A-Za-z0-9_-]*)=(.+)$/.exec(arg);
  return m ? { file: m[2]!, label: m[1]! } : { file: arg };
}

/** Read plan/state files (`path` or `label=path`) and label them with their environments. */
export async function readPlans(args: string[], config: PolicyConfig): Promise<TerraformDoc[]> {
  if (args.length === 0) throw new UserError('No plan given.', { hint: 'Pass --plan <file> (the output of `terraform show -json tfplan`); repeat it for several environments.' });
  const parsed = args.map(parsePlanArg);
  const docs: TerraformDoc[] = [];
  for (const p of parsed) {
    let text: string;
    const size = await stat(p.file).then((st) => st.size).catch(() => 0);
    if (size > bufferConstants.MAX_STRING_LENGTH) {
      throw new UserError(`Plan file ${p.file} is ${Math.round(size / 1048576)} MiB; Slipway reads plan JSON up to ${Math.floor(bufferConstants.MAX_STRING_LENGTH / 1048576)} MiB (one JavaScript string).`, {
        hint: 'Check each workspace or root module with its own plan (repeat --plan), or export the plan without -refresh-only noise.',
      });
    }
    try {
      text = await readFile(p.file, 'utf8');
    } catch (err) {
      throw new UserError(`Plan file ${p.file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`, { hint: 'Check the path; create it with `terraform show -json tfplan > plan.json`.' });
    }
    docs.push(parseTerraformJson(text, p.file));
  }
  labelDocs(docs, config, parsed.map((p) => p.label));
  return docs;
}

export { BUILTIN_RULES };
