import { runAction } from '../../shared/actions-adapter/run-action.js';
import { parsePrSchemaInputs } from './inputs.js';

void runAction({
  parse: (inputs, event) => parsePrSchemaInputs(inputs, event),
  run: async (rt, opts, _event, inputs) => {
    const [{ runPrSchema }, { warehouseFromInputs }] = await Promise.all([import('./action.js'), import('../../shared/config/connection.js')]);
    await runPrSchema(rt, opts, { openWarehouse: warehouseFromInputs(rt, inputs) });
  },
});
