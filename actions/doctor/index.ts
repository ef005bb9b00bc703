import { runAction } from '../../shared/actions-adapter/run-action.js';
import { parseDoctorInputs } from './inputs.js';

void runAction({
  parse: (inputs) => parseDoctorInputs(inputs),
  run: async (rt, opts, _event, inputs) => {
    const [{ runDoctorAction }, { warehouseFromInputs }] = await Promise.all([import('./action.js'), import('../../shared/config/connection.js')]);
    await runDoctorAction(rt, opts, { openWarehouse: () => warehouseFromInputs(rt, inputs)({ action: 'doctor' }) });
  },
});
