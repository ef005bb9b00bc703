/**
 * The one statement runner: a `Statement` built by a dialect module (SQL and
 * binds) goes to the warehouse through here, so every statement shows up in
 * `-v` debug output the same way (purpose and SQL, never the bind values)
 * and a list of statements runs the same way everywhere.
 */
import { debug, debugSql } from '../debug.js';
import type { Statement } from '../sql/plan.js';
import type { Queryable, Warehouse } from './types.js';

/** Run one statement; its rows (column names in lower case on every adapter). */
export async function runStatement<Row = Record<string, unknown>>(q: Queryable, stmt: Statement): Promise<Row[]> {
  debug(`${stmt.purpose ? `${stmt.purpose}: ` : ''}${debugSql(stmt.sql)}`);
  return (await q.query<Row>(stmt.sql, stmt.binds)).rows;
}

/**
 * Run statements in order: in one transaction where DDL is transactional
 * (Postgres, PGlite: all or nothing), else one after the other (Snowflake,
 * where each DDL statement commits by itself). Stops at the first failure.
 */
export async function runStatements(wh: Pick<Warehouse, 'capabilities' | 'transaction'> & Queryable, statements: readonly Statement[]): Promise<void> {
  if (statements.length === 0) return;
  if (wh.capabilities.transactionalDdl) {
    await wh.transaction(async (s) => {
      for (const st of statements) await runStatement(s, st);
    });
  } else {
    for (const st of statements) await runStatement(wh, st);
  }
}
