import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseFailOn,
  parseMode
} from "./chunk-4AYLGPMZ.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// actions/freshness-gate/inputs.ts
function parseFreshnessGateInputs(inputs) {
  const ev = inputs.get("evaluate-at");
  if (ev !== void 0 && ev !== "snapshot" && ev !== "now") {
    throw new UserError(`evaluate-at must be snapshot or now, got '${ev}'.`, { hint: "snapshot judges ages when dbt measured them; now judges them at this run." });
  }
  return {
    token: inputs.get("github-token"),
    mode: parseMode(inputs.get("mode")),
    failOn: parseFailOn(inputs.get("fail-on")),
    checkName: inputs.get("check-name") ?? "Source freshness",
    comment: inputs.bool("comment", false),
    evaluateAt: ev ?? "snapshot",
    projectDir: inputs.get("project-dir") ?? ".",
    manifest: inputs.get("manifest"),
    sources: inputs.get("sources"),
    config: inputs.get("config")
  };
}

export {
  parseFreshnessGateInputs
};
