/**
 * The sweep: find every PR schema that should no longer exist and drop it.
 *
 * 1. List schemas starting with the prefix (case-insensitively, so look-alikes
 *    are reported) in each database; keep only exact `<prefix><number>` names.
 * 2. Ask GitHub once (paginated) which PRs are open. Schemas are listed
 *    before GitHub is asked, so a PR opened meanwhile is seen as open.
 * 3. Decide per schema (pure, `decideSweep`): keep-list → keep; ownership
 *    comment naming another repository or PR → left alone; PR closed → drop;
 *    no new head for longer than the TTL → drop; otherwise keep.
 * 4. Refuse before dropping anything if the role may not drop a planned one.
 * 5. Drop with bounded concurrency, one DROP SCHEMA … CASCADE per schema.
 */
import { OperationError, UserError } from '../errors.js';
import { prSchemaSql } from '../dialects/pr-schema.js';
import type { OpenPullsLookup } from '../github/pulls.js';
import { resolveName, type DialectName } from '../sql/identifiers.js';
import { formatPlan, type Statement } from '../sql/plan.js';
import { runStatement } from '../warehouse/run.js';
import type { Warehouse } from '../warehouse/types.js';
import { DEFAULT_PREFIX, foldedPrefix, matchPrSchema, prSchemaPattern, validatePrefix } from './naming.js';
import { isRepoSlug, parseOwnership, sameRepo } from './ownership.js';
import { listSchemas, mapLimit, resolveDatabase, type SchemaInfo } from './warehouse-ops.js';

export interface SweepOptions {
  /** `owner/name` of the repository whose PRs the schemas belong to. */
  repo: string;
  prefix?: string;
  /** Databases to sweep (Snowflake); default: the connection's. */
  databases?: readonly string[];
  /** Drop schemas with no new head for longer than this; 0 turns the TTL off. Default 7. */
  ttlDays?: number;
  /** Schema names (or database.schema) never dropped. */
  keep?: readonly string[];
  dryRun?: boolean;
  /** DROP statements in flight at once. Default 4. */
  concurrency?: number;
  now?: Date;
}

export type Verdict = 'drop' | 'keep' | 'ignore';

export interface SweepEntry {
  database: string;
  schema: string;
  pr?: number;
  verdict: Verdict;
  /** Machine-readable reason. */
  rule: 'not-a-pr-schema' | 'keep-list' | 'not-created-by-slipway' | 'other-repository' | 'other-pr' | 'pr-open' | 'pr-closed' | 'ttl-expired';
  /** One sentence for people. */
  reason: string;
  /** Age in days since the last new head (or creation), when known. */
  ageDays?: number;
  owner?: string;
  canDrop?: boolean;
  /** After execution: what happened to a `drop`. */
  status?: 'dropped' | 'failed' | 'would-drop';
  error?: string;
}

export interface SweepReport {
  repo: string;
  dialect: DialectName;
  prefix: string;
  pattern: string;
  databases: string[];
  dryRun: boolean;
  ttlDays: number;
  now: string;
  /** Open PRs GitHub reported: all of them after a listing, else those among the schemas' PRs (undefined when GitHub was not asked: no PR schema found). */
  openPullRequests?: number;
  githubPages: number;
  entries: SweepEntry[];
  counts: { schemasSeen: number; prSchemas: number; drop: number; keep: number; ignored: number; leftAlone: number; dropped: number; failed: number };
  /** The DROP statements (planned in a dry run, issued otherwise). */
  statements: Statement[];
}

export interface DecideContext {
  dialect: DialectName;
  prefix: string;
  repo: string;
  open: ReadonlySet<number>;
  now: Date;
  ttlDays: number;
  keep: readonly string[];
}

const DAY = 86_400_000;

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function keepMatcher(keep: readonly string[], dialect: DialectName): (database: string, schema: string) => boolean {
  const items = keep.map((k) => {
    try {
      const parts = k.split('.');
      if (parts.length === 2 && parts.every((p) => /^[A-Za-z_][A-Za-z0-9_$]*$/.test(p))) {
        return { database: resolveName(parts[0]!, dialect), schema: resolveName(parts[1]!, dialect) };
      }
      return { database: undefined, schema: resolveName(k, dialect) };
    } catch (err) {
      throw new UserError(`The keep-list entry '${k}' is not a valid schema name: ${(err as Error).message}`, { hint: 'Give each --keep (input keep) as a schema name or database.schema.', cause: err });
    }
  });
  return (database, schema) => items.some((i) => i.schema === schema && (i.database === undefined || i.database === database));
}

/** Decide, for each listed schema, whether the sweep drops it and why. Pure. */
export function decideSweep(schemas: readonly SchemaInfo[], ctx: DecideContext): SweepEntry[] {
  const isKept = keepMatcher(ctx.keep, ctx.dialect);
  const pattern = prSchemaPattern(ctx.prefix, ctx.dialect);
  return schemas.map((s): SweepEntry => {
    const database = s.database ?? '';
    const base = { database, schema: s.name, owner: s.owner, canDrop: s.canDrop };
    const pr = matchPrSchema(s.name, ctx.prefix, ctx.dialect);
    if (pr === undefined) return { ...base, verdict: 'ignore', rule: 'not-a-pr-schema', reason: `does not match ${pattern}; never touched` };
    const own = parseOwnership(s.comment);
    const record = own.kind === 'record' ? own.record : undefined;
    const lastMs = record ? Date.parse(record.headAt) : s.createdMs;
    const ageDays = lastMs !== undefined && Number.isFinite(lastMs) ? round1((ctx.now.getTime() - lastMs) / DAY) : undefined;
    const withPr = { ...base, pr, ageDays };
    if (isKept(database, s.name)) return { ...withPr, verdict: 'keep', rule: 'keep-list', reason: 'on the keep list' };
    if (!record) {
      return { ...withPr, verdict: 'keep', rule: 'not-created-by-slipway', reason: 'no Slipway ownership record: Slipway did not create it, so it never drops it; left alone' };
    }
    if (record && !sameRepo(record.repo, ctx.repo)) {
      return { ...withPr, verdict: 'keep', rule: 'other-repository', reason: `ownership comment says it belongs to ${record.repo}#${record.pr}; left alone` };
    }
    if (record && record.pr !== pr) {
      return { ...withPr, verdict: 'keep', rule: 'other-pr', reason: `ownership comment names PR #${record.pr}, but the name says #${pr}; left alone` };
    }
    if (!ctx.open.has(pr)) {
      return { ...withPr, verdict: 'drop', rule: 'pr-closed', reason: `PR #${pr} is not open` };
    }
    if (ctx.ttlDays > 0 && ageDays !== undefined && ageDays > ctx.ttlDays) {
      return { ...withPr, verdict: 'drop', rule: 'ttl-expired', reason: `PR #${pr} is open but its schema saw no new head for ${days(ageDays)} (TTL ${days(ctx.ttlDays)}); the next push recreates it` };
    }
    return { ...withPr, verdict: 'keep', rule: 'pr-open', reason: `PR #${pr} is open${ageDays !== undefined ? `; last new head ${days(ageDays)} ago` : ''}` };
  });
}

function checkOptions(opts: SweepOptions): { prefix: string; ttlDays: number; concurrency: number } {
  const prefix = validatePrefix(opts.prefix ?? DEFAULT_PREFIX);
  if (!isRepoSlug(opts.repo)) {
    throw new UserError(`The repository '${opts.repo}' is not in owner/name form.`, { hint: 'Pass --repo owner/name (in a workflow it is github.repository).' });
  }
  const ttlDays = opts.ttlDays ?? 7;
  if (!Number.isFinite(ttlDays) || ttlDays < 0) {
    throw new UserError(`The TTL '${String(opts.ttlDays)}' is not a number of days ≥ 0.`, { hint: 'Pass --ttl-days 7 (0 turns the TTL rule off).' });
  }
  const concurrency = opts.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UserError(`Concurrency ${String(opts.concurrency)} is not an integer from 1 to 64.`, { hint: 'Pass --concurrency 4.' });
  }
  for (const k of opts.keep ?? []) resolveName(k.includes('.') ? k.split('.').pop()! : k, 'postgres');
  return { prefix, ttlDays, concurrency };
}

function count(entries: readonly SweepEntry[]): SweepReport['counts'] {
  const c = { schemasSeen: entries.length, prSchemas: 0, drop: 0, keep: 0, ignored: 0, leftAlone: 0, dropped: 0, failed: 0 };
  for (const e of entries) {
    if (e.verdict !== 'ignore') c.prSchemas++;
    if (e.verdict === 'drop') c.drop++;
    if (e.verdict === 'keep') c.keep++;
    if (e.verdict === 'ignore') c.ignored++;
    if (e.rule === 'other-repository' || e.rule === 'other-pr') c.leftAlone++;
    if (e.status === 'dropped') c.dropped++;
    if (e.status === 'failed') c.failed++;
  }
  return c;
}

/**
 * Sweep the warehouse. Returns the report; a failed DROP is recorded in it
 * (status `failed`), and callers turn `counts.failed > 0` into exit code 1
 * after printing the report. Throws before dropping anything when the input
 * is bad, GitHub cannot be asked, or the role may not drop a planned schema.
 */
export async function sweepPrSchemas(wh: Warehouse, opts: SweepOptions, openPulls: OpenPullsLookup, log: (m: string) => void = () => undefined): Promise<SweepReport> {
  const { prefix, ttlDays, concurrency } = checkOptions(opts);
  const dialect = wh.dialect;
  const now = opts.now ?? new Date();
  const sql = prSchemaSql(dialect);
  const folded = foldedPrefix(prefix, dialect);

  const dbs = opts.databases && opts.databases.length > 0 ? [...new Set(opts.databases)] : [undefined];
  const resolved = [];
  for (const d of dbs) resolved.push(await resolveDatabase(wh, d));
  const schemas: SchemaInfo[] = [];
  for (const db of resolved) {
    const found = await listSchemas(wh, dialect, db.ref, folded);
    schemas.push(...found.map((s) => ({ ...s, database: s.database ?? db.name })));
  }
  log(`Found ${schemas.length} schema(s) starting with ${folded} in ${resolved.map((d) => d.name).join(', ')}.`);

  const prNumbers = schemas.map((s) => matchPrSchema(s.name, prefix, dialect)).filter((n): n is number => n !== undefined);
  const anyPr = prNumbers.length > 0;
  const [owner, name] = opts.repo.split('/') as [string, string];
  let open = new Set<number>();
  let openCount: number | undefined;
  let pages = 0;
  if (anyPr) {
    const res = await openPulls({ owner, repo: name }, prNumbers);
    open = new Set(res.open.keys());
    openCount = res.open.size;
    pages = res.pages;
    log(`Asked GitHub which of ${new Set(prNumbers).size} PR(s) are open in ${opts.repo}: ${pages} request(s)${res.strategy ? ` (${res.strategy === 'list' ? 'listing open PRs' : 'one read per PR'})` : ''}.`);
  }

  const entries = decideSweep(schemas, { dialect, prefix, repo: opts.repo, open, now, ttlDays, keep: opts.keep ?? [] });
  const drops = entries.filter((e) => e.verdict === 'drop');
  const stmtFor = (e: SweepEntry): Statement => sql.drop({ database: dialect === 'snowflake' ? e.database || undefined : undefined, schema: e.schema });
  const statements = drops.map(stmtFor);

  const report: SweepReport = {
    repo: opts.repo,
    dialect,
    prefix,
    pattern: prSchemaPattern(prefix, dialect),
    databases: resolved.map((d) => d.name),
    dryRun: !!opts.dryRun,
    ttlDays,
    now: now.toISOString(),
    openPullRequests: openCount,
    githubPages: pages,
    entries,
    counts: count(entries),
    statements,
  };

  const forbidden = drops.filter((e) => e.canDrop === false);
  if (opts.dryRun) {
    for (const e of drops) e.status = 'would-drop';
    for (const e of forbidden) e.reason += `; but the role may not drop it (owner ${e.owner ?? 'unknown'})`;
    report.counts = count(entries);
    return report;
  }
  if (forbidden.length > 0) {
    const list = forbidden.map((e) => `${e.database ? e.database + '.' : ''}${e.schema} (owner ${e.owner ?? 'unknown'})`).join(', ');
    throw new OperationError(`The role Slipway connects as may not drop ${forbidden.length} schema(s) the sweep would drop: ${list}. Nothing was dropped.`, {
      hint: 'Run the sweep as the role that creates the PR schemas, or add those schemas to the keep list (--keep / input keep).',
    });
  }

  await mapLimit(drops, concurrency, async (e) => {
    const st = stmtFor(e);
    try {
      await runStatement(wh, st);
      e.status = 'dropped';
    } catch (err) {
      e.status = 'failed';
      e.error = (err as Error).message;
    }
  });
  report.counts = count(entries);
  return report;
}

/** Text for a Markdown table cell: no HTML, no column breaks, no line breaks. */
export function mdText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;').replace(/[\r\n]+/g, ' ');
}

/** A name as inline code that survives backticks, pipes and HTML in the name. */
export function mdCode(s: string): string {
  return `<code>${mdText(s)}</code>`;
}

/** The job-summary Markdown: counts, then one row per schema with its verdict and why. */
export function renderSweepMarkdown(r: SweepReport): string {
  const c = r.counts;
  const verb = r.dryRun ? 'would drop' : 'dropped';
  const head = [
    `### Slipway schema sweep${r.dryRun ? ' (dry run)' : ''}`,
    '',
    `${mdText(r.repo)} · ${r.dialect} · ${r.databases.map(mdCode).join(', ')} · pattern ${mdCode(r.pattern)} · TTL ${r.ttlDays > 0 ? `${r.ttlDays} days` : 'off'}` +
      (r.openPullRequests !== undefined ? ` · ${r.githubPages} GitHub API request${r.githubPages === 1 ? '' : 's'}` : ' · GitHub not asked (no PR schema)'),
    '',
    `**${r.dryRun ? c.drop : c.dropped}** ${verb}, **${c.keep}** kept${c.leftAlone ? ` (${c.leftAlone} left alone: another repository or PR)` : ''}, **${c.ignored}** look-alike${c.ignored === 1 ? '' : 's'} ignored${c.failed ? `, **${c.failed} failed**` : ''}.`,
  ];
  if (r.entries.length === 0) return [...head, '', 'No schema starts with the prefix.'].join('\n');
  const icon = (e: SweepEntry): string =>
    e.status === 'failed' ? '❌ drop failed' : e.status === 'dropped' ? '🗑️ dropped' : e.status === 'would-drop' ? '🗑️ would drop' : e.verdict === 'keep' ? (e.rule === 'other-repository' || e.rule === 'other-pr' ? '⚠️ left alone' : '✅ kept') : '➖ ignored';
  const rows = r.entries.map(
    (e) => `| ${mdCode(e.database ? `${e.database}.${e.schema}` : e.schema)} | ${e.pr !== undefined ? `#${e.pr}` : ''} | ${icon(e)} | ${mdText(e.reason + (e.error ? ` — ${e.error}` : ''))} |`,
  );
  return [...head, '', '| Schema | PR | Verdict | Why |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Plain-text report for the CLI. */
export function renderSweepText(r: SweepReport): string {
  const lines = r.entries.map((e) => {
    const v = e.status ?? e.verdict;
    return `${v.padEnd(10)} ${(e.database ? `${e.database}.${e.schema}` : e.schema).padEnd(40)} ${e.reason}${e.error ? ` — ${e.error}` : ''}`;
  });
  const c = r.counts;
  lines.push(
    '',
    `${r.dryRun ? `${c.drop} would be dropped` : `${c.dropped} dropped`}, ${c.keep} kept (${c.leftAlone} left alone), ${c.ignored} ignored${c.failed ? `, ${c.failed} FAILED` : ''}; pattern ${r.pattern}; GitHub API requests ${r.githubPages}.`,
  );
  if (r.dryRun && r.statements.length) lines.push('', '-- dry run: the statements it would run', formatPlan(r.statements, r.dialect));
  return lines.join('\n');
}
