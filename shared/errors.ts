/**
 * Error taxonomy. Every entry point (action or CLI command) has exactly one
 * top-level handler (`exitCodeFor` / `describeError`) that maps these to exit
 * codes or `core.setFailed`.
 *
 * - UserError: bad input or configuration. The message says what was wrong
 *   and `hint` says how to fix it. Exit code 2.
 * - ConnectionError (a UserError): the warehouse could not be reached or
 *   refused the login (connection refused, unknown host, bad credentials,
 *   certificate not trusted). Exit code 2: it is fixed in the connection
 *   settings or secrets, or by retrying when the server is back — never
 *   "a gate failed" (1) and never "a bug" (3).
 * - GateFailure: the tool worked, and its verdict is "no" (a policy denied, a
 *   freshness gate failed, a pre-cutover check failed, an operation on the
 *   warehouse was refused). Exit code 1.
 * - Anything else is internal: a bug or an unexpected failure. Exit code 3.
 */
export class SlipwayError extends Error {
  readonly hint?: string;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Bad input, bad configuration, unsupported file: the user can fix it. */
export class UserError extends SlipwayError {}

/**
 * The warehouse could not be reached or refused the login. The message names
 * the endpoint (never the password) and the hint says what to check.
 */
export class ConnectionError extends UserError {}

/** The check ran and said no (gate, policy, pre-cutover check, refused operation). */
export class GateFailure extends SlipwayError {
  /** Optional structured detail (findings, failed checks) for reporters. */
  readonly details?: unknown;
  constructor(message: string, options: { hint?: string; cause?: unknown; details?: unknown } = {}) {
    super(message, options);
    this.details = options.details;
  }
}

/** A warehouse operation failed (permission, object missing, connection lost). */
export class OperationError extends SlipwayError {}

/**
 * The one exit-code table (the CLI and the actions apply it through `exitCodeFor`):
 * 0 ok; 1 a gate, policy or warehouse operation said no; 2 usage, configuration
 * or connection problem (UserError, ConnectionError); 3 internal error (a bug).
 */
export const ExitCode = { ok: 0, gateFailed: 1, usage: 2, internal: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(err: unknown): ExitCode {
  if (err instanceof UserError) return ExitCode.usage;
  if (err instanceof GateFailure || err instanceof OperationError) return ExitCode.gateFailed;
  return ExitCode.internal;
}

/** One human-readable paragraph: message, then the fix, then (internal only) a pointer to report it. */
export function describeError(err: unknown): string {
  if (err instanceof SlipwayError) {
    return err.hint ? `${err.message}\n  How to fix: ${err.hint}` : err.message;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `Internal error: ${message}\n  This is a bug in Slipway; please report it with the log above.`;
}

/** Throw a UserError unless `cond` holds. */
export function ensure(cond: unknown, message: string, hint?: string): asserts cond {
  if (!cond) throw new UserError(message, { hint });
}
