import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  assertReason,
  parsePoint
} from "./chunk-4PQSW55K.js";
import {
  checkEnvironment
} from "./chunk-4W35UCXX.js";

// actions/rollback/inputs.ts
function rollbackFlags(inputs) {
  return {
    reason: inputs.get("reason"),
    environment: inputs.get("environment") ?? "production",
    to: inputs.get("to"),
    at: inputs.get("at"),
    beforeStatement: inputs.get("before-statement"),
    partial: inputs.bool("partial", false)
  };
}
function checkRollbackInputs(inputs) {
  const f = rollbackFlags(inputs);
  assertReason(f.reason);
  checkEnvironment(f.environment);
  parsePoint({ at: f.at, beforeStatement: f.beforeStatement });
}

export {
  rollbackFlags,
  checkRollbackInputs
};
