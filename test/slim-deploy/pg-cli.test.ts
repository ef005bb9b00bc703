/**
 * `slipway deploy-slim plan|clone` on the real PostgreSQL server: Postgres has
 * no zero-copy clone, so the plan is a full build that says so; the live
 * colour comes from DEPLOY_STATE; `--record` writes the slim-build row through
 * the deploy state API without changing the deploy's status or who ran it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deploySqlFor } from '../../shared/dialects/deploy.js';
import { adminNames, ensureAdmin, eventValues, readDeployState } from '../../shared/deploy/state.js';
import { runStatement as run } from '../../shared/warehouse/run.js';
import { slimRecordOf } from '../../shared/slim-deploy/index.js';
import { runSlipway } from '../helpers/cli.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';
import { colourPair } from './project.js';

describePg('deploy-slim on the PostgreSQL server', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let dir: string;
  let env: Record<string, string | undefined>;
  const files = () => ['--project-dir', dir, '--live-manifest', join(dir, 'live'), '--manifest', join(dir, 'next.json')];

  beforeAll(async () => {
    db = await freshPgDatabase('slim_cli');
    dir = mkdtempSync(join(tmpdir(), 'slipway-slim-'));
    const pair = colourPair({ models: 12, changed: ['m0011'] });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'live'));
    writeFileSync(join(dir, 'live', 'manifest.json'), JSON.stringify(pair.live));
    writeFileSync(join(dir, 'next.json'), JSON.stringify(pair.next));
    env = { DATABASE_URL: db.url, DBT_PROFILES_DIR: undefined, SNOWFLAKE_ACCOUNT: undefined, SLIPWAY_PGLITE_PATH: undefined, SLIPWAY_DEPLOY_ID: undefined };
    // A live deploy (blue) and the one prepare just started (green), as the deploy core writes them.
    const sql = await deploySqlFor('postgres');
    const a = adminNames('postgres', {});
    await ensureAdmin(db.warehouse, sql, a);
    await run(db.warehouse, sql.insertEvent(a, eventValues({ deploy_id: 'd-live', environment: 'production', status: 'LIVE', colour: 'blue', actor: 'merge-bot' })));
    await run(db.warehouse, sql.insertEvent(a, eventValues({ deploy_id: 'd-next', environment: 'production', status: 'STARTED', colour: 'green', previous_colour: 'blue', actor: 'scheduler', run_url: 'https://ci/run/7' })));
  });
  afterAll(async () => {
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('plan: full build, because postgres has no clone; the live colour is read from DEPLOY_STATE', async () => {
    const r = await runSlipway(['deploy-slim', 'plan', ...files(), '--environment', 'production', '--format', 'json'], env);
    expect(r.err).not.toContain('error:');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.mode).toBe('full');
    expect(plan.reason).toContain('postgres has no zero-copy clone');
    expect(plan.liveColourSuffix).toBe('__BLUE');
    expect(plan.idleColourSuffix).toBe('__GREEN');
    expect(plan.statements).toEqual([]);
    expect(plan.build.nodes).toHaveLength(14);
  });

  it('clone --dry-run prints the same plan object; clone --record writes one slim-build row and keeps the deploy STARTED', async () => {
    const dry = await runSlipway(['deploy-slim', 'clone', ...files(), '--live-colour', 'blue', '--dry-run', '--format', 'json'], env);
    expect(dry.code).toBe(0);
    const plan = await runSlipway(['deploy-slim', 'plan', ...files(), '--live-colour', 'blue', '--format', 'json'], env);
    expect(JSON.parse(dry.out)).toEqual(JSON.parse(plan.out));

    const r = await runSlipway(['deploy-slim', 'clone', ...files(), '--environment', 'production', '--record', '--deploy-id', 'd-next', '--actor', 'slim-hook'], env);
    expect(r.err).not.toContain('error:');
    expect(r.code).toBe(0);
    expect(r.out).toContain('postgres has no zero-copy clone');
    const state = await readDeployState(db.warehouse, { environment: 'production' });
    const d = state.deploys.find((x) => x.deployId === 'd-next')!;
    expect(d.status).toBe('STARTED');
    expect(d.actor).toBe('scheduler');
    expect(d.runUrl).toBe('https://ci/run/7');
    expect(state.live?.deployId).toBe('d-live');
    const rec = slimRecordOf(d.events)!;
    expect(rec.mode).toBe('full');
    expect(rec.built).toHaveLength(14);
    expect(rec.cloned).toEqual([]);
  });

  it('a live manifest that is not the live deploy\'s (DEPLOY_STATE sha256) is refused for slim, with a warning', async () => {
    const sql = await deploySqlFor('postgres');
    const a = adminNames('postgres', {});
    await run(db.warehouse, sql.insertEvent(a, eventValues({ deploy_id: 'q-live', environment: 'qa', status: 'LIVE', colour: 'green', actor: 'merge-bot', manifest_sha256: 'f'.repeat(64) })));
    const r = await runSlipway(['deploy-slim', 'plan', ...files(), '--environment', 'qa', '--format', 'json'], env);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.liveColourSuffix).toBe('__GREEN');
    expect(plan.mode).toBe('full');
    expect(plan.warnings.join()).toMatch(/is not the manifest DEPLOY_STATE records for the live deploy q-live \(ffffffffffff…\)/);
  });

  it('bad input: no live manifest, unknown deploy, --record without a deploy id, no live colour', async () => {
    const a = await runSlipway(['deploy-slim', 'plan', '--project-dir', dir, '--manifest', join(dir, 'next.json'), '--live-colour', 'blue'], env);
    expect(a.code).toBe(2);
    expect(a.err).toContain('--live-manifest is required');
    const b = await runSlipway(['deploy-slim', 'clone', ...files(), '--environment', 'production', '--record'], env);
    expect(b.code).toBe(2);
    expect(b.err).toContain('--record needs --environment and --deploy-id');
    const c = await runSlipway(['deploy-slim', 'plan', ...files(), '--environment', 'staging'], env);
    expect(c.code).toBe(2);
    expect(c.err).toContain("Environment 'staging' has no live deploy");
    const d = await runSlipway(['deploy-slim', 'clone', ...files(), '--environment', 'production', '--record', '--deploy-id', 'nope'], env);
    expect(d.code).toBe(1);
    expect(d.err).toContain('Deploy nope is not in DEPLOY_STATE');
  });
});
