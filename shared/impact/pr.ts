/**
 * The impact report for one PR build, from artifact paths: what the CLI
 * (`slipway impact`) and the slim CI action both call. Loads the PR's
 * manifest (and run_results.json when present), production's manifest, runs
 * the comparison and returns the report with its Markdown section. The caller
 * decides what a tripped gate does (`impactGateFailure`).
 */
import { existsSync } from 'node:fs';
import { loadManifest, loadRunResults, type Manifest } from '../dbt/artifacts.js';
import { GateFailure } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import type { Warehouse } from '../warehouse/types.js';
import { parseFailOn } from './gate.js';
import { impactMarkdown } from './report.js';
import { runImpact, type ImpactOptions } from './run.js';
import { prTag } from './tag.js';
import { impactTargets } from './targets.js';
import type { ImpactReport } from './types.js';

export interface PrImpactOptions extends Omit<ImpactOptions, 'targets' | 'runResults' | 'failOn'> {
  /** The PR build's manifest.json. */
  manifestPath: string;
  /** Production's manifest (already loaded, e.g. the restored slim CI state), or its path. */
  state: Manifest | string;
  /** The PR build's run_results.json; read when the file exists. */
  runResultsPath?: string;
  children?: boolean;
  sensitive?: string[];
  /** fail-on rules, as the CLI flag / action input gives them. */
  failOn?: string | string[];
  openWarehouse: (tag: string | undefined) => Promise<Warehouse>;
  rt?: Runtime;
}

export async function prImpact(opts: PrImpactOptions): Promise<{ report: ImpactReport; markdown: string }> {
  const failOn = parseFailOn(opts.failOn);
  const manifest = await loadManifest(opts.manifestPath);
  const state = typeof opts.state === 'string' ? await loadManifest(opts.state) : opts.state;
  const runResults = opts.runResultsPath && existsSync(opts.runResultsPath) ? await loadRunResults(opts.runResultsPath) : undefined;
  const tag = opts.tag ?? prTag();
  const wh = await opts.openWarehouse(tag);
  try {
    const dialect = wh.dialect;
    const targets = impactTargets({ manifest, state, runResults, children: opts.children, sensitive: opts.sensitive, dialect });
    opts.rt?.info(`Impact: comparing ${targets.filter((t) => !t.skip).length} model(s) with production${tag ? ` (tag ${tag})` : ''}.`);
    const report = await runImpact(wh, { ...opts, targets, tag, runResults, failOn });
    return { report, markdown: impactMarkdown(report) };
  } finally {
    await wh.close();
  }
}

/** The GateFailure for a report whose fail-on rules tripped (undefined when it passed). */
export function impactGateFailure(report: ImpactReport): GateFailure | undefined {
  if (report.gate.passed) return undefined;
  return new GateFailure(`Impact gate failed: ${report.gate.tripped.map((t) => `${t.model}: ${t.message}`).join('; ')}`, {
    hint: 'Fix the model, or relax fail-on if the change is intended.',
    details: report.gate.tripped,
  });
}
