/** Point-in-time recovery (Snowflake time travel): plan from metadata, print, or apply under the deploy lock. */
export * from './types.js';
export { parsePoint, parseTimestamp, parseQueryId } from './point.js';
export { planPitr, describePlan, stampOf, formatAge, STATEMENT_WINDOW_DAYS, STATEMENT_POINT_TYPES } from './planner.js';
export { readPitrMetadata, metadataStatements, tableRowFrom, droppedRowsFrom, statementRowFrom, toDate } from './metadata.js';
export { pointInTimeRecover, assertTimeTravel, assertReason, checkApplicable, DEFAULT_ADMIN_SCHEMA } from './recover.js';
export type { PitrOptions, PitrDeps, PitrResult, PitrAuditEntry } from './recover.js';
