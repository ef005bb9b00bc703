import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/debug.ts
var sink;
function setDebugSink(write) {
  sink = write;
}
function debug(message) {
  if (sink) sink(`debug: ${message}`);
  else if (!!process.env.SLIPWAY_DEBUG) process.stderr.write(`debug: ${message}
`);
}
function debugSql(sql) {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}

// shared/warehouse/run.ts
async function runStatement(q, stmt) {
  debug(`${stmt.purpose ? `${stmt.purpose}: ` : ""}${debugSql(stmt.sql)}`);
  return (await q.query(stmt.sql, stmt.binds)).rows;
}
async function runStatements(wh, statements) {
  if (statements.length === 0) return;
  if (wh.capabilities.transactionalDdl) {
    await wh.transaction(async (s) => {
      for (const st of statements) await runStatement(s, st);
    });
  } else {
    for (const st of statements) await runStatement(wh, st);
  }
}

export {
  setDebugSink,
  runStatement,
  runStatements
};
