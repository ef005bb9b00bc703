import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  freshnessFromSourcesJson,
  measureFreshness,
  planFreshnessStatements
} from "./chunk-TDDTI4OZ.js";
import {
  loadFreshnessConfig
} from "./chunk-O2T6RYZ3.js";
import {
  formatPlan
} from "./chunk-K2HM67PE.js";
import {
  loadManifest,
  loadSources
} from "./chunk-545Z3XKG.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/freshness/gate.ts
import { existsSync } from "node:fs";
import { join, posix } from "node:path";
var DEFAULT_CONFIG_FILE = "slipway-freshness.yml";
async function loadGateConfig(inputs) {
  if (inputs.config) return loadFreshnessConfig(inputs.config, true);
  const def = join(inputs.projectDir ?? ".", DEFAULT_CONFIG_FILE);
  return existsSync(def) ? loadFreshnessConfig(def, false) : {};
}
async function manifestFor(inputs, required) {
  const path = inputs.manifest ?? join(inputs.projectDir ?? ".", "target", "manifest.json");
  if (!inputs.manifest && !required && !existsSync(path)) return void 0;
  return loadManifest(path);
}
async function runFreshnessGate(rt, inputs, deps = {}) {
  const config = await loadGateConfig(inputs);
  if (inputs.mode === "sources-json") {
    const sourcesPath = inputs.sources ?? join(inputs.projectDir ?? ".", "target", "sources.json");
    const sources = await loadSources(sourcesPath);
    const manifest2 = await manifestFor(inputs, false);
    if (!manifest2) rt.warn(`No manifest found; judging sources.json with the criteria dbt wrote in it. Pass the manifest to check that every source with an SLA was measured.`);
    const report = freshnessFromSourcesJson({ sources, manifest: manifest2, config, failOn: inputs.failOn, evaluateAt: inputs.evaluateAt });
    return { report, manifest: manifest2, config };
  }
  const manifest = await manifestFor(inputs, true);
  if (!deps.openWarehouse) throw new UserError("Warehouse mode needs a warehouse connection.", { hint: "Configure a dbt profile or SNOWFLAKE_* / DATABASE_URL environment variables." });
  const warehouse = await deps.openWarehouse();
  try {
    rt.info(`Measuring source freshness on ${warehouse.description}.`);
    const report = await measureFreshness(warehouse, { manifest, config, failOn: inputs.failOn });
    return { report, manifest, config };
  } finally {
    await warehouse.close();
  }
}
async function freshnessDryRun(inputs, dialect) {
  const config = await loadGateConfig(inputs);
  const manifest = await manifestFor(inputs, true);
  const plan = planFreshnessStatements(dialect, { manifest, config });
  const problems = plan.planned.filter((p) => p.problem).map((p) => ({ source: p.sla.uniqueId, problem: p.problem }));
  return { text: formatPlan(plan.statements, dialect), statements: plan.statements, problems };
}
function sourcePaths(manifest, projectDir = ".") {
  const out = {};
  for (const n of Object.values(manifest?.sources ?? {})) {
    if (!n.original_file_path) continue;
    const p = posix.normalize(posix.join(projectDir.replace(/\\/g, "/"), n.original_file_path.replace(/\\/g, "/")));
    out[n.unique_id] = p.replace(/^(\.\/)+/, "");
  }
  return out;
}

export {
  loadGateConfig,
  runFreshnessGate,
  freshnessDryRun,
  sourcePaths
};
