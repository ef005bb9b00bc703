import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  createReporterFromToken
} from "../chunks/chunk-LMWHFBB5.js";
import {
  eventContext,
  runAction
} from "../chunks/chunk-KJH36VYR.js";
import {
  parseFailOn,
  parseMode,
  runFreshnessGate,
  sourcePaths
} from "../chunks/chunk-GUEYHZPP.js";
import {
  freshnessHeadline,
  publishReports
} from "../chunks/chunk-ROXONESX.js";
import "../chunks/chunk-O5CWYNID.js";
import {
  resolveConnection
} from "../chunks/chunk-ECURHBFG.js";
import "../chunks/chunk-3MAQJBEG.js";
import "../chunks/chunk-3V3GFLJ6.js";
import "../chunks/chunk-TPBBWOFJ.js";
import "../chunks/chunk-J4UHCTT6.js";
import {
  connect
} from "../chunks/chunk-S34CNGQ3.js";
import "../chunks/chunk-3MA4WQK5.js";
import "../chunks/chunk-YASYTQ2Y.js";
import "../chunks/chunk-V2UDNE4W.js";
import {
  GateFailure,
  UserError
} from "../chunks/chunk-WLODUQ4F.js";

// shared/freshness/action.ts
async function freshnessGateAction(rt, inputs, event, deps = {}) {
  const token = inputs.get("github-token");
  if (token) rt.mask(token);
  const mode = parseMode(inputs.get("mode"));
  const failOn = parseFailOn(inputs.get("fail-on"));
  const checkName = inputs.get("check-name") ?? "Source freshness";
  const comment = inputs.bool("comment", false);
  const ev = inputs.get("evaluate-at");
  const evaluateAt = ev === "now" ? "now" : ev === void 0 || ev === "snapshot" ? "snapshot" : (() => {
    throw new UserError(`evaluate-at must be snapshot or now, got '${ev}'.`, { hint: "snapshot judges ages when dbt measured them; now judges them at this run." });
  })();
  const { report, manifest } = await runFreshnessGate(
    rt,
    { mode, projectDir: inputs.get("project-dir") ?? ".", manifest: inputs.get("manifest"), sources: inputs.get("sources"), config: inputs.get("config"), failOn, evaluateAt },
    { openWarehouse: deps.openWarehouse }
  );
  const canReport = !!event.repo.owner;
  const reporter = canReport ? deps.reporter ?? createReporterFromToken({ token, log: rt, isForkPullRequest: event.pullRequest?.isFork }) : void 0;
  try {
    await publishReports({
      rt,
      freshness: report,
      sourcePaths: sourcePaths(manifest, inputs.get("project-dir") ?? "."),
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

// actions/freshness-gate/index.ts
void runAction(async (rt, inputs) => {
  await freshnessGateAction(rt, inputs, eventContext(), {
    openWarehouse: async () => connect(
      await resolveConnection({ profilesDir: inputs.get("profiles-dir"), profile: inputs.get("profile"), target: inputs.get("target"), projectDir: inputs.get("project-dir") ?? "." }, rt),
      { queryTag: { action: "freshness-gate", repo: process.env.GITHUB_REPOSITORY, run: process.env.GITHUB_RUN_ID } }
    )
  });
});
