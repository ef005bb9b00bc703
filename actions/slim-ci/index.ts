import { ActionsStateCache } from '../../shared/actions-adapter/cache.js';
import { eventContext } from '../../shared/actions-adapter/context.js';
import { runAction } from '../../shared/actions-adapter/run-action.js';
import { slimCiAction } from '../../shared/slim-ci/action.js';

void runAction(async (rt, inputs) => {
  await slimCiAction(rt, inputs, eventContext(), { cache: ActionsStateCache.available() ? new ActionsStateCache() : undefined });
});
