/**
 * Run the impact comparison in the warehouse: one statement describes every
 * relation (columns, kind, size), then each model gets ONE aggregate
 * statement (plus an opt-in, capped sample statement), on at most
 * `concurrency` sessions, each tagged with the PR's tag and limited by a
 * statement timeout. Relations past the size limit are skipped with a note,
 * unless the model has `event_time`, which narrows them to a recent window.
 */
import type { RunResults } from '../dbt/artifacts.js';
import { compareStatement, impactDialect, sampleStatement, A, type CompareColumn, type CompareSpec, type ImpactDialect } from '../dialects/impact.js';
import { UserError } from '../errors.js';
import type { Statement } from '../sql/plan.js';
import { runStatement } from '../warehouse/run.js';
import type { Queryable, Warehouse } from '../warehouse/types.js';
import { evaluateGate, type FailOn } from './gate.js';
import type { ColumnImpact, CostReceipt, ImpactReport, ImpactTarget, ModelImpact, RelationInfo, SampleRow, StoredRelation } from './types.js';

export interface ImpactOptions {
  targets: ImpactTarget[];
  /** Per-statement limit, seconds (default 300). */
  timeoutSeconds?: number;
  /** Skip relations estimated past this many rows (default 200 million) … */
  maxRows?: number;
  /** … or past this many bytes (default 100 GiB), unless event_time narrows them. */
  maxBytes?: number;
  /** The recent window (days of event_time) compared for a relation past the size limit (default 7). */
  lookbackDays?: number;
  /** Sessions at once (default 4; 1 on a warehouse without concurrent sessions). */
  concurrency?: number;
  /** Sample rows per model (default 0 = none; at most 100). */
  samples?: number;
  /** The PR's tag, set on every Slipway session and looked up in query history. */
  tag?: string;
  /** The PR build's run_results.json, for dbt's share of the receipt. */
  runResults?: RunResults;
  failOn?: FailOn;
  /** Called for every statement sent (benchmarks count them). */
  onStatement?: (stmt: Statement, model?: string) => void;
}

export const DEFAULTS = { timeoutSeconds: 300, maxRows: 200_000_000, maxBytes: 100 * 1024 ** 3, lookbackDays: 7, concurrency: 4, maxSamples: 100 } as const;

const num = (v: unknown): number => (v === null || v === undefined || v === '' ? 0 : Number(v));
const relKey = (r: StoredRelation, dialect: string): string => `${dialect === 'postgres' ? '' : (r.database ?? '')}|${r.schema}|${r.name}`;
const relText = (d: ImpactDialect, r: StoredRelation): string => d.relation(r);

/** Find a manifest column name among the stored ones: exact first, then the only case-insensitive match. */
function findColumn(info: RelationInfo, name: string): string | undefined {
  if (info.columns.some((c) => c.name === name)) return name;
  const m = info.columns.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  return m.length === 1 ? m[0]!.name : undefined;
}

async function describeAll(q: Queryable, d: ImpactDialect, relations: StoredRelation[], count: (s: Statement) => void): Promise<Map<string, RelationInfo>> {
  const out = new Map<string, RelationInfo>();
  if (!relations.length) return out;
  const stmt = d.describe(relations);
  count(stmt);
  for (const r of await runStatement(q, stmt)) {
    const key = relKey({ database: (r.database as string) || undefined, schema: String(r.schema), name: String(r.name) }, d.dialect);
    let info = out.get(key);
    if (!info) {
      info = { columns: [], estimatedRows: r.rows === null || r.rows === undefined ? undefined : num(r.rows), bytes: r.bytes === null || r.bytes === undefined ? undefined : num(r.bytes), kind: r.kind as string | undefined };
      out.set(key, info);
    }
    info.columns.push({ name: String(r.column), type: String(r.type), position: num(r.position) });
  }
  return out;
}

interface Planned {
  target: ImpactTarget;
  result: ModelImpact;
  spec?: CompareSpec;
  keyNames?: string[];
  colNames?: string[];
  sensitive?: boolean[];
}

function isSensitive(t: ImpactTarget, col: string): boolean {
  return t.sensitive.includes('*') || t.sensitive.some((s) => s.toLowerCase() === col.toLowerCase());
}

function plan(d: ImpactDialect, t: ImpactTarget, infos: Map<string, RelationInfo>, opts: ImpactOptions): Planned {
  const result: ModelImpact = {
    uniqueId: t.uniqueId,
    name: t.name,
    reason: t.reason,
    status: 'skipped',
    prRelation: relText(d, t.pr),
    prodRelation: t.prod ? relText(d, t.prod) : undefined,
    notes: [...t.notes],
    schema: { added: [], removed: [], typeChanged: [], contract: t.contract },
    columns: [],
    cost: { statements: 0, ms: 0 },
  };
  if (t.skip) {
    result.notes.push(t.skip);
    return { target: t, result };
  }
  const pr = infos.get(relKey(t.pr, d.dialect));
  if (!pr) {
    result.notes.push(`the PR relation ${result.prRelation} does not exist (was the model built into the PR schema?)`);
    return { target: t, result };
  }
  const prod = t.prod ? infos.get(relKey(t.prod, d.dialect)) : undefined;
  if (!t.prod || !prod) {
    result.status = 'new';
    result.schema.added = pr.columns.map((c) => ({ name: c.name, type: c.type }));
    result.notes.push(t.prod ? `production relation ${result.prodRelation} does not exist: nothing to compare with` : 'new model: production has no such model');
    return { target: t, result };
  }
  if (d.dialect === 'postgres' && t.pr.database && t.prod.database && t.pr.database !== t.prod.database) {
    result.notes.push(`PostgreSQL cannot compare across databases (${t.prod.database} vs ${t.pr.database})`);
    return { target: t, result };
  }
  const prodCols = new Map(prod.columns.map((c) => [c.name, c]));
  const prCols = new Map(pr.columns.map((c) => [c.name, c]));
  for (const c of pr.columns) if (!prodCols.has(c.name)) result.schema.added.push({ name: c.name, type: c.type });
  for (const c of prod.columns) if (!prCols.has(c.name)) result.schema.removed.push({ name: c.name, type: c.type, usedBy: t.downstreamUses(c.name) });
  const common = prod.columns.filter((c) => prCols.has(c.name));
  for (const c of common) {
    const to = prCols.get(c.name)!.type;
    if (to !== c.type) result.schema.typeChanged.push({ name: c.name, from: c.type, to });
  }
  const cmp = (name: string): CompareColumn => {
    const a = prodCols.get(name)!.type;
    const b = prCols.get(name)!.type;
    return { prod: name, pr: name, asText: a !== b || d.needsText(a) || d.needsText(b) };
  };

  let keyNames: string[] | undefined;
  if (t.key) {
    const resolved = t.key.columns.map((k) => ({ k, prod: findColumn(prod, k), pr: findColumn(pr, k) }));
    const missing = resolved.filter((r) => !r.prod || !r.pr || r.prod !== r.pr);
    if (missing.length) result.notes.push(`key column(s) ${missing.map((m) => m.k).join(', ')} missing on one side: rows compared without a key`);
    else keyNames = resolved.map((r) => r.pr!);
  } else {
    result.notes.push('no unique key known (unique/primary-key test, unique_key or constraint): counts and column profiles only');
  }
  let eventTime: CompareSpec['eventTime'];
  if (t.eventTime) {
    const a = findColumn(prod, t.eventTime);
    const b = findColumn(pr, t.eventTime);
    if (a && b) eventTime = { prod: a, pr: b };
    else result.notes.push(`event_time column ${t.eventTime} missing on one side: the whole relation is compared`);
  }
  const maxRows = opts.maxRows ?? DEFAULTS.maxRows;
  const maxBytes = opts.maxBytes ?? DEFAULTS.maxBytes;
  const big = [prod, pr].find((i) => (i.estimatedRows ?? 0) > maxRows || (i.bytes ?? 0) > maxBytes);
  let lookbackDays: number | undefined;
  if (big) {
    const size = `${big.estimatedRows !== undefined ? `~${big.estimatedRows.toLocaleString('en-US')} rows, ` : ''}${(big.bytes ?? 0).toLocaleString('en-US')} bytes`;
    if (!eventTime) {
      result.notes.push(`skipped: past the size limit (${size}; limits ${maxRows.toLocaleString('en-US')} rows / ${maxBytes.toLocaleString('en-US')} bytes) and no event_time to narrow it`);
      return { target: t, result };
    }
    lookbackDays = opts.lookbackDays ?? DEFAULTS.lookbackDays;
    result.notes.push(`past the size limit (${size}): only the last ${lookbackDays} day(s) of ${eventTime.pr} in the overlapping window are compared`);
  }
  const keySet = new Set(keyNames ?? []);
  const colNames = common.map((c) => c.name).filter((n) => !keySet.has(n));
  const spec: CompareSpec = { prod: t.prod, pr: t.pr, key: keyNames?.map(cmp), columns: colNames.map(cmp), eventTime, lookbackDays };
  result.status = 'compared';
  return { target: t, result, spec, keyNames, colNames, sensitive: colNames.map((n) => isSensitive(t, n)) };
}

function fill(p: Planned, row: Record<string, unknown>): void {
  const r = p.result;
  const s = p.spec!;
  const rows = { prod: num(row[A.rows('b')]), pr: num(row[A.rows('p')]) } as NonNullable<ModelImpact['rows']>;
  if (s.eventTime) {
    if (s.lookbackDays === undefined) {
      rows.prodTotal = num(row[A.total('b')]);
      rows.prTotal = num(row[A.total('p')]);
    }
    rows.window = { column: s.eventTime.pr, from: (row[A.from] as string | null) ?? null, to: (row[A.to] as string | null) ?? null, narrowed: s.lookbackDays !== undefined };
  }
  r.rows = rows;
  if (p.keyNames) {
    r.keys = {
      columns: p.keyNames,
      from: p.target.key!.from,
      added: num(row[A.added]),
      removed: num(row[A.removed]),
      changed: num(row[A.changed]),
      unchanged: num(row[A.unchanged]),
      prDuplicates: num(row[A.keyRows('p')]) - num(row[A.keyTuples('p')]),
      prodDuplicates: num(row[A.keyRows('b')]) - num(row[A.keyTuples('b')]),
      prNullKeys: num(row[A.nullKeys('p')]),
    };
  }
  const rate = (n: number, of: number): number => (of ? n / of : 0);
  const cols: ColumnImpact[] = [];
  (p.keyNames ?? []).forEach((name, i) => {
    cols.push({
      name,
      prodNulls: num(row[A.keyNulls('b', i)]),
      prNulls: num(row[A.keyNulls('p', i)]),
      prodNullRate: rate(num(row[A.keyNulls('b', i)]), rows.prod),
      prNullRate: rate(num(row[A.keyNulls('p', i)]), rows.pr),
      prodDistinct: num(row[p.keyNames!.length > 1 ? A.keyDistinct('b', i) : A.keyTuples('b')]),
      prDistinct: num(row[p.keyNames!.length > 1 ? A.keyDistinct('p', i) : A.keyTuples('p')]),
      sensitive: isSensitive(p.target, name) || undefined,
    });
  });
  p.colNames!.forEach((name, i) => {
    cols.push({
      name,
      changedValues: p.keyNames ? num(row[A.changedCol(i)]) : undefined,
      prodNulls: num(row[A.nulls('b', i)]),
      prNulls: num(row[A.nulls('p', i)]),
      prodNullRate: rate(num(row[A.nulls('b', i)]), rows.prod),
      prNullRate: rate(num(row[A.nulls('p', i)]), rows.pr),
      prodDistinct: num(row[A.distinct('b', i)]),
      prDistinct: num(row[A.distinct('p', i)]),
      sensitive: p.sensitive![i] || undefined,
    });
  });
  r.columns = cols;
}

function parseSamples(p: Planned, rows: Record<string, unknown>[], showKey: boolean): SampleRow[] {
  return rows.map((row) => {
    const kind = row.kind as SampleRow['kind'];
    const out: SampleRow = { kind };
    if (showKey) out.key = Object.fromEntries(p.keyNames!.map((k, i) => [k, (row[`k${i}`] as string | null) ?? null]));
    if (kind === 'changed') {
      const values: Record<string, [string | null, string | null]> = {};
      p.colNames!.forEach((c, i) => {
        if (p.sensitive![i]) return;
        const a = (row[`b${i}`] as string | null) ?? null;
        const b = (row[`p${i}`] as string | null) ?? null;
        if (a !== b) values[c] = [a, b];
      });
      out.values = values;
    }
    return out;
  });
}

/** Run the whole comparison and return the report (the gate is evaluated, not enforced: callers decide). */
export async function runImpact(wh: Warehouse, opts: ImpactOptions): Promise<ImpactReport> {
  const d = impactDialect(wh.dialect);
  const samples = Math.min(Math.max(0, Math.floor(opts.samples ?? 0)), DEFAULTS.maxSamples);
  if (opts.timeoutSeconds !== undefined && !(opts.timeoutSeconds > 0)) throw new UserError(`The statement timeout must be a positive number of seconds, not ${opts.timeoutSeconds}.`, { hint: 'Pass e.g. --timeout 300.' });
  const totals = { statements: 0, ms: 0 };
  const count = (s: Statement, model?: string) => {
    totals.statements++;
    opts.onStatement?.(s, model);
  };
  const timed = async (q: Queryable, s: Statement, model?: string, own?: { statements: number; ms: number }) => {
    count(s, model);
    const t0 = performance.now();
    try {
      return { rows: await runStatement(q, s) };
    } finally {
      const ms = performance.now() - t0;
      totals.ms += ms;
      if (own) {
        own.statements++;
        own.ms += ms;
      }
    }
  };

  const relations = new Map<string, StoredRelation>();
  for (const t of opts.targets) {
    if (t.skip) continue;
    for (const r of [t.pr, t.prod]) if (r) relations.set(relKey(r, d.dialect), r);
  }
  const t0 = performance.now();
  const infos = await describeAll(wh, d, [...relations.values()], (s) => count(s));
  totals.ms += performance.now() - t0;
  const planned = opts.targets.map((t) => plan(d, t, infos, opts));
  const queue = planned.filter((p) => p.spec);
  const width = Math.max(1, Math.min(wh.capabilities.concurrentSessions ? (opts.concurrency ?? DEFAULTS.concurrency) : 1, queue.length));
  let next = 0;
  const worker = async () =>
    wh.withSession(async (session) => {
      for (const s of d.sessionSetup({ timeoutSeconds: opts.timeoutSeconds ?? DEFAULTS.timeoutSeconds, tag: opts.tag })) await timed(session, s);
      try {
        while (next < queue.length) {
          const p = queue[next++]!;
          const own = { statements: 0, ms: 0 };
          try {
            const stmt = compareStatement(d, p.spec!, p.target.name);
            const res = await timed(session, stmt, p.target.uniqueId, own);
            fill(p, res.rows[0] ?? {});
            if (samples > 0 && p.keyNames) {
              const showKey = !p.keyNames.some((k) => isSensitive(p.target, k));
              const ss = sampleStatement(d, { ...p.spec!, showColumns: p.sensitive!.map((x) => !x), showKey, limit: samples }, p.target.name);
              const sr = await timed(session, ss, p.target.uniqueId, own);
              p.result.samples = parseSamples(p, sr.rows, showKey);
            }
          } catch (err) {
            p.result.status = 'error';
            const msg = (err as Error).message ?? String(err);
            p.result.notes.push(/timeout|canceling statement/i.test(msg) ? `stopped by the statement timeout (${opts.timeoutSeconds ?? DEFAULTS.timeoutSeconds} s): ${msg}` : `comparison failed: ${msg}`);
          }
          p.result.cost = { statements: own.statements, ms: Math.round(own.ms) };
        }
      } finally {
        for (const s of d.sessionReset()) await timed(session, s).catch(() => undefined);
      }
    });
  if (queue.length) await Promise.all(Array.from({ length: width }, worker));

  const models = planned.map((p) => p.result);
  const receipt = await costReceipt(wh, d, opts, totals, timed);
  return { dialect: wh.dialect, models, receipt, gate: evaluateGate(models, opts.failOn ?? {}) };
}

/** Warehouse credits per hour by size, for the estimate (standard warehouses). */
const CREDITS_PER_HOUR: Record<string, number> = { 'X-SMALL': 1, XSMALL: 1, SMALL: 2, MEDIUM: 4, LARGE: 8, 'X-LARGE': 16, XLARGE: 16, '2X-LARGE': 32, '3X-LARGE': 64, '4X-LARGE': 128, '5X-LARGE': 256, '6X-LARGE': 512 };

async function costReceipt(
  wh: Warehouse,
  d: ImpactDialect,
  opts: ImpactOptions,
  totals: { statements: number; ms: number },
  timed: (q: Queryable, s: Statement) => Promise<{ rows: Record<string, unknown>[] }>,
): Promise<CostReceipt> {
  const receipt: CostReceipt = { tag: opts.tag, slipway: { statements: 0, ms: 0 } };
  if (opts.runResults) {
    const rs = opts.runResults.results ?? [];
    receipt.dbt = { nodes: rs.length, seconds: Math.round(rs.reduce((s, r) => s + (Number(r.execution_time) || 0), 0) * 1000) / 1000 };
  }
  if (opts.tag && d.queryHistory) {
    try {
      const res = await timed(wh, d.queryHistory(opts.tag));
      let queries = 0, elapsed = 0, exec = 0, cloud = 0, credits = 0;
      const unknown = new Set<string>();
      for (const r of res.rows) {
        queries += num(r.queries);
        elapsed += num(r.elapsed_ms);
        exec += num(r.execution_ms);
        cloud += num(r.cloud_credits);
        const size = String(r.size ?? '').toUpperCase();
        const rate = CREDITS_PER_HOUR[size];
        if (rate) credits += (num(r.execution_ms) / 3_600_000) * rate;
        else if (num(r.execution_ms) > 0) unknown.add(size || 'no warehouse');
      }
      receipt.warehouse = {
        source: 'INFORMATION_SCHEMA.QUERY_HISTORY by QUERY_TAG',
        queries,
        elapsedSeconds: elapsed / 1000,
        executionSeconds: exec / 1000,
        cloudServicesCredits: cloud,
        estimatedComputeCredits: Math.round(credits * 1e6) / 1e6,
        note: `compute credits estimated as execution time × the warehouse size's hourly rate (per-second billing, 60 s minimum per resume not counted)${unknown.size ? `; no rate for ${[...unknown].join(', ')}` : ''}`,
      };
    } catch (err) {
      receipt.note = `query history could not be read: ${(err as Error).message}`;
    }
  } else if (wh.dialect === 'postgres') {
    receipt.note = 'PostgreSQL keeps no per-tag history: Slipway statement time is measured, dbt time comes from run_results.json';
  }
  receipt.slipway = { statements: totals.statements, ms: Math.round(totals.ms) };
  return receipt;
}
