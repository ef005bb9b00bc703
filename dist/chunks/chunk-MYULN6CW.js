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

// actions/schema-cleanup/inputs.ts
function parseSchemaCleanupInputs(inputs, event) {
  const modeInput = (inputs.get("mode") ?? "auto").toLowerCase();
  if (!["auto", "pr", "sweep"].includes(modeInput)) {
    throw new UserError(`Input mode must be auto, pr or sweep, got '${modeInput}'.`, { hint: "Use mode: pr on pull_request closed, mode: sweep on a schedule, or leave it at auto." });
  }
  const issue = event.payload.issue;
  const carriesPr = !!event.pullRequest || event.eventName === "issue_comment" && !!issue?.pull_request;
  const mode = modeInput === "auto" ? carriesPr ? "pr" : "sweep" : modeInput;
  const common = { token: inputs.get("github-token"), repo: repoSlug(event), prefix: inputs.get("prefix") ?? DEFAULT_PREFIX, dryRun: inputs.bool("dry-run", false) };
  const databases = inputs.list("database");
  if (mode === "pr") {
    const pr = prNumberFromEvent(event, inputs.get("pr-number"), "schema-cleanup");
    if (event.pullRequest && !isClosedPrEvent(event)) {
      throw new UserError(`schema-cleanup ran on a '${String(event.payload.action ?? event.eventName)}' event of pull request #${pr}, which is still open; it drops a PR's schema only when the PR is closed.`, {
        hint: "Trigger this workflow with `pull_request: types: [closed]` (and a schedule for mode: sweep); keep it out of the CI workflow that builds the PR."
      });
    }
    if (databases.length > 1) throw new UserError("Give at most one database when dropping one PR schema.", { hint: "Set database: to the database the PR schema lives in." });
    return { ...common, mode: "pr", pr, database: databases[0] };
  }
  const ttlRaw = inputs.get("ttl-days") ?? "7";
  if (!/^\d+(\.\d+)?$/.test(ttlRaw)) throw new UserError(`Input ttl-days must be a number of days, got '${ttlRaw}'.`, { hint: "Set ttl-days: 7 (0 turns the TTL rule off)." });
  const concRaw = inputs.get("concurrency") ?? "4";
  if (!/^\d+$/.test(concRaw)) throw new UserError(`Input concurrency must be a whole number, got '${concRaw}'.`, { hint: "Set concurrency: 4." });
  return { ...common, mode: "sweep", databases, ttlDays: Number(ttlRaw), keep: inputs.list("keep"), concurrency: Number(concRaw) };
}

export {
  parseSchemaCleanupInputs
};
