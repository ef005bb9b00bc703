/**
 * Printed plans (`--dry-run`) are meant to be pasted into psql (issue #18
 * item 3). Whatever a name holds — CR, LF, U+2028, bidi controls, `$1`, quotes
 * — the printed plan, run by the real psql against the real server, runs
 * exactly the planned statements and nothing from a name. A raw CR in a
 * comment is shown to execute the rest of the line, so the test has teeth.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentText, sqlComment } from '../../shared/sql/comment.js';
import { dollarQuote, quoteIdent } from '../../shared/sql/identifiers.js';
import { formatPlan, renderForDisplay, type Statement } from '../../shared/sql/plan.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';
import { HOSTILE_LITERALS, HOSTILE_NAMES, INVISIBLES, LINE_BREAKERS } from './corpus.js';

const haveSql = (() => {
  try {
    execFileSync('psql', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('sqlComment', () => {
  it('keeps every hostile name on one visible comment line', () => {
    for (const name of [...HOSTILE_NAMES, ...LINE_BREAKERS.map((b) => `a${b}b`), ...INVISIBLES.map((c) => `a${c}b`)]) {
      const c = sqlComment(`drop schema ${name}`);
      expect(c.startsWith('-- ')).toBe(true);
      for (const ch of [...LINE_BREAKERS, ...INVISIBLES]) expect(c.includes(ch), JSON.stringify(name)).toBe(false);
      expect(/[\u0000-\u001f\u007f-\u009f]/.test(c), JSON.stringify(name)).toBe(false);
    }
  });
  it('shows what was escaped, unambiguously', () => {
    expect(commentText('a\rb')).toBe('a\\u{000d}b');
    expect(commentText('a\\u{000d}b')).toBe('a\\\\u{000d}b');
    expect(commentText('😀 ok')).toBe('😀 ok');
    expect(commentText('\ud83d')).toBe('\\u{d83d}');
  });
});

describe('bind values in printed plans', () => {
  it('are never inlined inside a quoted name, string or comment', () => {
    const stmt: Statement = { sql: `INSERT INTO "t$1" ("?", "$2") VALUES ($1, '$1', $2) -- $1`, binds: ['"); DROP TABLE victim; --', -5] };
    expect(renderForDisplay(stmt, 'postgres')).toBe(`INSERT INTO "t$1" ("?", "$2") VALUES ('"); DROP TABLE victim; --', '$1', (-5)) -- $1`);
    expect(renderForDisplay({ sql: `SELECT "a?b", ? , '?'`, binds: ["x'y"] }, 'snowflake')).toBe(`SELECT "a?b", 'x''y' , '?'`);
  });
  it('dollarQuote never lets the body close the quote', () => {
    for (const name of HOSTILE_NAMES) {
      const q = dollarQuote(`PERFORM ${quoteIdent(name.replace(/\u0000/g, '') || 'x', 'snowflake')};`);
      const tag = /^\$[A-Za-z0-9_]*\$/.exec(q)![0];
      expect(q.slice(tag.length, -tag.length).includes(tag), name).toBe(false);
    }
    expect(dollarQuote('x $slipway$ y')).toBe('$slipway_1$x $slipway$ y$slipway_1$');
  });
});

(haveSql ? describePg : describe.skip)('a printed plan pasted into psql runs only the planned statements', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  beforeAll(async () => {
    db = await freshPgDatabase('h8_plans');
  });
  afterAll(async () => db?.drop());

  const psql = (script: string): string => execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-f', '-'], { input: script, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  const tables = async (): Promise<string[]> => (await db.warehouse.query<{ t: string }>(`SELECT relname AS t FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY 1`)).rows.map((r) => r.t);

  it('a raw CR in a comment would run the rest of the line (why comments are escaped)', async () => {
    psql('-- drop schema x\rCREATE TABLE pwned_raw (i int);\n');
    expect(await tables()).toContain('pwned_raw');
  });

  it('every hostile name in a purpose, and every hostile value as a bind, stays inert', async () => {
    const names = [...HOSTILE_NAMES, ...LINE_BREAKERS.map((b, i) => `x${b}CREATE TABLE pwned_lb_${i} (i int);`)];
    const statements: Statement[] = names.map((name, i) => ({
      sql: `CREATE TABLE ${quoteIdent(`ok_${i}`, 'postgres')} AS SELECT $1::text AS v`,
      binds: [HOSTILE_LITERALS[i % HOSTILE_LITERALS.length]!.replace(/\ud83d(?![\udc00-\udfff])/g, '')],
      purpose: `publish ${name}; then CREATE TABLE pwned_${i} (i int);`,
    }));
    const plan = formatPlan(statements, 'postgres');
    psql(plan + '\n');
    const got = await tables();
    expect(got.filter((t) => t.startsWith('pwned') && t !== 'pwned_raw')).toEqual([]);
    expect(got.filter((t) => t.startsWith('ok_'))).toHaveLength(names.length);
    // each bind value arrived exactly
    for (const [i, s] of statements.entries()) {
      const { rows } = await db.warehouse.query<{ v: string }>(`SELECT v FROM ${quoteIdent(`ok_${i}`, 'postgres')}`);
      expect(rows[0]!.v, JSON.stringify(s.binds![0])).toBe(s.binds![0]);
    }
  });
});
