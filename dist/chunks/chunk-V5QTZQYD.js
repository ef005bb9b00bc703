import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  isClosedPrEvent,
  prNumberFromEvent,
  repoSlug
} from "./chunk-ZAP3IW53.js";
import {
  DEFAULT_PREFIX
} from "./chunk-E2H7YEBO.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// actions/pr-schema/inputs.ts
function parsePrSchemaInputs(inputs, event) {
  const pr = prNumberFromEvent(event, inputs.get("pr-number"), "pr-schema");
  if (isClosedPrEvent(event)) {
    throw new UserError(`pr-schema ran for pull request #${pr}, which is closed; creating its schema now would leave it behind.`, {
      hint: "Remove `closed` from the pull_request types of this workflow, and run schema-cleanup on `pull_request: types: [closed]` instead."
    });
  }
  return {
    pr,
    repo: repoSlug(event),
    prefix: inputs.get("prefix") ?? DEFAULT_PREFIX,
    database: inputs.get("database"),
    headSha: event.pullRequest?.headSha,
    baseSha: event.pullRequest?.baseSha,
    ciRoles: inputs.list("ci-roles"),
    reviewerRoles: inputs.list("reviewer-roles"),
    recreate: inputs.bool("recreate", false),
    recreateOnBaseChange: inputs.bool("recreate-on-base-change", false),
    dryRun: inputs.bool("dry-run", false)
  };
}

export {
  parsePrSchemaInputs
};
