/**
 * Snowflake pieces of the PR impact SQL (shared/dialects/impact.ts).
 *
 * - A relation is `"DB"."SCHEMA"."NAME"` with the names as the catalog stores
 *   them (dbt-snowflake creates them unquoted, i.e. upper case).
 * - Columns, kind and size come from each database's INFORMATION_SCHEMA
 *   (COLUMNS joined to TABLES: ROW_COUNT and BYTES are exact metadata for
 *   tables, NULL for views), one UNION ALL branch per database, one statement.
 * - COUNT(DISTINCT a, b) skips rows where any argument is NULL, which is
 *   exactly the composite-key count wanted.
 * - The session gets STATEMENT_TIMEOUT_IN_SECONDS and a QUERY_TAG naming the
 *   PR's tag; the receipt then reads INFORMATION_SCHEMA.QUERY_HISTORY (last 7
 *   days, no ACCOUNT_USAGE latency) for every query carrying that tag: dbt's
 *   too, when its profile sets `query_tag` from the same value.
 */
import { quoteIdent, quoteLiteral } from '../../sql/identifiers.js';
import type { Statement } from '../../sql/plan.js';
import type { ImpactDialect, StoredRelation } from '../impact.js';

const D = 'snowflake' as const;
const NO_EQUALITY = /^(GEOGRAPHY|GEOMETRY|VECTOR)\b/i;

function relation(r: StoredRelation): string {
  return [r.database, r.schema, r.name]
    .filter((p): p is string => !!p)
    .map((p) => quoteIdent(p, D))
    .join('.');
}

export const snowflakeImpact: ImpactDialect = {
  dialect: D,
  relation,
  text(expr) {
    return `TO_VARCHAR(${expr})`;
  },
  countDistinctTuple(exprs, cond) {
    return `COUNT(DISTINCT ${exprs.map((e) => (cond ? `CASE WHEN ${cond} THEN ${e} END` : e)).join(', ')})`;
  },
  minusDays(expr, days) {
    return `DATEADD('day', ${-Math.max(0, Math.floor(days))}, ${expr})`;
  },
  needsText(type) {
    return NO_EQUALITY.test(type.trim());
  },
  describe(relations): Statement {
    const byDb = new Map<string, StoredRelation[]>();
    for (const r of relations) byDb.set(r.database ?? '', [...(byDb.get(r.database ?? '') ?? []), r]);
    const branches = [...byDb].map(([db, rels]) => {
      const info = (view: string) => (db ? `${quoteIdent(db, D)}.INFORMATION_SCHEMA.${view}` : `INFORMATION_SCHEMA.${view}`);
      const where = rels.map((r) => `(c.TABLE_SCHEMA = ${quoteLiteral(r.schema, D)} AND c.TABLE_NAME = ${quoteLiteral(r.name, D)})`).join('\n   OR ');
      return (
        `SELECT ${quoteLiteral(db, D)} AS "database", c.TABLE_SCHEMA AS "schema", c.TABLE_NAME AS "name", t.TABLE_TYPE AS "kind", t.ROW_COUNT AS "rows", t.BYTES AS "bytes",\n` +
        `  c.COLUMN_NAME AS "column",\n` +
        `  c.DATA_TYPE || COALESCE('(' || c.NUMERIC_PRECISION || ',' || c.NUMERIC_SCALE || ')', '(' || c.CHARACTER_MAXIMUM_LENGTH || ')', '') AS "type",\n` +
        `  c.ORDINAL_POSITION AS "position"\n` +
        `FROM ${info('COLUMNS')} AS c\n` +
        `JOIN ${info('TABLES')} AS t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME\n` +
        `WHERE ${where}`
      );
    });
    return { sql: `${branches.join('\nUNION ALL\n')}\nORDER BY 2, 3, 9`, purpose: `columns, kind and size of ${relations.length} relation(s), in one statement` };
  },
  sessionSetup({ timeoutSeconds, tag }) {
    const out: Statement[] = [];
    if (timeoutSeconds && timeoutSeconds > 0) out.push({ sql: `ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = ${Math.floor(timeoutSeconds)}`, purpose: 'per-statement time limit' });
    if (tag) out.push({ sql: `ALTER SESSION SET QUERY_TAG = ${quoteLiteral(JSON.stringify({ tool: 'slipway', action: 'impact', run: tag }).slice(0, 2000), D)}`, purpose: "tag the session with the PR's tag" });
    return out;
  },
  sessionReset() {
    return [];
  },
  queryHistory(tag) {
    return {
      sql:
        `SELECT COUNT(*) AS "queries", COALESCE(SUM(TOTAL_ELAPSED_TIME), 0) AS "elapsed_ms", COALESCE(SUM(EXECUTION_TIME), 0) AS "execution_ms",\n` +
        `  COALESCE(SUM(CREDITS_USED_CLOUD_SERVICES), 0) AS "cloud_credits", WAREHOUSE_SIZE AS "size"\n` +
        `FROM TABLE(INFORMATION_SCHEMA.QUERY_HISTORY(END_TIME_RANGE_START => DATEADD('day', -7, CURRENT_TIMESTAMP()), RESULT_LIMIT => 10000))\n` +
        `WHERE CONTAINS(QUERY_TAG, ${quoteLiteral(tag, D)})\n` +
        `GROUP BY WAREHOUSE_SIZE`,
      purpose: "the PR's warehouse time and credits, from query history by tag",
    };
  },
};
