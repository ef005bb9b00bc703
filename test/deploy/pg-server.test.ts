/**
 * Reliability on a real PostgreSQL server: readers never see two deploys in
 * one query across 100 cutovers; a connection killed at every step of a
 * deploy leaves production unchanged and a rerun succeeds; two deploys started
 * together → exactly one proceeds; grants survive the swap.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { describePg, freshPgDatabase, pgUrl } from '../helpers/pg.js';
import type { PostgresWarehouse } from '../../shared/warehouse/postgres.js';
import { runInTransaction, type Session, type Warehouse } from '../../shared/warehouse/types.js';
import { cutoverDeploy, prepareDeploy, readDeployState, rollbackDeploy, suffixed } from '../../shared/deploy/index.js';
import { GateFailure } from '../../shared/errors.js';
import { qualify, quoteLiteral } from '../../shared/sql/identifiers.js';
import { quietRuntime } from './harness.js';

const LAYOUT: Record<string, string[]> = { sales: ['orders', 'items'], finance: ['revenue'] };
const schemas = Object.keys(LAYOUT);

/** The "dbt build": refill the idle colour's tables with rows tagged with the deploy id (tables created on first use). */
async function build(wh: Warehouse, colourSchemas: string[], marker: string): Promise<void> {
  await wh.transaction(async (s) => {
    for (const [i, cs] of colourSchemas.entries()) {
      for (const m of LAYOUT[schemas[i]!]!) {
        const t = qualify('postgres', cs, m);
        await s.query(`CREATE TABLE IF NOT EXISTS ${t} (id int, marker text)`);
        await s.query(`TRUNCATE ${t}`);
        await s.query(`INSERT INTO ${t} SELECT g, ${quoteLiteral(marker, 'postgres')} FROM generate_series(1, 3) g`);
      }
    }
  });
}

async function deploy(wh: Warehouse, opts: { lockTimeoutMs?: number } = {}): Promise<string> {
  const rt = quietRuntime();
  const p = await prepareDeploy(wh, { environment: 'prod', schemas, actor: 'ci' }, rt);
  await build(wh, p.schemas, p.deployId);
  await cutoverDeploy(wh, { environment: 'prod', schemas, actor: 'ci', rowCountTolerancePct: null, ...opts }, rt);
  return p.deployId;
}

const READ = `SELECT (SELECT min(marker) FROM sales.orders) AS a, (SELECT max(marker) FROM sales.items) AS b, (SELECT max(marker) FROM finance.revenue) AS c`;

async function production(wh: Warehouse): Promise<string> {
  const { rows } = await wh.query<{ a: string; b: string; c: string }>(READ);
  const r = rows[0]!;
  expect(new Set([r.a, r.b, r.c]).size).toBe(1);
  return r.a;
}

/** A warehouse whose session is killed (pg_terminate_backend) just before its n-th statement. */
class Killer implements Warehouse {
  readonly dialect = 'postgres' as const;
  count = 0;
  killed = false;
  constructor(private inner: PostgresWarehouse, private killAt: number, private admin: pg.Client) {}
  get capabilities() {
    return this.inner.capabilities;
  }
  get description() {
    return this.inner.description;
  }
  private wrap(s: Session): Session {
    return {
      id: s.id,
      query: async (sql, binds) => {
        if (++this.count === this.killAt) {
          this.killed = true;
          await this.admin.query('SELECT pg_terminate_backend($1)', [Number(s.id)]);
        }
        return s.query(sql, binds);
      },
    };
  }
  queryOne<Row>(sql: string, binds?: readonly unknown[]) {
    return this.query<Row>(sql, binds);
  }
  query<Row>(sql: string, binds?: readonly unknown[]) {
    return this.inner.withSession((s) => this.wrap(s).query<Row>(sql, binds));
  }
  withSession<T>(fn: (s: Session) => Promise<T>) {
    return this.inner.withSession((s) => fn(this.wrap(s)));
  }
  transaction<T>(fn: (s: Session) => Promise<T>) {
    return this.withSession((s) => runInTransaction(s, fn));
  }
  async close() {}
}

describePg('blue-green deploy on the PostgreSQL server', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let wh: PostgresWarehouse;
  beforeAll(async () => {
    db = await freshPgDatabase('deploy');
    wh = db.warehouse;
    await deploy(wh);
    await deploy(wh);
  });
  afterAll(async () => db?.drop());

  it('readers running through 100 cutovers never see two deploys in one query, and no read fails', { timeout: 600_000 }, async () => {
    let stop = false;
    const mixed: string[] = [];
    const errors: string[] = [];
    let reads = 0;
    const reader = async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        while (!stop) {
          try {
            const { rows } = await c.query(READ);
            const r = rows[0];
            reads++;
            if (!(r.a === r.b && r.b === r.c)) mixed.push(JSON.stringify(r));
          } catch (err) {
            errors.push((err as Error).message);
          }
        }
      } finally {
        await c.end();
      }
    };
    const readers = [reader(), reader()];
    const ids: string[] = [];
    try {
      for (let i = 0; i < 100; i++) ids.push(await deploy(wh));
    } finally {
      stop = true;
      await Promise.all(readers);
    }
    expect(errors).toEqual([]);
    expect(mixed).toEqual([]);
    expect(reads).toBeGreaterThan(200);
    expect(await production(wh)).toBe(ids.at(-1));
    // and a rollback under the same readers' conditions swaps back in one step
    const rb = await rollbackDeploy(wh, { environment: 'prod', reason: 'test', actor: 'me' }, quietRuntime());
    expect(rb.rolledBackTo).toBe(ids.at(-2));
    expect(await production(wh)).toBe(ids.at(-2));
    await deploy(wh);
  });

  it('a connection killed at each step of a deploy leaves production unchanged, the deploy FAILED or resumable, and a rerun succeeds', { timeout: 900_000 }, async () => {
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const probe = new Killer(wh, Number.POSITIVE_INFINITY, admin);
      await deploy(probe);
      const steps = probe.count;
      expect(steps).toBeGreaterThan(20);
      for (let k = 1; k <= steps; k++) {
        const before = await production(wh);
        const killer = new Killer(wh, k, admin);
        let failed = false;
        try {
          await deploy(killer);
        } catch {
          failed = true;
        }
        expect(killer.killed).toBe(true);
        const state = await readDeployState(wh, { environment: 'prod' });
        if (failed) {
          expect(await production(wh), `kill at step ${k}`).toBe(before);
          const holder = state.lock?.holder;
          if (holder) {
            // resumable: the deploy still holds the lock and has not failed → cut it over
            const d = state.deploys.find((x) => x.deployId === holder)!;
            expect(['STARTED', 'BUILT', 'CHECKED'], `kill at step ${k}`).toContain(d.status);
            await build(wh, d.schemas.map((s) => suffixed(s, d.colour === 'green' ? '__GREEN' : '__BLUE', 'postgres')), d.deployId);
            await cutoverDeploy(wh, { environment: 'prod', schemas, actor: 'ci', rowCountTolerancePct: null }, quietRuntime());
            expect(await production(wh)).toBe(d.deployId);
          } else {
            // nothing left dangling: every deploy is finished (LIVE, SUPERSEDED, FAILED…), none half-way without the lock
            const dangling = state.deploys.filter((d) => ['STARTED', 'BUILT', 'CHECKED'].includes(d.status)).map((d) => d.deployId);
            expect(dangling, `kill at step ${k}`).toEqual([]);
          }
        }
        const id = await deploy(wh);
        expect(await production(wh)).toBe(id);
      }
    } finally {
      await admin.end();
    }
  });

  it('two deploys started together: exactly one proceeds, the other names the holder', async () => {
    const other = (await import('../../shared/warehouse/postgres.js')).PostgresWarehouse;
    const u = new URL(db.url);
    const wh2 = new other({ type: 'postgres', host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), dbname: u.pathname.slice(1) });
    try {
      for (let round = 0; round < 5; round++) {
        const rt = quietRuntime();
        const results = await Promise.allSettled([
          prepareDeploy(wh, { environment: 'prod', schemas, actor: 'a', runUrl: 'https://run/a' }, rt),
          prepareDeploy(wh2, { environment: 'prod', schemas, actor: 'b', runUrl: 'https://run/b' }, rt),
        ]);
        const ok = results.filter((r) => r.status === 'fulfilled');
        const bad = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(ok).toHaveLength(1);
        expect(bad[0]!.reason).toBeInstanceOf(GateFailure);
        const winner = (ok[0] as PromiseFulfilledResult<{ deployId: string; schemas: string[] }>).value;
        expect(bad[0]!.reason.message).toContain(winner.deployId);
        await build(wh, winner.schemas, winner.deployId);
        await cutoverDeploy(wh, { environment: 'prod', schemas, actor: 'ci', rowCountTolerancePct: null }, rt);
        expect(await production(wh)).toBe(winner.deployId);
      }
    } finally {
      await wh2.close();
    }
  });

  it('grants on the published schema and its views survive the swap (mirrored, then checked)', async () => {
    const role = `slipway_reader_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await admin.query(`CREATE ROLE ${role}`);
      await wh.query(`GRANT USAGE ON SCHEMA sales TO ${role}`);
      await wh.query(`GRANT SELECT ON sales.orders TO ${role} WITH GRANT OPTION`);
      await deploy(wh);
      await deploy(wh);
      const { rows } = await wh.query<{ u: boolean; s: boolean; i: boolean }>(
        `SELECT has_schema_privilege($1, 'sales', 'USAGE') AS u, has_table_privilege($1, 'sales.orders', 'SELECT WITH GRANT OPTION') AS s, has_table_privilege($1, 'sales.items', 'SELECT') AS i`,
        [role],
      );
      expect(rows[0]).toEqual({ u: true, s: true, i: false });
    } finally {
      await wh.query(`DROP OWNED BY ${role}`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await admin.end();
    }
  });
});
