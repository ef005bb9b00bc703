import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/dialects/postgres/clone.ts
var postgresCloneSql = {
  dialect: "postgres",
  canClone: false,
  listTables: (_database, schema) => ({
    sql: `SELECT cl.relname AS name, CASE WHEN cl.relkind IN ('r', 'p') THEN 'table' WHEN cl.relkind IN ('v', 'm') THEN 'view' ELSE 'other' END AS kind, (cl.relpersistence = 'u') AS transient
FROM pg_class AS cl JOIN pg_namespace AS ns ON ns.oid = cl.relnamespace
WHERE ns.nspname = $1 AND cl.relkind IN ('r', 'p', 'v', 'm', 'f')
ORDER BY cl.relname`,
    binds: [schema],
    purpose: `tables and views of ${schema}`
  }),
  cloneTable: () => {
    throw new Error("postgres has no zero-copy clone; the slim planner must not ask for one");
  }
};
export {
  postgresCloneSql
};
