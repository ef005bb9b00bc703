/**
 * A plan is the list of statements a command will run, built before anything
 * runs. `--dry-run` prints it (one statement per block, each ending in `;`);
 * a real run executes it. Generating the plan first is how Slipway avoids
 * half-applied changes: validation happens before the first statement.
 */
import { sqlComment } from './comment.js';
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
    // Negative numbers in parentheses: `a-$1` must not print as `a--1`, a comment.
    if (typeof v === 'number' || typeof v === 'bigint') return Number.isFinite(Number(v)) || typeof v === 'bigint' ? (v < 0 ? `(${String(v)})` : String(v)) : quoteLiteral(String(v), dialect);
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (v instanceof Date) return quoteLiteral(v.toISOString(), dialect);
    return quoteLiteral(typeof v === 'string' ? v : JSON.stringify(v), dialect);
  };
  let sql = stmt.sql;
  if (binds.length) {
    // Placeholders are replaced only outside quoted text and comments: a `$1`
    // or `?` inside a quoted name must stay as written, or a bind value could
    // close that name's quotes in the printed text.
    let i = 0;
    sql = mapOutsideQuotes(sql, dialect, (code) =>
      dialect === 'postgres'
        ? code.replace(/\$(\d+)/g, (m, n: string) => (Number(n) >= 1 && Number(n) <= binds.length ? lit(binds[Number(n) - 1]) : m))
        : code.replace(/\?/g, (m) => (i < binds.length ? lit(binds[i++]) : m)),
    );
  }
  return sql.trim().replace(/;+\s*$/, '');
}

/**
 * Apply `fn` to the parts of `sql` that are code, leaving quoted identifiers,
 * string literals (`'…'`, `E'…'`), dollar-quoted bodies and comments as they are.
 */
function mapOutsideQuotes(sql: string, dialect: DialectName, fn: (code: string) => string): string {
  let out = '';
  let code = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    let end = -1;
    if (c === "'" || c === '"') {
      const backslashEscapes = c === "'" && (dialect === 'snowflake' || (i > 0 && /[eE]/.test(sql[i - 1]!) && !/[A-Za-z0-9_]/.test(sql[i - 2] ?? ' ')));
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (backslashEscapes && sql[j] === '\\') j++;
        else if (sql[j] === c) {
          if (sql[j + 1] === c) j++;
          else break;
        }
      }
      end = Math.min(j + 1, sql.length);
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.slice(i).search(/[\r\n]/);
      end = nl < 0 ? sql.length : i + nl;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      end = close < 0 ? sql.length : close + 2;
    } else if (c === '$' && dialect === 'postgres') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 70));
      if (m && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? ' ')) {
        const close = sql.indexOf(m[0], i + m[0].length);
        end = close < 0 ? sql.length : close + m[0].length;
      }
    }
    if (end < 0) {
      code += c;
      i++;
      continue;
    }
    out += fn(code) + sql.slice(i, end);
    code = '';
    i = end;
  }
  return out + fn(code);
}

/**
 * The dry-run text: a `-- purpose` comment line (through `sqlComment`, so a
 * name in the purpose cannot leave the comment), then the statement ending
 * in `;`, blank line between.
 */
export function formatPlan(statements: readonly Statement[], dialect: DialectName): string {
  return statements
    .map((s) => `${s.purpose ? `${sqlComment(s.purpose)}\n` : ''}${renderForDisplay(s, dialect)};`)
    .join('\n\n');
}
