/** The `with:` values of actions/fivetran-sync, checked before anything heavy loads. */
import type { Inputs } from '../../shared/runtime/inputs.js';
import { UserError } from '../../shared/errors.js';
import { validateSyncInputs, type FivetranSyncInputs } from '../../shared/fivetran/run.js';

export function parseFivetranSyncInputs(inputs: Inputs, env: NodeJS.ProcessEnv = process.env): FivetranSyncInputs {
  const parsed: FivetranSyncInputs = {
    connectors: inputs.list('connectors'),
    groups: inputs.list('groups'),
    apiUrl: inputs.get('api-url'),
    pollInterval: inputs.get('poll-interval'),
    timeout: inputs.get('timeout'),
    stuckAfter: inputs.get('stuck-after'),
    maxRequestsPerMinute: inputs.get('max-requests-per-minute'),
    force: inputs.bool('force', true),
    unpause: inputs.bool('unpause', false),
    allowPaused: inputs.bool('allow-paused', false),
  };
  validateSyncInputs(parsed, env);
  const missing = ['FIVETRAN_API_KEY', 'FIVETRAN_API_SECRET'].filter((k) => !env[k]?.trim());
  if (missing.length) {
    throw new UserError(`Missing Fivetran credentials: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`, {
      hint: 'Set them on the step from repository secrets: env: { FIVETRAN_API_KEY: ${{ secrets.FIVETRAN_API_KEY }}, FIVETRAN_API_SECRET: ${{ secrets.FIVETRAN_API_SECRET }} }.',
    });
  }
  return parsed;
}
