import { runAction } from '../../shared/actions-adapter/run-action.js';
import { parseFivetranSyncInputs } from './inputs.js';

void runAction({
  parse: (inputs) => parseFivetranSyncInputs(inputs),
  run: async (rt, parsed) => {
    const { fivetranSyncAction } = await import('./action.js');
    await fivetranSyncAction(rt, parsed);
  },
});
