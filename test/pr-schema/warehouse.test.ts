/**
 * PR schemas on embedded PGlite and on the real PostgreSQL server: create is
 * idempotent, recreate empties, the ownership comment is read back, cleanup
 * treats a missing schema as success, and the sweep over a mixed warehouse
 * drops exactly the schemas it should.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationError, UserError } from '../../shared/errors.js';
import type { OpenPullsLookup } from '../../shared/github/pulls.js';
import { dropPrSchema } from '../../shared/pr-schema/cleanup.js';
import { createPrSchema } from '../../shared/pr-schema/create.js';
import { formatOwnership, parseOwnership } from '../../shared/pr-schema/ownership.js';
import { renderSweepMarkdown, sweepPrSchemas } from '../../shared/pr-schema/sweep.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import { PostgresWarehouse } from '../../shared/warehouse/postgres.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';

const REPO = 'acme/analytics';
const HEAD1 = '1'.repeat(40);
const HEAD2 = '2'.repeat(40);
const BASE1 = 'b'.repeat(40);
const BASE2 = 'c'.repeat(40);
const DAY = 86_400_000;

async function schemas(wh: Warehouse): Promise<string[]> {
  const { rows } = await wh.query<{ n: string }>(`SELECT nspname AS n FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`);
  return rows.map((r) => r.n);
}
async function comment(wh: Warehouse, schema: string): Promise<string | null> {
  const { rows } = await wh.query<{ c: string | null }>(`SELECT obj_description(oid, 'pg_namespace') AS c FROM pg_namespace WHERE nspname = $1`, [schema]);
  return rows[0]?.c ?? null;
}
function open(...numbers: number[]): OpenPullsLookup & { calls: number } {
  const f = (async () => {
    f.calls++;
    return { open: new Map(numbers.map((n) => [n, { number: n, headSha: HEAD1, baseRef: 'main', updatedAt: '2026-01-01T00:00:00Z' }])), pages: 1 };
  }) as unknown as OpenPullsLookup & { calls: number };
  f.calls = 0;
  return f;
}

function suite(name: string, openWh: () => Promise<{ wh: Warehouse; done: () => Promise<void> }>, roles: boolean) {
  describe(`PR schemas on ${name}`, () => {
    let wh: Warehouse;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ wh, done } = await openWh());
    });
    afterAll(async () => done());

    it('creates the schema with its ownership record, idempotently; a new head restarts the TTL clock', async () => {
      const t0 = new Date('2026-11-01T10:00:00.000Z');
      const r1 = await createPrSchema(wh, { pr: 101, repo: REPO, headSha: HEAD1, baseSha: BASE1, now: t0 });
      expect(r1).toMatchObject({ schema: 'ci_pr_101', action: 'created' });
      expect(r1.database).not.toBe('');
      expect(parseOwnership(await comment(wh, 'ci_pr_101'))).toEqual({
        kind: 'record',
        record: { repo: REPO, pr: 101, head: HEAD1, base: BASE1, created: t0.toISOString(), headAt: t0.toISOString() },
      });
      await wh.query('CREATE TABLE ci_pr_101.orders (id int)');
      const t1 = new Date(t0.getTime() + DAY);
      const r2 = await createPrSchema(wh, { pr: 101, repo: REPO, headSha: HEAD1, baseSha: BASE1, now: t1 });
      expect(r2.action).toBe('refreshed');
      expect(r2.ownership).toMatchObject({ created: t0.toISOString(), headAt: t0.toISOString() });
      const t2 = new Date(t0.getTime() + 2 * DAY);
      const r3 = await createPrSchema(wh, { pr: 101, repo: REPO, headSha: HEAD2, baseSha: BASE1, now: t2 });
      expect(r3.ownership).toMatchObject({ created: t0.toISOString(), headAt: t2.toISOString(), head: HEAD2 });
      const { rows } = await wh.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'ci_pr_101'`);
      expect(rows).toHaveLength(1); // contents kept
    });

    it('recreate drops the contents; recreate-on-base-change only when the base moved', async () => {
      await createPrSchema(wh, { pr: 102, repo: REPO, headSha: HEAD1, baseSha: BASE1 });
      await wh.query('CREATE TABLE ci_pr_102.stale_model (id int)');
      const same = await createPrSchema(wh, { pr: 102, repo: REPO, headSha: HEAD2, baseSha: BASE1, recreateOnBaseChange: true });
      expect(same.action).toBe('refreshed');
      expect((await wh.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'ci_pr_102'`)).rows).toHaveLength(1);
      const moved = await createPrSchema(wh, { pr: 102, repo: REPO, headSha: HEAD2, baseSha: BASE2, recreateOnBaseChange: true });
      expect(moved.action).toBe('recreated');
      expect(moved.recreateReason).toMatch(/base moved/);
      expect((await wh.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'ci_pr_102'`)).rows).toHaveLength(0);
      await wh.query('CREATE TABLE ci_pr_102.again (id int)');
      const forced = await createPrSchema(wh, { pr: 102, repo: REPO, recreate: true });
      expect(forced.action).toBe('recreated');
      expect((await wh.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'ci_pr_102'`)).rows).toHaveLength(0);
      expect(parseOwnership(await comment(wh, 'ci_pr_102')).kind).toBe('record');
    });

    it('refuses a schema another repository owns, and a foreign --database, changing nothing', async () => {
      await wh.query('CREATE SCHEMA ci_pr_103');
      await wh.query(`COMMENT ON SCHEMA ci_pr_103 IS '${formatOwnership({ repo: 'other/repo', pr: 103, created: '2026-01-01T00:00:00Z', headAt: '2026-01-01T00:00:00Z' })}'`);
      await expect(createPrSchema(wh, { pr: 103, repo: REPO })).rejects.toThrow(/belongs to other\/repo/);
      await expect(createPrSchema(wh, { pr: 104, repo: REPO, database: 'not_this_db' })).rejects.toThrow(UserError);
      expect(await schemas(wh)).not.toContain('ci_pr_104');
      const left = await dropPrSchema(wh, { pr: 103, repo: REPO });
      expect(left.status).toBe('left-alone');
      expect(await schemas(wh)).toContain('ci_pr_103');
    });

    it('cleanup drops the schema with everything in it; a missing schema is success', async () => {
      await createPrSchema(wh, { pr: 105, repo: REPO });
      await wh.query('CREATE TABLE ci_pr_105.t (id int)');
      await wh.query('CREATE VIEW ci_pr_105.v AS SELECT * FROM ci_pr_105.t');
      const dry = await dropPrSchema(wh, { pr: 105, repo: REPO, dryRun: true });
      expect(dry.status).toBe('would-drop');
      expect(await schemas(wh)).toContain('ci_pr_105');
      expect((await dropPrSchema(wh, { pr: 105, repo: REPO })).status).toBe('dropped');
      expect(await schemas(wh)).not.toContain('ci_pr_105');
      expect((await dropPrSchema(wh, { pr: 105, repo: REPO })).status).toBe('absent');
    });

    if (roles) {
      it('grants USAGE/CREATE to CI roles and read (now and later) to reviewer roles', async () => {
        await wh.query(`DO $$ BEGIN CREATE ROLE ci_builder; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
        await wh.query(`DO $$ BEGIN CREATE ROLE "Reviewers"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
        await createPrSchema(wh, { pr: 106, repo: REPO });
        await wh.query('CREATE TABLE ci_pr_106.before_grant (id int)');
        const r = await createPrSchema(wh, { pr: 106, repo: REPO, ciRoles: ['ci_builder'], reviewerRoles: ['"Reviewers"'] });
        expect(r.grants.map((g) => g.role)).toEqual(['ci_builder', '"Reviewers"']);
        await wh.query('CREATE TABLE ci_pr_106.after_grant (id int)');
        const { rows } = await wh.query<Record<string, boolean>>(
          `SELECT has_schema_privilege('ci_builder', 'ci_pr_106', 'USAGE') AS ci_usage, has_schema_privilege('ci_builder', 'ci_pr_106', 'CREATE') AS ci_create,
                  has_schema_privilege('Reviewers', 'ci_pr_106', 'USAGE') AS rev_usage, has_schema_privilege('Reviewers', 'ci_pr_106', 'CREATE') AS rev_create,
                  has_table_privilege('Reviewers', 'ci_pr_106.before_grant', 'SELECT') AS rev_before, has_table_privilege('Reviewers', 'ci_pr_106.after_grant', 'SELECT') AS rev_after`,
        );
        expect(rows[0]).toEqual({ ci_usage: true, ci_create: true, rev_usage: true, rev_create: false, rev_before: true, rev_after: true });
        await expect(createPrSchema(wh, { pr: 107, repo: REPO, ciRoles: ['no_such_role'] })).rejects.toThrow(OperationError);
        expect(await schemas(wh)).not.toContain('ci_pr_107'); // one transaction: nothing half-created
      });
    }

    it('sweeps a mixed warehouse: drops exactly the closed and the stale, never a look-alike', async () => {
      const now = new Date('2026-11-20T12:00:00.000Z');
      const fresh = new Date(now.getTime() - 1 * DAY);
      const stale = new Date(now.getTime() - 10 * DAY);
      for (const pr of [1, 2, 3, 5, 6, 7, 9]) await wh.query(`DROP SCHEMA IF EXISTS ci_pr_${pr} CASCADE`);
      await createPrSchema(wh, { pr: 101, repo: REPO, headSha: HEAD1, now: fresh }); // (from the first test) a new head: fresh again
      await createPrSchema(wh, { pr: 1, repo: REPO, headSha: HEAD1, now: fresh }); // closed → drop
      await createPrSchema(wh, { pr: 2, repo: REPO, headSha: HEAD1, now: fresh }); // open, fresh → keep
      await createPrSchema(wh, { pr: 3, repo: REPO, headSha: HEAD1, now: stale }); // open, stale → drop
      await createPrSchema(wh, { pr: 5, repo: REPO, headSha: HEAD1, now: stale }); // closed but on the keep list
      await wh.query('CREATE SCHEMA ci_pr_6'); // closed, but no ownership record: not Slipway's → left alone
      await wh.query('CREATE SCHEMA ci_pr_7'); // human comment, not Slipway's → left alone
      await wh.query(`COMMENT ON SCHEMA ci_pr_7 IS 'Anna: debugging, please keep'`);
      await wh.query('CREATE SCHEMA ci_pr_9');
      await wh.query(`COMMENT ON SCHEMA ci_pr_9 IS '${formatOwnership({ repo: REPO, pr: 10, created: stale.toISOString(), headAt: stale.toISOString() })}'`); // names another PR → left alone
      const lookalikes = ['ci_pr_12_backup', 'ci_pr_x', 'CI_PR_8', 'ci_pr_012', 'ci_pr_', 'ci_pr_0', 'Ci_Pr_13', 'ci_pr_1 ', 'ci_pr_١٢', 'analytics', 'ci_pr9'];
      for (const s of lookalikes) {
        await wh.query(`CREATE SCHEMA IF NOT EXISTS "${s}"`);
        await wh.query(`CREATE TABLE IF NOT EXISTS "${s}".keep_me (id int)`);
      }
      for (const s of ['ci_pr_1', 'ci_pr_3', 'ci_pr_6']) await wh.query(`CREATE TABLE ${s}.model (id int)`);
      const before = await schemas(wh);
      const gh = open(2, 3, 7, 12, 13, 101, 102, 103, 106); // 101–106: schemas of the tests above

      const dry = await sweepPrSchemas(wh, { repo: REPO, now, keep: ['CI_PR_5'], dryRun: true }, gh);
      expect(await schemas(wh)).toEqual(before);
      expect(dry.entries.filter((e) => e.verdict === 'drop').map((e) => e.schema).sort()).toEqual(['ci_pr_1', 'ci_pr_3']);
      expect(dry.statements.map((s) => s.sql)).toEqual(['DROP SCHEMA IF EXISTS "ci_pr_1" CASCADE', 'DROP SCHEMA IF EXISTS "ci_pr_3" CASCADE']);

      const report = await sweepPrSchemas(wh, { repo: REPO, now, keep: ['CI_PR_5'], concurrency: 2 }, gh);
      expect(gh.calls).toBe(2);
      const after = await schemas(wh);
      expect(before.filter((s) => !after.includes(s)).sort()).toEqual(['ci_pr_1', 'ci_pr_3']);
      for (const s of lookalikes) expect(after).toContain(s);
      const by = Object.fromEntries(report.entries.map((e) => [e.schema, e]));
      expect(by['ci_pr_1']).toMatchObject({ verdict: 'drop', rule: 'pr-closed', status: 'dropped' });
      expect(by['ci_pr_2']).toMatchObject({ verdict: 'keep', rule: 'pr-open', ageDays: 1 });
      expect(by['ci_pr_3']).toMatchObject({ verdict: 'drop', rule: 'ttl-expired', status: 'dropped', ageDays: 10 });
      expect(by['ci_pr_5']).toMatchObject({ verdict: 'keep', rule: 'keep-list' });
      expect(by['ci_pr_6']).toMatchObject({ verdict: 'keep', rule: 'not-created-by-slipway' });
      expect(by['ci_pr_7']).toMatchObject({ verdict: 'keep', rule: 'not-created-by-slipway' });
      expect(by['ci_pr_9']).toMatchObject({ verdict: 'keep', rule: 'other-pr' });
      expect(by['ci_pr_103']).toMatchObject({ verdict: 'keep', rule: 'other-repository' });
      for (const s of ['ci_pr_12_backup', 'ci_pr_x', 'CI_PR_8', 'ci_pr_012', 'ci_pr_', 'ci_pr_0', 'Ci_Pr_13']) expect(by[s], s).toMatchObject({ verdict: 'ignore', rule: 'not-a-pr-schema' });
      expect(report.counts).toMatchObject({ drop: 2, dropped: 2, failed: 0 });
      const md = renderSweepMarkdown(report);
      expect(md).toContain(`| <code>${report.databases[0]}.ci_pr_3</code> | #3 | 🗑️ dropped | PR #3 is open but its schema saw no new head for 10 days (TTL 7 days); the next push recreates it |`);
      expect(md).toContain('⚠️ left alone');

      // Nothing left to do: a second sweep drops nothing.
      const again = await sweepPrSchemas(wh, { repo: REPO, now, keep: ['CI_PR_5'] }, gh);
      expect(again.counts.drop).toBe(0);
    });

    it('does not ask GitHub when no PR schema exists', async () => {
      const gh = open();
      const r = await sweepPrSchemas(wh, { repo: REPO, prefix: 'NOTHING_HERE_' }, gh);
      expect(gh.calls).toBe(0);
      expect(r.entries).toEqual([]);
      expect(renderSweepMarkdown(r)).toContain('No schema starts with the prefix.');
    });

    it('records a failed drop, drops the rest, with bounded concurrency', async () => {
      for (let pr = 201; pr <= 210; pr++) await createPrSchema(wh, { pr, repo: REPO, prefix: 'flaky_' });
      let inFlight = 0;
      let maxInFlight = 0;
      const flaky: Warehouse = Object.create(wh, {
        query: {
          value: async (sql: string, binds?: readonly unknown[]) => {
            if (!sql.startsWith('DROP')) return wh.query(sql, binds);
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await new Promise((r) => setTimeout(r, 5));
            try {
              if (sql.includes('flaky_204')) throw new OperationError('permission denied for schema ci_pr_204');
              return await wh.query(sql, binds);
            } finally {
              inFlight--;
            }
          },
        },
      });
      const r = await sweepPrSchemas(flaky, { repo: REPO, prefix: 'flaky_', concurrency: 3 }, open());
      expect(maxInFlight).toBe(3);
      expect(r.counts).toMatchObject({ drop: 10, dropped: 9, failed: 1 });
      expect(r.entries.find((e) => e.schema === 'flaky_204')).toMatchObject({ status: 'failed', error: expect.stringContaining('permission denied') });
      expect((await schemas(wh)).filter((s) => s.startsWith('flaky_'))).toEqual(['flaky_204']);
    });
  });
}

suite('PGlite (embedded)', async () => {
  const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  return { wh, done: () => wh.close() };
}, true);

describePg('real PostgreSQL server', () => {
  suite('the PostgreSQL server', async () => {
    const db = await freshPgDatabase('prschema');
    return { wh: db.warehouse, done: db.drop };
  }, true);

  describe('a role that may not drop', () => {
    let db: Awaited<ReturnType<typeof freshPgDatabase>>;
    let limited: PostgresWarehouse;
    beforeAll(async () => {
      db = await freshPgDatabase('prschema_perm');
      await db.warehouse.query(`DO $$ BEGIN CREATE ROLE slipway_limited LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
      const u = new URL(db.url);
      await db.warehouse.query(`GRANT CREATE ON DATABASE "${u.pathname.slice(1)}" TO slipway_limited`);
      limited = new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port), user: 'slipway_limited', dbname: u.pathname.slice(1) });
    });
    afterAll(async () => {
      await limited.close();
      await db.drop();
    });

    it('fails with exit-1 errors naming the fix, and drops nothing', async () => {
      await createPrSchema(db.warehouse, { pr: 30, repo: REPO }); // owned by the superuser
      await createPrSchema(limited, { pr: 31, repo: REPO }); // owned by the limited role
      const err = await dropPrSchema(limited, { pr: 30, repo: REPO }).catch((e) => e);
      expect(err).toBeInstanceOf(OperationError);
      expect(err.message).toMatch(/may not drop .*ci_pr_30.*nothing was dropped/);
      expect(err.hint).toMatch(/role that created the PR schemas/);
      const sweepErr = await sweepPrSchemas(limited, { repo: REPO }, open()).catch((e) => e);
      expect(sweepErr).toBeInstanceOf(OperationError);
      expect(sweepErr.message).toMatch(/ci_pr_30 \(owner postgres\).*Nothing was dropped/);
      expect(await schemas(db.warehouse)).toEqual(expect.arrayContaining(['ci_pr_30', 'ci_pr_31']));
      const dry = await sweepPrSchemas(limited, { repo: REPO, dryRun: true }, open());
      expect(dry.entries.find((e) => e.schema === 'ci_pr_30')?.reason).toMatch(/may not drop it/);
      const kept = await sweepPrSchemas(limited, { repo: REPO, keep: ['ci_pr_30'] }, open());
      expect(kept.counts).toMatchObject({ dropped: 1 });
      expect(await schemas(db.warehouse)).toContain('ci_pr_30');
    });
  });
});

describePg('a CI_PR_n schema Slipway did not create', () => {
  it('is never taken over, recreated or dropped: create refuses, cleanup leaves it alone', async () => {
    const { freshPgDatabase } = await import('../helpers/pg.js');
    const { createPrSchema } = await import('../../shared/pr-schema/create.js');
    const { dropPrSchema } = await import('../../shared/pr-schema/cleanup.js');
    const db = await freshPgDatabase('prforeign');
    try {
      await db.warehouse.query('CREATE SCHEMA ci_pr_44');
      await db.warehouse.query('CREATE TABLE ci_pr_44.analyst_work (id int)');
      const err = await createPrSchema(db.warehouse, { pr: 44, repo: 'acme/dw', headSha: 'c'.repeat(40), recreate: true }).catch((e) => e);
      expect(String(err?.message)).toMatch(/Slipway did not create it/);
      const dropped = await dropPrSchema(db.warehouse, { pr: 44, repo: 'acme/dw' });
      expect(dropped.status).toBe('left-alone');
      const left = await db.warehouse.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'ci_pr_44'`);
      expect(Number(left.rows[0]!.n)).toBe(1);
    } finally {
      await db.drop();
    }
  });
});
