import { runAction } from '../../shared/actions-adapter/run-action.js';
import { fivetranSyncAction } from '../../shared/fivetran/action.js';

void runAction(async (rt, inputs) => {
  await fivetranSyncAction(rt, inputs);
});
