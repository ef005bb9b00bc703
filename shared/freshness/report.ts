/**
 * How a gate's verdict reaches people: a job-summary Markdown table (worst
 * first), check-run annotations (one per failing source/model), plain text
 * for a terminal, and the JSON report for tooling.
 */
import type { CheckAnnotation, GitHubReporter, RepoRef } from '../github/types.js';
import { publishReport } from '../github/publish.js';
import type { Runtime } from '../runtime/port.js';
import type { FreshnessReport, SourceResult } from './freshness.js';
import type { RowCountReport } from './row-counts.js';
import { formatAge, formatThreshold } from './sla.js';

const ICON: Record<string, string> = { pass: '✅', warn: '⚠️', error: '❌', 'runtime error': '💥', fail: '❌' };

const cell = (s: string | undefined) => (s ?? '—').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const num = (n: number) => (Number.isFinite(n) ? n.toLocaleString('en-US') : '∞');

export function freshnessHeadline(r: FreshnessReport): string {
  const c = r.counts;
  const parts = [`${c.pass} pass`, `${c.warn} warn`, `${c.error} error`, `${c.runtimeError} runtime error`];
  const verdict = r.passed ? (r.verdict === 'warn' ? 'passed with warnings' : 'passed') : `failed (${r.failingCount} source${r.failingCount === 1 ? '' : 's'} at or past fail-on: ${r.failOn})`;
  return `Source freshness ${verdict}: ${parts.join(', ')}${c.skipped ? `; ${c.skipped} without an SLA skipped` : ''}.`;
}

export function rowCountHeadline(r: RowCountReport): string {
  const ok = r.findings.length - r.failingCount;
  return `Row counts ${r.passed && r.errors.length === 0 ? 'passed' : 'failed'}: ${ok} within range, ${r.failingCount} anomalous${r.errors.length ? `, ${r.errors.length} not countable` : ''}${r.ignored.length ? `, ${r.ignored.length} ignored` : ''}.`;
}

export function freshnessMarkdown(r: FreshnessReport, title = 'Source freshness'): string {
  const lines = [`### ${r.passed ? (r.verdict === 'warn' ? '⚠️' : '✅') : '❌'} ${title}`, '', freshnessHeadline(r), ''];
  if (r.results.length) {
    lines.push('| | Source | Age | Warn after | Error after | Max loaded at | Details |', '|---|---|---|---|---|---|---|');
    for (const s of r.results) {
      lines.push(`| ${ICON[s.verdict]} ${s.verdict} | \`${cell(s.name)}\` | ${formatAge(s.ageSeconds)} | ${formatThreshold(s.warnAfter)} | ${formatThreshold(s.errorAfter)} | ${cell(s.maxLoadedAt)} | ${cell(s.message)} |`);
    }
    lines.push('');
  }
  const withSql = r.results.filter((s) => s.failing && s.query && s.method !== 'sources.json');
  if (withSql.length) {
    lines.push('<details><summary>Queries used for failing sources</summary>', '');
    for (const s of withSql) lines.push(`\`${s.uniqueId}\``, '', '```sql', s.query!, '```', '');
    lines.push('</details>', '');
  }
  if (r.notes.length) lines.push(...r.notes.map((n) => `> ${n}`), '');
  if (r.skipped.length) lines.push(`<details><summary>${r.skipped.length} source(s) not checked</summary>`, '', ...r.skipped.map((s) => `- \`${s.name}\`: ${s.reason}`), '', '</details>', '');
  return lines.join('\n');
}

export function rowCountMarkdown(r: RowCountReport, title = 'Row-count anomalies'): string {
  const lines = [`### ${r.passed && !r.errors.length ? '✅' : '❌'} ${title}`, '', rowCountHeadline(r), ''];
  if (r.findings.length || r.errors.length) {
    lines.push('| | Model | Observed | Expected range | Rule | Baseline | Details |', '|---|---|---|---|---|---|---|');
    for (const e of r.errors) lines.push(`| 💥 error | \`${cell(e.model)}\` | — | — | — | — | ${cell(e.error)} |`);
    for (const f of r.findings) {
      const range = f.expected ? `${num(f.expected.low)}–${num(f.expected.high)}` : '—';
      const base = f.baseline.points ? `${f.baseline.points} pts, last ${num(f.baseline.last ?? 0)}${f.baseline.median !== undefined ? `, median ${num(f.baseline.median)}` : ''}` : 'none';
      lines.push(`| ${f.verdict === 'fail' ? '❌ fail' : '✅ pass'} | \`${cell(f.model)}\` | ${num(f.observed)} | ${range} | ${f.rule} | ${base} | ${cell(f.message)} |`);
    }
    lines.push('');
  }
  if (r.ignored.length) lines.push(`Ignored: ${r.ignored.map((m) => `\`${m}\``).join(', ')}`, '');
  return lines.join('\n');
}

export function freshnessText(r: FreshnessReport): string {
  const out = [freshnessHeadline(r)];
  for (const s of r.results) out.push(`  ${s.verdict.padEnd(13)} ${s.name.padEnd(40)} age ${formatAge(s.ageSeconds).padEnd(7)} ${s.message}`);
  for (const n of r.notes) out.push(`  note: ${n}`);
  return out.join('\n');
}

export function rowCountText(r: RowCountReport): string {
  const out = [rowCountHeadline(r)];
  for (const e of r.errors) out.push(`  error  ${e.model}: ${e.error}`);
  for (const f of r.findings) out.push(`  ${f.verdict.padEnd(5)}  ${f.model.padEnd(40)} ${f.rule.padEnd(17)} ${f.message}`);
  return out.join('\n');
}

/** Annotation path: check-run annotations need a file; we point at the dbt project file for the source when known. */
export function freshnessAnnotations(r: FreshnessReport, path = 'models/sources.yml'): CheckAnnotation[] {
  return r.results
    .filter((s) => s.failing || s.verdict === 'warn')
    .map((s: SourceResult) => ({
      path,
      start_line: 1,
      end_line: 1,
      annotation_level: s.failing ? 'failure' : 'warning',
      title: `${s.verdict}: ${s.name}`,
      message: s.message,
      raw_details: s.query,
    }));
}

export function rowCountAnnotations(r: RowCountReport, path = 'dbt_project.yml'): CheckAnnotation[] {
  return [
    ...r.errors.map((e) => ({ path, start_line: 1, end_line: 1, annotation_level: 'failure' as const, title: `row count: ${e.model}`, message: `Could not count rows: ${e.error}` })),
    ...r.findings.filter((f) => f.verdict === 'fail').map((f) => ({ path, start_line: 1, end_line: 1, annotation_level: 'failure' as const, title: `row-count anomaly (${f.rule}): ${f.model}`, message: f.message })),
  ];
}

export interface PublishOptions {
  rt: Runtime;
  freshness?: FreshnessReport;
  rowCounts?: RowCountReport;
  /** A reporter and where to report; without them only the job summary and log annotations are written. */
  github?: {
    reporter: GitHubReporter;
    repo: RepoRef;
    headSha: string;
    checkName: string;
    runUrl?: string;
    /** Post/update a sticky PR comment on this PR. */
    commentOn?: number;
  };
  /** Source-file paths for annotations: unique_id → path (dbt `original_file_path`). */
  sourcePaths?: Record<string, string>;
}

export function gatePassed(freshness?: FreshnessReport, rowCounts?: RowCountReport): boolean {
  return (freshness?.passed ?? true) && (rowCounts ? rowCounts.passed && rowCounts.errors.length === 0 : true);
}

/** Write the job summary and log annotations, and (with a reporter) the check run and sticky comment. */
export async function publishReports(opts: PublishOptions): Promise<void> {
  const { rt } = opts;
  const md = [opts.freshness ? freshnessMarkdown(opts.freshness) : '', opts.rowCounts ? rowCountMarkdown(opts.rowCounts) : ''].filter(Boolean).join('\n');
  const annotations: CheckAnnotation[] = [];
  if (opts.freshness) {
    for (const s of opts.freshness.results) {
      annotations.push(...freshnessAnnotations({ ...opts.freshness, results: [s] }, opts.sourcePaths?.[s.uniqueId] ?? 'models/sources.yml'));
    }
  }
  if (opts.rowCounts) annotations.push(...rowCountAnnotations(opts.rowCounts));
  for (const a of annotations) rt.annotate(a.annotation_level === 'failure' ? 'error' : 'warning', a.message, { title: a.title });
  if (!opts.github) {
    await rt.appendSummary(md);
    return;
  }
  const g = opts.github;
  const passed = gatePassed(opts.freshness, opts.rowCounts);
  const title = [opts.freshness ? freshnessHeadline(opts.freshness) : '', opts.rowCounts ? rowCountHeadline(opts.rowCounts) : ''].filter(Boolean).join(' ');
  await publishReport({
    rt,
    reporter: g.reporter,
    repo: g.repo,
    marker: `slipway-${g.checkName.replace(/[^A-Za-z0-9_-]+/g, '-').toLowerCase()}`,
    markdown: md,
    issueNumber: g.commentOn,
    runUrl: g.runUrl,
    check: { name: g.checkName, headSha: g.headSha, conclusion: passed ? 'success' : 'failure', title: title.length > 200 ? title.slice(0, 197) + '…' : title, annotations },
  });
}
