/**
 * Re-swap rollback through `runRollback` (the CLI's and the action's entry),
 * on embedded PGlite and on the real PostgreSQL server: back to the previous
 * deploy, audited; refused when the colour was rebuilt, the lock is held, the
 * deploy id is unknown or the reason is missing (nothing changed); and, on
 * the server, rollbacks while readers query continuously: no query ever sees
 * two deploys at once, and no read fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GateFailure, UserError } from '../../shared/errors.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { acquireLock, adminNames, prepareDeploy, readDeployState } from '../../shared/deploy/index.js';
import { deploySqlFor } from '../../shared/dialects/deploy.js';
import { runRollback, validateRollbackFlags } from '../../shared/rollback/index.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';
import { deploy, ENV, quiet, stateRows, visibleMarkers } from './deploys.js';

const base = { environment: ENV, reason: 'orders doubled after deploy B (INC-7)', actor: 'oncall@example.com', runUrl: 'https://github.com/o/r/actions/runs/42' };

const lastRolledBack = async (wh: Warehouse) => (await readDeployState(wh, { environment: ENV })).deploys.filter((d) => d.status === 'ROLLED_BACK').at(-1)!.deployId;

function reswapSuite(name: string, open: () => Promise<{ wh: Warehouse; done: () => Promise<void> }>) {
  describe(`re-swap rollback: ${name}`, () => {
    let wh: Warehouse;
    let done: () => Promise<void>;
    let A: { deployId: string; colour: string };
    let B: { deployId: string; colour: string };
    beforeAll(async () => {
      ({ wh, done } = await open());
      A = await deploy(wh, 'A');
      B = await deploy(wh, 'B');
    });
    afterAll(async () => done());

    it('--dry-run prints the swap back and changes nothing', async () => {
      const before = (await stateRows(wh)).length;
      const r = await runRollback(wh, { ...base, dryRun: true }, quiet());
      expect(r).toMatchObject({ mode: 'reswap', dryRun: true, rolledBackFrom: B.deployId, rolledBackTo: A.deployId, colour: A.colour });
      expect(r.sql).toMatch(/ALTER SCHEMA "analytics" RENAME TO/);
      expect(await visibleMarkers(wh)).toEqual(['B']);
      expect((await stateRows(wh)).length).toBe(before);
    });

    it('goes back to the previous deploy, audited with who, why, from and to', async () => {
      const r = await runRollback(wh, base, quiet());
      expect(r).toMatchObject({ mode: 'reswap', dryRun: false, rolledBackFrom: B.deployId, rolledBackTo: A.deployId, colour: A.colour });
      expect(await visibleMarkers(wh)).toEqual(['A']);
      const state = await readDeployState(wh, { environment: ENV });
      expect(state.live?.deployId).toBe(A.deployId);
      expect(state.lock?.holder ?? null).toBeNull();
      const rb = state.events.find((e) => e.status === 'ROLLED_BACK')!;
      expect(rb).toMatchObject({ deployId: B.deployId, reason: base.reason, actor: base.actor, rolledBackTo: A.deployId, runUrl: base.runUrl });
    });

    it('re-running the same rollback (same run URL) changes nothing and says it already happened; a new rollback never re-publishes B', async () => {
      const before = (await stateRows(wh)).length;
      const again = await runRollback(wh, base, quiet());
      expect(again).toMatchObject({ rolledBackFrom: B.deployId, rolledBackTo: A.deployId, statements: 0 });
      expect(await visibleMarkers(wh)).toEqual(['A']);
      expect((await stateRows(wh)).length).toBe(before);
      // another run: B was rolled back, A's previous deploy does not exist, so there is nothing good to go back to
      const err = (await runRollback(wh, { ...base, runUrl: "https://github.com/o/r/actions/runs/99" }, quiet()).catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(GateFailure);
      expect(err.message).toContain(`${B.deployId} is ROLLED_BACK`);
      expect(await visibleMarkers(wh)).toEqual(['A']);
      expect((await stateRows(wh)).length).toBe(before);
    });

    it('an unknown deploy id is a clear error and changes nothing', async () => {
      const before = (await stateRows(wh)).length;
      await expect(runRollback(wh, { ...base, to: '20990101T000000Z-ffffff' }, quiet())).rejects.toThrow(UserError);
      await expect(runRollback(wh, { ...base, to: '20990101T000000Z-ffffff' }, quiet())).rejects.toThrow(/20990101T000000Z-ffffff is not in DEPLOY_STATE/);
      expect(await visibleMarkers(wh)).toEqual(['A']);
      expect((await stateRows(wh)).length).toBe(before);
    });

    it('refuses when the colour was rebuilt: names the deploy that rebuilt it and points at --at', async () => {
      const C = await deploy(wh, 'C'); // live was A (A's colour), so C builds the other colour: B's data is gone
      expect(C.colour).toBe(B.colour);
      const before = (await stateRows(wh)).length;
      const err = await runRollback(wh, { ...base, to: B.deployId }, quiet()).then(
        () => undefined,
        (e: unknown) => e as GateFailure,
      );
      expect(err).toBeInstanceOf(GateFailure);
      expect(err!.message).toContain(`rebuilt since by deploy ${C.deployId}`);
      expect(err!.hint).toMatch(/slipway rollback --environment production --at/);
      expect(await visibleMarkers(wh)).toEqual(['C']);
      expect((await stateRows(wh)).length).toBe(before);
      // the default target (the deploy live before C, which is A) is still intact
      const r = await runRollback(wh, base, quiet());
      expect(r.rolledBackTo).toBe(A.deployId);
      expect(await visibleMarkers(wh)).toEqual(['A']);
    });

    it('refuses while another run holds the deploy lock, naming it; nothing changes', async () => {
      // another rollback (or a recovery) in progress holds the lease
      const sql = await deploySqlFor(wh.dialect);
      const a = adminNames(wh.dialect, {});
      await acquireLock(wh, sql, a, { environment: ENV, holder: 'rollback-20261122T0300Z-other', runUrl: 'https://github.com/o/r/actions/runs/77', actor: 'someone-else', leaseMinutes: 15 });
      const before = (await stateRows(wh)).length;
      try {
        await expect(runRollback(wh, { ...base, runUrl: 'https://github.com/o/r/actions/runs/43', to: await lastRolledBack(wh) }, quiet())).rejects.toThrow(/held by deploy rollback-20261122T0300Z-other \(run https:\/\/github.com\/o\/r\/actions\/runs\/77\)/);
        expect(await visibleMarkers(wh)).toEqual(['A']);
        expect((await stateRows(wh)).length).toBe(before);
      } finally {
        await wh.query(sql.releaseLock(a, ENV, 'rollback-20261122T0300Z-other').sql, sql.releaseLock(a, ENV, 'rollback-20261122T0300Z-other').binds);
      }
    });

    it('refuses while a deploy is rebuilding the target colour (prepare ran), before touching anything', async () => {
      const to = await lastRolledBack(wh); // --to names it: the only deploy with a colour other than the live one
      const p = await prepareDeploy(wh, { environment: ENV, schemas: ['analytics', 'finance'], actor: 'ci', runUrl: 'https://github.com/o/r/actions/runs/78' }, quiet());
      const before = (await stateRows(wh)).length;
      await expect(runRollback(wh, { ...base, runUrl: 'https://github.com/o/r/actions/runs/44', to }, quiet())).rejects.toThrow(new RegExp(`rebuilt since by deploy ${p.deployId}`));
      expect(await visibleMarkers(wh)).toEqual(['A']);
      expect((await stateRows(wh)).length).toBe(before);
    });

    it('point-in-time recovery is refused here: no time travel on this engine', async () => {
      const err = await runRollback(wh, { ...base, point: { kind: 'timestamp', at: new Date(Date.now() - 60_000) } }, quiet()).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(UserError);
      expect(err!.message).toMatch(/not supported on this warehouse.*'timeTravel'/);
    });
  });
}

reswapSuite('PGlite (embedded)', async () => {
  const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  return { wh, done: () => wh.close() };
});

describePg('real PostgreSQL server', () => {
  reswapSuite('PostgreSQL server', async () => {
    const db = await freshPgDatabase('rollback');
    return { wh: db.warehouse, done: db.drop };
  });

  describe('rollback during readers’ load', () => {
    let wh: Warehouse;
    let drop: () => Promise<void>;
    const models = ['m1', 'm2', 'm3', 'm4', 'm5'];
    beforeAll(async () => {
      const db = await freshPgDatabase('rollback_load');
      wh = db.warehouse;
      drop = db.drop;
      await deploy(wh, 'A', models);
      await deploy(wh, 'B', models);
    });
    afterAll(async () => drop());

    it('readers never see a mix of two deploys and never fail while rollbacks flip A↔B', async () => {
      let stop = false;
      const seen = new Map<string, number>();
      const mixed: string[][] = [];
      const errors: unknown[] = [];
      const reader = async () => {
        while (!stop) {
          try {
            const m = await visibleMarkers(wh, models);
            if (m.length !== 1) mixed.push(m);
            for (const x of m) seen.set(x, (seen.get(x) ?? 0) + 1);
          } catch (err) {
            errors.push(err);
          }
        }
      };
      const readers = [reader(), reader(), reader(), reader()];
      const flips: string[] = [];
      try {
        // Each flip names its target: a rollback never re-publishes the rolled-back deploy on its own.
        const ids = (await readDeployState(wh, { environment: ENV })).deploys.filter((d) => d.status === 'LIVE' || d.status === 'SUPERSEDED').map((d) => d.deployId);
        for (let i = 0; i < 24; i++) {
          const r = await runRollback(wh, { ...base, reason: `flip ${i}`, to: ids[i % 2] }, quiet());
          flips.push(r.rolledBackTo!);
        }
      } finally {
        stop = true;
        await Promise.all(readers);
      }
      expect(errors).toEqual([]);
      expect(mixed).toEqual([]);
      expect(new Set(flips).size).toBe(2);
      expect([...seen.keys()].sort()).toEqual(['A', 'B']);
      expect(await visibleMarkers(wh, models)).toEqual(['B']); // 24 flips: back where we started
    });
  });
});

describe('flags, before anything connects', () => {
  it('missing --reason is refused', () => {
    expect(() => validateRollbackFlags({ environment: 'production' })).toThrow(/needs a reason/);
    expect(() => validateRollbackFlags({ environment: 'production', reason: '   ' })).toThrow(UserError);
  });
  it('--to with --at, --partial without a point, a future --at, two points: all refused', () => {
    const r = { environment: 'production', reason: 'x' };
    expect(() => validateRollbackFlags({ ...r, to: 'd1', at: '2020-01-01T00:00:00Z' })).toThrow(/--to cannot be combined/);
    expect(() => validateRollbackFlags({ ...r, partial: true })).toThrow(/--partial only applies/);
    expect(() => validateRollbackFlags({ ...r, at: '2999-01-01T00:00:00Z' })).toThrow(/in the future/);
    expect(() => validateRollbackFlags({ ...r, at: '2020-01-01T00:00:00Z', beforeStatement: '01b8a2f3-0000-7c1e-0000-00a1b2c3d4e5' })).toThrow(/both given/);
    expect(() => validateRollbackFlags({ ...r, environment: 'prod uction' })).toThrow(/environment/);
  });
});
