import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  eventContext,
  runAction
} from "../chunks/chunk-KJH36VYR.js";
import {
  cutoverMarkdown,
  deployGates,
  deployOutputs,
  failedMarkdown,
  loadArtifacts,
  parseLease,
  parseSchemas,
  parseTolerance,
  parseWarnPolicy
} from "../chunks/chunk-H24SQDYW.js";
import "../chunks/chunk-ROXONESX.js";
import "../chunks/chunk-O5CWYNID.js";
import {
  abortDeploy,
  cutoverDeploy,
  cutoverPlan,
  formatChecks,
  prepareDeploy,
  preparePlan
} from "../chunks/chunk-CNVGF5AA.js";
import "../chunks/chunk-TI3OI3EX.js";
import {
  formatPlan
} from "../chunks/chunk-3MAQJBEG.js";
import "../chunks/chunk-3V3GFLJ6.js";
import "../chunks/chunk-RCJNHNKN.js";
import "../chunks/chunk-XBQYJD25.js";
import "../chunks/chunk-YASYTQ2Y.js";
import "../chunks/chunk-V2UDNE4W.js";
import {
  GateFailure,
  UserError
} from "../chunks/chunk-WLODUQ4F.js";

// shared/deploy/action.ts
import { join } from "node:path";
function setOutputs(rt, outputs) {
  for (const [k, v] of Object.entries(outputs)) rt.setOutput(k, v);
}
async function blueGreenAction(rt, inputs, event, deps) {
  const phase = inputs.get("phase", { required: true });
  if (phase !== "prepare" && phase !== "cutover" && phase !== "abort") {
    throw new UserError(`Input 'phase' must be prepare, cutover or abort, got '${phase}'.`, { hint: "Use phase: prepare before your dbt build step, phase: cutover after it, and phase: abort in an if: failure() step." });
  }
  const environment = inputs.get("environment", { required: true });
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
    publishedDatabase: inputs.get("published-database")
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
  if (phase === "prepare") {
    const { manifest, manifestSha256 } = await loadArtifacts({ manifest: inputs.get("manifest") }, rt);
    const wh2 = await deps.openWarehouse(tag);
    try {
      if (dryRun) {
        rt.info(formatPlan(await preparePlan({ ...common, dialect: wh2.dialect, manifest }), wh2.dialect));
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
      rt.info(formatPlan(await cutoverPlan({ ...common, dialect: wh.dialect, manifest: arts.manifest }), wh.dialect));
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
function warehouseFromInputs(rt, inputs) {
  return async (queryTag) => {
    const { resolveConnection } = await import("../chunks/common-AMN7BQQU.js");
    const { connect } = await import("../chunks/warehouse-I4GVSHIC.js");
    const config = await resolveConnection({ profilesDir: inputs.get("profiles-dir"), profile: inputs.get("profile"), target: inputs.get("target"), projectDir: inputs.get("project-dir") ?? "." }, rt);
    return connect(config, { queryTag: { ...queryTag, repo: process.env.GITHUB_REPOSITORY, run: process.env.GITHUB_RUN_ID } });
  };
}

// actions/blue-green-swap/index.ts
void runAction(async (rt, inputs) => {
  await blueGreenAction(rt, inputs, eventContext(), { openWarehouse: warehouseFromInputs(rt, inputs) });
});
