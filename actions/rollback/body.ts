/**
 * The body of actions/rollback (one hop from the entry, loaded once
 * ./inputs.ts has checked the reason and the point in time): parse the inputs,
 * open the warehouse, call the rollback front door (shared/rollback), set the
 * outputs and the job summary.
 */
import type { Runtime } from '../../shared/runtime/port.js';
import { projectQuoting } from '../../shared/deploy/names.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { assertTimeTravel } from '../../shared/pitr/recover.js';
import { rollbackFlags, type RollbackInputs } from './inputs.js';
import { defaultActor, reportMarkdown, runRollback, validateRollbackFlags, type RollbackCoreOptions, type RollbackReport } from '../../shared/rollback/index.js';

export type { RollbackInputs };

/** Parse the action's inputs into core options (no connection yet). */
export function rollbackOptionsFromInputs(inputs: RollbackInputs, ctx: { actor?: string; runUrl?: string }): RollbackCoreOptions {
  const { reason, environment, point } = validateRollbackFlags(rollbackFlags(inputs));
  return {
    environment,
    reason,
    point,
    to: inputs.get('to'),
    partial: inputs.bool('partial', false),
    dryRun: inputs.bool('dry-run', false),
    schemas: inputs.list('schemas'),
    colourSchemas: inputs.list('colour-schemas'),
    adminSchema: inputs.get('admin-schema') ?? 'SLIPWAY',
    database: inputs.get('database'),
    suffixBlue: inputs.get('suffix-blue'),
    suffixGreen: inputs.get('suffix-green'),
    suffixNext: inputs.get('suffix-next'),
    quoting: projectQuoting(inputs.get('project-dir') ?? '.'),
    actor: ctx.actor || defaultActor(),
    runUrl: ctx.runUrl,
  };
}

/** Set the action's outputs from a report (same keys as --format json, kebab-case). */
export function setRollbackOutputs(rt: Runtime, r: RollbackReport): void {
  rt.setOutput('mode', r.mode);
  rt.setOutput('rolled-back-from', r.rolledBackFrom ?? '');
  rt.setOutput('rolled-back-to', r.rolledBackTo ?? '');
  rt.setOutput('colour', r.colour ?? '');
  rt.setOutput('plan', r.mode === 'pitr' ? JSON.stringify(r.plan ?? null) : JSON.stringify({ statements: r.sql }));
  rt.setOutput('left', JSON.stringify(r.left ?? []));
}

/** The whole body of actions/rollback. */
export async function rollbackAction(rt: Runtime, inputs: RollbackInputs, ctx: { actor?: string; runUrl?: string }, openWarehouse: () => Promise<Warehouse>): Promise<RollbackReport> {
  const o = rollbackOptionsFromInputs(inputs, ctx);
  const wh = await openWarehouse();
  try {
    if (o.point) assertTimeTravel(wh);
    const r = await runRollback(wh, o, rt);
    setRollbackOutputs(rt, r);
    await rt.appendSummary(reportMarkdown(r));
    if (r.dryRun) rt.info(r.sql);
    return r;
  } finally {
    await wh.close();
  }
}
