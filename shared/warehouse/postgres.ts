import pg from 'pg';
import { OperationError } from '../errors.js';
import { runInTransaction, type Capabilities, type QueryResult, type Session, type Warehouse } from './types.js';

export interface PostgresConfig {
  type: 'postgres';
  host: string;
  port: number;
  user: string;
  password?: string;
  dbname: string;
  schema?: string;
  sslmode?: string;
  /** Statement timeout in seconds (0 = none). */
  statementTimeoutSeconds?: number;
  /** application_name, shown in pg_stat_activity (Postgres' equivalent of a query tag). */
  applicationName?: string;
}

const CAPS: Capabilities = {
  transactionalDdl: true,
  schemaSwap: false,
  databaseSwap: false,
  timeTravel: false,
  clone: false,
  transientObjects: false,
  concurrentSessions: true,
};

function wrapError(err: unknown): OperationError {
  const e = err as { message?: string; code?: string };
  return new OperationError(`PostgreSQL error${e.code ? ` ${e.code}` : ''}: ${e.message ?? String(err)}`, { cause: err });
}

/** A PostgreSQL server through `pg`, with a small pool (sessions are real connections). */
export class PostgresWarehouse implements Warehouse {
  readonly dialect = 'postgres' as const;
  readonly capabilities = CAPS;
  readonly description: string;
  private readonly pool: pg.Pool;

  constructor(config: PostgresConfig) {
    this.description = `PostgreSQL ${config.user}@${config.host}:${config.port}/${config.dbname}`;
    this.pool = new pg.Pool({
      host: config.host,
      port: config.port,
      user: config.user,
      password: config.password,
      database: config.dbname,
      ssl: config.sslmode && config.sslmode !== 'disable' ? { rejectUnauthorized: config.sslmode === 'verify-full' } : undefined,
      max: 8,
      application_name: config.applicationName ?? 'slipway',
      statement_timeout: config.statementTimeoutSeconds ? config.statementTimeoutSeconds * 1000 : undefined,
    });
    // A client killed by the server (pg_terminate_backend) must not crash the process:
    // one listener per connection, added when the pool opens it.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  async query<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    try {
      const res = await this.pool.query(sql, binds ? [...binds] : undefined);
      return { rows: res.rows as Row[], rowCount: res.rowCount ?? undefined };
    } catch (err) {
      throw wrapError(err);
    }
  }

  async withSession<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw wrapError(err);
    }
    let broken = false;
    try {
      const pidRes = await client.query('SELECT pg_backend_pid() AS pid');
      const session: Session = {
        id: String(pidRes.rows[0]?.pid),
        query: async <Row>(sql: string, binds?: readonly unknown[]) => {
          try {
            const res = await client.query(sql, binds ? [...binds] : undefined);
            return { rows: res.rows as Row[], rowCount: res.rowCount ?? undefined };
          } catch (err) {
            const code = (err as { code?: string }).code;
            if (!code || code.startsWith('57P') || code.startsWith('08')) broken = true;
            throw wrapError(err);
          }
        },
      };
      return await fn(session);
    } finally {
      client.release(broken ? true : undefined);
    }
  }

  transaction<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    return this.withSession((s) => runInTransaction(s, fn));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
