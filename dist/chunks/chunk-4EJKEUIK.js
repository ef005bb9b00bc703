import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/config/invocation.ts
import { userInfo } from "node:os";
function inGitHubActions(env = process.env) {
  return env.GITHUB_ACTIONS === "true";
}
function runUrl(env = process.env) {
  if (!inGitHubActions(env) || !env.GITHUB_RUN_ID || !env.GITHUB_REPOSITORY) return void 0;
  return `${env.GITHUB_SERVER_URL || "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}
function osUser(env) {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
  }
  return env.USER || env.USERNAME || "unknown";
}
function invocation(env = process.env) {
  if (inGitHubActions(env)) return { actor: env.GITHUB_ACTOR || env.SLIPWAY_ACTOR || "github-actions", runUrl: runUrl(env) };
  return { actor: env.SLIPWAY_ACTOR || osUser(env) };
}

export {
  inGitHubActions,
  runUrl,
  invocation
};
