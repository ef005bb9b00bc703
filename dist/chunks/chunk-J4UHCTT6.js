import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  UserError
} from "./chunk-WLODUQ4F.js";

// shared/config/profiles.ts
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import YAML from "../vendor/yaml.js";
import { z } from "../vendor/zod.js";
var SECRET_KEYS = /* @__PURE__ */ new Set(["password", "private_key", "private_key_passphrase", "token", "oauth_client_secret", "pass"]);
var ENV_VAR = /\{\{\s*env_var\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])((?:(?!\3).)*)\3\s*)?\)\s*(?:\|\s*(as_number|as_bool|as_text|int)\s*)?\}\}/g;
function renderEnvVars(value, env, where) {
  const out = value.replace(ENV_VAR, (_m, _q, name, _q2, dflt) => {
    const v = env[name];
    if (v !== void 0) return v;
    if (dflt !== void 0) return dflt;
    throw new UserError(`${where} uses env_var('${name}'), but ${name} is not set and there is no default.`, {
      hint: `Set the environment variable ${name} (in GitHub: from a secret, under env:), or give a default: env_var('${name}', '…').`
    });
  });
  if (/\{\{|\{%|\{#/.test(out)) {
    throw new UserError(`${where} contains Jinja that Slipway cannot render: ${value.slice(0, 120)}`, {
      hint: "Slipway renders only {{ env_var('NAME') }} and {{ env_var('NAME', 'default') }} in profiles.yml; replace other expressions with an environment variable."
    });
  }
  return out;
}
function renderTree(node, env, path, mask) {
  if (typeof node === "string") {
    const v = renderEnvVars(node, env, path);
    const key = path.split(".").pop() ?? "";
    if (SECRET_KEYS.has(key)) mask(v);
    return v;
  }
  if (Array.isArray(node)) return node.map((n, i) => renderTree(n, env, `${path}[${i}]`, mask));
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, renderTree(v, env, `${path}.${k}`, mask)]));
  }
  return node;
}
var intLike = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
var snowflakeTarget = z.object({
  type: z.literal("snowflake"),
  account: z.string().min(1),
  user: z.string().min(1),
  password: z.string().optional(),
  private_key: z.string().optional(),
  private_key_path: z.string().optional(),
  private_key_passphrase: z.string().optional(),
  authenticator: z.string().optional(),
  token: z.string().optional(),
  role: z.string().optional(),
  warehouse: z.string().optional(),
  database: z.string().optional(),
  schema: z.string().optional(),
  query_timeout: intLike.optional(),
  connect_retries: intLike.optional()
}).passthrough();
var postgresTarget = z.object({
  type: z.enum(["postgres", "postgresql"]),
  host: z.string().min(1),
  port: intLike.default(5432),
  user: z.string().min(1),
  password: z.string().optional(),
  pass: z.string().optional(),
  dbname: z.string().min(1).optional(),
  database: z.string().min(1).optional(),
  schema: z.string().optional(),
  sslmode: z.string().optional()
}).passthrough();
var pgliteTarget = z.object({ type: z.literal("pglite"), path: z.string().min(1).default("memory"), schema: z.string().optional() }).passthrough();
function zodMessage(err, where) {
  return err.issues.map((i) => {
    const key = i.path.join(".") || "(root)";
    return `${where}: '${key}' ${i.code === "invalid_type" && /undefined/.test(i.message) ? "is missing" : i.message}`;
  }).join("; ");
}
async function readPem(path) {
  try {
    return await readFile(path, "utf8");
  } catch {
    throw new UserError(`private_key_path '${path}' cannot be read.`, { hint: "Point private_key_path at the PEM file, or put the key itself in private_key." });
  }
}
async function targetToConfig(target, where) {
  const type = target.type;
  if (type === "snowflake") {
    const p = snowflakeTarget.safeParse(target);
    if (!p.success) throw new UserError(zodMessage(p.error, where), { hint: "See dbt-snowflake profile docs; Slipway reads the same keys." });
    const t = p.data;
    let auth;
    const authn = (t.authenticator ?? "").toLowerCase();
    if (t.private_key || t.private_key_path) {
      auth = { method: "keypair", privateKey: t.private_key ?? await readPem(t.private_key_path), privateKeyPassphrase: t.private_key_passphrase };
    } else if (authn === "oauth") {
      if (!t.token) throw new UserError(`${where}: authenticator is oauth but 'token' is missing.`, { hint: `Add token: "{{ env_var('SNOWFLAKE_OAUTH_TOKEN') }}".` });
      auth = { method: "oauth", token: t.token };
    } else if (t.password) {
      auth = { method: "password", password: t.password };
    } else {
      throw new UserError(`${where}: no Snowflake credentials (private_key, private_key_path, password, or authenticator: oauth with token).`, {
        hint: `Key-pair auth is recommended in CI: private_key: "{{ env_var('SNOWFLAKE_PRIVATE_KEY') }}".`
      });
    }
    return {
      type: "snowflake",
      account: t.account,
      user: t.user,
      auth,
      role: t.role,
      warehouse: t.warehouse,
      database: t.database,
      schema: t.schema,
      statementTimeoutSeconds: t.query_timeout,
      connectRetries: t.connect_retries
    };
  }
  if (type === "postgres" || type === "postgresql") {
    const p = postgresTarget.safeParse(target);
    if (!p.success) throw new UserError(zodMessage(p.error, where), { hint: "See dbt-postgres profile docs; Slipway reads the same keys." });
    const t = p.data;
    const dbname = t.dbname ?? t.database;
    if (!dbname) throw new UserError(`${where}: 'dbname' is missing.`, { hint: "Add dbname: <database> to the target." });
    return { type: "postgres", host: t.host, port: t.port, user: t.user, password: t.password ?? t.pass, dbname, schema: t.schema, sslmode: t.sslmode };
  }
  if (type === "pglite") {
    const p = pgliteTarget.safeParse(target);
    if (!p.success) throw new UserError(zodMessage(p.error, where), { hint: "type: pglite takes path: <data directory> or path: memory." });
    return { type: "pglite", path: p.data.path === "memory" ? "memory" : resolve(p.data.path), schema: p.data.schema };
  }
  throw new UserError(`${where}: warehouse type '${String(type)}' is not supported.`, { hint: "Use type: snowflake, postgres, or pglite (the embedded engine)." });
}
function profilesPath(sel) {
  const env = sel.env ?? process.env;
  const candidates = [sel.profilesDir, env.DBT_PROFILES_DIR, sel.projectDir ?? ".", join(homedir(), ".dbt")].filter((d) => !!d);
  for (const dir of candidates) {
    const p = join(dir, "profiles.yml");
    if (existsSync(p)) return p;
  }
  throw new UserError(`No profiles.yml found (looked in ${candidates.join(", ")}).`, {
    hint: "Pass --profiles-dir (or set DBT_PROFILES_DIR) to the folder holding profiles.yml."
  });
}
async function loadProfile(sel) {
  const env = sel.env ?? process.env;
  const mask = sel.mask ?? (() => void 0);
  const file = profilesPath(sel);
  let doc;
  try {
    doc = YAML.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new UserError(`${file} is not valid YAML: ${err.message}`, { hint: "Fix the YAML syntax (yamllint can point at the line)." });
  }
  if (!doc || typeof doc !== "object") throw new UserError(`${file} is empty or not a mapping.`, { hint: "A profiles.yml maps profile names to { target, outputs }." });
  let profileName = sel.profile ?? env.DBT_PROFILE;
  if (!profileName && sel.projectDir && existsSync(join(sel.projectDir, "dbt_project.yml"))) {
    const proj = YAML.parse(await readFile(join(sel.projectDir, "dbt_project.yml"), "utf8"));
    profileName = proj?.profile;
  }
  const profiles = Object.keys(doc).filter((k) => k !== "config");
  if (!profileName) {
    if (profiles.length === 1) profileName = profiles[0];
    else throw new UserError(`${file} has ${profiles.length} profiles (${profiles.join(", ")}); which one?`, { hint: "Pass --profile <name>." });
  }
  const profile = doc[profileName];
  if (!profile || typeof profile !== "object") {
    throw new UserError(`Profile '${profileName}' is not in ${file} (it has: ${profiles.join(", ") || "none"}).`, { hint: "Pass --profile with one of those names." });
  }
  const targetName = sel.target ?? env.DBT_TARGET ?? (profile.target ? renderEnvVars(profile.target, env, `${profileName}.target`) : void 0);
  if (!targetName) throw new UserError(`Profile '${profileName}' has no default target.`, { hint: "Pass --target <name> or add target: to the profile." });
  const outputs = profile.outputs ?? {};
  const raw = outputs[targetName];
  if (!raw || typeof raw !== "object") {
    throw new UserError(`Target '${targetName}' is not in profile '${profileName}' (it has: ${Object.keys(outputs).join(", ") || "none"}).`, {
      hint: "Pass --target with one of those names."
    });
  }
  const where = `${file} → ${profileName}.outputs.${targetName}`;
  const rendered = renderTree(raw, env, `${profileName}.outputs.${targetName}`, mask);
  const config = await targetToConfig(rendered, where);
  return { ...config, profile: profileName, target: targetName };
}
async function configFromEnv(env, mask = () => void 0) {
  if (env.SNOWFLAKE_ACCOUNT) {
    const t = {
      type: "snowflake",
      account: env.SNOWFLAKE_ACCOUNT,
      user: env.SNOWFLAKE_USER,
      role: env.SNOWFLAKE_ROLE,
      warehouse: env.SNOWFLAKE_WAREHOUSE,
      database: env.SNOWFLAKE_DATABASE,
      schema: env.SNOWFLAKE_SCHEMA,
      private_key: env.SNOWFLAKE_PRIVATE_KEY,
      private_key_path: env.SNOWFLAKE_PRIVATE_KEY_PATH,
      private_key_passphrase: env.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE,
      password: env.SNOWFLAKE_PASSWORD,
      token: env.SNOWFLAKE_OAUTH_TOKEN,
      authenticator: env.SNOWFLAKE_OAUTH_TOKEN ? "oauth" : void 0
    };
    for (const k of ["private_key", "private_key_passphrase", "password", "token"]) if (typeof t[k] === "string") mask(t[k]);
    return targetToConfig(Object.fromEntries(Object.entries(t).filter(([, v]) => v !== void 0 && v !== "")), "environment (SNOWFLAKE_*)");
  }
  if (env.SLIPWAY_PGLITE_PATH) return { type: "pglite", path: env.SLIPWAY_PGLITE_PATH };
  if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    if (u.password) mask(decodeURIComponent(u.password));
    return {
      type: "postgres",
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username || "postgres"),
      password: u.password ? decodeURIComponent(u.password) : void 0,
      dbname: u.pathname.replace(/^\//, "") || "postgres",
      sslmode: u.searchParams.get("sslmode") ?? void 0
    };
  }
  return void 0;
}

export {
  loadProfile,
  configFromEnv
};
