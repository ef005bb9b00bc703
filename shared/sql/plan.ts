/**
 * A plan is the list of statements a command will run, built before anything
 * runs. `--dry-run` prints it (one statement per block, each ending in `;`);
 * a real run executes it. Generating the plan first is how Slipway avoids
 * half-applied changes: validation happens before the first statement.
 */
import { quoteLiteral, type DialectName } from './identifiers.js';

export interface Statement {
  sql: string;
  binds?: readonly unknown[];
  /** One line saying why this statement runs (printed as a comment in dry runs). */
  purpose?: string;
}

/** Inline bind values as literals, for display only (never executed this way). */
export function renderForDisplay(stmt: Statement, dialect: DialectName): string {
  const binds = stmt.binds ?? [];
  const lit = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (v instanceof Date) return quoteLiteral(v.toISOString(), dialect);
    return quoteLiteral(typeof v === 'string' ? v : JSON.stringify(v), dialect);
  };
  let sql = stmt.sql;
  if (binds.length) {
    if (dialect === 'postgres') sql = sql.replace(/\$(\d+)/g, (m, n: string) => (Number(n) <= binds.length ? lit(binds[Number(n) - 1]) : m));
    else {
      let i = 0;
      sql = sql.replace(/\?/g, (m) => (i < binds.length ? lit(binds[i++]) : m));
    }
  }
  return sql.trim().replace(/;+\s*$/, '');
}

/** The dry-run text: `-- purpose` comment lines, then the statement ending in `;`, blank line between. */
export function formatPlan(statements: readonly Statement[], dialect: DialectName): string {
  return statements
    .map((s) => `${s.purpose ? `-- ${s.purpose.replace(/\n/g, ' ')}\n` : ''}${renderForDisplay(s, dialect)};`)
    .join('\n\n');
}
