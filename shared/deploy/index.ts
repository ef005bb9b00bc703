/** Blue-green deploys: public surface for the CLI, the action and other features (rollback, slim CI, freshness). */
export * from './state.js';
export * from './checks.js';
export * from './context.js';
export * from './names.js';
export * from './prepare.js';
export * from './cutover.js';
export * from './control.js';
export { rollbackDeploy, decideRollback, planRollback, ROLLBACK_LEASE_MINUTES, type RollbackOptions, type RollbackResult, type RollbackDecision, type RollbackPlan } from './rollback.js';
export { executeSwap, describeSwap, inspectSwap, missingGrants, grantsToMirror, describeGrant, type SwapTarget, type SwapOutcome, type SwapPlan, type SwapInspection } from './engine.js';
