/**
 * Snowflake SQL for the freshness gate and row-count history.
 *
 * - dbt's Snowflake default quoting is off for sources and models, so an
 *   unquoted name resolves to upper case (`raw_reviews` → `"RAW_REVIEWS"`);
 *   a part whose dbt `quoting` flag is true keeps its case.
 * - Times are returned as text in UTC with an explicit format, so the result
 *   does not depend on the account's TIMESTAMP_OUTPUT_FORMAT: TIMESTAMP_TZ
 *   and LTZ through `CONVERT_TIMEZONE('UTC', x)`, TIMESTAMP_NTZ as its wall
 *   time, which is UTC by dbt's rule (see `loadedAtText`).
 * - A source without a loaded_at_field is measured from
 *   `<db>.INFORMATION_SCHEMA.TABLES.LAST_ALTERED` (DML, DDL or background
 *   maintenance all move it; only objects the role can see are listed).
 */
import { ident, quoteIdent, quoteLiteral, resolveName, type SqlIdent } from '../../sql/identifiers.js';
import type { Statement } from '../../sql/plan.js';
import { ROW_COUNT_HISTORY, type FreshnessDialect, type HistoryRow, type RelationRef } from '../freshness.js';

const D = 'snowflake' as const;
const FMT = quoteLiteral('YYYY-MM-DD HH24:MI:SS.FF6', D);
const utcText = (expr: string): string => `TO_CHAR(CONVERT_TIMEZONE('UTC', ${expr}), ${FMT})`;
const NOW = utcText('CURRENT_TIMESTAMP()');
/**
 * dbt's rule for a loaded_at_field: a TIMESTAMP_NTZ value is UTC wall time;
 * TIMESTAMP_TZ / LTZ values are instants. IS_TIMESTAMP_NTZ of the value as a VARIANT
 * tells them apart, so an NTZ column is never shifted by the session
 * TIMEZONE (America/Los_Angeles by default, which would make stale data look
 * up to 8 hours fresher than it is).
 */
const loadedAtText = (expr: string): string =>
  `CASE WHEN IS_TIMESTAMP_NTZ(TO_VARIANT(${expr})) THEN TO_CHAR(${expr}, ${FMT}) ELSE ${utcText(expr)} END`;

function part(name: string, quoted: boolean | null | undefined): SqlIdent {
  return quoted ? quoteIdent(name, D) : ident(name, D);
}
/** The name as Snowflake stores it (for INFORMATION_SCHEMA lookups). */
function stored(name: string, quoted: boolean | null | undefined): string {
  return quoted ? name : resolveName(name, D);
}

function relationSql(rel: RelationRef): string {
  const parts: string[] = [];
  if (rel.database) parts.push(part(rel.database, rel.quoting?.database));
  parts.push(part(rel.schema, rel.quoting?.schema), part(rel.identifier, rel.quoting?.identifier));
  return parts.join('.');
}

function history(adminSchema: string): string {
  return `${ident(adminSchema, D, 'admin schema')}.${ident(ROW_COUNT_HISTORY, D)}`;
}

const COLS = ['RECORDED_AT', 'ENVIRONMENT', 'DEPLOY_ID', 'MODEL', 'RELATION', 'ROW_COUNT', 'STATUS'] as const;

export const snowflakeFreshness: FreshnessDialect = {
  dialect: D,
  hasLastAltered: true,
  relationSql,
  loadedAtBranch(p) {
    const where = p.filter ? `\nWHERE (${p.filter})` : '';
    return `SELECT ${quoteLiteral(p.id, D)} AS "source_id", ${loadedAtText(`MAX(${p.loadedAtField})`)} AS "max_loaded_at", ${NOW} AS "snapshotted_at"\nFROM ${relationSql(p.relation)}${where}`;
  },
  lastAlteredBranch(p) {
    const r = p.relation;
    const infoSchema = r.database ? `${part(r.database, r.quoting?.database)}.INFORMATION_SCHEMA.TABLES` : 'INFORMATION_SCHEMA.TABLES';
    return (
      `SELECT ${quoteLiteral(p.id, D)} AS "source_id", ${utcText('MAX(LAST_ALTERED)')} AS "max_loaded_at", ${NOW} AS "snapshotted_at"\n` +
      `FROM ${infoSchema}\nWHERE TABLE_SCHEMA = ${quoteLiteral(stored(r.schema, r.quoting?.schema), D)} AND TABLE_NAME = ${quoteLiteral(stored(r.identifier, r.quoting?.identifier), D)}`
    );
  },
  rowCountBranch(p) {
    return `SELECT ${quoteLiteral(p.id, D)} AS "model", COUNT(*) AS "row_count" FROM ${relationSql(p.relation)}`;
  },
  ping: 'SELECT 1 AS "ok"',
  unionAll(branches) {
    return branches.join('\nUNION ALL\n');
  },
  ensureHistory(adminSchema) {
    return [
      { sql: `CREATE SCHEMA IF NOT EXISTS ${ident(adminSchema, D, 'admin schema')}`, purpose: 'admin schema for Slipway state (idempotent)' },
      {
        sql:
          `CREATE TABLE IF NOT EXISTS ${history(adminSchema)} (\n` +
          `  RECORDED_AT TIMESTAMP_TZ NOT NULL,\n  ENVIRONMENT VARCHAR NOT NULL,\n  DEPLOY_ID VARCHAR,\n  MODEL VARCHAR NOT NULL,\n` +
          `  RELATION VARCHAR,\n  ROW_COUNT NUMBER(38, 0) NOT NULL,\n  STATUS VARCHAR NOT NULL\n)`,
        purpose: 'row-count history, one row per model per recording (idempotent)',
      },
    ];
  },
  insertHistory(adminSchema, rows: readonly HistoryRow[]): Statement {
    const binds: unknown[] = [];
    const values = rows.map((r) => {
      binds.push(r.recordedAt ?? null, r.environment, r.deployId ?? null, r.model, r.relation ?? null, r.rowCount, r.status);
      return `(COALESCE(TO_TIMESTAMP_TZ(?), CURRENT_TIMESTAMP()), ?, ?, ?, ?, ?, ?)`;
    });
    return {
      sql: `INSERT INTO ${history(adminSchema)} (${COLS.join(', ')})\nVALUES\n${values.join(',\n')}`,
      binds,
      purpose: `record ${rows.length} row count(s)`,
    };
  },
  selectHistory(adminSchema, environment, models, window) {
    const inList = models.map((m) => quoteLiteral(m, D)).join(', ');
    return {
      sql:
        `SELECT "model", "row_count", "recorded_at" FROM (\n` +
        `  SELECT MODEL AS "model", ROW_COUNT AS "row_count", ${utcText('RECORDED_AT')} AS "recorded_at",\n` +
        `         ROW_NUMBER() OVER (PARTITION BY MODEL ORDER BY RECORDED_AT DESC) AS "rn"\n` +
        `  FROM ${history(adminSchema)}\n` +
        `  WHERE ENVIRONMENT = ${quoteLiteral(environment, D)} AND STATUS = 'ok' AND MODEL IN (${inList})\n` +
        `) AS h\nWHERE "rn" <= ${Math.max(1, Math.floor(window))}\nORDER BY "model", "recorded_at" DESC`,
      purpose: 'recent good row counts per model',
    };
  },
  historyExists(adminSchema) {
    return {
      sql: `SELECT COUNT(*) AS "n" FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ${quoteLiteral(resolveName(adminSchema, D), D)} AND TABLE_NAME = ${quoteLiteral(ROW_COUNT_HISTORY, D)}`,
      purpose: 'does the row-count history exist yet',
    };
  },
};
