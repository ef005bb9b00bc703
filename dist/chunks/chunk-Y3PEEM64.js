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
function col(row, name) {
  if (name in row) return row[name];
  const up = name.toUpperCase();
  if (up in row) return row[up];
  const low = name.toLowerCase();
  if (low in row) return row[low];
  for (const k of Object.keys(row)) if (k.toLowerCase() === low) return row[k];
  return void 0;
}
function colStr(row, name) {
  const v = col(row, name);
  if (v === null || v === void 0) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}
async function deploySqlFor(dialect) {
  if (dialect === "snowflake") return (await import("./deploy-IWXIHYQC.js")).snowflakeDeploySql;
  return (await import("./deploy-F35W6BOY.js")).postgresDeploySql;
}

export {
  EVENT_COLUMNS,
  col,
  colStr,
  deploySqlFor
};
