import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parsePrNumber
} from "./chunk-E2H7YEBO.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/pr-schema/pr-event.ts
var PR_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment"]);
function prNumberFromEvent(event, explicit, action) {
  if (event.pullRequest) {
    if (explicit !== void 0 && parsePrNumber(explicit, "input pr-number") !== event.pullRequest.number) {
      throw new UserError(`Input pr-number (${explicit}) disagrees with the pull request of this event (#${event.pullRequest.number}).`, { hint: "Remove pr-number on pull_request events; the number comes from the event." });
    }
    return parsePrNumber(event.pullRequest.number, "the pull_request event");
  }
  const issue = event.payload.issue;
  if (event.eventName === "issue_comment" && issue?.pull_request && issue.number !== void 0) return parsePrNumber(issue.number, "the issue_comment event");
  if (explicit !== void 0) return parsePrNumber(explicit, "input pr-number");
  throw new UserError(`${action} needs a pull request, but this run was triggered by '${event.eventName}', which carries none${PR_EVENTS.has(event.eventName) ? " (the payload has no pull_request)" : ""}.`, {
    hint: action === "schema-cleanup" ? "Run it on `pull_request: types: [closed]` to drop that PR's schema, or set mode: sweep (on a schedule) to clean up every closed PR." : "Run it on `pull_request` (types: opened, synchronize, reopened), or pass the number explicitly with pr-number: for workflow_dispatch."
  });
}
function repoSlug(event) {
  if (!event.repo.owner || !event.repo.repo) {
    throw new UserError("The repository of this run is unknown (GITHUB_REPOSITORY is not set).", { hint: "Run the action inside GitHub Actions." });
  }
  return `${event.repo.owner}/${event.repo.repo}`;
}
function isClosedPrEvent(event) {
  return !!event.pullRequest && (event.payload.action === "closed" || event.pullRequest.state === "closed");
}

export {
  prNumberFromEvent,
  repoSlug,
  isClosedPrEvent
};
