import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/warehouse/types.ts
var MultipleStatementsError = class extends UserError {
  constructor(driverMessage, options = {}) {
    super(`The SQL holds more than one statement, where exactly one is allowed (${driverMessage.split("\n")[0].slice(0, 200)}).`, {
      hint: 'Write one SELECT (a check file) or one boolean expression (a freshness filter): no ";" followed by another statement.',
      cause: options.cause
    });
  }
};
async function runInTransaction(session, fn) {
  await session.query("BEGIN");
  try {
    const result = await fn(session);
    await session.query("COMMIT");
    return result;
  } catch (err) {
    try {
      await session.query("ROLLBACK");
    } catch {
    }
    throw err;
  }
}

export {
  MultipleStatementsError,
  runInTransaction
};
