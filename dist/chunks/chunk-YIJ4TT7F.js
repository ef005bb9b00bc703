import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  catalogSchemaName,
  readProjectQuoting
} from "./chunk-MP6FIDRT.js";
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
  readLock,
  run
} from "./chunk-AX3CEADG.js";
import {
  loadManifest,
  loadRunResults
} from "./chunk-545Z3XKG.js";
import {
  col,
  deploySqlFor
} from "./chunk-Y3PEEM64.js";
import {
  resolveName,
  rulesFor
} from "./chunk-YTHL6NVM.js";
import {
  invocation
} from "./chunk-4EJKEUIK.js";
import {
  GateFailure,
  OperationError,
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
    const { rows } = await warehouse.query(st.sql, st.binds);
    for (const r of rows) {
      const name = String(col(r, "name"));
      const n = col(r, "n");
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
  const { rows } = await warehouse.query(st.sql, st.binds);
  return rows.map((r) => ({ name: String(col(r, "name")), kind: col(r, "kind") === "view" ? "view" : "table" }));
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
    const { rows } = await warehouse.query(st.sql, st.binds);
    const fresh = new Map(rows.map((r) => [String(col(r, "name")), col(r, "fresh")]));
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
      if (!(await warehouse.query(ex.sql, ex.binds)).rows.length) continue;
      const objs = sql.schemaObjects(database, schema);
      const vs = sql.viewSources(database, schema);
      const objects = (await warehouse.query(objs.sql, objs.binds)).rows.map((r) => ({ name: String(col(r, "name")), kind: String(col(r, "kind")) }));
      const sources = /* @__PURE__ */ new Map();
      for (const v of sql.parseViewSources((await warehouse.query(vs.sql, vs.binds)).rows)) sources.set(v.view, [...sources.get(v.view) ?? [], v.sourceSchema]);
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

// shared/deploy/names.ts
import { existsSync } from "node:fs";
import { join as join2 } from "node:path";
function colourNames(o) {
  const check = (s, what) => {
    if (!/^[A-Za-z0-9_]+$/.test(s)) throw new UserError(`The ${what} '${s}' may contain only letters, digits and underscores.`, { hint: `Use something like __BLUE / __GREEN / __NEXT.` });
    return s;
  };
  const blue = check(o.suffixBlue ?? "__BLUE", "blue suffix");
  const green = check(o.suffixGreen ?? "__GREEN", "green suffix");
  const next = check(o.suffixNext ?? "__NEXT", "staging suffix");
  if ((/* @__PURE__ */ new Set([blue.toUpperCase(), green.toUpperCase(), next.toUpperCase()])).size !== 3) {
    throw new UserError(`The blue, green and staging suffixes must differ (got ${blue}, ${green}, ${next}).`, { hint: "Keep the defaults __BLUE, __GREEN, __NEXT unless they clash with existing schemas." });
  }
  return { suffix: { blue, green }, next, ...o.quoting ? { quoting: o.quoting } : {} };
}
function nameLength(name, dialect) {
  return rulesFor(dialect).lengthUnit === "bytes" ? Buffer.byteLength(name, "utf8") : [...name].length;
}
function suffixed(published2, suffix, dialect, quoting) {
  const rendered = published2 + suffix;
  const rules = rulesFor(dialect);
  const len = nameLength(rendered, dialect);
  if (len > rules.maxLength) {
    const room = rules.maxLength - nameLength(suffix, dialect);
    throw new UserError(
      `The published schema '${published2.slice(0, 80)}' is too long for its ${suffix} schema: '${rendered.slice(0, 100)}' is ${len} ${rules.lengthUnit}; ${dialect} allows at most ${rules.maxLength}${dialect === "postgres" ? " (longer names are silently truncated, so two schemas could collide)" : ""}.`,
      { hint: `Use a published schema of at most ${room} ${rules.lengthUnit}, or shorter --suffix-blue / --suffix-green / --suffix-next.` }
    );
  }
  return catalogSchemaName(rendered, dialect, quoting);
}
var MODEL_TYPES = /* @__PURE__ */ new Set(["model", "seed", "snapshot"]);
function stripColour(schema, names) {
  for (const s of [names.suffix.blue, names.suffix.green]) if (schema.toUpperCase().endsWith(s.toUpperCase())) return schema.slice(0, -s.length);
  return schema;
}
function published(n) {
  return MODEL_TYPES.has(n.resource_type) && n.config?.materialized !== "ephemeral" && n.config?.enabled !== false && !!n.schema;
}
function schemasFromManifest(manifest, names) {
  const out = /* @__PURE__ */ new Set();
  for (const n of Object.values(manifest.nodes)) if (published(n)) out.add(stripColour(n.schema, names));
  return [...out].sort();
}
function manifestModels(manifest, publishedSchemas, names, dialect) {
  return new Map([...manifestNodes(manifest, publishedSchemas, names, dialect)].map(([p, nodes]) => [p, nodes.map((n) => n.name)]));
}
function manifestNodes(manifest, publishedSchemas, names, dialect) {
  const byUpper = new Map(publishedSchemas.map((p) => [p.toUpperCase(), p]));
  const out = new Map(publishedSchemas.map((p) => [p, []]));
  for (const n of Object.values(manifest.nodes)) {
    if (!published(n)) continue;
    const p = byUpper.get(resolveName(stripColour(n.schema, names), dialect).toUpperCase());
    if (!p) continue;
    const name = resolveName(String(n.alias ?? n.name), dialect);
    const list = out.get(p);
    if (!list.some((r) => r.name === name)) list.push({ name, uniqueId: n.unique_id, renderedSchema: n.schema, materialized: n.config?.materialized });
  }
  return out;
}
function resolvePublished(schemas, manifest, names, dialect) {
  const raw = schemas?.length ? schemas : manifest ? schemasFromManifest(manifest, names) : [];
  if (!raw.length) {
    throw new UserError("No published schemas were given.", { hint: "Pass --schemas ANALYTICS,MARTS (the schemas consumers query), or --manifest so Slipway can read them from the models." });
  }
  const out = [...new Set(raw.map((s) => resolveName(s.trim(), dialect)))];
  for (const p of out) {
    for (const suf of [names.suffix.blue, names.suffix.green, names.next]) {
      if (p.toUpperCase().endsWith(suf.toUpperCase())) throw new UserError(`The published schema ${p} already ends in ${suf}.`, { hint: "Name the consumer-facing schema (e.g. ANALYTICS), not one of its colour schemas." });
    }
    for (const suf of [names.suffix.blue, names.suffix.green, names.next]) suffixed(p, suf, dialect, names.quoting);
  }
  return out;
}
function publishedOfRendered(rendered, names, dialect, publishedSchemas) {
  const base = stripColour(rendered, names);
  if (base === rendered) return void 0;
  let resolved;
  try {
    resolved = resolveName(base, dialect);
  } catch {
    return void 0;
  }
  return publishedSchemas.find((p) => p.toUpperCase() === resolved.toUpperCase());
}
function catalogOf(rendered, names, dialect) {
  return catalogSchemaName(rendered, dialect, names.quoting);
}
function projectQuoting(projectDir) {
  if (!projectDir || !existsSync(join2(projectDir, "dbt_project.yml"))) return void 0;
  return readProjectQuoting(projectDir);
}

// shared/deploy/deploy.ts
import { createHash } from "node:crypto";
import { readFile as readFile2 } from "node:fs/promises";

// shared/deploy/lifecycle.ts
var IN_PROGRESS = ["STARTED", "BUILT", "CHECKED", "SWAPPING"];
var TRANSITIONS = [
  { from: null, to: "STARTED", by: ["prepare"], why: "prepare took the lock and picked the idle colour" },
  { from: null, to: "LIVE", by: ["adopt"], why: "deploy adopt moved an existing schema's tables into the blue colour under the lock (first deploy of the environment)" },
  { from: "STARTED", to: "BUILT", by: ["cutover"], why: "the build is done; cutover begins" },
  { from: "BUILT", to: "BUILT", by: ["cutover"], why: "a cutover rerun after a failure before its checks finished" },
  { from: "CHECKED", to: "BUILT", by: ["cutover"], why: "a cutover rerun after a failure before the swap" },
  { from: "BUILT", to: "CHECKED", by: ["cutover"], why: "every pre-cutover check passed" },
  { from: "CHECKED", to: "SWAPPING", by: ["cutover"], why: "the intended per-schema swaps are recorded before the first (non-transactional DDL)" },
  { from: "SWAPPING", to: "SWAPPING", by: ["cutover", "recovery"], why: "a rerun finishing the recorded swaps" },
  { from: "CHECKED", to: "LIVE", by: ["cutover"], why: "the swap committed" },
  { from: "SWAPPING", to: "LIVE", by: ["cutover", "recovery"], why: "every recorded swap is done" },
  ...["STARTED", "BUILT", "CHECKED", "SWAPPING"].map((from) => ({
    from,
    to: "FAILED",
    by: ["cutover", "abort", "unlock", "takeover", "prepare", "recovery"],
    why: "the deploy ended without going live (failed check, abort, unlock, expired lease, reversed swaps)"
  })),
  { from: "LIVE", to: "SUPERSEDED", by: ["cutover", "rollback", "recovery"], why: "another deploy went live" },
  { from: "LIVE", to: "ROLLED_BACK", by: ["rollback"], why: "a rollback took consumers back to an earlier deploy" },
  { from: "SUPERSEDED", to: "LIVE", by: ["rollback"], why: "rollback to the previous good deploy" },
  { from: "ROLLED_BACK", to: "LIVE", by: ["rollback"], why: "roll forward: only when named with --to (loud)" },
  { from: "FAILED", to: "LIVE", by: ["rollback"], why: "only a deploy that was LIVE before, only when named with --to (loud)" }
];
function transitionAllowed(from, to, by) {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by.includes(by));
}
function assertTransition(record, to, by) {
  const from = record?.status ?? null;
  if (!transitionAllowed(from, to, by)) {
    throw new OperationError(`Deploy ${record?.deployId ?? "(new)"} is ${from ?? "unknown"}; ${by} may not record it ${to}.`, {
      hint: "Another run changed this deploy first. Read `slipway deploy status` and rerun if still needed."
    });
  }
}
function isInProgress(status) {
  return !!status && IN_PROGRESS.includes(status);
}
function wasLive(d) {
  return d.events.some((e) => e.status === "LIVE");
}
function liveByRollback(e) {
  return e.status === "LIVE" && !!e.reason && e.reason.startsWith("rollback from ");
}
var pitrHint = (env, at) => `Use point-in-time recovery instead: slipway rollback --environment ${env} --at '${at ?? "<timestamp when it was live>"}' --reason "…" (Snowflake time travel).`;
function decideRollback(state, opts) {
  const env = opts.environment;
  const from = state.live;
  if (!from) throw new GateFailure(`Environment '${env}' has no live deploy to roll back.`, { hint: "Nothing was ever cut over here; check --environment." });
  const lastLive = from.events.filter((e) => e.status === "LIVE").at(-1);
  if (!opts.to && opts.runUrl && lastLive && liveByRollback(lastLive) && lastLive.runUrl === opts.runUrl) {
    const prevId = lastLive.previousDeployId;
    const prev = state.deploys.find((d) => d.deployId === prevId);
    if (prev && from.colour) return { from: prev, to: from, colour: from.colour, republishes: false, alreadyDone: true };
  }
  let to;
  if (opts.to) {
    to = state.deploys.find((d) => d.deployId === opts.to);
    if (!to) throw new UserError(`Deploy ${opts.to} is not in DEPLOY_STATE for environment '${env}'.`, { hint: "Pick a deploy id from `slipway deploy status --environment " + env + "`." });
    if (to.deployId === from.deployId) {
      if (!from.colour) throw new GateFailure(`DEPLOY_STATE does not record the colour of deploy ${from.deployId}.`, { hint: pitrHint(env) });
      return { from, to, colour: from.colour, republishes: false, alreadyDone: true };
    }
    if (!wasLive(to)) throw new GateFailure(`Deploy ${to.deployId} never went live (its status is ${to.status}); only a deploy that was live can be rolled back to.`, { hint: "Pick a deploy that was LIVE, from `slipway deploy status`." });
  } else {
    const pos2 = new Map(state.events.map((e, i) => [e, i]));
    const lastLivePos = (d) => Math.max(-1, ...d.events.filter((e) => e.status === "LIVE").map((e) => pos2.get(e) ?? -1));
    const candidates = state.deploys.filter((d) => d.deployId !== from.deployId && d.status === "SUPERSEDED" && wasLive(d)).sort((x, y) => lastLivePos(y) - lastLivePos(x));
    to = candidates[0];
    if (!to) {
      const skipped = state.deploys.filter((d) => d.deployId !== from.deployId && wasLive(d) && (d.status === "ROLLED_BACK" || d.status === "FAILED"));
      throw new GateFailure(
        `Environment '${env}' has no previous good deploy to roll back to from ${from.deployId}${skipped.length ? ` (${skipped.map((d) => `${d.deployId} is ${d.status}`).join(", ")}; a rollback never re-publishes those by default)` : ""}.`,
        { hint: skipped.length ? `Name one with --to <deploy-id> if you really mean to publish it again, or use point-in-time recovery (--at).` : `Use point-in-time recovery instead: slipway rollback --at <timestamp>.` }
      );
    }
  }
  if (!to.colour) throw new GateFailure(`DEPLOY_STATE does not record the colour of deploy ${to.deployId}.`, { hint: pitrHint(env) });
  const pos = new Map(state.events.map((e, i) => [e, i]));
  const built = Math.max(...to.events.filter((e) => e.status === "STARTED" || e.status === "BUILT" || e.status === "CHECKED").map((e) => pos.get(e) ?? -1), pos.get(to.events[0]) ?? -1);
  const rebuild = state.events.find((e, i) => i > built && e.status === "STARTED" && e.colour === to.colour && e.deployId !== to.deployId);
  const liveAt = to.events.filter((e) => e.status === "LIVE").at(-1)?.recordedAt;
  if (rebuild) {
    throw new GateFailure(
      `Cannot re-swap to deploy ${to.deployId}: its ${to.colour} colour was rebuilt since by deploy ${rebuild.deployId} (started ${rebuild.recordedAt ?? "later"}${rebuild.actor ? ` by ${rebuild.actor}` : ""}), so the data it published is gone.`,
      { hint: pitrHint(env, liveAt), details: { rebuiltBy: rebuild.deployId, target: to.deployId } }
    );
  }
  if (to.colour === from.colour) {
    throw new GateFailure(`Deploy ${to.deployId} used the same colour (${to.colour}) as the live deploy ${from.deployId}, so its data was rebuilt by it.`, { hint: pitrHint(env, liveAt) });
  }
  return { from, to, colour: to.colour, republishes: to.status === "ROLLED_BACK" || to.status === "FAILED" };
}

// shared/deploy/converge.ts
function halfSwapped(state) {
  return state.deploys.find((d) => d.status === "SWAPPING");
}
async function swapProgress(wh, sql, a, names, d) {
  const swapped = [];
  const pending = [];
  for (const p of d.schemas) {
    const colourSchema = suffixed(p, names.suffix[d.colour ?? "blue"], wh.dialect, names.quoting);
    const sources = sql.parseViewSources(await run(wh, sql.viewSources(a.database, p)));
    (sources.length && sources.every((s) => s.sourceSchema === colourSchema) ? swapped : pending).push(p);
  }
  return { deploy: d, swapped, pending };
}
async function convergeSwaps(wh, sql, a, names, state, mode, who, rt, finishRecord) {
  const d = halfSwapped(state);
  if (!d) return void 0;
  const progress = await swapProgress(wh, sql, a, names, d);
  const db = a.database;
  const next = (p) => suffixed(p, names.next, wh.dialect, names.quoting);
  if (mode === "finish") {
    assertTransition(d, "LIVE", "recovery");
    for (const p of progress.pending) for (const st of sql.swap(db, p, next(p))) await run(wh, st);
    for (const st of finishRecord ?? []) await run(wh, st);
    rt.warn(`Deploy ${d.deployId} was interrupted between its schema swaps; finished the remaining ${progress.pending.length} (${progress.pending.join(", ") || "none"}), so every published schema reads it.`);
    return { deployId: d.deployId, mode, swapped: progress.pending };
  }
  assertTransition(d, "FAILED", "recovery");
  const back = [];
  for (const p of progress.swapped) {
    try {
      for (const st of sql.swap(db, p, next(p))) await run(wh, st);
      back.push(p);
    } catch (err) {
      throw new OperationError(
        `Deploy ${d.deployId} was interrupted between its schema swaps and ${p} could not be swapped back: ${err.message}. Published schemas now: ${progress.swapped.map((s) => `${s} reads ${d.deployId}`).join(", ")}; ${progress.pending.map((s) => `${s} reads the previous deploy`).join(", ") || ""}.`,
        { cause: err, hint: "Fix the error (ownership of both schemas) and rerun the same command; it converges from wherever it stopped." }
      );
    }
  }
  await run(
    wh,
    sql.insertEvent(
      a,
      eventValues({
        deploy_id: d.deployId,
        environment: who.environment,
        status: "FAILED",
        colour: d.colour,
        actor: who.actor,
        run_url: who.runUrl ?? null,
        reason: `interrupted between schema swaps; ${who.by} swapped back ${back.length} schema(s)${back.length ? ` (${back.join(", ")})` : ""}`,
        error_text: `cutover interrupted between schema swaps; reversed by ${who.by}`
      })
    )
  );
  rt.warn(`Deploy ${d.deployId} was interrupted between its schema swaps; swapped back ${back.length} schema(s)${back.length ? ` (${back.join(", ")})` : ""}: every published schema reads the previous deploy again. Recorded FAILED.`);
  return { deployId: d.deployId, mode, swapped: back };
}
function watchSignals() {
  let got;
  const on = (sig) => () => {
    got = sig;
  };
  const handlers = ["SIGINT", "SIGTERM"].map((s) => [s, on(s)]);
  for (const [s, h] of handlers) process.on(s, h);
  return {
    requested: () => got,
    dispose: () => {
      for (const [s, h] of handlers) process.off(s, h);
    }
  };
}

// shared/deploy/lock-policy.ts
var DEFAULT_LOCK_BUDGET_MS = 5 * 6e4;
var LockWaitPolicy = class {
  constructor(o) {
    this.o = o;
    this.now = o.now ?? Date.now;
    this.random = o.random ?? Math.random;
    this.started = this.now();
  }
  o;
  attempts = 0;
  lastWaitMs = 0;
  started;
  now;
  random;
  /** The cap of one attempt's wait: below deadlock_timeout, never under 5 ms. */
  get capMs() {
    return Math.max(5, Math.floor(this.o.deadlockTimeoutMs / 2));
  }
  nextWaitMs() {
    this.attempts++;
    this.lastWaitMs = Math.max(1, Math.min(Math.floor(this.o.firstWaitMs * 1.5 ** (this.attempts - 1)), this.capMs));
    return this.lastWaitMs;
  }
  pauseMs() {
    return Math.floor(1 + this.random() * Math.min(5 + this.attempts * 2, 50));
  }
  elapsedMs() {
    return this.now() - this.started;
  }
  exhausted() {
    return this.elapsedMs() >= this.o.budgetMs;
  }
};

// shared/deploy/engine.ts
var key = (g) => `${g.level}|${g.on}|${g.privilege}|${g.granteeType}|${g.grantee}|${g.grantOption}`;
function missingGrants(expected, actual) {
  const have = new Set(actual.map(key));
  for (const g of actual) if (g.grantOption) have.add(key({ ...g, grantOption: false }));
  return expected.filter((g) => !have.has(key(g)));
}
function describeGrant(g) {
  const on = g.level === "schema" ? "the schema" : g.level === "future" ? `future ${g.on}s` : g.level === "database" ? "the database" : g.level === "database_future" ? `future ${g.on}s in the database` : g.on;
  return `${g.privilege} on ${on} to ${g.granteeType === "PUBLIC" ? "PUBLIC" : `${g.granteeType.toLowerCase().replace("_", " ")} ${g.grantee}`}${g.grantOption ? " with grant option" : ""}`;
}
async function readGrants(q, sql, database, schema) {
  const results = [];
  for (const st of sql.readGrants(database, schema)) results.push(await run(q, st));
  return sql.parseGrants(results, schema);
}
function grantsToMirror(liveGrants, nextViews) {
  const views = new Set(nextViews);
  return liveGrants.filter((g) => g.level !== "object" || views.has(g.on));
}
async function exists(q, sql, database, schema) {
  return (await run(q, sql.schemaExists(database, schema))).length > 0;
}
async function liveViews(q, sql, database, schema) {
  const rows = await run(q, sql.listRelations(database, schema));
  return rows.map((r) => String(r.name ?? r.NAME));
}
function pgCode(err) {
  let e = err;
  for (let i = 0; i < 4 && e; i++) {
    const code = e.code;
    if (typeof code === "string") return code;
    e = e.cause;
  }
  return void 0;
}
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function checkLockHeld(lock, environment, holder) {
  if (lock?.holder !== holder) {
    throw new GateFailure(`Deploy ${holder} no longer holds the deploy lock for environment '${environment}' (held by ${lock?.holder ?? "nobody"}); nothing was switched.`, {
      hint: "Its lease expired or it was unlocked. Start a new deploy (prepare, build, cutover).",
      details: { lock }
    });
  }
}
async function grantCheck(q, sql, database, t, expected) {
  const actual = await readGrants(q, sql, database, t.next);
  const missing = missingGrants(expected, actual);
  if (missing.length) {
    throw new GateFailure(`The staging schema ${t.next} is missing ${missing.length} grant(s) that ${t.published} carries; the swap would drop them, so nothing was switched.`, {
      hint: "Give the deploy role the right to grant these privileges (ownership of the schema, or MANAGE GRANTS on Snowflake).",
      details: { check: "grants", items: missing.map(describeGrant) }
    });
  }
}
async function swapPostgres(wh, sql, a, targets, record, opts) {
  const tx = sql.transactional;
  if (!tx) throw new OperationError(`The ${sql.dialect} dialect module has no transactional cutover statements.`);
  return wh.transaction(async (s) => {
    const done = [];
    const exec = async (st) => {
      await run(s, st);
      done.push(st);
    };
    const execAll = async (sts) => {
      for (const b of tx.batch(sts)) await run(s, b);
      done.push(...sts);
    };
    checkLockHeld(await readLock(s, sql, a, opts.environment, true), opts.environment, opts.holder);
    let mirrored = 0;
    const live = [];
    for (const t of targets) {
      await execAll(t.build);
      const isLive = await exists(s, sql, void 0, t.published);
      const views = isLive ? await liveViews(s, sql, void 0, t.published) : [];
      if (isLive) {
        const expected = grantsToMirror(await readGrants(s, sql, void 0, t.published), t.nextViews);
        const grants = sql.grantStatements(void 0, t.next, expected);
        await execAll(grants);
        mirrored += grants.length;
        await grantCheck(s, sql, void 0, t, expected);
      }
      live.push({ t, exists: isLive, views });
    }
    const viewLocks = live.flatMap((l) => tx.lockViews(l.t.published, l.views));
    let attempts = 0;
    if (viewLocks.length) {
      const deadlockMs = parseDuration(String(Object.values((await run(s, tx.deadlockTimeout()))[0] ?? {})[0] ?? "1s"));
      const policy = new LockWaitPolicy({ firstWaitMs: opts.lockTimeoutMs ?? 25, deadlockTimeoutMs: deadlockMs, budgetMs: opts.lockBudgetMs ?? DEFAULT_LOCK_BUDGET_MS });
      const sp = "slipway_cutover_locks";
      await run(s, tx.savepoint(sp));
      for (; ; ) {
        const wait = policy.nextWaitMs();
        attempts = policy.attempts;
        try {
          await run(s, tx.setLockTimeout(wait));
          for (const st of viewLocks) await run(s, st);
          break;
        } catch (err) {
          const code = pgCode(err);
          if (!code || !tx.lockRetryCodes.includes(code)) throw err;
          await run(s, tx.rollbackToSavepoint(sp));
          if (policy.exhausted()) {
            throw new OperationError(`Could not lock the live views in ${Math.round(policy.elapsedMs() / 1e3)} s (${attempts} attempts): readers kept them busy. Nothing was switched.`, {
              cause: err,
              hint: "Rerun the cutover; queries running for minutes on the published views block it (raise the budget with lockBudgetMs if they are expected)."
            });
          }
          await sleep(policy.pauseMs());
        }
      }
      done.push(tx.setLockTimeout(policy.lastWaitMs), ...viewLocks);
    }
    const swaps = [];
    for (const l of live) {
      const st = l.exists ? sql.swap(void 0, l.t.published, l.t.next) : [sql.rename(void 0, l.t.next, l.t.published)];
      for (const x of st) await exec(x);
      swaps.push(...st);
    }
    for (const st of record) await exec(st);
    return { statements: done, swapStatements: swaps, swapWindowMs: 0, grantsMirrored: mirrored, lockAttempts: attempts };
  });
}
function parseDuration(v) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h)?\s*$/.exec(v);
  if (!m) return 1e3;
  const n = Number(m[1]);
  return m[2] === "ms" ? n : m[2] === "min" ? n * 6e4 : m[2] === "h" ? n * 36e5 : n * 1e3;
}
async function swapSnowflake(wh, sql, a, targets, record, opts, rt) {
  const db = opts.database;
  const done = [];
  const exec = async (st) => {
    await run(wh, st);
    done.push(st);
  };
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  let mirrored = 0;
  const live = [];
  for (const t of targets) {
    const isLive = await exists(wh, sql, db, t.published);
    const expected = isLive ? grantsToMirror(await readGrants(wh, sql, db, t.published), t.nextViews) : [];
    const [createSchema, ...views] = t.build;
    if (createSchema) await exec(createSchema);
    const early = sql.grantStatements(db, t.next, expected.filter((g) => g.level !== "object"));
    for (const st of early) await exec(st);
    for (const st of views) await exec(st);
    const late = sql.grantStatements(db, t.next, expected.filter((g) => g.level === "object"));
    for (const st of late) await exec(st);
    mirrored += early.length + late.length;
    if (isLive) await grantCheck(wh, sql, db, t, expected);
    live.push({ t, exists: isLive });
  }
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const swaps = [];
  const swapped = [];
  const t0 = Date.now();
  let tLast = t0;
  if (opts.intent) await exec(opts.intent);
  for (const l of live) {
    const st = l.exists ? sql.swap(db, l.t.published, l.t.next) : [sql.rename(db, l.t.next, l.t.published)];
    try {
      const sig = opts.signals?.requested();
      if (sig) throw new OperationError(`${sig} received before it started`);
      for (const x of st) await exec(x);
    } catch (err) {
      const undone = [];
      for (const back of swapped.reverse()) {
        try {
          if (back.exists) for (const x of sql.swap(db, back.t.published, back.t.next)) await run(wh, x);
          else await run(wh, sql.rename(db, back.t.published, back.t.next));
          undone.push(back.t.published);
        } catch (e2) {
          rt.error(`Could not swap ${back.t.published} back after a failed cutover: ${e2.message}`);
        }
      }
      const mixed = undone.length < swapped.length;
      throw mixedFlag(mixed, new OperationError(
        `The swap of ${l.t.published} failed: ${err.message}.${swapped.length ? ` Schemas already swapped were swapped back: ${undone.join(", ") || "none could be"}.` : " Nothing was switched."}${mixed ? ` ${swapped.filter((x) => !undone.includes(x.t.published)).map((x) => x.t.published).join(", ")} still read the new colour: the deploy stays SWAPPING and holds the lock; rerun cutover to finish or abort to reverse.` : ""}`,
        { cause: err, hint: mixed ? "Rerun `slipway deploy cutover` (finishes the swaps) or `slipway deploy abort` (swaps them back)." : "Check that the deploy role owns both schemas, then rerun the deploy." }
      ));
    }
    swaps.push(...st);
    swapped.push(l);
    tLast = Date.now();
  }
  for (const st of record) await exec(st);
  return { statements: done, swapStatements: swaps, swapWindowMs: live.length > 1 ? tLast - t0 : 0, grantsMirrored: mirrored, lockAttempts: 1 };
}
function mixedFlag(mixed, err) {
  return Object.assign(err, { details: { mixed } });
}
function databaseSwapUnsupported(dialect, what = "--database-swap") {
  return new UserError(
    `${what} needs a warehouse with the databaseSwap capability (one ALTER DATABASE … SWAP WITH …, i.e. Snowflake); this ${dialect} warehouse does not have it.`,
    { hint: `Leave out ${what}: on ${dialect} the whole cutover of every published schema is already one transaction, so the option is unnecessary there.` }
  );
}
async function checkPublishedDatabase(q, sql, dbSql, scope, published2) {
  if (scope.data && scope.published.toUpperCase() === scope.data.toUpperCase()) {
    throw new UserError(`The consumer database ${scope.published} is also the database of the colour schemas and the admin schema; a database swap would move them too.`, {
      hint: "Give the published schemas their own database (--published-database / published-database), holding only Slipway's published views; keep --database for the colour and admin schemas."
    });
  }
  if (!(await run(q, dbSql.databaseExists(scope.data ?? scope.published, scope.published))).length) return false;
  const schemas = (await run(q, dbSql.listSchemas(scope.published))).map((r) => String(r.name ?? r.NAME));
  const want = new Set(published2);
  const others = [];
  for (const s of schemas) {
    if (want.has(s) || s === "INFORMATION_SCHEMA") continue;
    if (s === "PUBLIC" && !(await run(q, sql.listRelations(scope.published, s))).length) continue;
    others.push(s);
  }
  const tables = [];
  for (const p of published2) {
    if (!schemas.includes(p)) continue;
    for (const r of await run(q, sql.listRelations(scope.published, p))) if (String(r.kind ?? r.KIND) !== "view") tables.push(`${p}.${String(r.name ?? r.NAME)}`);
  }
  if (others.length || tables.length) {
    throw new UserError(
      `Refusing the database swap: ${scope.published} must hold only Slipway's published view schemas (${published2.join(", ")}), because ALTER DATABASE … SWAP WITH moves everything in it.${others.length ? ` It also holds schema(s) ${others.join(", ")}.` : ""}${tables.length ? ` Published schemas hold non-view object(s) ${tables.join(", ")}.` : ""}`,
      { hint: `Move ${[...others, ...tables].join(", ")} out of ${scope.published} (colour schemas and the admin schema belong in the --database${scope.data ? ` ${scope.data}` : ""}), or cut over with schema scope (leave out the database swap).` }
    );
  }
  return true;
}
async function readDatabaseGrants(q, dbSql, database) {
  const results = [];
  for (const st of dbSql.readDatabaseGrants(database)) results.push(await run(q, st));
  return dbSql.parseDatabaseGrants(results);
}
function refuseDatabaseRoles(grants, where) {
  const bad = grants.filter((g) => g.granteeType === "DATABASE_ROLE");
  if (bad.length) {
    throw new UserError(`${where} carries grants to database roles (${bad.map(describeGrant).join("; ")}); database roles live inside a database and would change places with the swap, so they cannot be mirrored onto the staging database.`, {
      hint: "Grant the published database to account roles, or cut over with schema scope (leave out the database swap)."
    });
  }
}
async function swapSnowflakeDatabase(wh, sql, dbSql, a, targets, record, opts, scope) {
  const done = [];
  const exec = async (st) => {
    await run(wh, st);
    done.push(st);
  };
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const liveExists = await checkPublishedDatabase(wh, sql, dbSql, scope, targets.map((t) => t.published));
  const rebuild = targets.some((t) => t.build.length > 0);
  const dbExpected = liveExists ? await readDatabaseGrants(wh, dbSql, scope.published) : [];
  refuseDatabaseRoles(dbExpected, `The database ${scope.published}`);
  const liveSchemas = liveExists ? new Set((await run(wh, dbSql.listSchemas(scope.published))).map((r) => String(r.name ?? r.NAME))) : /* @__PURE__ */ new Set();
  const schemaExpected = [];
  for (const t of targets) {
    const g = liveSchemas.has(t.published) ? grantsToMirror(await readGrants(wh, sql, scope.published, t.published), t.nextViews) : [];
    refuseDatabaseRoles(g, `The schema ${scope.published}.${t.published}`);
    schemaExpected.push(g);
  }
  if (rebuild) await exec(dbSql.recreateDatabase(scope.next));
  const dbGrants = dbSql.databaseGrantStatements(scope.next, dbExpected);
  for (const st of dbGrants) await exec(st);
  let mirrored = dbGrants.length;
  for (const [i, t] of targets.entries()) {
    const expected = schemaExpected[i];
    const [createSchema, ...views] = t.build;
    if (createSchema) await exec(createSchema);
    const early = sql.grantStatements(scope.next, t.next, expected.filter((g) => g.level !== "object"));
    for (const st of early) await exec(st);
    for (const st of views) await exec(st);
    const late = sql.grantStatements(scope.next, t.next, expected.filter((g) => g.level === "object"));
    for (const st of late) await exec(st);
    mirrored += early.length + late.length;
  }
  const missing = missingGrants(dbExpected, await readDatabaseGrants(wh, dbSql, scope.next)).map((g) => `${scope.next}: ${describeGrant(g)}`);
  for (const [i, t] of targets.entries()) {
    missing.push(...missingGrants(schemaExpected[i], await readGrants(wh, sql, scope.next, t.next)).map((g) => `${scope.next}.${t.next}: ${describeGrant(g)}`));
  }
  if (missing.length) {
    throw new GateFailure(`The staging database ${scope.next} is missing ${missing.length} grant(s) that ${scope.published} carries; the swap would drop them, so nothing was switched.`, {
      hint: "Give the deploy role the right to grant these privileges (ownership of the database, or MANAGE GRANTS).",
      details: { check: "grants", items: missing }
    });
  }
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const swaps = [];
  if (!liveExists) await exec(dbSql.createDatabaseIfMissing(scope.published));
  const swap = dbSql.swapDatabases(scope.published, scope.next);
  try {
    await exec(swap);
  } catch (err) {
    throw new OperationError(`The database swap ${scope.published} ⇄ ${scope.next} failed: ${err.message}. Nothing was switched (it is one statement).`, {
      cause: err,
      hint: "Check that the deploy role owns both databases, then rerun."
    });
  }
  swaps.push(swap);
  for (const st of record) await exec(st);
  return { statements: done, swapStatements: swaps, swapWindowMs: 0, grantsMirrored: mirrored, lockAttempts: 1 };
}
async function executeSwap(wh, sql, a, targets, record, opts, rt) {
  if (opts.databaseScope) {
    if (!wh.capabilities.databaseSwap || wh.dialect !== "snowflake") throw databaseSwapUnsupported(wh.dialect);
    if (!sql.databaseScope) throw databaseSwapUnsupported(wh.dialect);
    return swapSnowflakeDatabase(wh, sql, sql.databaseScope, a, targets, record, opts, opts.databaseScope);
  }
  return wh.capabilities.transactionalDdl ? swapPostgres(wh, sql, a, targets, record, opts) : swapSnowflake(wh, sql, a, targets, record, opts, rt);
}
async function ensureScopeColumn(q, dbSql, a) {
  if (!(await run(q, dbSql.scopeColumnExists(a))).length) await run(q, dbSql.addScopeColumn(a));
}

// shared/deploy/deploy.ts
var DEFAULT_LEASE_MINUTES = 180;
var DEFAULT_ROW_COUNT_TOLERANCE = 50;
function resolveDatabaseScope(dialect, capable, opts) {
  if (!opts.databaseSwap) {
    if (opts.publishedDatabase) throw new UserError("--published-database only applies with --database-swap.", { hint: "Add --database-swap (database-swap: true) for a database-scope cutover, or leave out --published-database." });
    return void 0;
  }
  if (!capable || dialect !== "snowflake") throw databaseSwapUnsupported(dialect);
  if (!opts.publishedDatabase?.trim()) {
    throw new UserError("--database-swap needs --published-database: the consumer-facing database that holds only the published view schemas and is swapped whole.", {
      hint: "e.g. --published-database ANALYTICS --database ANALYTICS_BUILD (input published-database)."
    });
  }
  if (!opts.database?.trim()) {
    throw new UserError("--database-swap needs --database: the database of the colour schemas and the admin schema, which the published views name fully qualified so they survive the swap.", {
      hint: "e.g. --database ANALYTICS_BUILD --published-database ANALYTICS (input database)."
    });
  }
  const names = colourNames(opts);
  const published2 = resolveName(opts.publishedDatabase.trim(), dialect);
  const data = resolveName(opts.database.trim(), dialect);
  if (published2.toUpperCase() === data.toUpperCase()) {
    throw new UserError(`--published-database ${published2} is also --database: a database swap would move the colour schemas and the admin schema with it.`, {
      hint: "Keep the published views in their own database; the colour schemas and DEPLOY_STATE stay in --database."
    });
  }
  if (published2.toUpperCase().endsWith(names.next.toUpperCase())) throw new UserError(`--published-database ${published2} already ends in ${names.next}.`, { hint: "Name the consumer-facing database, not its staging twin." });
  return { published: published2, next: suffixed(published2, names.next, dialect), data };
}
async function sha256File(path) {
  return createHash("sha256").update(await readFile2(path)).digest("hex");
}
function idleColour(state) {
  const live = state.live;
  if (!live?.colour) return { colour: "blue", previousColour: null, previous: void 0 };
  return { colour: otherColour(live.colour), previousColour: live.colour, previous: live };
}
async function bestEffort(rt, what, fn) {
  try {
    await fn();
  } catch (err) {
    rt.warn(`${what} failed (${err.message.split("\n")[0]}); the lock lease will expire on its own.`);
  }
}
async function recordFailure(wh, sql, a, rt, v) {
  await bestEffort(
    rt,
    "Recording the FAILED row",
    () => run(wh, sql.insertEvent(a, eventValues({ deploy_id: v.deployId, environment: v.environment, status: "FAILED", colour: v.colour ?? null, actor: v.actor, run_url: v.runUrl ?? null, error_text: v.error.slice(0, 4e3), checkResults: v.checks })))
  );
  await bestEffort(rt, "Releasing the deploy lock", () => run(wh, sql.releaseLock(a, v.environment, v.deployId)));
}
async function prepareDeploy(wh, opts, rt) {
  const environment = checkEnvironment(opts.environment);
  const dialect = wh.dialect;
  const names = colourNames(opts);
  const published2 = resolvePublished(opts.schemas, opts.manifest, names, dialect);
  resolveDatabaseScope(dialect, wh.capabilities.databaseSwap, opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const database = a.database;
  await ensureAdmin(wh, sql, a);
  const deployId = newDeployId();
  let tookOverFrom;
  try {
    ({ tookOverFrom } = await acquireLock(wh, sql, a, { environment, holder: deployId, runUrl: opts.runUrl ?? null, actor: opts.actor, leaseMinutes: opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES }));
  } catch (err) {
    if (!(err instanceof GateFailure)) await bestEffort(rt, "Releasing the deploy lock", () => run(wh, sql.releaseLock(a, environment, deployId)));
    throw err;
  }
  try {
    let state = await readDeployState(wh, { ...opts, environment });
    if (tookOverFrom?.holder) {
      const dead = state.deploys.find((d) => d.deployId === tookOverFrom.holder);
      if (dead?.status === "SWAPPING") {
        await convergeSwaps(wh, sql, a, names, state, "reverse", { environment, actor: opts.actor, runUrl: opts.runUrl, by: `prepare of ${deployId} (lease expired)` }, rt);
        state = await readDeployState(wh, { ...opts, environment });
      } else if (dead && isInProgress(dead.status)) {
        assertTransition(dead, "FAILED", "takeover");
        rt.warn(`Took over the expired deploy lock of ${tookOverFrom.holder} (lease ended ${tookOverFrom.expiresAt}); recording it FAILED.`);
        await run(wh, sql.insertEvent(a, eventValues({ deploy_id: tookOverFrom.holder, environment, status: "FAILED", actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `lease expired at ${tookOverFrom.expiresAt}; lock taken over by ${deployId}`, reason: "lease expired" })));
        state = await readDeployState(wh, { ...opts, environment });
      } else if (dead) {
        rt.info(`The previous lock holder ${tookOverFrom.holder} had already finished (${dead.status}); nothing to record for it.`);
      }
    }
    const { colour, previousColour, previous } = idleColour(state);
    const suffix = names.suffix[colour];
    const schemas = published2.map((p) => suffixed(p, suffix, dialect, names.quoting));
    for (const s of schemas) await run(wh, sql.createSchemaIfMissing(database, s));
    await run(
      wh,
      sql.insertEvent(
        a,
        eventValues({
          deploy_id: deployId,
          environment,
          status: "STARTED",
          colour,
          previous_colour: previousColour,
          previous_deploy_id: previous?.deployId ?? null,
          schemasList: published2,
          git_sha: opts.gitSha ?? null,
          manifest_sha256: opts.manifestSha256 ?? null,
          run_url: opts.runUrl ?? null,
          actor: opts.actor,
          started_at: (/* @__PURE__ */ new Date()).toISOString()
        })
      )
    );
    rt.info(`Deploy ${deployId} (${environment}): build the ${colour} colour (${schemas.join(", ")}); consumers keep reading ${previousColour ?? "nothing yet"}.`);
    return { deployId, environment, colour, previousColour, previousDeployId: previous?.deployId ?? null, schemaSuffix: suffix, published: published2, schemas, tookOverFrom: tookOverFrom?.holder ?? void 0 };
  } catch (err) {
    await recordFailure(wh, sql, a, rt, { environment, deployId, actor: opts.actor, runUrl: opts.runUrl, error: `prepare failed: ${err.message}` });
    throw err;
  }
}
async function planSchemas(wh, sql, args) {
  const d = wh.dialect;
  const expected = args.manifest ? manifestModels(args.manifest, args.published, args.names, d) : void 0;
  const plans = [];
  for (const p of args.published) {
    const colourSchema = suffixed(p, args.names.suffix[args.colour], d, args.names.quoting);
    const rels = await listRelations(wh, sql, args.database, colourSchema);
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
    plans.push({
      published: p,
      colourSchema,
      liveColourSchema: args.previousColour ? suffixed(p, args.names.suffix[args.previousColour], d, args.names.quoting) : void 0,
      next: suffixed(p, args.names.next, d, args.names.quoting),
      models,
      missing
    });
  }
  return plans;
}
function buildStatements(sql, database, plan) {
  return [...sql.recreateSchema(database, plan.next), ...plan.models.map((m) => ({ ...sql.createView(database, plan.next, m.name, plan.colourSchema, m.source), purpose: void 0 }))];
}
function failedSummary(checks) {
  return checks.filter((c) => c.status === "fail").map((c) => `${c.name}: ${c.message}${c.items?.length ? ` (${c.items.slice(0, 3).join("; ")}${c.items.length > 3 ? "; …" : ""})` : ""}`).join("\n  ");
}
async function cutoverDeploy(wh, opts, rt) {
  const t0 = Date.now();
  const environment = checkEnvironment(opts.environment);
  const dialect = wh.dialect;
  const names = colourNames(opts);
  const scope = resolveDatabaseScope(dialect, wh.capabilities.databaseSwap, opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const database = a.database;
  const state = await readDeployState(wh, { ...opts, environment });
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
      sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "LIVE", colour: record.colour, previous_colour: prevLive?.colour ?? null, previous_deploy_id: prevLive?.deployId ?? null, schemasList: record.schemas, actor: opts.actor, run_url: opts.runUrl ?? null })),
      ...prevLive ? [sql.insertEvent(a, eventValues({ deploy_id: prevLive.deployId, environment, status: "SUPERSEDED", colour: prevLive.colour, actor: opts.actor, run_url: opts.runUrl ?? null, reason: `superseded by ${deployId}` }))] : [],
      sql.releaseLock(a, environment, deployId)
    ];
    const done = await convergeSwaps(wh, sql, a, names, state, "finish", { environment, actor: opts.actor, runUrl: opts.runUrl, by: `cutover rerun of ${deployId}` }, rt, finish);
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
  const published2 = record.schemas.length ? record.schemas : resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const suffix = names.suffix[colour];
  const ev = (status, extra = {}) => sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status, colour, previous_colour: previousColour, actor: opts.actor, run_url: opts.runUrl ?? null, manifest_sha256: opts.manifestSha256 ?? null, git_sha: opts.gitSha ?? null, ...extra }));
  let checks = [];
  try {
    await run(wh, sql.renewLock(a, environment, deployId, opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES));
    const dbSql = scope ? sql.databaseScope : void 0;
    if (scope && dbSql) await checkPublishedDatabase(wh, sql, dbSql, scope, published2);
    await run(wh, ev("BUILT"));
    const tChecks = Date.now();
    const plans = await planSchemas(wh, sql, { database, published: published2, colour, previousColour, names, manifest: opts.manifest });
    const ctx = { warehouse: wh, environment, deployId, colour, previousColour, schemas: plans, manifest: opts.manifest, runResults: opts.runResults };
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
        publishedOf: (r) => publishedOfRendered(r, names, dialect, published2)
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
    checks.push(...await runExtraChecks(opts.extraChecks, ctx));
    const failed = checks.filter((c) => c.status === "fail");
    if (failed.length) {
      await recordFailure(wh, sql, a, rt, { environment, deployId, colour, actor: opts.actor, runUrl: opts.runUrl, error: `${failed.length} pre-cutover check(s) failed: ${failed.map((c) => c.name).join(", ")}`, checks });
      throw new GateFailure(`Deploy ${deployId} was not cut over: ${failed.length} pre-cutover check(s) failed.
  ${failedSummary(checks)}`, {
        hint: `Consumers still read the ${previousColour ?? "previous"} colour. Fix the failures, then run a new deploy.`,
        details: { checks }
      });
    }
    await run(wh, ev("CHECKED", { checkResults: checks }));
    const checksMs = Date.now() - tChecks;
    const targets = scope && dbSql ? plans.map((p) => ({
      published: p.published,
      next: p.published,
      build: [dbSql.createSchema(scope.next, p.published), ...p.models.map((m) => dbSql.createView(scope.next, p.published, m.name, scope.data, p.colourSchema, m.source))],
      nextViews: p.models.map((m) => m.name)
    })) : plans.map((p) => ({ published: p.published, next: p.next, build: buildStatements(sql, database, p), nextViews: p.models.map((m) => m.name) }));
    if (dbSql) await ensureScopeColumn(wh, dbSql, a);
    const recordStmts = [
      ev("LIVE", { previous_deploy_id: previousDeployId, schemasList: published2, checkResults: checks, ...scope ? { cutover_scope: databaseScopeValue(scope.published) } : {} }),
      ...previousDeployId ? [sql.insertEvent(a, eventValues({ deploy_id: previousDeployId, environment, status: "SUPERSEDED", colour: previousColour, actor: opts.actor, run_url: opts.runUrl ?? null, reason: `superseded by ${deployId}` }))] : [],
      sql.releaseLock(a, environment, deployId)
    ];
    const tSwitch = Date.now();
    const signals = watchSignals();
    let outcome;
    try {
      outcome = await executeSwap(
        wh,
        sql,
        a,
        targets,
        recordStmts,
        { environment, holder: deployId, database, lockTimeoutMs: opts.lockTimeoutMs, databaseScope: scope, intent: !scope && targets.length > 1 ? ev("SWAPPING", { schemasList: published2 }) : void 0, signals },
        rt
      );
    } finally {
      signals.dispose();
    }
    const switchMs = Date.now() - tSwitch;
    if (outcome.swapWindowMs > 0) {
      rt.warn(`The ${plans.length} published schemas were swapped one after another within ${outcome.swapWindowMs} ms; a query joining across them in that window could mix colours. Each schema's own swap is atomic.`);
    }
    if (opts.afterLive) {
      try {
        await opts.afterLive(ctx);
      } catch (err) {
        rt.warn(`Deploy ${deployId} is LIVE, but a post-deploy step failed: ${err.message}`);
      }
    }
    const models = plans.reduce((n, p) => n + p.models.length, 0);
    rt.info(
      `Deploy ${deployId} is LIVE: ${models} view(s) in ${published2.join(", ")} now read the ${colour} colour (${outcome.swapStatements.length} swap statement(s)${scope ? `: database scope, ${scope.published} ⇄ ${scope.next}` : ""}).`
    );
    return {
      deployId,
      environment,
      colour,
      previousColour,
      previousDeployId,
      schemaSuffix: suffix,
      published: published2,
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
        await recordFailure(wh, sql, a, rt, { environment, deployId, colour, actor: opts.actor, runUrl: opts.runUrl, error: err.message, checks });
      }
    }
    throw err;
  }
}
async function unlockDeploy(wh, opts, rt) {
  const environment = checkEnvironment(opts.environment);
  if (!opts.reason?.trim()) throw new UserError("An unlock needs a reason.", { hint: 'Pass --reason "<why the holder is dead>"; it is recorded in DEPLOY_STATE.' });
  const sql = await deploySqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  const state = await readDeployState(wh, { ...opts, environment });
  const lock = state.lock;
  if (!state.initialised || !lock?.holder) {
    rt.info(`The deploy lock for environment '${environment}' is already free.`);
    return { environment, clearedHolder: null };
  }
  const held = state.deploys.find((d) => d.deployId === lock.holder);
  if (held?.status === "SWAPPING") await convergeSwaps(wh, sql, a, colourNames(opts), state, "reverse", { environment, actor: opts.actor, runUrl: opts.runUrl, by: `unlock by ${opts.actor} (${opts.reason})` }, rt);
  else if (!held || isInProgress(held.status)) {
    await run(wh, sql.insertEvent(a, eventValues({ deploy_id: lock.holder, environment, status: "FAILED", actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `deploy lock cleared by ${opts.actor}`, reason: opts.reason })));
  }
  await run(wh, sql.forceUnlock(a, environment));
  rt.info(`Cleared the deploy lock of ${lock.holder} (${lock.runUrl ?? "no run URL"}) for environment '${environment}'; recorded as FAILED with reason: ${opts.reason}`);
  return { environment, clearedHolder: lock.holder, lock };
}
async function abortDeploy(wh, opts, rt) {
  const environment = checkEnvironment(opts.environment);
  if (!opts.reason?.trim()) throw new UserError("An abort needs a reason.", { hint: 'Pass --reason "<what failed>"; it is recorded in DEPLOY_STATE.' });
  const sql = await deploySqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  const state = await readDeployState(wh, { ...opts, environment });
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
    await convergeSwaps(wh, sql, a, colourNames(opts), state, "reverse", { environment, actor: opts.actor, runUrl: opts.runUrl, by: `abort (${opts.reason})` }, rt);
  } else {
    if (current) assertTransition(current, "FAILED", "abort");
    await run(wh, sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "FAILED", actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `aborted: ${opts.reason}`, reason: opts.reason })));
  }
  await run(wh, sql.releaseLock(a, environment, deployId));
  rt.info(`Deploy ${deployId} aborted and recorded FAILED (${opts.reason}); the lock for '${environment}' is released and consumers keep the live colour.`);
  return { environment, deployId, aborted: true };
}
async function deployStatus(wh, opts) {
  const state = await readDeployState(wh, opts);
  let knownEnvironments;
  if (state.initialised && state.events.length === 0) {
    const sql = await deploySqlFor(wh.dialect);
    knownEnvironments = (await run(wh, sql.selectEnvironments(adminNames(wh.dialect, opts)))).map((r) => String(r.environment));
  }
  const limit = opts.limit ?? 10;
  const recent = state.deploys.slice(-limit).reverse().map(({ events: _e, ...d }) => d);
  const history = state.events.slice(-limit * 4).reverse().map((e) => ({ at: e.recordedAt, deployId: e.deployId, status: e.status, actor: e.actor, why: e.reason ?? e.errorText, rolledBackTo: e.rolledBackTo, runUrl: e.runUrl }));
  return { environment: state.environment, initialised: state.initialised, live: state.live ?? null, lock: state.lock && state.lock.holder ? state.lock : null, recent, history, ...knownEnvironments ? { knownEnvironments } : {} };
}
async function dryRunContext(wh, opts, phase) {
  const state = await readDeployState(wh, { ...opts, environment: checkEnvironment(opts.environment) });
  const live = state.live;
  if (phase === "prepare") return { colour: live?.colour ? otherColour(live.colour) : "blue", previousDeployId: live?.deployId ?? null };
  const id = opts.deployId ?? state.lock?.holder ?? void 0;
  const rec = id ? state.deploys.find((d) => d.deployId === id) : void 0;
  return { ...rec?.colour ? { colour: rec.colour } : live?.colour ? { colour: otherColour(live.colour) } : {}, ...rec ? { deployId: rec.deployId } : {}, previousDeployId: live?.deployId ?? null };
}
async function cutoverPlan(opts) {
  const dialect = opts.dialect;
  const names = colourNames(opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const db = a.database;
  const environment = checkEnvironment(opts.environment);
  const published2 = resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const colour = opts.colour ?? "green";
  const prev = otherColour(colour);
  const deployId = opts.deployId ?? "<deploy-id>";
  const previousId = opts.previousDeployId === void 0 ? "<previous-deploy-id>" : opts.previousDeployId;
  const models = opts.manifest ? manifestModels(opts.manifest, published2, names, dialect) : /* @__PURE__ */ new Map();
  const scope = resolveDatabaseScope(dialect, dialect === "snowflake", opts);
  if (scope) return databaseCutoverPlan(opts, { sql, a, environment, published: published2, colour, prev, deployId, models, names, scope });
  const out = [...sql.ensureAdmin(a), sql.readLock(a, environment), sql.renewLock(a, environment, deployId, DEFAULT_LEASE_MINUTES)];
  for (const p of published2) {
    out.push(sql.relationsBuiltSince(a, db, suffixed(p, names.suffix[colour], dialect, names.quoting), environment, deployId));
    for (const s of [p, suffixed(p, names.next, dialect, names.quoting)]) out.push(sql.schemaObjects(db, s), sql.viewSources(db, s));
  }
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "CHECKED", colour, previous_colour: prev, checkResults: [] })));
  if (sql.transactional) out.push({ sql: "BEGIN", purpose: "the cutover is one transaction" }, sql.readLock(a, environment, true));
  const lockStmts = [];
  const swaps = [];
  for (const p of published2) {
    const plan = { published: p, colourSchema: suffixed(p, names.suffix[colour], dialect, names.quoting), liveColourSchema: suffixed(p, names.suffix[prev], dialect, names.quoting), next: suffixed(p, names.next, dialect, names.quoting), models: (models.get(p) ?? []).map((m) => ({ name: m, source: m })), missing: [] };
    out.push(sql.listRelations(db, plan.colourSchema));
    out.push(...sql.rowCounts(db, plan.colourSchema, plan.models.map((m) => m.name)));
    out.push(...sql.readGrants(db, p));
    const build = buildStatements(sql, db, plan);
    out.push(...build);
    out.push(...sql.readGrants(db, plan.next).map((s) => ({ ...s, purpose: `check: ${plan.next} carries every grant ${p} has` })));
    if (sql.transactional) lockStmts.push(...sql.transactional.lockViews(p, plan.models.map((m) => m.name)));
    swaps.push(...sql.swap(db, p, plan.next));
  }
  if (sql.transactional) out.push(sql.transactional.deadlockTimeout(), sql.transactional.savepoint("slipway_cutover_locks"), sql.transactional.setLockTimeout(25), ...lockStmts);
  else {
    out.push(sql.readLock(a, environment));
    if (published2.length > 1) out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "SWAPPING", colour, previous_colour: prev, schemasList: published2 })));
  }
  out.push(...swaps);
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "LIVE", colour, previous_colour: prev, previous_deploy_id: previousId, schemasList: published2 })));
  if (previousId !== null) out.push(sql.insertEvent(a, eventValues({ deploy_id: previousId, environment, status: "SUPERSEDED", colour: prev, reason: `superseded by ${deployId}` })));
  out.push(sql.releaseLock(a, environment, deployId));
  if (sql.transactional) out.push({ sql: "COMMIT", purpose: "consumers see the new colour from here" });
  return out;
}
async function databaseCutoverPlan(opts, x) {
  const { sql, a, environment, published: published2, colour, prev, deployId, models, names, scope } = x;
  const dialect = opts.dialect;
  const dbSql = sql.databaseScope;
  if (!dbSql) throw databaseSwapUnsupported(dialect);
  const out = [...sql.ensureAdmin(a), sql.readLock(a, environment), sql.renewLock(a, environment, deployId, DEFAULT_LEASE_MINUTES)];
  out.push(dbSql.databaseExists(scope.data, scope.published), dbSql.listSchemas(scope.published));
  out.push(...published2.map((p) => ({ ...sql.listRelations(scope.published, p), purpose: `${scope.published}.${p} must hold only views (the swap moves everything)` })));
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "BUILT", colour, previous_colour: prev })));
  const build = [];
  const checks = [];
  for (const p of published2) {
    const colourSchema = suffixed(p, names.suffix[colour], dialect, names.quoting);
    const ms = models.get(p) ?? [];
    out.push(sql.listRelations(scope.data, colourSchema));
    out.push(...sql.rowCounts(scope.data, colourSchema, ms));
    build.push(dbSql.createSchema(scope.next, p), ...ms.map((m) => dbSql.createView(scope.next, p, m, scope.data, colourSchema, m)));
    checks.push(...sql.readGrants(scope.next, p).map((s) => ({ ...s, purpose: `check: ${scope.next}.${p} carries every grant ${scope.published}.${p} has` })));
  }
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "CHECKED", colour, previous_colour: prev, checkResults: [] })));
  out.push(...dbSql.readDatabaseGrants(scope.published), ...published2.flatMap((p) => sql.readGrants(scope.published, p)));
  const recreate = dbSql.recreateDatabase(scope.next);
  out.push({ ...recreate, purpose: `${recreate.purpose}; then one GRANT … ON DATABASE / ON FUTURE … IN DATABASE per database grant read above, before the schemas and views are created (schema and view grants follow the same way)` });
  out.push(...build);
  out.push(...dbSql.readDatabaseGrants(scope.next).map((s) => ({ ...s, purpose: `check: ${scope.next} carries every database grant ${scope.published} has` })), ...checks);
  out.push(sql.readLock(a, environment), dbSql.scopeColumnExists(a), dbSql.addScopeColumn(a));
  out.push(dbSql.swapDatabases(scope.published, scope.next));
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "LIVE", colour, previous_colour: prev, previous_deploy_id: "<previous-deploy-id>", schemasList: published2, cutover_scope: databaseScopeValue(scope.published) })));
  out.push(sql.insertEvent(a, eventValues({ deploy_id: "<previous-deploy-id>", environment, status: "SUPERSEDED", colour: prev, reason: `superseded by ${deployId}` })));
  out.push(sql.releaseLock(a, environment, deployId));
  return out;
}
async function preparePlan(opts) {
  const dialect = opts.dialect;
  const names = colourNames(opts);
  resolveDatabaseScope(dialect, dialect === "snowflake", opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const environment = checkEnvironment(opts.environment);
  const published2 = resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const colour = opts.colour ?? "green";
  const deployId = opts.deployId ?? "<deploy-id>";
  return [
    ...sql.ensureAdmin(a),
    sql.ensureLockRow(a, environment),
    sql.acquireLock(a, environment, deployId, "<run-url>", "<actor>", DEFAULT_LEASE_MINUTES),
    sql.readLock(a, environment),
    sql.selectEvents(a, environment),
    ...published2.map((p) => sql.createSchemaIfMissing(a.database, suffixed(p, names.suffix[colour], dialect, names.quoting))),
    sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "STARTED", colour, previous_colour: otherColour(colour), schemasList: published2, started_at: (/* @__PURE__ */ new Date(0)).toISOString() }))
  ];
}

// shared/deploy/options.ts
import { existsSync as existsSync2 } from "node:fs";
function parseTolerance(v, what = "--row-count-tolerance") {
  if (v === void 0 || v.trim() === "") return void 0;
  const s = v.trim().toLowerCase();
  if (s === "none" || s === "off") return null;
  const n = Number(s.replace(/%$/, ""));
  if (!Number.isFinite(n) || n < 0 || n > 1e5) {
    throw new UserError(`${what} must be a percentage such as 25, or none; got '${v}'.`, { hint: `Pass ${what} 25 to allow ±25% row-count change per table, or none to keep only the populated → empty guard.` });
  }
  return n;
}
function parseWarnPolicy(v, what = "--warn-policy") {
  if (v === void 0 || v === "" || v === "allow") return "allow";
  if (v === "fail") return "fail";
  throw new UserError(`${what} must be allow or fail, got '${v}'.`, { hint: "allow: dbt warnings do not block the cutover; fail: they do." });
}
function parseLease(v, what = "--lease-minutes") {
  if (v === void 0 || v === "") return void 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 7 * 24 * 60) throw new UserError(`${what} must be a whole number of minutes between 1 and 10080, got '${v}'.`, { hint: "It must cover the dbt build between prepare and cutover (default 180)." });
  return n;
}
function parseSchemas(values) {
  const list = (Array.isArray(values) ? values : values ? [values] : []).flatMap((v) => v.split(/[,\n]/)).map((s) => s.trim()).filter(Boolean);
  return list.length ? list : void 0;
}
async function loadArtifacts(paths, rt) {
  const out = {};
  const m = paths.manifest ?? (paths.defaultManifest && existsSync2(paths.defaultManifest) ? paths.defaultManifest : void 0);
  if (m) {
    out.manifest = await loadManifest(m);
    out.manifestSha256 = await sha256File(m);
  } else if (paths.defaultManifest) rt.info(`No manifest at ${paths.defaultManifest}: the models-exist check is skipped and every relation in the new colour is published.`);
  const r = paths.runResults ?? (paths.defaultRunResults && existsSync2(paths.defaultRunResults) ? paths.defaultRunResults : void 0);
  if (r) out.runResults = await loadRunResults(r);
  else if (paths.defaultRunResults) rt.info(`No run_results.json at ${paths.defaultRunResults}: the dbt build results are not checked.`);
  return out;
}
function defaultActor(env = process.env) {
  return invocation(env).actor;
}
function defaultRunUrl(env = process.env) {
  return invocation(env).runUrl;
}

export {
  listRelations,
  formatChecks,
  assertTransition,
  decideRollback,
  colourNames,
  suffixed,
  resolvePublished,
  projectQuoting,
  convergeSwaps,
  databaseSwapUnsupported,
  executeSwap,
  prepareDeploy,
  cutoverDeploy,
  unlockDeploy,
  abortDeploy,
  deployStatus,
  dryRunContext,
  cutoverPlan,
  preparePlan,
  parseTolerance,
  parseWarnPolicy,
  parseLease,
  parseSchemas,
  loadArtifacts,
  defaultActor,
  defaultRunUrl
};
