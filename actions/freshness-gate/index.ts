import { eventContext } from '../../shared/actions-adapter/context.js';
import { runAction } from '../../shared/actions-adapter/run-action.js';
import { freshnessGateAction } from '../../shared/freshness/action.js';
import { resolveConnection } from '../../shared/cli/common.js';
import { connect } from '../../shared/warehouse/index.js';

void runAction(async (rt, inputs) => {
  await freshnessGateAction(rt, inputs, eventContext(), {
    openWarehouse: async () =>
      connect(
        await resolveConnection({ profilesDir: inputs.get('profiles-dir'), profile: inputs.get('profile'), target: inputs.get('target'), projectDir: inputs.get('project-dir') ?? '.' }, rt),
        { queryTag: { action: 'freshness-gate', repo: process.env.GITHUB_REPOSITORY, run: process.env.GITHUB_RUN_ID } },
      ),
  });
});
