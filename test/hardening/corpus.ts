/**
 * The hostile corpus: values that have broken (or could break) quoting,
 * statement boundaries, printed plans and parsers. Every hardening test runs
 * the whole list, so a future change that reopens one of these ways in fails.
 * Add to it; never remove an entry because a test is inconvenient.
 */

/** Line terminators and invisible/bidi characters that must never reach a comment raw. */
export const LINE_BREAKERS = ['\n', '\r', '\r\n', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029'];
export const INVISIBLES = ['\u200b', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c', '\ufeff', '\u00ad', '\u0007', '\u001b[31m', '\u007f', '\u009b'];

/** Names: schema, table, role, environment, PR names. */
export const HOSTILE_NAMES: string[] = [
  'plain',
  'Mixed Case',
  'a"b',
  '""',
  '"; DROP TABLE victim; --',
  "Robert'); DROP TABLE students;--",
  'x\rDROP TABLE victim;',
  'x\nDROP TABLE victim;',
  'x\r\nDROP TABLE victim;',
  'x\u2028DROP TABLE victim;',
  'x\u2029DROP TABLE victim;',
  'x\u0085DROP TABLE victim;',
  'evil\u202e;elbat pord',
  'bidi\u2066iso\u2069late',
  'zero\u200bwidth',
  'x$slipway$y',
  '$$',
  '$1',
  '?',
  '/* ; */',
  '*/ DROP TABLE victim; /*',
  '-- comment',
  'back\\slash',
  'trailing\\',
  "quote'",
  '😀 emoji 👩‍👩‍👧',
  'e\u0301 combining',
  'ＳＥＬＥＣＴ fullwidth',
  '\u0007bell\u001b[31mred',
  'tab\there',
  ' leading and trailing ',
  'é'.repeat(31), // 62 bytes: still fits PostgreSQL's 63
  'n'.repeat(63), // exactly PostgreSQL's limit
];

/** Names every dialect must refuse (UserError), never truncate or pass on. */
export const REFUSED_NAMES: { name: string; why: string }[] = [
  { name: '', why: 'empty' },
  { name: 'nul\u0000byte', why: 'NUL' },
  { name: 'n'.repeat(64), why: '64 bytes on PostgreSQL' },
  { name: 'é'.repeat(32), why: '64 UTF-8 bytes on PostgreSQL' },
  { name: 'x'.repeat(300), why: '300 bytes' },
];

/** Text values for literals. */
export const HOSTILE_LITERALS: string[] = [
  '',
  "'",
  "''",
  '\\',
  '\\\\',
  "\\'",
  "\\' ; SELECT 1; --",
  "x\\'; DROP TABLE victim; --",
  "it's",
  "E'\\''",
  '$$',
  '$tag$',
  'line1\nline2\r\nline3\u2028line4',
  '\u202e;)(pord',
  '😀',
  '\ud83d', // a lone surrogate (becomes U+FFFD on the wire)
  '%s %d %%',
  '${x}',
  '{{ env_var("X") }}',
  'a'.repeat(300),
  '\\x41\\101\\u0041',
  "trailing backslash \\",
];

/** One statement each: must run (the single-statement guard must not refuse legitimate SQL). */
export const SINGLE_STATEMENTS: string[] = [
  'SELECT 1 AS x',
  'SELECT 1 AS x;',
  'SELECT 1 AS x;  \n  ',
  "SELECT ';' AS x",
  'SELECT 1 AS ";"',
  'SELECT $$;$$ AS x',
  'SELECT $a$ ; $a$ AS x',
  "SELECT E'\\'; ' AS x",
  'SELECT 1 AS x /* ; */',
  'SELECT 1 AS x -- ; SELECT 2',
  'SELECT 1 AS x /* nested /* ; */ ; */',
  "SELECT 'ﬁ;' AS x",
];

/**
 * Known ways to smuggle a second statement past text inspection. `{pwned}`
 * is replaced with a table name the test then checks was never created.
 */
export const SMUGGLED_STATEMENTS: string[] = [
  'SELECT 1; CREATE TABLE {pwned} (i int)',
  'SELECT 1 -- x\n; CREATE TABLE {pwned} (i int)',
  "SELECT '--'; CREATE TABLE {pwned} (i int)",
  "SELECT E'\\''; CREATE TABLE {pwned} (i int); SELECT '1'",
  "SELECT '\\'; CREATE TABLE {pwned} (i int); SELECT '1'",
  'SELECT 1 /* ; */ ; CREATE TABLE {pwned} (i int)',
  'SELECT $$;$$; CREATE TABLE {pwned} (i int)',
  'SELECT $a$ ; $a$ ; CREATE TABLE {pwned} (i int)',
  'SELECT 1 AS ";"; CREATE TABLE {pwned} (i int)',
  'SELECT 1 /* nested /* */ ; */ ; CREATE TABLE {pwned} (i int)',
  "SELECT 'ﬁ'\u2028; CREATE TABLE {pwned} (i int)",
  'SELECT 1;\n\tCREATE TABLE {pwned} (i int)',
  "SELECT $t$'$t$; CREATE TABLE {pwned} (i int); SELECT $t$'$t$",
];

/**
 * A freshness `filter:` that passes the text check (checkSqlExpression) yet,
 * pasted into `WHERE (…)`, ends the statement and starts another on
 * PostgreSQL: the checker reads `'…'` where the server reads a `$t$` string.
 */
export const SMUGGLING_FILTER = "x = $t$'$t$) ; CREATE TABLE {pwned} (i int) ; SELECT 1 WHERE ($t$'$t$ = $t$''$t$";
