import { runAction } from '../../shared/actions-adapter/run-action.js';
import { parseSlimCiInputs } from './inputs.js';

void runAction({
  parse: (inputs) => parseSlimCiInputs(inputs),
  run: async (rt, opts, event) => {
    const [{ runSlimCiAction }, { ActionsStateCache }] = await Promise.all([import('./action.js'), import('../../shared/actions-adapter/cache.js')]);
    await runSlimCiAction(rt, opts, event, { cache: ActionsStateCache.available() ? new ActionsStateCache() : undefined });
  },
});
