/**
 * PostgreSQL pieces of the PR impact SQL (shared/dialects/impact.ts).
 *
 * - A relation is `"schema"."name"`: Postgres cannot read another database
 *   in a query, so both sides must live in the connection's database.
 * - Columns, kind and size come from pg_catalog in one statement:
 *   `format_type` gives the declared type (`numeric(10,2)`), `reltuples` is
 *   the planner's estimate (-1, i.e. unknown, until the table is analyzed)
 *   and `pg_total_relation_size` the bytes on disk.
 * - `json`, `xml` and the geometric types have no equality operator: they
 *   are compared and counted as text.
 * - The session is tagged with `application_name` (Postgres' query tag, shown
 *   in pg_stat_activity and the server log) and limited by statement_timeout;
 *   both are RESET afterwards because the session comes from a pool.
 */
import { quoteIdent, quoteLiteral } from '../../sql/identifiers.js';
import type { Statement } from '../../sql/plan.js';
import type { ImpactDialect, StoredRelation } from '../impact.js';

const D = 'postgres' as const;
const NO_EQUALITY = /^(json|xml|point|line|lseg|box|path|polygon|circle)\b|\[\]$/i;

export const postgresImpact: ImpactDialect = {
  dialect: D,
  relation(r: StoredRelation) {
    return `${quoteIdent(r.schema, D, 'schema')}.${quoteIdent(r.name, D, 'relation')}`;
  },
  text(expr) {
    return `CAST(${expr} AS text)`;
  },
  countDistinctTuple(exprs, cond) {
    const notNull = exprs.map((e) => `${e} IS NOT NULL`).join(' AND ');
    const tuple = exprs.length === 1 ? exprs[0]! : `ROW(${exprs.join(', ')})`;
    return `COUNT(DISTINCT CASE WHEN ${cond ? `${cond} AND ` : ''}${notNull} THEN ${tuple} END)`;
  },
  minusDays(expr, days) {
    return `(${expr} - INTERVAL '1 day' * ${Math.max(0, Math.floor(days))})`;
  },
  needsText(type) {
    return NO_EQUALITY.test(type.trim());
  },
  describe(relations): Statement {
    const pairs = relations.map((r) => `(${quoteLiteral(r.schema, D)}, ${quoteLiteral(r.name, D)})`);
    return {
      sql:
        `SELECT n.nspname AS "schema", c.relname AS "name", CAST(c.relkind AS text) AS "kind",\n` +
        `  CASE WHEN c.reltuples >= 0 THEN CAST(c.reltuples AS bigint) END AS "rows", pg_total_relation_size(c.oid) AS "bytes",\n` +
        `  a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type", a.attnum AS "position"\n` +
        `FROM pg_catalog.pg_class AS c\n` +
        `JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace\n` +
        `JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped\n` +
        `WHERE (n.nspname, c.relname) IN (${pairs.join(', ')})\n` +
        `ORDER BY 1, 2, a.attnum`,
      purpose: `columns, kind and size of ${relations.length} relation(s), in one statement`,
    };
  },
  sessionSetup({ timeoutSeconds, tag }) {
    const out: Statement[] = [];
    if (timeoutSeconds && timeoutSeconds > 0) out.push({ sql: `SET statement_timeout = ${Math.floor(timeoutSeconds * 1000)}`, purpose: 'per-statement time limit' });
    if (tag) out.push({ sql: `SET application_name = ${quoteLiteral(tag.slice(0, 63), D)}`, purpose: "tag the session with the PR's tag" });
    return out;
  },
  sessionReset() {
    return [{ sql: 'RESET statement_timeout' }, { sql: 'RESET application_name' }];
  },
};
