import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  qualify
} from "./chunk-YTHL6NVM.js";
import "./chunk-IZF6KDBA.js";

// shared/dialects/snowflake/adopt.ts
var D = "snowflake";
var snowflakeAdoptSql = {
  moveTable: (db, from, table, to) => ({
    sql: `ALTER TABLE ${qualify(D, db, from, table)} RENAME TO ${qualify(D, db, to, table)}`,
    purpose: `adopt: move table ${from}.${table} into the blue colour schema ${to} (data and grants move with it)`
  })
};
export {
  snowflakeAdoptSql
};
