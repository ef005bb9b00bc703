import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  inputsFromEnv,
  issueCommand
} from "./chunk-RYJ2GFLB.js";
import {
  invocation
} from "./chunk-4EJKEUIK.js";
import {
  ExitCode,
  describeError,
  exitCodeFor
} from "./chunk-IZF6KDBA.js";

// shared/actions-adapter/context.ts
import { existsSync, readFileSync } from "node:fs";
function eventContext(env = process.env) {
  let payload = {};
  const path = env.GITHUB_EVENT_PATH;
  if (path) {
    if (existsSync(path)) payload = JSON.parse(readFileSync(path, "utf8"));
    else process.stdout.write(`GITHUB_EVENT_PATH ${path} does not exist
`);
  }
  const [owner = "", repo = ""] = env.GITHUB_REPOSITORY ? env.GITHUB_REPOSITORY.split("/") : [];
  const pr = payload.pull_request;
  const who = invocation({ GITHUB_ACTIONS: "true", ...env });
  return {
    eventName: env.GITHUB_EVENT_NAME ?? "",
    repo: { owner, repo },
    sha: env.GITHUB_SHA ?? "",
    ref: env.GITHUB_REF ?? "",
    // The one actor rule (shared/config/invocation.ts): GITHUB_ACTOR on a runner.
    actor: who.actor,
    runUrl: who.runUrl,
    pullRequest: pr ? {
      number: pr.number,
      headSha: pr.head.sha,
      baseRef: pr.base.ref,
      baseSha: pr.base.sha,
      isFork: !!pr.head.repo?.full_name && pr.head.repo.full_name !== pr.base.repo?.full_name,
      state: pr.state
    } : void 0,
    payload
  };
}

// shared/actions-adapter/run-action.ts
async function runAction(body) {
  process.env.SNOWFLAKE_DISABLE_MINICORE ??= "1";
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const inputs = inputsFromEnv(process.env);
  let parsed;
  let event;
  try {
    event = eventContext();
    parsed = await body.parse(inputs, event);
  } catch (err) {
    issueCommand("error", {}, describeError(err));
    if (exitCodeFor(err) === ExitCode.internal && err instanceof Error && err.stack) issueCommand("debug", {}, err.stack);
    process.exitCode = exitCodeFor(err);
    return;
  }
  const { ActionsRuntime, setFailed } = await import("./runtime-7URHPMHP.js");
  const rt = new ActionsRuntime();
  try {
    await body.run(rt, parsed, event, inputs);
  } catch (err) {
    const code = exitCodeFor(err);
    setFailed(rt.redact(describeError(err)));
    if (code === ExitCode.internal && err instanceof Error && err.stack) rt.debug(rt.redact(err.stack));
    process.exitCode = code;
  }
}

export {
  runAction
};
