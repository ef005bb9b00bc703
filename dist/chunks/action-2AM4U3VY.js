import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  runFivetranSync,
  syncHeadline
} from "./chunk-QFSN7465.js";
import "./chunk-7EY7NJ5E.js";
import {
  GateFailure
} from "./chunk-IZF6KDBA.js";

// actions/fivetran-sync/action.ts
async function fivetranSyncAction(rt, inputs, env = process.env) {
  const result = await runFivetranSync(rt, inputs, env);
  const { report, passed } = result;
  rt.setOutput("verdict", passed ? "pass" : "fail");
  rt.setOutput("report-json", { connectors: report.connectors });
  for (const v of ["synced", "failed", "paused", "broken", "timeout", "stuck"]) rt.setOutput(`${v}-count`, report.counts[v]);
  for (const c of report.connectors) {
    if (c.verdict !== "synced") rt.annotate(passed ? "warning" : "error", `Fivetran ${c.id}: ${c.verdict} — ${c.reason}`, { title: `Fivetran sync ${c.verdict}` });
  }
  if (!passed) throw new GateFailure(syncHeadline(report, passed), { details: report.connectors });
  rt.info(syncHeadline(report, passed));
  return result;
}
export {
  fivetranSyncAction
};
