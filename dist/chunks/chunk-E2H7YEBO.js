import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  rulesFor
} from "./chunk-YTHL6NVM.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/pr-schema/naming.ts
var DEFAULT_PREFIX = "CI_PR_";
var MAX_PR = 2147483647;
function validatePrefix(prefix) {
  const p = prefix ?? DEFAULT_PREFIX;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) {
    throw new UserError(`The schema prefix '${p.slice(0, 80)}' is not a safe identifier: it may contain only letters, digits and underscores, and must start with a letter or underscore.`, {
      hint: `Use a prefix such as ${DEFAULT_PREFIX} (the default) or DBT_CI_.`
    });
  }
  if (/[0-9]$/.test(p)) {
    throw new UserError(`The schema prefix '${p}' ends in a digit, so '${p}12' could be PR 12 or PR ${p.match(/[0-9]+$/)[0]}12.`, {
      hint: `End the prefix with a letter or an underscore, e.g. ${p}_.`
    });
  }
  if (p.length > 40) {
    throw new UserError(`The schema prefix '${p.slice(0, 60)}…' is ${p.length} characters long; at most 40 are allowed.`, { hint: `Use a shorter prefix such as ${DEFAULT_PREFIX}.` });
  }
  return p;
}
function foldedPrefix(prefix, dialect) {
  return rulesFor(dialect).fold(validatePrefix(prefix));
}
function parsePrNumber(value, where = "--pr") {
  const n = typeof value === "number" ? value : typeof value === "string" && /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_PR) {
    throw new UserError(`The pull request number ${JSON.stringify(value === void 0 ? null : value)} (from ${where}) is not a positive integer.`, {
      hint: "Pass the number of the pull request, e.g. --pr-number 123; in a workflow it comes from the pull_request event (github.event.pull_request.number)."
    });
  }
  return n;
}
function prSchemaName(prefix, pr, dialect) {
  return foldedPrefix(prefix, dialect) + String(parsePrNumber(pr));
}
function prSchemaPattern(prefix, dialect) {
  return `^${foldedPrefix(prefix, dialect)}[1-9][0-9]*$`;
}
function matchPrSchema(name, prefix, dialect) {
  const p = foldedPrefix(prefix, dialect);
  if (typeof name !== "string" || !name.startsWith(p)) return void 0;
  const rest = name.slice(p.length);
  if (!/^[1-9][0-9]{0,9}$/.test(rest)) return void 0;
  const n = Number(rest);
  return n <= MAX_PR ? n : void 0;
}

export {
  DEFAULT_PREFIX,
  validatePrefix,
  foldedPrefix,
  parsePrNumber,
  prSchemaName,
  prSchemaPattern,
  matchPrSchema
};
