import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/warehouse/types.ts
function placeholder(dialect, n) {
  return dialect === "postgres" ? `$${n}` : "?";
}
async function runInTransaction(session, fn) {
  await session.query("BEGIN");
  try {
    const result = await fn(session);
    await session.query("COMMIT");
    return result;
  } catch (err) {
    try {
      await session.query("ROLLBACK");
    } catch {
    }
    throw err;
  }
}

export {
  placeholder,
  runInTransaction
};
