/** The body of actions/rollback, driven with fake inputs: outputs, job summary, refusals before connecting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { rollbackAction, type RollbackInputs } from '../../actions/rollback/body.js';
import { deployLock, resolveLiveTarget } from '../../shared/pitr/live.js';
import { readDeployState } from '../../shared/deploy/index.js';
import { deploy, visibleMarkers } from './deploys.js';
import { FakeSnowflake } from '../helpers/fake-snowflake.js';
import { actionInputs } from '../helpers/inputs.js';
import { informationSchemaTables, NOW, showTablesHistory } from './recorded-metadata.js';
import { renderForDisplay } from '../../shared/sql/plan.js';
import { tableName, undropTable } from '../../shared/dialects/snowflake/pitr.js';
import { describeSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';

/** Inputs read by the production parser, as on a runner. */
const inputs = (values: Record<string, string>): RollbackInputs => actionInputs(values);

/** A Snowflake account holding the recorded metadata, with its deploy lock kept. */
function recordedSnowflake() {
  const wh = new FakeSnowflake().pitrMetadata({ tables: informationSchemaTables, history: showTablesHistory, now: NOW, database: 'PROD' });
  const locks = wh.deployLock();
  return { wh, holder: () => locks.get('production')?.holder ?? null };
}
/** Writes to tables of the colour schemas (the recovery itself, no lock or audit bookkeeping). */
const recoveryWrites = (wh: FakeSnowflake) => wh.writes.filter((s) => !/"SLIPWAY"|^MERGE INTO/.test(s));

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

  it('point-in-time recovery finds the live colour schemas from the published views', async () => {
    const state = await readDeployState(wh, { environment: 'production' });
    const live = state.live!;
    const t = await resolveLiveTarget(wh, { environment: 'production' });
    expect(t.published).toEqual(['analytics', 'finance']);
    expect(t.colourSchemas).toEqual([`analytics__${live.colour!.toUpperCase()}`, `finance__${live.colour!.toUpperCase()}`]);
    expect(t.deployId).toBe(live.deployId);
    expect((await resolveLiveTarget(wh, { environment: 'production', colourSchemas: ['X__BLUE'] })).colourSchemas).toEqual(['x__blue']);
    await expect(resolveLiveTarget(wh, { environment: 'staging' })).rejects.toThrow(/no live deploy in DEPLOY_STATE, and no schemas were named/);
    await expect(resolveLiveTarget(wh, { environment: 'staging', schemas: ['nope'] })).rejects.toThrow(/hold no Slipway views/);
  });

  it('point-in-time recovery holds the deploy lock while it works: a deploy or rollback meanwhile is refused', async () => {
    const lock = deployLock(wh, { environment: 'production', holder: 'rollback-pitr-test', actor: 'oncall', runUrl: 'https://github.com/o/r/actions/runs/5' });
    const rt = new CliRuntime({ write: () => undefined });
    const inner = await lock(async () => {
      const err = await rollbackAction(rt, inputs({ reason: 'meanwhile', to: B.deployId }), {}, open).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      return err?.message ?? 'no error';
    });
    expect(inner).toMatch(/held by deploy rollback-pitr-test \(run https:\/\/github.com\/o\/r\/actions\/runs\/5\)/);
    const state = await readDeployState(wh, { environment: 'production' });
    expect(state.lock?.holder ?? null).toBeNull();
  });
});

describe('actions/rollback body, point in time on Snowflake (recording warehouse)', () => {
  const pitrInputs = { reason: 'INC-12 bad merge', at: '2026-11-22T16:30:00Z', 'colour-schemas': 'ANALYTICS__BLUE', environment: 'production' };

  it('refuses without partial (one table has retention 0): nothing touched, lock released', async () => {
    const { wh, holder } = recordedSnowflake();
    const rt = new CliRuntime({ write: () => undefined });
    await expect(rollbackAction(rt, inputs(pitrInputs), { actor: 'octocat' }, async () => wh)).rejects.toThrow(/1 of 4 table\(s\) cannot be recovered/);
    expect(recoveryWrites(wh)).toEqual([]);
    expect(holder()).toBeNull();
  });

  it('with partial: restores under the deploy lock, audits, sets mode=pitr, plan and left, then releases the lock', async () => {
    const { wh, holder } = recordedSnowflake();
    const rt = new CliRuntime({ write: () => undefined });
    const summaries: string[] = [];
    rt.appendSummary = async (md: string) => void summaries.push(md);
    let holderDuring: string | null = null;
    wh.answer(undropTable(tableName('PROD', 'ANALYTICS__BLUE', 'DIM_CUSTOMERS'), ''), () => ((holderDuring = holder()), []));
    await rollbackAction(rt, inputs({ ...pitrInputs, partial: 'True' }), { actor: 'octocat', runUrl: 'https://github.com/o/r/actions/runs/3' }, async () => wh);
    expect(holderDuring).toMatch(/^rollback-pitr-/);
    expect(holder()).toBeNull();
    expect(rt.outputs.mode).toBe('pitr');
    expect(rt.outputs['rolled-back-to']).toBe('2026-11-22T16:30:00.000Z');
    expect(JSON.parse(rt.outputs.left!)).toEqual([{ table: 'ANALYTICS__BLUE.AGG_DAILY', reason: expect.stringMatching(/= 0/) }]);
    const plan = JSON.parse(rt.outputs.plan!);
    expect(plan.objects.map((o: { name: string; action: string }) => `${o.name}:${o.action}`)).toEqual([
      'AGG_DAILY:unrecoverable',
      'DIM_CUSTOMERS:undrop',
      'FCT_ORDERS:clone-swap',
      'FCT_REFUNDS:unchanged',
      'STG_PAYMENTS:clone-swap',
      'V_ORDERS_ENRICHED:unchanged',
    ]);
    expect(recoveryWrites(wh)).toHaveLength(8);
    expect(summaries.join('')).toMatch(/\| `ANALYTICS__BLUE.DIM_CUSTOMERS` \| undrop \|/);
  });
});

describeSqlfluff('actions/rollback: everything a Snowflake recovery sends parses (lock and audit included)', () => {
  it('parses', async () => {
    const { wh } = recordedSnowflake();
    await rollbackAction(new CliRuntime({ write: () => undefined }), inputs({ reason: 'x', at: '2026-11-22T16:30:00Z', 'colour-schemas': 'ANALYTICS__BLUE', partial: 'true' }), {}, async () => wh);
    const texts = wh.log.map((l) => renderForDisplay(l, 'snowflake'));
    // sqlfluff 1.4.5 cannot parse AT/BEFORE together with COPY GRANTS or TRANSIENT; those are checked as halves in pitr-sqlfluff.test.ts
    const rest = texts.filter((t) => !/ CLONE .* COPY GRANTS$/.test(t));
    expect(rest.length).toBeGreaterThan(20);
    expect(unparsableSnowflake(rest)).toEqual([]);
  });
});
