import { eventContext } from '../../shared/actions-adapter/context.js';
import { runAction } from '../../shared/actions-adapter/run-action.js';
import { createOctokit } from '../../shared/github/client.js';
import { openPullsLookup } from '../../shared/github/pulls.js';
import { schemaCleanupAction, warehouseFromInputs } from '../../shared/pr-schema/actions.js';

void runAction(async (rt, inputs) => {
  const token = inputs.get('github-token');
  if (token) rt.mask(token);
  await schemaCleanupAction(rt, inputs, eventContext(), {
    openWarehouse: warehouseFromInputs(rt, inputs),
    openPulls: token ? () => openPullsLookup(createOctokit({ token, log: rt })) : undefined,
  });
});
