import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// actions/grant-policy/inputs.ts
var COMMENT_MARKER = "grant-policy";
function parseGrantPolicyInputs(inputs) {
  const plans = inputs.list("plan");
  if (plans.length === 0) {
    throw new UserError("Input plan is empty.", { hint: "Set plan: to the JSON of `terraform show -json tfplan` (several paths separated by newlines or commas, one per environment)." });
  }
  return {
    token: inputs.get("github-token"),
    plans,
    configFile: inputs.get("config"),
    failOnWarn: inputs.bool("fail-on-warn", false),
    comment: inputs.bool("comment", true),
    sarifFile: inputs.get("sarif-file")
  };
}

export {
  COMMENT_MARKER,
  parseGrantPolicyInputs
};
