/**
 * The one Snowflake stand-in for tests (no Snowflake account is reachable
 * here). It does not guess what a statement means from regular expressions:
 * a test says which exact statement (as the dialect module builds it: SQL and
 * binds) returns which rows, in the shape Snowflake returns them, and the rows
 * go through the real adapter's row normalisation (`normaliseRow`). Every
 * statement is recorded; `unparsable()` runs them all through sqlfluff's
 * Snowflake grammar in one call.
 */
import { isDeepStrictEqual } from 'node:util';
import { renderForDisplay, type Statement } from '../../shared/sql/plan.js';
import { normaliseRow, SNOWFLAKE_CAPABILITIES } from '../../shared/warehouse/snowflake.js';
import type { Capabilities, QueryResult, Session, Warehouse } from '../../shared/warehouse/types.js';
import { unparsableSnowflake, type ParseFailure } from './sqlfluff.js';

type Wanted = Pick<Statement, 'sql' | 'binds'> | string;

interface Rule {
  sql: string;
  binds?: readonly unknown[];
  reply: (binds: readonly unknown[] | undefined) => Record<string, unknown>[];
  error?: Error;
  times: number;
}

export class FakeSnowflake implements Warehouse {
  readonly dialect = 'snowflake' as const;
  /** As the real adapter declares them. */
  readonly capabilities: Capabilities = SNOWFLAKE_CAPABILITIES;
  readonly description = 'fake Snowflake account (test/helpers/fake-snowflake.ts)';
  /** Every statement sent, in order. */
  readonly log: { sql: string; binds?: readonly unknown[] }[] = [];
  closed = false;
  private readonly rules: Rule[] = [];

  /** When exactly this statement runs (same SQL; same binds when the statement has any), return these rows. */
  answer(statement: Wanted, rows: Record<string, unknown>[] | ((binds: readonly unknown[] | undefined) => Record<string, unknown>[]), opts: { times?: number } = {}): this {
    const s = typeof statement === 'string' ? { sql: statement } : statement;
    this.rules.push({ sql: s.sql, binds: s.binds, reply: typeof rows === 'function' ? rows : () => rows, times: opts.times ?? Infinity });
    return this;
  }

  /** When exactly this statement runs, fail with this error (as the driver would). */
  fail(statement: Wanted, error: Error | string): this {
    const s = typeof statement === 'string' ? { sql: statement } : statement;
    this.rules.push({ sql: s.sql, binds: s.binds, reply: () => [], error: typeof error === 'string' ? new Error(error) : error, times: Infinity });
    return this;
  }

  /** The SQL of every statement sent, in order. */
  get sqls(): string[] {
    return this.log.map((l) => l.sql);
  }

  async query<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    if (this.closed) throw new Error('fake Snowflake: query after close()');
    this.log.push(binds === undefined ? { sql } : { sql, binds });
    const rule = this.rules.find((r) => r.times > 0 && r.sql === sql && (r.binds === undefined || isDeepStrictEqual([...r.binds], [...(binds ?? [])])));
    if (!rule) return { rows: [] };
    rule.times--;
    if (rule.error) throw rule.error;
    return { rows: rule.reply(binds).map((r) => normaliseRow(r) as Row) };
  }

  queryOne<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.query<Row>(sql, binds);
  }

  async withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    return fn({ query: (sql, binds) => this.query(sql, binds) });
  }

  /** Snowflake DDL auto-commits: callers must not rely on this for atomicity, and the fake records the brackets. */
  async transaction<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    const session: Session = { query: (sql, binds) => this.query(sql, binds) };
    await session.query('BEGIN');
    try {
      const out = await fn(session);
      await session.query('COMMIT');
      return out;
    } catch (err) {
      await session.query('ROLLBACK');
      throw err;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Statements sqlfluff's Snowflake grammar cannot parse, binds shown as literals (transaction brackets left out). */
  unparsable(): ParseFailure[] {
    const sqls = this.log.filter((l) => !/^(BEGIN|COMMIT|ROLLBACK)$/.test(l.sql)).map((l) => renderForDisplay({ sql: l.sql, binds: l.binds }, 'snowflake'));
    return sqls.length ? unparsableSnowflake(sqls) : [];
  }
}
