import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  describeSchema,
  isRepoSlug,
  parseOwnership,
  prSchemaSql,
  resolveDatabase,
  sameRepo
} from "./chunk-GXD5WEQK.js";
import {
  runStatement
} from "./chunk-JK3NYHQT.js";
import {
  parsePrNumber,
  prSchemaName,
  validatePrefix
} from "./chunk-E2H7YEBO.js";
import {
  resolveName
} from "./chunk-YTHL6NVM.js";
import {
  OperationError,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/pr-schema/cleanup.ts
function check(opts) {
  validatePrefix(opts.prefix);
  parsePrNumber(opts.pr);
  if (opts.repo !== void 0 && !isRepoSlug(opts.repo)) {
    throw new UserError(`The repository '${opts.repo}' is not in owner/name form.`, { hint: "Pass --repo owner/name." });
  }
}
function planDropPrSchema(dialect, opts) {
  check(opts);
  const schema = prSchemaName(opts.prefix ?? "CI_PR_", opts.pr, dialect);
  const database = dialect === "snowflake" && opts.database ? resolveName(opts.database, dialect) : void 0;
  const stmt = prSchemaSql(dialect).drop({ database, schema });
  return { schema, database: database ?? "", status: "would-drop", reason: "dry run (the warehouse was not consulted)", statements: [stmt] };
}
async function dropPrSchema(wh, opts) {
  check(opts);
  const db = await resolveDatabase(wh, opts.database);
  const schema = prSchemaName(opts.prefix ?? "CI_PR_", opts.pr, wh.dialect);
  const ref = { database: db.ref, schema };
  const where = db.name ? `${db.name}.${schema}` : schema;
  const info = await describeSchema(wh, wh.dialect, ref);
  if (!info) return { schema, database: db.name, status: "absent", reason: `${where} does not exist; nothing to drop.`, statements: [] };
  const own = parseOwnership(info.comment);
  if (own.kind !== "record") {
    return { schema, database: db.name, status: "left-alone", reason: `${where} has no Slipway ownership record: Slipway did not create it, so it is left alone (drop it by hand if it should go).`, statements: [] };
  }
  if (own.kind === "record" && opts.repo && !sameRepo(own.record.repo, opts.repo)) {
    return { schema, database: db.name, status: "left-alone", reason: `${where} belongs to ${own.record.repo}#${own.record.pr} according to its ownership comment, not ${opts.repo}; left alone.`, statements: [] };
  }
  if (own.kind === "record" && own.record.pr !== opts.pr) {
    return { schema, database: db.name, status: "left-alone", reason: `${where}'s ownership comment names PR #${own.record.pr}, not #${opts.pr}; left alone.`, statements: [] };
  }
  const stmt = prSchemaSql(wh.dialect).drop(ref);
  if (info.canDrop === false) {
    throw new OperationError(`The role Slipway connects as may not drop ${where} (it is owned by ${info.owner ?? "another role"}); nothing was dropped.`, {
      hint: `Run the cleanup as the role that created the PR schemas (${info.owner ?? "its owner"}), or grant that role to the cleanup user.`
    });
  }
  if (opts.dryRun) return { schema, database: db.name, status: "would-drop", reason: `${where} exists and would be dropped with everything in it.`, statements: [stmt] };
  try {
    await runStatement(wh, stmt);
  } catch (err) {
    throw new OperationError(`Dropping ${where} failed: ${err.message}`, {
      hint: "Check that the role Slipway connects as owns the schema (DROP needs ownership); nothing else was changed.",
      cause: err
    });
  }
  return { schema, database: db.name, status: "dropped", reason: `${where} was dropped with everything in it.`, statements: [stmt] };
}

export {
  planDropPrSchema,
  dropPrSchema
};
