/**
 * Row-count anomalies. After each successful deploy (or on demand) the row
 * count of every model is recorded in `<admin schema>.ROW_COUNT_HISTORY`;
 * a new count is judged against that history:
 *
 * 1. `populated-to-zero`: the last good count was > 0 and the new one is 0 —
 *    always fails, whatever the tolerance.
 * 2. `robust-band`: once `min-history` good points exist, the expected range is
 *    median ± max(k·1.4826·MAD, band-floor·median, 1) over the newest `window`
 *    good points (robust: one bad day does not move it).
 * 3. `relative-change`: with less history, the count may move at most
 *    `tolerance` (a fraction) from the last good count.
 *
 * Counts judged anomalous are recorded with status `anomaly` and never enter
 * a baseline, so an incident does not teach the gate that it is normal.
 */
import picomatch from 'picomatch';
import { freshnessDialect, type HistoryRow, type RelationRef } from '../dialects/freshness.js';
import type { Manifest } from '../dbt/artifacts.js';
import type { DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';
import { runStatement } from '../warehouse/run.js';
import type { Queryable } from '../warehouse/types.js';
import type { FreshnessConfig, ModelOverrideConfig } from './config.js';
import { runBranches } from './batch.js';

export interface RowCountSettings {
  minHistory: number;
  window: number;
  tolerance: number;
  sensitivity: number;
  bandFloor: number;
}

export const DEFAULT_ROW_COUNT_SETTINGS: RowCountSettings = { minHistory: 7, window: 30, tolerance: 0.5, sensitivity: 3, bandFloor: 0.05 };

export type RowCountRule = 'populated-to-zero' | 'robust-band' | 'relative-change' | 'no-history';

export interface RowCountFinding {
  model: string;
  observed: number;
  verdict: 'pass' | 'fail';
  /** The rule that judged this count (the one that fired when failing). */
  rule: RowCountRule;
  expected?: { low: number; high: number };
  baseline: { points: number; last?: number; median?: number; mad?: number };
  settings: RowCountSettings;
  message: string;
}

export interface RowCountReport {
  kind: 'row-counts';
  passed: boolean;
  failingCount: number;
  /** Failures first, then by model. */
  findings: RowCountFinding[];
  ignored: string[];
  /** Models that could not be counted (missing table, no permission). */
  errors: { model: string; error: string }[];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export function matchesModel(pattern: string, model: string): boolean {
  const short = model.split('.').pop()!;
  if (pattern === model || pattern === short) return true;
  if (/[*?[\]{}!]/.test(pattern)) {
    const m = picomatch(pattern, { dot: true });
    return m(model) || m(short);
  }
  return false;
}

export function settingsFor(model: string, config: FreshnessConfig['row-counts'] = {}): RowCountSettings & { enabled: boolean } {
  const base: RowCountSettings = {
    minHistory: config['min-history'] ?? DEFAULT_ROW_COUNT_SETTINGS.minHistory,
    window: config.window ?? DEFAULT_ROW_COUNT_SETTINGS.window,
    tolerance: config.tolerance ?? DEFAULT_ROW_COUNT_SETTINGS.tolerance,
    sensitivity: config.sensitivity ?? DEFAULT_ROW_COUNT_SETTINGS.sensitivity,
    bandFloor: config['band-floor'] ?? DEFAULT_ROW_COUNT_SETTINGS.bandFloor,
  };
  const overrides: ModelOverrideConfig[] = [];
  for (const [k, o] of Object.entries(config.models ?? {})) if (matchesModel(k, model)) overrides.push(o);
  let enabled = true;
  for (const o of overrides) {
    if (o['min-history'] !== undefined) base.minHistory = o['min-history'];
    if (o.window !== undefined) base.window = o.window;
    if (o.tolerance !== undefined) base.tolerance = o.tolerance;
    if (o.sensitivity !== undefined) base.sensitivity = o.sensitivity;
    if (o['band-floor'] !== undefined) base.bandFloor = o['band-floor'];
    if (o.enabled === false) enabled = false;
  }
  return { ...base, enabled };
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 1 }));

/**
 * Judge one observed count against its good history (newest first).
 * Pure: no warehouse, so the rules are easy to test and to reason about.
 */
export function judgeRowCount(model: string, observed: number, historyNewestFirst: readonly number[], settings: RowCountSettings): RowCountFinding {
  const hist = historyNewestFirst.slice(0, settings.window);
  const last = hist[0];
  const baseline: RowCountFinding['baseline'] = { points: hist.length, last };
  if (last === undefined) {
    return { model, observed, verdict: 'pass', rule: 'no-history', baseline, settings, message: `First recorded count (${fmt(observed)} rows); nothing to compare yet.` };
  }
  if (last > 0 && observed === 0) {
    return { model, observed, verdict: 'fail', rule: 'populated-to-zero', expected: { low: 1, high: Infinity }, baseline, settings, message: `The table had ${fmt(last)} rows and now has none.` };
  }
  if (hist.length >= settings.minHistory) {
    const med = median(hist);
    const mad = median(hist.map((x) => Math.abs(x - med)));
    const half = Math.max(settings.sensitivity * 1.4826 * mad, settings.bandFloor * Math.abs(med), 1);
    const low = Math.max(0, Math.floor(med - half + 1e-9));
    const high = Math.ceil(med + half - 1e-9);
    Object.assign(baseline, { median: med, mad });
    const ok = observed >= low && observed <= high;
    return {
      model,
      observed,
      verdict: ok ? 'pass' : 'fail',
      rule: 'robust-band',
      expected: { low, high },
      baseline,
      settings,
      message: ok
        ? `${fmt(observed)} rows, within ${fmt(low)}–${fmt(high)} (median ${fmt(med)} ± ${settings.sensitivity}·MAD of the last ${hist.length} good counts).`
        : `${fmt(observed)} rows is outside the expected ${fmt(low)}–${fmt(high)} (median ${fmt(med)} ± ${settings.sensitivity}·MAD of the last ${hist.length} good counts); tune with sensitivity, band-floor or window.`,
    };
  }
  const low = Math.max(0, Math.floor(last * (1 - settings.tolerance) + 1e-9));
  const high = Math.ceil(last * (1 + settings.tolerance) - 1e-9);
  const ok = last === 0 || (observed >= low && observed <= high);
  const change = last === 0 ? 0 : (observed - last) / last;
  return {
    model,
    observed,
    verdict: ok ? 'pass' : 'fail',
    rule: 'relative-change',
    expected: last === 0 ? { low: 0, high: Infinity } : { low, high },
    baseline,
    settings,
    message: ok
      ? `${fmt(observed)} rows, ${(change * 100).toFixed(1)}% from the last good ${fmt(last)} (tolerance ±${(settings.tolerance * 100).toFixed(0)}%; ${hist.length}/${settings.minHistory} points before the band applies).`
      : `${fmt(observed)} rows is ${(change * 100).toFixed(1)}% from the last good ${fmt(last)}, beyond the tolerance of ±${(settings.tolerance * 100).toFixed(0)}% (expected ${fmt(low)}–${fmt(high)}); tune with tolerance.`,
  };
}

export function judgeRowCounts(observed: ReadonlyMap<string, number> | Record<string, number>, history: ReadonlyMap<string, number[]>, config: FreshnessConfig['row-counts'] = {}): RowCountReport {
  const entries = observed instanceof Map ? [...observed.entries()] : Object.entries(observed);
  const findings: RowCountFinding[] = [];
  const ignored: string[] = [];
  for (const [model, count] of entries) {
    const s = settingsFor(model, config);
    if (!s.enabled || (config.ignore ?? []).some((p) => matchesModel(p, model))) {
      ignored.push(model);
      continue;
    }
    const { enabled: _e, ...settings } = s;
    findings.push(judgeRowCount(model, count, history.get(model) ?? [], settings));
  }
  findings.sort((a, b) => (a.verdict === b.verdict ? a.model.localeCompare(b.model) : a.verdict === 'fail' ? -1 : 1));
  const failingCount = findings.filter((f) => f.verdict === 'fail').length;
  return { kind: 'row-counts', passed: failingCount === 0, failingCount, findings, ignored: ignored.sort(), errors: [] };
}

// ---------------------------------------------------------------- warehouse

export interface CountTarget {
  model: string;
  relation: RelationRef;
}

/** Tables dbt builds (table, incremental, snapshot, seed; views only when asked) with their relations. */
export function countTargetsFromManifest(manifest: Manifest, opts: { includeViews?: boolean; select?: (uniqueId: string) => boolean } = {}): CountTarget[] {
  const out: CountTarget[] = [];
  for (const n of Object.values(manifest.nodes ?? {})) {
    if (!['model', 'snapshot', 'seed'].includes(n.resource_type)) continue;
    if (n.config?.enabled === false) continue;
    const mat = (n.config?.materialized as string | undefined) ?? (n.resource_type === 'model' ? 'view' : n.resource_type);
    if (mat === 'ephemeral' || mat === 'test' || mat === 'unit') continue;
    if ((mat === 'view' || mat === 'materialized_view') && !opts.includeViews) continue;
    if (opts.select && !opts.select(n.unique_id)) continue;
    if (!n.schema) continue;
    const q = (n.config?.quoting ?? n.quoting ?? {}) as RelationRef['quoting'];
    out.push({ model: n.unique_id, relation: { database: n.database ?? undefined, schema: n.schema, identifier: n.alias ?? n.name, quoting: q } });
  }
  return out.sort((a, b) => a.model.localeCompare(b.model));
}

/** COUNT(*) of every target in one statement (split in halves only around failures). */
export async function measureRowCounts(
  warehouse: Queryable & { dialect: DialectName },
  targets: readonly CountTarget[],
  opts: { maxPerStatement?: number } = {},
): Promise<{ counts: Map<string, number>; errors: { model: string; error: string }[]; statements: number }> {
  const dialect = freshnessDialect(warehouse.dialect);
  const counts = new Map<string, number>();
  const errors: { model: string; error: string }[] = [];
  let statements = 0;
  const max = opts.maxPerStatement ?? 500;
  for (let i = 0; i < targets.length; i += max) {
    const part = targets.slice(i, i + max);
    const items = part.map((t) => ({ key: t.model, branch: dialect.rowCountBranch({ id: t.model, relation: t.relation }) }));
    const out = await runBranches<{ model: string; row_count: unknown }>(warehouse, items, (b) => dialect.unionAll(b), 'model', dialect.ping);
    statements += out.statements;
    for (const t of part) {
      const r = out.results.get(t.model);
      if (!r) errors.push({ model: t.model, error: 'no row returned' });
      else if ('error' in r) errors.push({ model: t.model, error: r.error });
      else counts.set(t.model, Number(r.row.row_count));
    }
  }
  return { counts, errors, statements };
}

export interface RecordOptions {
  /** Default `SLIPWAY`. */
  adminSchema?: string;
  deployId?: string;
  environment: string;
  counts: ReadonlyMap<string, number> | Record<string, number>;
  /** model → relation text, for people reading the table. */
  relations?: Record<string, string>;
  /** Models whose count was judged anomalous (recorded, but kept out of baselines). */
  anomalous?: Iterable<string>;
  /** For backfills and tests; default the warehouse's current time. */
  recordedAt?: string;
}

export function recordStatements(dialectName: DialectName, opts: RecordOptions): Statement[] {
  const d = freshnessDialect(dialectName);
  const adminSchema = opts.adminSchema ?? 'SLIPWAY';
  const bad = new Set(opts.anomalous ?? []);
  const entries = opts.counts instanceof Map ? [...opts.counts.entries()] : Object.entries(opts.counts);
  const rows: HistoryRow[] = entries.map(([model, n]) => ({
    environment: opts.environment,
    deployId: opts.deployId ?? null,
    model,
    relation: opts.relations?.[model] ?? null,
    rowCount: n,
    status: bad.has(model) ? 'anomaly' : 'ok',
    recordedAt: opts.recordedAt,
  }));
  const stmts = d.ensureHistory(adminSchema);
  for (let i = 0; i < rows.length; i += 1000) stmts.push(d.insertHistory(adminSchema, rows.slice(i, i + 1000)));
  return stmts;
}

/** Record row counts in `<adminSchema>.ROW_COUNT_HISTORY` (created if missing). */
export async function recordRowCounts(warehouse: Queryable & { dialect: DialectName }, opts: RecordOptions): Promise<{ recorded: number; statements: Statement[] }> {
  const n = opts.counts instanceof Map ? opts.counts.size : Object.keys(opts.counts).length;
  const statements = recordStatements(warehouse.dialect, opts);
  if (n === 0) return { recorded: 0, statements: [] };
  for (const s of statements) await runStatement(warehouse, s);
  return { recorded: n, statements };
}

/** The newest good counts per model, newest first (empty when no history table exists yet). */
export async function readHistory(warehouse: Queryable & { dialect: DialectName }, opts: { adminSchema?: string; environment: string; models: readonly string[]; window: number }): Promise<Map<string, number[]>> {
  const d = freshnessDialect(warehouse.dialect);
  const adminSchema = opts.adminSchema ?? 'SLIPWAY';
  const out = new Map<string, number[]>();
  if (opts.models.length === 0) return out;
  const ex = d.historyExists(adminSchema);
  const er = await runStatement<{ n: unknown }>(warehouse, ex);
  if (!(Number(er[0]?.n ?? 0) > 0)) return out;
  const s = d.selectHistory(adminSchema, opts.environment, opts.models, opts.window);
  const rows = await runStatement<{ model: string; row_count: unknown }>(warehouse, s);
  for (const r of rows) {
    const list = out.get(r.model) ?? [];
    list.push(Number(r.row_count));
    out.set(r.model, list);
  }
  return out;
}

export interface RowCountCheckOptions {
  adminSchema?: string;
  environment: string;
  /** Counts already measured (e.g. in the blue schema before cutover). */
  counts: ReadonlyMap<string, number> | Record<string, number>;
  config?: FreshnessConfig['row-counts'];
}

/** Judge counts against the recorded history (reads history; writes nothing). */
export async function checkRowCounts(warehouse: Queryable & { dialect: DialectName }, opts: RowCountCheckOptions): Promise<RowCountReport> {
  const models = opts.counts instanceof Map ? [...opts.counts.keys()] : Object.keys(opts.counts);
  const maxWindow = Math.max(DEFAULT_ROW_COUNT_SETTINGS.window, opts.config?.window ?? 0, ...Object.values(opts.config?.models ?? {}).map((m) => m.window ?? 0));
  const history = await readHistory(warehouse, { adminSchema: opts.adminSchema ?? opts.config?.['admin-schema'], environment: opts.environment, models, window: maxWindow });
  return judgeRowCounts(opts.counts, history, opts.config);
}
