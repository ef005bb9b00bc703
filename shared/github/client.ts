/**
 * The one way Slipway talks to the GitHub REST API: `@octokit/rest` with the
 * retry plugin (transient 5xx / network errors) and the throttling plugin
 * (primary and secondary rate limits), with bounded retries and a clear
 * error when GitHub keeps saying "slow down".
 *
 * Deliberately free of `@actions/*`: the action entry passes the token it
 * read (input `github-token`, default `${{ github.token }}`); the CLI passes
 * `GITHUB_TOKEN`.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { OperationError, UserError } from '../errors.js';

export const SlipwayOctokit = Octokit.plugin(retry, throttling);
export type SlipwayOctokit = InstanceType<typeof SlipwayOctokit>;

/** The subset of a logger Octokit needs; a Runtime fits (`{ debug, info, warn, error }`). */
export interface GitHubLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface CreateOctokitOptions {
  /** A GitHub token (GITHUB_TOKEN, a PAT or an app installation token). */
  token: string;
  /** REST base URL; defaults to `GITHUB_API_URL` (set on runners, also on GHES) or https://api.github.com. */
  baseUrl?: string;
  /** Defaults to `slipway/<version>`. */
  userAgent?: string;
  log?: GitHubLog;
  /**
   * How many times a request is retried: after a primary or secondary rate
   * limit (waiting as long as GitHub asks, up to `maxRetryAfterSeconds`), and
   * after a transient server error. Default 3.
   */
  retries?: number;
  /** Never wait longer than this for a rate limit to reset; fail instead. Default 120 s. */
  maxRetryAfterSeconds?: number;
  /**
   * Test hook: milliseconds per "second" GitHub asks us to wait (default
   * 1000). Tests set it to 1 so retries are immediate; also passed to the
   * retry plugin for its backoff.
   */
  retryAfterBaseMs?: number;
  /** Test hook: extra options passed to the throttling plugin (e.g. a write limiter with no min time). */
  throttle?: Record<string, unknown>;
  /** Test hook / advanced: `request` options forwarded to Octokit (e.g. a custom fetch). */
  request?: Record<string, unknown>;
  /**
   * Give up on one HTTP request after this many milliseconds (default 30 000;
   * env `SLIPWAY_GITHUB_TIMEOUT_MS`). A GitHub API that accepts the connection
   * and never answers must not hold a job for its whole timeout.
   */
  requestTimeoutMs?: number;
}

/** The request timeout in force: the option, else `SLIPWAY_GITHUB_TIMEOUT_MS`, else 30 s. */
export function githubRequestTimeoutMs(explicit?: number): number {
  const env = Number(process.env.SLIPWAY_GITHUB_TIMEOUT_MS);
  const ms = explicit ?? (Number.isFinite(env) && env > 0 ? env : 30_000);
  return Math.max(1, Math.floor(ms));
}

/**
 * Wrap fetch so each request is aborted after `timeoutMs` unless the caller
 * passed its own signal. The abort surfaces as an ordinary request error, so
 * the retry plugin and the reporter's warn-and-continue apply to it.
 */
export function fetchWithTimeout(timeoutMs: number, inner?: typeof fetch): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      // Looked up per call: test interceptors patch globalThis.fetch after import.
      return await (inner ?? globalThis.fetch)(input, { ...init, signal });
    } catch (err) {
      if (timeout.aborted) {
        const what = typeof input === 'string' ? input : input instanceof URL ? input.href : (input as Request).url;
        throw new Error(`GitHub did not answer within ${timeoutMs} ms (${init?.method ?? 'GET'} ${what})`, { cause: err });
      }
      throw err;
    }
  }) as typeof fetch;
}

const VERSION = '0.1.0';

const silentLog: GitHubLog = { debug() {}, info() {}, warn() {}, error() {} };

interface ThrottledRequest {
  method?: string;
  url?: string;
}

/** Create an authenticated, retrying, rate-limit-aware Octokit. */
export function createOctokit(opts: CreateOctokitOptions): SlipwayOctokit {
  if (!opts.token || opts.token.trim() === '') {
    throw new UserError('No GitHub token was given, so Slipway cannot post comments or check runs.', {
      hint: 'Pass `github-token: ${{ github.token }}` to the action (the default), or set GITHUB_TOKEN for the CLI.',
    });
  }
  const log = opts.log ?? silentLog;
  const retries = Math.max(0, opts.retries ?? 3);
  const maxWait = opts.maxRetryAfterSeconds ?? 120;
  const baseMs = opts.retryAfterBaseMs ?? 1000;

  const decide = (kind: 'rate limit' | 'secondary rate limit') =>
    (retryAfter: number, options: ThrottledRequest, _octokit: unknown, retryCount: number): boolean => {
      const what = `${options.method ?? 'GET'} ${options.url ?? ''}`.trim();
      if (retryCount >= retries) {
        log.warn(`GitHub ${kind} hit for ${what}; giving up after ${retryCount} ${retryCount === 1 ? 'retry' : 'retries'}.`);
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
    baseUrl: (opts.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: opts.userAgent ?? `slipway/${VERSION}`,
    // Octokit logs every failed request at "error" level before the caller
    // has decided anything. Reporting is a side channel that degrades to a
    // warning, so a 403/5xx/network failure must not print a red ::error::
    // annotation on a green run: the caller says what failed and why.
    log: {
      debug: (m: string) => log.debug(m),
      info: (m: string) => log.debug(m), // Octokit's info is per-request chatter
      warn: (m: string) => log.debug(m),
      error: (m: string) => log.debug(m),
    },
    retry: { retries, retryAfterBaseValue: baseMs },
    throttle: {
      onRateLimit: decide('rate limit'),
      onSecondaryRateLimit: decide('secondary rate limit'),
      retryAfterBaseValue: baseMs,
      fallbackSecondaryRateRetryAfter: 60,
      ...opts.throttle,
    },
    request: { ...opts.request, fetch: fetchWithTimeout(githubRequestTimeoutMs(opts.requestTimeoutMs), opts.request?.fetch as typeof fetch | undefined) },
  });

  // Outermost error hook (registered after the plugins): once retries are
  // exhausted, turn a rate-limit response into an error that says so.
  octokit.hook.error('request', (error: unknown, options: ThrottledRequest) => {
    const rl = rateLimitKind(error);
    if (rl) {
      const e = error as { response?: { headers?: Record<string, string | undefined> } };
      const reset = Number(e.response?.headers?.['x-ratelimit-reset']);
      const when = Number.isFinite(reset) && reset > 0 ? ` It resets at ${new Date(reset * 1000).toISOString()}.` : '';
      throw new OperationError(`GitHub ${rl} exceeded for ${options.method ?? 'GET'} ${options.url ?? ''} (gave up after ${retries} ${retries === 1 ? 'retry' : 'retries'}).${when}`, {
        hint:
          rl === 'secondary rate limit'
            ? 'Too many write requests in a short time: avoid running many Slipway jobs at once on the same repository, or retry the job later.'
            : 'The token ran out of API requests for this hour: retry after the reset time, or use a token with a higher limit (a GitHub App installation token).',
        cause: error,
      });
    }
    throw error;
  });

  return octokit;
}

/** Whether an Octokit error is a (primary or secondary) rate-limit response. */
export function rateLimitKind(error: unknown): 'rate limit' | 'secondary rate limit' | undefined {
  const e = error as { status?: number; message?: string; response?: { headers?: Record<string, string | undefined>; data?: { errors?: { type?: string }[] } } };
  if (!e || (e.status !== 403 && e.status !== 429)) return undefined;
  if (/\bsecondary rate\b/i.test(e.message ?? '')) return 'secondary rate limit';
  if (e.response?.headers?.['x-ratelimit-remaining'] === '0') return 'rate limit';
  if ((e.response?.data?.errors ?? []).some((x) => x.type === 'RATE_LIMITED')) return 'rate limit';
  if (e.status === 429) return 'secondary rate limit';
  return undefined;
}
