/**
 * Markdown helpers for PR comments, check runs and job summaries.
 *
 * GitHub rejects a comment body over 65,536 characters and a check-run
 * `output.summary`/`output.text` over 65,535 (a 422, i.e. no report at all),
 * so every report goes through `truncateMarkdown` before it is sent. A naive
 * `slice()` can leave an open code fence (the rest of the page renders as
 * code), an open HTML comment (the rest disappears) or half a table row;
 * `truncateMarkdown` cuts only at line boundaries, never inside an HTML
 * comment or between a table's header and delimiter rows, closes any code
 * fence and `<details>` it cut into, and appends a note saying how much was
 * cut and where the full report is.
 */

/** GitHub's documented limits. */
export const GITHUB_LIMITS = {
  /** Issue / PR comment body (characters). */
  commentBody: 65_536,
  /** Check run output.summary and output.text (GitHub's schema says 65,535; some report it as bytes). */
  checkRunText: 65_535,
  /** Annotation message and raw_details: 64 KB. */
  annotationMessage: 65_535,
  /** Annotation title. */
  annotationTitle: 255,
  /** Annotations per create/update request. */
  annotationsPerRequest: 50,
} as const;

/**
 * How to measure length: `utf16` is JavaScript's `string.length` (never
 * smaller than the character count GitHub uses for comments); `utf8` counts
 * bytes (the conservative reading of the check-run limit).
 */
export type Measure = 'utf16' | 'utf8';

export function measureText(text: string, measure: Measure): number {
  return measure === 'utf8' ? Buffer.byteLength(text, 'utf8') : text.length;
}

export interface TruncateOptions {
  /** Maximum size of the result, note included. */
  limit: number;
  measure?: Measure;
  /**
   * Where the full report can be read, completing the sentence "The full
   * report is in …", e.g. "the job summary of [run 42](https://…)" or "the
   * `slim-ci-report` artifact". Omitted: the note only says what was cut.
   */
  fullReportAt?: string;
}

export interface TruncateResult {
  text: string;
  truncated: boolean;
  /** Characters (in the chosen measure) of the original that were left out. */
  omittedSize: number;
  /** Whole lines of the original that were left out. */
  omittedLines: number;
}

interface Fence {
  indent: string;
  marker: string; // e.g. ``` or ~~~~
}

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})(.*)$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;

/** Per-line parse state: what is open *after* each line, and where cutting is allowed. */
interface LineState {
  /** Open code fence after this line (closing it is needed if we cut here). */
  fence?: Fence;
  /** Inside an unterminated HTML comment after this line: cutting here would hide everything after. */
  inComment: boolean;
  /** Open `<details>` elements after this line. */
  detailsDepth: number;
  /** This line is a table header whose next line is the delimiter row: don't cut between them. */
  tableHeader: boolean;
}

function scanLines(lines: string[]): LineState[] {
  const states: LineState[] = [];
  let fence: Fence | undefined;
  let inComment = false;
  let details = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const m = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      if (m && m[1]![0] === fence.marker[0] && m[1]!.length >= fence.marker.length) fence = undefined;
    } else if (inComment) {
      const end = line.indexOf('-->');
      if (end >= 0) {
        inComment = false;
        const rest = line.slice(end + 3);
        ({ inComment, details } = scanHtml(rest, details));
      }
    } else {
      const m = FENCE_OPEN.exec(line);
      if (m && !(m[2]![0] === '`' && m[3]!.includes('`'))) {
        fence = { indent: line.slice(0, line.length - line.trimStart().length), marker: m[2]! };
      } else {
        ({ inComment, details } = scanHtml(stripCodeSpans(line), details));
      }
    }
    const next = lines[i + 1];
    const tableHeader = !fence && !inComment && /^\s*\|/.test(line) && next !== undefined && TABLE_DELIMITER.test(next) && next.includes('-');
    states.push({ fence: fence ? { ...fence } : undefined, inComment, detailsDepth: details, tableHeader });
  }
  return states;
}

/** Inline code spans can contain `<!--` or `<details>` as text; they don't count. */
function stripCodeSpans(line: string): string {
  return line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
}

function scanHtml(text: string, details: number): { inComment: boolean; details: number } {
  let rest = text;
  let d = details;
  for (;;) {
    const open = rest.indexOf('<!--');
    const segment = open >= 0 ? rest.slice(0, open) : rest;
    d += (segment.match(/<details[\s>]/gi) ?? []).length;
    d = Math.max(0, d - (segment.match(/<\/details\s*>/gi) ?? []).length);
    if (open < 0) return { inComment: false, details: d };
    const close = rest.indexOf('-->', open + 4);
    if (close < 0) return { inComment: true, details: d };
    rest = rest.slice(close + 3);
  }
}

function closingSuffix(state: LineState | undefined): string {
  if (!state) return '';
  let s = '';
  if (state.fence) s += `\n${state.fence.indent}${state.fence.marker}`;
  for (let i = 0; i < state.detailsDepth; i++) s += '\n\n</details>';
  return s;
}

function formatSize(n: number, measure: Measure): string {
  const unit = measure === 'utf8' ? 'bytes' : 'characters';
  return `${n.toLocaleString('en-US')} ${unit}`;
}

function truncationNote(omittedSize: number, omittedLines: number, measure: Measure, fullReportAt?: string): string {
  const lines = omittedLines > 0 ? ` (${omittedLines.toLocaleString('en-US')} ${omittedLines === 1 ? 'line' : 'lines'})` : '';
  const where = fullReportAt ? ` The full report is in ${fullReportAt}.` : '';
  return `\n\n---\n> [!NOTE]\n> This report was too long for GitHub and was truncated: the last ${formatSize(omittedSize, measure)}${lines} were cut.${where}\n`;
}

/**
 * Cut `markdown` to at most `limit` (note included) without breaking its
 * markup. Returns the input unchanged when it fits.
 */
export function truncateMarkdown(markdown: string, opts: TruncateOptions): TruncateResult {
  const measure = opts.measure ?? 'utf16';
  const total = measureText(markdown, measure);
  if (total <= opts.limit) return { text: markdown, truncated: false, omittedSize: 0, omittedLines: 0 };

  const lines = markdown.split('\n');
  const states = scanLines(lines);
  // The note's own size depends on the numbers in it; reserve for the widest.
  const reserve = measureText(truncationNote(total, lines.length, measure, opts.fullReportAt), measure);
  const budget = opts.limit - reserve;
  if (budget <= 0) {
    const note = truncationNote(total, lines.length, measure, opts.fullReportAt).trimStart();
    return { text: hardCut(note, opts.limit, measure), truncated: true, omittedSize: total, omittedLines: lines.length };
  }

  // Walk line by line; remember the best cut point that fits with its closing suffix.
  let best = -1; // number of whole lines kept
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    size += measureText(lines[i]!, measure) + (i > 0 ? 1 : 0);
    if (size > budget) break;
    const st = states[i]!;
    if (st.inComment || st.tableHeader) continue;
    if (size + measureText(closingSuffix(st), measure) <= budget) best = i + 1;
  }

  let kept: string;
  let keptLines: number;
  if (best > 0) {
    kept = lines.slice(0, best).join('\n').replace(/\s+$/, '') + closingSuffix(states[best - 1]);
    keptLines = best;
  } else {
    // Not even the first line fits: cut it at a word boundary, outside any markup.
    kept = hardCut(lines[0]!, budget, measure);
    keptLines = 0;
  }
  const keptOriginal = best > 0 ? lines.slice(0, best).join('\n') : '';
  const omittedSize = total - measureText(keptOriginal, measure);
  const omittedLines = lines.length - keptLines;
  return {
    text: kept + truncationNote(omittedSize, omittedLines, measure, opts.fullReportAt),
    truncated: true,
    omittedSize,
    omittedLines,
  };
}

/** Cut a single line of plain text to `limit`, at a space if there is one near the end, never splitting a surrogate pair, dropping any unterminated `<`/backtick construct. */
function hardCut(text: string, limit: number, measure: Measure): string {
  if (limit <= 0) return '';
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measureText(text.slice(0, mid), measure) <= limit) lo = mid;
    else hi = mid - 1;
  }
  let cut = text.slice(0, lo);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.8) cut = cut.slice(0, space);
  const lt = cut.lastIndexOf('<');
  if (lt >= 0 && cut.indexOf('>', lt) < 0) cut = cut.slice(0, lt);
  if ((cut.match(/`/g) ?? []).length % 2 === 1) cut = cut.slice(0, cut.lastIndexOf('`'));
  return cut;
}

/** Escape one table cell: `|` and backslashes before it, newlines as `<br>`. */
export function escapeCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, '<br>');
}

export type Align = 'left' | 'center' | 'right';

/** A GitHub-flavoured Markdown table. Cells are escaped (pipes, newlines); ragged rows are padded. */
export function table(headers: readonly string[], rows: readonly (readonly unknown[])[], opts: { align?: readonly (Align | undefined)[] } = {}): string {
  if (headers.length === 0) throw new Error('table() needs at least one header');
  const delim = headers.map((_, i) => {
    const a = opts.align?.[i];
    return a === 'center' ? ':---:' : a === 'right' ? '---:' : a === 'left' ? ':---' : '---';
  });
  const row = (cells: readonly unknown[]) => `| ${headers.map((_, i) => escapeCell(cells[i])).join(' | ')} |`;
  return [row(headers), `| ${delim.join(' | ')} |`, ...rows.map(row)].join('\n');
}

/** Escape text for use inside HTML (a `<summary>`, an attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A collapsible section. The blank lines let GitHub render Markdown inside. */
export function details(summary: string, body: string, opts: { open?: boolean } = {}): string {
  return `<details${opts.open ? ' open' : ''}><summary>${escapeHtml(summary)}</summary>\n\n${body.replace(/\s+$/, '')}\n\n</details>`;
}

/** An inline code span that survives backticks in the content. */
export function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const n = runs.reduce((m, r) => Math.max(m, r.length), 0) + 1;
  const ticks = '`'.repeat(n);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text.replace(/\n/g, ' ')}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, lang = ''): string {
  const runs = text.match(/^\s*`{3,}/gm) ?? [];
  const n = Math.max(3, ...runs.map((r) => r.trim().length + 1));
  const fence = '`'.repeat(n);
  return `${fence}${lang}\n${text.replace(/\s+$/, '')}\n${fence}`;
}

/** Escape Markdown punctuation in plain text (names, messages) so it renders literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>()#+!|~])/g, '\\$1');
}

/** The hidden marker that identifies a Slipway sticky comment. */
export function commentMarker(marker: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/:]*(-[A-Za-z0-9._/:]+)*$/.test(marker)) {
    throw new Error(`Invalid sticky-comment marker '${marker}': use letters, digits, '.', '_', '/', ':' and single '-'.`);
  }
  return `<!-- slipway:${marker} -->`;
}
