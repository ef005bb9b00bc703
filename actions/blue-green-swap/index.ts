import { eventContext } from '../../shared/actions-adapter/context.js';
import { runAction } from '../../shared/actions-adapter/run-action.js';
import { blueGreenAction, openFromInputs } from './body.js';

void runAction(async (rt, inputs) => {
  await blueGreenAction(rt, inputs, eventContext(), { openWarehouse: openFromInputs(rt, inputs) });
});
