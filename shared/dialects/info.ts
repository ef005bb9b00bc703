/**
 * What `slipway warehouse info` asks the engine about itself, per dialect.
 */
import type { DialectName } from '../sql/identifiers.js';

/** One row, one column `version`: the engine's version string. */
export function versionQuery(dialect: DialectName): string {
  return dialect === 'snowflake' ? 'SELECT CURRENT_VERSION() AS "version"' : 'SELECT version() AS "version"';
}
