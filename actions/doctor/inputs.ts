/** actions/doctor inputs, checked before anything heavy loads. */
import { UserError } from '../../shared/errors.js';
import { FEATURES } from '../../shared/permissions/model.js';
import type { Inputs } from '../../shared/runtime/inputs.js';


export interface DoctorInputs {
  as?: 'ci' | 'deploy';
  features: string[];
  rawDatabase?: string;
  prodDatabase?: string;
  environment?: string;
  adminSchema: string;
  failOnMissing: boolean;
  target?: string;
}

export function parseDoctorInputs(inputs: Inputs): DoctorInputs {
  const as = inputs.get('as');
  if (as !== undefined && as !== 'ci' && as !== 'deploy') throw new UserError(`Input 'as' must be ci or deploy, got '${as}'.`, { hint: 'ci for pull-request jobs, deploy for production jobs.' });
  const features = inputs.list('features');
  for (const f of features) {
    if (!(FEATURES as readonly string[]).includes(f)) throw new UserError(`Input 'features' names an unknown feature '${f}'.`, { hint: `Use some of: ${FEATURES.join(', ')}.` });
  }
  return {
    as,
    features,
    rawDatabase: inputs.get('raw-database'),
    prodDatabase: inputs.get('prod-database'),
    environment: inputs.get('environment'),
    adminSchema: inputs.get('admin-schema') ?? 'SLIPWAY',
    failOnMissing: inputs.bool('fail-on-missing', true),
    target: inputs.get('target'),
  };
}
