/**
 * Real PostgreSQL server for tests (started by test/setup/global-setup.ts or
 * .ci/run). Each caller gets its own database so test files never collide.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { PostgresWarehouse } from '../../shared/warehouse/postgres.js';

export const pgUrl = process.env.SLIPWAY_TEST_PG_URL;

/** describe() when a server is available, otherwise a skipped block that says why. */
export const describePg: typeof describe = pgUrl
  ? describe
  : (((name: string, ...rest: unknown[]) => {
      process.stderr.write(`skipped (no PostgreSQL server; install postgresql or set SLIPWAY_TEST_PG_URL): ${name}\n`);
      return (describe.skip as any)(name, ...rest);
    }) as unknown as typeof describe);

/** Create a fresh database on the test server and return a warehouse on it, plus its URL. */
export async function freshPgDatabase(label: string): Promise<{ warehouse: PostgresWarehouse; url: string; drop: () => Promise<void> }> {
  if (!pgUrl) throw new Error('no PostgreSQL server for tests');
  // The unique tail (process id, random) is never cut: a long label is shortened instead, so two
  // copies of the suite on one server cannot end up with the same database name.
  const unique = `_${process.pid}_${randomBytes(4).toString('hex')}`;
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 60 - 2 - unique.length)}${unique}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  const warehouse = new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), dbname: name });
  return {
    warehouse,
    url: u.toString(),
    drop: async () => {
      await warehouse.close().catch(() => undefined);
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}
