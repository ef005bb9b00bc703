/** Blue-green deploys: public surface for the CLI, the action and other features (rollback, slim CI, freshness). */
export * from './state.js';
export * from './checks.js';
export * from './deploy.js';
export { rollbackDeploy, decideRollback, type RollbackOptions, type RollbackResult, type RollbackDecision } from './rollback.js';
export { executeSwap, missingGrants, grantsToMirror, describeGrant, type SwapTarget, type SwapOutcome } from './engine.js';
