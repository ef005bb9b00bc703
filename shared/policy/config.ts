/**
 * Policy configuration (YAML): per-rule level overrides and options,
 * exceptions (rule × address glob × reason × expiry), custom declarative
 * rules, and the role intent (inline or a path). Validated with zod; every
 * error names the key path (and line, when it came from a file).
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import YAML, { LineCounter, isMap, isSeq, type Node as YamlNode } from 'yaml';
import { parseYamlDocument, yamlToJs } from '../config/yaml.js';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { DEFAULT_ROLE_INTENT, RoleIntentSchema, type RoleIntentConfig } from './intent.js';
import { BUILTIN_RULE_IDS } from './rules.js';

export const LevelSchema = z.enum(['deny', 'warn', 'off']);
export type ConfigLevel = z.infer<typeof LevelSchema>;

const RuleSettingSchema = z.union([
  LevelSchema,
  z
    .object({
      level: LevelSchema.optional(),
      /** SF-RETENTION-FOR-ROLLBACK: minimum data_retention_time_in_days. */
      min_days: z.number().int().min(0).optional(),
      /** SF-RETENTION-FOR-ROLLBACK: databases (globs) that are deploy targets. */
      databases: z.array(z.string().min(1)).optional(),
      /** SF-ACCOUNT-PRIV: account privileges that are a deny for non-admin roles. */
      deny_privileges: z.array(z.string().min(1)).optional(),
    })
    .strict(),
]);

const DateSchema = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) {
    ctx.addIssue({ code: 'custom', message: `must be a date YYYY-MM-DD, got '${s}'` });
    return z.NEVER;
  }
  return s;
});

export const ExceptionSchema = z
  .object({
    /** Rule id (built-in or custom), or '*' for every rule. */
    rule: z.string().min(1),
    /** Resource address glob (picomatch), e.g. `module.legacy.snowflake_*_grant.*`. */
    address: z.string().min(1),
    reason: z.string().trim().min(1, 'say why the exception is acceptable'),
    /** Last day (UTC) the exception applies. */
    expires: DateSchema,
  })
  .strict();

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const OPS = ['equals', 'not_equals', 'in', 'not_in', 'matches', 'glob', 'contains', 'not_contains', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;

export const ConditionSchema = z
  .object({
    /** Attribute path: `privileges`, `on_schema_object.0.future.0.object_type_plural`, `*` = any element; `@grantees`, `@privileges`, `@database`, `@target`, `@kind` read the normalised grant. */
    attribute: z.string().min(1),
    equals: Scalar.optional(),
    not_equals: Scalar.optional(),
    in: z.array(Scalar).optional(),
    not_in: z.array(Scalar).optional(),
    matches: z.string().optional(),
    glob: z.string().optional(),
    contains: Scalar.optional(),
    not_contains: Scalar.optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    exists: z.boolean().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const ops = OPS.filter((o) => c[o] !== undefined);
    if (ops.length !== 1) {
      ctx.addIssue({ code: 'custom', message: ops.length === 0 ? `needs one operator: ${OPS.join(', ')}` : `has ${ops.join(' and ')}; use exactly one operator per condition` });
    }
    if (c.matches !== undefined) {
      try {
        new RegExp(c.matches);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['matches'], message: `is not a valid regular expression (${(err as Error).message})` });
      }
    }
  });
export type Condition = z.infer<typeof ConditionSchema>;

const ACTION_KINDS = ['create', 'update', 'replace', 'delete', 'forget', 'existing'] as const;

export const CustomRuleSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, 'use upper-case words joined by -, e.g. ORG-WAREHOUSE-SIZE')
      .refine((id) => !id.startsWith('SF-'), 'the SF- prefix is reserved for built-in rules'),
    level: z.enum(['deny', 'warn']).default('deny'),
    title: z.string().optional(),
    description: z.string().optional(),
    /** Resource type(s); globs allowed (`snowflake_grant_*`). */
    type: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    /** Which changes the rule looks at (default: create, update, replace, existing). */
    actions: z.array(z.enum(ACTION_KINDS)).min(1).optional(),
    /** Conditions; by default all must hold (`match: any` for one of them). No conditions: every matching resource. */
    when: z.array(ConditionSchema).default([]),
    match: z.enum(['all', 'any']).default('all'),
    /** Shown per finding; `{address}`, `{type}`, `{name}` and `{attribute}` (the first condition's value) are filled in. */
    message: z.string().min(1),
    remediation: z.string().optional(),
  })
  .strict();
export type CustomRule = z.infer<typeof CustomRuleSchema>;

export const PolicyConfigSchema = z
  .object({
    version: z.literal(1).default(1),
    /** Per-rule level (deny|warn|off) or { level, …options }. */
    rules: z.record(z.string(), RuleSettingSchema).default({}),
    exceptions: z.array(ExceptionSchema).default([]),
    custom_rules: z.array(CustomRuleSchema).default([]),
    /** Role intent: inline, or a path to a YAML file (relative to this file). Defaults to LOADER/TRANSFORMER/REPORTER. */
    role_intent: z.union([z.string().min(1), z.unknown()]).optional(),
    /** Environment labels for plans, by path glob: { "plans/prod*.json": prod }. Otherwise guessed from file names. */
    environments: z.record(z.string(), z.string().min(1)).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const custom = new Set<string>();
    c.custom_rules.forEach((r, i) => {
      if (custom.has(r.id)) ctx.addIssue({ code: 'custom', path: ['custom_rules', i, 'id'], message: `duplicate custom rule id ${r.id}` });
      custom.add(r.id);
    });
    for (const id of Object.keys(c.rules)) {
      if (!BUILTIN_RULE_IDS.has(id) && !custom.has(id)) {
        ctx.addIssue({ code: 'custom', path: ['rules', id], message: `unknown rule id ${id}; built-in rules are ${[...BUILTIN_RULE_IDS].join(', ')}` });
      }
    }
    c.exceptions.forEach((e, i) => {
      if (e.rule !== '*' && !BUILTIN_RULE_IDS.has(e.rule) && !custom.has(e.rule)) {
        ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'rule'], message: `unknown rule id ${e.rule}` });
      }
    });
  });

export type PolicyConfigInput = z.input<typeof PolicyConfigSchema>;

export interface PolicyConfig {
  rules: Record<string, z.infer<typeof RuleSettingSchema>>;
  exceptions: z.infer<typeof ExceptionSchema>[];
  customRules: CustomRule[];
  roleIntent: RoleIntentConfig;
  environments?: Record<string, string>;
  /** Where it was read from (for messages), if a file. */
  source?: string;
}

function pathText(path: PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || '(top level)';
}

/** Find the line:col of a key path in the YAML source, walking as deep as the path exists. */
function locate(doc: YAML.Document.Parsed | undefined, lc: LineCounter | undefined, path: PropertyKey[]): string {
  if (!doc || !lc) return '';
  let node: unknown = doc.contents;
  let pos: number | undefined = (node as YamlNode | null)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => {
        const k = it.key as { value?: unknown } | null;
        return k && String(k.value) === String(seg);
      });
      if (!pair) break;
      pos = (pair.key as YamlNode).range?.[0] ?? pos;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) break;
      pos = item.range?.[0] ?? pos;
      node = item;
    } else break;
  }
  if (pos === undefined) return '';
  const { line, col } = lc.linePos(pos);
  return `:${line}:${col}`;
}

function zodError(err: z.ZodError, what: string, file: string | undefined, doc?: YAML.Document.Parsed, lc?: LineCounter, prefix: PropertyKey[] = []): UserError {
  const lines = err.issues.slice(0, 10).map((i) => {
    const full = [...prefix, ...i.path];
    // Point at the offending key itself for an unrecognised key.
    const keys = (i as { keys?: string[] }).keys;
    const at = i.code === 'unrecognized_keys' && keys?.length ? [...i.path, keys[0]!] : i.path;
    return `  ${file ? `${file}${locate(doc, lc, at)} ` : ''}${pathText(full)}: ${i.message}`;
  });
  const more = err.issues.length > 10 ? `\n  … and ${err.issues.length - 10} more` : '';
  return new UserError(`Invalid ${what}:\n${lines.join('\n')}${more}`, { hint: 'Fix the keys listed above; docs/grant-policy.md describes every setting.' });
}

function parseYaml(text: string, file: string, what: string): { value: unknown; doc: YAML.Document.Parsed; lc: LineCounter } {
  const lc = new LineCounter();
  // Linear in the number of keys, duplicate keys and alias bombs refused as UserErrors (see shared/config/profiles.ts).
  const doc = parseYamlDocument(text, file, { lineCounter: lc, what });
  return { value: yamlToJs(doc, file) ?? {}, doc, lc };
}

export function parseRoleIntent(value: unknown, file?: string, doc?: YAML.Document.Parsed, lc?: LineCounter, prefix: PropertyKey[] = []): RoleIntentConfig {
  const r = RoleIntentSchema.safeParse(value);
  if (!r.success) throw zodError(r.error, 'role intent', file, doc, lc, prefix);
  return r.data;
}

/** Validate a config object (already parsed). `baseDir` resolves a role_intent path. */
export async function buildPolicyConfig(value: unknown, opts: { file?: string; baseDir?: string; doc?: YAML.Document.Parsed; lc?: LineCounter } = {}): Promise<PolicyConfig> {
  const r = PolicyConfigSchema.safeParse(value ?? {});
  if (!r.success) throw zodError(r.error, 'policy configuration', opts.file, opts.doc, opts.lc);
  const c = r.data;
  let roleIntent: RoleIntentConfig;
  if (typeof c.role_intent === 'string') {
    const p = resolve(opts.baseDir ?? '.', c.role_intent);
    let text: string;
    try {
      text = await readFile(p, 'utf8');
    } catch (err) {
      throw new UserError(`${opts.file ?? 'config'}: role_intent file ${p} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`, { hint: 'Point role_intent at an existing YAML file, relative to the config file.' });
    }
    const y = parseYaml(text, p, 'role intent');
    roleIntent = parseRoleIntent(y.value, p, y.doc, y.lc);
  } else if (c.role_intent !== undefined && c.role_intent !== null) {
    // Inline: errors point at role_intent.<key> in the config file.
    const sub = RoleIntentSchema.safeParse(c.role_intent);
    if (!sub.success) {
      const e = new z.ZodError(sub.error.issues.map((i) => ({ ...i, path: ['role_intent', ...i.path] })));
      throw zodError(e, 'policy configuration', opts.file, opts.doc, opts.lc);
    }
    roleIntent = sub.data;
  } else {
    roleIntent = RoleIntentSchema.parse(DEFAULT_ROLE_INTENT);
  }
  return { rules: c.rules, exceptions: c.exceptions, customRules: c.custom_rules, roleIntent, environments: c.environments, source: opts.file };
}

export async function defaultPolicyConfig(): Promise<PolicyConfig> {
  return buildPolicyConfig({});
}

/** Read and validate a YAML (or JSON) policy configuration file. */
export async function loadPolicyConfig(file: string): Promise<PolicyConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(`Policy configuration ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`, { hint: 'Pass --config with the path of an existing YAML file, or omit it to use the defaults.' });
  }
  const { value, doc, lc } = parseYaml(text, file, 'policy configuration');
  return buildPolicyConfig(value, { file, baseDir: dirname(resolve(file)), doc, lc });
}
