import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/dialects/deploy.ts
var EVENT_COLUMNS = [
  "deploy_id",
  "environment",
  "status",
  "colour",
  "previous_colour",
  "previous_deploy_id",
  "schemas",
  "git_sha",
  "manifest_sha256",
  "run_url",
  "actor",
  "started_at",
  "check_results",
  "error_text",
  "reason",
  "rolled_back_to",
  "cutover_scope"
];
function isoOrString(v) {
  if (v === null || v === void 0) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}
async function deploySqlFor(dialect) {
  if (dialect === "snowflake") return (await import("./deploy-C6JYLQTO.js")).snowflakeDeploySql;
  return (await import("./deploy-DUZOYFBG.js")).postgresDeploySql;
}

export {
  EVENT_COLUMNS,
  isoOrString,
  deploySqlFor
};
