import { runAction } from '../../shared/actions-adapter/run-action.js';
import { parseFreshnessGateInputs } from './inputs.js';

void runAction({
  parse: (inputs) => parseFreshnessGateInputs(inputs),
  run: async (rt, opts, event, inputs) => {
    const [{ runFreshnessGateAction }, { warehouseFromInputs }] = await Promise.all([import('./action.js'), import('../../shared/config/connection.js')]);
    const open = warehouseFromInputs(rt, inputs);
    await runFreshnessGateAction(rt, opts, event, { openWarehouse: () => open({ action: 'freshness-gate' }) });
  },
});
