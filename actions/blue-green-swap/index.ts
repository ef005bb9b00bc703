import { eventContext } from '../../shared/actions-adapter/context.js';
import { runAction } from '../../shared/actions-adapter/run-action.js';
import { blueGreenAction, warehouseFromInputs } from '../../shared/deploy/action.js';
import { deployGates } from '../../shared/freshness/deploy-hooks.js';

void runAction(async (rt, inputs) => {
  const gates =
    inputs.get('phase') === 'cutover'
      ? await deployGates({
          freshness: inputs.bool('freshness-gate', false),
          rowCountHistory: inputs.bool('row-count-history', false),
          configFile: inputs.get('freshness-config'),
          adminSchema: inputs.get('admin-schema'),
        })
      : { extraChecks: [] };
  await blueGreenAction(rt, inputs, eventContext(), { openWarehouse: warehouseFromInputs(rt, inputs), ...gates });
});
