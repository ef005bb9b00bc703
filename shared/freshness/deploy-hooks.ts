/**
 * Adapters for the blue-green deploy's pre-cutover `extraChecks`
 * (shared/deploy/checks.ts `ExtraCheck`) and its post-cutover recording.
 *
 * In a deploy, a model's row-count history key is `<published schema>.<name>`
 * (resolved names, as the deploy plans them): the counts are taken in the new
 * colour schema before cutover and compared with what was recorded after
 * earlier deploys of the same environment.
 */
import type { CheckContext, CheckResult, ExtraCheck } from '../deploy/checks.js';
import type { Manifest } from '../dbt/artifacts.js';
import type { FreshnessConfig } from './config.js';
import { measureFreshness, type FailOn } from './freshness.js';
import { freshnessHeadline, rowCountHeadline } from './report.js';
import { checkRowCounts, measureRowCounts, recordRowCounts, type CountTarget } from './row-counts.js';
import { formatAge } from './sla.js';

/** Source freshness measured in the warehouse (one statement) before the cutover. */
export function freshnessExtraCheck(opts: { config?: FreshnessConfig; failOn?: FailOn; manifest?: Manifest } = {}): ExtraCheck {
  return async (ctx: CheckContext): Promise<CheckResult> => {
    const manifest = opts.manifest ?? ctx.manifest;
    if (!manifest) return { name: 'source-freshness', status: 'skip', message: 'no manifest given, so no source SLAs to check' };
    const r = await measureFreshness(ctx.warehouse, { manifest, config: opts.config, failOn: opts.failOn });
    return {
      name: 'source-freshness',
      status: r.passed ? (r.verdict === 'warn' ? 'warn' : 'pass') : 'fail',
      message: freshnessHeadline(r),
      items: r.results.filter((s) => s.verdict !== 'pass').map((s) => `${s.verdict}: ${s.name} (${formatAge(s.ageSeconds)}): ${s.message}`),
    };
  };
}

/** The tables of a deploy's colour schemas, keyed `<published>.<name>`. */
export function deployCountTargets(ctx: Pick<CheckContext, 'schemas'>): CountTarget[] {
  const out: CountTarget[] = [];
  for (const s of ctx.schemas) {
    for (const m of s.models) {
      if (m.kind === 'view') continue;
      out.push({ model: `${s.published}.${m.name}`, relation: { schema: s.colourSchema, identifier: m.source, quoting: { schema: true, identifier: true } } });
    }
  }
  return out;
}

/** Row-count anomalies of the new colour against ROW_COUNT_HISTORY, before the cutover. */
export function rowCountAnomalyExtraCheck(opts: { adminSchema?: string; config?: FreshnessConfig['row-counts'] } = {}): ExtraCheck {
  return async (ctx: CheckContext): Promise<CheckResult> => {
    const targets = deployCountTargets(ctx);
    if (!targets.length) return { name: 'row-count-anomalies', status: 'skip', message: 'no tables to count' };
    const m = await measureRowCounts(ctx.warehouse, targets);
    const r = await checkRowCounts(ctx.warehouse, { adminSchema: opts.adminSchema ?? opts.config?.['admin-schema'], environment: ctx.environment, counts: m.counts, config: opts.config });
    r.errors.push(...m.errors);
    const items = [...r.errors.map((e) => `${e.model}: could not count rows: ${e.error}`), ...r.findings.filter((f) => f.verdict === 'fail').map((f) => `${f.model} (${f.rule}): ${f.message}`)];
    return { name: 'row-count-anomalies', status: r.passed && !r.errors.length ? 'pass' : 'fail', message: rowCountHeadline(r), items };
  };
}

/** After a successful cutover: record the new colour's counts as good. */
export async function recordDeployRowCounts(ctx: Pick<CheckContext, 'warehouse' | 'schemas' | 'environment' | 'deployId'>, opts: { adminSchema?: string } = {}): Promise<{ recorded: number; errors: { model: string; error: string }[] }> {
  const m = await measureRowCounts(ctx.warehouse, deployCountTargets(ctx));
  const r = await recordRowCounts(ctx.warehouse, { adminSchema: opts.adminSchema, environment: ctx.environment, deployId: ctx.deployId, counts: m.counts });
  return { recorded: r.recorded, errors: m.errors };
}

export interface DeployGateOptions {
  /** Gate the cutover on source freshness measured in the warehouse. */
  freshness?: boolean;
  /** Gate the cutover on row-count anomalies against ROW_COUNT_HISTORY, and record the new counts once LIVE. */
  rowCountHistory?: boolean;
  /** A slipway-freshness.yml (SLA overrides, row-count rules). */
  configFile?: string;
  failOn?: FailOn;
  adminSchema?: string;
}

/**
 * The freshness gate and the row-count history as a deploy's pre-cutover
 * checks and post-cutover step: what the deploy CLI and action plug into
 * `cutoverDeploy({ extraChecks, afterLive })`.
 */
export async function deployGates(opts: DeployGateOptions): Promise<{ extraChecks: ExtraCheck[]; afterLive?: (ctx: CheckContext) => Promise<void> }> {
  const { loadFreshnessConfig } = await import('./config.js');
  const config = opts.configFile || opts.freshness || opts.rowCountHistory ? await loadFreshnessConfig(opts.configFile, !!opts.configFile) : undefined;
  const extraChecks: ExtraCheck[] = [];
  if (opts.freshness) extraChecks.push(freshnessExtraCheck({ config, failOn: opts.failOn }));
  if (opts.rowCountHistory) extraChecks.push(rowCountAnomalyExtraCheck({ adminSchema: opts.adminSchema, config: config?.['row-counts'] }));
  const afterLive = opts.rowCountHistory
    ? async (ctx: CheckContext) => {
        const r = await recordDeployRowCounts(ctx, { adminSchema: opts.adminSchema ?? config?.['row-counts']?.['admin-schema'] });
        if (r.errors.length) throw new Error(`row counts of ${r.errors.map((e) => e.model).join(', ')} could not be recorded`);
      }
    : undefined;
  return { extraChecks, afterLive };
}
