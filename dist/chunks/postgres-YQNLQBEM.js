import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  runInTransaction
} from "./chunk-3MA4WQK5.js";
import {
  OperationError
} from "./chunk-WLODUQ4F.js";

// shared/warehouse/postgres.ts
import pg from "../vendor/pg.js";
var CAPS = {
  transactionalDdl: true,
  schemaSwap: false,
  databaseSwap: false,
  timeTravel: false,
  clone: false,
  transientObjects: false,
  concurrentSessions: true
};
function wrapError(err) {
  const e = err;
  return new OperationError(`PostgreSQL error${e.code ? ` ${e.code}` : ""}: ${e.message ?? String(err)}`, { cause: err });
}
var PostgresWarehouse = class {
  dialect = "postgres";
  capabilities = CAPS;
  description;
  pool;
  constructor(config) {
    this.description = `PostgreSQL ${config.user}@${config.host}:${config.port}/${config.dbname}`;
    this.pool = new pg.Pool({
      host: config.host,
      port: config.port,
      user: config.user,
      password: config.password,
      database: config.dbname,
      ssl: config.sslmode && config.sslmode !== "disable" ? { rejectUnauthorized: config.sslmode === "verify-full" } : void 0,
      max: 8,
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
      throw wrapError(err);
    }
  }
  async withSession(fn) {
    let client;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw wrapError(err);
    }
    let broken = false;
    try {
      const pidRes = await client.query("SELECT pg_backend_pid() AS pid");
      const session = {
        id: String(pidRes.rows[0]?.pid),
        query: async (sql, binds) => {
          try {
            const res = await client.query(sql, binds ? [...binds] : void 0);
            return { rows: res.rows, rowCount: res.rowCount ?? void 0 };
          } catch (err) {
            const code = err.code;
            if (!code || code.startsWith("57P") || code.startsWith("08")) broken = true;
            throw wrapError(err);
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
  PostgresWarehouse
};
