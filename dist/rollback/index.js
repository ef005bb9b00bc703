import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  assertTimeTravel,
  reportMarkdown,
  runRollback,
  validateRollbackFlags
} from "../chunks/chunk-Q3SIYP7D.js";
import {
  defaultActor,
  projectQuoting
} from "../chunks/chunk-YIJ4TT7F.js";
import "../chunks/chunk-K2HM67PE.js";
import "../chunks/chunk-MP6FIDRT.js";
import "../chunks/chunk-AX3CEADG.js";
import "../chunks/chunk-545Z3XKG.js";
import "../chunks/chunk-Y3PEEM64.js";
import "../chunks/chunk-USRRF2GE.js";
import {
  warehouseFromInputs
} from "../chunks/chunk-W5NAIVL7.js";
import "../chunks/chunk-4WNCYOFT.js";
import "../chunks/chunk-WXLAFXG2.js";
import "../chunks/chunk-YTHL6NVM.js";
import {
  eventContext,
  runAction
} from "../chunks/chunk-HI73ILGS.js";
import "../chunks/chunk-EPPMHQ3K.js";
import "../chunks/chunk-4EJKEUIK.js";
import "../chunks/chunk-IZF6KDBA.js";

// actions/rollback/body.ts
function rollbackOptionsFromInputs(inputs, ctx) {
  const { reason, environment, point } = validateRollbackFlags({
    reason: inputs.get("reason"),
    environment: inputs.get("environment") ?? "production",
    to: inputs.get("to"),
    at: inputs.get("at"),
    beforeStatement: inputs.get("before-statement"),
    partial: inputs.bool("partial", false)
  });
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

// actions/rollback/index.ts
void runAction(async (rt, inputs) => {
  const ctx = eventContext();
  await rollbackAction(rt, inputs, { actor: ctx.actor, runUrl: ctx.runUrl }, () => warehouseFromInputs(rt, inputs)({ action: "rollback", sha: ctx.sha }));
});
