export * from './types.js';
export { planSlim, colourSchemas, catalogKey, relationOf, type Catalog, type SlimPlanRequest } from './plan.js';
export { cloneSqlFor, readColourCatalog, planSlimDeploy, executeSlimPlan, slimRecord, recordSlimDeploy, slimRecordOf, SLIM_REASON_PREFIX } from './run.js';
export { slimPlanText } from './report.js';
