/**
 * The body of actions/freshness-gate, free of @actions/*: the entry passes
 * the runtime, the inputs and the event context, so tests drive it with a
 * fake reporter and an embedded warehouse.
 */
import type { EventContext } from '../actions-adapter/context.js';
import type { Inputs } from '../actions-adapter/runtime.js';
import { GateFailure, UserError } from '../errors.js';
import { createReporterFromToken } from '../github/reporter.js';
import type { GitHubReporter } from '../github/types.js';
import type { Runtime } from '../runtime/port.js';
import type { Warehouse } from '../warehouse/types.js';
import type { FreshnessReport } from './freshness.js';
import { parseFailOn, parseMode, runFreshnessGate, sourcePaths } from './gate.js';
import { freshnessHeadline, publishReports } from './report.js';

export interface FreshnessGateDeps {
  /** Tests: replace the GitHub reporter (check run + sticky comment). */
  reporter?: GitHubReporter;
  /** Opens the warehouse for mode: warehouse (the entry resolves the dbt profile / env connection). */
  openWarehouse?: () => Promise<Warehouse>;
}

export type FreshnessGateEvent = Pick<EventContext, 'repo' | 'sha' | 'pullRequest' | 'runUrl'>;

export async function freshnessGateAction(rt: Runtime, inputs: Inputs, event: FreshnessGateEvent, deps: FreshnessGateDeps = {}): Promise<FreshnessReport> {
  const token = inputs.get('github-token');
  if (token) rt.mask(token);
  const mode = parseMode(inputs.get('mode'));
  const failOn = parseFailOn(inputs.get('fail-on'));
  const checkName = inputs.get('check-name') ?? 'Source freshness';
  const comment = inputs.bool('comment', false);
  const ev = inputs.get('evaluate-at');
  const evaluateAt = ev === 'now' ? 'now' : ev === undefined || ev === 'snapshot' ? 'snapshot' : (() => {
          throw new UserError(`evaluate-at must be snapshot or now, got '${ev}'.`, { hint: 'snapshot judges ages when dbt measured them; now judges them at this run.' });
        })();

  const { report, manifest } = await runFreshnessGate(
    rt,
    { mode, projectDir: inputs.get('project-dir') ?? '.', manifest: inputs.get('manifest'), sources: inputs.get('sources'), config: inputs.get('config'), failOn, evaluateAt },
    { openWarehouse: deps.openWarehouse },
  );

  const canReport = !!event.repo.owner;
  const reporter = canReport ? deps.reporter ?? createReporterFromToken({ token, log: rt, isForkPullRequest: event.pullRequest?.isFork }) : undefined;
  try {
    await publishReports({
      rt,
      freshness: report,
      sourcePaths: sourcePaths(manifest, inputs.get('project-dir') ?? '.'),
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
