/**
 * The one Snowflake stand-in for tests (no Snowflake account is reachable
 * here). It does not guess what a statement means from regular expressions:
 * a test says which exact statement (as the dialect module builds it: SQL and
 * binds) returns which rows, in the shape Snowflake returns them, and the rows
 * go through the real adapter's row normalisation (`normaliseRow`: unquoted
 * upper-case column names come back lower-case, as from the real adapter).
 * Every statement is recorded; `unparsable()` runs them all through sqlfluff's
 * Snowflake grammar in one call.
 *
 * Two scripted behaviours are built on `answer` from the same dialect builders:
 * `deployLock(names)` keeps DEPLOY_LOCK's compare-and-set state per
 * environment, and `pitrMetadata(recorded)` answers the point-in-time
 * recovery reads (clock, INFORMATION_SCHEMA.TABLES, SHOW TABLES HISTORY,
 * query history) from recorded rows.
 */
import { isDeepStrictEqual } from 'node:util';
import { renderForDisplay, type Statement } from '../../shared/sql/plan.js';
import type { AdminNames } from '../../shared/dialects/deploy.js';
import { snowflakeDeploySql } from '../../shared/dialects/snowflake/deploy.js';
import { clockQuery, statementQueryAccountUsage, statementQueryRecent, tablesHistoryQuery, tablesQuery } from '../../shared/dialects/snowflake/pitr.js';
import { normaliseRow, SNOWFLAKE_CAPABILITIES } from '../../shared/warehouse/snowflake.js';
import type { Capabilities, QueryResult, Session, Warehouse } from '../../shared/warehouse/types.js';
import { unparsableSnowflake, type ParseFailure } from './sqlfluff.js';

type Wanted = Pick<Statement, 'sql' | 'binds'> | string;

/** Metadata rows as Snowflake returns them, for `pitrMetadata`. */
export interface RecordedPitrMetadata {
  /** CURRENT_TIMESTAMP() as the driver renders it, e.g. '2026-11-22 12:00:00.000 -0800'. */
  now: string;
  /** CURRENT_DATABASE(); '' for a session without one. */
  database: string;
  /** INFORMATION_SCHEMA.TABLES rows (upper-case columns). */
  tables: Record<string, unknown>[];
  /** SHOW TABLES HISTORY rows (lower-case columns). */
  history: Record<string, unknown>[];
  /** QUERY_HISTORY rows (QUERY_ID, QUERY_TYPE, START_TIME, …): the recent view sees the last 7 days of `now`, ACCOUNT_USAGE all. */
  statements?: Record<string, unknown>[];
}

/** One environment's DEPLOY_LOCK row. */
export interface FakeLock {
  holder: string | null;
  runUrl: string | null;
  actor: string | null;
}

/** The admin schema and tables a deploy uses on Snowflake when none are configured (SLIPWAY.DEPLOY_STATE, …). */
export const DEFAULT_ADMIN: AdminNames = { schema: 'SLIPWAY', stateTable: 'DEPLOY_STATE', lockTable: 'DEPLOY_LOCK', currentView: 'DEPLOY_CURRENT' };

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

  /** `strict`: a statement no rule answers is an error naming it (default: it returns no rows, as DDL does). */
  constructor(private readonly opts: { strict?: boolean } = {}) {}

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

  /** The SQL of every statement that changes something: all but reads (SELECT, SHOW) and transaction brackets. */
  get writes(): string[] {
    return this.sqls.filter((s) => !/^(SELECT|SHOW)\b/.test(s) && !/^(BEGIN|COMMIT|ROLLBACK)$/.test(s));
  }

  /**
   * Keep DEPLOY_LOCK (in the admin schema `names`) as Snowflake would: the
   * lock row is created on demand, the compare-and-set UPDATE takes it only
   * when free, release clears it only for its holder. Returns the rows by
   * environment so a test can look at the lock at any moment.
   */
  deployLock(names: AdminNames = DEFAULT_ADMIN): Map<string, FakeLock> {
    const sql = snowflakeDeploySql;
    const locks = new Map<string, FakeLock>();
    const row = (env: unknown) => {
      const key = String(env);
      if (!locks.has(key)) locks.set(key, { holder: null, runUrl: null, actor: null });
      return locks.get(key)!;
    };
    // SQL without binds: the same text serves every environment and holder; the binds say which.
    const text = (s: Statement) => s.sql;
    this.answer(text(sql.ensureLockRow(names, '')), ([env]: readonly unknown[] = []) => (row(env), []));
    this.answer(text(sql.acquireLock(names, '', '', null, '', 0)), ([holder, runUrl, actor, , env]: readonly unknown[] = []) => {
      const r = row(env);
      if (r.holder === null) Object.assign(r, { holder: String(holder), runUrl: (runUrl as string | null) ?? null, actor: (actor as string | null) ?? null });
      return [];
    });
    for (const forUpdate of [false, true]) {
      this.answer(text(sql.readLock(names, '', forUpdate)), ([env]: readonly unknown[] = []) => {
        const r = row(env);
        return [{ HOLDER: r.holder, RUN_URL: r.runUrl, ACTOR: r.actor, ACQUIRED_AT: null, EXPIRES_AT: null, EXPIRED: false }];
      });
    }
    this.answer(text(sql.releaseLock(names, '', '')), ([env, holder]: readonly unknown[] = []) => {
      const r = row(env);
      if (r.holder === holder) Object.assign(r, { holder: null, runUrl: null, actor: null });
      return [];
    });
    this.answer(text(sql.forceUnlock(names, '')), ([env]: readonly unknown[] = []) => (Object.assign(row(env), { holder: null, runUrl: null, actor: null }), []));
    return locks;
  }

  /** Answer point-in-time recovery's metadata reads (statements from shared/dialects/snowflake/pitr.ts) with recorded rows. */
  pitrMetadata(rec: RecordedPitrMetadata): this {
    this.answer(clockQuery(), [{ NOW: rec.now, DATABASE: rec.database }]);
    const db = rec.database || undefined;
    const tableSchemas = [...new Set(rec.tables.map((t) => String(t.TABLE_SCHEMA)))];
    const inSchemas = (binds: readonly unknown[] | undefined) => rec.tables.filter((t) => (binds ?? []).includes(t.TABLE_SCHEMA));
    for (const schemas of [tableSchemas, ...tableSchemas.map((s) => [s])]) this.answer(tablesQuery(db, schemas).sql, inSchemas);
    const historySchemas = new Set([...tableSchemas, ...rec.history.map((h) => String(h.schema_name))]);
    for (const schema of historySchemas) this.answer(tablesHistoryQuery(db, schema), rec.history.filter((h) => h.schema_name === schema));
    const weekBefore = snowflakeTime(rec.now) - 7 * 86_400_000;
    for (const st of rec.statements ?? []) {
      const id = String(st.QUERY_ID);
      this.answer(statementQueryRecent(db, id), snowflakeTime(st.START_TIME) >= weekBefore ? [st] : []);
      this.answer(statementQueryAccountUsage(id), [st]);
    }
    return this;
  }

  async query<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    if (this.closed) throw new Error('fake Snowflake: query after close()');
    this.log.push(binds === undefined ? { sql } : { sql, binds });
    const rule = this.rules.find((r) => r.times > 0 && r.sql === sql && (r.binds === undefined || isDeepStrictEqual([...r.binds], [...(binds ?? [])])));
    if (!rule) {
      if (this.opts.strict) throw new Error(`fake Snowflake: no answer scripted for: ${renderForDisplay({ sql, binds }, 'snowflake')}`);
      return { rows: [] };
    }
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

/** '2026-11-22 12:00:00.000 -0800' (as snowflake-sdk renders TIMESTAMP_LTZ) → epoch ms. */
function snowflakeTime(v: unknown): number {
  const t = Date.parse(String(v).replace(' ', 'T').replace(/ ([+-]\d\d)(\d\d)$/, '$1:$2'));
  if (Number.isNaN(t)) throw new Error(`fake Snowflake: cannot read the recorded timestamp '${String(v)}'`);
  return t;
}
