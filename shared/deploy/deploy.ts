/**
 * Blue-green deploys, split by phase: prepare.ts (take the lock, pick the idle
 * colour), cutover.ts (prove it, publish it in one atomic step), control.ts
 * (abort, unlock, status), around one context object (context.ts). This file
 * only re-exports them for modules that import `deploy/deploy.js` directly;
 * new code imports `deploy/index.js`.
 */
export * from './context.js';
export * from './prepare.js';
export * from './cutover.js';
export * from './control.js';
export * from './names.js';
export { formatChecks } from './checks.js';
