/** The body of actions/rollback, driven with fake inputs: outputs, job summary, refusals before connecting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { rollbackAction, type RollbackInputs } from '../../shared/pitr/rollback.js';
import { deploy, visibleMarkers } from './deploys.js';

function inputs(values: Record<string, string>): RollbackInputs {
  return {
    get: (n) => (values[n] === undefined || values[n] === '' ? undefined : values[n]),
    bool: (n, fb) => (values[n] === undefined ? fb : values[n] === 'true'),
    list: (n) => (values[n] ?? '').split(/[,\n]/).map((s) => s.trim()).filter(Boolean),
  };
}

describe('actions/rollback body', () => {
  let wh: PgliteWarehouse;
  let A: { deployId: string; colour: string };
  let B: { deployId: string };
  // The action closes the warehouse it opened; hand it a wrapper whose close() is a no-op so the test keeps it.
  const open = async (): Promise<Warehouse> => Object.assign(Object.create(wh) as Warehouse, { close: async () => undefined });
  beforeAll(async () => {
    wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
    A = await deploy(wh, 'A');
    B = await deploy(wh, 'B');
  });
  afterAll(async () => wh.close());

  it('rolls back and sets mode, from, to, colour, plan, left; writes the job summary', async () => {
    const summaries: string[] = [];
    const rt = new CliRuntime({ write: () => undefined });
    rt.appendSummary = async (md: string) => void summaries.push(md);
    await rollbackAction(rt, inputs({ reason: 'INC-9 bad numbers', environment: 'production' }), { actor: 'octocat', runUrl: 'https://github.com/o/r/actions/runs/9' }, open);
    expect(rt.outputs).toMatchObject({ mode: 'reswap', 'rolled-back-from': B.deployId, 'rolled-back-to': A.deployId, colour: A.colour, left: '[]' });
    expect(JSON.parse(rt.outputs.plan!).statements).toMatch(/RENAME TO/);
    expect(summaries.join('')).toContain(`| to deploy | \`${A.deployId}\` |`);
    expect(await visibleMarkers(wh)).toEqual(['A']);
  });

  it('refuses a missing reason, or at + to, before opening a connection', async () => {
    let opened = 0;
    const counting = async () => (opened++, open());
    const rt = new CliRuntime({ write: () => undefined });
    await expect(rollbackAction(rt, inputs({ environment: 'production' }), {}, counting)).rejects.toThrow(/needs a reason/);
    await expect(rollbackAction(rt, inputs({ reason: 'x', to: A.deployId, at: '2026-01-01T00:00:00Z' }), {}, counting)).rejects.toThrow(/--to cannot be combined/);
    expect(opened).toBe(0);
  });

  it('point in time on Postgres: not supported, nothing changed', async () => {
    const rt = new CliRuntime({ write: () => undefined });
    await expect(rollbackAction(rt, inputs({ reason: 'x', at: '2026-01-01T00:00:00Z' }), {}, open)).rejects.toThrow(/not supported on this warehouse.*timeTravel/);
    expect(await visibleMarkers(wh)).toEqual(['A']);
  });
});
