import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  redactSecrets,
  stringifyOutput
} from "./chunk-V2UDNE4W.js";
import {
  inputsFromEnv
} from "./chunk-EPPMHQ3K.js";
import "./chunk-IZF6KDBA.js";

// shared/actions-adapter/runtime.ts
import * as core from "../vendor/actions__core.js";
function toCoreProps(props) {
  if (!props) return void 0;
  return { title: props.title, file: props.file, startLine: props.startLine, endLine: props.endLine };
}
var ActionsRuntime = class {
  kind = "github-actions";
  secrets = /* @__PURE__ */ new Set();
  out = {};
  debug(message) {
    core.debug(this.redact(message));
  }
  info(message) {
    core.info(this.redact(message));
  }
  warn(message, props) {
    core.warning(this.redact(message), toCoreProps(props));
  }
  error(message, props) {
    core.error(this.redact(message), toCoreProps(props));
  }
  annotate(level, message, props) {
    if (level === "error") this.error(message, props);
    else if (level === "warning") this.warn(message, props);
    else core.notice(this.redact(message), toCoreProps(props));
  }
  async group(title, fn) {
    return core.group(title, fn);
  }
  mask(secret) {
    if (!secret) return;
    this.secrets.add(secret);
    core.setSecret(secret);
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 4) core.setSecret(line.trim());
  }
  redact(text) {
    return redactSecrets(text, this.secrets);
  }
  setOutput(name, value) {
    const v = stringifyOutput(value);
    this.out[name] = v;
    core.setOutput(name, v);
  }
  exportVariable(name, value) {
    core.exportVariable(name, value);
  }
  async appendSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY) {
      core.info(markdown);
      return;
    }
    await core.summary.addRaw(this.redact(markdown), true).write();
  }
  get outputs() {
    return this.out;
  }
};
var actionInputs = inputsFromEnv(process.env);
function setFailed2(message) {
  core.setFailed(message);
}
export {
  ActionsRuntime,
  actionInputs,
  setFailed2 as setFailed
};
