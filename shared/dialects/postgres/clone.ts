/**
 * Postgres has no zero-copy clone: a slim deploy there says so and plans a
 * full build. Listing the colour schemas still works, so the plan can show
 * what a clone-capable warehouse would have reused.
 */
import type { CloneSql } from '../clone.js';

export const postgresCloneSql: CloneSql = {
  dialect: 'postgres',
  canClone: false,
  listTables: (_database, schema) => ({
    sql: `SELECT cl.relname AS name, CASE WHEN cl.relkind IN ('r', 'p') THEN 'table' WHEN cl.relkind IN ('v', 'm') THEN 'view' ELSE 'other' END AS kind, (cl.relpersistence = 'u') AS transient
FROM pg_class AS cl JOIN pg_namespace AS ns ON ns.oid = cl.relnamespace
WHERE ns.nspname = $1 AND cl.relkind IN ('r', 'p', 'v', 'm', 'f')
ORDER BY cl.relname`,
    binds: [schema],
    purpose: `tables and views of ${schema}`,
  }),
  cloneTable: () => {
    throw new Error('postgres has no zero-copy clone; the slim planner must not ask for one');
  },
};
