/**
 * actions/freshness-gate inputs, checked before anything heavy loads (the
 * entry imports only this, then the body).
 */
import { UserError } from '../../shared/errors.js';
import { parseFailOn, parseMode, type FailOn, type FreshnessMode } from '../../shared/freshness/options.js';
import type { Inputs } from '../../shared/runtime/inputs.js';

export interface FreshnessGateInputs {
  token?: string;
  mode: FreshnessMode;
  failOn?: FailOn;
  checkName: string;
  comment: boolean;
  evaluateAt: 'snapshot' | 'now';
  projectDir: string;
  manifest?: string;
  sources?: string;
  config?: string;
}

export function parseFreshnessGateInputs(inputs: Inputs): FreshnessGateInputs {
  const ev = inputs.get('evaluate-at');
  if (ev !== undefined && ev !== 'snapshot' && ev !== 'now') {
    throw new UserError(`evaluate-at must be snapshot or now, got '${ev}'.`, { hint: 'snapshot judges ages when dbt measured them; now judges them at this run.' });
  }
  return {
    token: inputs.get('github-token'),
    mode: parseMode(inputs.get('mode')),
    failOn: parseFailOn(inputs.get('fail-on')),
    checkName: inputs.get('check-name') ?? 'Source freshness',
    comment: inputs.bool('comment', false),
    evaluateAt: ev ?? 'snapshot',
    projectDir: inputs.get('project-dir') ?? '.',
    manifest: inputs.get('manifest'),
    sources: inputs.get('sources'),
    config: inputs.get('config'),
  };
}
