import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  redactSecrets,
  stringifyOutput
} from "./chunk-V2UDNE4W.js";
import {
  appendSummary,
  exportVariable,
  inputsFromEnv,
  issueCommand,
  setOutput
} from "./chunk-RYJ2GFLB.js";
import "./chunk-IZF6KDBA.js";

// shared/actions-adapter/runtime.ts
import { EOL } from "node:os";
function commandProps(props) {
  if (!props) return {};
  return { title: props.title, file: props.file, line: props.startLine, endLine: props.endLine, col: void 0, endColumn: void 0 };
}
var ActionsRuntime = class {
  kind = "github-actions";
  secrets = /* @__PURE__ */ new Set();
  out = {};
  debug(message) {
    issueCommand("debug", {}, this.redact(message));
  }
  info(message) {
    process.stdout.write(this.redact(message) + EOL);
  }
  warn(message, props) {
    issueCommand("warning", commandProps(props), this.redact(message));
  }
  error(message, props) {
    issueCommand("error", commandProps(props), this.redact(message));
  }
  annotate(level, message, props) {
    if (level === "error") this.error(message, props);
    else if (level === "warning") this.warn(message, props);
    else issueCommand("notice", commandProps(props), this.redact(message));
  }
  async group(title, fn) {
    issueCommand("group", {}, title);
    try {
      return await fn();
    } finally {
      issueCommand("endgroup", {}, "");
    }
  }
  mask(secret) {
    if (!secret) return;
    this.secrets.add(secret);
    issueCommand("add-mask", {}, secret);
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 4) issueCommand("add-mask", {}, line.trim());
  }
  redact(text) {
    return redactSecrets(text, this.secrets);
  }
  setOutput(name, value) {
    const v = stringifyOutput(value);
    this.out[name] = v;
    setOutput(name, v);
  }
  exportVariable(name, value) {
    exportVariable(name, value);
  }
  async appendSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY) {
      this.info(markdown);
      return;
    }
    await appendSummary(this.redact(markdown));
  }
  get outputs() {
    return this.out;
  }
};
var actionInputs = inputsFromEnv(process.env);
function setFailed(message) {
  process.exitCode = 1;
  issueCommand("error", {}, message);
}
export {
  ActionsRuntime,
  actionInputs,
  setFailed
};
