/**
 * The independent grammar: Debian's `sqlfluff parse --dialect snowflake`.
 * Writes each statement to its own file in one temp folder and parses the
 * folder in one call (0.3 s instead of 0.3 s per statement). `-f json` exits 0
 * even on failure, so we read the JSON for `unparsable` segments.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe } from 'vitest';

export const hasSqlfluff = spawnSync('sqlfluff', ['--version'], { encoding: 'utf8' }).status === 0;

export const describeSqlfluff: typeof describe = hasSqlfluff
  ? describe
  : (((name: string, ...rest: unknown[]) => {
      process.stderr.write(`skipped (sqlfluff not installed: apt-get install sqlfluff): ${name}\n`);
      return (describe.skip as any)(name, ...rest);
    }) as unknown as typeof describe);

export interface ParseFailure {
  sql: string;
  problem: string;
}

/** Parse statements as Snowflake SQL; returns the ones sqlfluff cannot fully parse. */
export function unparsableSnowflake(statements: readonly string[]): ParseFailure[] {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-sqlfluff-'));
  try {
    statements.forEach((s, i) => writeFileSync(join(dir, `s${String(i).padStart(5, '0')}.sql`), s.trim().replace(/;?\s*$/, ';\n')));
    const r = spawnSync('sqlfluff', ['parse', '--dialect', 'snowflake', '-f', 'json', '--nofail', dir], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (r.error) throw r.error;
    let parsed: { filepath: string; segments?: unknown }[];
    try {
      parsed = JSON.parse(r.stdout);
    } catch {
      throw new Error(`sqlfluff produced no JSON: ${r.stderr.slice(0, 2000)}`);
    }
    const failures: ParseFailure[] = [];
    const seen = new Set<string>();
    for (const entry of parsed) {
      const idx = Number(basename(entry.filepath).slice(1, 6));
      seen.add(String(idx));
      const text = JSON.stringify(entry.segments ?? null);
      if (entry.segments == null || text.includes('"unparsable"')) {
        failures.push({ sql: statements[idx]!, problem: text.slice(0, 400) });
      }
    }
    statements.forEach((s, i) => {
      if (!seen.has(String(i))) failures.push({ sql: s, problem: 'sqlfluff did not report this file' });
    });
    return failures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
