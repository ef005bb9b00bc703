/**
 * actions/blue-green-swap inputs checked before anything heavy loads (the
 * deploy core, YAML, schemas, the warehouse drivers): the phase and the
 * environment, the two required inputs. The body reads the rest.
 */
import { UserError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/runtime/inputs.js';

export type BlueGreenPhase = 'prepare' | 'cutover' | 'abort' | 'adopt';

export interface BlueGreenRequired {
  phase: BlueGreenPhase;
  environment: string;
}

/** The required inputs, in the order the body reads them, so the first error is the same either way. */
export function parseBlueGreenRequired(inputs: Pick<Inputs, 'get'>): BlueGreenRequired {
  const phase = inputs.get('phase', { required: true });
  if (phase !== 'prepare' && phase !== 'cutover' && phase !== 'abort' && phase !== 'adopt') {
    throw new UserError(`Input 'phase' must be prepare, cutover or abort (or adopt, once, to take existing schemas over), got '${phase}'.`, { hint: 'Use phase: prepare before your dbt build step, phase: cutover after it, phase: abort in an if: failure() step, and phase: adopt once (dry-run first) to take an existing schema over.' });
  }
  const environment = inputs.get('environment', { required: true })!;
  return { phase, environment };
}
