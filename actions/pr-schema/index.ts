import { eventContext } from '../../shared/actions-adapter/context.js';
import { runAction } from '../../shared/actions-adapter/run-action.js';
import { prSchemaAction, warehouseFromInputs } from '../../shared/pr-schema/actions.js';

void runAction(async (rt, inputs) => {
  await prSchemaAction(rt, inputs, eventContext(), { openWarehouse: warehouseFromInputs(rt, inputs) });
});
