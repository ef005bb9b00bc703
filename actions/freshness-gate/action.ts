/**
 * The body of actions/freshness-gate, free of @actions/*: the entry parses the
 * inputs (inputs.ts) and passes the runtime and the event context, so tests
 * drive it with a fake reporter and an embedded warehouse.
 */
import type { EventContext } from '../../shared/actions-adapter/context.js';
import { GateFailure } from '../../shared/errors.js';
import type { FreshnessReport } from '../../shared/freshness/freshness.js';
import { runFreshnessGate, sourcePaths } from '../../shared/freshness/gate.js';
import { freshnessHeadline, publishReports } from '../../shared/freshness/report.js';
import { createReporterFromToken } from '../../shared/github/reporter.js';
import type { GitHubReporter } from '../../shared/github/types.js';
import type { Inputs } from '../../shared/runtime/inputs.js';
import type { Runtime } from '../../shared/runtime/port.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { parseFreshnessGateInputs, type FreshnessGateInputs } from './inputs.js';

export interface FreshnessGateDeps {
  /** Tests: replace the GitHub reporter (check run + sticky comment). */
  reporter?: GitHubReporter;
  /** Opens the warehouse for mode: warehouse (the entry resolves the dbt profile / env connection). */
  openWarehouse?: () => Promise<Warehouse>;
}

export type FreshnessGateEvent = Pick<EventContext, 'repo' | 'sha' | 'pullRequest' | 'runUrl'>;

/** Parse the inputs, then run: what the entry does in two stages, in one call (tests). */
export async function freshnessGateAction(rt: Runtime, inputs: Inputs, event: FreshnessGateEvent, deps: FreshnessGateDeps = {}): Promise<FreshnessReport> {
  return runFreshnessGateAction(rt, parseFreshnessGateInputs(inputs), event, deps);
}

export async function runFreshnessGateAction(rt: Runtime, opts: FreshnessGateInputs, event: FreshnessGateEvent, deps: FreshnessGateDeps = {}): Promise<FreshnessReport> {
  const { token, mode, failOn, checkName, comment, evaluateAt, projectDir } = opts;
  if (token) rt.mask(token);
  const { report, manifest } = await runFreshnessGate(
    rt,
    { mode, projectDir, manifest: opts.manifest, sources: opts.sources, config: opts.config, failOn, evaluateAt },
    { openWarehouse: deps.openWarehouse },
  );

  const canReport = !!event.repo.owner;
  const reporter = canReport ? deps.reporter ?? createReporterFromToken({ token, log: rt, isForkPullRequest: event.pullRequest?.isFork }) : undefined;
  try {
    await publishReports({
      rt,
      freshness: report,
      sourcePaths: sourcePaths(manifest, projectDir),
      github: reporter
        ? { reporter, repo: event.repo, headSha: event.pullRequest?.headSha ?? event.sha, checkName, runUrl: event.runUrl, commentOn: comment ? event.pullRequest?.number : undefined }
        : undefined,
    });
  } catch (err) {
    rt.warn(`Could not publish the freshness check run or comment: ${(err as Error).message}. The report is in the job summary.`);
  }

  rt.setOutput('verdict', report.verdict);
  rt.setOutput('failing-count', report.failingCount);
  rt.setOutput('report-json', JSON.stringify(report));
  rt.info(freshnessHeadline(report));
  if (!report.passed) {
    throw new GateFailure(freshnessHeadline(report), {
      hint: 'Reload the stale sources (or fix the runtime errors) listed in the job summary; tune SLAs in the source YAML or slipway-freshness.yml.',
      details: report,
    });
  }
  return report;
}
