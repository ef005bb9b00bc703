import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  reportMarkdown,
  runRollback,
  validateRollbackFlags
} from "./chunk-PEMTO42S.js";
import {
  defaultActor,
  projectQuoting
} from "./chunk-WL7F7LXX.js";
import "./chunk-MP6FIDRT.js";
import "./chunk-K2HM67PE.js";
import "./chunk-545Z3XKG.js";
import "./chunk-USRRF2GE.js";
import {
  rollbackFlags
} from "./chunk-GXSGINFV.js";
import {
  assertTimeTravel
} from "./chunk-4PQSW55K.js";
import "./chunk-4W35UCXX.js";
import "./chunk-U2YJDY4W.js";
import "./chunk-JK3NYHQT.js";
import "./chunk-YTHL6NVM.js";
import "./chunk-4EJKEUIK.js";
import "./chunk-IZF6KDBA.js";

// actions/rollback/body.ts
function rollbackOptionsFromInputs(inputs, ctx) {
  const { reason, environment, point } = validateRollbackFlags(rollbackFlags(inputs));
  return {
    environment,
    reason,
    point,
    to: inputs.get("to"),
    partial: inputs.bool("partial", false),
    dryRun: inputs.bool("dry-run", false),
    schemas: inputs.list("schemas"),
    colourSchemas: inputs.list("colour-schemas"),
    adminSchema: inputs.get("admin-schema") ?? "SLIPWAY",
    database: inputs.get("database"),
    suffixBlue: inputs.get("suffix-blue"),
    suffixGreen: inputs.get("suffix-green"),
    suffixNext: inputs.get("suffix-next"),
    quoting: projectQuoting(inputs.get("project-dir") ?? "."),
    actor: ctx.actor || defaultActor(),
    runUrl: ctx.runUrl
  };
}
function setRollbackOutputs(rt, r) {
  rt.setOutput("mode", r.mode);
  rt.setOutput("rolled-back-from", r.rolledBackFrom ?? "");
  rt.setOutput("rolled-back-to", r.rolledBackTo ?? "");
  rt.setOutput("colour", r.colour ?? "");
  rt.setOutput("plan", r.mode === "pitr" ? JSON.stringify(r.plan ?? null) : JSON.stringify({ statements: r.sql }));
  rt.setOutput("left", JSON.stringify(r.left ?? []));
}
async function rollbackAction(rt, inputs, ctx, openWarehouse) {
  const o = rollbackOptionsFromInputs(inputs, ctx);
  const wh = await openWarehouse();
  try {
    if (o.point) assertTimeTravel(wh);
    const r = await runRollback(wh, o, rt);
    setRollbackOutputs(rt, r);
    await rt.appendSummary(reportMarkdown(r));
    if (r.dryRun) rt.info(r.sql);
    return r;
  } finally {
    await wh.close();
  }
}
export {
  rollbackAction,
  rollbackOptionsFromInputs,
  setRollbackOutputs
};
