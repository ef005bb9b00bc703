import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  qualify,
  quoteIdent,
  resolveName
} from "./chunk-YTHL6NVM.js";
import "./chunk-IZF6KDBA.js";

// shared/dialects/snowflake/clone.ts
var D = "snowflake";
var c = (name) => quoteIdent(resolveName(name, D), D);
var snowflakeCloneSql = {
  dialect: D,
  canClone: true,
  listTables: (database, schema) => ({
    sql: `SELECT ${c("table_name")} AS ${c("name")}, CASE WHEN ${c("table_type")} = 'BASE TABLE' THEN 'table' WHEN ${c("table_type")} = 'VIEW' THEN 'view' ELSE 'other' END AS ${c("kind")}, ${c("is_transient")} AS ${c("transient")}
FROM ${qualify(D, database, "INFORMATION_SCHEMA", "TABLES")} WHERE ${c("table_schema")} = ? ORDER BY ${c("table_name")}`,
    binds: [schema],
    purpose: `tables and views of ${schema}`
  }),
  viewDefinitions: (database, schema) => ({
    sql: `SELECT ${c("table_name")} AS ${c("name")}, ${c("view_definition")} AS ${c("definition")}
FROM ${qualify(D, database, "INFORMATION_SCHEMA", "VIEWS")} WHERE ${c("table_schema")} = ? ORDER BY ${c("table_name")}`,
    binds: [schema],
    purpose: `view text in ${schema} (an idle-colour view is rebuilt unless it matches the live one)`
  }),
  cloneTable: (from, to, transient) => ({
    sql: `CREATE OR REPLACE ${transient ? "TRANSIENT " : ""}TABLE ${qualify(D, to.database, to.schema, to.name)} CLONE ${qualify(D, from.database, from.schema, from.name)} COPY GRANTS`,
    purpose: `zero-copy clone of the live ${from.schema}.${from.name} into the idle colour`
  })
};
export {
  snowflakeCloneSql
};
