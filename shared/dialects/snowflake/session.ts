/**
 * Snowflake session set-up: the statements the adapter runs once on every new
 * connection, before any other statement (shared/warehouse/snowflake.ts).
 *
 * - `ALTER SESSION SET QUERY_TAG = '<text>'` labels every later statement of
 *   the session in QUERY_HISTORY (at most 2000 characters, Snowflake's limit;
 *   the caller passes the compact JSON tag).
 * - `ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = <n>` is the server-side
 *   limit per statement (dbt-snowflake's `query_timeout`); a whole number of
 *   seconds, set only when positive (0 would mean "no limit" anyway).
 */
import { UserError } from '../../errors.js';
import { quoteLiteral } from '../../sql/identifiers.js';
import type { Statement } from '../../sql/plan.js';

export interface SessionSetup {
  /** The QUERY_TAG text, already rendered (compact JSON). */
  queryTag: string;
  statementTimeoutSeconds?: number;
}

export function sessionSetupStatements(setup: SessionSetup): Statement[] {
  const out: Statement[] = [{ sql: `ALTER SESSION SET QUERY_TAG = ${quoteLiteral(setup.queryTag, 'snowflake')}`, purpose: 'tag every statement of this session in QUERY_HISTORY' }];
  const t = setup.statementTimeoutSeconds;
  if (t !== undefined && t !== null) {
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
      throw new UserError(`The Snowflake statement timeout must be a number of seconds, 0 or more (got ${String(t).slice(0, 40)}).`, {
        hint: 'Set query_timeout in the dbt profile to a whole number of seconds, e.g. query_timeout: 3600.',
      });
    }
    if (t > 0) out.push({ sql: `ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = ${Math.max(1, Math.floor(t))}`, purpose: 'server-side limit per statement' });
  }
  return out;
}
