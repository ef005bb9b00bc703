/**
 * The whole blue-green flow on embedded PostgreSQL (PGlite): prepare → build →
 * checks → cutover, the audit trail, the lock, unlock, failed checks that leave
 * production untouched, and the re-swap rollback (valid and refused).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import { cutoverPlan, cutoverDeploy, deployStatus, prepareDeploy, unlockDeploy, currentDeploy, readDeployState, rollbackDeploy, type CheckResult } from '../../shared/deploy/index.js';
import { GateFailure, UserError } from '../../shared/errors.js';
import type { RunResults } from '../../shared/dbt/artifacts.js';
import { formatPlan } from '../../shared/sql/plan.js';
import { fakeBuild, quietRuntime, tinyManifest } from './harness.js';

const MODELS = ['orders', 'customers'];
const manifest = tinyManifest({ analytics: MODELS, marts: ['revenue'] });
const base = { environment: 'prod', schemas: ['analytics', 'marts'], actor: 'tester' };

async function marker(wh: PgliteWarehouse, rel = 'analytics.orders'): Promise<string> {
  const { rows } = await wh.query<{ marker: string }>(`SELECT marker FROM ${rel} LIMIT 1`);
  return rows[0]!.marker;
}

async function deploy(wh: PgliteWarehouse, tag: string, extra: Record<string, unknown> = {}) {
  const rt = quietRuntime();
  const p = await prepareDeploy(wh, { ...base, gitSha: tag }, rt);
  await fakeBuild(wh, [p.schemas[0]!], MODELS, p.deployId);
  await fakeBuild(wh, [p.schemas[1]!], ['revenue'], p.deployId);
  const c = await cutoverDeploy(wh, { ...base, manifest, manifestSha256: `sha-${tag}`, ...extra }, rt);
  return { p, c, rt };
}

describe('blue-green deploy on PGlite', () => {
  let wh: PgliteWarehouse;
  beforeAll(async () => {
    wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  });
  afterAll(async () => wh.close());

  it('first deploy builds blue and publishes views over it', async () => {
    const { p, c } = await deploy(wh, 'one');
    expect(p.colour).toBe('blue');
    expect(p.previousColour).toBeNull();
    expect(p.schemaSuffix).toBe('__BLUE');
    expect(p.schemas).toEqual(['analytics__BLUE', 'marts__BLUE']);
    expect(c.models).toBe(3);
    expect(await marker(wh)).toBe(p.deployId);
    expect(await marker(wh, 'marts.revenue')).toBe(p.deployId);
    const { rows } = await wh.query<{ relkind: string }>(`SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'analytics'`);
    expect(rows.every((r) => r.relkind === 'v')).toBe(true);
    const live = await currentDeploy(wh, { environment: 'prod' });
    expect(live?.deployId).toBe(p.deployId);
    expect(live?.manifestSha256).toBe('sha-one');
  });

  it('second deploy builds green, swaps, and keeps the previous views in __next', async () => {
    const before = (await currentDeploy(wh, { environment: 'prod' }))!;
    const { p, c } = await deploy(wh, 'two');
    expect(p.colour).toBe('green');
    expect(p.previousColour).toBe('blue');
    expect(c.previousDeployId).toBe(before.deployId);
    expect(await marker(wh)).toBe(p.deployId);
    expect(await marker(wh, '"analytics__NEXT".orders')).toBe(before.deployId);
    const state = await readDeployState(wh, { environment: 'prod' });
    const statuses = state.events.filter((e) => e.deployId === p.deployId).map((e) => e.status);
    expect(statuses).toEqual(['STARTED', 'BUILT', 'CHECKED', 'LIVE']);
    expect(state.deploys.find((d) => d.deployId === before.deployId)?.status).toBe('SUPERSEDED');
    expect(state.lock?.holder).toBeNull();
    const view = await wh.query<{ deploy_id: string; status: string }>(`SELECT deploy_id, status FROM slipway.deploy_current WHERE environment = 'prod' AND status = 'LIVE'`);
    expect(view.rows).toEqual([{ deploy_id: p.deployId, status: 'LIVE' }]);
  });

  it('rolls back by re-swapping, records who and why, and can roll forward again', async () => {
    const state = await readDeployState(wh, { environment: 'prod' });
    const live = state.live!;
    const prev = live.previousDeployId!;
    const rt = quietRuntime();
    await expect(rollbackDeploy(wh, { environment: 'prod', reason: '', actor: 'me' }, rt)).rejects.toBeInstanceOf(UserError);
    const dry = await rollbackDeploy(wh, { environment: 'prod', reason: 'bad numbers', actor: 'me', dryRun: true }, rt);
    expect(dry.rolledBackTo).toBe(prev);
    expect(await marker(wh)).toBe(live.deployId);
    const r = await rollbackDeploy(wh, { environment: 'prod', reason: 'bad numbers', actor: 'me', runUrl: 'https://x/1' }, rt);
    expect(r).toMatchObject({ rolledBackFrom: live.deployId, rolledBackTo: prev, colour: 'blue' });
    expect(await marker(wh)).toBe(prev);
    expect(await marker(wh, 'marts.revenue')).toBe(prev);
    const after = await readDeployState(wh, { environment: 'prod' });
    expect(after.live?.deployId).toBe(prev);
    const rb = after.events.find((e) => e.status === 'ROLLED_BACK')!;
    expect(rb).toMatchObject({ deployId: live.deployId, rolledBackTo: prev, reason: 'bad numbers', actor: 'me', runUrl: 'https://x/1' });
    expect(after.lock?.holder).toBeNull();
    // Rolling back again never re-publishes the rolled-back deploy by default (issue #13 item 1) …
    const refused = await rollbackDeploy(wh, { environment: 'prod', reason: 'again', actor: 'me' }, rt).catch((e) => e);
    expect(refused).toBeInstanceOf(GateFailure);
    expect(refused.message).toContain(`${live.deployId} is ROLLED_BACK`);
    expect(await marker(wh)).toBe(prev);
    // … re-running the same rollback (same run URL) is a no-op that says so …
    const rerun = await rollbackDeploy(wh, { environment: 'prod', reason: 'bad numbers', actor: 'me', runUrl: 'https://x/1' }, rt);
    expect(rerun).toMatchObject({ alreadyDone: true, rolledBackTo: prev, statements: [] });
    expect((await readDeployState(wh, { environment: 'prod' })).events.length).toBe(after.events.length);
    // … and rolling forward names it with --to, loudly: a warning and the audit row say RE-PUBLISHED.
    const loud = quietRuntime();
    const again = await rollbackDeploy(wh, { environment: 'prod', reason: 'false alarm', actor: 'me', to: live.deployId }, loud);
    expect(again.rolledBackTo).toBe(live.deployId);
    expect(await marker(wh)).toBe(live.deployId);
    expect(loud.lines.join('\n')).toMatch(/RE-PUBLISHING deploy .* which is ROLLED_BACK/);
    const fwd = (await readDeployState(wh, { environment: 'prod' })).events.at(-1 - 0)!;
    expect((await readDeployState(wh, { environment: 'prod' })).events.find((e) => e.status === 'LIVE' && e.deployId === live.deployId && /RE-PUBLISHED a ROLLED_BACK deploy/.test(e.reason ?? ''))).toBeTruthy();
    expect(fwd).toBeTruthy();
  });

  it('refuses a rollback once the target colour was rebuilt, naming the deploy and pointing at --at', async () => {
    const old = (await currentDeploy(wh, { environment: 'prod' }))!; // green
    const { p } = await deploy(wh, 'three'); // blue rebuilt
    const blueBefore = (await readDeployState(wh, { environment: 'prod' })).deploys.filter((d) => d.colour === 'blue' && d.deployId !== p.deployId && d.events.some((e) => e.status === 'LIVE'));
    expect(blueBefore.length).toBeGreaterThan(0);
    const rt = quietRuntime();
    const err = await rollbackDeploy(wh, { environment: 'prod', reason: 'x', actor: 'me', to: blueBefore[0]!.deployId }, rt).catch((e) => e);
    expect(err).toBeInstanceOf(GateFailure);
    expect(err.message).toContain(`rebuilt since by deploy ${p.deployId}`);
    expect(err.hint).toContain('slipway rollback');
    expect(err.hint).toContain('--at');
    // the default target (previous LIVE = old green) is still fine
    const ok = await rollbackDeploy(wh, { environment: 'prod', reason: 'y', actor: 'me' }, rt);
    expect(ok.rolledBackTo).toBe(old.deployId);
    await expect(rollbackDeploy(wh, { environment: 'prod', reason: 'x', actor: 'me', to: 'nope' }, rt)).rejects.toBeInstanceOf(UserError);
  });

  it('a second deploy while one holds the lock fails at once, naming the holder and its run', async () => {
    const rt = quietRuntime();
    const first = await prepareDeploy(wh, { ...base, runUrl: 'https://github.com/o/r/actions/runs/42' }, rt);
    await expect(prepareDeploy(wh, base, rt)).rejects.toThrow(new RegExp(`held by deploy ${first.deployId} \\(run https://github.com/o/r/actions/runs/42\\)`));
    await expect(unlockDeploy(wh, { environment: 'prod', reason: ' ', actor: 'ops' }, rt)).rejects.toBeInstanceOf(UserError);
    const u = await unlockDeploy(wh, { environment: 'prod', reason: 'runner died', actor: 'ops' }, rt);
    expect(u.clearedHolder).toBe(first.deployId);
    const state = await readDeployState(wh, { environment: 'prod' });
    const rec = state.deploys.find((d) => d.deployId === first.deployId)!;
    expect(rec.status).toBe('FAILED');
    expect(rec.events.at(-1)?.reason).toBe('runner died');
    expect(rec.events.at(-1)?.actor).toBe('ops');
    expect(state.lock?.holder).toBeNull();
  });

  it('a failed dbt build: no cutover, FAILED row listing each failed check, lock released, production unchanged', async () => {
    const live = (await currentDeploy(wh, { environment: 'prod' }))!;
    const rt = quietRuntime();
    const p = await prepareDeploy(wh, base, rt);
    await fakeBuild(wh, [p.schemas[0]!], ['orders'], p.deployId, 0); // customers missing, orders empty
    await fakeBuild(wh, [p.schemas[1]!], ['revenue'], p.deployId, 100); // 3 → 100 rows
    await wh.query(`DROP TABLE "${p.schemas[0]}".customers CASCADE`); // a model dbt failed to build
    const runResults = { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json' }, results: [{ unique_id: 'model.p.orders', status: 'error', message: 'boom' }, { unique_id: 'test.p.t', status: 'warn' }] } as RunResults;
    const dir = mkdtempSync(join(tmpdir(), 'slipway-checks-'));
    writeFileSync(join(dir, 'no_orders.sql'), 'select * from "analytics{{ suffix }}".orders where id < 0;\n');
    writeFileSync(join(dir, 'always_fails.sql'), 'select 1 as bad');
    const freshness = async (): Promise<CheckResult> => ({ name: 'freshness', status: 'fail', message: 'source raw.orders is 3 days old' });
    const err = await cutoverDeploy(wh, { ...base, manifest, runResults, checksDir: dir, extraChecks: [freshness], rowCountTolerancePct: 10 }, rt).catch((e) => e);
    expect(err).toBeInstanceOf(GateFailure);
    const names = ((err as GateFailure).details as { checks: CheckResult[] }).checks.filter((c) => c.status === 'fail').map((c) => c.name);
    expect(names).toEqual(['run-results', 'models-exist', 'row-counts', 'user-check:always_fails.sql', 'freshness']);
    const rows = ((err as GateFailure).details as { checks: CheckResult[] }).checks.find((c) => c.name === 'row-counts')!.items!;
    expect(rows.join('\n')).toMatch(/orders: 3 → 0 rows \(a populated table went empty\)/);
    expect(rows.join('\n')).toMatch(/revenue: 3 → 100 rows/);
    expect(err.message).toMatch(/models-exist: 1 model\(s\) missing/);
    expect(await marker(wh)).toBe(live.deployId);
    const state = await readDeployState(wh, { environment: 'prod' });
    const rec = state.deploys.find((d) => d.deployId === p.deployId)!;
    expect(rec.status).toBe('FAILED');
    expect(JSON.stringify(rec.checkResults)).toContain('freshness');
    expect(state.lock?.holder).toBeNull();
    expect(state.live?.deployId).toBe(live.deployId);
  });

  it('status shows the live deploy, the lock and recent deploys', async () => {
    const s = await deployStatus(wh, { environment: 'prod' });
    expect(s.initialised).toBe(true);
    expect(s.live?.status).toBe('LIVE');
    expect(s.lock).toBeNull();
    expect(s.recent.length).toBeGreaterThan(3);
    const empty = await deployStatus(wh, { environment: 'staging' });
    expect(empty).toMatchObject({ live: null, recent: [], knownEnvironments: ['prod'] });
  });

  it('prints the Postgres cutover plan: staged views, bounded lock, the three renames, audit rows', async () => {
    const plan = formatPlan(await cutoverPlan({ dialect: 'postgres', environment: 'prod', manifest }), 'postgres');
    expect(plan).toContain('CREATE VIEW "analytics__NEXT"."orders" AS SELECT * FROM "analytics__GREEN"."orders";');
    expect(plan).toContain(`SET LOCAL lock_timeout = '25ms';`);
    expect(plan).toMatch(/LOCK TABLE "analytics"."orders", "analytics"."customers" IN ACCESS EXCLUSIVE MODE;/);
    expect(plan).toContain('ALTER SCHEMA "analytics__NEXT" RENAME TO "analytics";');
    expect(plan.indexOf('RENAME TO "analytics__slipway_swap"')).toBeLessThan(plan.indexOf(`'LIVE'`));
  });

  it('rejects bad input before touching anything', async () => {
    const rt = quietRuntime();
    await expect(prepareDeploy(wh, { ...base, environment: 'prod; drop' }, rt)).rejects.toBeInstanceOf(UserError);
    await expect(prepareDeploy(wh, { ...base, schemas: [] }, rt)).rejects.toThrow(/No published schemas/);
    await expect(prepareDeploy(wh, { ...base, schemas: ['analytics__BLUE'] }, rt)).rejects.toThrow(/already ends in __BLUE/);
    await expect(prepareDeploy(wh, { ...base, suffixBlue: '__X', suffixGreen: '__x' }, rt)).rejects.toThrow(/must differ/);
    await expect(cutoverDeploy(wh, base, rt)).rejects.toThrow(/No deploy is in progress/);
    expect((await readDeployState(wh, { environment: 'prod' })).lock?.holder).toBeNull();
  });
});
