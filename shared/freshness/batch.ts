/**
 * Run many single-row SELECT branches as one UNION ALL statement. When the
 * statement fails (one source's column is missing, one table is gone), the
 * batch is split in halves and retried, so the failing branch is isolated in
 * O(k·log n) statements and every other branch is still measured. When the
 * session itself is broken (a trivial ping fails too) the error is thrown:
 * that is the warehouse's problem, not one source's.
 */
import type { Queryable, QueryResult } from '../warehouse/types.js';

/**
 * What runs the branches. The statements embed user SQL (loaded_at_field,
 * freshness `filter:`), so they run through `queryOne` (driver-enforced single
 * statement: a filter that smuggles in a second statement is refused by the
 * server, whatever the text looks like). Every Warehouse has it; a bare
 * Queryable without it (a test double) falls back to `query`.
 */
export type BranchRunner = Queryable & { queryOne?<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> };

export interface BranchItem {
  /** The value the branch returns in `idColumn`. */
  key: string;
  branch: string;
}

export type BranchOutcome<Row> = { row: Row } | { error: string };

export async function runBranches<Row extends Record<string, unknown>>(
  q: BranchRunner,
  items: readonly BranchItem[],
  union: (branches: string[]) => string,
  idColumn: string,
  /** Run when the first statement fails: if this fails too, the session is broken and the error is thrown as is. */
  ping?: string,
): Promise<{ results: Map<string, BranchOutcome<Row>>; statements: number }> {
  const results = new Map<string, BranchOutcome<Row>>();
  let statements = 0;
  let first = true;
  const run = async (part: readonly BranchItem[]): Promise<void> => {
    if (part.length === 0) return;
    statements++;
    try {
      const text = union(part.map((p) => p.branch));
      const { rows } = await (q.queryOne ? q.queryOne<Row>(text) : q.query<Row>(text));
      first = false;
      for (const row of rows) {
        const key = String(row[idColumn]);
        results.set(key, { row });
      }
    } catch (err) {
      if (first && ping) {
        first = false;
        statements++;
        // A lost connection or a missing warehouse is not a per-source problem: do not retry every source.
        await q.query(ping).catch(() => {
          throw err;
        });
      }
      first = false;
      if (part.length === 1) {
        results.set(part[0]!.key, { error: oneLine(err) });
        return;
      }
      const mid = Math.ceil(part.length / 2);
      await run(part.slice(0, mid));
      await run(part.slice(mid));
    }
  };
  await run(items);
  return { results, statements };
}

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s+/g, ' ').trim().slice(0, 500);
}
