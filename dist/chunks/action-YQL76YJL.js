import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  createPrSchema,
  renderCreateMarkdown
} from "./chunk-TSSGOT5E.js";
import "./chunk-GXD5WEQK.js";
import {
  formatPlan
} from "./chunk-K2HM67PE.js";
import {
  parsePrSchemaInputs
} from "./chunk-V5QTZQYD.js";
import "./chunk-JK3NYHQT.js";
import "./chunk-ZAP3IW53.js";
import "./chunk-E2H7YEBO.js";
import "./chunk-YTHL6NVM.js";
import "./chunk-IZF6KDBA.js";

// actions/pr-schema/action.ts
async function prSchemaAction(rt, inputs, event, deps) {
  return runPrSchema(rt, parsePrSchemaInputs(inputs, event), deps);
}
async function runPrSchema(rt, opts, deps) {
  const wh = await deps.openWarehouse({ action: "pr-schema", pr: opts.pr, sha: opts.headSha });
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
export {
  prSchemaAction,
  runPrSchema
};
