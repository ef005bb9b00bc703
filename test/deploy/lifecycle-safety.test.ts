/**
 * Issue #13 on embedded PGlite, through the deploy core: a cutover proves the
 * colour it publishes was built by this deploy after its prepare (stale
 * tables, a leftover manifest or run_results are named and refused); a
 * cutover never moves objects Slipway did not create; names that would not
 * fit are refused at prepare; an expired-lease takeover never records a LIVE
 * deploy FAILED; the view-lock policy has no attempt limit, only a budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import { cutoverDeploy, cutoverPlan, dryRunContext, prepareDeploy, preparePlan, readDeployState, type CheckResult } from '../../shared/deploy/index.js';
import { formatPlan } from '../../shared/sql/plan.js';
import { LockWaitPolicy } from '../../shared/deploy/lock-policy.js';
import { GateFailure, UserError } from '../../shared/errors.js';
import type { RunResults } from '../../shared/dbt/artifacts.js';
import { fakeBuild, quietRuntime, tinyManifest } from './harness.js';

const base = { environment: 'prod', schemas: ['analytics'], actor: 'ci' };
const failedChecks = (err: unknown) => (((err as GateFailure).details as { checks: CheckResult[] }).checks ?? []).filter((c) => c.status === 'fail');

async function marker(wh: PgliteWarehouse): Promise<string> {
  return (await wh.query<{ marker: string }>('SELECT marker FROM analytics.orders LIMIT 1')).rows[0]!.marker;
}

describe('cutover proves the build (PGlite)', () => {
  let wh: PgliteWarehouse;
  beforeAll(async () => {
    wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
    for (const tag of ['one', 'two']) {
      const p = await prepareDeploy(wh, base, quietRuntime());
      await fakeBuild(wh, p.schemas, ['orders'], tag);
      await cutoverDeploy(wh, base, quietRuntime());
    }
  });
  afterAll(async () => wh.close());

  it('refuses to publish hour-old tables left in the idle colour, naming each; consumers keep reading the live deploy', async () => {
    const p = await prepareDeploy(wh, base, quietRuntime()); // blue again: it still holds deploy "one"'s tables
    expect(p.schemas).toEqual(['analytics__BLUE']);
    const err = await cutoverDeploy(wh, base, quietRuntime()).catch((e) => e);
    expect(err).toBeInstanceOf(GateFailure);
    const proof = failedChecks(err).find((c) => c.name === 'build-proof')!;
    expect(proof.items).toContain("analytics__BLUE.orders was not created or replaced after this deploy's prepare: it is left from an earlier build");
    expect(await marker(wh)).toBe('two');
    const state = await readDeployState(wh, { environment: 'prod' });
    expect(state.deploys.find((d) => d.deployId === p.deployId)?.status).toBe('FAILED');
    expect(state.lock?.holder ?? null).toBeNull();
  });

  it('refuses a leftover manifest of the other colour and run_results written before prepare; a real build then goes live', async () => {
    const p = await prepareDeploy(wh, base, quietRuntime());
    await fakeBuild(wh, p.schemas, ['orders'], 'three');
    const greenManifest = tinyManifest({ analytics__GREEN: ['orders'] });
    const oldResults = { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', generated_at: new Date(Date.now() - 3_600_000).toISOString() }, results: [] } as unknown as RunResults;
    const err = await cutoverDeploy(wh, { ...base, manifest: greenManifest, runResults: oldResults }, quietRuntime()).catch((e) => e);
    const items = failedChecks(err).find((c) => c.name === 'build-proof')!.items!.join('\n');
    expect(items).toContain(`model.p.analytics__GREEN.orders: the manifest says it was built into analytics__GREEN, but this deploy (${p.deployId}) prepared analytics__BLUE`);
    expect(items).toMatch(/run_results\.json was written at .*, before this deploy's prepare at .*: it is from an earlier build/);
    expect(await marker(wh)).toBe('two');
    // the same colour, rebuilt after a new prepare, with this build's artifacts
    const q = await prepareDeploy(wh, base, quietRuntime());
    await fakeBuild(wh, q.schemas, ['orders'], 'four');
    const fresh = { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', generated_at: new Date().toISOString() }, results: [] } as unknown as RunResults;
    const r = await cutoverDeploy(wh, { ...base, manifest: tinyManifest({ analytics__BLUE: ['orders'] }), runResults: fresh }, quietRuntime());
    expect(r.checks.find((c) => c.name === 'build-proof')).toMatchObject({ status: 'pass' });
    expect(await marker(wh)).toBe('four');
  });
});

describe('adoption without loss (PGlite)', () => {
  it('a first cutover over an existing schema refuses, listing what Slipway did not create; nothing is moved', async () => {
    const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
    try {
      await wh.query('CREATE SCHEMA analytics');
      await wh.query("CREATE TABLE analytics.orders AS SELECT 1 AS id, 'hand-made' AS marker");
      await wh.query('CREATE SEQUENCE analytics.order_ids');
      const p = await prepareDeploy(wh, base, quietRuntime());
      await fakeBuild(wh, p.schemas, ['orders'], 'first');
      const err = await cutoverDeploy(wh, base, quietRuntime()).catch((e) => e);
      const c = failedChecks(err).find((x) => x.name === 'foreign-objects')!;
      expect(c.message).toMatch(/slipway deploy adopt/);
      expect(c.items).toEqual(['analytics.order_ids (sequence) was not created by Slipway', 'analytics.orders (table) was not created by Slipway']);
      expect(await marker(wh)).toBe('hand-made');
      expect((await wh.query("SELECT 1 FROM pg_namespace WHERE nspname = 'analytics__NEXT'")).rows).toEqual([]);
    } finally {
      await wh.close();
    }
  });
});

describe('names and races', () => {
  it('a published schema too long for its colour names is refused at prepare, naming the limit and the room left', async () => {
    const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
    try {
      const long = 'a'.repeat(57); // 57 + "__GREEN" = 64 bytes
      const err = await prepareDeploy(wh, { ...base, schemas: [long] }, quietRuntime()).catch((e) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(err.message).toContain(`'${long}__GREEN' is 64 bytes; postgres allows at most 63`);
      expect(err.hint).toContain('at most 56 bytes');
      expect((await wh.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'deploy_state'")).rows).toEqual([]);
    } finally {
      await wh.close();
    }
  });

  it('taking over an expired lease whose holder already went LIVE does not record it FAILED', async () => {
    const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
    try {
      const p = await prepareDeploy(wh, base, quietRuntime());
      await fakeBuild(wh, p.schemas, ['orders'], 'live');
      await cutoverDeploy(wh, base, quietRuntime());
      // the race: prepare read the lock while the cutover still held it, then the cutover went LIVE
      await wh.query(`UPDATE slipway.deploy_lock SET holder = $1, expires_at = now() - interval '1 minute' WHERE environment = 'prod'`, [p.deployId]);
      const rt = quietRuntime();
      const q = await prepareDeploy(wh, base, rt);
      expect(q.tookOverFrom).toBe(p.deployId);
      const state = await readDeployState(wh, { environment: 'prod' });
      expect(state.live?.deployId).toBe(p.deployId);
      expect(state.deploys.find((d) => d.deployId === p.deployId)?.status).toBe('LIVE');
      expect(state.events.filter((e) => e.deployId === p.deployId && e.status === 'FAILED')).toEqual([]);
      expect(rt.lines.join('\n')).toContain('had already finished (LIVE)');
    } finally {
      await wh.close();
    }
  });

  it('the view-lock policy keeps trying past 100 attempts until its time budget, each wait below deadlock_timeout', () => {
    let now = 0;
    const p = new LockWaitPolicy({ firstWaitMs: 25, deadlockTimeoutMs: 1000, budgetMs: 300_000, now: () => now, random: () => 0.5 });
    const waits: number[] = [];
    while (!p.exhausted()) {
      waits.push(p.nextWaitMs());
      now += p.lastWaitMs + p.pauseMs();
    }
    expect(p.attempts).toBeGreaterThan(100);
    expect(Math.max(...waits)).toBe(500);
    expect(waits.slice(0, 3)).toEqual([25, 37, 56]);
  });
});

describe('dry runs are the plan that runs (PGlite)', () => {
  it('prepare shows the idle colour; cutover shows the real ids, the Postgres transaction, and comments that raw input cannot leave', async () => {
    const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
    try {
      const p = await prepareDeploy(wh, base, quietRuntime());
      await fakeBuild(wh, p.schemas, ['orders'], 'blue-live');
      await cutoverDeploy(wh, base, quietRuntime());
      // live is blue: the next prepare builds green, and its dry run says so
      const pctx = await dryRunContext(wh, base, 'prepare');
      expect(pctx).toMatchObject({ colour: 'green', previousDeployId: p.deployId });
      const prep = formatPlan(await preparePlan({ ...base, ...pctx, dialect: 'postgres' }), 'postgres');
      expect(prep).toContain('CREATE SCHEMA IF NOT EXISTS "analytics__GREEN"');
      expect(prep).not.toContain('analytics__BLUE');
      // a deploy holds the lock: the cutover plan names it and the live deploy, inside BEGIN … COMMIT
      const q = await prepareDeploy(wh, base, quietRuntime());
      const cctx = await dryRunContext(wh, base, 'cutover');
      expect(cctx).toMatchObject({ colour: 'green', deployId: q.deployId, previousDeployId: p.deployId, adminInitialised: true });
      const plan = await cutoverPlan({ ...base, ...cctx, dialect: 'postgres', manifest: tinyManifest({ analytics: ['orders'] }) });
      const text = formatPlan(plan, 'postgres');
      expect(text).not.toMatch(/<deploy-id>|<previous-deploy-id>/);
      expect(text).toContain(`'${q.deployId}'`);
      expect(plan.map((s) => s.sql).filter((x) => x === 'BEGIN' || x === 'COMMIT')).toEqual(['BEGIN', 'COMMIT']);
      expect(plan.at(-1)!.sql).toBe('COMMIT');
      expect(plan.at(-2)!.purpose).toMatch(/release the deploy lock/);
      const i = plan.findIndex((s) => s.sql === 'BEGIN');
      expect(plan.slice(i).some((s) => /RENAME TO "analytics"/.test(s.sql))).toBe(true);
      // a CR/LF in a published schema name stays inside its quoted name and never leaves a -- comment
      const evil = formatPlan(await cutoverPlan({ ...base, schemas: ['"x\r\nDROP SCHEMA analytics CASCADE; --"'], dialect: 'postgres' }), 'postgres');
      const comments = evil.split('\n').filter((l) => l.startsWith('-- '));
      expect(comments.some((l) => l.includes('x\\u{000d}\\u{000a}DROP SCHEMA analytics CASCADE; --'))).toBe(true); // shown escaped, on the comment's own line
      expect(comments.every((l) => !/[\r\u2028\u2029]/.test(l))).toBe(true);
    } finally {
      await wh.close();
    }
  });
});
