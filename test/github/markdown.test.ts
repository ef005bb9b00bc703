import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { code, codeBlock, commentMarker, details, escapeCell, GITHUB_LIMITS, measureText, table, truncateMarkdown } from '../../shared/github/markdown.js';

/** Structural checks a rendered report must pass after truncation. */
function assertWellFormed(md: string): void {
  // Code fences balanced (``` and ~~~ counted at line starts, same rules as the truncator).
  let open: string | undefined;
  for (const line of md.split('\n')) {
    const m = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) continue;
    if (!open) {
      if (!(m[1]![0] === '`' && m[2]!.includes('`'))) open = m[1]!;
    } else if (m[1]![0] === open[0] && m[1]!.length >= open.length && m[2]!.trim() === '') open = undefined;
  }
  expect(open, 'unclosed code fence').toBeUndefined();
  // HTML comments: every <!-- has its -->.
  const opens = md.split('<!--').length - 1;
  const closes = md.split('-->').length - 1;
  expect(closes).toBeGreaterThanOrEqual(opens);
  // <details> balanced.
  expect((md.match(/<details[\s>]/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
}

describe('truncateMarkdown', () => {
  it('returns text that fits unchanged', () => {
    const r = truncateMarkdown('# Report\n\nall good', { limit: 100 });
    expect(r).toEqual({ text: '# Report\n\nall good', truncated: false, omittedSize: 0, omittedLines: 0 });
  });

  it('closes a code fence it cuts into and says how much was cut and where the rest is', () => {
    const sql = Array.from({ length: 5000 }, (_, i) => `select ${i} as col_${i} from analytics.model_${i};`).join('\n');
    const md = `# Plan\n\n\`\`\`sql\n${sql}\n\`\`\`\n\n## After\n`;
    const r = truncateMarkdown(md, { limit: 10_000, fullReportAt: 'the job summary of [run 7](https://github.com/o/r/actions/runs/7)' });
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(10_000);
    expect(r.text.length).toBeGreaterThan(9_000); // keeps as much as it can
    assertWellFormed(r.text);
    expect(r.text).toMatch(/the last [\d,]+ characters \([\d,]+ lines\) were cut\. The full report is in the job summary of \[run 7\]/);
    expect(r.omittedSize).toBe(md.length - md.split('\n').slice(0, md.split('\n').length - r.omittedLines).join('\n').length);
    // The note follows a closed fence, so it renders as a note, not as code.
    const beforeNote = r.text.slice(0, r.text.indexOf('\n\n---\n> [!NOTE]'));
    expect(beforeNote.trimEnd().endsWith('```')).toBe(true);
  });

  it('uses a closing fence as long as the opening one (4 backticks, tildes)', () => {
    for (const fence of ['````', '~~~']) {
      const md = `${fence}text\n${'x'.repeat(50) + '\n'}`.repeat(1) + 'line\n'.repeat(3000) + fence;
      const r = truncateMarkdown(md, { limit: 2000 });
      assertWellFormed(r.text);
      expect(r.text).toContain(`\n${fence}\n`);
    }
  });

  it('never cuts inside an HTML comment', () => {
    const hidden = Array.from({ length: 2000 }, (_, i) => `hidden line ${i}`).join('\n');
    const md = `visible start\n<!-- machine data\n${hidden}\n-->\nvisible end\n`;
    const r = truncateMarkdown(md, { limit: 5000 });
    assertWellFormed(r.text);
    expect(r.text.startsWith('visible start\n')).toBe(true);
    expect(r.text).not.toContain('hidden line');
  });

  it('cuts tables only between rows and keeps the header with its delimiter row', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`model_${i}`, 'view', `a|b ${i}`]);
    const md = `intro\n\n${table(['Model', 'Kind', 'Note'], rows)}\n`;
    const r = truncateMarkdown(md, { limit: 8000 });
    const tableLines = r.text.split('\n').filter((l) => l.startsWith('|'));
    expect(tableLines.length).toBeGreaterThan(10);
    expect(tableLines[1]).toBe('| --- | --- | --- |');
    for (const l of tableLines) expect(l.replace(/\\\|/g, '').split('|').length).toBe(5);
    // Whatever the limit, a header line never ends up without its delimiter row.
    const small = `intro\n${table(['A', 'B'], [['1', '2']])}\n` + 'z'.repeat(1000);
    const cuts = new Set<string>();
    for (let limit = 60; limit < 300; limit++) {
      const t = truncateMarkdown(small, { limit }).text;
      const kept = t.slice(0, t.indexOf('\n\n---'));
      cuts.add(kept);
      if (kept.includes('| A | B |')) expect(kept).toContain('| A | B |\n| --- | --- |');
    }
    expect(cuts).toContain('intro'); // it did cut right before the table at some limit
  });

  it('closes <details> it cuts into', () => {
    const body = Array.from({ length: 2000 }, (_, i) => `- item ${i}`).join('\n');
    const md = `summary\n\n${details('All 2000 models', body)}\n\ntrailer`;
    const r = truncateMarkdown(md, { limit: 3000 });
    assertWellFormed(r.text);
    expect(r.text).toContain('</details>');
  });

  it('counts bytes for check runs (multi-byte text)', () => {
    const md = '✅ model ok\n'.repeat(20_000);
    const r = truncateMarkdown(md, { limit: GITHUB_LIMITS.checkRunText, measure: 'utf8' });
    expect(Buffer.byteLength(r.text, 'utf8')).toBeLessThanOrEqual(GITHUB_LIMITS.checkRunText);
    expect(r.text).toMatch(/[\d,]+ bytes/);
  });

  it('cuts a single enormous line at a safe point', () => {
    const md = 'word '.repeat(50_000);
    const r = truncateMarkdown(md, { limit: 1000 });
    expect(r.text.length).toBeLessThanOrEqual(1000);
    expect(r.text.startsWith('word word')).toBe(true);
  });

  it('holds for arbitrary mixes of blocks and limits (property)', () => {
    const block = fc.oneof(
      fc.string({ maxLength: 200 }).map((s) => s.replace(/[`~<|]/g, '')),
      fc.array(fc.string({ maxLength: 40 }), { maxLength: 30 }).map((ls) => '```sql\n' + ls.map((l) => l.replace(/[`~]/g, '')).join('\n') + '\n```'),
      fc.array(fc.string({ maxLength: 40 }), { maxLength: 30 }).map((ls) => '<!--\n' + ls.map((l) => l.replace(/-->|<!--/g, '')).join('\n') + '\n-->'),
      fc.array(fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })), { maxLength: 30 }).map((rs) => table(['a', 'b'], rs)),
      fc.array(fc.string({ maxLength: 40 }), { maxLength: 20 }).map((ls) => details('more', ls.map((l) => l.replace(/[`~<>]/g, '')).join('\n'))),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 30 }), fc.integer({ min: 300, max: 6000 }), fc.constantFrom<'utf16' | 'utf8'>('utf16', 'utf8'), (blocks, limit, measure) => {
        const md = blocks.join('\n\n');
        const r = truncateMarkdown(md, { limit, measure, fullReportAt: 'the job summary' });
        expect(measureText(r.text, measure)).toBeLessThanOrEqual(limit);
        if (!r.truncated) expect(r.text).toBe(md);
        else assertWellFormed(r.text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('table, details, code', () => {
  it('escapes pipes and newlines in cells and pads ragged rows', () => {
    expect(table(['Name', 'Value'], [['a|b', 'line1\nline2'], ['only']], { align: [undefined, 'right'] })).toBe(
      ['| Name | Value |', '| --- | ---: |', '| a\\|b | line1<br>line2 |', '| only |  |'].join('\n'),
    );
    expect(escapeCell(null)).toBe('');
    expect(escapeCell(42)).toBe('42');
    expect(escapeCell({ a: 1 })).toBe('{"a":1}');
  });

  it('renders details with a blank line so Markdown works inside, and escapes the summary', () => {
    expect(details('3 < 4 models', '- a', { open: true })).toBe('<details open><summary>3 &lt; 4 models</summary>\n\n- a\n\n</details>');
  });

  it('makes code spans and blocks that survive backticks', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(codeBlock('```\ninner\n```', 'md')).toBe('````md\n```\ninner\n```\n````');
  });

  it('builds markers that cannot break out of an HTML comment', () => {
    expect(commentMarker('slim-ci')).toBe('<!-- slipway:slim-ci -->');
    expect(commentMarker('pr-schema/analytics')).toBe('<!-- slipway:pr-schema/analytics -->');
    for (const bad of ['', 'a--b', 'x -->', 'a b', '-x']) expect(() => commentMarker(bad)).toThrow(/marker/);
  });
});
