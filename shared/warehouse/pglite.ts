import type { PGlite } from '@electric-sql/pglite';
import { ConnectionError, OperationError, UserError } from '../errors.js';
import { Mutex } from './mutex.js';
import { MultipleStatementsError, runInTransaction, type Capabilities, type QueryResult, type Session, type Warehouse } from './types.js';

export interface PgliteConfig {
  type: 'pglite';
  /** A data directory, or `memory` for an in-memory database. */
  path: string;
}

const CAPS: Capabilities = {
  transactionalDdl: true,
  schemaSwap: false,
  databaseSwap: false,
  timeTravel: false,
  clone: false,
  transientObjects: false,
  concurrentSessions: false,
};

/**
 * Embedded PostgreSQL (PGlite, WASM). One connection per instance, so
 * sessions are serialised with a mutex. Always `close()` it: an open instance
 * keeps Node alive.
 */
interface Shared {
  db: PGlite;
  mutex: Mutex;
  refs: number;
}

/**
 * Open data directories in this process. A data directory can be opened by
 * only one PGlite instance at a time, so several `connect()` calls in one
 * process (the demo running CLI commands back to back) share one instance,
 * closed when the last user closes it.
 */
const openDirs = new Map<string, Promise<Shared>>();

export class PgliteWarehouse implements Warehouse {
  readonly dialect = 'postgres' as const;
  readonly capabilities = CAPS;
  readonly description: string;
  private closed = false;

  private constructor(
    private readonly db: PGlite,
    private readonly path: string,
    private readonly mutex: Mutex = new Mutex(),
    private readonly shared?: Shared,
  ) {
    this.description = `embedded PostgreSQL (PGlite, ${path === 'memory' ? 'in memory' : path})`;
  }

  static async open(config: PgliteConfig): Promise<PgliteWarehouse> {
    if (config.path === 'memory') return new PgliteWarehouse(await PgliteWarehouse.create(config), config.path);
    let entry = openDirs.get(config.path);
    if (!entry) {
      entry = PgliteWarehouse.create(config).then((db) => ({ db, mutex: new Mutex(), refs: 0 }));
      openDirs.set(config.path, entry);
      entry.catch(() => openDirs.delete(config.path));
    }
    const shared = await entry;
    shared.refs++;
    return new PgliteWarehouse(shared.db, config.path, shared.mutex, shared);
  }

  private static async create(config: PgliteConfig): Promise<PGlite> {
    let mod: typeof import('@electric-sql/pglite');
    try {
      mod = await import('@electric-sql/pglite');
    } catch (err) {
      throw new UserError('The embedded warehouse (PGlite) is not installed.', {
        hint: 'Run `npm ci` in the Slipway checkout; PGlite is used by the demo and tests, not by the GitHub Actions.',
        cause: err,
      });
    }
    try {
      const db = config.path === 'memory' ? new mod.PGlite() : new mod.PGlite(config.path);
      await db.waitReady;
      return db;
    } catch (err) {
      const e = err as { message?: unknown; code?: unknown; errno?: unknown };
      const why = typeof e?.message === 'string' ? e.message : typeof e?.code === 'string' ? e.code : typeof e?.errno === 'number' ? `file system error ${e.errno}` : 'it is not a PGlite data directory';
      throw new ConnectionError(`Cannot open the embedded database (PGlite) at ${config.path}: ${why}.`, {
        hint: 'Point path (or SLIPWAY_PGLITE_PATH) at a PGlite data directory this job can write, or use path: memory.',
        cause: err,
      });
    }
  }

  /** Wrap an existing PGlite instance (tests share one per file). The caller owns closing it unless `close()` is called. */
  static wrap(db: PGlite, label = 'memory'): PgliteWarehouse {
    return new PgliteWarehouse(db, label);
  }

  private async raw<Row>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    if (this.closed) throw new OperationError('The embedded warehouse is already closed.');
    try {
      const res = await this.db.query<Row>(sql, binds ? [...binds] : undefined);
      return { rows: res.rows, rowCount: res.affectedRows };
    } catch (err) {
      throw new OperationError(`PostgreSQL (PGlite) rejected a statement: ${(err as Error).message}`, { cause: err });
    }
  }

  query<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.mutex.run(() => this.raw<Row>(sql, binds));
  }

  /** PGlite's query() always uses the extended protocol (Parse/Bind/Execute): a second command is refused by the server. */
  queryOne<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.mutex.run(async () => {
      try {
        return await this.raw<Row>(sql, binds ?? []);
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        if (cause?.code === '42601' && /multiple commands/i.test(cause.message ?? '')) throw new MultipleStatementsError(cause.message!, { cause });
        throw err;
      }
    });
  }

  withSession<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    return this.mutex.run(() => fn({ id: 'pglite', query: (sql, binds) => this.raw(sql, binds) }));
  }

  transaction<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    return this.withSession((s) => runInTransaction(s, fn));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.shared) {
      this.shared.refs--;
      if (this.shared.refs > 0) return;
      openDirs.delete(this.path);
    }
    await this.db.close();
  }
}
