import { UserError } from '../errors.js';
import type { DialectName } from '../sql/identifiers.js';

export interface Capabilities {
  /** DDL inside BEGIN…COMMIT is rolled back with the transaction (Postgres yes, Snowflake no). */
  transactionalDdl: boolean;
  /** `ALTER SCHEMA a SWAP WITH b` (Snowflake). */
  schemaSwap: boolean;
  /** `ALTER DATABASE a SWAP WITH b` (Snowflake). */
  databaseSwap: boolean;
  /** AT/BEFORE time travel and UNDROP (Snowflake). */
  timeTravel: boolean;
  /** Zero-copy CLONE (Snowflake). */
  clone: boolean;
  /** Transient schemas/tables (Snowflake). */
  transientObjects: boolean;
  /** Several sessions can really run at once (false for embedded PGlite). */
  concurrentSessions: boolean;
}

export interface QueryResult<Row = Record<string, unknown>> {
  rows: Row[];
  /** Rows changed by DML, when the driver reports it. */
  rowCount?: number;
  /** Snowflake query id / Postgres backend pid + sequence, for audit. */
  queryId?: string;
}

/** Something that runs SQL. Binds use the dialect's placeholder style (`$1` Postgres, `?` Snowflake): build them with `placeholder()` of the dialect. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>>;
}

/** One warehouse session: statements run in order on the same connection (needed for transactions and session state). */
export interface Session extends Queryable {
  /** Backend process id (Postgres) or session id (Snowflake), for diagnostics and fault tests. */
  readonly id?: string;
}

export interface Warehouse extends Queryable {
  readonly dialect: DialectName;
  readonly capabilities: Capabilities;
  /** A short human description with no secrets, e.g. `snowflake account xy12345 as CI_USER`. */
  readonly description: string;
  /**
   * Run exactly one statement, enforced by the driver, not by reading the
   * text: PostgreSQL's extended protocol (a prepared statement holds one
   * command), Snowflake's MULTI_STATEMENT_COUNT = 1 on the statement. Text
   * holding a second statement (behind a comment, a dollar quote, an `E''`
   * string…) is refused with a MultipleStatementsError before anything runs.
   * Use it for every statement that embeds SQL written by users: check files
   * (`--checks-dir`), freshness `filter:` / `loaded_at_field` expressions.
   */
  queryOne<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Run `fn` on one dedicated session; the session is released (not closed) afterwards. */
  withSession<T>(fn: (session: Session) => Promise<T>): Promise<T>;
  /**
   * Run `fn` inside BEGIN…COMMIT on one session; ROLLBACK if it throws.
   * Only meaningful for DDL where `capabilities.transactionalDdl` is true:
   * callers must not rely on it for DDL atomicity on Snowflake.
   */
  transaction<T>(fn: (session: Session) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The warehouse refused a text because it holds more than one statement where
 * exactly one is allowed. A UserError (exit 2): the user's SQL is at fault.
 */
export class MultipleStatementsError extends UserError {
  constructor(driverMessage: string, options: { cause?: unknown } = {}) {
    super(`The SQL holds more than one statement, where exactly one is allowed (${driverMessage.split('\n')[0]!.slice(0, 200)}).`, {
      hint: 'Write one SELECT (a check file) or one boolean expression (a freshness filter): no ";" followed by another statement.',
      cause: options.cause,
    });
  }
}

/** Placeholder for the n-th (1-based) bind value in each dialect. */
export function placeholder(dialect: DialectName, n: number): string {
  return dialect === 'postgres' ? `$${n}` : '?';
}

/** Shared transaction helper for adapters whose sessions speak BEGIN/COMMIT/ROLLBACK. */
export async function runInTransaction<T>(session: Session, fn: (s: Session) => Promise<T>): Promise<T> {
  await session.query('BEGIN');
  try {
    const result = await fn(session);
    await session.query('COMMIT');
    return result;
  } catch (err) {
    try {
      await session.query('ROLLBACK');
    } catch {
      // the connection may be gone; the server rolls back an open transaction when the session ends
    }
    throw err;
  }
}
