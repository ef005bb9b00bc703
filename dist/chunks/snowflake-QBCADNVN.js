import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  Mutex
} from "./chunk-W4YL47YO.js";
import {
  runInTransaction
} from "./chunk-3MA4WQK5.js";
import {
  quoteLiteral
} from "./chunk-YASYTQ2Y.js";
import {
  OperationError,
  SlipwayError,
  UserError
} from "./chunk-WLODUQ4F.js";

// shared/warehouse/snowflake.ts
var CAPS = {
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
function sessionSetupStatements(config) {
  const stmts = [`ALTER SESSION SET QUERY_TAG = ${quoteLiteral(queryTagValue(config.queryTag ?? {}), "snowflake")}`];
  if (config.statementTimeoutSeconds && config.statementTimeoutSeconds > 0) {
    stmts.push(`ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = ${Math.floor(config.statementTimeoutSeconds)}`);
  }
  return stmts;
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
    return new UserError(`Snowflake account host not found: ${msg}`, {
      hint: "Check SNOWFLAKE_ACCOUNT / account: it is the account identifier (e.g. myorg-myaccount or xy12345.eu-west-1), not a URL.",
      cause: err
    });
  }
  if (/JWT token is invalid|Incorrect username or password|390100|390144|390318/i.test(msg + code)) {
    return new UserError(`Snowflake refused the login: ${msg}`, {
      hint: "Check SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and the key or password secret; for key-pair auth, the public key must be set on the user (ALTER USER … SET RSA_PUBLIC_KEY).",
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
var SnowflakeWarehouse = class _SnowflakeWarehouse {
  constructor(conn, config) {
    this.conn = conn;
    this.description = `Snowflake account ${config.account} as ${config.user}${config.role ? ` (role ${config.role})` : ""}`;
  }
  conn;
  dialect = "snowflake";
  capabilities = CAPS;
  description;
  mutex = new Mutex();
  static async open(config) {
    process.env.SNOWFLAKE_DISABLE_MINICORE ??= "1";
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const mod = await import("../vendor/snowflake-sdk.js");
    const sdk = mod.default ?? mod;
    sdk.configure({ logLevel: "OFF", additionalLogToConsole: false });
    const retries = Math.max(0, config.connectRetries ?? 3);
    let lastErr;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const conn = sdk.createConnection(toConnectionOptions(config));
      try {
        await new Promise((resolve, reject) => conn.connect((err) => err ? reject(err) : resolve()));
        const wh = new _SnowflakeWarehouse(conn, config);
        for (const stmt of sessionSetupStatements(config)) await wh.query(stmt);
        return wh;
      } catch (err) {
        lastErr = err;
        if (!isTransientSnowflakeError(err) || attempt === retries) break;
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
    throw mapSnowflakeError(lastErr);
  }
  raw(sql, binds) {
    return new Promise((resolve, reject) => {
      this.conn.execute({
        sqlText: sql,
        binds: binds ? [...binds] : void 0,
        complete: (err, stmt, rows) => {
          if (err) return reject(mapSnowflakeError(err, sql));
          resolve({ rows: rows ?? [], rowCount: stmt?.getNumUpdatedRows?.(), queryId: stmt?.getQueryId?.() });
        }
      });
    });
  }
  query(sql, binds) {
    return this.mutex.run(() => this.raw(sql, binds));
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
  SnowflakeWarehouse,
  isTransientSnowflakeError,
  mapSnowflakeError,
  normalisePem,
  queryTagValue,
  sessionSetupStatements,
  toConnectionOptions
};
