import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseYamlText
} from "./chunk-USRRF2GE.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/freshness/config.ts
import { readFile } from "node:fs/promises";
import { z } from "../vendor/zod.js";
var PERIOD_SECONDS = { minute: 60, hour: 3600, day: 86400 };
var SHORT = {
  m: "minute",
  min: "minute",
  mins: "minute",
  minute: "minute",
  minutes: "minute",
  h: "hour",
  hr: "hour",
  hrs: "hour",
  hour: "hour",
  hours: "hour",
  d: "day",
  day: "day",
  days: "day"
};
function parseDuration(text) {
  const m = /^\s*(\d+)\s*([a-z]+)\s*$/i.exec(text);
  if (!m) return void 0;
  const period = SHORT[m[2].toLowerCase()];
  const count = Number(m[1]);
  if (!period || !Number.isSafeInteger(count) || count <= 0) return void 0;
  return { count, period };
}
var THRESHOLD_HELP = "write a duration like 30m, 12h or 2d, an object { count: 12, period: hour } (period minute, hour or day), or null to remove the threshold";
var ThresholdSchema = z.unknown().transform((v, ctx) => {
  if (v === null) return null;
  if (typeof v === "string") {
    const d = parseDuration(v);
    if (d) return d;
  } else if (v && typeof v === "object" && !Array.isArray(v)) {
    const o = v;
    const keysOk = Object.keys(o).every((k) => k === "count" || k === "period");
    if (keysOk && typeof o.count === "number" && Number.isInteger(o.count) && o.count > 0 && (o.period === "minute" || o.period === "hour" || o.period === "day")) {
      return { count: o.count, period: o.period };
    }
  }
  ctx.addIssue({ code: "custom", message: `${THRESHOLD_HELP} (got ${JSON.stringify(v)})` });
  return z.NEVER;
});
var SqlExpr = z.string().trim().min(1, "must not be empty");
var SourceOverride = z.strictObject({
  "warn-after": ThresholdSchema.optional(),
  "error-after": ThresholdSchema.optional(),
  "loaded-at-field": SqlExpr.optional(),
  filter: SqlExpr.nullable().optional(),
  enabled: z.boolean().optional()
});
var ModelOverride = z.strictObject({
  "min-history": z.number().int().min(1).optional(),
  window: z.number().int().min(2).optional(),
  tolerance: z.number().min(0).optional(),
  sensitivity: z.number().positive().optional(),
  "band-floor": z.number().min(0).optional(),
  enabled: z.boolean().optional()
});
var RowCounts = z.strictObject({
  "admin-schema": z.string().min(1).optional(),
  environment: z.string().min(1).optional(),
  "min-history": z.number().int().min(1).optional(),
  window: z.number().int().min(2).optional(),
  tolerance: z.number().min(0).optional(),
  sensitivity: z.number().positive().optional(),
  "band-floor": z.number().min(0).optional(),
  "include-views": z.boolean().optional(),
  ignore: z.array(z.string().min(1)).optional(),
  models: z.record(z.string(), ModelOverride).optional()
});
var FreshnessConfigSchema = z.strictObject({
  version: z.literal(1).optional(),
  "fail-on": z.enum(["error", "warn"]).optional(),
  "evaluate-at": z.enum(["snapshot", "now"]).optional(),
  "max-sources-per-statement": z.number().int().min(1).max(1e4).optional(),
  ignore: z.array(z.string().min(1)).optional(),
  sources: z.record(z.string(), SourceOverride).optional(),
  "row-counts": RowCounts.optional()
});
function keyPath(path) {
  if (path.length === 0) return "(top level)";
  return path.map((p, i) => {
    const s = String(p);
    if (typeof p === "number") return `[${s}]`;
    const safe = /^[A-Za-z0-9_-]+$/.test(s) ? s : JSON.stringify(s);
    return i === 0 ? safe : `.${safe}`;
  }).join("");
}
function parseFreshnessConfig(doc, where = "slipway-freshness.yml") {
  if (doc == null) return {};
  const r = FreshnessConfigSchema.safeParse(doc);
  if (r.success) return r.data;
  const lines = r.error.issues.slice(0, 10).map((i) => {
    let msg = i.message;
    if (i.code === "unrecognized_keys") msg = `unknown key(s) ${i.keys.map((k) => `'${k}'`).join(", ")}`;
    return `  ${keyPath(i.path)}: ${msg}`;
  });
  throw new UserError(`${where} is not a valid Slipway freshness config:
${lines.join("\n")}`, {
    hint: "Fix the keys above; docs/freshness-gate.md lists every key with an example."
  });
}
async function loadFreshnessConfig(path, required = false) {
  if (!path) return {};
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch {
    if (!required) return {};
    throw new UserError(`The freshness config ${path} does not exist or cannot be read.`, { hint: "Pass the right path with --config (input `config`), or remove it to use dbt settings only." });
  }
  return parseFreshnessConfig(parseYamlText(text, path, "freshness config"), path);
}

export {
  PERIOD_SECONDS,
  parseDuration,
  FreshnessConfigSchema,
  parseFreshnessConfig,
  loadFreshnessConfig
};
