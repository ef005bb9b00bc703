/**
 * actions/rollback inputs checked before anything heavy loads (the deploy
 * core, YAML, the warehouse drivers): the reason, the environment and the
 * recovery point, with the core's own checks. The body checks everything
 * again with validateRollbackFlags (which also refuses contradictory inputs).
 */
import { checkEnvironment } from '../../shared/deploy/state.js';
import { parsePoint } from '../../shared/pitr/point.js';
import { assertReason } from '../../shared/pitr/recover.js';

/** The inputs actions/rollback reads (a subset of the Inputs port, so tests can fake it). */
export interface RollbackInputs {
  get(name: string, opts?: { required?: boolean }): string | undefined;
  bool(name: string, fallback: boolean): boolean;
  list(name: string): string[];
}

/** The flags validateRollbackFlags takes, read from the inputs in one place. */
export function rollbackFlags(inputs: RollbackInputs): { reason?: string; environment: string; to?: string; at?: string; beforeStatement?: string; partial: boolean } {
  return {
    reason: inputs.get('reason'),
    environment: inputs.get('environment') ?? 'production',
    to: inputs.get('to'),
    at: inputs.get('at'),
    beforeStatement: inputs.get('before-statement'),
    partial: inputs.bool('partial', false),
  };
}

/** Reject a missing reason, a bad environment or a bad point in time, in the order validateRollbackFlags checks them. */
export function checkRollbackInputs(inputs: RollbackInputs): void {
  const f = rollbackFlags(inputs);
  assertReason(f.reason);
  checkEnvironment(f.environment);
  parsePoint({ at: f.at, beforeStatement: f.beforeStatement });
}
