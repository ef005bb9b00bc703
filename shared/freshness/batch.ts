/**
 * Run many single-row SELECT branches as one UNION ALL statement. When the
 * statement fails (one source's column is missing, one table is gone), the
 * batch is split in halves and retried, so the failing branch is isolated in
 * O(k·log n) statements and every other branch is still measured.
 */
import type { Queryable } from '../warehouse/types.js';

export interface BranchItem {
  /** The value the branch returns in `idColumn`. */
  key: string;
  branch: string;
}

export type BranchOutcome<Row> = { row: Row } | { error: string };

export async function runBranches<Row extends Record<string, unknown>>(
  q: Queryable,
  items: readonly BranchItem[],
  union: (branches: string[]) => string,
  idColumn: string,
): Promise<{ results: Map<string, BranchOutcome<Row>>; statements: number }> {
  const results = new Map<string, BranchOutcome<Row>>();
  let statements = 0;
  const run = async (part: readonly BranchItem[]): Promise<void> => {
    if (part.length === 0) return;
    statements++;
    try {
      const { rows } = await q.query<Row>(union(part.map((p) => p.branch)));
      for (const row of rows) {
        const key = String(row[idColumn] ?? row[idColumn.toUpperCase()]);
        results.set(key, { row });
      }
    } catch (err) {
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
