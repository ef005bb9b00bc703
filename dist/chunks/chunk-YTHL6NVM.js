import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/sql/identifiers.ts
var UNQUOTED_SAFE = /^[A-Za-z_][A-Za-z0-9_$]*$/;
var snowflakeRules = {
  dialect: "snowflake",
  fold: (s) => s.toUpperCase(),
  maxLength: 255,
  lengthUnit: "chars"
};
var postgresRules = {
  dialect: "postgres",
  fold: (s) => s.toLowerCase(),
  maxLength: 63,
  lengthUnit: "bytes"
};
function rulesFor(dialect) {
  return dialect === "snowflake" ? snowflakeRules : postgresRules;
}
function checkName(name, rules, what) {
  if (typeof name !== "string" || name.length === 0) {
    throw new UserError(`The ${what} name is empty.`, { hint: `Give a non-empty ${what} name.` });
  }
  if (name.includes("\0")) {
    throw new UserError(`The ${what} name contains a NUL character.`, { hint: "Remove control characters from the name." });
  }
  const len = rules.lengthUnit === "bytes" ? Buffer.byteLength(name, "utf8") : [...name].length;
  if (len > rules.maxLength) {
    throw new UserError(
      `The ${what} name '${name.slice(0, 80)}' is ${len} ${rules.lengthUnit} long; ${rules.dialect} allows at most ${rules.maxLength}.`,
      { hint: `Use a shorter ${what} name (or a shorter prefix/suffix).` }
    );
  }
}
function resolveName(name, dialect) {
  const rules = rulesFor(dialect);
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    const inner = name.slice(1, -1).replace(/""/g, '"');
    checkName(inner, rules, "identifier");
    return inner;
  }
  checkName(name, rules, "identifier");
  return UNQUOTED_SAFE.test(name) ? rules.fold(name) : name;
}
function quoteIdent(resolved, dialect, what = "identifier") {
  checkName(resolved, rulesFor(dialect), what);
  return '"' + resolved.replace(/"/g, '""') + '"';
}
function ident(name, dialect, what = "identifier") {
  return quoteIdent(resolveName(name, dialect), dialect, what);
}
function qualify(dialect, ...resolvedParts) {
  const parts = resolvedParts.filter((p) => p !== void 0 && p !== "");
  if (parts.length === 0) throw new UserError("An object name has no parts.", { hint: "Name the schema or table." });
  return parts.map((p) => quoteIdent(p, dialect)).join(".");
}
function quoteLiteral(value, dialect) {
  if (value.includes("\0")) {
    throw new UserError("A text value contains a NUL character.", { hint: "Remove control characters from the value." });
  }
  const v = value.replace(/'/g, "''");
  if (!v.includes("\\")) return `'${v}'`;
  const escaped = v.replace(/\\/g, "\\\\");
  return dialect === "snowflake" ? `'${escaped}'` : `E'${escaped}'`;
}
function dollarQuote(body, tagBase = "slipway") {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tagBase)) throw new UserError(`The dollar-quote tag '${tagBase}' is not a plain name.`, { hint: "Use letters, digits and underscores." });
  let tag = `$${tagBase}$`;
  for (let n = 1; body.includes(tag); n++) tag = `$${tagBase}_${n}$`;
  return `${tag}${body}${tag}`;
}

export {
  rulesFor,
  resolveName,
  quoteIdent,
  ident,
  qualify,
  quoteLiteral,
  dollarQuote
};
