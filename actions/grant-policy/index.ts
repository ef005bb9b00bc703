import { eventContext } from '../../shared/actions-adapter/context.js';
import { runAction } from '../../shared/actions-adapter/run-action.js';
import { grantPolicyAction } from '../../shared/policy/action.js';

void runAction(async (rt, inputs) => {
  await grantPolicyAction(rt, inputs, eventContext());
});
