import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  loadManifest
} from "./chunk-545Z3XKG.js";
import {
  OPT_IN_FEATURES,
  permissionsFor,
  roleForFeature
} from "./chunk-AIQJCJRY.js";
import {
  readDeployState
} from "./chunk-4W35UCXX.js";
import {
  runStatement
} from "./chunk-JK3NYHQT.js";
import {
  quoteIdent,
  resolveName
} from "./chunk-YTHL6NVM.js";

// shared/dialects/postgres/doctor.ts
var D = "postgres";
var postgresDoctorSql = {
  dialect: D,
  whoAmI: () => ({ sql: 'SELECT current_user AS "role", current_database() AS "database", NULL::text AS "warehouse"', purpose: "which user and database the session uses" }),
  databasePrivileges: () => ({
    sql: `SELECT has_database_privilege(current_database(), 'CONNECT') AS "connect", has_database_privilege(current_database(), 'CREATE') AS "create"`,
    purpose: "may the user connect to and create schemas in this database"
  }),
  schemaReadable: (schema) => ({
    sql: `SELECT has_schema_privilege(n.oid, 'USAGE') AS "usage", (SELECT count(*) FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'v', 'm', 'p') AND NOT has_table_privilege(c.oid, 'SELECT'))::int AS "unreadable" FROM pg_catalog.pg_namespace n WHERE n.nspname = $1`,
    binds: [schema],
    purpose: `may the user read ${schema}`
  }),
  grant: (privilege, target, grantee) => {
    const who = quoteIdent(grantee, D, "role");
    const name = quoteIdent(target.name ?? "", D);
    if (target.kind === "database") return { sql: `GRANT ${privilege} ON DATABASE ${name} TO ${who}` };
    return privilege === "USAGE" ? { sql: `GRANT USAGE ON SCHEMA ${name} TO ${who}` } : { sql: `GRANT SELECT ON ALL TABLES IN SCHEMA ${name} TO ${who}` };
  }
};

// shared/dialects/snowflake/doctor.ts
var D2 = "snowflake";
function on(t) {
  const n = () => quoteIdent(t.name ?? "", D2);
  switch (t.kind) {
    case "account":
      return "ACCOUNT";
    case "warehouse":
      return `WAREHOUSE ${n()}`;
    case "database":
      return `DATABASE ${n()}`;
    case "future schemas":
      return `FUTURE SCHEMAS IN DATABASE ${n()}`;
    case "future tables":
      return `FUTURE TABLES IN DATABASE ${n()}`;
    case "future views":
      return `FUTURE VIEWS IN DATABASE ${n()}`;
  }
}
var snowflakeDoctorSql = {
  dialect: D2,
  whoAmI: () => ({ sql: 'SELECT CURRENT_ROLE() AS "role", CURRENT_DATABASE() AS "database", CURRENT_WAREHOUSE() AS "warehouse"', purpose: "which role, database and warehouse the session uses" }),
  grantsToRole: (role) => ({ sql: `SHOW GRANTS TO ROLE ${quoteIdent(role, D2, "role")}`, purpose: `privileges held by ${role} (and the roles granted to it)` }),
  futureGrantsInDatabase: (database) => ({ sql: `SHOW FUTURE GRANTS IN DATABASE ${quoteIdent(database, D2, "database")}`, purpose: `future grants in ${database}` }),
  grant: (privilege, target, grantee) => ({ sql: `GRANT ${privilege} ON ${on(target)} TO ROLE ${quoteIdent(grantee, D2, "role")}` })
};

// shared/dialects/doctor.ts
function doctorSql(dialect) {
  return dialect === "snowflake" ? snowflakeDoctorSql : postgresDoctorSql;
}

// shared/doctor/doctor.ts
var DEFAULT_FEATURES = {
  ci: ["pr-schema", "slim-ci", "schema-cleanup"],
  deploy: ["deploy", "rollback", "freshness"],
  reader: ["consumer"]
};
function doctorScope(as, features, target) {
  const plain = features.filter((f) => !(f in OPT_IN_FEATURES));
  const role = as ?? (plain.length ? roleForFeature(plain[0]) : /^prod/i.test(target ?? "") ? "deploy" : "ci");
  return { as: role, features: plain.length ? [...features] : [...DEFAULT_FEATURES[role], ...features] };
}
var str = (v) => v === null || v === void 0 ? "" : String(v);
async function snowflakeHeld(q, sql, role, databases) {
  const roles = /* @__PURE__ */ new Set([role.toUpperCase()]);
  const queue = [role];
  const held = [];
  for (let i = 0; i < queue.length && i < 200; i++) {
    for (const r of await runStatement(q, sql.grantsToRole(queue[i]))) {
      const on2 = str(r.granted_on).toUpperCase();
      const name = str(r.name);
      const privilege = str(r.privilege).toUpperCase();
      if (on2 === "ROLE" && privilege === "USAGE" && !roles.has(name.toUpperCase())) {
        roles.add(name.toUpperCase());
        queue.push(name);
      }
      held.push({ privilege, kind: on2, name: name.replace(/^"|"$/g, "") });
    }
  }
  for (const db of databases) {
    let future = [];
    try {
      future = await runStatement(q, sql.futureGrantsInDatabase(db));
    } catch {
      continue;
    }
    for (const r of future) {
      if (!roles.has(str(r.grantee_name).toUpperCase())) continue;
      held.push({ privilege: str(r.privilege).toUpperCase(), kind: `FUTURE ${str(r.grant_on).toUpperCase()}`, name: db });
    }
  }
  return { held, roles: [...roles] };
}
function snowflakeHas(held, privilege, p, name) {
  const kind = { warehouse: "WAREHOUSE", database: "DATABASE", account: "ACCOUNT", "future schemas": "FUTURE SCHEMA", "future tables": "FUTURE TABLE", "future views": "FUTURE VIEW" }[p.kind];
  const sameName = (h) => p.kind === "account" || h.name.toUpperCase() === name.toUpperCase() || h.name.toUpperCase().endsWith(`.${name.toUpperCase()}`);
  return held.some((h) => h.kind === kind && sameName(h) && (h.privilege === privilege || h.privilege === "OWNERSHIP" && p.kind !== "account"));
}
async function runDoctor(warehouse, opts) {
  const sql = doctorSql(warehouse.dialect);
  const checks = [];
  const role = opts.as ?? roleForFeature(opts.features[0] ?? "pr-schema");
  const features = opts.features.length ? opts.features : DEFAULT_FEATURES[role];
  const who = (await runStatement(warehouse, sql.whoAmI()))[0] ?? {};
  const me = { role: str(who.role), database: str(who.database), warehouse: who.warehouse ?? null };
  checks.push({ area: "connection", name: "connect", status: "ok", detail: `${warehouse.description}; ${warehouse.dialect === "snowflake" ? "role" : "user"} ${me.role}, database ${me.database || "(none)"}` });
  if (warehouse.dialect === "snowflake" && !me.database) {
    checks.push({ area: "connection", name: "database", status: "missing", detail: "The session has no current database.", fix: "Set `database:` in the profile (or SNOWFLAKE_DATABASE)." });
  }
  if (warehouse.dialect === "snowflake" && !me.warehouse) {
    checks.push({ area: "connection", name: "warehouse", status: "missing", detail: "The session has no current warehouse, so no query can run.", fix: "Set `warehouse:` in the profile (or SNOWFLAKE_WAREHOUSE), and grant USAGE on it." });
  }
  const needed = permissionsFor(role, features);
  const targetName = (p) => p.target === "warehouse" ? me.warehouse ?? void 0 : p.target === "database" ? me.database : p.target === "raw database" ? opts.rawDatabase : p.target === "prod database" ? opts.prodDatabase : void 0;
  if (warehouse.dialect === "snowflake") {
    const dbs = [...new Set([me.database, opts.rawDatabase, opts.prodDatabase].filter((x) => !!x).map((d) => resolveName(d, "snowflake")))];
    const { held } = await snowflakeHeld(warehouse, sql, me.role, dbs);
    for (const p of needed) {
      const name = p.kind === "account" ? "ACCOUNT" : targetName(p);
      if (!name) {
        checks.push({ area: "grants", name: `${p.privileges.join(", ")} on ${p.kind} (${p.target})`, status: "skip", detail: `not checked: name the ${p.target} with --${p.target === "raw database" ? "raw" : "prod"}-database` });
        continue;
      }
      const resolved = p.kind === "account" ? name : resolveName(name, "snowflake");
      for (const privilege of p.privileges) {
        const ok = snowflakeHas(held, privilege, p, resolved);
        checks.push({
          area: "grants",
          name: `${privilege} on ${p.kind}${p.kind === "account" ? "" : ` ${resolved}`}`,
          status: ok ? "ok" : p.optIn ? "missing" : "missing",
          detail: `${p.commands.join(", ")}: ${p.why}`,
          fix: ok ? void 0 : `${sql.grant(privilege, { kind: p.kind, name: resolved }, me.role).sql};`
        });
      }
    }
  } else {
    const db = (await runStatement(warehouse, sql.databasePrivileges()))[0] ?? {};
    for (const p of needed.filter((x) => x.postgres?.on === "database")) {
      for (const privilege of p.postgres.privileges) {
        const ok = db[privilege.toLowerCase()] === true;
        checks.push({ area: "grants", name: `${privilege} on database ${me.database}`, status: ok ? "ok" : "missing", detail: `${p.commands.join(", ")}: ${p.why}`, fix: ok ? void 0 : `${sql.grant(privilege, { kind: "database", name: me.database }, me.role).sql};` });
      }
    }
    if (needed.some((x) => x.postgres?.on === "schemas") && role !== "deploy") {
      const live = opts.environment ? await liveSchemas(warehouse, opts) : void 0;
      if (!live?.length) {
        checks.push({ area: "grants", name: "read the live colour schemas", status: "skip", detail: opts.environment ? `nothing is live in ${opts.environment} yet` : "not checked: pass --environment so doctor can find the live colour schemas in DEPLOY_STATE" });
      }
      for (const schema of live ?? []) {
        const r = (await runStatement(warehouse, sql.schemaReadable(schema)))[0];
        const usage = r ? r.usage === true : false;
        const unreadable = r ? Number(r.unreadable) : 0;
        const ok = !!r && usage && unreadable === 0;
        const fix = ok ? void 0 : [!usage ? sql.grant("USAGE", { kind: "future schemas", name: schema }, me.role).sql : "", unreadable > 0 || !usage ? sql.grant("SELECT", { kind: "future tables", name: schema }, me.role).sql : ""].filter(Boolean).map((s) => `${s};`).join("\n");
        checks.push({ area: "grants", name: `read ${schema}`, status: ok ? "ok" : "missing", detail: r ? usage ? `${unreadable} relation(s) not readable` : "no USAGE on the schema" : "the schema does not exist", fix });
      }
    }
  }
  if (opts.environment) checks.push(...await deployStateChecks(warehouse, opts));
  if (opts.stateDir) checks.push(await stateCheck(opts.stateDir));
  if (opts.github?.token) checks.push(await githubCheck(opts.github));
  return {
    ready: !checks.some((c) => c.status === "missing"),
    role,
    features,
    connection: { dialect: warehouse.dialect, description: warehouse.description, role: me.role, database: me.database, warehouse: me.warehouse },
    checks
  };
}
async function liveSchemas(warehouse, opts) {
  try {
    const state = await readDeployState(warehouse, { environment: opts.environment, adminSchema: opts.adminSchema });
    const live = state.live;
    if (!live?.colour) return void 0;
    const suffix = live.colour === "blue" ? "__BLUE" : "__GREEN";
    return live.schemas.map((s) => `${s}${suffix}`);
  } catch {
    return void 0;
  }
}
async function deployStateChecks(warehouse, opts) {
  const env = opts.environment;
  try {
    const state = await readDeployState(warehouse, { environment: env, adminSchema: opts.adminSchema });
    if (!state.initialised) return [{ area: "deploy-state", name: "DEPLOY_STATE", status: "warn", detail: `No DEPLOY_STATE in this database yet: nothing was ever deployed to ${env} here. The first \`deploy prepare\` creates it.` }];
    const out = [];
    const live = state.live;
    out.push({ area: "deploy-state", name: "live deploy", status: live ? "ok" : "warn", detail: live ? `${live.deployId} (${live.colour}) since ${live.updatedAt ?? "?"} by ${live.actor ?? "?"}` : `Nothing is live in ${env} yet.` });
    const lock = state.lock;
    if (lock?.holder) {
      out.push(
        lock.expired ? { area: "deploy-state", name: "deploy lock", status: "warn", detail: `Held by ${lock.holder} (${lock.actor ?? "?"}) but expired at ${lock.expiresAt}: the next deploy takes it over.`, fix: `slipway deploy unlock --environment ${env} --reason "<why>"` } : { area: "deploy-state", name: "deploy lock", status: "ok", detail: `Held by ${lock.holder} (${lock.actor ?? "?"}${lock.runUrl ? `, ${lock.runUrl}` : ""}) until ${lock.expiresAt}.` }
      );
    } else out.push({ area: "deploy-state", name: "deploy lock", status: "ok", detail: "free" });
    const last = state.deploys[state.deploys.length - 1];
    if (last && (last.status === "STARTED" || last.status === "BUILT" || last.status === "CHECKED") && !lock?.holder) {
      out.push({ area: "deploy-state", name: "unfinished deploy", status: "warn", detail: `${last.deployId} is ${last.status} but holds no lock: it was abandoned.`, fix: `slipway deploy abort --environment ${env} --reason "<why>"` });
    }
    return out;
  } catch (err) {
    return [{ area: "deploy-state", name: "DEPLOY_STATE", status: "missing", detail: `Cannot read DEPLOY_STATE: ${err.message}`, fix: "Grant the role read access to the SLIPWAY admin schema, or pass --admin-schema." }];
  }
}
async function stateCheck(dir) {
  try {
    const m = await loadManifest(`${dir.replace(/\/+$/, "")}/manifest.json`);
    return { area: "state", name: "production state", status: "ok", detail: `${dir}/manifest.json: ${Object.keys(m.nodes ?? {}).length} nodes` };
  } catch (err) {
    return { area: "state", name: "production state", status: "missing", detail: `${dir}/manifest.json cannot be used: ${err.message}`, fix: "Run a deploy (it saves state), or `slipway state save` from a good production build." };
  }
}
async function githubCheck(gh) {
  if (!gh.repository) return { area: "github", name: "GitHub token", status: "skip", detail: "GITHUB_TOKEN is set but GITHUB_REPOSITORY is not: cannot check it against a repository." };
  try {
    const { createOctokit } = await import("./client-DARJTNV5.js");
    const octokit = createOctokit({ token: gh.token, baseUrl: gh.apiUrl, retries: 0, requestTimeoutMs: 1e4 });
    const [owner, repo] = gh.repository.split("/");
    const res = await octokit.request("GET /repos/{owner}/{repo}", { owner, repo });
    const scopes = res.headers["x-oauth-scopes"];
    return { area: "github", name: "GitHub token", status: "ok", detail: `reads ${gh.repository}${scopes !== void 0 ? `; scopes: ${scopes || "(none)"}` : ""}` };
  } catch (err) {
    const status = err.status;
    return {
      area: "github",
      name: "GitHub token",
      status: "missing",
      detail: `GET /repos/${gh.repository} failed${status ? ` with ${status}` : ""}: ${err.message}`,
      fix: status === 401 ? "The token is invalid or expired: renew it." : "Give the token read access to the repository (contents: read), plus pull-requests: write and checks: write for reports."
    };
  }
}
function doctorText(r) {
  const mark = { ok: "ok  ", missing: "MISS", warn: "warn", skip: "skip" };
  const lines = [`slipway doctor — ${r.connection.description} as the ${r.role} role (${r.features.join(", ")})`, ""];
  for (const c of r.checks) lines.push(`  [${mark[c.status]}] ${c.area}: ${c.name} — ${c.detail}`);
  const fixes = r.checks.filter((c) => c.status === "missing" && c.fix).map((c) => c.fix);
  if (fixes.length) lines.push("", "To fix, an administrator runs:", "", ...fixes.map((f) => `  ${f.replace(/\n/g, "\n  ")}`));
  lines.push("", r.ready ? "Ready." : `Not ready: ${r.checks.filter((c) => c.status === "missing").length} thing(s) missing.`);
  return lines.join("\n");
}

export {
  doctorScope,
  runDoctor,
  doctorText
};
