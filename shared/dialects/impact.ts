/**
 * The SQL of the PR impact report, per dialect. Per model it is ONE aggregate
 * statement whatever the row count: a scan of each side (row counts, per
 * column NULL and distinct counts, key NULLs and duplicates) and a FULL OUTER
 * JOIN on the unique key (rows added, removed, changed; per column changed
 * values), all folded into one result row. When the model has `event_time`
 * the statement first finds the overlapping window of the two relations and
 * compares only rows inside it (narrowed further to the last N days for
 * tables past the size limit). Opt-in samples are a second, capped statement
 * that never selects a sensitive column into its output.
 *
 * The dialect files (`postgres/impact.ts`, `snowflake/impact.ts`) supply the
 * few pieces that differ; every identifier goes through quoteIdent.
 */
import type { Statement } from '../sql/plan.js';
import { quoteIdent, type DialectName, type SqlIdent } from '../sql/identifiers.js';
import { postgresImpact } from './postgres/impact.js';
import { snowflakeImpact } from './snowflake/impact.js';

/** A relation as the catalog stores it (names already folded/truncated the way dbt created them). */
export interface StoredRelation {
  database?: string;
  schema: string;
  name: string;
}

export interface CompareColumn {
  /** Stored name on the production side. */
  prod: string;
  /** Stored name on the PR side. */
  pr: string;
  /** Compare (and count distinct) as text: the type changed, or it has no equality. */
  asText: boolean;
}

export interface CompareSpec {
  prod: StoredRelation;
  pr: StoredRelation;
  /** Key columns (empty/undefined: no key comparison). */
  key?: CompareColumn[];
  /** Non-key columns present on both sides. */
  columns: CompareColumn[];
  /** event_time column on both sides. */
  eventTime?: { prod: string; pr: string };
  /** Narrow the window to the last N days (tables past the size limit). */
  lookbackDays?: number;
}

export interface SampleSpec extends CompareSpec {
  /** Which of `columns` may appear in samples (not sensitive). */
  showColumns: boolean[];
  /** Whether key values may appear (no key column is sensitive). */
  showKey: boolean;
  limit: number;
}

/** What differs between dialects; everything else is shared text below. */
export interface ImpactSqlParts {
  readonly dialect: DialectName;
  relation(r: StoredRelation): string;
  text(expr: string): string;
  /** COUNT(DISTINCT …) of a (composite) key, counting only rows where `cond` holds and no part is NULL. */
  countDistinctTuple(exprs: string[], cond: string | undefined): string;
  /** `hi` minus `days` days. */
  minusDays(expr: string, days: number): string;
  /** Types compared as text (no equality operator, e.g. Postgres json). */
  needsText(type: string): boolean;
}

export interface ImpactDialect extends ImpactSqlParts {
  /** One statement: columns, kind and size of every relation named (all models at once). */
  describe(relations: readonly StoredRelation[]): Statement;
  /** Session setup: statement timeout and the PR's tag (QUERY_TAG / application_name). */
  sessionSetup(opts: { timeoutSeconds?: number; tag?: string }): Statement[];
  /** Undo sessionSetup on a pooled session (empty when the warehouse is Slipway's own). */
  sessionReset(): Statement[];
  /** The PR's warehouse time and credits from query history, by tag (undefined: the dialect has none). */
  queryHistory?(tag: string): Statement;
}

export function impactDialect(dialect: DialectName): ImpactDialect {
  return dialect === 'snowflake' ? snowflakeImpact : postgresImpact;
}

const Q = (name: string, d: DialectName): SqlIdent => quoteIdent(name, d);
const sumIf = (cond: string): string => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
const and = (...parts: (string | undefined)[]): string | undefined => {
  const p = parts.filter((x): x is string => !!x);
  return p.length ? p.join(' AND ') : undefined;
};

/** Result column names of the compare statement. */
export const A = {
  total: (s: 'b' | 'p') => `${s}_total`,
  rows: (s: 'b' | 'p') => `${s}_rows`,
  nulls: (s: 'b' | 'p', i: number) => `${s}_null_${i}`,
  distinct: (s: 'b' | 'p', i: number) => `${s}_distinct_${i}`,
  keyNulls: (s: 'b' | 'p', i: number) => `${s}_knull_${i}`,
  keyDistinct: (s: 'b' | 'p', i: number) => `${s}_kdistinct_${i}`,
  keyRows: (s: 'b' | 'p') => `${s}_key_rows`,
  keyTuples: (s: 'b' | 'p') => `${s}_key_distinct`,
  nullKeys: (s: 'b' | 'p') => `${s}_null_keys`,
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  unchanged: 'unchanged',
  changedCol: (i: number) => `changed_${i}`,
  from: 'w_from',
  to: 'w_to',
};

function windowCte(x: ImpactSqlParts, s: CompareSpec): string {
  const d = x.dialect;
  const et = s.eventTime!;
  const hi = `LEAST(${Q('b', d)}.${Q('hi', d)}, ${Q('p', d)}.${Q('hi', d)})`;
  const los = [`${Q('b', d)}.${Q('lo', d)}`, `${Q('p', d)}.${Q('lo', d)}`];
  if (s.lookbackDays !== undefined) los.push(x.minusDays(hi, s.lookbackDays));
  return (
    `${Q('w', d)} AS (\n  SELECT GREATEST(${los.join(', ')}) AS ${Q('lo', d)}, ${hi} AS ${Q('hi', d)}\n` +
    `  FROM (SELECT MIN(${Q(et.prod, d)}) AS ${Q('lo', d)}, MAX(${Q(et.prod, d)}) AS ${Q('hi', d)} FROM ${x.relation(s.prod)}) AS ${Q('b', d)}\n` +
    `  CROSS JOIN (SELECT MIN(${Q(et.pr, d)}) AS ${Q('lo', d)}, MAX(${Q(et.pr, d)}) AS ${Q('hi', d)} FROM ${x.relation(s.pr)}) AS ${Q('p', d)}\n)`
  );
}

function inWindow(x: ImpactSqlParts, s: CompareSpec, side: 'b' | 'p'): string | undefined {
  if (!s.eventTime) return undefined;
  const d = x.dialect;
  const col = `${Q('t', d)}.${Q(side === 'b' ? s.eventTime.prod : s.eventTime.pr, d)}`;
  return `${col} >= ${Q('w', d)}.${Q('lo', d)} AND ${col} <= ${Q('w', d)}.${Q('hi', d)}`;
}

function fromSide(x: ImpactSqlParts, s: CompareSpec, side: 'b' | 'p'): string {
  const d = x.dialect;
  return `FROM ${x.relation(side === 'b' ? s.prod : s.pr)} AS ${Q('t', d)}${s.eventTime ? ` CROSS JOIN ${Q('w', d)}` : ''}`;
}

function sideCte(x: ImpactSqlParts, s: CompareSpec, side: 'b' | 'p'): string {
  const d = x.dialect;
  const col = (c: CompareColumn) => `${Q('t', d)}.${Q(side === 'b' ? c.prod : c.pr, d)}`;
  const val = (c: CompareColumn) => (c.asText ? x.text(col(c)) : col(c));
  const narrowed = s.lookbackDays !== undefined;
  const w = narrowed ? undefined : inWindow(x, s, side);
  const items: string[] = [`COUNT(*) AS ${Q(A.total(side), d)}`, `${w ? sumIf(w) : 'COUNT(*)'} AS ${Q(A.rows(side), d)}`];
  s.columns.forEach((c, i) => {
    items.push(`${sumIf(and(w, `${col(c)} IS NULL`)!)} AS ${Q(A.nulls(side, i), d)}`);
    items.push(`COUNT(DISTINCT ${w ? `CASE WHEN ${w} THEN ${val(c)} END` : val(c)}) AS ${Q(A.distinct(side, i), d)}`);
  });
  const key = s.key ?? [];
  if (key.length) {
    key.forEach((c, i) => {
      items.push(`${sumIf(and(w, `${col(c)} IS NULL`)!)} AS ${Q(A.keyNulls(side, i), d)}`);
      // a one-column key's distinct count is the key tuple count below: one sort less
      if (key.length > 1) items.push(`COUNT(DISTINCT ${w ? `CASE WHEN ${w} THEN ${val(c)} END` : val(c)}) AS ${Q(A.keyDistinct(side, i), d)}`);
    });
    const allSet = key.map((c) => `${col(c)} IS NOT NULL`).join(' AND ');
    const anyNull = key.map((c) => `${col(c)} IS NULL`).join(' OR ');
    items.push(`${sumIf(and(w, allSet)!)} AS ${Q(A.keyRows(side), d)}`);
    items.push(`${x.countDistinctTuple(key.map(val), w)} AS ${Q(A.keyTuples(side), d)}`);
    items.push(`${sumIf(and(w, `(${anyNull})`)!)} AS ${Q(A.nullKeys(side), d)}`);
  }
  const where = narrowed ? `\n  WHERE ${inWindow(x, s, side)}` : '';
  return `${Q(side === 'b' ? 'bs' : 'ps', d)} AS (\n  SELECT ${items.join(',\n    ')}\n  ${fromSide(x, s, side)}${where}\n)`;
}

/** The two keyed sides, FULL OUTER JOINed: `FROM (…) AS "b" FULL OUTER JOIN (…) AS "p" ON …`. */
function joined(x: ImpactSqlParts, s: CompareSpec): string {
  const d = x.dialect;
  const key = s.key!;
  const side = (sd: 'b' | 'p'): string => {
    const col = (c: CompareColumn) => `${Q('t', d)}.${Q(sd === 'b' ? c.prod : c.pr, d)}`;
    const val = (c: CompareColumn) => (c.asText ? x.text(col(c)) : col(c));
    const sel = [`1 AS ${Q(`__${sd}`, d)}`, ...key.map((c, i) => `${val(c)} AS ${Q(`k${i}`, d)}`), ...s.columns.map((c, i) => `${val(c)} AS ${Q(`c${i}`, d)}`)];
    const where = and(inWindow(x, s, sd), ...key.map((c) => `${col(c)} IS NOT NULL`));
    return `(SELECT ${sel.join(', ')}\n    ${fromSide(x, s, sd)}\n    WHERE ${where}) AS ${Q(sd, d)}`;
  };
  const on = key.map((_, i) => `${Q('b', d)}.${Q(`k${i}`, d)} = ${Q('p', d)}.${Q(`k${i}`, d)}`).join(' AND ');
  return `FROM ${side('b')}\n  FULL OUTER JOIN ${side('p')}\n  ON ${on}`;
}

function differs(x: ImpactSqlParts, i: number): string {
  const d = x.dialect;
  return `${Q('b', d)}.${Q(`c${i}`, d)} IS DISTINCT FROM ${Q('p', d)}.${Q(`c${i}`, d)}`;
}

function anyDiffers(x: ImpactSqlParts, s: CompareSpec): string {
  return s.columns.length ? `(${s.columns.map((_, i) => differs(x, i)).join(' OR ')})` : 'FALSE';
}

/** The one aggregate statement per model. */
export function compareStatement(x: ImpactSqlParts, s: CompareSpec, label: string): Statement {
  const d = x.dialect;
  const ctes: string[] = [];
  if (s.eventTime) ctes.push(windowCte(x, s));
  ctes.push(sideCte(x, s, 'b'), sideCte(x, s, 'p'));
  const finals = [`${Q('bs', d)}`, `${Q('ps', d)}`];
  if (s.key?.length) {
    const b = `${Q('b', d)}.${Q('__b', d)}`;
    const p = `${Q('p', d)}.${Q('__p', d)}`;
    const both = `${b} IS NOT NULL AND ${p} IS NOT NULL`;
    const items = [
      `${sumIf(`${b} IS NULL`)} AS ${Q(A.added, d)}`,
      `${sumIf(`${p} IS NULL`)} AS ${Q(A.removed, d)}`,
      `${sumIf(`${both} AND ${anyDiffers(x, s)}`)} AS ${Q(A.changed, d)}`,
      `${sumIf(`${both} AND NOT ${anyDiffers(x, s)}`)} AS ${Q(A.unchanged, d)}`,
      ...s.columns.map((_, i) => `${sumIf(`${both} AND ${differs(x, i)}`)} AS ${Q(A.changedCol(i), d)}`),
    ];
    ctes.push(`${Q('j', d)} AS (\n  SELECT ${items.join(',\n    ')}\n  ${joined(x, s)}\n)`);
    finals.push(Q('j', d));
  }
  if (s.eventTime) {
    finals.push(`(SELECT ${x.text(Q('lo', d))} AS ${Q(A.from, d)}, ${x.text(Q('hi', d))} AS ${Q(A.to, d)} FROM ${Q('w', d)}) AS ${Q('wt', d)}`);
  }
  return {
    sql: `WITH ${ctes.join(',\n')}\nSELECT *\nFROM ${finals.join('\nCROSS JOIN ')}`,
    purpose: `impact of ${label}: counts, keys and columns in one aggregate statement`,
  };
}

/** Opt-in samples: at most `limit` differing rows; sensitive columns never in the output. */
export function sampleStatement(x: ImpactSqlParts, s: SampleSpec, label: string): Statement {
  const d = x.dialect;
  const b = `${Q('b', d)}.${Q('__b', d)}`;
  const p = `${Q('p', d)}.${Q('__p', d)}`;
  const kind = `CASE WHEN ${b} IS NULL THEN 'added' WHEN ${p} IS NULL THEN 'removed' ELSE 'changed' END`;
  const out = [`${kind} AS ${Q('kind', d)}`];
  if (s.showKey) s.key!.forEach((_, i) => out.push(`${x.text(`COALESCE(${Q('b', d)}.${Q(`k${i}`, d)}, ${Q('p', d)}.${Q(`k${i}`, d)})`)} AS ${Q(`k${i}`, d)}`));
  s.columns.forEach((_, i) => {
    if (!s.showColumns[i]) return;
    out.push(`${x.text(`${Q('b', d)}.${Q(`c${i}`, d)}`)} AS ${Q(`b${i}`, d)}`, `${x.text(`${Q('p', d)}.${Q(`c${i}`, d)}`)} AS ${Q(`p${i}`, d)}`);
  });
  const limit = Math.max(1, Math.floor(s.limit));
  const order = s.showKey ? `1, ${s.key!.map((_, i) => i + 2).join(', ')}` : '1';
  return {
    sql: `${s.eventTime ? `WITH ${windowCte(x, s)}\n` : ''}SELECT ${out.join(',\n  ')}\n${joined(x, s)}\nWHERE ${b} IS NULL OR ${p} IS NULL OR ${anyDiffers(x, s)}\nORDER BY ${order}\nLIMIT ${limit}`,
    purpose: `up to ${limit} sample rows of ${label} (opt-in; no sensitive column)`,
  };
}
