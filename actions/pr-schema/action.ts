/**
 * The body of actions/pr-schema, free of @actions/*: the entry parses the
 * inputs and the event (inputs.ts) and passes the runtime and a warehouse
 * opener, so tests drive it with an embedded warehouse.
 */
import type { EventContext } from '../../shared/actions-adapter/context.js';
import type { WarehouseOpener } from '../../shared/config/connection.js';
import { createPrSchema } from '../../shared/pr-schema/create.js';
import { renderCreateMarkdown } from '../../shared/pr-schema/summary.js';
import type { Inputs } from '../../shared/runtime/inputs.js';
import type { Runtime } from '../../shared/runtime/port.js';
import { formatPlan } from '../../shared/sql/plan.js';
import { parsePrSchemaInputs, type PrSchemaInputs } from './inputs.js';

export interface PrSchemaDeps {
  /** Opens the warehouse from the connection inputs (shared/config/connection.ts). */
  openWarehouse: WarehouseOpener;
}

/** Parse the inputs, then run: what the entry does in two stages, in one call (tests). */
export async function prSchemaAction(rt: Runtime, inputs: Inputs, event: EventContext, deps: PrSchemaDeps): Promise<void> {
  return runPrSchema(rt, parsePrSchemaInputs(inputs, event), deps);
}

export async function runPrSchema(rt: Runtime, opts: PrSchemaInputs, deps: PrSchemaDeps): Promise<void> {
  const wh = await deps.openWarehouse({ action: 'pr-schema', pr: opts.pr, sha: opts.headSha });
  try {
    const r = await createPrSchema(wh, opts);
    for (const w of r.warnings) rt.warn(w);
    if (opts.dryRun) rt.info(`Dry run; would run:\n${formatPlan(r.statements, wh.dialect)}`);
    else rt.info(`${r.database ? `${r.database}.` : ''}${r.schema}: ${r.action}${r.recreateReason ? ` (${r.recreateReason})` : ''}.`);
    rt.setOutput('schema', r.schema);
    rt.setOutput('database', r.database);
    rt.setOutput('action', r.action);
    if (!opts.dryRun) {
      rt.exportVariable('DBT_SCHEMA', r.schema);
      if (opts.database !== undefined) rt.exportVariable('DBT_DATABASE', r.database);
    }
    await rt.appendSummary(renderCreateMarkdown(r));
  } finally {
    await wh.close();
  }
}
