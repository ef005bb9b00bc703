import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  FEATURES
} from "../chunks/chunk-AIQJCJRY.js";
import {
  runAction
} from "../chunks/chunk-3ASLFDF7.js";
import "../chunks/chunk-RYJ2GFLB.js";
import "../chunks/chunk-4EJKEUIK.js";
import {
  UserError
} from "../chunks/chunk-IZF6KDBA.js";

// actions/doctor/inputs.ts
function parseDoctorInputs(inputs) {
  const as = inputs.get("as");
  if (as !== void 0 && as !== "ci" && as !== "deploy") throw new UserError(`Input 'as' must be ci or deploy, got '${as}'.`, { hint: "ci for pull-request jobs, deploy for production jobs." });
  const features = inputs.list("features");
  for (const f of features) {
    if (!FEATURES.includes(f)) throw new UserError(`Input 'features' names an unknown feature '${f}'.`, { hint: `Use some of: ${FEATURES.join(", ")}.` });
  }
  return {
    as,
    features,
    rawDatabase: inputs.get("raw-database"),
    prodDatabase: inputs.get("prod-database"),
    environment: inputs.get("environment"),
    adminSchema: inputs.get("admin-schema") ?? "SLIPWAY",
    failOnMissing: inputs.bool("fail-on-missing", true),
    target: inputs.get("target")
  };
}

// actions/doctor/index.ts
void runAction({
  parse: (inputs) => parseDoctorInputs(inputs),
  run: async (rt, opts, _event, inputs) => {
    const [{ runDoctorAction }, { warehouseFromInputs }] = await Promise.all([import("../chunks/action-KVJLFKZW.js"), import("../chunks/connection-JJSCHHEW.js")]);
    await runDoctorAction(rt, opts, { openWarehouse: () => warehouseFromInputs(rt, inputs)({ action: "doctor" }) });
  }
});
