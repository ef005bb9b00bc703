import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/runtime/inputs.ts
var TRUE = /* @__PURE__ */ new Set(["true", "True", "TRUE"]);
var FALSE = /* @__PURE__ */ new Set(["false", "False", "FALSE"]);
function inputEnvName(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
function inputsFromEnv(env = process.env) {
  const raw = (name) => (env[inputEnvName(name)] ?? "").trim();
  return {
    get(name, opts) {
      const v = raw(name);
      if (v === "" && opts?.required) {
        throw new UserError(`Input '${name}' is required but was not given.`, {
          hint: `Add ${name}: … under with: in the workflow step that uses this action (see the action's README for its values).`
        });
      }
      return v === "" ? void 0 : v;
    },
    bool(name, fallback) {
      const v = raw(name);
      if (v === "") return fallback;
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      throw new UserError(`Input '${name}' must be true or false, got '${v}'.`, {
        hint: `Set ${name}: true or ${name}: false in the step's with: block (YAML 1.2 booleans: true, True, TRUE, false, False, FALSE).`
      });
    },
    list(name) {
      return raw(name).split("\n").flatMap((l) => l.split(",")).map((s) => s.trim()).filter(Boolean);
    }
  };
}

export {
  inputsFromEnv
};
