/**
 * actions/blue-green-swap driven with fake inputs on PGlite: prepare exports
 * the colour for dbt, cutover publishes it; failed checks annotate and fail;
 * action.yml declares exactly the inputs and outputs the code uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import { blueGreenAction } from '../../actions/blue-green-swap/body.js';
import type { Inputs } from '../../shared/actions-adapter/runtime.js';
import type { EventContext } from '../../shared/actions-adapter/context.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { GateFailure } from '../../shared/errors.js';
import { repoRoot } from '../helpers/fixtures.js';
import { fakeBuild, quietRuntime } from './harness.js';
import { actionInputs } from '../helpers/inputs.js';

/** Inputs read by the production parser, as on a runner. */
const inputs = (values: Record<string, string>): Inputs => actionInputs(values);

const event: EventContext = { eventName: 'push', repo: { owner: 'o', repo: 'r' }, sha: 'abc123', ref: 'refs/heads/main', actor: 'octocat', runUrl: 'https://github.com/o/r/actions/runs/7', payload: {} };

describe('actions/blue-green-swap', () => {
  let wh: PgliteWarehouse;
  const open = async (): Promise<Warehouse> => Object.assign(Object.create(wh), { close: async () => undefined }) as Warehouse;
  beforeAll(async () => {
    wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  });
  afterAll(async () => wh.close());

  it('prepare exports the colour and suffix; cutover publishes it and sets the same outputs', async () => {
    const rt = quietRuntime();
    const saved = process.env.SLIPWAY_SCHEMA_SUFFIX;
    await blueGreenAction(rt, inputs({ phase: 'prepare', environment: 'production', schemas: 'analytics' }), event, { openWarehouse: open });
    expect(rt.outputs).toMatchObject({ colour: 'blue', 'schema-suffix': '__BLUE', 'previous-colour': '', schemas: 'analytics__BLUE' });
    expect(rt.exported.SLIPWAY_SCHEMA_SUFFIX).toBe('__BLUE');
    await fakeBuild(wh, ['analytics__BLUE'], ['orders'], rt.outputs['deploy-id']!);
    const rt2 = quietRuntime();
    await blueGreenAction(rt2, inputs({ phase: 'cutover', environment: 'production', 'project-dir': '/nonexistent' }), event, { openWarehouse: open });
    expect(rt2.outputs).toMatchObject({ colour: 'blue', 'deploy-id': rt.outputs['deploy-id'], models: '1', 'swap-statements': '1' });
    expect(rt2.summaries.join('\n')).toContain('is live in `production`');
    const { rows } = await wh.query<{ actor: string; run_url: string; git_sha: string }>(`SELECT actor, run_url, git_sha FROM slipway.deploy_state WHERE status = 'LIVE'`);
    expect(rows[0]).toEqual({ actor: 'octocat', run_url: 'https://github.com/o/r/actions/runs/7', git_sha: 'abc123' });
    process.env.SLIPWAY_SCHEMA_SUFFIX = saved;
    delete process.env.SLIPWAY_DEPLOY_ID;
    delete process.env.SLIPWAY_DEPLOY_COLOUR;
  });

  it('a failing plugged-in gate stops the cutover with an annotation per failed check', async () => {
    const rt = quietRuntime();
    await blueGreenAction(rt, inputs({ phase: 'prepare', environment: 'production', schemas: 'analytics' }), event, { openWarehouse: open });
    await fakeBuild(wh, ['analytics__GREEN'], ['orders'], rt.outputs['deploy-id']!);
    const rt2 = quietRuntime();
    const gate = async () => ({ name: 'freshness', status: 'fail' as const, message: 'raw.orders is stale' });
    await expect(blueGreenAction(rt2, inputs({ phase: 'cutover', environment: 'production', 'project-dir': '/nonexistent' }), event, { openWarehouse: open, extraChecks: [gate] })).rejects.toBeInstanceOf(GateFailure);
    expect(rt2.annotations.some((a) => a.level === 'error' && a.props?.title === 'Pre-cutover check failed: freshness')).toBe(true);
    delete process.env.SLIPWAY_DEPLOY_ID;
  });

  it('abort after a failed build records FAILED, releases the lock at once, and a new deploy can start', async () => {
    const rt = quietRuntime();
    await blueGreenAction(rt, inputs({ phase: 'prepare', environment: 'staging', schemas: 'analytics' }), event, { openWarehouse: open });
    const id = rt.outputs['deploy-id']!;
    // a second deploy is refused while the first holds the lock
    await expect(blueGreenAction(quietRuntime(), inputs({ phase: 'prepare', environment: 'staging', schemas: 'analytics' }), event, { openWarehouse: open })).rejects.toThrow(new RegExp(id));
    const rt2 = quietRuntime();
    await blueGreenAction(rt2, inputs({ phase: 'abort', environment: 'staging', 'deploy-id': id, reason: 'dbt build failed: 2 models errored' }), event, { openWarehouse: open });
    expect(rt2.summaries.join('\n')).toContain('aborted');
    const { rows } = await wh.query<{ status: string; error_text: string }>(`SELECT status, error_text FROM slipway.deploy_state WHERE deploy_id = $1 ORDER BY recorded_at DESC, event_seq DESC LIMIT 1`, [id]);
    expect(rows[0]).toEqual({ status: 'FAILED', error_text: 'aborted: dbt build failed: 2 models errored' });
    // abort again: nothing to do, no error
    await blueGreenAction(quietRuntime(), inputs({ phase: 'abort', environment: 'staging', 'deploy-id': id }), event, { openWarehouse: open });
    const rt3 = quietRuntime();
    await blueGreenAction(rt3, inputs({ phase: 'prepare', environment: 'staging', schemas: 'analytics' }), event, { openWarehouse: open });
    expect(rt3.outputs['deploy-id']).not.toBe(id);
    delete process.env.SLIPWAY_DEPLOY_ID;
    delete process.env.SLIPWAY_DEPLOY_COLOUR;
  });

  it('rejects a bad phase', async () => {
    await expect(blueGreenAction(quietRuntime(), inputs({ phase: 'swap', environment: 'p' }), event, { openWarehouse: open })).rejects.toThrow(/prepare, cutover or abort/);
  });

  it('action.yml declares exactly the inputs the code reads and the outputs it sets', () => {
    const yml = parse(readFileSync(`${repoRoot}/actions/blue-green-swap/action.yml`, 'utf8'));
    const code = readFileSync(`${repoRoot}/actions/blue-green-swap/body.ts`, 'utf8') + readFileSync(`${repoRoot}/actions/blue-green-swap/inputs.ts`, 'utf8') + readFileSync(`${repoRoot}/shared/deploy/report.ts`, 'utf8') + readFileSync(`${repoRoot}/shared/config/connection.ts`, 'utf8');
    const read = new Set([...code.matchAll(/inputs\.(?:get|bool|list)\('([a-z-]+)'/g)].map((m) => m[1]));
    expect([...read].sort()).toEqual(Object.keys(yml.inputs).sort());
    for (const o of Object.keys(yml.outputs)) expect(new RegExp(`(?:'${o}'|\\b${o}:)`).test(code), o).toBe(true);
    expect(yml.runs).toEqual({ using: 'node24', main: '../../dist/blue-green-swap/index.js' });
    for (const [k, v] of Object.entries<{ description?: string }>(yml.inputs)) expect(v.description, k).toBeTruthy();
  });
});
