import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  DEFAULT_PREFIX,
  createPrSchema,
  dropPrSchema,
  mdText,
  parsePrNumber,
  renderCreateMarkdown,
  renderSweepMarkdown,
  sweepPrSchemas
} from "./chunk-K7CEE2WU.js";
import {
  resolveConnection
} from "./chunk-ECURHBFG.js";
import {
  formatPlan
} from "./chunk-3MAQJBEG.js";
import {
  connect
} from "./chunk-S34CNGQ3.js";
import {
  OperationError,
  UserError
} from "./chunk-WLODUQ4F.js";

// shared/pr-schema/actions.ts
var PR_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment"]);
function prNumberFromEvent(event, explicit, action) {
  if (event.pullRequest) {
    if (explicit !== void 0 && parsePrNumber(explicit, "input pr-number") !== event.pullRequest.number) {
      throw new UserError(`Input pr-number (${explicit}) disagrees with the pull request of this event (#${event.pullRequest.number}).`, { hint: "Remove pr-number on pull_request events; the number comes from the event." });
    }
    return parsePrNumber(event.pullRequest.number, "the pull_request event");
  }
  const issue = event.payload.issue;
  if (event.eventName === "issue_comment" && issue?.pull_request && issue.number !== void 0) return parsePrNumber(issue.number, "the issue_comment event");
  if (explicit !== void 0) return parsePrNumber(explicit, "input pr-number");
  throw new UserError(`${action} needs a pull request, but this run was triggered by '${event.eventName}', which carries none${PR_EVENTS.has(event.eventName) ? " (the payload has no pull_request)" : ""}.`, {
    hint: action === "schema-cleanup" ? "Run it on `pull_request: types: [closed]` to drop that PR's schema, or set mode: sweep (on a schedule) to clean up every closed PR." : "Run it on `pull_request` (types: opened, synchronize, reopened), or pass the number explicitly with pr-number: for workflow_dispatch."
  });
}
function repoSlug(event) {
  if (!event.repo.owner || !event.repo.repo) {
    throw new UserError("The repository of this run is unknown (GITHUB_REPOSITORY is not set).", { hint: "Run the action inside GitHub Actions." });
  }
  return `${event.repo.owner}/${event.repo.repo}`;
}
function isClosedPrEvent(event) {
  return !!event.pullRequest && (event.payload.action === "closed" || event.pullRequest.state === "closed");
}
async function prSchemaAction(rt, inputs, event, deps) {
  const pr = prNumberFromEvent(event, inputs.get("pr-number"), "pr-schema");
  if (isClosedPrEvent(event)) {
    throw new UserError(`pr-schema ran for pull request #${pr}, which is closed; creating its schema now would leave it behind.`, {
      hint: "Remove `closed` from the pull_request types of this workflow, and run schema-cleanup on `pull_request: types: [closed]` instead."
    });
  }
  const repo = repoSlug(event);
  const headSha = event.pullRequest?.headSha;
  const opts = {
    pr,
    repo,
    prefix: inputs.get("prefix") ?? DEFAULT_PREFIX,
    database: inputs.get("database"),
    headSha,
    baseSha: event.pullRequest?.baseSha,
    ciRoles: inputs.list("ci-roles"),
    reviewerRoles: inputs.list("reviewer-roles"),
    recreate: inputs.bool("recreate", false),
    recreateOnBaseChange: inputs.bool("recreate-on-base-change", false),
    dryRun: inputs.bool("dry-run", false)
  };
  const wh = await deps.openWarehouse({ action: "pr-schema", pr, sha: headSha });
  try {
    const r = await createPrSchema(wh, opts);
    for (const w of r.warnings) rt.warn(w);
    if (opts.dryRun) rt.info(`Dry run; would run:
${formatPlan(r.statements, wh.dialect)}`);
    else rt.info(`${r.database ? `${r.database}.` : ""}${r.schema}: ${r.action}${r.recreateReason ? ` (${r.recreateReason})` : ""}.`);
    rt.setOutput("schema", r.schema);
    rt.setOutput("database", r.database);
    rt.setOutput("action", r.action);
    if (!opts.dryRun) {
      rt.exportVariable("DBT_SCHEMA", r.schema);
      if (opts.database !== void 0) rt.exportVariable("DBT_DATABASE", r.database);
    }
    await rt.appendSummary(renderCreateMarkdown(r));
  } finally {
    await wh.close();
  }
}
async function schemaCleanupAction(rt, inputs, event, deps) {
  const modeInput = (inputs.get("mode") ?? "auto").toLowerCase();
  if (!["auto", "pr", "sweep"].includes(modeInput)) {
    throw new UserError(`Input mode must be auto, pr or sweep, got '${modeInput}'.`, { hint: "Use mode: pr on pull_request closed, mode: sweep on a schedule, or leave it at auto." });
  }
  const issue = event.payload.issue;
  const carriesPr = !!event.pullRequest || event.eventName === "issue_comment" && !!issue?.pull_request;
  const mode = modeInput === "auto" ? carriesPr ? "pr" : "sweep" : modeInput;
  const repo = repoSlug(event);
  const prefix = inputs.get("prefix") ?? DEFAULT_PREFIX;
  const dryRun = inputs.bool("dry-run", false);
  const databases = inputs.list("database");
  if (mode === "pr") {
    const pr = prNumberFromEvent(event, inputs.get("pr-number"), "schema-cleanup");
    if (event.pullRequest && !isClosedPrEvent(event)) {
      throw new UserError(`schema-cleanup ran on a '${String(event.payload.action ?? event.eventName)}' event of pull request #${pr}, which is still open; it drops a PR's schema only when the PR is closed.`, {
        hint: "Trigger this workflow with `pull_request: types: [closed]` (and a schedule for mode: sweep); keep it out of the CI workflow that builds the PR."
      });
    }
    if (databases.length > 1) throw new UserError("Give at most one database when dropping one PR schema.", { hint: "Set database: to the database the PR schema lives in." });
    const wh2 = await deps.openWarehouse({ action: "schema-cleanup", pr });
    try {
      const r = await dropPrSchema(wh2, { pr, prefix, database: databases[0], repo, dryRun });
      if (r.status === "left-alone") rt.warn(r.reason);
      else rt.info(r.reason);
      if (r.status === "would-drop") rt.info(`Dry run; would run:
${formatPlan(r.statements, wh2.dialect)}`);
      const gone = r.status === "dropped" || r.status === "would-drop";
      rt.setOutput("dropped", gone ? JSON.stringify([r.database ? `${r.database}.${r.schema}` : r.schema]) : "[]");
      rt.setOutput("report", r);
      await rt.appendSummary(`### Slipway schema cleanup${dryRun ? " (dry run)" : ""}

${gone ? "🗑️" : r.status === "left-alone" ? "⚠️" : "✅"} ${mdText(r.reason)}`);
    } finally {
      await wh2.close();
    }
    return;
  }
  const ttlRaw = inputs.get("ttl-days") ?? "7";
  const ttlDays = Number(ttlRaw);
  if (!/^\d+(\.\d+)?$/.test(ttlRaw)) throw new UserError(`Input ttl-days must be a number of days, got '${ttlRaw}'.`, { hint: "Set ttl-days: 7 (0 turns the TTL rule off)." });
  const concRaw = inputs.get("concurrency") ?? "4";
  if (!/^\d+$/.test(concRaw)) throw new UserError(`Input concurrency must be a whole number, got '${concRaw}'.`, { hint: "Set concurrency: 4." });
  if (!deps.openPulls) throw new UserError("The sweep needs a GitHub token to ask which pull requests are open.", { hint: "Pass github-token: ${{ github.token }} (the default) with permissions: pull-requests: read." });
  const lookup = deps.openPulls();
  const wh = await deps.openWarehouse({ action: "schema-cleanup" });
  let report;
  try {
    report = await sweepPrSchemas(wh, { repo, prefix, databases, ttlDays, keep: inputs.list("keep"), dryRun, concurrency: Number(concRaw) }, lookup, (m) => rt.info(m));
  } finally {
    await wh.close();
  }
  if (dryRun && report.statements.length) rt.info(`Dry run; would run:
${formatPlan(report.statements, report.dialect)}`);
  const dropped = report.entries.filter((e) => e.status === "dropped" || e.status === "would-drop").map((e) => e.database ? `${e.database}.${e.schema}` : e.schema);
  rt.setOutput("dropped", JSON.stringify(dropped));
  rt.setOutput("report", report);
  await rt.appendSummary(renderSweepMarkdown(report));
  for (const e of report.entries) if (e.rule === "other-repository" || e.rule === "other-pr") rt.warn(`${e.database ? `${e.database}.` : ""}${e.schema}: ${e.reason}`);
  if (report.counts.failed > 0) {
    const failed = report.entries.filter((e) => e.status === "failed");
    throw new OperationError(`${failed.length} schema(s) could not be dropped: ${failed.map((e) => `${e.schema} (${e.error})`).join("; ")}`, {
      hint: "The others were dropped; check that the role owns these schemas, then re-run the sweep."
    });
  }
}
function warehouseFromInputs(rt, inputs) {
  return async (queryTag) => {
    const config = await resolveConnection(
      { profilesDir: inputs.get("profiles-dir"), profile: inputs.get("profile"), target: inputs.get("target"), projectDir: inputs.get("project-dir") ?? "." },
      rt
    );
    return connect(config, { queryTag: { ...queryTag, repo: process.env.GITHUB_REPOSITORY, run: process.env.GITHUB_RUN_ID } });
  };
}

export {
  prSchemaAction,
  schemaCleanupAction,
  warehouseFromInputs
};
