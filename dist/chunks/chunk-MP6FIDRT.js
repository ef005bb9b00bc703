import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseYamlText
} from "./chunk-USRRF2GE.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/dbt/relation-names.ts
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
var ADAPTERS = ["postgres", "snowflake"];
function defaultQuoting(adapter) {
  switch (adapter) {
    case "postgres":
      return { database: true, schema: true, identifier: true };
    case "snowflake":
      return { database: false, schema: false, identifier: false };
    default:
      throw new UserError(`Unknown dbt adapter '${String(adapter)}'.`, { hint: `Use one of: ${ADAPTERS.join(", ")}.` });
  }
}
function effectiveQuoting(adapter, quoting) {
  const q = defaultQuoting(adapter);
  for (const k of ["database", "schema", "identifier"]) if (typeof quoting?.[k] === "boolean") q[k] = quoting[k];
  return q;
}
var UNQUOTED_OK = {
  // PostgreSQL takes any non-ASCII character as a letter in unquoted names (and folds only A-Z).
  postgres: /^[A-Za-z_\u0080-\u{10FFFF}][A-Za-z0-9_$\u0080-\u{10FFFF}]*$/u,
  snowflake: /^[A-Za-z_][A-Za-z0-9_$]*$/
};
var asciiLower = (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
var asciiUpper = (s) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
function pgTruncate(name) {
  if (Buffer.byteLength(name, "utf8") <= 63) return name;
  let out = "";
  let bytes = 0;
  for (const ch of name) {
    const b = Buffer.byteLength(ch, "utf8");
    if (bytes + b > 63) break;
    out += ch;
    bytes += b;
  }
  return out;
}
function storedName(rendered, adapter, quoted, part) {
  if (typeof rendered !== "string" || rendered.length === 0) {
    throw new UserError(`dbt rendered an empty ${part} name.`, { hint: `Check generate_${part === "identifier" ? "alias" : part}_name and the target's ${part} in profiles.yml.` });
  }
  defaultQuoting(adapter);
  let name = rendered;
  if (!quoted) {
    if (!UNQUOTED_OK[adapter].test(rendered)) {
      throw new UserError(
        `dbt-${adapter} renders the ${part} '${rendered}' without quotes (quoting: {${part}: false}), and ${adapter} rejects that name unquoted.`,
        { hint: `Use only letters, digits, _ and $ (not starting with a digit) in the ${part} name, or set quoting: {${part}: true} in dbt_project.yml.` }
      );
    }
    name = adapter === "postgres" ? asciiLower(rendered) : asciiUpper(rendered);
  }
  return adapter === "postgres" ? pgTruncate(name) : name;
}
function catalogSchemaName(rendered, adapter, quoting) {
  return storedName(rendered, adapter, effectiveQuoting(adapter, quoting).schema, "schema");
}
function catalogIdentifierName(rendered, adapter, quoting) {
  return storedName(rendered, adapter, effectiveQuoting(adapter, quoting).identifier, "identifier");
}
function asBool(v, key, file) {
  if (v === void 0 || v === null) return void 0;
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  throw new UserError(`${file}: quoting.${key} is ${JSON.stringify(v)}, not true or false.`, { hint: `Write quoting: {${key}: true} or {${key}: false} (or remove it to use the adapter's default).` });
}
function parseQuoting(raw, file = "dbt_project.yml") {
  if (raw === void 0 || raw === null) return void 0;
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new UserError(`${file}: quoting must be a mapping, got ${JSON.stringify(raw)}.`, { hint: "Write e.g. quoting: {database: true, schema: false, identifier: true}." });
  }
  const out = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k !== "database" && k !== "schema" && k !== "identifier") continue;
    const b = asBool(v, k, file);
    if (b !== void 0) out[k] = b;
  }
  return out;
}
function readProjectQuoting(projectDir) {
  const file = join(projectDir, "dbt_project.yml");
  if (!existsSync(file)) {
    throw new UserError(`No dbt_project.yml in ${projectDir}.`, { hint: "Point Slipway at the dbt project folder (the one holding dbt_project.yml)." });
  }
  const doc = parseYamlText(readFileSync(file, "utf8"), file, "dbt project file");
  if (!doc || typeof doc !== "object") return void 0;
  return parseQuoting(doc.quoting, file);
}
function splitRelationName(relationName) {
  const parts = [];
  let i = 0;
  const s = relationName.trim();
  while (i < s.length) {
    if (s[i] === '"') {
      let name = "";
      i++;
      for (; ; ) {
        if (i >= s.length) throw new UserError(`Unterminated quote in relation name ${relationName}.`, { hint: "Regenerate manifest.json with dbt." });
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            name += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += s[i++];
      }
      parts.push({ name, quoted: true });
    } else {
      let j = i;
      while (j < s.length && s[j] !== ".") j++;
      parts.push({ name: s.slice(i, j), quoted: false });
      i = j;
    }
    if (i < s.length) {
      if (s[i] !== ".") throw new UserError(`Cannot read relation name ${relationName}.`, { hint: "Regenerate manifest.json with dbt." });
      i++;
    }
  }
  return parts;
}
function quotingFromRelationName(relationName) {
  if (!relationName) return void 0;
  let parts;
  try {
    parts = splitRelationName(relationName);
  } catch {
    return void 0;
  }
  if (parts.length === 3) return { database: parts[0].quoted, schema: parts[1].quoted, identifier: parts[2].quoted };
  if (parts.length === 2) return { schema: parts[0].quoted, identifier: parts[1].quoted };
  return void 0;
}
function quotingFromManifest(manifest) {
  for (const n of Object.values(manifest.nodes ?? {})) {
    if (!n || !["model", "seed", "snapshot"].includes(n.resource_type ?? "")) continue;
    const q = quotingFromRelationName(n.relation_name);
    if (q) return q;
  }
  return void 0;
}
function adapterOf(adapterType) {
  return typeof adapterType === "string" && ADAPTERS.includes(adapterType) ? adapterType : void 0;
}

export {
  effectiveQuoting,
  catalogSchemaName,
  catalogIdentifierName,
  readProjectQuoting,
  quotingFromManifest,
  adapterOf
};
