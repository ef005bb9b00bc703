import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  redactSecrets,
  stringifyOutput
} from "./chunk-V2UDNE4W.js";
import {
  ExitCode,
  UserError,
  describeError,
  exitCodeFor
} from "./chunk-WLODUQ4F.js";

// shared/actions-adapter/context.ts
import * as github from "../vendor/actions__github.js";
function eventContext() {
  const ctx = github.context;
  const pr = ctx.payload.pull_request;
  const server = process.env.GITHUB_SERVER_URL ?? "https://github.com";
  const repo = process.env.GITHUB_REPOSITORY ? ctx.repo : { owner: "", repo: "" };
  return {
    eventName: ctx.eventName,
    repo,
    sha: ctx.sha,
    ref: ctx.ref,
    actor: ctx.actor,
    runUrl: process.env.GITHUB_RUN_ID && process.env.GITHUB_REPOSITORY ? `${server}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}` : void 0,
    pullRequest: pr ? {
      number: pr.number,
      headSha: pr.head.sha,
      baseRef: pr.base.ref,
      baseSha: pr.base.sha,
      isFork: !!pr.head.repo?.full_name && pr.head.repo.full_name !== pr.base.repo?.full_name,
      state: pr.state
    } : void 0,
    payload: ctx.payload
  };
}

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
var actionInputs = {
  get(name, opts) {
    const v = core.getInput(name, { trimWhitespace: true });
    if (v === "" && opts?.required) {
      throw new UserError(`Input '${name}' is required but was not given.`, { hint: `Add ${name}: … under with: in the workflow step that uses this action (see the action's README for its values).` });
    }
    return v === "" ? void 0 : v;
  },
  bool(name, fallback) {
    const v = core.getInput(name).trim().toLowerCase();
    if (v === "") return fallback;
    if (["true", "yes", "1", "on"].includes(v)) return true;
    if (["false", "no", "0", "off"].includes(v)) return false;
    throw new UserError(`Input '${name}' must be true or false, got '${v}'.`, { hint: `Set ${name}: true or ${name}: false in the step's with: block.` });
  },
  list(name) {
    return core.getMultilineInput(name).flatMap((l) => l.split(",")).map((s) => s.trim()).filter(Boolean);
  }
};
function setFailed2(message) {
  core.setFailed(message);
}

// shared/actions-adapter/run-action.ts
async function runAction(body) {
  process.env.SNOWFLAKE_DISABLE_MINICORE ??= "1";
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const rt = new ActionsRuntime();
  try {
    await body(rt, actionInputs);
  } catch (err) {
    const code = exitCodeFor(err);
    setFailed2(rt.redact(describeError(err)));
    if (code === ExitCode.internal && err instanceof Error && err.stack) rt.debug(rt.redact(err.stack));
    process.exitCode = code;
  }
}

export {
  eventContext,
  runAction
};
