import { eventContext } from '../../shared/actions-adapter/context.js';
import { runAction } from '../../shared/actions-adapter/run-action.js';
import { blueGreenAction, warehouseFromInputs } from '../../shared/deploy/action.js';

void runAction(async (rt, inputs) => {
  await blueGreenAction(rt, inputs, eventContext(), { openWarehouse: warehouseFromInputs(rt, inputs) });
});
