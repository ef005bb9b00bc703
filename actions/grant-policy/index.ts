import { runAction } from '../../shared/actions-adapter/run-action.js';
import { parseGrantPolicyInputs } from './inputs.js';

void runAction({
  parse: (inputs) => parseGrantPolicyInputs(inputs),
  run: async (rt, opts, event) => {
    const { runGrantPolicy } = await import('./action.js');
    await runGrantPolicy(rt, opts, event);
  },
});
