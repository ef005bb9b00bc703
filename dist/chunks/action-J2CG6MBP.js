import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  createReporterFromToken
} from "./chunk-Q5PXLHTU.js";
import {
  formatMarkdown,
  formatSarif,
  runPolicy
} from "./chunk-OCPYB64B.js";
import "./chunk-4FBTO444.js";
import "./chunk-USRRF2GE.js";
import "./chunk-7EY7NJ5E.js";
import {
  COMMENT_MARKER,
  parseGrantPolicyInputs
} from "./chunk-KLGOLA52.js";
import {
  GateFailure
} from "./chunk-IZF6KDBA.js";

// actions/grant-policy/action.ts
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
var MAX_ANNOTATIONS = 50;
async function grantPolicyAction(rt, inputs, event, deps = {}) {
  return runGrantPolicy(rt, parseGrantPolicyInputs(inputs), event, deps);
}
async function runGrantPolicy(rt, opts, event, deps = {}) {
  const { token, plans, configFile, failOnWarn, comment, sarifFile } = opts;
  if (token) rt.mask(token);
  const report = await runPolicy({ plans, configFile, failOnWarn, now: deps.now });
  const s = report.summary;
  for (const w of report.warnings) rt.warn(w);
  const active = report.findings.filter((f) => !f.excepted).sort((a, b) => a.level === b.level ? 0 : a.level === "deny" ? -1 : 1);
  const shown = active.slice(0, MAX_ANNOTATIONS);
  if (active.length > shown.length) rt.info(`${active.length - shown.length} more finding(s) are not annotated; all are in the job summary${sarifFile ? " and the SARIF file" : ""}.`);
  for (const f of shown) {
    rt.annotate(f.level === "deny" ? "error" : "warning", `${f.address}: ${f.message} Fix: ${f.remediation}`, {
      title: `${f.rule}${s.plans.length > 1 && f.environment ? ` [${f.environment}]` : ""}`,
      file: f.plan,
      startLine: f.line
    });
  }
  const markdown = formatMarkdown(report);
  await rt.appendSummary(markdown);
  const commentBody = event.runUrl ? `${markdown}
[Workflow run](${event.runUrl}) · rules: docs/grant-policy.md
` : markdown;
  if (sarifFile) {
    await mkdir(dirname(sarifFile), { recursive: true });
    await writeFile(sarifFile, formatSarif(report));
    rt.info(`SARIF written to ${sarifFile} (upload it with github/codeql-action/upload-sarif).`);
  }
  if (comment && event.pullRequest) {
    const reporter = deps.reporter ?? createReporterFromToken({ token, log: rt, isForkPullRequest: event.pullRequest.isFork });
    try {
      await reporter.upsertStickyComment({ owner: event.repo.owner, repo: event.repo.repo, issueNumber: event.pullRequest.number, marker: COMMENT_MARKER, body: commentBody });
    } catch (err) {
      rt.warn(`Could not post the grant-policy PR comment: ${err.message}. The report is in the job summary.`);
    }
  }
  rt.setOutput("result", s.result);
  rt.setOutput("deny-count", s.deny);
  rt.setOutput("warn-count", s.warn);
  rt.setOutput("excepted-count", s.excepted);
  if (sarifFile) rt.setOutput("sarif-file", sarifFile);
  rt.info(`Grant policy: ${s.deny} deny, ${s.warn} warn, ${s.excepted} excepted over ${s.resources} resources in ${s.plans.length} file(s).`);
  if (s.result === "fail") {
    const why = s.deny > 0 ? `${s.deny} deny finding(s)` : `${s.warn} warning(s) with fail-on-warn`;
    throw new GateFailure(`Grant policy failed: ${why}.`, {
      hint: "Fix the findings listed in the job summary, or add an exception (rule, address, reason, expires) to the policy configuration.",
      details: report.findings.filter((f) => !f.excepted)
    });
  }
  return report;
}
export {
  COMMENT_MARKER,
  MAX_ANNOTATIONS,
  grantPolicyAction,
  runGrantPolicy
};
