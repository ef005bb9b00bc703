import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  postgresDeploySql
} from "./chunk-TI3OI3EX.js";
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
} from "./chunk-RCJNHNKN.js";
import {
  col,
  deploySqlFor
} from "./chunk-XBQYJD25.js";
import {
  resolveName
} from "./chunk-YASYTQ2Y.js";
import {
  GateFailure,
  OperationError,
  UserError
} from "./chunk-WLODUQ4F.js";

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
async function checkRowCounts(warehouse, sql, database, schemas, opts) {
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
        if (pct > opts.tolerancePct) items.push(`${s.colourSchema}.${t}: ${b} → ${n} rows (${n >= b ? "+" : "-"}${pct.toFixed(1)}%, tolerance ${opts.tolerancePct}%)`);
      }
    }
  }
  if (firstDeploy) return { name: "row-counts", status: "skip", message: "first deploy: no live colour to compare row counts with" };
  if (items.length) return { name: "row-counts", status: "fail", message: `${items.length} table(s) outside the row-count tolerance of the live colour`, items };
  return { name: "row-counts", status: "pass", message: `${compared} table(s) within ${opts.tolerancePct === null ? "the populated → empty guard" : `${opts.tolerancePct}% of the live colour`}` };
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
      const { rows } = await warehouse.query(renderUserCheck(f.sql, vars));
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

// shared/deploy/deploy.ts
import { createHash } from "node:crypto";
import { readFile as readFile2 } from "node:fs/promises";

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
  const timeout = opts.lockTimeoutMs ?? 25;
  const maxAttempts = opts.lockAttempts ?? 100;
  return wh.transaction(async (s) => {
    const done = [];
    const exec = async (st) => {
      await run(s, st);
      done.push(st);
    };
    const execAll = async (sts) => {
      for (const b of postgresDeploySql.batch(sts)) await run(s, b);
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
    const viewLocks = live.flatMap((l) => postgresDeploySql.lockViews(l.t.published, l.views));
    const lockStmts = [postgresDeploySql.setLockTimeout(timeout), ...viewLocks];
    let attempts = 0;
    if (viewLocks.length) {
      await s.query("SAVEPOINT slipway_cutover_locks");
      for (; ; ) {
        attempts++;
        try {
          await run(s, postgresDeploySql.setLockTimeout(Math.min(timeout * 1.5 ** (attempts - 1), 500)));
          for (const st of viewLocks) await run(s, st);
          break;
        } catch (err) {
          const code = pgCode(err);
          if ((code === "55P03" || code === "40P01") && attempts < maxAttempts) {
            await s.query("ROLLBACK TO SAVEPOINT slipway_cutover_locks");
            await sleep(1 + Math.floor(Math.random() * 10));
            continue;
          }
          if (code === "55P03" || code === "40P01") {
            throw new OperationError(`Could not lock the live views within ${attempts} attempts: readers kept them busy. Nothing was switched.`, { cause: err, hint: "Rerun the cutover; long-running queries on the published views block it." });
          }
          throw err;
        }
      }
      done.push(...lockStmts);
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
  for (const l of live) {
    const st = l.exists ? sql.swap(db, l.t.published, l.t.next) : [sql.rename(db, l.t.next, l.t.published)];
    try {
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
      throw new OperationError(
        `The swap of ${l.t.published} failed: ${err.message}.${swapped.length ? ` Schemas already swapped were swapped back: ${undone.join(", ") || "none could be"}.` : " Nothing was switched."}`,
        { cause: err, hint: "Check that the deploy role owns both schemas, then rerun the deploy." }
      );
    }
    swaps.push(...st);
    swapped.push(l);
    tLast = Date.now();
  }
  for (const st of record) await exec(st);
  return { statements: done, swapStatements: swaps, swapWindowMs: live.length > 1 ? tLast - t0 : 0, grantsMirrored: mirrored, lockAttempts: 1 };
}
function databaseSwapUnsupported(dialect, what = "--database-swap") {
  return new UserError(
    `${what} needs a warehouse with the databaseSwap capability (one ALTER DATABASE … SWAP WITH …, i.e. Snowflake); this ${dialect} warehouse does not have it.`,
    { hint: `Leave out ${what}: on ${dialect} the whole cutover of every published schema is already one transaction, so the option is unnecessary there.` }
  );
}
async function checkPublishedDatabase(q, sql, dbSql, scope, published) {
  if (scope.data && scope.published.toUpperCase() === scope.data.toUpperCase()) {
    throw new UserError(`The consumer database ${scope.published} is also the database of the colour schemas and the admin schema; a database swap would move them too.`, {
      hint: "Give the published schemas their own database (--published-database / published-database), holding only Slipway's published views; keep --database for the colour and admin schemas."
    });
  }
  if (!(await run(q, dbSql.databaseExists(scope.data ?? scope.published, scope.published))).length) return false;
  const schemas = (await run(q, dbSql.listSchemas(scope.published))).map((r) => String(r.name ?? r.NAME));
  const want = new Set(published);
  const others = [];
  for (const s of schemas) {
    if (want.has(s) || s === "INFORMATION_SCHEMA") continue;
    if (s === "PUBLIC" && !(await run(q, sql.listRelations(scope.published, s))).length) continue;
    others.push(s);
  }
  const tables = [];
  for (const p of published) {
    if (!schemas.includes(p)) continue;
    for (const r of await run(q, sql.listRelations(scope.published, p))) if (String(r.kind ?? r.KIND) !== "view") tables.push(`${p}.${String(r.name ?? r.NAME)}`);
  }
  if (others.length || tables.length) {
    throw new UserError(
      `Refusing the database swap: ${scope.published} must hold only Slipway's published view schemas (${published.join(", ")}), because ALTER DATABASE … SWAP WITH moves everything in it.${others.length ? ` It also holds schema(s) ${others.join(", ")}.` : ""}${tables.length ? ` Published schemas hold non-view object(s) ${tables.join(", ")}.` : ""}`,
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
    const { snowflakeDatabaseScopeSql } = await import("./deploy-5TN2G6F5.js");
    return swapSnowflakeDatabase(wh, sql, snowflakeDatabaseScopeSql, a, targets, record, opts, opts.databaseScope);
  }
  return wh.capabilities.transactionalDdl ? swapPostgres(wh, sql, a, targets, record, opts) : swapSnowflake(wh, sql, a, targets, record, opts, rt);
}
async function ensureScopeColumn(q, dbSql, a) {
  if (!(await run(q, dbSql.scopeColumnExists(a))).length) await run(q, dbSql.addScopeColumn(a));
}

// shared/deploy/deploy.ts
var DEFAULT_LEASE_MINUTES = 180;
var DEFAULT_ROW_COUNT_TOLERANCE = 50;
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
  return { suffix: { blue, green }, next };
}
function suffixed(published, suffix, dialect) {
  return resolveName(published + (dialect === "postgres" ? suffix.toLowerCase() : suffix.toUpperCase()), dialect);
}
var MODEL_TYPES = /* @__PURE__ */ new Set(["model", "seed", "snapshot"]);
function stripColour(schema, names) {
  for (const s of [names.suffix.blue, names.suffix.green]) if (schema.toUpperCase().endsWith(s.toUpperCase())) return schema.slice(0, -s.length);
  return schema;
}
function schemasFromManifest(manifest, names) {
  const out = /* @__PURE__ */ new Set();
  for (const n of Object.values(manifest.nodes)) {
    if (!MODEL_TYPES.has(n.resource_type) || n.config?.materialized === "ephemeral" || n.config?.enabled === false || !n.schema) continue;
    out.add(stripColour(n.schema, names));
  }
  return [...out].sort();
}
function manifestModels(manifest, published, names, dialect) {
  const byUpper = new Map(published.map((p) => [p.toUpperCase(), p]));
  const out = new Map(published.map((p) => [p, []]));
  for (const n of Object.values(manifest.nodes)) {
    if (!MODEL_TYPES.has(n.resource_type) || n.config?.materialized === "ephemeral" || n.config?.enabled === false || !n.schema) continue;
    const p = byUpper.get(resolveName(stripColour(n.schema, names), dialect).toUpperCase());
    if (!p) continue;
    const name = resolveName(String(n.alias ?? n.name), dialect);
    const list = out.get(p);
    if (!list.includes(name)) list.push(name);
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
    suffixed(p, names.next, dialect);
  }
  return out;
}
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
  const published = resolveName(opts.publishedDatabase.trim(), dialect);
  const data = resolveName(opts.database.trim(), dialect);
  if (published.toUpperCase() === data.toUpperCase()) {
    throw new UserError(`--published-database ${published} is also --database: a database swap would move the colour schemas and the admin schema with it.`, {
      hint: "Keep the published views in their own database; the colour schemas and DEPLOY_STATE stay in --database."
    });
  }
  if (published.toUpperCase().endsWith(names.next.toUpperCase())) throw new UserError(`--published-database ${published} already ends in ${names.next}.`, { hint: "Name the consumer-facing database, not its staging twin." });
  return { published, next: suffixed(published, names.next, dialect), data };
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
  const published = resolvePublished(opts.schemas, opts.manifest, names, dialect);
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
    if (tookOverFrom?.holder) {
      rt.warn(`Took over the expired deploy lock of ${tookOverFrom.holder} (lease ended ${tookOverFrom.expiresAt}); recording it FAILED.`);
      await run(wh, sql.insertEvent(a, eventValues({ deploy_id: tookOverFrom.holder, environment, status: "FAILED", actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `lease expired at ${tookOverFrom.expiresAt}; lock taken over by ${deployId}`, reason: "lease expired" })));
    }
    const state = await readDeployState(wh, { ...opts, environment });
    const { colour, previousColour, previous } = idleColour(state);
    const suffix = names.suffix[colour];
    const schemas = published.map((p) => suffixed(p, suffix, dialect));
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
          schemasList: published,
          git_sha: opts.gitSha ?? null,
          manifest_sha256: opts.manifestSha256 ?? null,
          run_url: opts.runUrl ?? null,
          actor: opts.actor,
          started_at: (/* @__PURE__ */ new Date()).toISOString()
        })
      )
    );
    rt.info(`Deploy ${deployId} (${environment}): build the ${colour} colour (${schemas.join(", ")}); consumers keep reading ${previousColour ?? "nothing yet"}.`);
    return { deployId, environment, colour, previousColour, previousDeployId: previous?.deployId ?? null, schemaSuffix: suffix, published, schemas, tookOverFrom: tookOverFrom?.holder ?? void 0 };
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
    const colourSchema = suffixed(p, args.names.suffix[args.colour], d);
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
      liveColourSchema: args.previousColour ? suffixed(p, args.names.suffix[args.previousColour], d) : void 0,
      next: suffixed(p, args.names.next, d),
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
  if (record.status !== "STARTED" && record.status !== "BUILT" && record.status !== "CHECKED") {
    throw new GateFailure(`Deploy ${deployId} is ${record.status}; only a STARTED deploy can be cut over.`, { hint: "Start a new deploy with `slipway deploy prepare`." });
  }
  const colour = record.colour ?? "blue";
  const previousColour = state.live?.colour ?? null;
  const previousDeployId = state.live?.deployId ?? null;
  const published = record.schemas.length ? record.schemas : resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const suffix = names.suffix[colour];
  const ev = (status, extra = {}) => sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status, colour, previous_colour: previousColour, actor: opts.actor, run_url: opts.runUrl ?? null, manifest_sha256: opts.manifestSha256 ?? null, git_sha: opts.gitSha ?? null, ...extra }));
  let checks = [];
  try {
    await run(wh, sql.renewLock(a, environment, deployId, opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES));
    const dbSql = scope ? (await import("./deploy-5TN2G6F5.js")).snowflakeDatabaseScopeSql : void 0;
    if (scope && dbSql) await checkPublishedDatabase(wh, sql, dbSql, scope, published);
    await run(wh, ev("BUILT"));
    const tChecks = Date.now();
    const plans = await planSchemas(wh, sql, { database, published, colour, previousColour, names, manifest: opts.manifest });
    const ctx = { warehouse: wh, environment, deployId, colour, previousColour, schemas: plans, manifest: opts.manifest, runResults: opts.runResults };
    checks.push(checkRunResults(opts.runResults, opts.warnPolicy ?? "allow"));
    checks.push(checkModelsExist(plans, !!opts.manifest));
    const empty = plans.filter((p) => p.models.length === 0);
    if (empty.length === plans.length) checks.push({ name: "not-empty", status: "fail", message: `the ${colour} colour holds nothing to publish`, items: plans.map((p) => `${p.colourSchema} is empty`) });
    checks.push(await checkRowCounts(wh, sql, database, plans, { tolerancePct: opts.rowCountTolerancePct === void 0 ? DEFAULT_ROW_COUNT_TOLERANCE : opts.rowCountTolerancePct }));
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
      ev("LIVE", { previous_deploy_id: previousDeployId, schemasList: published, checkResults: checks, ...scope ? { cutover_scope: databaseScopeValue(scope.published) } : {} }),
      ...previousDeployId ? [sql.insertEvent(a, eventValues({ deploy_id: previousDeployId, environment, status: "SUPERSEDED", colour: previousColour, actor: opts.actor, run_url: opts.runUrl ?? null, reason: `superseded by ${deployId}` }))] : [],
      sql.releaseLock(a, environment, deployId)
    ];
    const tSwitch = Date.now();
    const outcome = await executeSwap(wh, sql, a, targets, recordStmts, { environment, holder: deployId, database, lockTimeoutMs: opts.lockTimeoutMs, databaseScope: scope }, rt);
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
    if (!(err instanceof GateFailure && err.details?.checks)) {
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
  await run(wh, sql.insertEvent(a, eventValues({ deploy_id: lock.holder, environment, status: "FAILED", actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `deploy lock cleared by ${opts.actor}`, reason: opts.reason })));
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
    throw new GateFailure(`Deploy ${deployId} does not hold the deploy lock for environment '${environment}' (${holder ? `held by ${holder}` : "it is free"}).`, {
      hint: holder ? `If ${holder} is dead, clear it with \`slipway deploy unlock --environment ${environment} --reason …\`.` : "Nothing to abort."
    });
  }
  await run(wh, sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "FAILED", actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `aborted: ${opts.reason}`, reason: opts.reason })));
  await run(wh, sql.releaseLock(a, environment, deployId));
  rt.info(`Deploy ${deployId} aborted and recorded FAILED (${opts.reason}); the lock for '${environment}' is released and consumers keep the live colour.`);
  return { environment, deployId, aborted: true };
}
async function deployStatus(wh, opts) {
  const state = await readDeployState(wh, opts);
  const recent = state.deploys.slice(-(opts.limit ?? 10)).reverse().map(({ events: _e, ...d }) => d);
  return { environment: state.environment, initialised: state.initialised, live: state.live ?? null, lock: state.lock && state.lock.holder ? state.lock : null, recent };
}
async function cutoverPlan(opts) {
  const dialect = opts.dialect;
  const names = colourNames(opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const db = a.database;
  const environment = checkEnvironment(opts.environment);
  const published = resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const colour = opts.colour ?? "green";
  const prev = otherColour(colour);
  const deployId = "<deploy-id>";
  const models = opts.manifest ? manifestModels(opts.manifest, published, names, dialect) : /* @__PURE__ */ new Map();
  const scope = resolveDatabaseScope(dialect, dialect === "snowflake", opts);
  if (scope) return databaseCutoverPlan(opts, { sql, a, environment, published, colour, prev, deployId, models, names, scope });
  const out = [...sql.ensureAdmin(a), sql.readLock(a, environment), sql.renewLock(a, environment, deployId, DEFAULT_LEASE_MINUTES)];
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "CHECKED", colour, previous_colour: prev, checkResults: [] })));
  const lockStmts = [];
  const swaps = [];
  for (const p of published) {
    const plan = { published: p, colourSchema: suffixed(p, names.suffix[colour], dialect), liveColourSchema: suffixed(p, names.suffix[prev], dialect), next: suffixed(p, names.next, dialect), models: (models.get(p) ?? []).map((m) => ({ name: m, source: m })), missing: [] };
    out.push(sql.listRelations(db, plan.colourSchema));
    out.push(...sql.rowCounts(db, plan.colourSchema, plan.models.map((m) => m.name)));
    out.push(...sql.readGrants(db, p));
    const build = buildStatements(sql, db, plan);
    out.push(...build);
    out.push(...sql.readGrants(db, plan.next).map((s) => ({ ...s, purpose: `check: ${plan.next} carries every grant ${p} has` })));
    if (dialect === "postgres") lockStmts.push(...postgresDeploySql.lockViews(p, plan.models.map((m) => m.name)));
    swaps.push(...sql.swap(db, p, plan.next));
  }
  if (dialect === "postgres") out.push(postgresDeploySql.setLockTimeout(25), ...lockStmts);
  else out.push(sql.readLock(a, environment));
  out.push(...swaps);
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "LIVE", colour, previous_colour: prev, previous_deploy_id: "<previous-deploy-id>", schemasList: published })));
  out.push(sql.insertEvent(a, eventValues({ deploy_id: "<previous-deploy-id>", environment, status: "SUPERSEDED", colour: prev, reason: `superseded by ${deployId}` })));
  out.push(sql.releaseLock(a, environment, deployId));
  return out;
}
async function databaseCutoverPlan(opts, x) {
  const { sql, a, environment, published, colour, prev, deployId, models, names, scope } = x;
  const dialect = opts.dialect;
  const dbSql = (await import("./deploy-5TN2G6F5.js")).snowflakeDatabaseScopeSql;
  const out = [...sql.ensureAdmin(a), sql.readLock(a, environment), sql.renewLock(a, environment, deployId, DEFAULT_LEASE_MINUTES)];
  out.push(dbSql.databaseExists(scope.data, scope.published), dbSql.listSchemas(scope.published));
  out.push(...published.map((p) => ({ ...sql.listRelations(scope.published, p), purpose: `${scope.published}.${p} must hold only views (the swap moves everything)` })));
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "BUILT", colour, previous_colour: prev })));
  const build = [];
  const checks = [];
  for (const p of published) {
    const colourSchema = suffixed(p, names.suffix[colour], dialect);
    const ms = models.get(p) ?? [];
    out.push(sql.listRelations(scope.data, colourSchema));
    out.push(...sql.rowCounts(scope.data, colourSchema, ms));
    build.push(dbSql.createSchema(scope.next, p), ...ms.map((m) => dbSql.createView(scope.next, p, m, scope.data, colourSchema, m)));
    checks.push(...sql.readGrants(scope.next, p).map((s) => ({ ...s, purpose: `check: ${scope.next}.${p} carries every grant ${scope.published}.${p} has` })));
  }
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "CHECKED", colour, previous_colour: prev, checkResults: [] })));
  out.push(...dbSql.readDatabaseGrants(scope.published), ...published.flatMap((p) => sql.readGrants(scope.published, p)));
  const recreate = dbSql.recreateDatabase(scope.next);
  out.push({ ...recreate, purpose: `${recreate.purpose}; then one GRANT … ON DATABASE / ON FUTURE … IN DATABASE per database grant read above, before the schemas and views are created (schema and view grants follow the same way)` });
  out.push(...build);
  out.push(...dbSql.readDatabaseGrants(scope.next).map((s) => ({ ...s, purpose: `check: ${scope.next} carries every database grant ${scope.published} has` })), ...checks);
  out.push(sql.readLock(a, environment), dbSql.scopeColumnExists(a), dbSql.addScopeColumn(a));
  out.push(dbSql.swapDatabases(scope.published, scope.next));
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "LIVE", colour, previous_colour: prev, previous_deploy_id: "<previous-deploy-id>", schemasList: published, cutover_scope: databaseScopeValue(scope.published) })));
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
  const published = resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const colour = opts.colour ?? "green";
  const deployId = "<deploy-id>";
  return [
    ...sql.ensureAdmin(a),
    sql.ensureLockRow(a, environment),
    sql.acquireLock(a, environment, deployId, "<run-url>", "<actor>", DEFAULT_LEASE_MINUTES),
    sql.readLock(a, environment),
    sql.selectEvents(a, environment),
    ...published.map((p) => sql.createSchemaIfMissing(a.database, suffixed(p, names.suffix[colour], dialect))),
    sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: "STARTED", colour, previous_colour: otherColour(colour), schemasList: published, started_at: (/* @__PURE__ */ new Date(0)).toISOString() }))
  ];
}

export {
  listRelations,
  formatChecks,
  databaseSwapUnsupported,
  executeSwap,
  colourNames,
  suffixed,
  sha256File,
  prepareDeploy,
  cutoverDeploy,
  unlockDeploy,
  abortDeploy,
  deployStatus,
  cutoverPlan,
  preparePlan
};
