import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  deploySqlFor,
  isoOrString
} from "./chunk-U2YJDY4W.js";
import {
  runStatement
} from "./chunk-JK3NYHQT.js";
import {
  resolveName
} from "./chunk-YTHL6NVM.js";
import {
  GateFailure,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/deploy/state.ts
import { randomBytes } from "node:crypto";
function otherColour(c) {
  return c === "blue" ? "green" : "blue";
}
function adminNames(dialect, opts) {
  return {
    database: opts.database ? resolveName(opts.database, dialect) : void 0,
    schema: resolveName(opts.adminSchema ?? "SLIPWAY", dialect),
    stateTable: resolveName("DEPLOY_STATE", dialect),
    lockTable: resolveName("DEPLOY_LOCK", dialect),
    currentView: resolveName("DEPLOY_CURRENT", dialect)
  };
}
function checkEnvironment(environment) {
  if (!environment || !environment.trim()) {
    throw new UserError("No environment was given.", { hint: "Pass --environment (e.g. production); each environment has its own deploy lock and history." });
  }
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(environment)) {
    throw new UserError(`The environment '${environment.slice(0, 80)}' may contain only letters, digits, '.', '_' and '-' (up to 64).`, { hint: "Use a short name such as production or staging." });
  }
  return environment;
}
function newDeployId(now = /* @__PURE__ */ new Date(), prefix = "") {
  const ts = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${prefix}${ts}-${randomBytes(3).toString("hex")}`;
}
var STATUSES = /* @__PURE__ */ new Set(["STARTED", "BUILT", "CHECKED", "SWAPPING", "LIVE", "FAILED", "ROLLED_BACK", "SUPERSEDED"]);
function parseEvent(r) {
  const json = (s) => {
    if (!s) return null;
    try {
      return JSON.parse(s);
    } catch {
      return s;
    }
  };
  const colour = (s) => s === "blue" || s === "green" ? s : null;
  const schemas = json(isoOrString(r.schemas));
  const status = String(isoOrString(r.status));
  return {
    seq: Number(r.event_seq),
    deployId: String(isoOrString(r.deploy_id)),
    environment: String(isoOrString(r.environment)),
    status: STATUSES.has(status) ? status : "FAILED",
    colour: colour(isoOrString(r.colour)),
    previousColour: colour(isoOrString(r.previous_colour)),
    previousDeployId: isoOrString(r.previous_deploy_id),
    schemas: Array.isArray(schemas) ? schemas.map(String) : [],
    gitSha: isoOrString(r.git_sha),
    manifestSha256: isoOrString(r.manifest_sha256),
    runUrl: isoOrString(r.run_url),
    actor: isoOrString(r.actor),
    startedAt: isoOrString(r.started_at),
    recordedAt: isoOrString(r.recorded_at),
    checkResults: json(isoOrString(r.check_results)),
    errorText: isoOrString(r.error_text),
    reason: isoOrString(r.reason),
    rolledBackTo: isoOrString(r.rolled_back_to),
    cutoverScope: isoOrString(r.cutover_scope)
  };
}
function foldEvents(environment, events) {
  const byId = /* @__PURE__ */ new Map();
  let live;
  for (const e of events) {
    let d = byId.get(e.deployId);
    if (!d) {
      d = { deployId: e.deployId, environment, status: e.status, colour: null, previousColour: null, previousDeployId: null, schemas: [], gitSha: null, manifestSha256: null, runUrl: null, actor: null, startedAt: null, updatedAt: null, checkResults: null, errorText: null, events: [] };
      byId.set(e.deployId, d);
    }
    d.events.push(e);
    d.status = e.status;
    d.updatedAt = e.recordedAt ?? d.updatedAt;
    const own = e.status !== "ROLLED_BACK" && e.status !== "SUPERSEDED" && !e.reason;
    if (e.colour && (own || !d.colour)) d.colour = e.colour;
    if (e.previousColour && !d.previousColour) d.previousColour = e.previousColour;
    if (e.previousDeployId) d.previousDeployId = e.previousDeployId;
    if (e.schemas.length) d.schemas = e.schemas;
    d.gitSha = e.gitSha ?? d.gitSha;
    d.manifestSha256 = e.manifestSha256 ?? d.manifestSha256;
    if (own) {
      d.runUrl = e.runUrl ?? d.runUrl;
      d.actor = e.actor ?? d.actor;
    }
    d.startedAt = d.startedAt ?? e.startedAt ?? (e.status === "STARTED" ? e.recordedAt : null);
    if (e.checkResults) d.checkResults = e.checkResults;
    if (e.errorText) d.errorText = e.errorText;
    if (e.status === "LIVE") live = e.deployId;
  }
  return { environment, events, deploys: [...byId.values()], live: live ? byId.get(live) : void 0 };
}
function parseLock(r) {
  if (!r) return void 0;
  const expired = r.expired;
  return {
    holder: isoOrString(r.holder),
    runUrl: isoOrString(r.run_url),
    actor: isoOrString(r.actor),
    acquiredAt: isoOrString(r.acquired_at),
    expiresAt: isoOrString(r.expires_at),
    expired: expired === true || expired === "t" || expired === "true" || expired === 1
  };
}
async function adminInitialised(q, sql, a) {
  return (await runStatement(q, sql.adminExists(a))).length > 0;
}
async function readLock(q, sql, a, environment, forUpdate = false) {
  return parseLock((await runStatement(q, sql.readLock(a, environment, forUpdate)))[0]);
}
async function readDeployState(warehouse, opts) {
  const environment = checkEnvironment(opts.environment);
  const sql = await deploySqlFor(warehouse.dialect);
  const a = adminNames(warehouse.dialect, opts);
  if (!await adminInitialised(warehouse, sql, a)) return { environment, events: [], deploys: [], initialised: false };
  const events = (await runStatement(warehouse, sql.selectEvents(a, environment))).map(parseEvent);
  const lock = await readLock(warehouse, sql, a, environment);
  return { ...foldEvents(environment, events), lock, initialised: true };
}
async function currentDeploy(warehouse, opts) {
  return (await readDeployState(warehouse, opts)).live;
}
function databaseScopeValue(publishedDatabase) {
  return `database:${publishedDatabase}`;
}
function liveDatabaseScope(d) {
  const scope = d.events.filter((e) => e.status === "LIVE").at(-1)?.cutoverScope;
  return scope?.startsWith("database:") ? scope.slice("database:".length) : void 0;
}
function eventValues(v) {
  const { checkResults, schemasList, ...rest } = v;
  return {
    ...rest,
    ...checkResults !== void 0 ? { check_results: JSON.stringify(checkResults) } : {},
    ...schemasList !== void 0 ? { schemas: JSON.stringify(schemasList) } : {}
  };
}
async function ensureAdmin(warehouse, sql, a) {
  if (await adminInitialised(warehouse, sql, a)) return;
  const tx = sql.transactional;
  if (tx && warehouse.capabilities.transactionalDdl) {
    await warehouse.transaction(async (s) => {
      await runStatement(s, tx.adminAdvisoryLock());
      for (const st of sql.ensureAdmin(a)) await runStatement(s, st);
    });
  } else {
    for (const st of sql.ensureAdmin(a)) await runStatement(warehouse, st);
  }
}
async function acquireLock(warehouse, sql, a, req) {
  const [ensureRow, readBefore, take, readAfter] = acquireLockStatements(sql, a, req);
  await runStatement(warehouse, ensureRow);
  const before = parseLock((await runStatement(warehouse, readBefore))[0]);
  await runStatement(warehouse, take);
  const after = parseLock((await runStatement(warehouse, readAfter))[0]);
  if (after?.holder !== req.holder) throw lockHeld(req.environment, after);
  return { tookOverFrom: before?.holder && before.holder !== req.holder ? before : void 0 };
}
function acquireLockStatements(sql, a, req) {
  return [
    sql.ensureLockRow(a, req.environment),
    { ...sql.readLock(a, req.environment), purpose: "who held the lock before (an expired holder is taken over and recorded)" },
    sql.acquireLock(a, req.environment, req.holder, req.runUrl, req.actor, req.leaseMinutes),
    { ...sql.readLock(a, req.environment), purpose: `${req.holder} holds the lock now, or the command stops here` }
  ];
}
function ensureAdminStatements(sql, a, o) {
  const check = { ...sql.adminExists(a), purpose: "does DEPLOY_STATE exist yet" };
  if (o.initialised) return [check];
  const create = sql.ensureAdmin(a);
  if (o.initialised === void 0) create.forEach((st, i) => create[i] = { ...st, purpose: `${st.purpose ?? "admin object"} (only when DEPLOY_STATE does not exist yet)` });
  const tx = sql.transactional;
  return o.transactional && tx ? [check, { sql: "BEGIN" }, tx.adminAdvisoryLock(), ...create, { sql: "COMMIT" }] : [check, ...create];
}
function readDeployStateStatements(sql, a, environment) {
  return [sql.adminExists(a), sql.selectEvents(a, environment), sql.readLock(a, environment)];
}
function lockHeld(environment, lock) {
  const who = lock?.holder ?? "another run";
  return new GateFailure(
    `The deploy lock for environment '${environment}' is held by deploy ${who}${lock?.runUrl ? ` (run ${lock.runUrl})` : ""}${lock?.actor ? `, started by ${lock.actor}` : ""}${lock?.acquiredAt ? ` at ${lock.acquiredAt}` : ""}; its lease runs until ${lock?.expiresAt ?? "unknown"}.`,
    {
      hint: `Wait for that deploy to finish. If its run is dead, clear the lease: slipway deploy unlock --environment ${environment} --reason "<why>"`,
      details: { lock }
    }
  );
}

export {
  otherColour,
  adminNames,
  checkEnvironment,
  newDeployId,
  readLock,
  readDeployState,
  currentDeploy,
  databaseScopeValue,
  liveDatabaseScope,
  eventValues,
  ensureAdmin,
  acquireLock,
  acquireLockStatements,
  ensureAdminStatements,
  readDeployStateStatements
};
