/**
 * The body of actions/schema-cleanup, free of @actions/*: the entry parses the
 * inputs and the event (inputs.ts) and passes the runtime, a warehouse opener
 * and the open-PR lookup, so tests drive it with an embedded warehouse.
 */
import type { EventContext } from '../../shared/actions-adapter/context.js';
import type { WarehouseOpener } from '../../shared/config/connection.js';
import { OperationError, UserError } from '../../shared/errors.js';
import type { OpenPullsLookup } from '../../shared/github/pulls.js';
import { dropPrSchema } from '../../shared/pr-schema/cleanup.js';
import { mdText, renderSweepMarkdown, sweepPrSchemas } from '../../shared/pr-schema/sweep.js';
import type { Inputs } from '../../shared/runtime/inputs.js';
import type { Runtime } from '../../shared/runtime/port.js';
import { formatPlan } from '../../shared/sql/plan.js';
import { parseSchemaCleanupInputs, type DropOneInputs, type SchemaCleanupInputs, type SweepInputs } from './inputs.js';

export interface SchemaCleanupDeps {
  /** Opens the warehouse from the connection inputs (shared/config/connection.ts). */
  openWarehouse: WarehouseOpener;
  /** The open-PR lookup (sweep only; the entry builds it from the github-token input). */
  openPulls?(): OpenPullsLookup;
}

/** Parse the inputs, then run: what the entry does in two stages, in one call (tests). */
export async function schemaCleanupAction(rt: Runtime, inputs: Inputs, event: EventContext, deps: SchemaCleanupDeps): Promise<void> {
  return runSchemaCleanup(rt, parseSchemaCleanupInputs(inputs, event), deps);
}

export async function runSchemaCleanup(rt: Runtime, opts: SchemaCleanupInputs, deps: SchemaCleanupDeps): Promise<void> {
  if (opts.token) rt.mask(opts.token);
  return opts.mode === 'pr' ? dropOne(rt, opts, deps) : sweep(rt, opts, deps);
}

async function dropOne(rt: Runtime, opts: DropOneInputs, deps: SchemaCleanupDeps): Promise<void> {
  const { pr, prefix, database, repo, dryRun } = opts;
  const wh = await deps.openWarehouse({ action: 'schema-cleanup', pr });
  try {
    const r = await dropPrSchema(wh, { pr, prefix, database, repo, dryRun });
    if (r.status === 'left-alone') rt.warn(r.reason);
    else rt.info(r.reason);
    if (r.status === 'would-drop') rt.info(`Dry run; would run:\n${formatPlan(r.statements, wh.dialect)}`);
    const gone = r.status === 'dropped' || r.status === 'would-drop';
    rt.setOutput('dropped', gone ? JSON.stringify([r.database ? `${r.database}.${r.schema}` : r.schema]) : '[]');
    rt.setOutput('report', r);
    await rt.appendSummary(`### Slipway schema cleanup${dryRun ? ' (dry run)' : ''}\n\n${gone ? '🗑️' : r.status === 'left-alone' ? '⚠️' : '✅'} ${mdText(r.reason)}`);
  } finally {
    await wh.close();
  }
}

async function sweep(rt: Runtime, opts: SweepInputs, deps: SchemaCleanupDeps): Promise<void> {
  const { repo, prefix, databases, ttlDays, keep, dryRun, concurrency } = opts;
  if (!deps.openPulls) throw new UserError('The sweep needs a GitHub token to ask which pull requests are open.', { hint: 'Pass github-token: ${{ github.token }} (the default) with permissions: pull-requests: read.' });
  const lookup = deps.openPulls();
  const wh = await deps.openWarehouse({ action: 'schema-cleanup' });
  let report;
  try {
    report = await sweepPrSchemas(wh, { repo, prefix, databases, ttlDays, keep, dryRun, concurrency }, lookup, (m) => rt.info(m));
  } finally {
    await wh.close();
  }
  if (dryRun && report.statements.length) rt.info(`Dry run; would run:\n${formatPlan(report.statements, report.dialect)}`);
  const dropped = report.entries.filter((e) => e.status === 'dropped' || e.status === 'would-drop').map((e) => (e.database ? `${e.database}.${e.schema}` : e.schema));
  rt.setOutput('dropped', JSON.stringify(dropped));
  rt.setOutput('report', report);
  await rt.appendSummary(renderSweepMarkdown(report));
  for (const e of report.entries) if (e.rule === 'other-repository' || e.rule === 'other-pr') rt.warn(`${e.database ? `${e.database}.` : ''}${e.schema}: ${e.reason}`);
  if (report.counts.failed > 0) {
    const failed = report.entries.filter((e) => e.status === 'failed');
    throw new OperationError(`${failed.length} schema(s) could not be dropped: ${failed.map((e) => `${e.schema} (${e.error})`).join('; ')}`, {
      hint: 'The others were dropped; check that the role owns these schemas, then re-run the sweep.',
    });
  }
}
