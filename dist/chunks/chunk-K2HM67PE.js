import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  quoteLiteral
} from "./chunk-YTHL6NVM.js";

// shared/sql/comment.ts
var UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function commentText(text) {
  return String(text).replace(/\\/g, "\\\\").replace(UNSAFE, (c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, "0")}}`);
}
function sqlComment(text) {
  return `-- ${commentText(text)}`;
}

// shared/sql/plan.ts
function renderForDisplay(stmt, dialect) {
  const binds = stmt.binds ?? [];
  const lit = (v) => {
    if (v === null || v === void 0) return "NULL";
    if (typeof v === "number" || typeof v === "bigint") return Number.isFinite(Number(v)) || typeof v === "bigint" ? v < 0 ? `(${String(v)})` : String(v) : quoteLiteral(String(v), dialect);
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (v instanceof Date) return quoteLiteral(v.toISOString(), dialect);
    return quoteLiteral(typeof v === "string" ? v : JSON.stringify(v), dialect);
  };
  let sql = stmt.sql;
  if (binds.length) {
    let i = 0;
    sql = mapOutsideQuotes(
      sql,
      dialect,
      (code) => dialect === "postgres" ? code.replace(/\$(\d+)/g, (m, n) => Number(n) >= 1 && Number(n) <= binds.length ? lit(binds[Number(n) - 1]) : m) : code.replace(/\?/g, (m) => i < binds.length ? lit(binds[i++]) : m)
    );
  }
  return sql.trim().replace(/;+\s*$/, "");
}
function mapOutsideQuotes(sql, dialect, fn) {
  let out = "";
  let code = "";
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    let end = -1;
    if (c === "'" || c === '"') {
      const backslashEscapes = c === "'" && (dialect === "snowflake" || i > 0 && /[eE]/.test(sql[i - 1]) && !/[A-Za-z0-9_]/.test(sql[i - 2] ?? " "));
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (backslashEscapes && sql[j] === "\\") j++;
        else if (sql[j] === c) {
          if (sql[j + 1] === c) j++;
          else break;
        }
      }
      end = Math.min(j + 1, sql.length);
    } else if (c === "-" && sql[i + 1] === "-") {
      const nl = sql.slice(i).search(/[\r\n]/);
      end = nl < 0 ? sql.length : i + nl;
    } else if (c === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      end = close < 0 ? sql.length : close + 2;
    } else if (c === "$" && dialect === "postgres") {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 70));
      if (m && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? " ")) {
        const close = sql.indexOf(m[0], i + m[0].length);
        end = close < 0 ? sql.length : close + m[0].length;
      }
    }
    if (end < 0) {
      code += c;
      i++;
      continue;
    }
    out += fn(code) + sql.slice(i, end);
    code = "";
    i = end;
  }
  return out + fn(code);
}
function formatPlan(statements, dialect) {
  return statements.map((s) => `${s.purpose ? `${sqlComment(s.purpose)}
` : ""}${renderForDisplay(s, dialect)};`).join("\n\n");
}

export {
  sqlComment,
  formatPlan
};
