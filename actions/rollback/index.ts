import { eventContext } from '../../shared/actions-adapter/context.js';
import { runAction } from '../../shared/actions-adapter/run-action.js';
import { rollbackAction } from '../../shared/pitr/rollback.js';

void runAction(async (rt, inputs) => {
  const ctx = eventContext();
  await rollbackAction(rt, inputs, { actor: ctx.actor, runUrl: ctx.runUrl }, async () => {
    const { resolveConnection } = await import('../../shared/cli/common.js');
    const { connect } = await import('../../shared/warehouse/index.js');
    const config = await resolveConnection(
      { profilesDir: inputs.get('profiles-dir'), profile: inputs.get('profile'), target: inputs.get('target'), projectDir: inputs.get('project-dir') ?? '.' },
      rt,
    );
    return connect(config, { queryTag: { action: 'rollback', repo: process.env.GITHUB_REPOSITORY, run: process.env.GITHUB_RUN_ID, sha: ctx.sha } });
  });
});
