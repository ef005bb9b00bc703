import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  abortDeploy,
  adoptDeploy,
  adoptPlan,
  adoptPlanStatements,
  cutoverDeploy,
  cutoverMarkdown,
  cutoverPlan,
  deployOutputs,
  failedMarkdown,
  formatChecks
} from "./chunk-G3IIXK5K.js";
import {
  dryRunContext,
  loadArtifacts,
  parseLease,
  parseSchemas,
  parseTolerance,
  parseWarnPolicy,
  prepareDeploy,
  preparePlan,
  projectQuoting
} from "./chunk-WL7F7LXX.js";
import "./chunk-MP6FIDRT.js";
import {
  formatPlan
} from "./chunk-K2HM67PE.js";
import "./chunk-545Z3XKG.js";
import "./chunk-USRRF2GE.js";
import {
  warehouseFromInputs
} from "./chunk-3LLOBFGJ.js";
import "./chunk-WXLAFXG2.js";
import {
  parseBlueGreenRequired
} from "./chunk-WKIDC2JC.js";
import "./chunk-4W35UCXX.js";
import "./chunk-U2YJDY4W.js";
import "./chunk-JK3NYHQT.js";
import "./chunk-YTHL6NVM.js";
import "./chunk-4EJKEUIK.js";
import {
  GateFailure
} from "./chunk-IZF6KDBA.js";

// actions/blue-green-swap/body.ts
import { join } from "node:path";
function setOutputs(rt, outputs) {
  for (const [k, v] of Object.entries(outputs)) rt.setOutput(k, v);
}
async function blueGreenAction(rt, inputs, event, deps) {
  const { phase, environment } = parseBlueGreenRequired(inputs);
  const projectDir = inputs.get("project-dir") ?? ".";
  const common = {
    environment,
    schemas: parseSchemas(inputs.list("schemas")),
    adminSchema: inputs.get("admin-schema") ?? "SLIPWAY",
    database: inputs.get("database"),
    suffixBlue: inputs.get("suffix-blue") ?? "__BLUE",
    suffixGreen: inputs.get("suffix-green") ?? "__GREEN",
    actor: event.actor || "github-actions",
    runUrl: event.runUrl,
    gitSha: event.sha,
    leaseMinutes: parseLease(inputs.get("lease-minutes"), "input 'lease-minutes'"),
    databaseSwap: inputs.bool("database-swap", false),
    publishedDatabase: inputs.get("published-database"),
    quoting: projectQuoting(projectDir)
  };
  const dryRun = inputs.bool("dry-run", false);
  const tag = { action: `blue-green-swap-${phase}`, sha: event.sha };
  if (phase === "abort") {
    const wh2 = await deps.openWarehouse(tag);
    try {
      const r = await abortDeploy(wh2, { ...common, deployId: inputs.get("deploy-id") ?? process.env.SLIPWAY_DEPLOY_ID, reason: inputs.get("reason") ?? "the dbt build failed" }, rt);
      rt.setOutput("deploy-id", r.deployId ?? "");
      if (r.aborted) await rt.appendSummary(`### ⛔ Deploy \`${r.deployId}\` aborted in \`${environment}\`

Recorded FAILED; the deploy lock is released and consumers keep reading the live colour.`);
    } finally {
      await wh2.close();
    }
    return;
  }
  if (phase === "adopt") {
    const wh2 = await deps.openWarehouse(tag);
    try {
      const o = { ...common, schemas: common.schemas ?? [] };
      if (dryRun) {
        rt.info(formatPlan(adoptPlanStatements(await adoptPlan(wh2, o)), wh2.dialect));
        return;
      }
      const r = await adoptDeploy(wh2, o, rt);
      rt.setOutput("deploy-id", r.deployId);
      rt.setOutput("colour", r.colour);
      await rt.appendSummary(`### 📥 Adopted ${r.schemas.map((s) => `\`${s.published}\``).join(", ")} into blue/green in \`${environment}\`

${r.tablesMoved} table(s) moved into the blue colour; consumers read the same names through views. Deploy \`${r.deployId}\` is LIVE; the next deploy builds green.`);
    } finally {
      await wh2.close();
    }
    return;
  }
  if (phase === "prepare") {
    const { manifest, manifestSha256 } = await loadArtifacts({ manifest: inputs.get("manifest") }, rt);
    const wh2 = await deps.openWarehouse(tag);
    try {
      if (dryRun) {
        const ctx = await dryRunContext(wh2, common, "prepare");
        rt.info(formatPlan(await preparePlan({ ...common, ...ctx, dialect: wh2.dialect, manifest, manifestSha256 }), wh2.dialect));
        return;
      }
      const r = await prepareDeploy(wh2, { ...common, manifest, manifestSha256 }, rt);
      setOutputs(rt, deployOutputs(r));
      rt.exportVariable("SLIPWAY_SCHEMA_SUFFIX", r.schemaSuffix);
      rt.exportVariable("SLIPWAY_DEPLOY_ID", r.deployId);
      rt.exportVariable("SLIPWAY_DEPLOY_COLOUR", r.colour);
      await rt.appendSummary(`### 🏗️ Deploy \`${r.deployId}\` started in \`${environment}\`

Building the **${r.colour}** colour into ${r.schemas.map((s) => `\`${s}\``).join(", ")}; consumers keep reading **${r.previousColour ?? "nothing yet"}**.`);
    } finally {
      await wh2.close();
    }
    return;
  }
  const arts = await loadArtifacts(
    {
      manifest: inputs.get("manifest"),
      runResults: inputs.get("run-results"),
      defaultManifest: join(projectDir, "target", "manifest.json"),
      defaultRunResults: join(projectDir, "target", "run_results.json")
    },
    rt
  );
  const { deployGates } = await import("./deploy-hooks-XDG5VQ4I.js");
  const gates = await deployGates({
    freshness: inputs.bool("freshness-gate", false),
    rowCountHistory: inputs.bool("row-count-history", false),
    configFile: inputs.get("freshness-config"),
    adminSchema: common.adminSchema
  });
  const wh = await deps.openWarehouse(tag);
  const deployId = inputs.get("deploy-id") ?? process.env.SLIPWAY_DEPLOY_ID;
  try {
    if (dryRun) {
      const ctx = await dryRunContext(wh, { ...common, deployId }, "cutover");
      rt.info(formatPlan(await cutoverPlan({ ...common, ...ctx, dialect: wh.dialect, manifest: arts.manifest, manifestSha256: arts.manifestSha256 }), wh.dialect));
      return;
    }
    const r = await cutoverDeploy(
      wh,
      {
        ...common,
        ...arts,
        deployId,
        checksDir: inputs.get("checks-dir"),
        rowCountTolerancePct: parseTolerance(inputs.get("row-count-tolerance"), "input 'row-count-tolerance'"),
        warnPolicy: parseWarnPolicy(inputs.get("warn-policy"), "input 'warn-policy'"),
        extraChecks: [...gates.extraChecks, ...deps.extraChecks ?? []],
        afterLive: deps.afterLive ?? gates.afterLive
      },
      rt
    );
    setOutputs(rt, deployOutputs(r));
    rt.setOutput("models", r.models);
    rt.setOutput("swap-statements", r.swapStatements);
    await rt.appendSummary(cutoverMarkdown(r));
  } catch (err) {
    const checks = err instanceof GateFailure ? err.details?.checks : void 0;
    if (checks) {
      for (const c of checks.filter((x) => x.status === "fail")) rt.annotate("error", `${c.message}${c.items?.length ? `: ${c.items.slice(0, 5).join("; ")}` : ""}`, { title: `Pre-cutover check failed: ${c.name}` });
      rt.info(formatChecks(checks));
      await rt.appendSummary(failedMarkdown(deployId ?? "(holder of the lock)", environment, checks));
    }
    throw err;
  } finally {
    await wh.close();
  }
}
function openFromInputs(rt, inputs) {
  return (queryTag) => warehouseFromInputs(rt, inputs)(queryTag);
}
export {
  blueGreenAction,
  openFromInputs
};
