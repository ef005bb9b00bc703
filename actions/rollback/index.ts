import { eventContext } from '../../shared/actions-adapter/context.js';
import { runAction } from '../../shared/actions-adapter/run-action.js';
import { warehouseFromInputs } from '../../shared/config/connection.js';
import { rollbackAction } from './body.js';

void runAction(async (rt, inputs) => {
  const ctx = eventContext();
  await rollbackAction(rt, inputs, { actor: ctx.actor, runUrl: ctx.runUrl }, () => warehouseFromInputs(rt, inputs)({ action: 'rollback', sha: ctx.sha }));
});
