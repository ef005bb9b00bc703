/** `slipway rollback` end to end, in-process: JSON output, text output, exit codes for refusals and bad input. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { freshPgDatabase, pgUrl } from '../helpers/pg.js';
import { deploy, visibleMarkers } from './deploys.js';
import { runSlipway as run } from '../helpers/cli.js';


const tmp = mkdtempSync(join(tmpdir(), 'slipway-rollback-cli-'));
const dataDir = join(tmp, 'pglite');
// The CLI connects on its own: to a fresh database on the test PostgreSQL server (DATABASE_URL) when there is one, else to a PGlite data dir.
const env: Record<string, string | undefined> = { SLIPWAY_PGLITE_PATH: undefined, DATABASE_URL: undefined, DBT_PROFILES_DIR: undefined, SNOWFLAKE_ACCOUNT: undefined };

describe(`slipway rollback (CLI, ${pgUrl ? 'PostgreSQL server' : 'PGlite data dir'})`, () => {
  let wh: Warehouse;
  let done: () => Promise<void>;
  let A: { deployId: string };
  let B: { deployId: string };
  beforeAll(async () => {
    if (pgUrl) {
      const db = await freshPgDatabase('rollback_cli');
      wh = db.warehouse;
      done = db.drop;
      env.DATABASE_URL = db.url;
    } else {
      wh = await PgliteWarehouse.open({ type: 'pglite', path: dataDir });
      done = () => wh.close();
      env.SLIPWAY_PGLITE_PATH = dataDir;
    }
    A = await deploy(wh, 'A');
    B = await deploy(wh, 'B');
  });
  afterAll(async () => {
    await done();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('missing --reason: exit 2, says how to fix it, nothing changed', async () => {
    const r = await run(['rollback', '--environment', 'production', '--project-dir', tmp], env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/A rollback needs a reason[\s\S]*How to fix: Pass --reason/);
    expect(await visibleMarkers(wh)).toEqual(['B']);
  });

  it('--at on Postgres: exit 2, not supported on this warehouse, names the capability', async () => {
    const r = await run(['rollback', '--reason', 'x', '--at', '2020-01-01T00:00:00Z', '--project-dir', tmp], env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not supported on this warehouse.*'timeTravel' capability/);
  });

  it('--dry-run --format json prints the plan and changes nothing', async () => {
    const r = await run(['rollback', '--reason', 'INC-1', '--dry-run', '--format', 'json', '--project-dir', tmp], env);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ mode: 'reswap', dryRun: true, rolledBackFrom: B.deployId, rolledBackTo: A.deployId });
    expect(j.sql).toContain('-- ');
    expect(await visibleMarkers(wh)).toEqual(['B']);
  });

  it('rolls back; text output names from, to and colour; an unknown --to is exit 2', async () => {
    const r = await run(['rollback', '--reason', 'INC-1 orders doubled', '--actor', 'alice', '--project-dir', tmp], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Rolled back production: deploy ${B.deployId} → deploy ${A.deployId}`);
    expect(await visibleMarkers(wh)).toEqual(['A']);
    const u = await run(['rollback', '--reason', 'x', '--to', 'nope', '--project-dir', tmp], env);
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/Deploy nope is not in DEPLOY_STATE/);
  });

  it('--help lists every flag', async () => {
    const r = await run(['rollback', '--help']).catch((e: unknown) => ({ code: -1, out: String(e), err: '' }));
    const text = r.out + r.err;
    for (const flag of ['--reason', '--environment', '--to', '--at', '--before-statement', '--partial', '--dry-run', '--dialect', '--format', '--admin-schema', '--schemas']) expect(text).toContain(flag);
  });
});

describe('slipway rollback --at --dry-run from recorded metadata (no connection)', () => {
  const file = join(tmpdir(), `slipway-pitr-meta-${process.pid}.json`);
  beforeAll(() => {
    writeFileSync(
      file,
      JSON.stringify({
        now: '2026-11-22T20:00:00Z',
        database: 'PROD',
        schemas: ['ANALYTICS__BLUE'],
        tables: [
          { database: 'PROD', schema: 'ANALYTICS__BLUE', name: 'FCT_ORDERS', tableType: 'BASE TABLE', isTransient: false, retentionDays: 7, created: '2026-11-01T10:00:00Z' },
          { database: 'PROD', schema: 'ANALYTICS__BLUE', name: 'AGG', tableType: 'BASE TABLE', isTransient: true, retentionDays: 0, created: '2026-11-01T10:00:00Z' },
        ],
        dropped: [],
      }),
    );
  });
  afterAll(() => rmSync(file, { force: true }));

  it('prints the plan, the SQL and what cannot be recovered', async () => {
    const r = await run(['rollback', '--reason', 'x', '--at', '2026-11-22T16:30:00Z', '--dry-run', '--dialect', 'snowflake', '--metadata-file', file, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.mode).toBe('pitr');
    expect(j.statements).toBe(2);
    expect(j.sql).toMatch(/CREATE TABLE "PROD"."ANALYTICS__BLUE"."FCT_ORDERS__PITR_20261122T200000" CLONE/);
    expect(j.left).toEqual([{ table: 'ANALYTICS__BLUE.AGG', reason: expect.stringMatching(/RETENTION_TIME_IN_DAYS = 0/) }]);
    expect(j.plan.objects.map((o: { name: string; action: string }) => [o.name, o.action])).toEqual([
      ['AGG', 'unrecoverable'],
      ['FCT_ORDERS', 'clone-swap'],
    ]);
    const t = await run(['rollback', '--reason', 'x', '--at', '2026-11-22T16:30:00Z', '--dry-run', '--dialect', 'snowflake', '--metadata-file', file]);
    expect(t.out).toMatch(/Dry run: point-in-time recovery of production to 2026-11-22T16:30:00.000Z/);
    expect(t.out).toMatch(/LEFT AS IT IS: ANALYTICS__BLUE.AGG/);
  });

  it('--dialect postgres for a point in time is refused without connecting', async () => {
    const r = await run(['rollback', '--reason', 'x', '--at', '2026-11-22T16:30:00Z', '--dry-run', '--dialect', 'postgres', '--metadata-file', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not supported on this warehouse/);
  });
});
