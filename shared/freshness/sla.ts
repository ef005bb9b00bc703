/**
 * Freshness SLAs: what dbt's manifest says for each source (`freshness`
 * warn_after / error_after / filter, `loaded_at_field`; on the source node or,
 * in newer manifests, under `config`), with the Slipway config's overrides
 * applied, and the verdict for a measured age.
 */
import picomatch from 'picomatch';
import type { Manifest, ManifestNode } from '../dbt/artifacts.js';
import type { RelationRef } from '../dialects/freshness.js';
import { PERIOD_SECONDS, type FreshnessConfig, type Period, type SourceOverrideConfig, type Threshold } from './config.js';

export type Verdict = 'pass' | 'warn' | 'error' | 'runtime error';

export interface SourceSla {
  uniqueId: string;
  /** `source_name.table_name`, how people name a source. */
  name: string;
  relation: RelationRef;
  warnAfter?: Threshold;
  errorAfter?: Threshold;
  filter?: string;
  loadedAtField?: string;
  /** dbt ≥ 1.10 `loaded_at_query` (a whole query); only sources.json mode honours it. */
  loadedAtQuery?: string;
}

export interface SlaSelection {
  /** Sources with at least one threshold, to be measured. */
  checked: SourceSla[];
  /** Sources without an SLA, disabled, or ignored (unique_id → why). */
  skipped: { uniqueId: string; name: string; reason: string }[];
}

function threshold(t: unknown): Threshold | undefined {
  if (!t || typeof t !== 'object') return undefined;
  const { count, period } = t as { count?: unknown; period?: unknown };
  if (typeof count !== 'number' || !(count > 0)) return undefined;
  if (period !== 'minute' && period !== 'hour' && period !== 'day') return undefined;
  return { count, period: period as Period };
}

export function thresholdSeconds(t: Threshold): number {
  return t.count * PERIOD_SECONDS[t.period];
}

export function formatThreshold(t: Threshold | undefined): string {
  if (!t) return '—';
  return `${t.count} ${t.period}${t.count === 1 ? '' : 's'}`;
}

export function formatAge(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${(s / 3600).toFixed(1)}h`;
  return `${(s / 86400).toFixed(1)}d`;
}

/** dbt's rule: error if age > error_after, else warn if age > warn_after, else pass. */
export function verdictFor(ageSeconds: number, sla: { warnAfter?: Threshold; errorAfter?: Threshold }): { verdict: Verdict; threshold?: Threshold } {
  if (sla.errorAfter && ageSeconds > thresholdSeconds(sla.errorAfter)) return { verdict: 'error', threshold: sla.errorAfter };
  if (sla.warnAfter && ageSeconds > thresholdSeconds(sla.warnAfter)) return { verdict: 'warn', threshold: sla.warnAfter };
  return { verdict: 'pass', threshold: sla.warnAfter ?? sla.errorAfter };
}

function sourceName(node: ManifestNode): string {
  return `${(node.source_name as string | undefined) ?? node.fqn?.[node.fqn.length - 2] ?? '?'}.${node.name}`;
}

/** Does a config key (unique_id, `source.table`, or a glob of either) select this source? */
export function matchesSource(key: string, uniqueId: string, name: string): 'exact' | 'glob' | undefined {
  if (key === uniqueId || key === name) return 'exact';
  if (/[*?[\]{}!]/.test(key)) {
    const m = picomatch(key, { dot: true });
    if (m(uniqueId) || m(name)) return 'glob';
  }
  return undefined;
}

/** All overrides for a source, globs first and exact keys last so the exact one wins. */
function overrideFor(config: FreshnessConfig, uniqueId: string, name: string): SourceOverrideConfig {
  const globs: SourceOverrideConfig[] = [];
  const exact: SourceOverrideConfig[] = [];
  for (const [key, o] of Object.entries(config.sources ?? {})) {
    const m = matchesSource(key, uniqueId, name);
    if (m === 'glob') globs.push(o);
    else if (m === 'exact') exact.push(o);
  }
  return Object.assign({}, ...globs, ...exact) as SourceOverrideConfig;
}

export function isIgnored(patterns: readonly string[] | undefined, uniqueId: string, name: string): boolean {
  return (patterns ?? []).some((p) => matchesSource(p, uniqueId, name) !== undefined);
}

/** The effective SLA of one manifest source, or why it is not checked. */
export function slaForSource(node: ManifestNode, config: FreshnessConfig): SourceSla | { skip: string } {
  const name = sourceName(node);
  if (node.config?.enabled === false) return { skip: 'disabled in dbt' };
  if (isIgnored(config.ignore, node.unique_id, name)) return { skip: 'ignored by the Slipway config' };
  const o = overrideFor(config, node.unique_id, name);
  if (o.enabled === false) return { skip: 'disabled by the Slipway config' };
  const fresh = (node.config?.freshness ?? node.freshness ?? null) as { warn_after?: unknown; error_after?: unknown; filter?: unknown } | null;
  const warnAfter = o['warn-after'] !== undefined ? (o['warn-after'] ?? undefined) : threshold(fresh?.warn_after);
  const errorAfter = o['error-after'] !== undefined ? (o['error-after'] ?? undefined) : threshold(fresh?.error_after);
  if (!warnAfter && !errorAfter) return { skip: 'no freshness SLA (warn_after/error_after)' };
  const filter = o.filter !== undefined ? (o.filter ?? undefined) : typeof fresh?.filter === 'string' && fresh.filter.trim() ? fresh.filter : undefined;
  const laf = o['loaded-at-field'] ?? (node.config?.loaded_at_field as string | undefined) ?? (node.loaded_at_field as string | undefined) ?? undefined;
  const laq = (node.config?.loaded_at_query as string | undefined) ?? (node.loaded_at_query as string | undefined) ?? undefined;
  const quoting = (node.quoting ?? {}) as RelationRef['quoting'];
  return {
    uniqueId: node.unique_id,
    name,
    relation: { database: node.database ?? undefined, schema: node.schema ?? '', identifier: (node.identifier as string | undefined) ?? node.name, quoting },
    warnAfter,
    errorAfter,
    filter,
    loadedAtField: laf && laf.trim() ? laf : undefined,
    loadedAtQuery: laq && laq.trim() ? laq : undefined,
  };
}

export function selectSlas(manifest: Manifest, config: FreshnessConfig): SlaSelection {
  const checked: SourceSla[] = [];
  const skipped: SlaSelection['skipped'] = [];
  for (const node of Object.values(manifest.sources ?? {})) {
    if (node.resource_type && node.resource_type !== 'source') continue;
    const r = slaForSource(node, config);
    if ('skip' in r) skipped.push({ uniqueId: node.unique_id, name: sourceName(node), reason: r.skip });
    else checked.push(r);
  }
  checked.sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
  return { checked, skipped };
}

/**
 * A user SQL expression from dbt config (loaded_at_field, filter) is pasted
 * into our statement as dbt itself does. Refuse anything that could end or
 * escape its place in one UNION ALL branch: a statement separator, a comment,
 * unbalanced quotes or parentheses, or Jinja dbt did not render. Returns the
 * problem, or undefined when the expression is acceptable.
 */
export function checkSqlExpression(expr: string): string | undefined {
  if (!expr.trim()) return 'it is empty';
  if (/\{\{|\{%/.test(expr)) return 'it contains Jinja ({{ … }}) that dbt did not render';
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (quote) {
      if (c === quote) {
        if (expr[i + 1] === quote) i++;
        else quote = undefined;
      } else if (c === '\\' && quote === "'") i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) return 'it has an unbalanced ")"';
    } else if (c === ';') return 'it contains ";" (one expression, not a statement)';
    else if (c === '-' && expr[i + 1] === '-') return 'it contains a "--" comment';
    else if (c === '/' && expr[i + 1] === '*') return 'it contains a "/*" comment';
    else if (c === '$' && expr[i + 1] === '$') return 'it contains a "$$" dollar-quoted string';
  }
  if (quote) return `it has an unclosed ${quote === "'" ? 'string' : 'quoted identifier'}`;
  if (depth !== 0) return 'it has an unbalanced "("';
  return undefined;
}

/**
 * Parse a warehouse or dbt timestamp text as an instant: ISO 8601 with `T`
 * or a space, optional fraction, optional offset (`Z`, `+00`, `+05:30`,
 * `-0800`). Without an offset the time is UTC (dbt's rule for naive values).
 */
export function parseTimestamp(text: unknown): Date | undefined {
  if (text instanceof Date) return Number.isNaN(text.getTime()) ? undefined : text;
  if (typeof text !== 'string') return undefined;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?\s*$/i.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m;
  const ms = Number((frac + '000').slice(0, 3));
  const base = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
  base.setUTCFullYear(Number(y)); // Date.UTC maps years 0–99 to 1900–1999; dbt writes year 1 for "never loaded"
  let t = base.getTime();
  if (tz && !/^(Z|UTC)$/i.test(tz)) {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const offMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    t -= sign * offMin * 60000;
  }
  const date = new Date(t);
  if (Number.isNaN(date.getTime()) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 24 || Number(mi) > 59) return undefined;
  return date;
}
