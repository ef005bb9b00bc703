import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/config/yaml.ts
import YAML, { isScalar, visit } from "../vendor/yaml.js";
var YAML_MAX_ALIAS_COUNT = 1e3;
function parseYamlDocument(text, file, opts = {}) {
  const what = opts.what ? `the ${opts.what} ` : "";
  const doc = YAML.parseDocument(text, { uniqueKeys: false, prettyErrors: true, lineCounter: opts.lineCounter });
  if (doc.errors.length) {
    throw new UserError(`${file}: ${what}is not valid YAML: ${doc.errors[0].message}`, { hint: "Fix the YAML syntax at the line shown (yamllint can point at it)." });
  }
  let duplicate;
  visit(doc, {
    Map(_key, map) {
      const seen = /* @__PURE__ */ new Set();
      for (const item of map.items) {
        if (!isScalar(item.key)) continue;
        const k = String(item.key.value);
        if (k === "<<") continue;
        if (seen.has(k)) {
          duplicate = { key: k, offset: item.key.range?.[0] };
          return visit.BREAK;
        }
        seen.add(k);
      }
      return void 0;
    }
  });
  if (duplicate) {
    const pos = duplicate.offset !== void 0 && opts.lineCounter ? opts.lineCounter.linePos(duplicate.offset) : void 0;
    throw new UserError(`${file}${pos ? `:${pos.line}` : ""}: ${what}has the key '${duplicate.key.slice(0, 80)}' twice in one mapping.`, { hint: "Keep one of them: YAML keys must be unique, and which one wins is not defined." });
  }
  return doc;
}
function yamlToJs(doc, file) {
  try {
    return doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new UserError(`${file} expands YAML aliases (*name) more than ${YAML_MAX_ALIAS_COUNT} times; Slipway refuses it as a possible "billion laughs" attack.`, {
        hint: "Write the values out, or use fewer anchors and aliases (&name / *name).",
        cause: err
      });
    }
    if (err instanceof ReferenceError) throw new UserError(`${file}: ${err.message}`, { hint: "Define each anchor (&name) before its alias (*name).", cause: err });
    throw err;
  }
}
function parseYamlText(text, file, what) {
  return yamlToJs(parseYamlDocument(text, file, { what }), file);
}

export {
  YAML_MAX_ALIAS_COUNT,
  parseYamlDocument,
  yamlToJs,
  parseYamlText
};
