/**
 * PostgreSQL session statements the adapter (shared/warehouse/postgres.ts)
 * runs itself, outside any command's plan.
 */
import type { Statement } from '../../sql/plan.js';

/** One row, column `pid`: the server process serving this session (Session.id, for diagnostics and fault tests). */
export function backendPidQuery(): Statement {
  return { sql: 'SELECT pg_backend_pid() AS pid', purpose: 'which server process serves this session' };
}
