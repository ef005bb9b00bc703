/**
 * The one statement runner (shared/warehouse/run.ts) on the real PostgreSQL
 * server: a statement list is all-or-nothing where DDL is transactional, in
 * order and stopping at the first failure where it is not; every statement
 * shows in debug output with its purpose, never with its bind values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDebugSink } from '../../shared/debug.js';
import type { Statement } from '../../shared/sql/plan.js';
import { runStatement, runStatements } from '../../shared/warehouse/run.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';

describePg('runStatement / runStatements (PostgreSQL server)', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  beforeAll(async () => {
    db = await freshPgDatabase('runner');
  });
  afterAll(async () => db?.drop());

  const schemas = async () => (await runStatement<{ nspname: string }>(db.warehouse, { sql: "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'runner_%' ORDER BY 1" })).map((r) => r.nspname);
  const failing: Statement = { sql: 'CREATE SCHEMA runner_a', purpose: 'second create of the same schema fails' };

  it('transactional DDL: a failure part-way leaves nothing behind', async () => {
    await expect(runStatements(db.warehouse, [{ sql: 'CREATE SCHEMA runner_a' }, { sql: 'CREATE SCHEMA runner_b' }, failing])).rejects.toThrow(/runner_a/);
    expect(await schemas()).toEqual([]);
  });

  it('without transactional DDL (as on Snowflake): in order, stopping at the first failure, earlier statements stay', async () => {
    const snowflakeLike: Warehouse = Object.create(db.warehouse, { capabilities: { value: { ...db.warehouse.capabilities, transactionalDdl: false } } });
    await expect(runStatements(snowflakeLike, [{ sql: 'CREATE SCHEMA runner_a' }, failing, { sql: 'CREATE SCHEMA runner_c' }])).rejects.toThrow(/runner_a/);
    expect(await schemas()).toEqual(['runner_a']);
  });

  it('returns rows with binds, and debug lines name the purpose and SQL but never a bind value', async () => {
    const lines: string[] = [];
    setDebugSink((l) => lines.push(l));
    try {
      const rows = await runStatement<{ v: string }>(db.warehouse, { sql: 'SELECT $1::text AS v', binds: ['s3cr3t-value'], purpose: 'echo a value' });
      expect(rows).toEqual([{ v: 's3cr3t-value' }]);
    } finally {
      setDebugSink(undefined);
    }
    expect(lines).toEqual(['debug: echo a value: SELECT $1::text AS v']);
  });
});

describe('runStatements with nothing to run', () => {
  it('opens no transaction and sends nothing', async () => {
    const sent: string[] = [];
    const wh = { capabilities: { transactionalDdl: true }, query: async (sql: string) => (sent.push(sql), { rows: [] }), transaction: async () => sent.push('BEGIN') } as unknown as Warehouse;
    await runStatements(wh, []);
    expect(sent).toEqual([]);
  });
});
