/**
 * The freshness gate's public surface: what the CLI, the action and the
 * blue-green deploy's pre-cutover `extraChecks` call.
 */
import type { Manifest, SourcesArtifact } from '../dbt/artifacts.js';
import type { DialectName } from '../sql/identifiers.js';
import type { Queryable } from '../warehouse/types.js';
import type { FreshnessConfig } from './config.js';
import { freshnessFromSourcesJson, measureFreshness, type FailOn, type FreshnessReport } from './freshness.js';
import { freshnessHeadline, rowCountHeadline } from './report.js';
import { checkRowCounts, type RowCountReport } from './row-counts.js';

export * from './config.js';
export * from './freshness.js';
export * from './row-counts.js';
export * from './report.js';
export { checkSqlExpression, parseTimestamp, verdictFor, selectSlas, formatAge, formatThreshold } from './sla.js';
export type { Verdict, SourceSla } from './sla.js';

/** The shape of a pre-cutover check (blue-green `extraChecks`). */
export interface CheckOutcome<D = unknown> {
  name: string;
  passed: boolean;
  details: D & { summary: string };
}

export type FreshnessCheckOptions =
  | { mode?: 'warehouse'; manifest: Manifest; config?: FreshnessConfig; failOn?: FailOn }
  | { mode: 'sources-json'; sources: SourcesArtifact; manifest?: Manifest; config?: FreshnessConfig; failOn?: FailOn; evaluateAt?: 'snapshot' | 'now' };

/**
 * Source freshness as a pre-cutover check: measures in the warehouse (one
 * statement) unless given a sources.json. Never throws for a stale or broken
 * source: those fail the check with the report in `details`.
 */
export async function freshnessCheck(warehouse: (Queryable & { dialect: DialectName }) | undefined, opts: FreshnessCheckOptions): Promise<CheckOutcome<{ report: FreshnessReport }>> {
  let report: FreshnessReport;
  if (opts.mode === 'sources-json') {
    report = freshnessFromSourcesJson(opts);
  } else {
    if (!warehouse) throw new Error('freshnessCheck in warehouse mode needs a warehouse');
    report = await measureFreshness(warehouse, opts);
  }
  return { name: 'source freshness', passed: report.passed, details: { report, summary: freshnessHeadline(report) } };
}

export interface RowCountAnomalyCheckOptions {
  adminSchema?: string;
  environment: string;
  /** The new counts (e.g. measured in the blue schema) by model unique_id. */
  counts: ReadonlyMap<string, number> | Record<string, number>;
  config?: FreshnessConfig['row-counts'];
}

/** Row-count anomalies as a pre-cutover check (reads ROW_COUNT_HISTORY; records nothing). */
export async function rowCountAnomalyCheck(warehouse: Queryable & { dialect: DialectName }, opts: RowCountAnomalyCheckOptions): Promise<CheckOutcome<{ report: RowCountReport }>> {
  const report = await checkRowCounts(warehouse, opts);
  return { name: 'row-count anomalies', passed: report.passed && report.errors.length === 0, details: { report, summary: rowCountHeadline(report) } };
}
export * from './deploy-hooks.js';
