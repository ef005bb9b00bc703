import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  validateSyncInputs
} from "../chunks/chunk-QFSN7465.js";
import "../chunks/chunk-7EY7NJ5E.js";
import {
  runAction
} from "../chunks/chunk-3ASLFDF7.js";
import "../chunks/chunk-RYJ2GFLB.js";
import "../chunks/chunk-4EJKEUIK.js";
import {
  UserError
} from "../chunks/chunk-IZF6KDBA.js";

// actions/fivetran-sync/inputs.ts
function parseFivetranSyncInputs(inputs, env = process.env) {
  const parsed = {
    connectors: inputs.list("connectors"),
    groups: inputs.list("groups"),
    apiUrl: inputs.get("api-url"),
    pollInterval: inputs.get("poll-interval"),
    timeout: inputs.get("timeout"),
    stuckAfter: inputs.get("stuck-after"),
    maxRequestsPerMinute: inputs.get("max-requests-per-minute"),
    force: inputs.bool("force", true),
    unpause: inputs.bool("unpause", false),
    allowPaused: inputs.bool("allow-paused", false)
  };
  validateSyncInputs(parsed, env);
  const missing = ["FIVETRAN_API_KEY", "FIVETRAN_API_SECRET"].filter((k) => !env[k]?.trim());
  if (missing.length) {
    throw new UserError(`Missing Fivetran credentials: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set.`, {
      hint: "Set them on the step from repository secrets: env: { FIVETRAN_API_KEY: ${{ secrets.FIVETRAN_API_KEY }}, FIVETRAN_API_SECRET: ${{ secrets.FIVETRAN_API_SECRET }} }."
    });
  }
  return parsed;
}

// actions/fivetran-sync/index.ts
void runAction({
  parse: (inputs) => parseFivetranSyncInputs(inputs),
  run: async (rt, parsed) => {
    const { fivetranSyncAction } = await import("../chunks/action-2AM4U3VY.js");
    await fivetranSyncAction(rt, parsed);
  }
});
