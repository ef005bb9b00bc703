import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  catalogSchemaName,
  readProjectQuoting
} from "./chunk-MP6FIDRT.js";
import {
  loadManifest,
  loadRunResults
} from "./chunk-545Z3XKG.js";
import {
  acquireLock,
  acquireLockStatements,
  adminNames,
  checkEnvironment,
  databaseScopeValue,
  ensureAdmin,
  ensureAdminStatements,
  eventValues,
  liveDatabaseScope,
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

// shared/deploy/names.ts
import { existsSync } from "node:fs";
import { join } from "node:path";
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
  if (!projectDir || !existsSync(join(projectDir, "dbt_project.yml"))) return void 0;
  return readProjectQuoting(projectDir);
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
  for (const st of sql.readGrants(database, schema)) results.push(await runStatement(q, st));
  return sql.parseGrants(results, schema);
}
function grantsToMirror(liveGrants, nextViews) {
  const views = new Set(nextViews);
  return liveGrants.filter((g) => g.level !== "object" || views.has(g.on));
}
async function exists(q, sql, database, schema) {
  return (await runStatement(q, sql.schemaExists(database, schema))).length > 0;
}
async function liveViews(q, sql, database, schema) {
  const rows = await runStatement(q, sql.listRelations(database, schema));
  return rows.map((r) => String(r.name));
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
function swapStrategy(ctx, plan) {
  const caps = ctx.wh?.capabilities;
  if (plan.options.databaseScope) {
    if (caps && !caps.databaseSwap || ctx.dialect !== "snowflake" || !ctx.sql.databaseScope) throw databaseSwapUnsupported(ctx.dialect);
    return "database-swap";
  }
  const transactional = caps ? caps.transactionalDdl : !!ctx.sql.transactional;
  if (transactional && !ctx.sql.transactional) throw new OperationError(`The ${ctx.sql.dialect} dialect module has no transactional cutover statements.`);
  return transactional ? "transaction" : "schema-swaps";
}
function assumed(plan) {
  return { targets: plan.targets.map((t) => ({ exists: true, views: t.nextViews })), ...plan.options.databaseScope ? { database: { exists: true } } : {} };
}
async function inspectSchemas(q, sql, db, targets, withViews) {
  const out = [];
  for (const t of targets) {
    const isLive = await exists(q, sql, db, t.published);
    const views = isLive && withViews ? await liveViews(q, sql, db, t.published) : [];
    const grants = isLive ? grantsToMirror(await readGrants(q, sql, db, t.published), t.nextViews) : [];
    out.push({ exists: isLive, views, grants });
  }
  return out;
}
function inspectReads(sql, db, targets, withViews, seen) {
  return targets.flatMap((t, i) => {
    const s = seen.targets[i];
    if (!s.exists) return [sql.schemaExists(db, t.published)];
    const mirror = s.grants ? `the grants of ${t.published} to mirror onto ${t.next}` : `the grants of ${t.published}: one GRANT per row read is mirrored onto ${t.next} (depends on the rows)`;
    return [sql.schemaExists(db, t.published), ...withViews ? [{ ...sql.listRelations(db, t.published), purpose: `the live views of ${t.published}, locked before the renames` }] : [], ...sql.readGrants(db, t.published).map((st) => ({ ...st, purpose: mirror }))];
  });
}
async function inspectDatabase(q, sql, dbSql, scope, targets) {
  const liveExists = await checkPublishedDatabase(q, sql, dbSql, scope, targets.map((t) => t.published));
  const grants = liveExists ? await readDatabaseGrants(q, dbSql, scope.published) : [];
  refuseDatabaseRoles(grants, `The database ${scope.published}`);
  const schemas = liveExists ? new Set((await runStatement(q, dbSql.listSchemas(scope.published))).map((r) => String(r.name))) : /* @__PURE__ */ new Set();
  const out = [];
  for (const t of targets) {
    const has = schemas.has(t.published);
    const g = has ? grantsToMirror(await readGrants(q, sql, scope.published, t.published), t.nextViews) : [];
    refuseDatabaseRoles(g, `The schema ${scope.published}.${t.published}`);
    out.push({ exists: has, views: [], grants: g });
  }
  return { targets: out, database: { exists: liveExists, grants, schemas } };
}
async function inspectSwap(ctx, plan) {
  const strategy = swapStrategy(ctx, plan);
  if (strategy === "database-swap") return inspectDatabase(ctx.wh, ctx.sql, ctx.sql.databaseScope, plan.options.databaseScope, plan.targets);
  const db = strategy === "transaction" ? void 0 : plan.options.database;
  return { targets: await inspectSchemas(ctx.wh, ctx.sql, db, plan.targets, strategy === "transaction") };
}
function transactionSteps(sql, plan, seen) {
  const tx = sql.transactional;
  const targets = plan.targets.map((t, i) => {
    const s = seen.targets[i];
    const grants = s.exists && s.grants ? sql.grantStatements(void 0, t.next, s.grants) : [];
    return {
      stage: [...t.build, ...grants],
      grants: grants.length,
      check: s.exists ? sql.readGrants(void 0, t.next).map((st) => ({ ...st, purpose: `check: ${t.next} carries every grant ${t.published} has` })) : [],
      swap: s.exists ? sql.swap(void 0, t.published, t.next) : [sql.rename(void 0, t.next, t.published)]
    };
  });
  const locks = plan.targets.flatMap((t, i) => seen.targets[i].exists ? tx.lockViews(t.published, seen.targets[i].views) : []);
  return { targets, locks };
}
function schemaSwapSteps(sql, db, plan, seen, inDatabase) {
  return plan.targets.map((t, i) => {
    const s = seen.targets[i];
    const expected = s.grants ?? [];
    const where = inDatabase ?? db;
    const [createSchema, ...views] = t.build;
    const early = sql.grantStatements(where, t.next, expected.filter((g) => g.level !== "object"));
    const late = sql.grantStatements(where, t.next, expected.filter((g) => g.level === "object"));
    return {
      stage: [...createSchema ? [createSchema] : [], ...early, ...views, ...late],
      grants: early.length + late.length,
      check: s.exists || inDatabase ? sql.readGrants(where, t.next).map((st) => ({ ...st, purpose: `check: ${where ? `${where}.` : ""}${t.next} carries every grant ${t.published} has` })) : [],
      swap: inDatabase ? [] : s.exists ? sql.swap(db, t.published, t.next) : [sql.rename(db, t.next, t.published)]
    };
  });
}
function describeSwap(ctx, plan, seen = assumed(plan)) {
  const { sql, admin: a } = ctx;
  const o = plan.options;
  const strategy = swapStrategy(ctx, plan);
  if (strategy === "transaction") {
    const tx = sql.transactional;
    const steps2 = transactionSteps(sql, plan, seen);
    const out2 = [{ sql: "BEGIN", purpose: "one transaction: a lost connection at any point rolls everything back" }, { ...sql.readLock(a, o.environment, true), purpose: `${o.holder} must still hold the deploy lock` }];
    out2.push(...inspectReads(sql, void 0, plan.targets, true, seen));
    for (const t of steps2.targets) out2.push(...t.stage, ...t.check);
    if (steps2.locks.length) {
      out2.push(tx.deadlockTimeout(), tx.savepoint(LOCK_SAVEPOINT), { ...tx.setLockTimeout(o.lockTimeoutMs ?? FIRST_LOCK_WAIT_MS), purpose: "the first lock attempt waits this long; while readers hold the views it rolls back to the savepoint and retries with longer waits" }, ...steps2.locks);
    }
    out2.push(...steps2.targets.flatMap((t) => t.swap), ...plan.record, { sql: "COMMIT", purpose: "consumers see the change from here" });
    return out2;
  }
  if (strategy === "schema-swaps") {
    const db = o.database;
    const steps2 = schemaSwapSteps(sql, db, plan, seen);
    const out2 = [{ ...sql.readLock(a, o.environment), purpose: `${o.holder} must still hold the deploy lock` }, ...inspectReads(sql, db, plan.targets, false, seen)];
    for (const t of steps2) out2.push(...t.stage, ...t.check);
    out2.push({ ...sql.readLock(a, o.environment), purpose: "still the lock holder, just before the first swap" });
    if (o.intent) out2.push(o.intent);
    out2.push(...steps2.flatMap((t) => t.swap), ...plan.record);
    return out2;
  }
  const dbSql = sql.databaseScope;
  const scope = o.databaseScope;
  const d = seen.database ?? { exists: true };
  const out = [{ ...sql.readLock(a, o.environment), purpose: `${o.holder} must still hold the deploy lock` }, ...describeCheckPublishedDatabase(sql, dbSql, scope, plan.targets.map((t) => t.published))];
  if (d.exists) {
    const mirror = d.grants ? "" : ": one GRANT … ON DATABASE / ON FUTURE … IN DATABASE per row is mirrored onto the staging database (depends on the rows)";
    out.push(...dbSql.readDatabaseGrants(scope.published).map((st) => ({ ...st, purpose: `the database grants of ${scope.published}${mirror}` })), dbSql.listSchemas(scope.published));
    for (const [i, t] of plan.targets.entries()) {
      if (seen.targets[i].exists) out.push(...sql.readGrants(scope.published, t.published).map((st) => ({ ...st, purpose: `the grants of ${scope.published}.${t.published}${seen.targets[i].grants ? "" : ": one GRANT per row is mirrored (depends on the rows)"}` })));
    }
  }
  const steps = schemaSwapSteps(sql, void 0, plan, seen, scope.next);
  if (plan.targets.some((t) => t.build.length > 0)) out.push(dbSql.recreateDatabase(scope.next));
  out.push(...dbSql.databaseGrantStatements(scope.next, d.grants ?? []));
  for (const t of steps) out.push(...t.stage);
  out.push(...dbSql.readDatabaseGrants(scope.next).map((st) => ({ ...st, purpose: `check: ${scope.next} carries every database grant ${scope.published} has` })), ...steps.flatMap((t) => t.check));
  out.push({ ...sql.readLock(a, o.environment), purpose: "still the lock holder, just before the swap" });
  if (!d.exists) out.push(dbSql.createDatabaseIfMissing(scope.published));
  out.push(dbSql.swapDatabases(scope.published, scope.next), ...plan.record);
  return out;
}
var LOCK_SAVEPOINT = "slipway_cutover_locks";
var FIRST_LOCK_WAIT_MS = 25;
async function swapInTransaction(ctx, plan) {
  const { wh, sql, admin: a } = ctx;
  const tx = sql.transactional;
  const opts = plan.options;
  return wh.transaction(async (s) => {
    const done = [];
    const exec = async (st) => {
      await runStatement(s, st);
      done.push(st);
    };
    const execAll = async (sts) => {
      for (const b of tx.batch(sts)) await runStatement(s, b);
      done.push(...sts);
    };
    checkLockHeld(await readLock(s, sql, a, opts.environment, true), opts.environment, opts.holder);
    const seen = { targets: await inspectSchemas(s, sql, void 0, plan.targets, true) };
    const steps = transactionSteps(sql, plan, seen);
    let mirrored = 0;
    for (const [i, t] of plan.targets.entries()) {
      const st = steps.targets[i];
      await execAll(st.stage);
      mirrored += st.grants;
      if (seen.targets[i].exists) await grantCheck(s, sql, void 0, t, seen.targets[i].grants);
    }
    let attempts = 0;
    if (steps.locks.length) {
      const deadlockMs = parseDuration(String(Object.values((await runStatement(s, tx.deadlockTimeout()))[0] ?? {})[0] ?? "1s"));
      const policy = new LockWaitPolicy({ firstWaitMs: opts.lockTimeoutMs ?? FIRST_LOCK_WAIT_MS, deadlockTimeoutMs: deadlockMs, budgetMs: opts.lockBudgetMs ?? DEFAULT_LOCK_BUDGET_MS });
      await runStatement(s, tx.savepoint(LOCK_SAVEPOINT));
      for (; ; ) {
        const wait = policy.nextWaitMs();
        attempts = policy.attempts;
        try {
          await runStatement(s, tx.setLockTimeout(wait));
          for (const st of steps.locks) await runStatement(s, st);
          break;
        } catch (err) {
          const code = pgCode(err);
          if (!code || !tx.lockRetryCodes.includes(code)) throw err;
          await runStatement(s, tx.rollbackToSavepoint(LOCK_SAVEPOINT));
          if (policy.exhausted()) {
            throw new OperationError(`Could not lock the live views in ${Math.round(policy.elapsedMs() / 1e3)} s (${attempts} attempts): readers kept them busy. Nothing was switched.`, {
              cause: err,
              hint: "Rerun the cutover; queries running for minutes on the published views block it (raise the budget with lockBudgetMs if they are expected)."
            });
          }
          await sleep(policy.pauseMs());
        }
      }
      done.push(tx.setLockTimeout(policy.lastWaitMs), ...steps.locks);
    }
    const swaps = [];
    for (const t of steps.targets) {
      for (const x of t.swap) await exec(x);
      swaps.push(...t.swap);
    }
    for (const st of plan.record) await exec(st);
    return { statements: done, swapStatements: swaps, swapWindowMs: 0, grantsMirrored: mirrored, lockAttempts: attempts };
  });
}
async function swapSchemas(ctx, plan) {
  const { wh, sql, admin: a, rt } = ctx;
  const opts = plan.options;
  const db = opts.database;
  const done = [];
  const exec = async (st) => {
    await runStatement(wh, st);
    done.push(st);
  };
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const seen = { targets: await inspectSchemas(wh, sql, db, plan.targets, false) };
  const steps = schemaSwapSteps(sql, db, plan, seen);
  let mirrored = 0;
  for (const [i, t] of plan.targets.entries()) {
    for (const st of steps[i].stage) await exec(st);
    mirrored += steps[i].grants;
    if (seen.targets[i].exists) await grantCheck(wh, sql, db, t, seen.targets[i].grants);
  }
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const swaps = [];
  const swapped = [];
  const t0 = Date.now();
  let tLast = t0;
  if (opts.intent) await exec(opts.intent);
  for (const [i, t] of plan.targets.entries()) {
    const st = steps[i].swap;
    try {
      const sig = opts.signals?.requested();
      if (sig) throw new OperationError(`${sig} received before it started`);
      for (const x of st) await exec(x);
    } catch (err) {
      const undone = [];
      for (const k of [...swapped].reverse()) {
        const back = plan.targets[k];
        try {
          if (seen.targets[k].exists) for (const x of sql.swap(db, back.published, back.next)) await runStatement(wh, x);
          else await runStatement(wh, sql.rename(db, back.published, back.next));
          undone.push(back.published);
        } catch (e2) {
          rt.error(`Could not swap ${back.published} back after a failed cutover: ${e2.message}`);
        }
      }
      const mixed = undone.length < swapped.length;
      const stillNew = swapped.map((k) => plan.targets[k].published).filter((p) => !undone.includes(p));
      throw mixedFlag(mixed, new OperationError(
        `The swap of ${t.published} failed: ${err.message}.${swapped.length ? ` Schemas already swapped were swapped back: ${undone.join(", ") || "none could be"}.` : " Nothing was switched."}${mixed ? ` ${stillNew.join(", ")} still read the new colour: the deploy stays SWAPPING and holds the lock; rerun cutover to finish or abort to reverse.` : ""}`,
        { cause: err, hint: mixed ? "Rerun `slipway deploy cutover` (finishes the swaps) or `slipway deploy abort` (swaps them back)." : "Check that the deploy role owns both schemas, then rerun the deploy." }
      ));
    }
    swaps.push(...st);
    swapped.push(i);
    tLast = Date.now();
  }
  for (const st of plan.record) await exec(st);
  return { statements: done, swapStatements: swaps, swapWindowMs: plan.targets.length > 1 ? tLast - t0 : 0, grantsMirrored: mirrored, lockAttempts: 1 };
}
function parseDuration(v) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h)?\s*$/.exec(v);
  if (!m) return 1e3;
  const n = Number(m[1]);
  return m[2] === "ms" ? n : m[2] === "min" ? n * 6e4 : m[2] === "h" ? n * 36e5 : n * 1e3;
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
  if (!(await runStatement(q, dbSql.databaseExists(scope.data ?? scope.published, scope.published))).length) return false;
  const schemas = (await runStatement(q, dbSql.listSchemas(scope.published))).map((r) => String(r.name));
  const want = new Set(published2);
  const others = [];
  for (const s of schemas) {
    if (want.has(s) || s === "INFORMATION_SCHEMA") continue;
    if (s === "PUBLIC" && !(await runStatement(q, sql.listRelations(scope.published, s))).length) continue;
    others.push(s);
  }
  const tables = [];
  for (const p of published2) {
    if (!schemas.includes(p)) continue;
    for (const r of await runStatement(q, sql.listRelations(scope.published, p))) if (String(r.kind) !== "view") tables.push(`${p}.${String(r.name)}`);
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
  for (const st of dbSql.readDatabaseGrants(database)) results.push(await runStatement(q, st));
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
function describeCheckPublishedDatabase(sql, dbSql, scope, published2) {
  return [
    dbSql.databaseExists(scope.data ?? scope.published, scope.published),
    dbSql.listSchemas(scope.published),
    ...published2.map((p) => ({ ...sql.listRelations(scope.published, p), purpose: `${scope.published}.${p} must hold only views (the swap moves everything)` }))
  ];
}
async function swapDatabase(ctx, plan) {
  const { wh, sql, admin: a } = ctx;
  const dbSql = sql.databaseScope;
  const opts = plan.options;
  const scope = opts.databaseScope;
  const done = [];
  const exec = async (st) => {
    await runStatement(wh, st);
    done.push(st);
  };
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  const seen = await inspectDatabase(wh, sql, dbSql, scope, plan.targets);
  const d = seen.database;
  const steps = schemaSwapSteps(sql, void 0, plan, seen, scope.next);
  if (plan.targets.some((t) => t.build.length > 0)) await exec(dbSql.recreateDatabase(scope.next));
  const dbGrants = dbSql.databaseGrantStatements(scope.next, d.grants ?? []);
  for (const st of dbGrants) await exec(st);
  let mirrored = dbGrants.length;
  for (const t of steps) {
    for (const st of t.stage) await exec(st);
    mirrored += t.grants;
  }
  const missing = missingGrants(d.grants ?? [], await readDatabaseGrants(wh, dbSql, scope.next)).map((g) => `${scope.next}: ${describeGrant(g)}`);
  for (const [i, t] of plan.targets.entries()) {
    missing.push(...missingGrants(seen.targets[i].grants ?? [], await readGrants(wh, sql, scope.next, t.next)).map((g) => `${scope.next}.${t.next}: ${describeGrant(g)}`));
  }
  if (missing.length) {
    throw new GateFailure(`The staging database ${scope.next} is missing ${missing.length} grant(s) that ${scope.published} carries; the swap would drop them, so nothing was switched.`, {
      hint: "Give the deploy role the right to grant these privileges (ownership of the database, or MANAGE GRANTS).",
      details: { check: "grants", items: missing }
    });
  }
  checkLockHeld(await readLock(wh, sql, a, opts.environment), opts.environment, opts.holder);
  if (!d.exists) await exec(dbSql.createDatabaseIfMissing(scope.published));
  const swap = dbSql.swapDatabases(scope.published, scope.next);
  try {
    await exec(swap);
  } catch (err) {
    throw new OperationError(`The database swap ${scope.published} ⇄ ${scope.next} failed: ${err.message}. Nothing was switched (it is one statement).`, {
      cause: err,
      hint: "Check that the deploy role owns both databases, then rerun."
    });
  }
  for (const st of plan.record) await exec(st);
  return { statements: done, swapStatements: [swap], swapWindowMs: 0, grantsMirrored: mirrored, lockAttempts: 1 };
}
async function executeSwap(ctx, plan) {
  const strategy = swapStrategy(ctx, plan);
  return strategy === "database-swap" ? swapDatabase(ctx, plan) : strategy === "transaction" ? swapInTransaction(ctx, plan) : swapSchemas(ctx, plan);
}
async function ensureScopeColumn(q, dbSql, a) {
  if (!(await runStatement(q, dbSql.scopeColumnExists(a))).length) await runStatement(q, dbSql.addScopeColumn(a));
}

// shared/deploy/context.ts
async function planContext(dialect, opts) {
  const environment = checkEnvironment(opts.environment);
  const names = colourNames(opts);
  const sql = await deploySqlFor(dialect);
  return {
    dialect,
    sql,
    admin: adminNames(dialect, opts),
    names,
    environment,
    actor: opts.actor ?? "<actor>",
    ...opts.runUrl !== void 0 ? { runUrl: opts.runUrl } : {},
    state: { environment, adminSchema: opts.adminSchema, database: opts.database }
  };
}
async function openDeployContext(wh, opts, rt) {
  return { ...await planContext(wh.dialect, opts), wh, rt };
}
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
async function bestEffort(rt, what, fn) {
  try {
    await fn();
  } catch (err) {
    rt.warn(`${what} failed (${err.message.split("\n")[0]}); the lock lease will expire on its own.`);
  }
}
async function recordFailure(ctx, v) {
  const { wh, sql, admin: a, rt, environment } = ctx;
  await bestEffort(
    rt,
    "Recording the FAILED row",
    () => runStatement(wh, sql.insertEvent(a, eventValues({ deploy_id: v.deployId, environment, status: "FAILED", colour: v.colour ?? null, actor: ctx.actor, run_url: ctx.runUrl ?? null, error_text: v.error.slice(0, 4e3), checkResults: v.checks })))
  );
  await bestEffort(rt, "Releasing the deploy lock", () => runStatement(wh, sql.releaseLock(a, environment, v.deployId)));
}
async function dryRunContext(wh, opts, phase) {
  const state = await readDeployState(wh, { ...opts, environment: checkEnvironment(opts.environment) });
  const live = state.live;
  if (phase === "prepare") {
    const lock = state.lock;
    const takeover = lock?.holder && lock.expired ? { holder: lock.holder, expiresAt: lock.expiresAt, status: state.deploys.find((d) => d.deployId === lock.holder)?.status ?? null } : void 0;
    return { colour: live?.colour ? otherColour(live.colour) : "blue", previousDeployId: live?.deployId ?? null, adminInitialised: state.initialised, wh, ...takeover ? { takeover } : {} };
  }
  const id = opts.deployId ?? state.lock?.holder ?? void 0;
  const rec = id ? state.deploys.find((d) => d.deployId === id) : void 0;
  return {
    ...rec?.colour ? { colour: rec.colour } : live?.colour ? { colour: otherColour(live.colour) } : {},
    ...rec ? { deployId: rec.deployId } : {},
    previousDeployId: live?.deployId ?? null,
    adminInitialised: state.initialised,
    wh
  };
}

// shared/deploy/prepare.ts
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

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
async function swapProgress(ctx, d) {
  const { wh, sql, admin: a, names } = ctx;
  const swapped = [];
  const pending = [];
  for (const p of d.schemas) {
    const colourSchema = suffixed(p, names.suffix[d.colour ?? "blue"], wh.dialect, names.quoting);
    const sources = sql.parseViewSources(await runStatement(wh, sql.viewSources(a.database, p)));
    (sources.length && sources.every((s) => s.sourceSchema === colourSchema) ? swapped : pending).push(p);
  }
  return { deploy: d, swapped, pending };
}
async function convergeSwaps(ctx, state, mode, by, finishRecord) {
  const d = halfSwapped(state);
  if (!d) return void 0;
  const { wh, sql, admin: a, names, rt } = ctx;
  const who = { environment: ctx.environment, actor: ctx.actor, runUrl: ctx.runUrl, by };
  const progress = await swapProgress(ctx, d);
  const db = a.database;
  const next = (p) => suffixed(p, names.next, wh.dialect, names.quoting);
  if (mode === "finish") {
    assertTransition(d, "LIVE", "recovery");
    for (const p of progress.pending) for (const st of sql.swap(db, p, next(p))) await runStatement(wh, st);
    for (const st of finishRecord ?? []) await runStatement(wh, st);
    rt.warn(`Deploy ${d.deployId} was interrupted between its schema swaps; finished the remaining ${progress.pending.length} (${progress.pending.join(", ") || "none"}), so every published schema reads it.`);
    return { deployId: d.deployId, mode, swapped: progress.pending };
  }
  assertTransition(d, "FAILED", "recovery");
  const back = [];
  for (const p of progress.swapped) {
    try {
      for (const st of sql.swap(db, p, next(p))) await runStatement(wh, st);
      back.push(p);
    } catch (err) {
      throw new OperationError(
        `Deploy ${d.deployId} was interrupted between its schema swaps and ${p} could not be swapped back: ${err.message}. Published schemas now: ${progress.swapped.map((s) => `${s} reads ${d.deployId}`).join(", ")}; ${progress.pending.map((s) => `${s} reads the previous deploy`).join(", ") || ""}.`,
        { cause: err, hint: "Fix the error (ownership of both schemas) and rerun the same command; it converges from wherever it stopped." }
      );
    }
  }
  await runStatement(
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

// shared/deploy/prepare.ts
async function sha256File(path) {
  return createHash("sha256").update(await readFile(path)).digest("hex");
}
function prepareWrites(ctx, v) {
  const { sql, admin: a, names, dialect, environment } = ctx;
  const previousColour = v.live?.colour ?? null;
  const colour = v.colour ?? (previousColour ? otherColour(previousColour) : "blue");
  const schemas = v.published.map((p) => suffixed(p, names.suffix[colour], dialect, names.quoting));
  const statements = [
    ...schemas.map((s) => sql.createSchemaIfMissing(a.database, s)),
    sql.insertEvent(
      a,
      eventValues({
        deploy_id: v.deployId,
        environment,
        status: "STARTED",
        colour,
        previous_colour: previousColour,
        previous_deploy_id: v.live?.deployId ?? null,
        schemasList: v.published,
        git_sha: v.gitSha ?? null,
        manifest_sha256: v.manifestSha256 ?? null,
        run_url: ctx.runUrl ?? null,
        actor: ctx.actor,
        started_at: v.startedAt
      })
    )
  ];
  return { deployId: v.deployId, colour, previousColour, previousDeployId: v.live?.deployId ?? null, published: v.published, schemas, statements };
}
function takeoverRow(ctx, dead, deployId) {
  return ctx.sql.insertEvent(
    ctx.admin,
    eventValues({ deploy_id: dead.holder, environment: ctx.environment, status: "FAILED", actor: ctx.actor, run_url: ctx.runUrl ?? null, error_text: `lease expired at ${dead.expiresAt}; lock taken over by ${deployId}`, reason: "lease expired" })
  );
}
async function prepareDeploy(wh, opts, rt) {
  const ctx = await openDeployContext(wh, opts, rt);
  const { sql, admin: a, names, environment } = ctx;
  const published2 = resolvePublished(opts.schemas, opts.manifest, names, ctx.dialect);
  resolveDatabaseScope(ctx.dialect, wh.capabilities.databaseSwap, opts);
  await ensureAdmin(wh, sql, a);
  const deployId = newDeployId();
  let tookOverFrom;
  try {
    ({ tookOverFrom } = await acquireLock(wh, sql, a, { environment, holder: deployId, runUrl: ctx.runUrl ?? null, actor: ctx.actor, leaseMinutes: opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES }));
  } catch (err) {
    if (!(err instanceof GateFailure)) await bestEffort(rt, "Releasing the deploy lock", () => runStatement(wh, sql.releaseLock(a, environment, deployId)));
    throw err;
  }
  try {
    let state = await readDeployState(wh, ctx.state);
    if (tookOverFrom?.holder) {
      const dead = state.deploys.find((d) => d.deployId === tookOverFrom.holder);
      if (dead?.status === "SWAPPING") {
        await convergeSwaps(ctx, state, "reverse", `prepare of ${deployId} (lease expired)`);
        state = await readDeployState(wh, ctx.state);
      } else if (dead && isInProgress(dead.status)) {
        assertTransition(dead, "FAILED", "takeover");
        rt.warn(`Took over the expired deploy lock of ${tookOverFrom.holder} (lease ended ${tookOverFrom.expiresAt}); recording it FAILED.`);
        await runStatement(wh, takeoverRow(ctx, tookOverFrom, deployId));
        state = await readDeployState(wh, ctx.state);
      } else if (dead) {
        rt.info(`The previous lock holder ${tookOverFrom.holder} had already finished (${dead.status}); nothing to record for it.`);
      }
    }
    const plan = prepareWrites(ctx, { deployId, published: published2, live: state.live, gitSha: opts.gitSha, manifestSha256: opts.manifestSha256, startedAt: (/* @__PURE__ */ new Date()).toISOString() });
    for (const st of plan.statements) await runStatement(wh, st);
    rt.info(`Deploy ${deployId} (${environment}): build the ${plan.colour} colour (${plan.schemas.join(", ")}); consumers keep reading ${plan.previousColour ?? "nothing yet"}.`);
    return { deployId, environment, colour: plan.colour, previousColour: plan.previousColour, previousDeployId: plan.previousDeployId, schemaSuffix: names.suffix[plan.colour], published: published2, schemas: plan.schemas, tookOverFrom: tookOverFrom?.holder ?? void 0 };
  } catch (err) {
    await recordFailure(ctx, { deployId, error: `prepare failed: ${err.message}` });
    throw err;
  }
}
async function preparePlan(opts) {
  const ctx = await planContext(opts.dialect, opts);
  const { sql, admin: a, names, dialect, environment } = ctx;
  resolveDatabaseScope(dialect, dialect === "snowflake", opts);
  const published2 = resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const colour = opts.colour ?? "green";
  const deployId = opts.deployId ?? "<deploy-id>";
  const live = opts.previousDeployId === null ? void 0 : { deployId: opts.previousDeployId ?? "<previous-deploy-id>", colour: otherColour(colour) };
  const plan = prepareWrites(ctx, { deployId, published: published2, live, colour, gitSha: opts.gitSha, manifestSha256: opts.manifestSha256, startedAt: opts.now ?? "<now>" });
  const dead = opts.takeover && isInProgress(opts.takeover.status) && opts.takeover.status !== "SWAPPING" ? opts.takeover : void 0;
  return [
    ...ensureAdminStatements(sql, a, { initialised: opts.adminInitialised, transactional: !!sql.transactional }),
    ...acquireLockStatements(sql, a, { environment, holder: deployId, runUrl: ctx.runUrl ?? null, actor: ctx.actor, leaseMinutes: opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES }),
    ...readDeployStateStatements(sql, a, environment),
    ...dead ? [{ ...takeoverRow(ctx, dead, deployId), purpose: `DEPLOY_STATE row: FAILED for ${dead.holder}, whose lease expired (taken over)` }, ...readDeployStateStatements(sql, a, environment)] : [],
    ...plan.statements
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

// shared/deploy/rollback.ts
var ROLLBACK_LEASE_MINUTES = 15;
async function rollbackDeploy(warehouse, opts, rt) {
  const t0 = Date.now();
  if (!opts.reason?.trim()) throw new UserError("A rollback needs a reason.", { hint: 'Pass --reason "<what went wrong>"; it is recorded in DEPLOY_STATE with your name.' });
  const ctx = await openDeployContext(warehouse, opts, rt);
  const { sql, admin: a, environment } = ctx;
  const decideOpts = { environment, to: opts.to, runUrl: opts.runUrl };
  const lease = opts.leaseMinutes ?? ROLLBACK_LEASE_MINUTES;
  const state = await readDeployState(warehouse, ctx.state);
  if (!state.initialised) throw new GateFailure(`Environment '${environment}' has no DEPLOY_STATE: nothing was ever deployed with Slipway here.`, { hint: "Check --environment and --admin-schema." });
  const first = decideRollback(state, decideOpts);
  if (first.alreadyDone) return alreadyDone(rt, environment, first, t0, opts);
  if (opts.dryRun) {
    const rollbackId2 = "<rollback-id>";
    const plan = await planRollback(ctx, first, opts, rollbackId2);
    const seen = await inspectSwap(ctx, plan.swap);
    const statements = [
      ...ensureAdminStatements(sql, a, { initialised: true, transactional: false }),
      ...acquireLockStatements(sql, a, { environment, holder: rollbackId2, runUrl: ctx.runUrl ?? null, actor: ctx.actor, leaseMinutes: lease }),
      ...readDeployStateStatements(sql, a, environment),
      ...plan.validation,
      ...describeSwap(ctx, plan.swap, seen)
    ];
    return { rolledBackFrom: first.from.deployId, rolledBackTo: first.to.deployId, colour: first.colour, statements, durationMs: Date.now() - t0, schemas: plan.published, rollbackId: rollbackId2, scope: plan.scope ? "database" : "schema" };
  }
  const rollbackId = newDeployId(/* @__PURE__ */ new Date(), "rollback-");
  await ensureAdmin(warehouse, sql, a);
  await acquireLock(warehouse, sql, a, { environment, holder: rollbackId, runUrl: ctx.runUrl ?? null, actor: ctx.actor, leaseMinutes: lease });
  try {
    let lockedState = await readDeployState(warehouse, ctx.state);
    if (await convergeSwaps(ctx, lockedState, "reverse", `rollback ${rollbackId}`)) lockedState = await readDeployState(warehouse, ctx.state);
    const locked = decideRollback(lockedState, decideOpts);
    if (locked.alreadyDone) {
      await runStatement(warehouse, sql.releaseLock(a, environment, rollbackId));
      return alreadyDone(rt, environment, locked, t0, opts);
    }
    assertTransition(locked.from, "ROLLED_BACK", "rollback");
    assertTransition(locked.to, "LIVE", "rollback");
    if (locked.republishes) {
      rt.warn(
        `RE-PUBLISHING deploy ${locked.to.deployId}, which is ${locked.to.status}${locked.to.errorText ? ` (${locked.to.errorText.split("\n")[0].slice(0, 200)})` : ""}: you named it with --to. Consumers will read it again; this is recorded in DEPLOY_STATE.`
      );
    }
    const plan = await planRollback(ctx, locked, opts, rollbackId);
    const outcome = await executeSwap(ctx, plan.swap);
    rt.info(
      `Rolled back ${environment} from ${locked.from.deployId} to ${locked.to.deployId} (${locked.colour} colour) in ${Date.now() - t0} ms${plan.scope ? ` with one database swap (${plan.scope.published} ⇄ ${plan.scope.next})` : ""}; reason: ${opts.reason}`
    );
    return { rolledBackFrom: locked.from.deployId, rolledBackTo: locked.to.deployId, colour: locked.colour, statements: outcome.statements, durationMs: Date.now() - t0, schemas: plan.published, rollbackId, scope: plan.scope ? "database" : "schema" };
  } catch (err) {
    try {
      await runStatement(warehouse, sql.releaseLock(a, environment, rollbackId));
    } catch {
      rt.warn(`Could not release the deploy lock after the failed rollback; its ${lease}-minute lease will expire.`);
    }
    throw err;
  }
}
function alreadyDone(rt, environment, d, t0, opts) {
  rt.info(
    opts.to ? `Deploy ${d.to.deployId} is already live in ${environment}; nothing to roll back (no change, nothing recorded).` : `This rollback already happened: ${environment} was rolled back from ${d.from.deployId} to ${d.to.deployId} by this run (${opts.runUrl}); nothing changed.`
  );
  return { rolledBackFrom: d.from.deployId, rolledBackTo: d.to.deployId, colour: d.colour, statements: [], durationMs: Date.now() - t0, schemas: d.to.schemas, rollbackId: "", scope: "schema", alreadyDone: true };
}
async function planRollback(ctx, d, opts, rollbackId) {
  const t = await rollbackTargets(ctx, d, opts);
  const partial = { decision: d, rollbackId, published: t.published, scope: t.scope, scopeValue: t.scopeValue };
  const record = recordStatements(ctx, d, partial, opts, rollbackId);
  return { ...partial, validation: t.validation, swap: { targets: t.targets, record, options: { environment: ctx.environment, holder: rollbackId, database: ctx.admin.database, lockTimeoutMs: opts.lockTimeoutMs, databaseScope: t.scope } } };
}
async function rollbackTargets(ctx, d, opts) {
  const { from, to, colour } = d;
  const { sql, admin: a, names, environment, dialect } = ctx;
  const validation = [];
  const read = (st) => {
    validation.push({ ...st, purpose: `check: the previous views still wait in the staging schema, reading ${to.deployId}'s colour` });
    return runStatement(ctx.wh, st);
  };
  const views = async (database, schema) => (await read(sql.listRelations(database, schema))).map((r) => String(r.name));
  const db = a.database;
  let published2 = from.schemas.length ? from.schemas : to.schemas;
  const pitr = `Use point-in-time recovery: slipway rollback --environment ${environment} --at <timestamp> --reason "…".`;
  const scopeDb = liveDatabaseScope(from);
  if (scopeDb) {
    if (!ctx.wh.capabilities.databaseSwap || dialect !== "snowflake") throw databaseSwapUnsupported(dialect, "A database-scope rollback");
    if (opts.schemas?.length) {
      throw new UserError(`Deploy ${from.deployId} went live with database scope (${scopeDb}), so its published schemas can only be rolled back together, with one database swap.`, { hint: "Leave out --schemas." });
    }
    const dbSql = sql.databaseScope;
    if (!dbSql) throw databaseSwapUnsupported(dialect, "A database-scope rollback");
    const scope = { published: scopeDb, next: suffixed(scopeDb, names.next, dialect), data: db };
    if (!(await read(dbSql.databaseExists(db ?? scope.published, scope.next))).length) {
      throw new GateFailure(`Cannot re-swap ${scope.published}: the staging database ${scope.next} holding the previous views is gone.`, { hint: pitr });
    }
    const targets2 = [];
    for (const p of published2) {
      const colourSchema = suffixed(p, names.suffix[colour], dialect, names.quoting);
      const exists2 = (await read(sql.schemaExists(scope.next, p))).length > 0;
      const sources = exists2 ? sql.parseViewSources(await read(sql.viewSources(scope.next, p))) : [];
      const wrong = sources.filter((s) => s.sourceSchema !== colourSchema);
      const inNext = exists2 ? await views(scope.next, p) : [];
      if (!inNext.length || wrong.length) {
        throw new GateFailure(
          `Cannot re-swap ${scope.published}: ${scope.next}.${p} does not hold the views of deploy ${to.deployId} (${!exists2 ? "it does not exist" : inNext.length ? `${wrong.length} view(s) read ${[...new Set(wrong.map((w) => w.sourceSchema))].join(", ")} instead of ${colourSchema}` : "it is empty"}).`,
          { hint: pitr }
        );
      }
      targets2.push({ published: p, next: p, build: [], nextViews: inNext });
    }
    return { published: published2, targets: targets2, scope, scopeValue: databaseScopeValue(scope.published), validation };
  }
  if (opts.schemas?.length) {
    const want = opts.schemas.map((s) => s.toUpperCase());
    const unknown = want.filter((w) => !published2.some((p) => p.toUpperCase() === w));
    if (unknown.length) throw new UserError(`Schema(s) ${unknown.join(", ")} are not published by deploy ${from.deployId} (${published2.join(", ")}).`, { hint: "Leave out --schemas to roll back every published schema." });
    published2 = published2.filter((p) => want.includes(p.toUpperCase()));
  }
  const targets = [];
  for (const p of published2) {
    const next = suffixed(p, names.next, dialect, names.quoting);
    const colourSchema = suffixed(p, names.suffix[colour], dialect, names.quoting);
    const exists2 = (await read(sql.schemaExists(db, next))).length > 0;
    if (!exists2) throw new GateFailure(`Cannot re-swap ${p}: the staging schema ${next} holding the previous views is gone.`, { hint: pitr });
    const sources = sql.parseViewSources(await read(sql.viewSources(db, next)));
    const wrong = sources.filter((s) => s.sourceSchema !== colourSchema);
    const inNext = await views(db, next);
    if (!inNext.length || wrong.length) {
      throw new GateFailure(`Cannot re-swap ${p}: ${next} does not hold the views of deploy ${to.deployId} (${inNext.length ? `${wrong.length} view(s) read ${[...new Set(wrong.map((w) => w.sourceSchema))].join(", ")} instead of ${colourSchema}` : "it is empty"}).`, { hint: pitr });
    }
    targets.push({ published: p, next, build: [], nextViews: inNext });
  }
  return { published: published2, targets, validation };
}
function recordStatements(ctx, d, plan, opts, rollbackId) {
  const { from, to, colour } = d;
  const { sql, admin: a, environment } = ctx;
  return [
    sql.insertEvent(a, eventValues({ deploy_id: from.deployId, environment, status: "ROLLED_BACK", colour: from.colour, actor: ctx.actor, run_url: ctx.runUrl ?? null, reason: opts.reason, rolled_back_to: to.deployId })),
    sql.insertEvent(
      a,
      eventValues({
        deploy_id: to.deployId,
        environment,
        status: "LIVE",
        colour,
        previous_colour: from.colour,
        previous_deploy_id: from.deployId,
        schemasList: to.schemas.length ? to.schemas : plan.published,
        actor: ctx.actor,
        run_url: ctx.runUrl ?? null,
        reason: `rollback from ${from.deployId}${d.republishes ? ` (RE-PUBLISHED a ${to.status} deploy, named with --to)` : ""}: ${opts.reason}`,
        ...plan.scopeValue ? { cutover_scope: plan.scopeValue } : {}
      })
    ),
    sql.releaseLock(a, environment, rollbackId)
  ];
}

export {
  inspectSwap,
  describeSwap,
  databaseSwapUnsupported,
  checkPublishedDatabase,
  executeSwap,
  ensureScopeColumn,
  colourNames,
  suffixed,
  manifestModels,
  resolvePublished,
  publishedOfRendered,
  catalogOf,
  projectQuoting,
  planContext,
  openDeployContext,
  DEFAULT_LEASE_MINUTES,
  DEFAULT_ROW_COUNT_TOLERANCE,
  resolveDatabaseScope,
  recordFailure,
  dryRunContext,
  assertTransition,
  isInProgress,
  convergeSwaps,
  watchSignals,
  prepareDeploy,
  preparePlan,
  rollbackDeploy,
  parseTolerance,
  parseWarnPolicy,
  parseLease,
  parseSchemas,
  loadArtifacts,
  defaultActor,
  defaultRunUrl
};
