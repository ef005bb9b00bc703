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

// shared/actions-adapter/commands.ts
import { randomUUID } from "node:crypto";
import { appendFileSync, constants, existsSync } from "node:fs";
import { access, appendFile } from "node:fs/promises";
import { EOL } from "node:os";
function commandValue(input) {
  if (input === null || input === void 0) return "";
  if (typeof input === "string" || input instanceof String) return String(input);
  return JSON.stringify(input);
}
function escapeData(s) {
  return commandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function issueCommand(command, properties, message) {
  const props = Object.entries(properties).filter(([, v]) => v).map(([k, v]) => `${k}=${escapeProperty(v)}`).join(",");
  process.stdout.write(`::${command}${Object.keys(properties).length ? ` ${props}` : ""}::${escapeData(message)}${EOL}`);
}
function keyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  const v = commandValue(value);
  if (key.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (v.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  return `${key}<<${delimiter}${EOL}${v}${EOL}${delimiter}`;
}
function keyValueCommand(file, fallback, name, value) {
  const path = process.env[`GITHUB_${file}`] || "";
  if (!path) {
    if (file === "OUTPUT") process.stdout.write(EOL);
    issueCommand(fallback, { name }, commandValue(value));
    return;
  }
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`);
  appendFileSync(path, `${keyValueMessage(name, value)}${EOL}`, { encoding: "utf8" });
}
function setOutput(name, value) {
  keyValueCommand("OUTPUT", "set-output", name, value);
}
function exportVariable(name, value) {
  process.env[name] = commandValue(value);
  keyValueCommand("ENV", "set-env", name, value);
}
async function appendSummary(markdown) {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) throw new Error("Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.");
  try {
    await access(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(`Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`);
  }
  await appendFile(path, `${markdown}${EOL}`, { encoding: "utf8" });
}

export {
  inputsFromEnv,
  issueCommand,
  setOutput,
  exportVariable,
  appendSummary
};
