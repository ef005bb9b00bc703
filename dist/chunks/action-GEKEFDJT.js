import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  dropPrSchema
} from "./chunk-XGTJ2M6K.js";
import {
  mdText,
  renderSweepMarkdown,
  sweepPrSchemas
} from "./chunk-GXD5WEQK.js";
import {
  formatPlan
} from "./chunk-K2HM67PE.js";
import "./chunk-JK3NYHQT.js";
import {
  parseSchemaCleanupInputs
} from "./chunk-MYULN6CW.js";
import "./chunk-ZAP3IW53.js";
import "./chunk-E2H7YEBO.js";
import "./chunk-YTHL6NVM.js";
import {
  OperationError,
  UserError
} from "./chunk-IZF6KDBA.js";

// actions/schema-cleanup/action.ts
async function schemaCleanupAction(rt, inputs, event, deps) {
  return runSchemaCleanup(rt, parseSchemaCleanupInputs(inputs, event), deps);
}
async function runSchemaCleanup(rt, opts, deps) {
  if (opts.token) rt.mask(opts.token);
  return opts.mode === "pr" ? dropOne(rt, opts, deps) : sweep(rt, opts, deps);
}
async function dropOne(rt, opts, deps) {
  const { pr, prefix, database, repo, dryRun } = opts;
  const wh = await deps.openWarehouse({ action: "schema-cleanup", pr });
  try {
    const r = await dropPrSchema(wh, { pr, prefix, database, repo, dryRun });
    if (r.status === "left-alone") rt.warn(r.reason);
    else rt.info(r.reason);
    if (r.status === "would-drop") rt.info(`Dry run; would run:
${formatPlan(r.statements, wh.dialect)}`);
    const gone = r.status === "dropped" || r.status === "would-drop";
    rt.setOutput("dropped", gone ? JSON.stringify([r.database ? `${r.database}.${r.schema}` : r.schema]) : "[]");
    rt.setOutput("report", r);
    await rt.appendSummary(`### Slipway schema cleanup${dryRun ? " (dry run)" : ""}

${gone ? "🗑️" : r.status === "left-alone" ? "⚠️" : "✅"} ${mdText(r.reason)}`);
  } finally {
    await wh.close();
  }
}
async function sweep(rt, opts, deps) {
  const { repo, prefix, databases, ttlDays, keep, dryRun, concurrency } = opts;
  if (!deps.openPulls) throw new UserError("The sweep needs a GitHub token to ask which pull requests are open.", { hint: "Pass github-token: ${{ github.token }} (the default) with permissions: pull-requests: read." });
  const lookup = deps.openPulls();
  const wh = await deps.openWarehouse({ action: "schema-cleanup" });
  let report;
  try {
    report = await sweepPrSchemas(wh, { repo, prefix, databases, ttlDays, keep, dryRun, concurrency }, lookup, (m) => rt.info(m));
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
export {
  runSchemaCleanup,
  schemaCleanupAction
};
