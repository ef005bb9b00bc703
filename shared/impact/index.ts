/** The PR impact report: what a PR's build does to the data, computed in the warehouse, with its cost. */
export { impactTargets, uniqueKeyOf, contractChanges, type TargetOptions } from './targets.js';
export { runImpact, DEFAULTS, type ImpactOptions } from './run.js';
export { parseFailOn, evaluateGate, rowLossPct, failOnRules, type FailOn } from './gate.js';
export { impactMarkdown, impactText } from './report.js';
export { prTag, TAG_ENV } from './tag.js';
export { prImpact, impactGateFailure, type PrImpactOptions } from './pr.js';
export type * from './types.js';
