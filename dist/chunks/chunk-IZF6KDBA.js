import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/errors.ts
var SlipwayError = class extends Error {
  hint;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
};
var UserError = class extends SlipwayError {
};
var ConnectionError = class extends UserError {
};
var GateFailure = class extends SlipwayError {
  /** Optional structured detail (findings, failed checks) for reporters. */
  details;
  constructor(message, options = {}) {
    super(message, options);
    this.details = options.details;
  }
};
var OperationError = class extends SlipwayError {
};
var ExitCode = { ok: 0, gateFailed: 1, usage: 2, internal: 3 };
function exitCodeFor(err) {
  if (err instanceof UserError) return ExitCode.usage;
  if (err instanceof GateFailure || err instanceof OperationError) return ExitCode.gateFailed;
  return ExitCode.internal;
}
function describeError(err) {
  if (err instanceof SlipwayError) {
    return err.hint ? `${err.message}
  How to fix: ${err.hint}` : err.message;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `Internal error: ${message}
  This is a bug in Slipway; please report it with the log above.`;
}

export {
  SlipwayError,
  UserError,
  ConnectionError,
  GateFailure,
  OperationError,
  ExitCode,
  exitCodeFor,
  describeError
};
