import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  describeSchema,
  formatOwnership,
  isRepoSlug,
  mdCode,
  mdText,
  parseOwnership,
  prSchemaSql,
  resolveDatabase,
  sameRepo
} from "./chunk-GXD5WEQK.js";
import {
  runStatements
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
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/pr-schema/create.ts
function checkOptions(opts) {
  validatePrefix(opts.prefix);
  parsePrNumber(opts.pr);
  if (!isRepoSlug(opts.repo)) {
    throw new UserError(`The repository '${opts.repo}' is not in owner/name form.`, { hint: "Pass --repo owner/name (the CLI also reads GITHUB_REPOSITORY)." });
  }
  for (const sha of [opts.headSha, opts.baseSha]) {
    if (sha !== void 0 && !/^[0-9a-fA-F]{7,64}$/.test(sha)) {
      throw new UserError(`'${sha.slice(0, 80)}' is not a commit SHA.`, { hint: "Pass the full hexadecimal SHA (github.event.pull_request.head.sha)." });
    }
  }
  for (const r of [...opts.ciRoles ?? [], ...opts.reviewerRoles ?? []]) {
    const resolved = resolveName(r, "snowflake");
    if (resolved.includes('"') || /[\u0000-\u001f]/.test(resolved)) {
      throw new UserError(`The role name ${JSON.stringify(r)} contains a double quote or a control character.`, { hint: `Use the role's plain name, e.g. TRANSFORMER or "Review Team".` });
    }
  }
}
function grantList(dialect, opts) {
  const ci = dialect === "snowflake" ? "USAGE, CREATE TABLE, CREATE VIEW" : "USAGE, CREATE";
  const rev = dialect === "snowflake" ? "USAGE; SELECT on all and future tables and views" : "USAGE; SELECT on all tables and views, and by default on new ones";
  return [
    ...(opts.ciRoles ?? []).map((role) => ({ role, kind: "ci", privileges: ci })),
    ...(opts.reviewerRoles ?? []).map((role) => ({ role, kind: "reviewer", privileges: rev }))
  ];
}
function planCreatePrSchema(dialect, opts, existing, database = { ref: opts.database === void 0 || dialect === "postgres" ? void 0 : resolveName(opts.database, dialect), name: opts.database ? resolveName(opts.database, dialect) : "" }) {
  checkOptions(opts);
  const sql = prSchemaSql(dialect);
  const schema = prSchemaName(opts.prefix ?? "CI_PR_", opts.pr, dialect);
  const ref = { database: database.ref, schema };
  const now = (opts.now ?? /* @__PURE__ */ new Date()).toISOString();
  const warnings = [];
  const parsed = parseOwnership(existing?.comment);
  const prior = parsed.kind === "record" ? parsed.record : void 0;
  if (existing && prior && !sameRepo(prior.repo, opts.repo)) {
    throw new UserError(`Schema ${schema} already exists and its ownership comment says it belongs to ${prior.repo} (PR #${prior.pr}), not ${opts.repo}.`, {
      hint: "Give each repository its own prefix (e.g. prefix: CI_ANALYTICS_PR_) or its own database, so PR numbers cannot collide."
    });
  }
  if (existing && prior && prior.pr !== opts.pr) {
    throw new UserError(`Schema ${schema} already exists and its ownership comment names PR #${prior.pr}, not #${opts.pr}.`, {
      hint: "Someone edited the comment or reused the name; drop the schema by hand (after checking its contents) or use another prefix."
    });
  }
  if (existing && !prior) {
    throw new UserError(
      `Schema ${schema} already exists and Slipway did not create it (it has no Slipway ownership record${parsed.kind === "other" ? `; its comment is: ${parsed.text.slice(0, 80)}` : ""}); nothing was changed.`,
      { hint: "Check what is in it, then drop or rename it by hand, or give Slipway its own prefix (input prefix / --prefix, e.g. CI_ANALYTICS_PR_)." }
    );
  }
  let recreateReason;
  if (existing && opts.recreate) recreateReason = "recreate was requested";
  else if (existing && opts.recreateOnBaseChange && prior?.base && opts.baseSha && prior.base.toLowerCase() !== opts.baseSha.toLowerCase()) {
    recreateReason = `the base moved from ${prior.base.slice(0, 12)} to ${opts.baseSha.slice(0, 12)} since the schema was last built`;
  }
  const recreate = recreateReason !== void 0;
  const sameHead = !!prior && !!opts.headSha && !!prior.head && prior.head.toLowerCase() === opts.headSha.toLowerCase();
  const ownership = {
    repo: opts.repo,
    pr: opts.pr,
    head: opts.headSha,
    base: opts.baseSha,
    created: existing && prior && !recreate ? prior.created : now,
    headAt: existing && prior && !recreate && sameHead ? prior.headAt : now
  };
  const comment = formatOwnership(ownership);
  const statements = [
    ...existing && !recreate ? sql.refresh(ref, comment) : sql.create(ref, comment, { recreate: recreate || opts.recreate === true }),
    ...sql.grants(ref, opts.ciRoles ?? [], opts.reviewerRoles ?? [])
  ];
  return {
    schema,
    database: database.name,
    action: existing ? recreate ? "recreated" : "refreshed" : "created",
    recreateReason,
    ownership,
    grants: grantList(dialect, opts),
    statements,
    warnings
  };
}
function dryRunCreatePrSchema(dialect, opts) {
  return { ...planCreatePrSchema(dialect, opts, void 0), action: "planned" };
}
async function createPrSchema(wh, opts) {
  checkOptions(opts);
  const database = await resolveDatabase(wh, opts.database);
  const schema = prSchemaName(opts.prefix ?? "CI_PR_", opts.pr, wh.dialect);
  const existing = await describeSchema(wh, wh.dialect, { database: database.ref, schema });
  const plan = planCreatePrSchema(wh.dialect, opts, existing, database);
  if (opts.dryRun) return { ...plan, action: "planned" };
  await runStatements(wh, plan.statements);
  return plan;
}

// shared/pr-schema/summary.ts
function renderCreateMarkdown(r) {
  const where = r.database ? `${r.database}.${r.schema}` : r.schema;
  const what = { created: "created", recreated: `recreated empty (${r.recreateReason ?? "requested"})`, refreshed: "already existed; ownership record refreshed", planned: "planned (dry run)" }[r.action];
  const grants = r.grants.length ? r.grants.map((g) => `${mdCode(g.role)} (${g.kind}: ${g.privileges})`).join(", ") : "none requested";
  return [`### Slipway PR schema`, "", `**${mdCode(where)}** ${what} for ${r.ownership.repo}#${r.ownership.pr}${r.ownership.head ? ` at \`${r.ownership.head.slice(0, 12)}\`` : ""}. Grants: ${grants}.`, ...r.warnings.map((w) => `
> ⚠️ ${mdText(w)}`)].join("\n");
}

export {
  dryRunCreatePrSchema,
  createPrSchema,
  renderCreateMarkdown
};
