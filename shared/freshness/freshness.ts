/**
 * The freshness gate: measure every source with an SLA, either from the
 * `sources.json` that `dbt source freshness` wrote or directly in the
 * warehouse (one UNION ALL statement for all sources), and give each source
 * a verdict. Bad input for one source is a `runtime error` for that source
 * only; everything else is still measured, and the gate fails closed.
 */
import type { Manifest, SourceFreshnessResult, SourcesArtifact } from '../dbt/artifacts.js';
import { schemaVersion } from '../dbt/artifacts.js';
import { freshnessDialect, type FreshnessDialect } from '../dialects/freshness.js';
import type { Queryable } from '../warehouse/types.js';
import type { DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';
import type { FreshnessConfig, Threshold } from './config.js';
import { checkSqlExpression, formatAge, formatThreshold, parseTimestamp, selectSlas, slaForSource, isIgnored, thresholdSeconds, verdictFor, type SourceSla, type Verdict } from './sla.js';
import { runBranches } from './batch.js';

export type FailOn = 'error' | 'warn';
export type MeasureMethod = 'loaded_at_field' | 'last_altered' | 'sources.json';

export interface SourceResult {
  uniqueId: string;
  name: string;
  verdict: Verdict;
  /** Seconds between the newest load and the evaluation time. */
  ageSeconds?: number;
  maxLoadedAt?: string;
  /** When the age was judged (dbt's snapshot time, or the warehouse's now). */
  evaluatedAt?: string;
  warnAfter?: Threshold;
  errorAfter?: Threshold;
  /** The threshold that decided the verdict (the breached one, or the tightest when passing). */
  threshold?: Threshold;
  method: MeasureMethod;
  /** The SQL that measured this source (warehouse mode), or dbt's description (sources.json mode). */
  query?: string;
  filter?: string;
  /** One sentence a person can act on. */
  message: string;
  /** Whether this source makes the gate fail under the chosen fail-on. */
  failing: boolean;
}

export interface FreshnessReport {
  kind: 'freshness';
  mode: 'sources-json' | 'warehouse';
  failOn: FailOn;
  passed: boolean;
  /** `pass`, `warn` (warnings that do not fail the gate) or `fail`. */
  verdict: 'pass' | 'warn' | 'fail';
  counts: { pass: number; warn: number; error: number; runtimeError: number; skipped: number };
  failingCount: number;
  /** Worst first: runtime error, error, warn, pass; then oldest first. */
  results: SourceResult[];
  skipped: { uniqueId: string; name: string; reason: string }[];
  /** Statements sent to the warehouse (warehouse mode). */
  statements: number;
  /** File-level problems (another project, version mismatch) that do not belong to one source. */
  notes: string[];
  generatedAt: string;
}

const RANK: Record<Verdict, number> = { 'runtime error': 0, error: 1, warn: 2, pass: 3 };

export function isFailing(verdict: Verdict, failOn: FailOn): boolean {
  return verdict === 'error' || verdict === 'runtime error' || (failOn === 'warn' && verdict === 'warn');
}

export function buildReport(mode: FreshnessReport['mode'], failOn: FailOn, results: Omit<SourceResult, 'failing'>[], extra: { skipped?: FreshnessReport['skipped']; statements?: number; notes?: string[]; now?: Date } = {}): FreshnessReport {
  const full = results.map((r) => ({ ...r, failing: isFailing(r.verdict, failOn) }));
  full.sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || (b.ageSeconds ?? Infinity) - (a.ageSeconds ?? Infinity) || a.uniqueId.localeCompare(b.uniqueId));
  const count = (v: Verdict) => full.filter((r) => r.verdict === v).length;
  const failingCount = full.filter((r) => r.failing).length;
  const warn = count('warn');
  return {
    kind: 'freshness',
    mode,
    failOn,
    passed: failingCount === 0,
    verdict: failingCount > 0 ? 'fail' : warn > 0 ? 'warn' : 'pass',
    counts: { pass: count('pass'), warn, error: count('error'), runtimeError: count('runtime error'), skipped: extra.skipped?.length ?? 0 },
    failingCount,
    results: full,
    skipped: extra.skipped ?? [],
    statements: extra.statements ?? 0,
    notes: extra.notes ?? [],
    generatedAt: (extra.now ?? new Date()).toISOString(),
  };
}

function judged(base: { uniqueId: string; name: string; method: MeasureMethod; query?: string; filter?: string; warnAfter?: Threshold; errorAfter?: Threshold }, maxLoadedAt: Date, evaluatedAt: Date): Omit<SourceResult, 'failing'> {
  const age = (evaluatedAt.getTime() - maxLoadedAt.getTime()) / 1000;
  const { verdict, threshold } = verdictFor(age, base);
  const msg =
    verdict === 'pass'
      ? `Fresh: last loaded ${formatAge(age)} ago (warn after ${formatThreshold(base.warnAfter)}, error after ${formatThreshold(base.errorAfter)}).`
      : `${verdict === 'error' ? 'Stale' : 'Late'}: last loaded ${formatAge(age)} ago, more than the ${verdict} threshold of ${formatThreshold(threshold)}.`;
  return { ...base, verdict, ageSeconds: Math.round(age * 1000) / 1000, maxLoadedAt: maxLoadedAt.toISOString(), evaluatedAt: evaluatedAt.toISOString(), threshold, message: msg };
}

function runtimeError(base: { uniqueId: string; name: string; method: MeasureMethod; query?: string; filter?: string; warnAfter?: Threshold; errorAfter?: Threshold }, message: string): Omit<SourceResult, 'failing'> {
  return { ...base, verdict: 'runtime error', message };
}

// ---------------------------------------------------------------- sources.json

export interface FromSourcesJsonOptions {
  sources: SourcesArtifact;
  /** When given, the SLAs come from it (with overrides) and every source with an SLA must be in sources.json. */
  manifest?: Manifest;
  config?: FreshnessConfig;
  failOn?: FailOn;
  /** Judge ages at dbt's snapshot time (default) or now. */
  evaluateAt?: 'snapshot' | 'now';
  now?: Date;
}

function thresholdFromCriteria(t: unknown): Threshold | undefined {
  if (!t || typeof t !== 'object') return undefined;
  const { count, period } = t as { count?: unknown; period?: unknown };
  return typeof count === 'number' && count > 0 && (period === 'minute' || period === 'hour' || period === 'day') ? { count, period } : undefined;
}

/** Verdicts from a sources.json written by `dbt source freshness`. */
export function freshnessFromSourcesJson(opts: FromSourcesJsonOptions): FreshnessReport {
  const config = opts.config ?? {};
  const failOn = opts.failOn ?? config['fail-on'] ?? 'error';
  const evaluateAt = opts.evaluateAt ?? config['evaluate-at'] ?? 'snapshot';
  const now = opts.now ?? new Date();
  const notes: string[] = [];
  const results: Omit<SourceResult, 'failing'>[] = [];
  const skipped: FreshnessReport['skipped'] = [];

  const sv = schemaVersion(opts.sources.metadata);
  if (sv && sv.version > 3) notes.push(`sources.json uses schema v${sv.version}; Slipway knows v1–v3 and read it best-effort.`);
  const m = opts.manifest;
  if (m) {
    const mv = m.metadata?.dbt_version;
    const sv2 = opts.sources.metadata?.dbt_version;
    if (mv && sv2 && mv !== sv2) notes.push(`sources.json was written by dbt ${sv2} but the manifest by dbt ${mv}; regenerate both with one dbt version if results look wrong.`);
  }

  const byId = new Map<string, SourceFreshnessResult>();
  for (const r of opts.sources.results ?? []) if (r && typeof r.unique_id === 'string') byId.set(r.unique_id, r);

  let wanted: { uniqueId: string; name: string; sla?: SourceSla }[];
  if (m) {
    const sel = selectSlas(m, config);
    skipped.push(...sel.skipped);
    wanted = sel.checked.map((s) => ({ uniqueId: s.uniqueId, name: s.name, sla: s }));
    const known = new Set(Object.keys(m.sources ?? {}));
    const foreign = [...byId.keys()].filter((id) => !known.has(id));
    for (const id of foreign) {
      results.push(
        runtimeError(
          { uniqueId: id, name: id.split('.').slice(-2).join('.'), method: 'sources.json' },
          `sources.json has a result for ${id}, which is not a source of this project's manifest (${m.metadata?.project_name ?? 'unknown project'}): the file is from another project or an older version of it. Regenerate it with \`dbt source freshness\` in this project.`,
        ),
      );
    }
    if (foreign.length) notes.push(`${foreign.length} result(s) in sources.json do not belong to this manifest.`);
  } else {
    wanted = [...byId.values()].map((r) => ({ uniqueId: r.unique_id, name: r.unique_id.split('.').slice(-2).join('.') }));
  }

  for (const w of wanted) {
    const r = byId.get(w.uniqueId);
    if (!m && isIgnored(config.ignore, w.uniqueId, w.name)) {
      skipped.push({ uniqueId: w.uniqueId, name: w.name, reason: 'ignored by the Slipway config' });
      continue;
    }
    let warnAfter = w.sla?.warnAfter;
    let errorAfter = w.sla?.errorAfter;
    let filter = w.sla?.filter;
    if (!m && r) {
      // No manifest: dbt's criteria in the file, then overrides by name.
      const fake = { unique_id: w.uniqueId, name: w.name.split('.').pop()!, source_name: w.name.split('.')[0], resource_type: 'source', package_name: '', freshness: r.criteria, loaded_at_field: 'x' } as never;
      const s = slaForSource(fake, config);
      if ('skip' in s) {
        skipped.push({ uniqueId: w.uniqueId, name: w.name, reason: s.skip });
        continue;
      }
      warnAfter = s.warnAfter;
      errorAfter = s.errorAfter;
      filter = s.filter;
    }
    const base = { uniqueId: w.uniqueId, name: w.name, method: 'sources.json' as const, warnAfter, errorAfter, filter, query: 'dbt source freshness (sources.json)' };
    if (!r) {
      results.push(runtimeError(base, `No result for this source in sources.json, but it has a freshness SLA. The file is stale or \`dbt source freshness\` ran with --select; rerun it for all sources.`));
      continue;
    }
    if (r.status === 'runtime error' || (r.error && !r.max_loaded_at)) {
      results.push(runtimeError(base, `dbt could not measure this source: ${String(r.error ?? r.message ?? 'runtime error').trim()}`));
      continue;
    }
    const loaded = parseTimestamp(r.max_loaded_at);
    const snap = parseTimestamp(r.snapshotted_at);
    if (!loaded) {
      results.push(runtimeError(base, `sources.json has no usable max_loaded_at for this source (${JSON.stringify(r.max_loaded_at ?? null)}).`));
      continue;
    }
    const at = evaluateAt === 'now' ? now : snap ?? now;
    const res = judged(base, loaded, at);
    if (!m && !opts.config?.sources && r.status && r.status !== res.verdict && ['pass', 'warn', 'error'].includes(r.status)) {
      notes.push(`${w.uniqueId}: dbt said ${r.status}, Slipway computed ${res.verdict}.`);
    }
    results.push(res);
  }
  return buildReport('sources-json', failOn, results, { skipped, notes, now });
}

// ---------------------------------------------------------------- warehouse

export interface MeasureOptions {
  manifest: Manifest;
  config?: FreshnessConfig;
  failOn?: FailOn;
  /** Default from config `max-sources-per-statement`, else 500. */
  maxSourcesPerStatement?: number;
  /** A statement is also split when its text would pass this many characters (default 900 000, under Snowflake's 1 MB). */
  maxStatementChars?: number;
}

interface Planned {
  sla: SourceSla;
  method: MeasureMethod;
  branch?: string;
  problem?: string;
}

function planSources(dialect: FreshnessDialect, slas: SourceSla[]): Planned[] {
  return slas.map((sla) => {
    const method: MeasureMethod = sla.loadedAtField ? 'loaded_at_field' : 'last_altered';
    const fail = (problem: string): Planned => ({ sla, method, problem });
    if (!sla.relation.schema) return fail('The source has no schema in the manifest.');
    if (sla.loadedAtField) {
      const p = checkSqlExpression(sla.loadedAtField);
      if (p) return fail(`loaded_at_field \`${sla.loadedAtField}\` is not a usable SQL expression: ${p}.`);
      if (sla.filter) {
        const f = checkSqlExpression(sla.filter);
        if (f) return fail(`freshness filter \`${sla.filter}\` is not a usable SQL expression: ${f}.`);
      }
      try {
        return { sla, method, branch: dialect.loadedAtBranch({ id: sla.uniqueId, relation: sla.relation, loadedAtField: sla.loadedAtField, filter: sla.filter }) };
      } catch (err) {
        return fail((err as Error).message);
      }
    }
    if (sla.loadedAtQuery) {
      return fail('This source uses loaded_at_query, which Slipway does not run in warehouse mode. Use sources-json mode (dbt source freshness), or set loaded-at-field for it in slipway-freshness.yml.');
    }
    if (!dialect.hasLastAltered) {
      return fail(`The source has no loaded_at_field, and ${dialect.dialect} keeps no last-altered time for tables. Set loaded_at_field in the source's YAML, or loaded-at-field for it in slipway-freshness.yml.`);
    }
    try {
      return { sla, method, branch: dialect.lastAlteredBranch({ id: sla.uniqueId, relation: sla.relation }) };
    } catch (err) {
      return fail((err as Error).message);
    }
  });
}

/** The statements warehouse mode would run (for --dry-run), batched as they would be. */
export function planFreshnessStatements(dialectName: DialectName, opts: MeasureOptions): { statements: Statement[]; planned: Planned[]; skipped: FreshnessReport['skipped'] } {
  const dialect = freshnessDialect(dialectName);
  const sel = selectSlas(opts.manifest, opts.config ?? {});
  const planned = planSources(dialect, sel.checked);
  const branches = planned.filter((p) => p.branch).map((p) => p.branch!);
  const statements = chunkBranches(branches, opts, opts.config).map((b) => ({ sql: dialect.unionAll(b), purpose: `measure freshness of ${b.length} source(s) in one statement` }));
  return { statements, planned, skipped: sel.skipped };
}

function chunkBranches(branches: string[], opts: MeasureOptions, config?: FreshnessConfig): string[][] {
  const maxN = opts.maxSourcesPerStatement ?? config?.['max-sources-per-statement'] ?? 500;
  const maxChars = opts.maxStatementChars ?? 900_000;
  const out: string[][] = [];
  let cur: string[] = [];
  let len = 0;
  for (const b of branches) {
    if (cur.length && (cur.length >= maxN || len + b.length + 11 > maxChars)) {
      out.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(b);
    len += b.length + 11;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Measure every source with an SLA directly in the warehouse: one statement (batched only past the size limit). */
export async function measureFreshness(warehouse: Queryable & { dialect: DialectName }, opts: MeasureOptions): Promise<FreshnessReport> {
  const config = opts.config ?? {};
  const failOn = opts.failOn ?? config['fail-on'] ?? 'error';
  const dialect = freshnessDialect(warehouse.dialect);
  const sel = selectSlas(opts.manifest, config);
  const planned = planSources(dialect, sel.checked);
  const results: Omit<SourceResult, 'failing'>[] = [];
  const toRun = planned.filter((p) => p.branch);
  for (const p of planned) {
    if (p.problem) results.push(runtimeError(baseOf(p), p.problem));
  }
  const batches = chunkBranches(toRun.map((p) => p.branch!), opts, config);
  const byBranch = new Map(toRun.map((p) => [p.branch!, p]));
  let statements = 0;
  for (const batch of batches) {
    const items = batch.map((b) => ({ key: byBranch.get(b)!.sla.uniqueId, branch: b }));
    const out = await runBranches<{ source_id: string; max_loaded_at: unknown; snapshotted_at: unknown }>(warehouse, items, (b) => dialect.unionAll(b), 'source_id', dialect.ping);
    statements += out.statements;
    for (const branch of batch) {
      const p = byBranch.get(branch)!;
      const base = baseOf(p);
      const got = out.results.get(p.sla.uniqueId);
      if (!got || 'error' in got) {
        results.push(runtimeError(base, got && 'error' in got ? `The warehouse refused the measuring query: ${got.error}` : 'The measuring query returned no row for this source.'));
        continue;
      }
      const row = got.row;
      const snap = parseTimestamp(row.snapshotted_at) ?? new Date();
      if (row.max_loaded_at === null || row.max_loaded_at === undefined) {
        if (p.method === 'last_altered') {
          results.push(runtimeError(base, `The table was not found in INFORMATION_SCHEMA.TABLES (it does not exist, or the role cannot see it).`));
        } else {
          // dbt-core reads a NULL max as datetime.min (year 1): never loaded, so past every threshold.
          const { verdict, threshold } = verdictFor(Number.POSITIVE_INFINITY, base);
          results.push({
            ...base,
            verdict,
            threshold,
            evaluatedAt: snap.toISOString(),
            message: `${verdict === 'error' ? 'Stale' : 'Late'}: MAX(${p.sla.loadedAtField}) is NULL (the table is empty${p.sla.filter ? ' or the filter matched no rows' : ''}); like dbt, Slipway counts that as never loaded.`,
          });
        }
        continue;
      }
      const loaded = parseTimestamp(row.max_loaded_at);
      if (!loaded) {
        results.push(runtimeError(base, `loaded_at_field \`${p.sla.loadedAtField}\` is not a timestamp: its MAX is ${JSON.stringify(String(row.max_loaded_at)).slice(0, 80)}. Point loaded_at_field at a timestamp column (or cast it).`));
        continue;
      }
      results.push(judged(base, loaded, snap));
    }
  }
  return buildReport('warehouse', failOn, results, { skipped: sel.skipped, statements });
}

function baseOf(p: Planned) {
  return { uniqueId: p.sla.uniqueId, name: p.sla.name, method: p.method, query: p.branch, filter: p.sla.filter, warnAfter: p.sla.warnAfter, errorAfter: p.sla.errorAfter };
}

export { thresholdSeconds };
