import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  DEFAULT_LEASE_MINUTES,
  DEFAULT_ROW_COUNT_TOLERANCE,
  assertTransition,
  catalogOf,
  checkPublishedDatabase,
  colourNames,
  convergeSwaps,
  databaseSwapUnsupported,
  describeSwap,
  ensureScopeColumn,
  executeSwap,
  inspectSwap,
  isInProgress,
  manifestModels,
  openDeployContext,
  planContext,
  publishedOfRendered,
  recordFailure,
  resolveDatabaseScope,
  resolvePublished,
  suffixed,
  watchSignals
} from "./chunk-WL7F7LXX.js";
import {
  acquireLock,
  adminNames,
  checkEnvironment,
  databaseScopeValue,
  ensureAdmin,
  eventValues,
  newDeployId,
  otherColour,
  readDeployState,
  readDeployStateStatements,
  readLock
} from "./chunk-4W35UCXX.js";
import {
  deploySqlFor
} from "./chunk-U2YJDY4W.js";
import {
  runStatement
} from "./chunk-JK3NYHQT.js";
import {
  GateFailure,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/deploy/checks.ts
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
var FAILING = /* @__PURE__ */ new Set(["error", "fail", "runtime error"]);
function checkRunResults(runResults, warnPolicy = "allow") {
  if (!runResults) return { name: "run-results", status: "skip", message: "no run_results.json given; dbt build results were not checked" };
  const failed = runResults.results.filter((r) => FAILING.has(String(r.status)));
  const warned = runResults.results.filter((r) => String(r.status) === "warn");
  const line = (r) => `${r.unique_id}: ${r.status}${r.message ? ` — ${String(r.message).split("\n")[0].slice(0, 200)}` : ""}`;
  if (failed.length || warnPolicy === "fail" && warned.length) {
    const items = [...failed, ...warnPolicy === "fail" ? warned : []].map(line);
    return {
      name: "run-results",
      status: "fail",
      message: `${failed.length} node(s) errored or failed${warnPolicy === "fail" && warned.length ? ` and ${warned.length} warned (warnings fail this deploy)` : ""} in run_results.json`,
      items
    };
  }
  return {
    name: "run-results",
    status: warned.length ? "warn" : "pass",
    message: `${runResults.results.length} result(s), none errored or failed${warned.length ? `; ${warned.length} warning(s) allowed` : ""}`,
    items: warned.length ? warned.map(line) : void 0
  };
}
function checkModelsExist(schemas, fromManifest) {
  if (!fromManifest) return { name: "models-exist", status: "skip", message: "no manifest given; publishing every relation found in the new colour" };
  const items = schemas.flatMap((s) => s.missing.map((m) => `${s.colourSchema}.${m} is in the manifest but not in the warehouse`));
  const empty = schemas.filter((s) => s.models.length === 0 && s.missing.length === 0).map((s) => `${s.published}: the manifest has no model in this schema`);
  if (items.length) return { name: "models-exist", status: "fail", message: `${items.length} model(s) missing from the new colour`, items };
  const total = schemas.reduce((n, s) => n + s.models.length, 0);
  return { name: "models-exist", status: empty.length ? "warn" : "pass", message: `all ${total} model(s) of the manifest exist in the new colour`, items: empty.length ? empty : void 0 };
}
async function counts(warehouse, sql, database, schema, tables) {
  const out = /* @__PURE__ */ new Map();
  if (!tables.length) return out;
  const want = new Set(tables);
  for (const st of sql.rowCounts(database, schema, tables)) {
    const rows = await runStatement(warehouse, st);
    for (const r of rows) {
      const name = String(r.name);
      const n = r.n;
      if (want.has(name) && n !== null && n !== void 0) out.set(name, Number(n));
    }
  }
  return out;
}
async function checkRowCountsAgainstLive(warehouse, sql, database, schemas, opts) {
  const items = [];
  let compared = 0;
  let firstDeploy = true;
  for (const s of schemas) {
    if (!s.liveColourSchema) continue;
    firstDeploy = false;
    const liveRels = await listRelations(warehouse, sql, database, s.liveColourSchema);
    const liveTables = new Set(liveRels.filter((r) => r.kind === "table").map((r) => r.name));
    const tables = s.models.filter((m) => m.kind !== "view" && liveTables.has(m.source)).map((m) => m.source);
    if (!tables.length) continue;
    const [now, before] = await Promise.all([counts(warehouse, sql, database, s.colourSchema, tables), counts(warehouse, sql, database, s.liveColourSchema, tables)]);
    for (const t of tables) {
      const n = now.get(t);
      const b = before.get(t);
      if (n === void 0 || b === void 0) continue;
      compared++;
      if (b > 0 && n === 0) {
        items.push(`${s.colourSchema}.${t}: ${b} → 0 rows (a populated table went empty)`);
        continue;
      }
      if (opts.tolerancePct !== null && b > 0) {
        const pct = Math.abs(n - b) / b * 100;
        if (pct > opts.tolerancePct) items.push(`${s.colourSchema}.${t}: ${b} → ${n} rows (${n >= b ? "+" : "-"}${pct.toFixed(1)}%; beyond the tolerance of ±${opts.tolerancePct}%)`);
      }
    }
  }
  if (firstDeploy) return { name: "row-counts", status: "skip", message: "first deploy: no live colour to compare row counts with" };
  if (items.length) return { name: "row-counts", status: "fail", message: `${items.length} table(s) outside the row-count tolerance of the live colour`, items };
  return { name: "row-counts", status: "pass", message: `${compared} table(s) within ${opts.tolerancePct === null ? "the populated → empty guard" : `the tolerance of ±${opts.tolerancePct}% of the live colour`}` };
}
async function listRelations(warehouse, sql, database, schema) {
  const st = sql.listRelations(database, schema);
  const rows = await runStatement(warehouse, st);
  return rows.map((r) => ({ name: String(r.name), kind: r.kind === "view" ? "view" : "table" }));
}
async function loadUserChecks(dir) {
  let names;
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error("not a folder");
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith(".sql")).sort();
  } catch {
    throw new UserError(`The checks folder ${dir} does not exist or is not a folder.`, { hint: "Pass --checks-dir pointing at a folder of .sql files that must return zero rows, or leave it out." });
  }
  const out = [];
  for (const n of names) {
    const text = (await readFile(join(dir, n), "utf8")).trim().replace(/;\s*$/, "");
    if (!text) throw new UserError(`The check ${join(dir, n)} is empty.`, { hint: "Write one SELECT that returns the offending rows (zero rows = pass), or delete the file." });
    if (/;\s*\S/.test(text.replace(/--[^\n]*/g, "").replace(/'(?:[^']|'')*'/g, "''"))) {
      throw new UserError(`The check ${join(dir, n)} holds more than one statement.`, { hint: "Put one SELECT per file." });
    }
    out.push({ name: n, sql: text });
  }
  return out;
}
function renderUserCheck(sql, vars) {
  return sql.replace(/\{\{\s*(suffix|schema_suffix|colour|color)\s*\}\}/g, (_m, k) => k === "suffix" || k === "schema_suffix" ? vars.suffix : vars.colour);
}
async function runUserChecks(warehouse, files, vars) {
  const out = [];
  for (const f of files) {
    const name = `user-check:${f.name}`;
    try {
      const { rows } = await warehouse.queryOne(renderUserCheck(f.sql, vars));
      if (rows.length === 0) out.push({ name, status: "pass", message: "returned no rows" });
      else out.push({ name, status: "fail", message: `returned ${rows.length} row(s); a check passes only with zero rows`, items: rows.slice(0, 5).map((r) => JSON.stringify(r).slice(0, 300)) });
    } catch (err) {
      out.push({ name, status: "fail", message: `the query failed: ${err.message.split("\n")[0]}` });
    }
  }
  return out;
}
async function runExtraChecks(extra, ctx) {
  const out = [];
  for (const [i, fn] of (extra ?? []).entries()) {
    try {
      const r = await fn(ctx);
      out.push(...Array.isArray(r) ? r : [r]);
    } catch (err) {
      out.push({ name: `extra-check:${fn.name || i + 1}`, status: "fail", message: `the check threw: ${err.message}` });
    }
  }
  return out;
}
function formatChecks(results) {
  const icon = { pass: "✓", fail: "✗", warn: "!", skip: "-" };
  return results.map((r) => `${icon[r.status]} ${r.name}: ${r.message}${r.items?.length ? "\n" + r.items.map((i) => `    ${i}`).join("\n") : ""}`).join("\n");
}
async function checkBuildProof(warehouse, sql, a, args) {
  const items = [];
  const notes = [];
  const colourOf = new Map(args.schemas.map((s) => [s.published.toUpperCase(), s.colourSchema]));
  if (args.manifest) {
    for (const n of Object.values(args.manifest.nodes)) {
      if (!["model", "seed", "snapshot"].includes(n.resource_type) || n.config?.materialized === "ephemeral" || n.config?.enabled === false || !n.schema) continue;
      const p = args.publishedOf(n.schema);
      const want = p ? colourOf.get(p.toUpperCase()) : void 0;
      if (!want) continue;
      let got;
      try {
        got = args.catalogSchema(n.schema);
      } catch {
        got = n.schema;
      }
      if (got !== want) items.push(`${n.unique_id}: the manifest says it was built into ${got}, but this deploy (${args.deployId}) prepared ${want}: the manifest is from another build`);
    }
  }
  const prepared = args.preparedAt ? Date.parse(args.preparedAt) : NaN;
  const rrAt = args.runResults?.metadata?.generated_at ? Date.parse(String(args.runResults.metadata.generated_at)) : NaN;
  let runResultsFresh = false;
  if (args.runResults) {
    if (Number.isNaN(rrAt)) notes.push("run_results.json has no metadata.generated_at; its age was not checked");
    else if (!Number.isNaN(prepared) && rrAt < prepared) {
      items.push(`run_results.json was written at ${new Date(rrAt).toISOString()}, before this deploy's prepare at ${new Date(prepared).toISOString()}: it is from an earlier build`);
    } else runResultsFresh = true;
    const mInv = args.manifest?.metadata?.invocation_id;
    const rInv = args.runResults.metadata?.invocation_id;
    if (mInv && rInv && mInv !== rInv) notes.push(`manifest.json (invocation ${mInv}) and run_results.json (invocation ${rInv}) come from different dbt invocations`);
  }
  const okIncremental = /* @__PURE__ */ new Set();
  if (runResultsFresh && args.manifest && args.runResults) {
    const succeeded = new Set(args.runResults.results.filter((r) => String(r.status) === "success").map((r) => r.unique_id));
    for (const n of Object.values(args.manifest.nodes)) if (n.config?.materialized === "incremental" && succeeded.has(n.unique_id)) okIncremental.add(String(n.alias ?? n.name).toUpperCase());
  }
  let checked = 0;
  for (const s of args.schemas) {
    const st = sql.relationsBuiltSince(a, a.database, s.colourSchema, args.environment, args.deployId);
    const rows = await runStatement(warehouse, st);
    const fresh = new Map(rows.map((r) => [String(r.name), r.fresh]));
    for (const m of s.models) {
      checked++;
      const f = fresh.get(m.source);
      if (f === true || f === "t" || f === "true" || f === 1) continue;
      if (okIncremental.has(m.source.toUpperCase())) {
        notes.push(`${s.colourSchema}.${m.source} is incremental: its table predates prepare, run_results shows it ran after prepare`);
        continue;
      }
      items.push(`${s.colourSchema}.${m.source} was not created or replaced after this deploy's prepare: it is left from an earlier build`);
    }
  }
  if (items.length) return { name: "build-proof", status: "fail", message: `${items.length} thing(s) in the ${args.colour} colour were not built by deploy ${args.deployId} after its prepare`, items: [...items, ...notes] };
  return {
    name: "build-proof",
    status: notes.length ? "warn" : "pass",
    message: `${checked} relation(s) created or replaced after prepare${args.manifest ? "; the manifest names this colour" : ""}${runResultsFresh ? "; run_results.json written after prepare" : ""}`,
    items: notes.length ? notes : void 0
  };
}
async function checkForeignObjects(warehouse, sql, database, schemas) {
  const items = [];
  for (const s of schemas) {
    const allowed = new Set(s.colourSchemas);
    for (const schema of [s.published, s.next]) {
      const ex = sql.schemaExists(database, schema);
      if (!(await runStatement(warehouse, ex)).length) continue;
      const objs = sql.schemaObjects(database, schema);
      const vs = sql.viewSources(database, schema);
      const objects = (await runStatement(warehouse, objs)).map((r) => ({ name: String(r.name), kind: String(r.kind) }));
      const sources = /* @__PURE__ */ new Map();
      for (const v of sql.parseViewSources(await runStatement(warehouse, vs))) sources.set(v.view, [...sources.get(v.view) ?? [], v.sourceSchema]);
      for (const o of objects) {
        const src = sources.get(o.name) ?? [];
        if (o.kind === "view" && src.length > 0 && src.every((x) => allowed.has(x))) continue;
        items.push(`${schema}.${o.name} (${o.kind}${o.kind === "view" ? `, reads ${src.length ? src.join(", ") : "no colour schema"}` : ""}) was not created by Slipway`);
      }
    }
  }
  if (items.length) {
    return { name: "foreign-objects", status: "fail", message: `${items.length} object(s) Slipway did not create would be moved or dropped by the cutover; nothing was touched. Take the schema over with \`slipway deploy adopt\` (see docs/adoption.md)`, items };
  }
  return { name: "foreign-objects", status: "pass", message: "the published and staging schemas hold only Slipway views" };
}

// shared/deploy/cutover.ts
async function planSchemas(q, ctx, args) {
  const { sql, names, dialect: d } = ctx;
  const expected = args.manifest ? manifestModels(args.manifest, args.published, names, d) : void 0;
  const plans = [];
  for (const p of args.published) {
    const colourSchema = suffixed(p, names.suffix[args.colour], d, names.quoting);
    const rels = await listRelations(q, sql, ctx.admin.database, colourSchema);
    const exact = new Map(rels.map((r) => [r.name, r]));
    const folded = new Map(rels.map((r) => [r.name.toUpperCase(), r]));
    const models = [];
    const missing = [];
    if (expected) {
      for (const m of expected.get(p) ?? []) {
        const r = exact.get(m) ?? folded.get(m.toUpperCase());
        if (r) models.push({ name: r.name, source: r.name, kind: r.kind });
        else missing.push(m);
      }
    } else {
      for (const r of rels) models.push({ name: r.name, source: r.name, kind: r.kind });
    }
    plans.push(schemaPlan(ctx, p, args.colour, args.previousColour, models, missing));
  }
  return plans;
}
function schemaPlan(ctx, p, colour, previousColour, models, missing) {
  const { names, dialect: d } = ctx;
  return {
    published: p,
    colourSchema: suffixed(p, names.suffix[colour], d, names.quoting),
    liveColourSchema: previousColour ? suffixed(p, names.suffix[previousColour], d, names.quoting) : void 0,
    next: suffixed(p, names.next, d, names.quoting),
    models,
    missing
  };
}
function buildStatements(sql, database, plan) {
  return [...sql.recreateSchema(database, plan.next), ...plan.models.map((m) => ({ ...sql.createView(database, plan.next, m.name, plan.colourSchema, m.source), purpose: void 0 }))];
}
function failedSummary(checks) {
  return checks.filter((c) => c.status === "fail").map((c) => `${c.name}: ${c.message}${c.items?.length ? ` (${c.items.slice(0, 3).join("; ")}${c.items.length > 3 ? "; …" : ""})` : ""}`).join("\n  ");
}
function cutoverEvent(ctx, c, status, extra = {}) {
  const v = eventValues({ deploy_id: c.deployId, environment: ctx.environment, status, colour: c.colour, previous_colour: c.previousColour, actor: ctx.actor, run_url: ctx.runUrl ?? null, manifest_sha256: c.manifestSha256 ?? null, git_sha: c.gitSha ?? null, ...extra });
  return ctx.sql.insertEvent(ctx.admin, v);
}
function cutoverOpening(ctx, c, leaseMinutes) {
  return { renew: ctx.sql.renewLock(ctx.admin, ctx.environment, c.deployId, leaseMinutes ?? DEFAULT_LEASE_MINUTES), built: cutoverEvent(ctx, c, "BUILT") };
}
function cutoverSwapPlan(ctx, c, plans, o) {
  const { sql, admin: a, environment } = ctx;
  const scope = o.scope;
  const dbSql = scope ? sql.databaseScope : void 0;
  if (scope && !dbSql) throw databaseSwapUnsupported(ctx.dialect);
  const targets = scope && dbSql ? plans.map((p) => ({
    published: p.published,
    next: p.published,
    build: [dbSql.createSchema(scope.next, p.published), ...p.models.map((m) => dbSql.createView(scope.next, p.published, m.name, scope.data, p.colourSchema, m.source))],
    nextViews: p.models.map((m) => m.name)
  })) : plans.map((p) => ({ published: p.published, next: p.next, build: buildStatements(sql, a.database, p), nextViews: p.models.map((m) => m.name) }));
  const record = [
    cutoverEvent(ctx, c, "LIVE", { previous_deploy_id: c.previousDeployId, schemasList: c.published, checkResults: o.checks, ...scope ? { cutover_scope: databaseScopeValue(scope.published) } : {} }),
    ...c.previousDeployId ? [sql.insertEvent(a, eventValues({ deploy_id: c.previousDeployId, environment, status: "SUPERSEDED", colour: c.previousColour, actor: ctx.actor, run_url: ctx.runUrl ?? null, reason: `superseded by ${c.deployId}` }))] : [],
    sql.releaseLock(a, environment, c.deployId)
  ];
  const intent = !scope && targets.length > 1 ? cutoverEvent(ctx, c, "SWAPPING", { schemasList: c.published }) : void 0;
  return { targets, record, options: { environment, holder: c.deployId, database: a.database, lockTimeoutMs: o.lockTimeoutMs, databaseScope: scope, ...intent ? { intent } : {} } };
}
async function cutoverDeploy(wh, opts, rt) {
  const t0 = Date.now();
  const ctx = await openDeployContext(wh, opts, rt);
  const { sql, admin: a, names, dialect, environment } = ctx;
  const scope = resolveDatabaseScope(dialect, wh.capabilities.databaseSwap, opts);
  const database = a.database;
  const state = await readDeployState(wh, ctx.state);
  if (!state.initialised) throw new UserError(`Nothing was prepared for environment '${environment}': DEPLOY_STATE does not exist yet.`, { hint: "Run `slipway deploy prepare` (phase: prepare) before the dbt build, then cutover." });
  const holder = state.lock?.holder;
  const deployId = opts.deployId ?? holder;
  if (!deployId) throw new UserError(`No deploy is in progress for environment '${environment}' (the deploy lock is free).`, { hint: "Run `slipway deploy prepare` first; it takes the lock and picks the colour to build." });
  const record = state.deploys.find((d) => d.deployId === deployId);
  if (!record) throw new UserError(`Deploy ${deployId} is not in DEPLOY_STATE for environment '${environment}'.`, { hint: "Pass the deploy-id printed by prepare, or leave it out to use the deploy holding the lock." });
  if (holder !== deployId) {
    throw new GateFailure(`Deploy ${deployId} does not hold the deploy lock for environment '${environment}' (${holder ? `held by ${holder}` : "it is free"}); its status is ${record.status}.`, {
      hint: "Its lease expired or it was unlocked or already finished. Start again with `slipway deploy prepare`."
    });
  }
  if (record.status === "SWAPPING") {
    const prevLive = state.live;
    const finish = [
      sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "LIVE", colour: record.colour, previous_colour: prevLive?.colour ?? null, previous_deploy_id: prevLive?.deployId ?? null, schemasList: record.schemas, actor: ctx.actor, run_url: ctx.runUrl ?? null })),
      ...prevLive ? [sql.insertEvent(a, eventValues({ deploy_id: prevLive.deployId, environment, status: "SUPERSEDED", colour: prevLive.colour, actor: ctx.actor, run_url: ctx.runUrl ?? null, reason: `superseded by ${deployId}` }))] : [],
      sql.releaseLock(a, environment, deployId)
    ];
    const done = await convergeSwaps(ctx, state, "finish", `cutover rerun of ${deployId}`, finish);
    const colour2 = record.colour ?? "blue";
    return {
      deployId,
      environment,
      colour: colour2,
      previousColour: prevLive?.colour ?? null,
      previousDeployId: prevLive?.deployId ?? null,
      schemaSuffix: names.suffix[colour2],
      published: record.schemas,
      schemas: record.schemas.map((p) => suffixed(p, names.suffix[colour2], dialect, names.quoting)),
      models: 0,
      checks: [],
      statements: [],
      swapStatements: done?.swapped.length ?? 0,
      swapWindowMs: 0,
      grantsMirrored: 0,
      durationMs: Date.now() - t0,
      checksMs: 0,
      switchMs: 0,
      scope: "schema"
    };
  }
  if (record.status !== "STARTED" && record.status !== "BUILT" && record.status !== "CHECKED") {
    throw new GateFailure(`Deploy ${deployId} is ${record.status}; only a STARTED deploy can be cut over.`, { hint: "Start a new deploy with `slipway deploy prepare`." });
  }
  const colour = record.colour ?? "blue";
  const previousColour = state.live?.colour ?? null;
  const previousDeployId = state.live?.deployId ?? null;
  const published = record.schemas.length ? record.schemas : resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const suffix = names.suffix[colour];
  const who = { deployId, colour, previousColour, previousDeployId, published, gitSha: opts.gitSha, manifestSha256: opts.manifestSha256 };
  const opening = cutoverOpening(ctx, who, opts.leaseMinutes);
  let checks = [];
  try {
    await runStatement(wh, opening.renew);
    const dbSql = scope ? sql.databaseScope : void 0;
    if (scope && dbSql) await checkPublishedDatabase(wh, sql, dbSql, scope, published);
    await runStatement(wh, opening.built);
    const tChecks = Date.now();
    const plans = await planSchemas(wh, ctx, { published, colour, previousColour, manifest: opts.manifest });
    const checkCtx = { warehouse: wh, environment, deployId, colour, previousColour, schemas: plans, manifest: opts.manifest, runResults: opts.runResults };
    checks.push(checkRunResults(opts.runResults, opts.warnPolicy ?? "allow"));
    checks.push(
      await checkBuildProof(wh, sql, a, {
        environment,
        deployId,
        colour,
        schemas: plans,
        preparedAt: record.startedAt,
        manifest: opts.manifest,
        runResults: opts.runResults,
        catalogSchema: (r) => catalogOf(r, names, dialect),
        publishedOf: (r) => publishedOfRendered(r, names, dialect, published)
      })
    );
    if (!scope) {
      const colourSchemas = (p) => [suffixed(p, names.suffix.blue, dialect, names.quoting), suffixed(p, names.suffix.green, dialect, names.quoting)];
      checks.push(await checkForeignObjects(wh, sql, database, plans.map((p) => ({ published: p.published, next: p.next, colourSchemas: colourSchemas(p.published) }))));
    }
    checks.push(checkModelsExist(plans, !!opts.manifest));
    const empty = plans.filter((p) => p.models.length === 0);
    if (empty.length === plans.length) checks.push({ name: "not-empty", status: "fail", message: `the ${colour} colour holds nothing to publish`, items: plans.map((p) => `${p.colourSchema} is empty`) });
    checks.push(await checkRowCountsAgainstLive(wh, sql, database, plans, { tolerancePct: opts.rowCountTolerancePct === void 0 ? DEFAULT_ROW_COUNT_TOLERANCE : opts.rowCountTolerancePct }));
    if (opts.checksDir) checks.push(...await runUserChecks(wh, await loadUserChecks(opts.checksDir), { suffix, colour }));
    checks.push(...await runExtraChecks(opts.extraChecks, checkCtx));
    const failed = checks.filter((c) => c.status === "fail");
    if (failed.length) {
      await recordFailure(ctx, { deployId, colour, error: `${failed.length} pre-cutover check(s) failed: ${failed.map((c) => c.name).join(", ")}`, checks });
      throw new GateFailure(`Deploy ${deployId} was not cut over: ${failed.length} pre-cutover check(s) failed.
  ${failedSummary(checks)}`, {
        hint: `Consumers still read the ${previousColour ?? "previous"} colour. Fix the failures, then run a new deploy.`,
        details: { checks }
      });
    }
    await runStatement(wh, cutoverEvent(ctx, who, "CHECKED", { checkResults: checks }));
    const checksMs = Date.now() - tChecks;
    const swap = cutoverSwapPlan(ctx, who, plans, { scope, checks, lockTimeoutMs: opts.lockTimeoutMs });
    if (dbSql) await ensureScopeColumn(wh, dbSql, a);
    const tSwitch = Date.now();
    const signals = watchSignals();
    let outcome;
    try {
      outcome = await executeSwap(ctx, { ...swap, options: { ...swap.options, signals } });
    } finally {
      signals.dispose();
    }
    const switchMs = Date.now() - tSwitch;
    if (outcome.swapWindowMs > 0) {
      rt.warn(`The ${plans.length} published schemas were swapped one after another within ${outcome.swapWindowMs} ms; a query joining across them in that window could mix colours. Each schema's own swap is atomic.`);
    }
    if (opts.afterLive) {
      try {
        await opts.afterLive(checkCtx);
      } catch (err) {
        rt.warn(`Deploy ${deployId} is LIVE, but a post-deploy step failed: ${err.message}`);
      }
    }
    const models = plans.reduce((n, p) => n + p.models.length, 0);
    rt.info(
      `Deploy ${deployId} is LIVE: ${models} view(s) in ${published.join(", ")} now read the ${colour} colour (${outcome.swapStatements.length} swap statement(s)${scope ? `: database scope, ${scope.published} ⇄ ${scope.next}` : ""}).`
    );
    return {
      deployId,
      environment,
      colour,
      previousColour,
      previousDeployId,
      schemaSuffix: suffix,
      published,
      schemas: plans.map((p) => p.colourSchema),
      models,
      checks,
      statements: outcome.statements,
      swapStatements: outcome.swapStatements.length,
      swapWindowMs: outcome.swapWindowMs,
      grantsMirrored: outcome.grantsMirrored,
      durationMs: Date.now() - t0,
      checksMs,
      switchMs,
      scope: scope ? "database" : "schema",
      ...scope ? { databases: { published: scope.published, next: scope.next } } : {}
    };
  } catch (err) {
    const mixed = !!err.details?.mixed;
    if (!mixed && !(err instanceof GateFailure && err.details?.checks)) {
      const lock = await readLock(wh, sql, a, environment).catch(() => void 0);
      if (!lock || lock.holder === deployId) {
        const grantItems = (err instanceof GateFailure ? err.details?.items : void 0) ?? void 0;
        if (grantItems) checks = [...checks, { name: "grants", status: "fail", message: err.message, items: grantItems }];
        await recordFailure(ctx, { deployId, colour, error: err.message, checks });
      }
    }
    throw err;
  }
}
function checkReads(ctx, c, plans, scope) {
  const { sql, admin: a, environment } = ctx;
  const db = a.database;
  const out = [];
  for (const p of plans) out.push({ ...sql.listRelations(db, p.colourSchema), purpose: `what the ${c.colour} colour holds in ${p.colourSchema}` });
  for (const p of plans) out.push({ ...sql.relationsBuiltSince(a, db, p.colourSchema, environment, c.deployId), purpose: `check: every relation of ${p.colourSchema} was built after prepare` });
  if (!scope) {
    for (const p of plans) for (const s of [p.published, p.next]) out.push({ ...sql.schemaObjects(db, s), purpose: `check: ${s} holds only what Slipway made` }, sql.viewSources(db, s));
  }
  for (const p of plans) {
    out.push(...sql.rowCounts(db, p.colourSchema, p.models.map((m) => m.name)));
    if (p.liveColourSchema) out.push(...sql.rowCounts(db, p.liveColourSchema, p.models.map((m) => m.name)).map((st) => ({ ...st, purpose: "check: row counts against the live colour" })));
  }
  return out;
}
async function cutoverPlan(opts) {
  const ctx = await planContext(opts.dialect, opts);
  const { sql, admin: a, names, dialect, environment } = ctx;
  const wh = opts.wh;
  const scope = resolveDatabaseScope(dialect, wh ? wh.capabilities.databaseSwap : dialect === "snowflake", opts);
  const dbSql = scope ? sql.databaseScope : void 0;
  if (scope && !dbSql) throw databaseSwapUnsupported(dialect);
  const state = wh ? await readDeployState(wh, ctx.state) : void 0;
  const deployId = opts.deployId ?? "<deploy-id>";
  const record = state?.deploys.find((d) => d.deployId === deployId);
  const published = record?.schemas.length ? record.schemas : resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const colour = opts.colour ?? record?.colour ?? "green";
  const previousDeployId = opts.previousDeployId === void 0 ? "<previous-deploy-id>" : opts.previousDeployId;
  const previousColour = previousDeployId === null ? null : state?.live?.colour ?? otherColour(colour);
  const c = { deployId, colour, previousColour, previousDeployId, published, gitSha: opts.gitSha, manifestSha256: opts.manifestSha256 };
  const models = opts.manifest ? manifestModels(opts.manifest, published, names, dialect) : /* @__PURE__ */ new Map();
  const plans = wh ? await planSchemas(wh, ctx, { published, colour, previousColour, manifest: opts.manifest }) : published.map((p) => schemaPlan(ctx, p, colour, previousColour, (models.get(p) ?? []).map((m) => ({ name: m, source: m })), []));
  const swap = cutoverSwapPlan(ctx, c, plans, { scope, checks: [], lockTimeoutMs: opts.lockTimeoutMs });
  const seen = wh ? await inspectSwap({ ...ctx, wh }, swap) : void 0;
  const opening = cutoverOpening(ctx, c, opts.leaseMinutes);
  const scopeColumn = [];
  if (dbSql) {
    const present = wh ? (await runStatement(wh, dbSql.scopeColumnExists(a))).length > 0 : void 0;
    scopeColumn.push(dbSql.scopeColumnExists(a), ...present ? [] : [{ ...dbSql.addScopeColumn(a), ...present === void 0 ? { purpose: "only when DEPLOY_STATE has no cutover_scope column yet" } : {} }]);
  }
  return [
    ...readDeployStateStatements(sql, a, environment),
    opening.renew,
    opening.built,
    ...checkReads(ctx, c, plans, scope),
    { ...cutoverEvent(ctx, c, "CHECKED", { checkResults: [] }), purpose: "DEPLOY_STATE row: CHECKED, with the results of the checks above" },
    ...scopeColumn,
    ...describeSwap(wh ? { ...ctx, wh } : ctx, swap, seen)
  ];
}

// shared/deploy/control.ts
async function unlockDeploy(wh, opts, rt) {
  const ctx = await openDeployContext(wh, opts, rt);
  const { sql, admin: a, environment } = ctx;
  if (!opts.reason?.trim()) throw new UserError("An unlock needs a reason.", { hint: 'Pass --reason "<why the holder is dead>"; it is recorded in DEPLOY_STATE.' });
  const state = await readDeployState(wh, ctx.state);
  const lock = state.lock;
  if (!state.initialised || !lock?.holder) {
    rt.info(`The deploy lock for environment '${environment}' is already free.`);
    return { environment, clearedHolder: null };
  }
  const held = state.deploys.find((d) => d.deployId === lock.holder);
  if (held?.status === "SWAPPING") await convergeSwaps(ctx, state, "reverse", `unlock by ${opts.actor} (${opts.reason})`);
  else if (!held || isInProgress(held.status)) {
    await runStatement(wh, sql.insertEvent(a, eventValues({ deploy_id: lock.holder, environment, status: "FAILED", actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `deploy lock cleared by ${opts.actor}`, reason: opts.reason })));
  }
  await runStatement(wh, sql.forceUnlock(a, environment));
  rt.info(`Cleared the deploy lock of ${lock.holder} (${lock.runUrl ?? "no run URL"}) for environment '${environment}'; recorded as FAILED with reason: ${opts.reason}`);
  return { environment, clearedHolder: lock.holder, lock };
}
async function abortDeploy(wh, opts, rt) {
  const ctx = await openDeployContext(wh, opts, rt);
  const { sql, admin: a, environment } = ctx;
  if (!opts.reason?.trim()) throw new UserError("An abort needs a reason.", { hint: 'Pass --reason "<what failed>"; it is recorded in DEPLOY_STATE.' });
  const state = await readDeployState(wh, ctx.state);
  const holder = state.lock?.holder ?? null;
  const deployId = opts.deployId ?? holder;
  if (!state.initialised || !deployId) {
    rt.info(`No deploy is in progress for environment '${environment}'; nothing to abort.`);
    return { environment, deployId: null, aborted: false };
  }
  if (holder !== deployId) {
    const record = state.deploys.find((d) => d.deployId === deployId);
    if (record && record.status === "FAILED") {
      rt.info(`Deploy ${deployId} is already FAILED and does not hold the lock; nothing to abort.`);
      return { environment, deployId, aborted: false };
    }
    if (record && (record.status === "LIVE" || record.status === "SUPERSEDED" || record.status === "ROLLED_BACK")) {
      const what = record.status === "LIVE" ? `went LIVE: consumers read it now. Abort does not undo a cutover; to go back, run \`slipway rollback --environment ${environment} --reason …\`.` : `went live earlier and is now ${record.status}; nothing to abort.`;
      rt.warn(`Deploy ${deployId} ${what}`);
      return { environment, deployId, aborted: false };
    }
    throw new GateFailure(`Deploy ${deployId} does not hold the deploy lock for environment '${environment}' (${holder ? `held by ${holder}` : "it is free"}).`, {
      hint: holder ? `If ${holder} is dead, clear it with \`slipway deploy unlock --environment ${environment} --reason …\`.` : "Nothing to abort."
    });
  }
  const current = state.deploys.find((d) => d.deployId === deployId);
  if (current?.status === "SWAPPING") {
    await convergeSwaps(ctx, state, "reverse", `abort (${opts.reason})`);
  } else {
    if (current) assertTransition(current, "FAILED", "abort");
    await runStatement(wh, sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "FAILED", actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `aborted: ${opts.reason}`, reason: opts.reason })));
  }
  await runStatement(wh, sql.releaseLock(a, environment, deployId));
  rt.info(`Deploy ${deployId} aborted and recorded FAILED (${opts.reason}); the lock for '${environment}' is released and consumers keep the live colour.`);
  return { environment, deployId, aborted: true };
}
async function deployStatus(wh, opts) {
  const state = await readDeployState(wh, opts);
  let knownEnvironments;
  if (state.initialised && state.events.length === 0) {
    const sql = await deploySqlFor(wh.dialect);
    knownEnvironments = (await runStatement(wh, sql.selectEnvironments(adminNames(wh.dialect, opts)))).map((r) => String(r.environment));
  }
  const limit = opts.limit ?? 10;
  const recent = state.deploys.slice(-limit).reverse().map(({ events: _e, ...d }) => d);
  const history = state.events.slice(-limit * 4).reverse().map((e) => ({ at: e.recordedAt, deployId: e.deployId, status: e.status, actor: e.actor, why: e.reason ?? e.errorText, rolledBackTo: e.rolledBackTo, runUrl: e.runUrl }));
  return { environment: state.environment, initialised: state.initialised, live: state.live ?? null, lock: state.lock && state.lock.holder ? state.lock : null, recent, history, ...knownEnvironments ? { knownEnvironments } : {} };
}

// shared/deploy/report.ts
function deployOutputs(r) {
  return {
    colour: r.colour,
    "schema-suffix": r.schemaSuffix,
    "deploy-id": r.deployId,
    "previous-colour": r.previousColour ?? "",
    schemas: r.schemas.join(",")
  };
}
var DEPRECATED_DEPLOY_KEYS = {
  "schema-suffix": "schemaSuffix",
  "deploy-id": "deployId",
  "previous-colour": "previousColour",
  "published-schemas": "publishedSchemas",
  "previous-deploy-id": "previousDeployId",
  "swap-statements": "swapStatements",
  "swap-window-ms": "swapWindowMs",
  "cutover-scope": "cutoverScope",
  "grants-mirrored": "grantsMirrored",
  "duration-ms": "durationMs"
};
function deployJson(r) {
  const base = {
    colour: r.colour,
    schemaSuffix: r.schemaSuffix,
    deployId: r.deployId,
    previousColour: r.previousColour,
    schemas: r.schemas,
    environment: r.environment,
    publishedSchemas: r.published,
    previousDeployId: r.previousDeployId
  };
  const json = "checks" in r ? { ...base, status: "LIVE", models: r.models, checks: r.checks, swapStatements: r.swapStatements, swapWindowMs: r.swapWindowMs, cutoverScope: r.scope, ...r.databases ? { databases: r.databases } : {}, grantsMirrored: r.grantsMirrored, durationMs: r.durationMs } : { ...base, status: "STARTED" };
  const deprecated = {};
  const map = {};
  for (const [oldKey, newKey] of Object.entries(DEPRECATED_DEPLOY_KEYS)) {
    if (!(newKey in json)) continue;
    deprecated[oldKey] = json[newKey];
    map[oldKey] = newKey;
  }
  return { ...json, ...deprecated, deprecatedKeys: map };
}
function prepareText(r) {
  return [
    `deploy ${r.deployId} (${r.environment}) STARTED`,
    `  build colour:   ${r.colour} (suffix ${r.schemaSuffix})`,
    `  build into:     ${r.schemas.join(", ")}`,
    `  live colour:    ${r.previousColour ?? "none (first deploy)"}`,
    `  next: run dbt with SLIPWAY_SCHEMA_SUFFIX=${r.schemaSuffix}, then \`slipway deploy cutover --environment ${r.environment}\``
  ].join("\n");
}
function cutoverText(r) {
  return [
    `deploy ${r.deployId} (${r.environment}) is LIVE`,
    `  colour:   ${r.colour} (was ${r.previousColour ?? "none"})`,
    `  views:    ${r.models} in ${r.published.join(", ")}`,
    `  swap:     ${r.swapStatements} statement(s)${r.databases ? ` (database scope: ${r.databases.published} ⇄ ${r.databases.next})` : ""}${r.swapWindowMs ? `, ${r.swapWindowMs} ms between the first and the last` : ""}; ${r.grantsMirrored} grant(s) mirrored`,
    `  took:     ${r.durationMs} ms`,
    ...r.checks.map((c) => `  check ${c.status.padEnd(4)} ${c.name}: ${c.message}`)
  ].join("\n");
}
var ICON = { pass: "✅", fail: "❌", warn: "⚠️", skip: "➖" };
var cell = (s) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
function checksMarkdown(checks) {
  const rows = checks.map((c) => `| ${ICON[c.status]} | \`${cell(c.name)}\` | ${cell(c.message)}${c.items?.length ? `<br>${c.items.slice(0, 10).map((i) => cell(i)).join("<br>")}${c.items.length > 10 ? `<br>… ${c.items.length - 10} more` : ""}` : ""} |`);
  return ["| | Check | Result |", "|---|---|---|", ...rows].join("\n");
}
function cutoverMarkdown(r) {
  return [
    `### 🚢 Deploy \`${r.deployId}\` is live in \`${r.environment}\``,
    "",
    `Consumers now read the **${r.colour}** colour (${r.models} views in ${r.published.map((p) => `\`${p}\``).join(", ")}), previously **${r.previousColour ?? "none"}**. Cutover: ${r.swapStatements} swap statement(s)${r.databases ? ` (one database swap: \`${r.databases.published}\` ⇄ \`${r.databases.next}\`)` : ""}, ${r.grantsMirrored} grant(s) mirrored, ${r.durationMs} ms.`,
    "",
    checksMarkdown(r.checks),
    "",
    r.previousDeployId ? `Roll back with \`slipway rollback --environment ${r.environment} --reason "…"\` (back to \`${r.previousDeployId}\`).` : ""
  ].join("\n");
}
function failedMarkdown(deployId, environment, checks) {
  return [`### ❌ Deploy \`${deployId}\` was not cut over in \`${environment}\``, "", "Consumers still read the previous colour. Failed checks:", "", checksMarkdown(checks)].join("\n");
}
function statusText(s) {
  if (!s.initialised) return `environment ${s.environment}: nothing deployed yet (no DEPLOY_STATE)`;
  const one = (t, n = 100) => (t ?? "").split("\n")[0].slice(0, n);
  const lines = [
    `environment ${s.environment}`,
    `  live:  ${s.live ? `${s.live.deployId} (${s.live.colour}, git ${s.live.gitSha ?? "?"}, by ${s.live.actor ?? "?"}, since ${s.live.updatedAt ?? "?"} UTC)` : "nothing live"}`,
    `  lock:  ${s.lock ? `held by ${s.lock.holder}${s.lock.actor ? ` (${s.lock.actor})` : ""}${s.lock.runUrl ? ` ${s.lock.runUrl}` : ""}, lease until ${s.lock.expiresAt} UTC${s.lock.expired ? " — EXPIRED" : ""}` : "free"}`,
    "",
    "  recent deploys (newest first):",
    `    ${"deploy id".padEnd(28)} ${"status".padEnd(11)} ${"colour".padEnd(6)} ${"by".padEnd(16)} ${"last change (UTC)".padEnd(24)} note`,
    ...s.recent.map((d) => `    ${d.deployId.padEnd(28)} ${d.status.padEnd(11)} ${(d.colour ?? "-").padEnd(6)} ${one(d.actor, 16).padEnd(16)} ${(d.updatedAt ?? "").padEnd(24)} ${one(d.errorText, 120)}`)
  ];
  if (s.history?.length) {
    lines.push("", "  history (newest first): who did what, when and why", `    ${"when (UTC)".padEnd(24)} ${"deploy id".padEnd(28)} ${"became".padEnd(11)} ${"by".padEnd(16)} why`);
    for (const h of s.history) {
      const why = [h.rolledBackTo ? `rolled back to ${h.rolledBackTo}` : "", one(h.why, 120)].filter(Boolean).join(": ");
      lines.push(`    ${(h.at ?? "").padEnd(24)} ${h.deployId.padEnd(28)} ${h.status.padEnd(11)} ${one(h.actor, 16).padEnd(16)} ${why}`);
    }
  }
  return lines.join("\n");
}

// shared/dialects/adopt.ts
async function adoptSqlFor(dialect) {
  if (dialect === "snowflake") return (await import("./adopt-K32HAKUI.js")).snowflakeAdoptSql;
  return (await import("./adopt-SJJXNLXF.js")).postgresAdoptSql;
}

// shared/deploy/adopt.ts
async function schemaExists(wh, sql, db, schema) {
  return (await runStatement(wh, sql.schemaExists(db, schema))).length > 0;
}
async function objectsOf(wh, sql, db, schema) {
  if (!await schemaExists(wh, sql, db, schema)) return [];
  return (await runStatement(wh, sql.schemaObjects(db, schema))).map((r) => ({ name: String(r.name), kind: String(r.kind) }));
}
async function buildPlan(wh, sql, asql, a, names, opts) {
  const d = wh.dialect;
  const db = a.database;
  const state = await readDeployState(wh, opts);
  const problems = [];
  if (state.live) {
    throw new GateFailure(`Environment '${opts.environment}' is already under blue/green: deploy ${state.live.deployId} is LIVE on ${state.live.colour ?? "?"} (${state.live.schemas.join(", ")}). Nothing was changed.`, {
      hint: "Adoption is for the first time only; deploy as usual with `slipway deploy prepare` / `cutover`."
    });
  }
  if (state.lock?.holder && state.lock.holder !== opts.holder && !state.lock.expired) {
    problems.push(`the deploy lock is held by ${state.lock.holder}${state.lock.runUrl ? ` (run ${state.lock.runUrl})` : ""} until ${state.lock.expiresAt ?? "?"}`);
  }
  const schemas = [];
  const statements = [];
  for (const p of opts.published) {
    const blue = suffixed(p, names.suffix.blue, d, names.quoting);
    const others = [suffixed(p, names.suffix.green, d, names.quoting), suffixed(p, names.next, d, names.quoting)];
    if (!await schemaExists(wh, sql, db, p)) {
      problems.push(`${p} does not exist (nothing to adopt; a first deploy creates it)`);
      continue;
    }
    const objs = await objectsOf(wh, sql, db, p);
    const tables = objs.filter((o) => o.kind === "table").map((o) => o.name);
    const owned = new Set(asql.ownedSequences ? (await runStatement(wh, asql.ownedSequences(db, p))).map((r) => String(r.name)) : []);
    for (const o of objs) if (o.kind !== "table" && !(o.kind === "sequence" && owned.has(o.name))) problems.push(`${p}.${o.name} (${o.kind}) would not survive the move: only tables are adopted${o.kind === "view" ? " (a view holds SQL naming the tables; re-create it as a dbt model, or move it out of the schema)" : ""}`);
    if (!objs.length) problems.push(`${p} is empty (nothing to adopt; a first deploy creates its views)`);
    for (const s of [blue, ...others]) {
      const inside = await objectsOf(wh, sql, db, s);
      if (inside.length) problems.push(`${s} is not empty (${inside.slice(0, 5).map((o) => `${o.name} (${o.kind})`).join(", ")}${inside.length > 5 ? ", …" : ""}): adoption needs the colour and staging schemas empty`);
    }
    if (!tables.length) continue;
    const grantRows = [];
    for (const st of sql.readGrants(db, p)) grantRows.push(await runStatement(wh, st));
    const tableSet = new Set(tables);
    const grants = sql.parseGrants(grantRows, p).filter((g) => g.level === "object" && tableSet.has(g.on));
    schemas.push({ published: p, colourSchema: blue, tables });
    statements.push(sql.createSchemaIfMissing(db, blue));
    for (const t of tables) {
      statements.push(asql.moveTable(db, p, t, blue));
      statements.push({ ...sql.createView(db, p, t, blue, t), purpose: `adopt: consumers keep reading ${p}.${t}, now a view over ${blue}` });
    }
    statements.push(...sql.grantStatements(db, p, grants).map((g) => ({ ...g, purpose: g.purpose ?? "adopt: the table grant, on the view that replaces it" })));
  }
  if (problems.length) {
    throw new GateFailure(`Cannot adopt ${opts.published.join(", ")} into blue/green for environment '${opts.environment}'; nothing was changed:
  ${problems.join("\n  ")}`, {
      hint: "Fix each item above and run `slipway deploy adopt --dry-run` again. Slipway never drops or moves an object it does not take over whole.",
      details: { items: problems }
    });
  }
  const tablesTotal = schemas.reduce((n, s) => n + s.tables.length, 0);
  const check = { name: "adopt", status: "pass", message: `adopted ${tablesTotal} table(s) into the blue colour`, items: schemas.flatMap((s) => s.tables.map((t) => `${s.published}.${t} → ${s.colourSchema}.${t}`)) };
  statements.push(
    sql.insertEvent(
      a,
      eventValues({ deploy_id: opts.deployId, environment: opts.environment, status: "LIVE", colour: "blue", previous_colour: null, schemasList: opts.published, git_sha: opts.gitSha ?? null, run_url: opts.runUrl ?? null, actor: opts.actor, started_at: (/* @__PURE__ */ new Date()).toISOString(), checkResults: [check] })
    ),
    sql.releaseLock(a, opts.environment, opts.deployId)
  );
  const preamble = [
    ...state.initialised ? [] : sql.ensureAdmin(a),
    sql.ensureLockRow(a, opts.environment),
    sql.acquireLock(a, opts.environment, opts.deployId, opts.runUrl ?? null, opts.actor, opts.leaseMinutes ?? ADOPT_LEASE_MINUTES)
  ];
  return { deployId: opts.deployId, environment: opts.environment, colour: "blue", schemas, preamble, statements, transactional: !!(sql.transactional && wh.capabilities.transactionalDdl) };
}
function setup(wh, opts) {
  const environment = checkEnvironment(opts.environment);
  if (!opts.schemas?.length) throw new UserError("deploy adopt needs --schemas: the existing schemas consumers read today.", { hint: "e.g. slipway deploy adopt --environment production --schemas analytics --dry-run" });
  const names = colourNames(opts);
  const published = resolvePublished(opts.schemas, void 0, names, wh.dialect);
  return { environment, names, published };
}
async function adoptPlan(wh, opts) {
  const { environment, names, published } = setup(wh, opts);
  const sql = await deploySqlFor(wh.dialect);
  const asql = await adoptSqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  return buildPlan(wh, sql, asql, a, names, { ...opts, environment, published, deployId: opts.deployId ?? ADOPT_ID_PLACEHOLDER });
}
function adoptPlanStatements(plan) {
  const body = plan.transactional ? [{ sql: "BEGIN", purpose: "one transaction: consumers see the tables or the views, never neither" }, ...plan.statements, { sql: "COMMIT" }] : plan.statements;
  return [...plan.preamble, ...body];
}
var ADOPT_LEASE_MINUTES = 30;
var ADOPT_ID_PLACEHOLDER = "<deploy-id>";
async function adoptDeploy(wh, opts, rt) {
  const { environment, names, published } = setup(wh, opts);
  const sql = await deploySqlFor(wh.dialect);
  const asql = await adoptSqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  await buildPlan(wh, sql, asql, a, names, { ...opts, environment, published, deployId: "check" });
  await ensureAdmin(wh, sql, a);
  const deployId = newDeployId(/* @__PURE__ */ new Date(), "adopt-");
  await acquireLock(wh, sql, a, { environment, holder: deployId, runUrl: opts.runUrl ?? null, actor: opts.actor, leaseMinutes: opts.leaseMinutes ?? ADOPT_LEASE_MINUTES });
  let plan;
  try {
    plan = await buildPlan(wh, sql, asql, a, names, { ...opts, environment, published, deployId, holder: deployId });
    assertTransition(void 0, "LIVE", "adopt");
  } catch (err) {
    await runStatement(wh, sql.releaseLock(a, environment, deployId)).catch(() => void 0);
    throw err;
  }
  if (plan.transactional) {
    try {
      await wh.transaction(async (s) => {
        for (const st of plan.statements) await runStatement(s, st);
      });
    } catch (err) {
      await runStatement(wh, sql.releaseLock(a, environment, deployId)).catch(() => void 0);
      throw err;
    }
  } else {
    for (const st of plan.statements) await runStatement(wh, st);
  }
  const tablesMoved = plan.schemas.reduce((n, s) => n + s.tables.length, 0);
  const grantsCopied = plan.statements.filter((s) => /^GRANT /.test(s.sql)).length;
  rt.info(`Adopted ${published.join(", ")} (${environment}): ${tablesMoved} table(s) moved into the blue colour, consumers read the same names through views; deploy ${deployId} is LIVE. The next deploy builds green.`);
  return { ...plan, tablesMoved, viewsCreated: tablesMoved, grantsCopied };
}

export {
  formatChecks,
  cutoverDeploy,
  cutoverPlan,
  unlockDeploy,
  abortDeploy,
  deployStatus,
  deployOutputs,
  deployJson,
  prepareText,
  cutoverText,
  cutoverMarkdown,
  failedMarkdown,
  statusText,
  adoptPlan,
  adoptPlanStatements,
  adoptDeploy
};
