/**
 * Zero-copy clones for slim deploys on Snowflake: start the idle colour from
 * the live one, table by table. Only tables are cloned: a view keeps its
 * fully-qualified SQL, so a cloned view would still read the live colour (dbt
 * re-creates views in the idle colour instead).
 *
 * A transient table can only be cloned into a transient table ("Transient
 * object cannot be cloned to a permanent object", error 002120), and
 * dbt-snowflake makes tables transient by default, so each clone keeps the
 * source's kind. COPY GRANTS carries the live table's grants to the clone.
 * Names arrive resolved (catalog case); values are binds.
 */
import { qualify, quoteIdent, resolveName } from '../../sql/identifiers.js';
import type { CloneSql } from '../clone.js';

const D = 'snowflake' as const;
const c = (name: string) => quoteIdent(resolveName(name, D), D);

export const snowflakeCloneSql: CloneSql = {
  dialect: D,
  canClone: true,
  listTables: (database, schema) => ({
    sql: `SELECT ${c('table_name')} AS ${c('name')}, CASE WHEN ${c('table_type')} = 'BASE TABLE' THEN 'table' WHEN ${c('table_type')} = 'VIEW' THEN 'view' ELSE 'other' END AS ${c('kind')}, ${c('is_transient')} AS ${c('transient')}
FROM ${qualify(D, database, 'INFORMATION_SCHEMA', 'TABLES')} WHERE ${c('table_schema')} = ? ORDER BY ${c('table_name')}`,
    binds: [schema],
    purpose: `tables and views of ${schema}`,
  }),
  viewDefinitions: (database, schema) => ({
    sql: `SELECT ${c('table_name')} AS ${c('name')}, ${c('view_definition')} AS ${c('definition')}
FROM ${qualify(D, database, 'INFORMATION_SCHEMA', 'VIEWS')} WHERE ${c('table_schema')} = ? ORDER BY ${c('table_name')}`,
    binds: [schema],
    purpose: `view text in ${schema} (an idle-colour view is rebuilt unless it matches the live one)`,
  }),
  cloneTable: (from, to, transient) => ({
    sql: `CREATE OR REPLACE ${transient ? 'TRANSIENT ' : ''}TABLE ${qualify(D, to.database, to.schema, to.name)} CLONE ${qualify(D, from.database, from.schema, from.name)} COPY GRANTS`,
    purpose: `zero-copy clone of the live ${from.schema}.${from.name} into the idle colour`,
  }),
};
