import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/freshness/options.ts
function parseMode(v) {
  const m = (v ?? "sources-json").trim().toLowerCase();
  if (m === "sources-json" || m === "warehouse") return m;
  throw new UserError(`Unknown freshness mode '${v}'.`, { hint: "Use mode: sources-json (read dbt source freshness output) or mode: warehouse (measure directly)." });
}
function parseFailOn(v) {
  if (v === void 0 || v === "") return void 0;
  const m = v.trim().toLowerCase();
  if (m === "error" || m === "warn") return m;
  throw new UserError(`fail-on must be error or warn, got '${v}'.`, { hint: "fail-on: error fails on stale (error) sources only; fail-on: warn also on warnings." });
}

export {
  parseMode,
  parseFailOn
};
