/**
 * actions/grant-policy inputs, checked before anything heavy loads (the entry
 * imports only this, then the body).
 */
import { UserError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/runtime/inputs.js';

export const COMMENT_MARKER = 'grant-policy';

export interface GrantPolicyInputs {
  token?: string;
  plans: string[];
  configFile?: string;
  failOnWarn: boolean;
  comment: boolean;
  sarifFile?: string;
}

export function parseGrantPolicyInputs(inputs: Inputs): GrantPolicyInputs {
  const plans = inputs.list('plan');
  if (plans.length === 0) {
    throw new UserError('Input plan is empty.', { hint: 'Set plan: to the JSON of `terraform show -json tfplan` (several paths separated by newlines or commas, one per environment).' });
  }
  return {
    token: inputs.get('github-token'),
    plans,
    configFile: inputs.get('config'),
    failOnWarn: inputs.bool('fail-on-warn', false),
    comment: inputs.bool('comment', true),
    sarifFile: inputs.get('sarif-file'),
  };
}
