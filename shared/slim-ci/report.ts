/**
 * The slim CI report (sticky PR comment and job summary): where state came
 * from, what was selected and why, and what dbt did with it, errors first.
 * Long lists are capped here (so the interesting part always survives); the
 * whole text is then cut safely at GitHub's limit by truncateMarkdown.
 */
import type { Manifest, RunResult, RunResults } from '../dbt/artifacts.js';
import { code, codeBlock, details, escapeHtml, GITHUB_LIMITS, table, truncateMarkdown } from '../github/markdown.js';
import type { RestoredState } from './state.js';

export const COMMENT_MARKER = 'slim-ci';

export interface ReportInput {
  /** The dbt target the CI run used, if any. */
  target?: string;
  stateTarget: string;
  state: Pick<RestoredState, 'source' | 'description' | 'sha' | 'runUrl' | 'liveMismatch' | 'warnings' | 'manifestSha256'>;
  manifest: Manifest;
  selected: string[];
  modified: Record<string, string[]>;
  /** For nodes modified in their config: the keys that changed (shown as `configs (materialized, tags)`). */
  changedConfigs?: Record<string, string[]>;
  /** What the dbt command would run (selected ∩ the command's resource types). */
  toRun: string[];
  /** Selected only through a graph operator (from the engine; computed when absent). */
  downstream?: string[];
  /** Tests added by indirect selection (from the engine; computed when absent). */
  tests?: string[];
  /** The selection engine's warnings (dbt version drift between state and PR, …). */
  selectionWarnings?: string[];
  fullBuild: boolean;
  nothingToBuild: boolean;
  /** The full dbt command line, as an argv. */
  dbtArgv?: string[];
  dbtExitCode?: number;
  runResults?: RunResults;
  runUrl?: string;
  /** Rows per table before the rest is summarised (default 100). */
  maxRows?: number;
  /** Characters of each dbt message shown (default 400). */
  messageMax?: number;
  /** The schema (and database) the PR built into, e.g. the pr-schema action's CI_PR_42. */
  schema?: string;
  database?: string;
  /**
   * The runner's work folder (GITHUB_WORKSPACE): paths under it are shown
   * relative, so the comment says `prod-state/` rather than
   * `/home/runner/work/repo/repo/prod-state`.
   */
  workspace?: string;
}

/** `text` with every absolute path under `workspace` made relative to it. */
export function relativePaths(text: string, workspace: string | undefined): string {
  if (!workspace) return text;
  const root = workspace.replace(/\/+$/, '');
  if (root.length < 2) return text;
  return text.split(`${root}/`).join('').split(root).join('.');
}

const ERROR_STATUSES = new Set(['error', 'fail', 'runtime error']);
const WARN_STATUSES = new Set(['warn']);
const SKIP_STATUSES = new Set(['skipped']);

function lookup(m: Manifest, id: string): { resource_type?: string; name?: string; original_file_path?: string } | undefined {
  return (m.nodes[id] ?? m.sources[id] ?? m.exposures[id] ?? m.metrics?.[id] ?? m.semantic_models?.[id] ?? m.saved_queries?.[id] ?? m.unit_tests?.[id] ?? m.functions?.[id]) as
    | { resource_type?: string; name?: string; original_file_path?: string }
    | undefined;
}

export function resourceType(m: Manifest, id: string): string {
  return lookup(m, id)?.resource_type ?? id.split('.')[0] ?? 'node';
}

export function isTest(m: Manifest, id: string): boolean {
  const t = resourceType(m, id);
  return t === 'test' || t === 'unit_test';
}

function statusIcon(status: string): string {
  if (ERROR_STATUSES.has(status)) return '❌';
  if (WARN_STATUSES.has(status)) return '⚠️';
  if (SKIP_STATUSES.has(status)) return '⏭️';
  return '✅';
}

function oneLine(msg: string | null | undefined, max = 400): string {
  if (!msg) return '';
  const flat = msg.replace(/\s+/g, ' ').trim();
  return escapeHtml(flat.length > max ? flat.slice(0, max - 1) + '…' : flat);
}

function capped<T>(rows: T[], max: number): { rows: T[]; rest: number } {
  return rows.length > max ? { rows: rows.slice(0, max), rest: rows.length - max } : { rows, rest: 0 };
}

/** Counts of run results by outcome. */
export function summariseResults(rr: RunResults | undefined): { total: number; errors: number; warnings: number; skipped: number; ok: number } {
  const r = rr?.results ?? [];
  const errors = r.filter((x) => ERROR_STATUSES.has(x.status)).length;
  const warnings = r.filter((x) => WARN_STATUSES.has(x.status)).length;
  const skipped = r.filter((x) => SKIP_STATUSES.has(x.status)).length;
  return { total: r.length, errors, warnings, skipped, ok: r.length - errors - warnings - skipped };
}

function rank(r: RunResult): number {
  if (ERROR_STATUSES.has(r.status)) return 0;
  if (WARN_STATUSES.has(r.status)) return 1;
  if (SKIP_STATUSES.has(r.status)) return 2;
  return 3;
}

function stateLine(input: ReportInput): string {
  const s = input.state;
  if (s.source === 'none') {
    return `> [!WARNING]\n> **FULL BUILD: no production state was found for target ${code(input.stateTarget)}**, so every node was built (\`on-missing-state: full-build\`). Save state after each production deploy (the slim-ci action with \`mode: save-state\`, or \`slipway state save\`) to get slim CI back.`;
  }
  const commit = s.sha ? ` at commit ${code(s.sha.slice(0, 12))}` : '';
  const run = s.runUrl ? ` ([deploy run](${s.runUrl}))` : '';
  const kind = s.source === 'cache' ? 'cache' : 'deploy-workflow artifact';
  return `**State:** production manifest for ${code(input.stateTarget)}${commit}, from the ${kind}${run}: ${escapeHtml(s.description)}.`;
}

/** Render the full report (not yet truncated). */
export function renderReport(input: ReportInput): string {
  const max = input.maxRows ?? 100;
  const m = input.manifest;
  const sum = summariseResults(input.runResults);
  const failed = input.dbtExitCode !== undefined && input.dbtExitCode !== 0;
  const verdict = input.nothingToBuild
    ? '✅ Nothing to build'
    : failed
      ? `❌ dbt failed${sum.total ? `: ${sum.errors} error${sum.errors === 1 ? '' : 's'}` : ` (exit code ${input.dbtExitCode})`}`
      : input.dbtExitCode === 0
        ? `✅ dbt succeeded${sum.warnings ? ` with ${sum.warnings} warning${sum.warnings === 1 ? '' : 's'}` : ''}`
        : '⏸️ dbt not run';
  const out: string[] = [];
  out.push(`### Slipway slim CI: ${verdict}${input.target ? ` (target ${code(input.target)})` : ''}`);
  out.push('');
  if (input.schema) {
    const where = input.database ? `${input.database}.${input.schema}` : input.schema;
    out.push(`**Built into:** ${code(where)} — this PR's own schema; query it to review the change. It is dropped when the PR closes.`, '');
  }
  out.push(relativePaths(stateLine(input), input.workspace));
  if (input.state.liveMismatch) {
    out.push('');
    out.push(`> [!WARNING]\n> The restored state is not the live deployment's manifest (sha256 ${code((input.state.manifestSha256 ?? '').slice(0, 12))} differs from what the last deploy recorded). The comparison may include or miss changes.`);
  }
  for (const w of [...input.state.warnings.filter((w) => !w.includes('building EVERYTHING')), ...(input.selectionWarnings ?? [])]) {
    out.push('', `> [!NOTE]\n> ${oneLine(w, 600)}`);
  }
  out.push('');

  const modifiedIds = Object.keys(input.modified).sort();
  const modSet = new Set(modifiedIds);
  const tests = input.tests ?? input.selected.filter((id) => isTest(m, id));
  const testSet = new Set(tests);
  const downstream = (input.downstream ?? input.selected).filter((id) => !modSet.has(id) && !testSet.has(id) && !isTest(m, id));

  if (input.nothingToBuild) {
    // dbt ran (dbtArgv) and found nothing to do: it does not connect then (checked with real dbt 1.11).
    const outcome = input.dbtArgv ? 'dbt had nothing to do and the warehouse was not touched' : 'dbt was not run and the warehouse was not touched';
    out.push(
      input.selected.length === 0
        ? `**Nothing to build:** no node differs from production state, so ${outcome}.`
        : `**Nothing to build:** the selection (${input.selected.length} node${input.selected.length === 1 ? '' : 's'}) has nothing the dbt command runs, so ${outcome}.`,
    );
  } else if (input.fullBuild) {
    out.push(`**${input.toRun.length}** nodes built (full build).`);
  } else {
    const modNodes = modifiedIds.filter((id) => !testSet.has(id) && !isTest(m, id)).length;
    const modTests = modifiedIds.length - modNodes;
    out.push(
      `**${input.selected.length}** selected: **${modNodes}** modified, **${downstream.length}** downstream, **${tests.length}** test${tests.length === 1 ? '' : 's'}` +
        (modTests ? ` (${modTests} of them new or changed)` : '') +
        '.',
    );
  }

  // Results, errors first.
  let succeeded: string | undefined;
  if (input.runResults && input.runResults.results.length) {
    const results = [...input.runResults.results].sort((a, b) => rank(a) - rank(b) || a.unique_id.localeCompare(b.unique_id));
    const bad = results.filter((r) => rank(r) < 3);
    const good = results.filter((r) => rank(r) === 3);
    out.push('');
    out.push(`#### Results: ${sum.ok} passed, ${sum.errors} failed, ${sum.warnings} warned, ${sum.skipped} skipped`);
    const row = (r: RunResult) => [
      `${statusIcon(r.status)} ${r.status}`,
      code(r.unique_id),
      typeof r.execution_time === 'number' ? `${r.execution_time.toFixed(1)}s` : '',
      oneLine(relativePaths(r.message ?? '', input.workspace), input.messageMax ?? 400),
    ];
    if (bad.length) {
      const c = capped(bad, max);
      out.push('', table(['status', 'node', 'time', 'message'], c.rows.map(row)));
      if (c.rest) out.push('', `…and ${c.rest} more not shown.`);
    }
    if (good.length) {
      const c = capped(good, max);
      const body = table(['status', 'node', 'time', 'message'], c.rows.map(row)) + (c.rest ? `\n\n…and ${c.rest} more not shown.` : '');
      // Shown after the modified nodes: when a long report is cut, successes are what goes first.
      succeeded = details(`${good.length} succeeded`, body, { open: bad.length === 0 && good.length <= 20 });
    }
  } else if (failed) {
    out.push('', `dbt exited with code ${input.dbtExitCode} before writing run_results.json; see the job log.`);
  }

  if (!input.fullBuild && modifiedIds.length) {
    const c = capped(modifiedIds, max);
    const body =
      table(
        ['node', 'type', 'why'],
        c.rows.map((id) => [code(id), resourceType(m, id), reasonText(input.modified[id] ?? [], input.changedConfigs?.[id])]),
      ) + (c.rest ? `\n\n…and ${c.rest} more not shown.` : '');
    out.push('', details(`Modified (${modifiedIds.length})`, body, { open: modifiedIds.length <= 30 }));
  }
  if (succeeded) out.push('', succeeded);
  if (!input.fullBuild && downstream.length) {
    const c = capped(downstream, max);
    const body = c.rows.map((id) => `- ${code(id)}`).join('\n') + (c.rest ? `\n- …and ${c.rest} more` : '');
    out.push('', details(`Downstream (${downstream.length})`, body));
  }
  if (!input.fullBuild && tests.length) {
    const c = capped(tests, max);
    const body = c.rows.map((id) => `- ${code(id)}`).join('\n') + (c.rest ? `\n- …and ${c.rest} more` : '');
    out.push('', details(`Tests (${tests.length})`, body));
  }
  if (input.dbtArgv) {
    out.push('', details('dbt command', codeBlock(input.dbtArgv.map((a) => shellQuoteForDisplay(relativePaths(a, input.workspace))).join(' '), 'sh')));
  }
  if (input.runUrl) out.push('', `<sub>[Workflow run](${input.runUrl}) · Slipway slim CI</sub>`);
  return out.join('\n') + '\n';
}

/** The reasons a node is modified, with the config keys that changed: `body, configs (materialized, tags)`. */
export function reasonText(reasons: readonly string[], configKeys: readonly string[] | undefined): string {
  return reasons.map((r) => (r === 'configs' && configKeys?.length ? `configs (${configKeys.map(escapeHtml).join(', ')})` : r)).join(', ');
}

/** Quote an argument for display only (nothing is ever run through a shell). */
export function shellQuoteForDisplay(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The report cut to fit a PR comment (the marker is added by the reporter). */
export function renderForComment(input: ReportInput): string {
  // Leave room for the reporter's hidden marker.
  return truncateMarkdown(renderReport({ maxRows: 50, messageMax: 300, ...input }), {
    limit: GITHUB_LIMITS.commentBody - 200,
    fullReportAt: input.runUrl ? `the job summary of [this run](${input.runUrl})` : 'the job summary',
  }).text;
}

/** The job summary (GitHub allows 1 MiB per step; keep a margin). */
export function renderForSummary(input: ReportInput): string {
  return truncateMarkdown(renderReport({ ...input, maxRows: Math.max(input.maxRows ?? 100, 1000), messageMax: Math.max(input.messageMax ?? 400, 2000) }), { limit: 1_000_000, measure: 'utf8' }).text;
}

/**
 * The posted comment with the impact section (shared/impact) appended. The
 * slim CI part is cut first, so the section always survives GitHub's limit;
 * a section bigger than half the limit is cut too.
 */
export function withImpactSection(commentBody: string, impactSection: string, runUrl?: string): string {
  const limit = GITHUB_LIMITS.commentBody - 200;
  const fullReportAt = runUrl ? `the job summary of [this run](${runUrl})` : 'the job summary';
  const section = truncateMarkdown(impactSection, { limit: Math.floor(limit / 2), fullReportAt }).text;
  const head = truncateMarkdown(commentBody.replace(/\s+$/, ''), { limit: limit - section.length - 2, fullReportAt }).text;
  return `${head}\n\n${section}`;
}
