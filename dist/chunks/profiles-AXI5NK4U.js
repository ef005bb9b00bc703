import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  YAML_MAX_ALIAS_COUNT,
  parseYamlDocument,
  parseYamlText,
  yamlToJs
} from "./chunk-USRRF2GE.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/config/profiles.ts
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "../vendor/zod.js";
var SECRET_KEYS = /* @__PURE__ */ new Set(["password", "private_key", "private_key_passphrase", "token", "oauth_client_secret", "pass"]);
var ENV_VAR = /\{\{\s*env_var\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])((?:(?!\3).)*)\3\s*)?\)\s*(?:\|\s*(as_number|as_bool|as_text|int)\s*)?\}\}/g;
function renderEnvVars(value, env, where, secret = false) {
  const rest = value.replace(ENV_VAR, "");
  if (/\{\{|\{%|\{#/.test(rest)) {
    throw new UserError(
      secret ? `${where} contains Jinja ({{, {% or {#) that Slipway cannot render (the value is a secret and is not shown).` : `${where} contains Jinja that Slipway cannot render: ${value.slice(0, 120)}`,
      {
        hint: secret ? "Put the secret in an environment variable and write {{ env_var('NAME') }} instead of the literal value (dbt would try to render {{ in it as Jinja too)." : "Slipway renders only {{ env_var('NAME') }} and {{ env_var('NAME', 'default') }} in profiles.yml; replace other expressions with an environment variable."
      }
    );
  }
  return value.replace(ENV_VAR, (_m, _q, name, _q2, dflt) => {
    const v = env[name];
    if (v !== void 0) return v;
    if (dflt !== void 0) return dflt;
    throw new UserError(`${where} uses env_var('${name}'), but ${name} is not set and there is no default.`, {
      hint: `Set the environment variable ${name} (in GitHub: from a secret, under env:), or give a default: env_var('${name}', '…').`
    });
  });
}
function renderTree(node, env, path, mask) {
  if (typeof node === "string") {
    const key = path.split(".").pop() ?? "";
    const v = renderEnvVars(node, env, path, SECRET_KEYS.has(key));
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
  sslmode: z.string().optional(),
  sslrootcert: z.string().optional(),
  sslcert: z.string().optional(),
  sslkey: z.string().optional(),
  connect_timeout: intLike.optional()
}).passthrough();
var pgliteTarget = z.object({ type: z.literal("pglite"), path: z.string().min(1).default("memory"), schema: z.string().optional() }).passthrough();
var PROFILE_KEYS = {
  // dbt-snowflake 1.11 SnowflakeCredentials, plus query_timeout (Slipway's statement timeout)
  snowflake: [
    "type",
    "threads",
    "database",
    "schema",
    "account",
    "user",
    "warehouse",
    "role",
    "password",
    "authenticator",
    "private_key",
    "private_key_path",
    "private_key_passphrase",
    "token",
    "oauth_client_id",
    "oauth_client_secret",
    "query_tag",
    "client_session_keep_alive",
    "host",
    "port",
    "proxy_host",
    "proxy_port",
    "protocol",
    "connect_retries",
    "connect_timeout",
    "retry_on_database_errors",
    "retry_all",
    "insecure_mode",
    "reuse_connections",
    "s3_stage_vpce_dns_name",
    "oauth_authorization_url",
    "oauth_token_request_url",
    "oauth_redirect_uri",
    "oauth_scope",
    "oauth_disable_pkce",
    "oauth_enable_refresh_token",
    "oauth_enable_single_use_refresh_tokens",
    "query_timeout"
  ],
  // dbt-postgres 1.11 PostgresCredentials and its aliases dbname/pass
  postgres: [
    "type",
    "threads",
    "database",
    "dbname",
    "schema",
    "host",
    "user",
    "port",
    "password",
    "pass",
    "connect_timeout",
    "role",
    "search_path",
    "keepalives_idle",
    "sslmode",
    "sslcert",
    "sslkey",
    "sslrootcert",
    "application_name",
    "autocommit",
    "retries"
  ],
  // Slipway's embedded engine
  pglite: ["type", "threads", "path", "schema"]
};
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
function didYouMean(word, known) {
  const norm = (x) => x.toLowerCase().replace(/[-\s]/g, "_");
  const exact = known.find((k) => norm(k) === norm(word));
  if (exact) return exact;
  let best;
  let bestD = Infinity;
  for (const k of known) {
    const dist = editDistance(norm(word), k);
    if (dist < bestD) [best, bestD] = [k, dist];
  }
  return bestD <= Math.max(1, Math.min(2, Math.floor(word.length / 3))) ? best : void 0;
}
function checkKnownKeys(target, type, where) {
  const known = PROFILE_KEYS[type];
  const unknown = Object.keys(target).filter((k) => !known.includes(k));
  if (!unknown.length) return;
  const parts = unknown.map((k) => {
    const m = didYouMean(k, known);
    return `'${k.slice(0, 60)}'${m ? ` (did you mean '${m}'?)` : ""}`;
  });
  throw new UserError(`${where}: unknown key${unknown.length > 1 ? "s" : ""} ${parts.join(", ")} for type ${type}.`, {
    hint: `A ${type} target takes: ${known.filter((k) => k !== "type").join(", ")}. Fix or remove the key${unknown.length > 1 ? "s" : ""}.`
  });
}
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
    checkKnownKeys(target, "snowflake", where);
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
    checkKnownKeys(target, "postgres", where);
    const p = postgresTarget.safeParse(target);
    if (!p.success) throw new UserError(zodMessage(p.error, where), { hint: "See dbt-postgres profile docs; Slipway reads the same keys." });
    const t = p.data;
    const dbname = t.dbname ?? t.database;
    if (!dbname) throw new UserError(`${where}: 'dbname' is missing.`, { hint: "Add dbname: <database> to the target." });
    return {
      type: "postgres",
      host: t.host,
      port: t.port,
      user: t.user,
      password: t.password ?? t.pass,
      dbname,
      schema: t.schema,
      sslmode: t.sslmode,
      sslrootcert: t.sslrootcert,
      sslcert: t.sslcert,
      sslkey: t.sslkey,
      connectTimeoutSeconds: t.connect_timeout
    };
  }
  if (type === "pglite") {
    checkKnownKeys(target, "pglite", where);
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
  const doc = parseYamlText(await readFile(file, "utf8"), file);
  if (!doc || typeof doc !== "object") throw new UserError(`${file} is empty or not a mapping.`, { hint: "A profiles.yml maps profile names to { target, outputs }." });
  let profileName = sel.profile ?? env.DBT_PROFILE;
  if (!profileName && sel.projectDir && existsSync(join(sel.projectDir, "dbt_project.yml"))) {
    const projFile = join(sel.projectDir, "dbt_project.yml");
    const proj = parseYamlText(await readFile(projFile, "utf8"), projFile);
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
  if (env.DATABASE_URL) return configFromDatabaseUrl(env.DATABASE_URL, mask);
  return void 0;
}
function configFromDatabaseUrl(url, mask = () => void 0) {
  let u;
  try {
    u = new URL(url.trim());
  } catch {
    const m = /^[a-z]+:\/\/[^:/@]*:([^@]*)@/i.exec(url.trim());
    if (m?.[1]) mask(m[1]);
    throw new UserError("DATABASE_URL is not a valid URL (its value is not shown: it may hold a password).", {
      hint: "Use postgres://user:password@host:5432/dbname; percent-encode special characters in the password (@ → %40, / → %2F, : → %3A, # → %23)."
    });
  }
  if (u.password) mask(u.password);
  let decode;
  try {
    decodeURIComponent(u.username + u.password + u.pathname);
    decode = decodeURIComponent;
  } catch {
    throw new UserError("DATABASE_URL has a malformed percent-encoding (a % not followed by two hex digits).", { hint: "Percent-encode % itself as %25 in the user name, password or database name." });
  }
  if (u.password && decode(u.password) !== u.password) mask(decode(u.password));
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") {
    throw new UserError(`DATABASE_URL uses the scheme '${u.protocol.replace(/:$/, "")}'; Slipway reads only postgres:// (or postgresql://) URLs from it.`, {
      hint: "For Snowflake set SNOWFLAKE_ACCOUNT/SNOWFLAKE_USER/SNOWFLAKE_PRIVATE_KEY, or use a dbt profile."
    });
  }
  if (!u.hostname) throw new UserError("DATABASE_URL has no host.", { hint: "Use postgres://user:password@host:5432/dbname." });
  const port = u.port ? Number(u.port) : 5432;
  const known = ["sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name"];
  for (const k of u.searchParams.keys()) {
    if (!known.includes(k)) {
      const m = didYouMean(k, known);
      throw new UserError(`DATABASE_URL has the unknown parameter '${k.slice(0, 60)}'${m ? ` (did you mean '${m}'?)` : ""}.`, { hint: `Slipway reads ${known.join(", ")} from the URL.` });
    }
  }
  const ct = u.searchParams.get("connect_timeout");
  return {
    type: "postgres",
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port,
    user: decode(u.username || "postgres"),
    password: u.password ? decode(u.password) : void 0,
    dbname: decode(u.pathname.replace(/^\//, "")) || "postgres",
    sslmode: u.searchParams.get("sslmode") ?? void 0,
    sslrootcert: u.searchParams.get("sslrootcert") ?? void 0,
    sslcert: u.searchParams.get("sslcert") ?? void 0,
    sslkey: u.searchParams.get("sslkey") ?? void 0,
    connectTimeoutSeconds: ct && /^\d+$/.test(ct) ? Number(ct) : void 0
  };
}
export {
  PROFILE_KEYS,
  YAML_MAX_ALIAS_COUNT,
  configFromDatabaseUrl,
  configFromEnv,
  didYouMean,
  loadProfile,
  parseYamlDocument,
  parseYamlText,
  profilesPath,
  renderEnvVars,
  targetToConfig,
  yamlToJs
};
