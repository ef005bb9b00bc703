import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  MultipleStatementsError,
  runInTransaction
} from "./chunk-WXLAFXG2.js";
import {
  ConnectionError,
  OperationError,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/warehouse/postgres.ts
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import pg from "../vendor/pg.js";

// shared/dialects/postgres/session.ts
function backendPidQuery() {
  return { sql: "SELECT pg_backend_pid() AS pid", purpose: "which server process serves this session" };
}

// shared/warehouse/postgres.ts
var CAPS = {
  transactionalDdl: true,
  schemaSwap: false,
  databaseSwap: false,
  timeTravel: false,
  clone: false,
  transientObjects: false,
  concurrentSessions: true
};
var SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];
function readPemFile(path, what) {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new UserError(`The ${what} file ${path} cannot be read (${err.code ?? err.message}).`, {
      hint: `Point ${what} at a PEM file the job can read, or remove it.`,
      cause: err
    });
  }
}
function tlsOptions(config) {
  const mode = (config.sslmode ?? "disable").toLowerCase();
  if (!SSL_MODES.includes(mode)) {
    throw new UserError(`sslmode '${config.sslmode}' is not one of ${SSL_MODES.join(", ")}.`, { hint: "Use verify-full (recommended), verify-ca, require or disable." });
  }
  if (mode === "disable" || mode === "allow") return false;
  const opts = {};
  if (config.sslcert) opts.cert = readPemFile(config.sslcert, "sslcert");
  if (config.sslkey) opts.key = readPemFile(config.sslkey, "sslkey");
  if (mode === "require" || mode === "prefer") return { ...opts, rejectUnauthorized: false };
  const defaultRoot = join(homedir(), ".postgresql", "root.crt");
  const rootPath = config.sslrootcert ?? (existsQuiet(defaultRoot) ? defaultRoot : void 0);
  if (rootPath && rootPath !== "system") opts.ca = readPemFile(rootPath, "sslrootcert");
  opts.rejectUnauthorized = true;
  if (mode === "verify-ca") opts.checkServerIdentity = () => void 0;
  else opts.servername = /^[\d.]+$|:/.test(config.host) ? void 0 : config.host;
  return opts;
}
function existsQuiet(path) {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}
var CONNECT_CODES = /* @__PURE__ */ new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);
var TLS_CODES = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)$/;
function mapPostgresError(err, endpoint) {
  if (err instanceof UserError || err instanceof OperationError) return err;
  const e = err;
  const code = e?.code ?? "";
  const msg = e?.message ?? String(err);
  if (CONNECT_CODES.has(code)) {
    return new ConnectionError(`Cannot connect to PostgreSQL at ${endpoint}: ${code === "ENOTFOUND" || code === "EAI_AGAIN" ? "the host name does not resolve" : code === "ECONNREFUSED" ? "the connection was refused (is the server running and listening on that port?)" : `network error ${code}`}.`, {
      hint: "Check host and port in the profile (or DATABASE_URL), that the server is up, and that this machine may reach it.",
      cause: err
    });
  }
  const serverError = /^[0-9A-Z]{5}$/.test(code);
  if (!serverError && (TLS_CODES.test(code) || /self[- ]signed certificate|unable to verify|Hostname\/IP does not match|certificate/i.test(msg))) {
    return new ConnectionError(`Cannot connect to PostgreSQL at ${endpoint}: the server's TLS certificate was not accepted (${msg.split("\n")[0]}).`, {
      hint: "Set sslrootcert to the CA that signed the server certificate (verify-ca / verify-full), and for verify-full use the host name the certificate names.",
      cause: err
    });
  }
  if (!serverError && /The server does not support SSL connections/i.test(msg)) {
    return new ConnectionError(`Cannot connect to PostgreSQL at ${endpoint}: the server does not accept TLS, but sslmode asks for it.`, { hint: "Enable ssl on the server, or set sslmode: disable on a trusted network.", cause: err });
  }
  if (code === "28P01" || code === "28000") {
    return new ConnectionError(`PostgreSQL at ${endpoint} refused the login: ${msg}.`, {
      hint: "Check user and password (the secret behind them) and pg_hba.conf on the server.",
      cause: err
    });
  }
  if (code === "3D000") return new ConnectionError(`PostgreSQL at ${endpoint}: ${msg}.`, { hint: "Check dbname in the profile (or the path of DATABASE_URL).", cause: err });
  if (code === "53300" || code === "57P03") return new ConnectionError(`PostgreSQL at ${endpoint} cannot accept the connection now: ${msg}.`, { hint: "Retry later, or lower the number of concurrent jobs.", cause: err });
  if (!serverError && /timeout expired|Connection terminated due to connection timeout/i.test(msg)) {
    return new ConnectionError(`Cannot connect to PostgreSQL at ${endpoint}: no answer within the connect timeout.`, { hint: "Check host, port and firewalls; raise connect_timeout if the server is slow to accept.", cause: err });
  }
  if (code === "42601" && /multiple commands/i.test(msg)) return new MultipleStatementsError(msg, { cause: err });
  return new OperationError(`PostgreSQL error${code ? ` ${code}` : ""}: ${msg}`, { cause: err });
}
var PostgresWarehouse = class {
  dialect = "postgres";
  capabilities = CAPS;
  description;
  endpoint;
  pool;
  constructor(config) {
    this.endpoint = `${config.host}:${config.port}/${config.dbname} as ${config.user}`;
    this.description = `PostgreSQL ${config.user}@${config.host}:${config.port}/${config.dbname}`;
    const ssl = tlsOptions(config);
    this.pool = new pg.Pool({
      host: config.host,
      port: config.port,
      user: config.user,
      password: config.password,
      database: config.dbname,
      ssl: ssl === false ? void 0 : ssl,
      max: 8,
      connectionTimeoutMillis: (config.connectTimeoutSeconds ?? 30) * 1e3,
      application_name: config.applicationName ?? "slipway",
      statement_timeout: config.statementTimeoutSeconds ? config.statementTimeoutSeconds * 1e3 : void 0
    });
    this.pool.on("error", () => void 0);
    this.pool.on("connect", (client) => client.on("error", () => void 0));
  }
  async query(sql, binds) {
    try {
      const res = await this.pool.query(sql, binds ? [...binds] : void 0);
      return { rows: res.rows, rowCount: res.rowCount ?? void 0 };
    } catch (err) {
      throw mapPostgresError(err, this.endpoint);
    }
  }
  async queryOne(sql, binds) {
    try {
      const res = await this.pool.query({ text: sql, values: binds ? [...binds] : [], queryMode: "extended" });
      return { rows: res.rows, rowCount: res.rowCount ?? void 0 };
    } catch (err) {
      throw mapPostgresError(err, this.endpoint);
    }
  }
  async withSession(fn) {
    let client;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw mapPostgresError(err, this.endpoint);
    }
    let broken = false;
    try {
      const pidRes = await client.query(backendPidQuery().sql);
      const session = {
        id: String(pidRes.rows[0]?.pid),
        query: async (sql, binds) => {
          try {
            const res = await client.query(sql, binds ? [...binds] : void 0);
            return { rows: res.rows, rowCount: res.rowCount ?? void 0 };
          } catch (err) {
            const code = err.code;
            if (!code || code.startsWith("57P") || code.startsWith("08")) broken = true;
            throw mapPostgresError(err, this.endpoint);
          }
        }
      };
      return await fn(session);
    } finally {
      client.release(broken ? true : void 0);
    }
  }
  transaction(fn) {
    return this.withSession((s) => runInTransaction(s, fn));
  }
  async close() {
    await this.pool.end();
  }
};
export {
  PostgresWarehouse,
  mapPostgresError,
  tlsOptions
};
