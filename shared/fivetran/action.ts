/**
 * The body of actions/fivetran-sync, free of @actions/*: inputs in, outputs
 * and job summary out, exit 1 through a GateFailure when a connection did not sync.
 */
import type { Inputs } from '../actions-adapter/runtime.js';
import { GateFailure } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import { runFivetranSync, syncHeadline, type FivetranSyncResult } from './run.js';

export async function fivetranSyncAction(rt: Runtime, inputs: Inputs, env: NodeJS.ProcessEnv = process.env): Promise<FivetranSyncResult> {
  const result = await runFivetranSync(
    rt,
    {
      connectors: inputs.list('connectors'),
      groups: inputs.list('groups'),
      apiUrl: inputs.get('api-url'),
      pollInterval: inputs.get('poll-interval'),
      timeout: inputs.get('timeout'),
      stuckAfter: inputs.get('stuck-after'),
      maxRequestsPerMinute: inputs.get('max-requests-per-minute'),
      force: inputs.bool('force', true),
      unpause: inputs.bool('unpause', false),
      allowPaused: inputs.bool('allow-paused', false),
    },
    env,
  );
  const { report, passed } = result;
  rt.setOutput('verdict', passed ? 'pass' : 'fail');
  rt.setOutput('report-json', { connectors: report.connectors });
  for (const v of ['synced', 'failed', 'paused', 'broken', 'timeout', 'stuck'] as const) {
    rt.setOutput(`${v}-count`, report.counts[v]);
  }
  for (const c of report.connectors) {
    if (c.verdict !== 'synced') rt.annotate(passed ? 'warning' : 'error', `Fivetran ${c.id}: ${c.verdict} — ${c.reason}`, { title: `Fivetran sync ${c.verdict}` });
  }
  if (!passed) throw new GateFailure(syncHeadline(report, passed), { details: report.connectors });
  rt.info(syncHeadline(report, passed));
  return result;
}
