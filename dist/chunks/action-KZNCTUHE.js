import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  createReporterFromToken
} from "./chunk-Q5PXLHTU.js";
import {
  runFreshnessGate,
  sourcePaths
} from "./chunk-5HXFEX3I.js";
import {
  freshnessHeadline,
  publishReports
} from "./chunk-TDDTI4OZ.js";
import "./chunk-O2T6RYZ3.js";
import "./chunk-K2HM67PE.js";
import "./chunk-545Z3XKG.js";
import "./chunk-4FBTO444.js";
import "./chunk-USRRF2GE.js";
import "./chunk-7EY7NJ5E.js";
import {
  parseFreshnessGateInputs
} from "./chunk-R7ZAWWO7.js";
import "./chunk-4AYLGPMZ.js";
import "./chunk-YTHL6NVM.js";
import {
  GateFailure
} from "./chunk-IZF6KDBA.js";

// actions/freshness-gate/action.ts
async function freshnessGateAction(rt, inputs, event, deps = {}) {
  return runFreshnessGateAction(rt, parseFreshnessGateInputs(inputs), event, deps);
}
async function runFreshnessGateAction(rt, opts, event, deps = {}) {
  const { token, mode, failOn, checkName, comment, evaluateAt, projectDir } = opts;
  if (token) rt.mask(token);
  const { report, manifest } = await runFreshnessGate(
    rt,
    { mode, projectDir, manifest: opts.manifest, sources: opts.sources, config: opts.config, failOn, evaluateAt },
    { openWarehouse: deps.openWarehouse }
  );
  const canReport = !!event.repo.owner;
  const reporter = canReport ? deps.reporter ?? createReporterFromToken({ token, log: rt, isForkPullRequest: event.pullRequest?.isFork }) : void 0;
  try {
    await publishReports({
      rt,
      freshness: report,
      sourcePaths: sourcePaths(manifest, projectDir),
      github: reporter ? { reporter, repo: event.repo, headSha: event.pullRequest?.headSha ?? event.sha, checkName, runUrl: event.runUrl, commentOn: comment ? event.pullRequest?.number : void 0 } : void 0
    });
  } catch (err) {
    rt.warn(`Could not publish the freshness check run or comment: ${err.message}. The report is in the job summary.`);
  }
  rt.setOutput("verdict", report.verdict);
  rt.setOutput("failing-count", report.failingCount);
  rt.setOutput("report-json", JSON.stringify(report));
  rt.info(freshnessHeadline(report));
  if (!report.passed) {
    throw new GateFailure(freshnessHeadline(report), {
      hint: "Reload the stale sources (or fix the runtime errors) listed in the job summary; tune SLAs in the source YAML or slipway-freshness.yml.",
      details: report
    });
  }
  return report;
}
export {
  freshnessGateAction,
  runFreshnessGateAction
};
