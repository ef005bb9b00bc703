/**
 * `slipway-freshness.yml`: small overrides on top of dbt's own freshness
 * configuration, plus the row-count anomaly settings. Validated with zod;
 * every error names the key (`sources."raw.orders".warn-after`) and the fix.
 *
 * ```yaml
 * fail-on: error               # or warn
 * evaluate-at: snapshot        # sources.json mode: judge age at dbt's snapshot time, or `now`
 * max-sources-per-statement: 500
 * ignore: [ "legacy.*" ]       # sources never checked (unique_id, source.table, or glob)
 * sources:
 *   raw_ecommerce.orders:      # unique_id, source_name.table_name, or a glob of either
 *     warn-after: 6h           # or { count: 6, period: hour }; null removes the threshold
 *     error-after: 1d
 *     loaded-at-field: _LOADED_AT
 *     filter: "_LOADED_AT > DATEADD(day, -3, CURRENT_TIMESTAMP())"
 * row-counts:
 *   admin-schema: SLIPWAY
 *   environment: prod
 *   min-history: 7
 *   window: 30
 *   tolerance: 0.5             # relative change allowed vs the last good count
 *   sensitivity: 3             # k in median ± k·MAD
 *   band-floor: 0.05           # the band is never narrower than ±5 % of the median
 *   ignore: [ "model.*.stg_*" ]
 *   models:
 *     fct_orders: { tolerance: 0.2, min-history: 14 }
 * ```
 */
import { readFile } from 'node:fs/promises';
import { parseYamlText } from '../config/yaml.js';
import { z } from 'zod';
import { UserError } from '../errors.js';

export type Period = 'minute' | 'hour' | 'day';
export interface Threshold {
  count: number;
  period: Period;
}

export const PERIOD_SECONDS: Record<Period, number> = { minute: 60, hour: 3600, day: 86400 };

const SHORT: Record<string, Period> = {
  m: 'minute', min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour',
  d: 'day', day: 'day', days: 'day',
};

/** `12h`, `30 minutes`, `2d` → { count, period }; undefined when it does not parse. */
export function parseDuration(text: string): Threshold | undefined {
  const m = /^\s*(\d+)\s*([a-z]+)\s*$/i.exec(text);
  if (!m) return undefined;
  const period = SHORT[m[2]!.toLowerCase()];
  const count = Number(m[1]);
  if (!period || !Number.isSafeInteger(count) || count <= 0) return undefined;
  return { count, period };
}

const THRESHOLD_HELP = 'write a duration like 30m, 12h or 2d, an object { count: 12, period: hour } (period minute, hour or day), or null to remove the threshold';

const ThresholdSchema = z.unknown().transform((v, ctx): Threshold | null => {
  if (v === null) return null;
  if (typeof v === 'string') {
    const d = parseDuration(v);
    if (d) return d;
  } else if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const keysOk = Object.keys(o).every((k) => k === 'count' || k === 'period');
    if (keysOk && typeof o.count === 'number' && Number.isInteger(o.count) && o.count > 0 && (o.period === 'minute' || o.period === 'hour' || o.period === 'day')) {
      return { count: o.count, period: o.period };
    }
  }
  ctx.addIssue({ code: 'custom', message: `${THRESHOLD_HELP} (got ${JSON.stringify(v)})` });
  return z.NEVER;
});

const SqlExpr = z.string().trim().min(1, 'must not be empty');

const SourceOverride = z.strictObject({
  'warn-after': ThresholdSchema.optional(),
  'error-after': ThresholdSchema.optional(),
  'loaded-at-field': SqlExpr.optional(),
  filter: SqlExpr.nullable().optional(),
  enabled: z.boolean().optional(),
});

const ModelOverride = z.strictObject({
  'min-history': z.number().int().min(1).optional(),
  window: z.number().int().min(2).optional(),
  tolerance: z.number().min(0).optional(),
  sensitivity: z.number().positive().optional(),
  'band-floor': z.number().min(0).optional(),
  enabled: z.boolean().optional(),
});

const RowCounts = z.strictObject({
  'admin-schema': z.string().min(1).optional(),
  environment: z.string().min(1).optional(),
  'min-history': z.number().int().min(1).optional(),
  window: z.number().int().min(2).optional(),
  tolerance: z.number().min(0).optional(),
  sensitivity: z.number().positive().optional(),
  'band-floor': z.number().min(0).optional(),
  'include-views': z.boolean().optional(),
  ignore: z.array(z.string().min(1)).optional(),
  models: z.record(z.string(), ModelOverride).optional(),
});

export const FreshnessConfigSchema = z.strictObject({
  version: z.literal(1).optional(),
  'fail-on': z.enum(['error', 'warn']).optional(),
  'evaluate-at': z.enum(['snapshot', 'now']).optional(),
  'max-sources-per-statement': z.number().int().min(1).max(10000).optional(),
  ignore: z.array(z.string().min(1)).optional(),
  sources: z.record(z.string(), SourceOverride).optional(),
  'row-counts': RowCounts.optional(),
});

export type FreshnessConfig = z.output<typeof FreshnessConfigSchema>;
export type SourceOverrideConfig = z.output<typeof SourceOverride>;
export type ModelOverrideConfig = z.output<typeof ModelOverride>;

function keyPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((p, i) => {
      const s = String(p);
      if (typeof p === 'number') return `[${s}]`;
      const safe = /^[A-Za-z0-9_-]+$/.test(s) ? s : JSON.stringify(s);
      return i === 0 ? safe : `.${safe}`;
    })
    .join('');
}

/** Validate a parsed YAML/JSON document; `where` names the file in errors. */
export function parseFreshnessConfig(doc: unknown, where = 'slipway-freshness.yml'): FreshnessConfig {
  if (doc == null) return {};
  const r = FreshnessConfigSchema.safeParse(doc);
  if (r.success) return r.data;
  const lines = r.error.issues.slice(0, 10).map((i) => {
    let msg = i.message;
    if (i.code === 'unrecognized_keys') msg = `unknown key(s) ${i.keys.map((k) => `'${k}'`).join(', ')}`;
    return `  ${keyPath(i.path)}: ${msg}`;
  });
  throw new UserError(`${where} is not a valid Slipway freshness config:\n${lines.join('\n')}`, {
    hint: 'Fix the keys above; docs/freshness-gate.md lists every key with an example.',
  });
}

export async function loadFreshnessConfig(path: string | undefined, required = false): Promise<FreshnessConfig> {
  if (!path) return {};
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    if (!required) return {};
    throw new UserError(`The freshness config ${path} does not exist or cannot be read.`, { hint: 'Pass the right path with --config (input `config`), or remove it to use dbt settings only.' });
  }
  return parseFreshnessConfig(parseYamlText(text, path, 'freshness config'), path);
}
