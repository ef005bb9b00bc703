/**
 * The warehouse contract, run against embedded PGlite and the real PostgreSQL
 * server: binds, sessions, transactional DDL, rollback on error, close.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { ident } from '../../shared/sql/identifiers.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';

function contract(name: string, open: () => Promise<{ wh: Warehouse; done: () => Promise<void> }>) {
  describe(`warehouse contract: ${name}`, () => {
    let wh: Warehouse;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ wh, done } = await open());
    });
    afterAll(async () => done());

    it('runs a query with binds in its own placeholder style', async () => {
      const { rows } = await wh.query<{ n: number; s: string }>('SELECT $1::int + 1 AS n, $2::text AS s', [41, "o'hara"]);
      expect(rows[0]).toEqual({ n: 42, s: "o'hara" });
    });

    it('queryOne runs one statement with or without binds, like query, and refuses two', async () => {
      expect((await wh.queryOne<{ n: number }>('SELECT $1::int + 1 AS n', [1])).rows).toEqual([{ n: 2 }]);
      expect((await wh.queryOne<{ n: number }>('SELECT 7 AS n;')).rows).toEqual([{ n: 7 }]);
      await expect(wh.queryOne('SELECT 1; SELECT 2')).rejects.toThrow(/more than one statement/);
    });

    it('keeps DDL that commits and undoes DDL that rolls back (transactional DDL)', async () => {
      expect(wh.capabilities.transactionalDdl).toBe(true);
      const keep = ident('contract_keep', 'postgres');
      const gone = ident('contract_gone', 'postgres');
      await wh.transaction(async (s) => {
        await s.query(`CREATE SCHEMA ${keep}`);
        await s.query(`CREATE TABLE ${keep}.t (x int)`);
      });
      await expect(
        wh.transaction(async (s) => {
          await s.query(`CREATE SCHEMA ${gone}`);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const { rows } = await wh.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname IN ('contract_keep','contract_gone') ORDER BY 1`);
      expect(rows.map((r) => r.nspname)).toEqual(['contract_keep']);
    });

    it('runs a session on one connection (session state persists across statements)', async () => {
      const got = await wh.withSession(async (s) => {
        await s.query(`SET application_name = 'slipway-contract'`);
        const { rows } = await s.query<{ a: string }>(`SELECT current_setting('application_name') AS a`);
        return rows[0]!.a;
      });
      expect(got).toBe('slipway-contract');
    });

    it('names a session by the server process serving it (PGlite: one embedded engine)', async () => {
      const [id, pid] = await wh.withSession(async (s) => [s.id, String((await s.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid)] as const);
      expect(id).toBe(name.includes('PGlite') ? 'pglite' : pid);
    });

    it('reports a failed statement as an error naming the engine', async () => {
      await expect(wh.query('SELECT * FROM no_such_table_anywhere')).rejects.toThrow(/PostgreSQL.*no_such_table_anywhere/);
    });
  });
}

contract('PGlite (embedded)', async () => {
  const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  return { wh, done: () => wh.close() };
});

describePg('real PostgreSQL server', () => {
  contract('PostgreSQL server', async () => {
    const db = await freshPgDatabase('contract');
    return { wh: db.warehouse, done: db.drop };
  });
});

describe('PGlite data directory', () => {
  it('is shared by several connections in one process and closed by the last one', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'slipway-pglite-'));
    const a = await PgliteWarehouse.open({ type: 'pglite', path: dir });
    const b = await PgliteWarehouse.open({ type: 'pglite', path: dir });
    await a.query('CREATE TABLE shared_t (x int)');
    await a.query('INSERT INTO shared_t VALUES (1)');
    await a.close();
    expect((await b.query<{ n: number }>('SELECT count(*)::int AS n FROM shared_t')).rows[0]!.n).toBe(1);
    await b.close();
    const c = await PgliteWarehouse.open({ type: 'pglite', path: dir });
    expect((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM shared_t')).rows[0]!.n).toBe(1);
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
