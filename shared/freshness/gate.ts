/**
 * The freshness gate as the CLI and the action run it: load the config, the
 * manifest and (in sources-json mode) sources.json, measure, and return the
 * report. Reporting and the exit code are the caller's.
 */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { loadManifest, loadSources, type Manifest } from '../dbt/artifacts.js';
import { UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import type { Warehouse } from '../warehouse/types.js';
import { loadFreshnessConfig, type FreshnessConfig } from './config.js';
import { freshnessFromSourcesJson, measureFreshness, planFreshnessStatements, type FailOn, type FreshnessReport } from './freshness.js';
import { formatPlan, type Statement } from '../sql/plan.js';
import type { DialectName } from '../sql/identifiers.js';

export const DEFAULT_CONFIG_FILE = 'slipway-freshness.yml';

export interface GateInputs {
  mode: 'sources-json' | 'warehouse';
  projectDir?: string;
  /** Explicit manifest path (required to exist); default `<project-dir>/target/manifest.json`. */
  manifest?: string;
  /** Explicit sources.json path; default `<project-dir>/target/sources.json`. */
  sources?: string;
  /** Explicit config path (required to exist); default `<project-dir>/slipway-freshness.yml` when present. */
  config?: string;
  failOn?: FailOn;
  evaluateAt?: 'snapshot' | 'now';
}

// The input parsers live in options.ts (no heavy imports, so an action checks its inputs first).
export { parseFailOn, parseMode } from './options.js';

export async function loadGateConfig(inputs: Pick<GateInputs, 'config' | 'projectDir'>): Promise<FreshnessConfig> {
  if (inputs.config) return loadFreshnessConfig(inputs.config, true);
  const def = join(inputs.projectDir ?? '.', DEFAULT_CONFIG_FILE);
  return existsSync(def) ? loadFreshnessConfig(def, false) : {};
}

async function manifestFor(inputs: GateInputs, required: boolean): Promise<Manifest | undefined> {
  const path = inputs.manifest ?? join(inputs.projectDir ?? '.', 'target', 'manifest.json');
  if (!inputs.manifest && !required && !existsSync(path)) return undefined;
  return loadManifest(path);
}

/** Run the freshness gate; `openWarehouse` is called only in warehouse mode. */
export async function runFreshnessGate(rt: Runtime, inputs: GateInputs, deps: { openWarehouse?: () => Promise<Warehouse> } = {}): Promise<{ report: FreshnessReport; manifest?: Manifest; config: FreshnessConfig }> {
  const config = await loadGateConfig(inputs);
  if (inputs.mode === 'sources-json') {
    const sourcesPath = inputs.sources ?? join(inputs.projectDir ?? '.', 'target', 'sources.json');
    const sources = await loadSources(sourcesPath);
    const manifest = await manifestFor(inputs, false);
    if (!manifest) rt.warn(`No manifest found; judging sources.json with the criteria dbt wrote in it. Pass the manifest to check that every source with an SLA was measured.`);
    const report = freshnessFromSourcesJson({ sources, manifest, config, failOn: inputs.failOn, evaluateAt: inputs.evaluateAt });
    return { report, manifest, config };
  }
  const manifest = (await manifestFor(inputs, true))!;
  if (!deps.openWarehouse) throw new UserError('Warehouse mode needs a warehouse connection.', { hint: 'Configure a dbt profile or SNOWFLAKE_* / DATABASE_URL environment variables.' });
  const warehouse = await deps.openWarehouse();
  try {
    rt.info(`Measuring source freshness on ${warehouse.description}.`);
    const report = await measureFreshness(warehouse, { manifest, config, failOn: inputs.failOn });
    return { report, manifest, config };
  } finally {
    await warehouse.close();
  }
}

/** The statements warehouse mode would run, as `--dry-run` prints them. */
export async function freshnessDryRun(inputs: GateInputs, dialect: DialectName): Promise<{ text: string; statements: Statement[]; problems: { source: string; problem: string }[] }> {
  const config = await loadGateConfig(inputs);
  const manifest = (await manifestFor(inputs, true))!;
  const plan = planFreshnessStatements(dialect, { manifest, config });
  const problems = plan.planned.filter((p) => p.problem).map((p) => ({ source: p.sla.uniqueId, problem: p.problem! }));
  return { text: formatPlan(plan.statements, dialect), statements: plan.statements, problems };
}

/** unique_id → the YAML file that declares it (for annotations). */
export function sourcePaths(manifest: Manifest | undefined, projectDir = '.'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of Object.values(manifest?.sources ?? {})) {
    if (!n.original_file_path) continue;
    // repository-relative, forward slashes (manifests written on Windows use backslashes)
    const p = posix.normalize(posix.join(projectDir.replace(/\\/g, '/'), n.original_file_path.replace(/\\/g, '/')));
    out[n.unique_id] = p.replace(/^(\.\/)+/, '');
  }
  return out;
}
