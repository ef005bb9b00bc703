import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  OperationError,
  UserError
} from "./chunk-WLODUQ4F.js";

// shared/github/client.ts
import { Octokit } from "../vendor/octokit__rest.js";
import { retry } from "../vendor/octokit__plugin-retry.js";
import { throttling } from "../vendor/octokit__plugin-throttling.js";
var SlipwayOctokit = Octokit.plugin(retry, throttling);
var VERSION = "0.1.0";
var silentLog = { debug() {
}, info() {
}, warn() {
}, error() {
} };
function createOctokit(opts) {
  if (!opts.token || opts.token.trim() === "") {
    throw new UserError("No GitHub token was given, so Slipway cannot post comments or check runs.", {
      hint: "Pass `github-token: ${{ github.token }}` to the action (the default), or set GITHUB_TOKEN for the CLI."
    });
  }
  const log = opts.log ?? silentLog;
  const retries = Math.max(0, opts.retries ?? 3);
  const maxWait = opts.maxRetryAfterSeconds ?? 120;
  const baseMs = opts.retryAfterBaseMs ?? 1e3;
  const decide = (kind) => (retryAfter, options, _octokit, retryCount) => {
    const what = `${options.method ?? "GET"} ${options.url ?? ""}`.trim();
    if (retryCount >= retries) {
      log.warn(`GitHub ${kind} hit for ${what}; giving up after ${retryCount} ${retryCount === 1 ? "retry" : "retries"}.`);
      return false;
    }
    if (retryAfter > maxWait) {
      log.warn(`GitHub ${kind} hit for ${what}; it resets in ${retryAfter}s, longer than the ${maxWait}s Slipway is willing to wait.`);
      return false;
    }
    log.info(`GitHub ${kind} hit for ${what}; retrying in ${retryAfter}s (retry ${retryCount + 1} of ${retries}).`);
    return true;
  };
  const octokit = new SlipwayOctokit({
    auth: opts.token,
    baseUrl: (opts.baseUrl ?? process.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    userAgent: opts.userAgent ?? `slipway/${VERSION}`,
    log: {
      debug: (m) => log.debug(m),
      info: (m) => log.debug(m),
      // Octokit's info is per-request chatter
      warn: (m) => log.warn(m),
      error: (m) => log.error(m)
    },
    retry: { retries, retryAfterBaseValue: baseMs },
    throttle: {
      onRateLimit: decide("rate limit"),
      onSecondaryRateLimit: decide("secondary rate limit"),
      retryAfterBaseValue: baseMs,
      fallbackSecondaryRateRetryAfter: 60,
      ...opts.throttle
    },
    request: opts.request
  });
  octokit.hook.error("request", (error, options) => {
    const rl = rateLimitKind(error);
    if (rl) {
      const e = error;
      const reset = Number(e.response?.headers?.["x-ratelimit-reset"]);
      const when = Number.isFinite(reset) && reset > 0 ? ` It resets at ${new Date(reset * 1e3).toISOString()}.` : "";
      throw new OperationError(`GitHub ${rl} exceeded for ${options.method ?? "GET"} ${options.url ?? ""} (gave up after ${retries} ${retries === 1 ? "retry" : "retries"}).${when}`, {
        hint: rl === "secondary rate limit" ? "Too many write requests in a short time: avoid running many Slipway jobs at once on the same repository, or retry the job later." : "The token ran out of API requests for this hour: retry after the reset time, or use a token with a higher limit (a GitHub App installation token).",
        cause: error
      });
    }
    throw error;
  });
  return octokit;
}
function rateLimitKind(error) {
  const e = error;
  if (!e || e.status !== 403 && e.status !== 429) return void 0;
  if (/\bsecondary rate\b/i.test(e.message ?? "")) return "secondary rate limit";
  if (e.response?.headers?.["x-ratelimit-remaining"] === "0") return "rate limit";
  if ((e.response?.data?.errors ?? []).some((x) => x.type === "RATE_LIMITED")) return "rate limit";
  if (e.status === 429) return "secondary rate limit";
  return void 0;
}

export {
  createOctokit,
  rateLimitKind
};
