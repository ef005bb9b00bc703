import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  qualify,
  quoteIdent
} from "./chunk-YTHL6NVM.js";
import "./chunk-IZF6KDBA.js";

// shared/dialects/postgres/adopt.ts
var D = "postgres";
var postgresAdoptSql = {
  moveTable: (_db, from, table, to) => ({
    sql: `ALTER TABLE ${qualify(D, from, table)} SET SCHEMA ${quoteIdent(to, D)}`,
    purpose: `adopt: move table ${from}.${table} into the blue colour schema ${to} (data, indexes, owned sequences and grants move with it)`
  }),
  ownedSequences: (_db, schema) => ({
    sql: `SELECT seq.relname AS name
FROM pg_class AS seq
JOIN pg_namespace AS ns ON ns.oid = seq.relnamespace
JOIN pg_depend AS dep ON dep.classid = 'pg_class'::regclass AND dep.objid = seq.oid AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
JOIN pg_class AS owner ON owner.oid = dep.refobjid AND owner.relnamespace = seq.relnamespace AND owner.relkind IN ('r', 'p')
WHERE ns.nspname = $1 AND seq.relkind = 'S'
ORDER BY 1`,
    binds: [schema],
    purpose: `sequences in ${schema} owned by its tables (they move with their table)`
  })
};
export {
  postgresAdoptSql
};
