/**
 * `slipway deploy …` end to end on an on-disk PGlite warehouse, in process:
 * prepare → build → cutover → status → unlock, JSON keys, exit codes, and the
 * Snowflake dry-run plan printed without any connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import { fakeBuild, tinyManifest } from './harness.js';
import { runSlipway } from '../helpers/cli.js';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runSlipway(args);
  return { code: r.code, stdout: r.out, stderr: r.err };
}

describe('slipway deploy (CLI)', () => {
  let dir: string;
  let manifestPath: string;
  const env = { ...process.env };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-deploy-cli-'));
    manifestPath = join(dir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(tinyManifest({ analytics: ['orders', 'customers'], marts: ['revenue'] })));
    process.env.SLIPWAY_PGLITE_PATH = join(dir, 'pgdata');
    delete process.env.DATABASE_URL;
    delete process.env.SNOWFLAKE_ACCOUNT;
    delete process.env.DBT_PROFILES_DIR;
  });
  afterAll(() => {
    process.env = env;
    rmSync(dir, { recursive: true, force: true });
  });

  it('--dry-run --dialect snowflake prints the whole cutover plan without a connection', async () => {
    const r = await cli(['deploy', 'cutover', '--environment', 'prod', '--manifest', manifestPath, '--dry-run', '--dialect', 'snowflake', '--project-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ALTER SCHEMA "ANALYTICS" SWAP WITH "ANALYTICS__NEXT";');
    expect(r.stdout).toContain('ALTER SCHEMA "MARTS" SWAP WITH "MARTS__NEXT";');
    expect(r.stdout).toContain('CREATE VIEW "ANALYTICS__NEXT"."ORDERS" AS SELECT * FROM "ANALYTICS__GREEN"."ORDERS";');
    expect(r.stdout).toContain('SHOW FUTURE GRANTS IN SCHEMA "ANALYTICS";');
    expect(r.stdout.match(/SWAP WITH/g)).toHaveLength(2);
    const j = await cli(['deploy', 'prepare', '--environment', 'prod', '--schemas', 'analytics', '--dry-run', '--dialect', 'snowflake', '--format', 'json']);
    expect(JSON.parse(j.stdout).plan).toContain('UPDATE "SLIPWAY"."DEPLOY_LOCK"');
  });

  it('prepare → build → cutover → status → unlock, with the documented JSON keys and exit codes', async () => {
    const p = await cli(['deploy', 'prepare', '--environment', 'prod', '--schemas', 'analytics,marts', '--format', 'json', '--actor', 'alice']);
    expect(p.stderr).not.toMatch(/error/);
    expect(p.code).toBe(0);
    const pj = JSON.parse(p.stdout);
    expect(pj).toMatchObject({ colour: 'blue', schemaSuffix: '__BLUE', previousColour: null, schemas: ['analytics__BLUE', 'marts__BLUE'] });
    expect(pj.deployId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);

    const wh = await PgliteWarehouse.open({ type: 'pglite', path: process.env.SLIPWAY_PGLITE_PATH! });
    await fakeBuild(wh, ['analytics__BLUE'], ['orders', 'customers'], pj.deployId);
    await fakeBuild(wh, ['marts__BLUE'], ['revenue'], pj.deployId);
    await wh.close();

    const bad = await cli(['deploy', 'cutover', '--environment', 'prod', '--row-count-tolerance', 'lots']);
    expect(bad.code).toBe(2);
    const c = await cli(['deploy', 'cutover', '--environment', 'prod', '--manifest', manifestPath, '--format', 'json', '--project-dir', dir]);
    expect(c.stderr).not.toMatch(/^error/m);
    expect(c.code).toBe(0);
    const cj = JSON.parse(c.stdout);
    expect(cj).toMatchObject({ colour: 'blue', schemaSuffix: '__BLUE', deployId: pj.deployId, status: 'LIVE', models: 3, schemas: ['analytics__BLUE', 'marts__BLUE'] });

    const s = await cli(['deploy', 'status', '--environment', 'prod']);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain(`live:  ${pj.deployId} (blue`);
    expect(s.stdout).toContain('lock:  free');

    const p2 = await cli(['deploy', 'prepare', '--environment', 'prod', '--schemas', 'analytics,marts']);
    expect(p2.stdout).toContain('build colour:   green');
    const u0 = await cli(['deploy', 'unlock', '--environment', 'prod']);
    expect(u0.code).toBe(2);
    const u = await cli(['deploy', 'unlock', '--environment', 'prod', '--reason', 'runner lost', '--format', 'json']);
    expect(u.code).toBe(0);
    expect(JSON.parse(u.stdout).clearedHolder).toMatch(/Z-/);
  });

  it('--database-swap: the Snowflake dry run prints one ALTER DATABASE … SWAP WITH; Postgres and missing databases are refused', async () => {
    const ok = await cli(['deploy', 'cutover', '--environment', 'prod', '--schemas', 'a,b', '--database-swap', '--published-database', 'analytics', '--database', 'build', '--dry-run', '--dialect', 'snowflake', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)['swap-statements']).toBe(1);
    expect(JSON.parse(ok.stdout).plan).toContain('ALTER DATABASE "ANALYTICS" SWAP WITH "ANALYTICS__NEXT";');
    const pg = await cli(['deploy', 'prepare', '--environment', 'prod', '--schemas', 'a', '--database-swap', '--published-database', 'x', '--database', 'y', '--dry-run', '--dialect', 'postgres']);
    expect(pg.code).toBe(2);
    expect(pg.stderr).toMatch(/databaseSwap capability/);
    const missing = await cli(['deploy', 'prepare', '--environment', 'prod', '--schemas', 'a', '--database-swap', '--dry-run', '--dialect', 'snowflake']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--published-database/);
  });
});
