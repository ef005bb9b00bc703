import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  OperationError,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/github/client.ts
import { Octokit } from "../vendor/octokit__rest.js";
import { retry } from "../vendor/octokit__plugin-retry.js";
import { throttling } from "../vendor/octokit__plugin-throttling.js";
var SlipwayOctokit = Octokit.plugin(retry, throttling);
function githubRequestTimeoutMs(explicit) {
  const env = Number(process.env.SLIPWAY_GITHUB_TIMEOUT_MS);
  const ms = explicit ?? (Number.isFinite(env) && env > 0 ? env : 3e4);
  return Math.max(1, Math.floor(ms));
}
function fetchWithTimeout(timeoutMs, inner) {
  return (async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await (inner ?? globalThis.fetch)(input, { ...init, signal });
    } catch (err) {
      if (timeout.aborted) {
        const what = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
        throw new Error(`GitHub did not answer within ${timeoutMs} ms (${init?.method ?? "GET"} ${what})`, { cause: err });
      }
      throw err;
    }
  });
}
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
    // Octokit logs every failed request at "error" level before the caller
    // has decided anything. Reporting is a side channel that degrades to a
    // warning, so a 403/5xx/network failure must not print a red ::error::
    // annotation on a green run: the caller says what failed and why.
    log: {
      debug: (m) => log.debug(m),
      info: (m) => log.debug(m),
      // Octokit's info is per-request chatter
      warn: (m) => log.debug(m),
      error: (m) => log.debug(m)
    },
    retry: { retries, retryAfterBaseValue: baseMs },
    throttle: {
      onRateLimit: decide("rate limit"),
      onSecondaryRateLimit: decide("secondary rate limit"),
      retryAfterBaseValue: baseMs,
      fallbackSecondaryRateRetryAfter: 60,
      ...opts.throttle
    },
    request: { ...opts.request, fetch: fetchWithTimeout(githubRequestTimeoutMs(opts.requestTimeoutMs), opts.request?.fetch) }
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
  SlipwayOctokit,
  githubRequestTimeoutMs,
  fetchWithTimeout,
  createOctokit,
  rateLimitKind
};
