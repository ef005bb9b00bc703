import { runAction } from '../../shared/actions-adapter/run-action.js';
import { parseSchemaCleanupInputs } from './inputs.js';

void runAction({
  parse: (inputs, event) => parseSchemaCleanupInputs(inputs, event),
  run: async (rt, opts, _event, inputs) => {
    const [{ runSchemaCleanup }, { warehouseFromInputs }] = await Promise.all([import('./action.js'), import('../../shared/config/connection.js')]);
    const token = opts.token;
    let openPulls;
    if (token) {
      rt.mask(token);
      const [{ createOctokit }, { openPullsLookup }] = await Promise.all([import('../../shared/github/client.js'), import('../../shared/github/pulls.js')]);
      openPulls = () => openPullsLookup(createOctokit({ token, log: rt }));
    }
    await runSchemaCleanup(rt, opts, { openWarehouse: warehouseFromInputs(rt, inputs), openPulls });
  },
});
