import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  Mutex
} from "./chunk-W4YL47YO.js";
import {
  MultipleStatementsError,
  runInTransaction
} from "./chunk-WXLAFXG2.js";
import {
  ConnectionError,
  OperationError,
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/warehouse/pglite.ts
var CAPS = {
  transactionalDdl: true,
  schemaSwap: false,
  databaseSwap: false,
  timeTravel: false,
  clone: false,
  transientObjects: false,
  concurrentSessions: false
};
var openDirs = /* @__PURE__ */ new Map();
var PgliteWarehouse = class _PgliteWarehouse {
  constructor(db, path, mutex = new Mutex(), shared) {
    this.db = db;
    this.path = path;
    this.mutex = mutex;
    this.shared = shared;
    this.description = `embedded PostgreSQL (PGlite, ${path === "memory" ? "in memory" : path})`;
  }
  db;
  path;
  mutex;
  shared;
  dialect = "postgres";
  capabilities = CAPS;
  description;
  closed = false;
  static async open(config) {
    if (config.path === "memory") return new _PgliteWarehouse(await _PgliteWarehouse.create(config), config.path);
    let entry = openDirs.get(config.path);
    if (!entry) {
      entry = _PgliteWarehouse.create(config).then((db) => ({ db, mutex: new Mutex(), refs: 0 }));
      openDirs.set(config.path, entry);
      entry.catch(() => openDirs.delete(config.path));
    }
    const shared = await entry;
    shared.refs++;
    return new _PgliteWarehouse(shared.db, config.path, shared.mutex, shared);
  }
  static async create(config) {
    let mod;
    try {
      mod = await import("@electric-sql/pglite");
    } catch (err) {
      throw new UserError("The embedded warehouse (PGlite) is not installed.", {
        hint: "Run `npm ci` in the Slipway checkout; PGlite is used by the demo and tests, not by the GitHub Actions.",
        cause: err
      });
    }
    try {
      const db = config.path === "memory" ? new mod.PGlite() : new mod.PGlite(config.path);
      await db.waitReady;
      return db;
    } catch (err) {
      const e = err;
      const why = typeof e?.message === "string" ? e.message : typeof e?.code === "string" ? e.code : typeof e?.errno === "number" ? `file system error ${e.errno}` : "it is not a PGlite data directory";
      throw new ConnectionError(`Cannot open the embedded database (PGlite) at ${config.path}: ${why}.`, {
        hint: "Point path (or SLIPWAY_PGLITE_PATH) at a PGlite data directory this job can write, or use path: memory.",
        cause: err
      });
    }
  }
  /** Wrap an existing PGlite instance (tests share one per file). The caller owns closing it unless `close()` is called. */
  static wrap(db, label = "memory") {
    return new _PgliteWarehouse(db, label);
  }
  async raw(sql, binds) {
    if (this.closed) throw new OperationError("The embedded warehouse is already closed.");
    try {
      const res = await this.db.query(sql, binds ? [...binds] : void 0);
      return { rows: res.rows, rowCount: res.affectedRows };
    } catch (err) {
      throw new OperationError(`PostgreSQL (PGlite) rejected a statement: ${err.message}`, { cause: err });
    }
  }
  query(sql, binds) {
    return this.mutex.run(() => this.raw(sql, binds));
  }
  /** PGlite's query() always uses the extended protocol (Parse/Bind/Execute): a second command is refused by the server. */
  queryOne(sql, binds) {
    return this.mutex.run(async () => {
      try {
        return await this.raw(sql, binds ?? []);
      } catch (err) {
        const cause = err.cause;
        if (cause?.code === "42601" && /multiple commands/i.test(cause.message ?? "")) throw new MultipleStatementsError(cause.message, { cause });
        throw err;
      }
    });
  }
  withSession(fn) {
    return this.mutex.run(() => fn({ id: "pglite", query: (sql, binds) => this.raw(sql, binds) }));
  }
  transaction(fn) {
    return this.withSession((s) => runInTransaction(s, fn));
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    if (this.shared) {
      this.shared.refs--;
      if (this.shared.refs > 0) return;
      openDirs.delete(this.path);
    }
    await this.db.close();
  }
};
export {
  PgliteWarehouse
};
