import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/impact/gate.ts
var HINT = "Use a comma-separated list of: duplicate-keys, null-keys, row-loss=<percent>, removed-columns-used (or none).";
function parseFailOn(input) {
  const words = (Array.isArray(input) ? input.join(",") : String(input ?? "")).split(/[\s,]+/).map((w) => w.trim().toLowerCase()).filter(Boolean);
  const out = {};
  for (const w of words) {
    if (w === "none") continue;
    if (w === "duplicate-keys") out.duplicateKeys = true;
    else if (w === "null-keys") out.nullKeys = true;
    else if (w === "removed-columns-used") out.removedColumnsUsed = true;
    else if (w.startsWith("row-loss")) {
      const m = /^row-loss(?:[=:>]|>=)?\s*(\d+(?:\.\d+)?)%?$/.exec(w);
      if (!m) throw new UserError(`fail-on '${w}' needs a percentage, e.g. row-loss=5.`, { hint: HINT });
      const pct = Number(m[1]);
      if (!(pct >= 0 && pct <= 100)) throw new UserError(`fail-on '${w}': the percentage must be between 0 and 100.`, { hint: HINT });
      out.rowLossPct = pct;
    } else throw new UserError(`Unknown fail-on rule '${w}'.`, { hint: HINT });
  }
  return out;
}
function failOnRules(f) {
  const r = [];
  if (f.duplicateKeys) r.push("duplicate-keys");
  if (f.nullKeys) r.push("null-keys");
  if (f.rowLossPct !== void 0) r.push(`row-loss=${f.rowLossPct}`);
  if (f.removedColumnsUsed) r.push("removed-columns-used");
  return r;
}
function rowLossPct(m) {
  if (!m.rows || m.rows.prod === 0) return void 0;
  const lost = m.keys ? m.keys.removed : Math.max(0, m.rows.prod - m.rows.pr);
  return lost / m.rows.prod * 100;
}
function evaluateGate(models, f) {
  const tripped = [];
  for (const m of models) {
    if (f.duplicateKeys && m.keys && m.keys.prDuplicates > 0) {
      tripped.push({ rule: "duplicate-keys", model: m.name, message: `${m.keys.prDuplicates} row(s) repeat a key value of (${m.keys.columns.join(", ")}) in the PR build` });
    }
    if (f.nullKeys && m.keys && m.keys.prNullKeys > 0) {
      tripped.push({ rule: "null-keys", model: m.name, message: `${m.keys.prNullKeys} row(s) have a NULL in key (${m.keys.columns.join(", ")})` });
    }
    const loss = rowLossPct(m);
    if (f.rowLossPct !== void 0 && loss !== void 0 && loss > f.rowLossPct) {
      tripped.push({ rule: "row-loss", model: m.name, message: `${loss.toFixed(1)} % of production's rows are gone (limit ${f.rowLossPct} %)` });
    }
    if (f.removedColumnsUsed) {
      for (const c of m.schema.removed) {
        if (c.usedBy.length) tripped.push({ rule: "removed-columns-used", model: m.name, message: `removed column ${c.name} is used by ${c.usedBy.join(", ")}` });
      }
    }
  }
  return { rules: failOnRules(f), passed: tripped.length === 0, tripped };
}

export {
  parseFailOn,
  rowLossPct,
  evaluateGate
};
