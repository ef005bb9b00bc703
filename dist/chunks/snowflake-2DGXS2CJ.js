import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  Mutex
} from "./chunk-W4YL47YO.js";
import {
  MultipleStatementsError,
  runInTransaction
} from "./chunk-WXLAFXG2.js";
import {
  quoteLiteral
} from "./chunk-YTHL6NVM.js";
import {
  ConnectionError,
  OperationError,
  SlipwayError,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/dialects/snowflake/session.ts
function sessionSetupStatements(setup) {
  const out = [{ sql: `ALTER SESSION SET QUERY_TAG = ${quoteLiteral(setup.queryTag, "snowflake")}`, purpose: "tag every statement of this session in QUERY_HISTORY" }];
  const t = setup.statementTimeoutSeconds;
  if (t !== void 0 && t !== null) {
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) {
      throw new UserError(`The Snowflake statement timeout must be a number of seconds, 0 or more (got ${String(t).slice(0, 40)}).`, {
        hint: "Set query_timeout in the dbt profile to a whole number of seconds, e.g. query_timeout: 3600."
      });
    }
    if (t > 0) out.push({ sql: `ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = ${Math.max(1, Math.floor(t))}`, purpose: "server-side limit per statement" });
  }
  return out;
}

// shared/warehouse/snowflake.ts
var SNOWFLAKE_CAPABILITIES = {
  transactionalDdl: false,
  schemaSwap: true,
  databaseSwap: true,
  timeTravel: true,
  clone: true,
  transientObjects: true,
  concurrentSessions: true
};
function toConnectionOptions(config) {
  const base = {
    account: config.account,
    username: config.user,
    role: config.role,
    warehouse: config.warehouse,
    database: config.database,
    schema: config.schema,
    application: "Slipway",
    clientSessionKeepAlive: false,
    sfRetryMaxLoginRetries: config.connectRetries ?? 3
  };
  switch (config.auth.method) {
    case "password":
      return { ...base, authenticator: "SNOWFLAKE", password: config.auth.password };
    case "keypair": {
      const pem = normalisePem(config.auth.privateKey);
      return {
        ...base,
        authenticator: "SNOWFLAKE_JWT",
        privateKey: pem,
        ...config.auth.privateKeyPassphrase ? { privateKeyPass: config.auth.privateKeyPassphrase } : {}
      };
    }
    case "oauth":
      return { ...base, authenticator: "OAUTH", token: config.auth.token };
  }
}
function normalisePem(raw) {
  let pem = raw.trim().replace(/\\n/g, "\n");
  if (!pem.includes("-----BEGIN")) {
    const body = pem.replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/=]+$/.test(body)) {
      throw new UserError("The Snowflake private key is not a PEM key.", {
        hint: "Store the whole PEM file (-----BEGIN PRIVATE KEY----- …) in the secret, e.g. SNOWFLAKE_PRIVATE_KEY."
      });
    }
    pem = `-----BEGIN PRIVATE KEY-----
${body.match(/.{1,64}/g).join("\n")}
-----END PRIVATE KEY-----`;
  }
  if (!/-----BEGIN (ENCRYPTED |RSA )?PRIVATE KEY-----/.test(pem)) {
    throw new UserError("The Snowflake private key must be a PKCS#8 private key (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY).", {
      hint: "Export it with `openssl pkcs8 -topk8` and store the PEM text in the secret."
    });
  }
  return pem + (pem.endsWith("\n") ? "" : "\n");
}
function queryTagValue(tag) {
  const json = JSON.stringify({ tool: "slipway", ...tag });
  return json.length <= 2e3 ? json : json.slice(0, 2e3);
}
function sessionSetup(config) {
  return sessionSetupStatements({ queryTag: queryTagValue(config.queryTag ?? {}), statementTimeoutSeconds: config.statementTimeoutSeconds });
}
var TRANSIENT_CODES = /* @__PURE__ */ new Set(["ECONNRESET", "ETIMEDOUT", "ECONNREFUSED", "EAI_AGAIN", "ENOTFOUND", "EPIPE", "NETWORK_ERROR", "401001", "402001"]);
function isTransientSnowflakeError(err) {
  const e = err;
  if (/ENOTFOUND/.test(String(e?.message ?? ""))) return false;
  return TRANSIENT_CODES.has(String(e?.code ?? "")) || TRANSIENT_CODES.has(String(e?.cause?.code ?? ""));
}
function mapSnowflakeError(err, sql) {
  if (err instanceof SlipwayError) return err;
  const e = err;
  const msg = e?.message ?? String(err);
  const code = String(e?.code ?? "");
  const where = sql ? ` while running: ${sql.split("\n")[0].slice(0, 160)}` : "";
  if (/ENOTFOUND/.test(msg)) {
    return new ConnectionError(`Snowflake account host not found: ${msg}`, {
      hint: "Check SNOWFLAKE_ACCOUNT / account: it is the account identifier (e.g. myorg-myaccount or xy12345.eu-west-1), not a URL.",
      cause: err
    });
  }
  if (/JWT token is invalid|Incorrect username or password|390100|390144|390318/i.test(msg + code)) {
    return new ConnectionError(`Snowflake refused the login: ${msg}`, {
      hint: "Check SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and the key or password secret; for key-pair auth, the public key must be set on the user (ALTER USER … SET RSA_PUBLIC_KEY).",
      cause: err
    });
  }
  if (code === "000008" || /statement count \d+ did not match the desired statement count/i.test(msg)) {
    return new MultipleStatementsError(msg, { cause: err });
  }
  if (!sql && (TRANSIENT_CODES.has(code) || /ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|Network error|Could not connect/i.test(msg))) {
    return new ConnectionError(`Cannot connect to Snowflake: ${msg}`, {
      hint: "Check SNOWFLAKE_ACCOUNT (the account identifier, e.g. myorg-myaccount), the network path to *.snowflakecomputing.com, and any proxy settings; retry if Snowflake was unavailable.",
      cause: err
    });
  }
  if (code === "002003" || /does not exist or not authorized/i.test(msg)) {
    return new OperationError(`Snowflake: ${msg}${where}`, {
      hint: "The object is missing or the role lacks privileges on it: check the role in your profile and its grants.",
      cause: err
    });
  }
  if (code === "003001" || /Insufficient privileges/i.test(msg)) {
    return new OperationError(`Snowflake: ${msg}${where}`, { hint: "Grant the needed privilege to the role Slipway connects as.", cause: err });
  }
  if (code === "000630" || /timeout/i.test(msg)) {
    return new OperationError(`Snowflake statement timed out${where}: ${msg}`, { hint: "Raise statement-timeout or use a larger warehouse.", cause: err });
  }
  return new OperationError(`Snowflake error${code ? ` ${code}` : ""}${where}: ${msg}`, { cause: err });
}
function normaliseRow(row) {
  if (!row || typeof row !== "object" || Array.isArray(row)) return row;
  const src = row;
  let changed = false;
  for (const k of Object.keys(src)) {
    if (FOLDED.test(k) && !(k.toLowerCase() in src)) {
      changed = true;
      break;
    }
  }
  if (!changed) return row;
  const out = {};
  for (const [k, v] of Object.entries(src)) {
    const low = k.toLowerCase();
    if (FOLDED.test(k) && !(low in src)) out[low] = v;
    else out[k] = v;
  }
  return out;
}
var FOLDED = /^[A-Z_][A-Z0-9_$]*$/;
var ONE_STATEMENT = Object.freeze({ MULTI_STATEMENT_COUNT: 1 });
var SnowflakeWarehouse = class _SnowflakeWarehouse {
  constructor(conn, config) {
    this.conn = conn;
    this.description = `Snowflake account ${config.account} as ${config.user}${config.role ? ` (role ${config.role})` : ""}`;
  }
  conn;
  dialect = "snowflake";
  capabilities = SNOWFLAKE_CAPABILITIES;
  description;
  mutex = new Mutex();
  static async open(config) {
    process.env.SNOWFLAKE_DISABLE_MINICORE ??= "1";
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const mod = await import("../vendor/snowflake-sdk.js");
    const sdk = mod.default ?? mod;
    sdk.configure({ logLevel: "OFF", additionalLogToConsole: false });
    const setup = sessionSetup(config);
    const retries = Math.max(0, config.connectRetries ?? 3);
    let lastErr;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const conn = sdk.createConnection(toConnectionOptions(config));
      let connected = false;
      try {
        await new Promise((resolve, reject) => conn.connect((err) => err ? reject(err) : resolve()));
        connected = true;
        const wh = new _SnowflakeWarehouse(conn, config);
        for (const stmt of setup) await wh.query(stmt.sql, stmt.binds);
        return wh;
      } catch (err) {
        lastErr = err;
        if (connected) await new Promise((resolve) => conn.destroy(() => resolve()));
        if (!isTransientSnowflakeError(err) || attempt === retries) break;
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
    throw mapSnowflakeError(lastErr);
  }
  raw(sql, binds, parameters) {
    return new Promise((resolve, reject) => {
      this.conn.execute({
        sqlText: sql,
        binds: binds ? [...binds] : void 0,
        ...parameters ? { parameters } : {},
        complete: (err, stmt, rows) => {
          if (err) return reject(mapSnowflakeError(err, sql));
          resolve({ rows: (rows ?? []).map(normaliseRow), rowCount: stmt?.getNumUpdatedRows?.(), queryId: stmt?.getQueryId?.() });
        }
      });
    });
  }
  query(sql, binds) {
    return this.mutex.run(() => this.raw(sql, binds));
  }
  /** MULTI_STATEMENT_COUNT = 1 on the statement itself: Snowflake refuses text with a second statement, whatever the account or session default says. */
  queryOne(sql, binds) {
    return this.mutex.run(() => this.raw(sql, binds, { ...ONE_STATEMENT }));
  }
  /** One connection is one Snowflake session; a session holds the connection exclusively. */
  withSession(fn) {
    return this.mutex.run(() => fn({ id: this.conn.getId?.(), query: (sql, binds) => this.raw(sql, binds) }));
  }
  /** DML only. DDL inside this auto-commits on Snowflake; the cutover never relies on it. */
  transaction(fn) {
    return this.withSession((s) => runInTransaction(s, fn));
  }
  close() {
    return new Promise((resolve) => this.conn.destroy(() => resolve()));
  }
};
export {
  ONE_STATEMENT,
  SNOWFLAKE_CAPABILITIES,
  SnowflakeWarehouse,
  isTransientSnowflakeError,
  mapSnowflakeError,
  normalisePem,
  normaliseRow,
  queryTagValue,
  sessionSetup,
  toConnectionOptions
};
