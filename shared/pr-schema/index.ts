/** PR schemas: naming, ownership record, create/recreate, drop on close, and the sweep. */
export { DEFAULT_PREFIX, validatePrefix, parsePrNumber, prSchemaName, prSchemaPattern, matchPrSchema, foldedPrefix } from './naming.js';
export { formatOwnership, parseOwnership, type OwnershipRecord, type ParsedOwnership } from './ownership.js';
export { createPrSchema, planCreatePrSchema, dryRunCreatePrSchema, type CreatePrSchemaOptions, type CreatePrSchemaResult, type PrSchemaGrant } from './create.js';
export { dropPrSchema, planDropPrSchema, type DropPrSchemaOptions, type DropPrSchemaResult } from './cleanup.js';
export { sweepPrSchemas, decideSweep, renderSweepMarkdown, renderSweepText, type SweepOptions, type SweepReport, type SweepEntry } from './sweep.js';
export { renderCreateMarkdown } from './summary.js';
