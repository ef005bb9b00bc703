import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// actions/blue-green-swap/inputs.ts
function parseBlueGreenRequired(inputs) {
  const phase = inputs.get("phase", { required: true });
  if (phase !== "prepare" && phase !== "cutover" && phase !== "abort" && phase !== "adopt") {
    throw new UserError(`Input 'phase' must be prepare, cutover or abort (or adopt, once, to take existing schemas over), got '${phase}'.`, { hint: "Use phase: prepare before your dbt build step, phase: cutover after it, phase: abort in an if: failure() step, and phase: adopt once (dry-run first) to take an existing schema over." });
  }
  const environment = inputs.get("environment", { required: true });
  return { phase, environment };
}

export {
  parseBlueGreenRequired
};
