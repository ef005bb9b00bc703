import { runAction } from '../../shared/actions-adapter/run-action.js';
import { parseBlueGreenRequired } from './inputs.js';

void runAction({
  parse: (inputs) => parseBlueGreenRequired(inputs),
  run: async (rt, _required, event, inputs) => {
    const { blueGreenAction, openFromInputs } = await import('./body.js');
    await blueGreenAction(rt, inputs, event, { openWarehouse: openFromInputs(rt, inputs) });
  },
});
