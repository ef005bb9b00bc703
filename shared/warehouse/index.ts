import type { Warehouse } from './types.js';
import type { QueryTag, SnowflakeConfig } from './snowflake.js';
import type { PostgresConfig } from './postgres.js';
import type { PgliteConfig } from './pglite.js';

/** A resolved connection: what `connect` opens (shared/config builds one from a profile, env or action inputs). */
export type ConnectionConfig = SnowflakeConfig | PostgresConfig | PgliteConfig;

export type { Warehouse, Session, Capabilities, QueryResult, Queryable } from './types.js';
export { placeholder, MultipleStatementsError } from './types.js';
export { runStatement, runStatements } from './run.js';

/**
 * Open a warehouse for a resolved connection config. Each adapter is imported
 * lazily: the Snowflake SDK is only loaded when a Snowflake connection is
 * opened, PGlite only for the embedded engine.
 */
export async function connect(config: ConnectionConfig, opts: { queryTag?: QueryTag } = {}): Promise<Warehouse> {
  switch (config.type) {
    case 'snowflake': {
      const { SnowflakeWarehouse } = await import('./snowflake.js');
      return SnowflakeWarehouse.open({ ...config, queryTag: { ...config.queryTag, ...opts.queryTag } });
    }
    case 'postgres': {
      const { PostgresWarehouse } = await import('./postgres.js');
      return new PostgresWarehouse({ ...config, applicationName: opts.queryTag?.action ? `slipway ${opts.queryTag.action}` : 'slipway' });
    }
    case 'pglite': {
      const { PgliteWarehouse } = await import('./pglite.js');
      return PgliteWarehouse.open(config);
    }
  }
}
