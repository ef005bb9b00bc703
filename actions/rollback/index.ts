import { runAction } from '../../shared/actions-adapter/run-action.js';
import { checkRollbackInputs } from './inputs.js';

void runAction({
  parse: (inputs) => checkRollbackInputs(inputs),
  run: async (rt, _checked, event, inputs) => {
    const [{ rollbackAction }, { warehouseFromInputs }] = await Promise.all([import('./body.js'), import('../../shared/config/connection.js')]);
    await rollbackAction(rt, inputs, { actor: event.actor, runUrl: event.runUrl }, () => warehouseFromInputs(rt, inputs)({ action: 'rollback', sha: event.sha }));
  },
});
