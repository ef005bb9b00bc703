import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  quoteLiteral
} from "./chunk-YASYTQ2Y.js";

// shared/sql/plan.ts
function renderForDisplay(stmt, dialect) {
  const binds = stmt.binds ?? [];
  const lit = (v) => {
    if (v === null || v === void 0) return "NULL";
    if (typeof v === "number" || typeof v === "bigint") return String(v);
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (v instanceof Date) return quoteLiteral(v.toISOString(), dialect);
    return quoteLiteral(typeof v === "string" ? v : JSON.stringify(v), dialect);
  };
  let sql = stmt.sql;
  if (binds.length) {
    if (dialect === "postgres") sql = sql.replace(/\$(\d+)/g, (m, n) => Number(n) <= binds.length ? lit(binds[Number(n) - 1]) : m);
    else {
      let i = 0;
      sql = sql.replace(/\?/g, (m) => i < binds.length ? lit(binds[i++]) : m);
    }
  }
  return sql.trim().replace(/;+\s*$/, "");
}
function formatPlan(statements, dialect) {
  return statements.map((s) => `${s.purpose ? `-- ${s.purpose.replace(/\n/g, " ")}
` : ""}${renderForDisplay(s, dialect)};`).join("\n\n");
}

export {
  formatPlan
};
