/**
 * PostgreSQL SQL for the freshness gate and row-count history.
 *
 * - dbt-postgres quotes every part by default, so names keep their case
 *   unless the source's `quoting` flag is explicitly false.
 * - Postgres cannot read another database in a query, so the database part
 *   of a relation is left out: the connection's database is the one measured.
 * - MAX(<loaded_at_field>) is returned as text through to_json (ISO 8601
 *   whatever the session's DateStyle, with the offset for timestamptz): a
 *   value that is not a timestamp (an integer column) does not break the
 *   UNION ALL of the other sources and is reported by the caller for that
 *   source alone. Naive timestamps are taken as UTC, as dbt does.
 * - Postgres keeps no "last altered" time for tables, so a source without a
 *   loaded_at_field cannot be measured here.
 */
import { ident, quoteIdent, quoteLiteral, resolveName, type SqlIdent } from '../../sql/identifiers.js';
import type { Statement } from '../../sql/plan.js';
import { UserError } from '../../errors.js';
import { ROW_COUNT_HISTORY, type FreshnessDialect, type HistoryRow, type RelationRef } from '../freshness.js';

const D = 'postgres' as const;
const NOW = `to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`;

function part(name: string, quoted: boolean | null | undefined): SqlIdent {
  return quoted === false ? ident(name, D) : quoteIdent(name, D);
}

function relationSql(rel: RelationRef): string {
  return `${part(rel.schema, rel.quoting?.schema)}.${part(rel.identifier, rel.quoting?.identifier)}`;
}

function history(adminSchema: string): string {
  return `${ident(adminSchema, D, 'admin schema')}.${ident(ROW_COUNT_HISTORY, D)}`;
}

export const postgresFreshness: FreshnessDialect = {
  dialect: D,
  hasLastAltered: false,
  relationSql,
  loadedAtBranch(p) {
    const where = p.filter ? `\nWHERE (${p.filter})` : '';
    return `SELECT ${quoteLiteral(p.id, D)} AS "source_id", (to_json(MAX(${p.loadedAtField})) #>> '{}') AS "max_loaded_at", ${NOW} AS "snapshotted_at"\nFROM ${relationSql(p.relation)}${where}`;
  },
  lastAlteredBranch() {
    throw new UserError('PostgreSQL keeps no last-altered time for tables.', { hint: 'Set loaded_at_field on the source (dbt) or loaded-at-field in slipway-freshness.yml.' });
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
          `  recorded_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  environment TEXT NOT NULL,\n  deploy_id TEXT,\n  model TEXT NOT NULL,\n` +
          `  relation TEXT,\n  row_count BIGINT NOT NULL,\n  status TEXT NOT NULL\n)`,
        purpose: 'row-count history, one row per model per recording (idempotent)',
      },
    ];
  },
  insertHistory(adminSchema, rows: readonly HistoryRow[]): Statement {
    const binds: unknown[] = [];
    const values = rows.map((r) => {
      const base = binds.length;
      binds.push(r.recordedAt ?? null, r.environment, r.deployId ?? null, r.model, r.relation ?? null, r.rowCount, r.status);
      const p = (i: number) => `$${base + i}`;
      return `(COALESCE(${p(1)}::timestamptz, CURRENT_TIMESTAMP), ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::bigint, ${p(7)})`;
    });
    return {
      sql: `INSERT INTO ${history(adminSchema)} (recorded_at, environment, deploy_id, model, relation, row_count, status)\nVALUES\n${values.join(',\n')}`,
      binds,
      purpose: `record ${rows.length} row count(s)`,
    };
  },
  selectHistory(adminSchema, environment, models, window) {
    const inList = models.map((m) => quoteLiteral(m, D)).join(', ');
    return {
      sql:
        `SELECT "model", "row_count", "recorded_at" FROM (\n` +
        `  SELECT model AS "model", row_count AS "row_count", to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS "recorded_at",\n` +
        `         ROW_NUMBER() OVER (PARTITION BY model ORDER BY recorded_at DESC) AS "rn"\n` +
        `  FROM ${history(adminSchema)}\n` +
        `  WHERE environment = ${quoteLiteral(environment, D)} AND status = 'ok' AND model IN (${inList})\n` +
        `) AS h\nWHERE "rn" <= ${Math.max(1, Math.floor(window))}\nORDER BY "model", "recorded_at" DESC`,
      purpose: 'recent good row counts per model',
    };
  },
  historyExists(adminSchema) {
    return {
      sql: `SELECT COUNT(*)::int AS "n" FROM information_schema.tables WHERE table_schema = ${quoteLiteral(resolveName(adminSchema, D), D)} AND table_name = ${quoteLiteral(resolveName(ROW_COUNT_HISTORY, D), D)}`,
      purpose: 'does the row-count history exist yet',
    };
  },
};
