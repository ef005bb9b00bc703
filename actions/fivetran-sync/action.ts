/**
 * The body of actions/fivetran-sync, free of @actions/*: parsed inputs in,
 * outputs and job summary out; a connection that did not sync fails the step
 * through a GateFailure (exit 1).
 */
import { GateFailure } from '../../shared/errors.js';
import { runFivetranSync, syncHeadline, type FivetranSyncInputs, type FivetranSyncResult } from '../../shared/fivetran/run.js';
import type { Runtime } from '../../shared/runtime/port.js';

export async function fivetranSyncAction(rt: Runtime, inputs: FivetranSyncInputs, env: NodeJS.ProcessEnv = process.env): Promise<FivetranSyncResult> {
  const result = await runFivetranSync(rt, inputs, env);
  const { report, passed } = result;
  rt.setOutput('verdict', passed ? 'pass' : 'fail');
  rt.setOutput('report-json', { connectors: report.connectors });
  for (const v of ['synced', 'failed', 'paused', 'broken', 'timeout', 'stuck'] as const) rt.setOutput(`${v}-count`, report.counts[v]);
  for (const c of report.connectors) {
    if (c.verdict !== 'synced') rt.annotate(passed ? 'warning' : 'error', `Fivetran ${c.id}: ${c.verdict} — ${c.reason}`, { title: `Fivetran sync ${c.verdict}` });
  }
  if (!passed) throw new GateFailure(syncHeadline(report, passed), { details: report.connectors });
  rt.info(syncHeadline(report, passed));
  return result;
}
