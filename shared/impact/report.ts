/**
 * The impact report as a compact Markdown section (one line per model, the
 * details folded; for the sticky PR comment and the job summary) and as plain
 * text for a shell. Sample values are shown only when they were opted in and
 * are never taken from a sensitive column (run.ts does not select them).
 */
import { code, details, escapeHtml, escapeMarkdown, table } from '../github/markdown.js';
import { rowLossPct } from './gate.js';
import type { ImpactReport, ModelImpact } from './types.js';

const n = (x: number): string => x.toLocaleString('en-US');
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function rowDelta(m: ModelImpact): string {
  if (!m.rows) return '';
  const { prod, pr } = m.rows;
  const d = prod ? ((pr - prod) / prod) * 100 : 0;
  return `rows ${n(prod)} → ${n(pr)}${prod && pr !== prod ? ` (${d > 0 ? '+' : ''}${d.toFixed(1)} %)` : ''}${m.rows.window ? ` in the ${m.rows.window.narrowed ? 'recent ' : ''}${m.rows.window.column} window` : ''}`;
}

function schemaBits(m: ModelImpact): string[] {
  const bits: string[] = [];
  const s = m.schema;
  if (s.removed.length) {
    const used = s.removed.filter((c) => c.usedBy.length);
    bits.push(`${s.removed.length} column(s) removed${used.length ? ` (${used.length} used downstream)` : ''}`);
  }
  if (s.added.length && m.status !== 'new') bits.push(`${s.added.length} added`);
  if (s.typeChanged.length) bits.push(`${s.typeChanged.length} type change(s)`);
  if (s.contract.length) bits.push(`${s.contract.length} contract change(s)`);
  return bits;
}

/** One line per model, without Markdown (icons kept). */
export function modelLine(m: ModelImpact, tripped: Set<string>): { icon: string; text: string } {
  const bits: string[] = [];
  let icon = '✅';
  if (m.status === 'new') {
    icon = '🆕';
    bits.push(`new (${m.schema.added.length} columns)`);
  } else if (m.status === 'skipped') {
    icon = '⏭️';
    bits.push(`not compared: ${m.notes[m.notes.length - 1] ?? 'skipped'}`);
  } else if (m.status === 'error') {
    icon = '⚠️';
    bits.push(m.notes[m.notes.length - 1] ?? 'error');
  } else {
    bits.push(rowDelta(m));
    if (m.keys) {
      const k = m.keys;
      bits.push(`keys +${n(k.added)} −${n(k.removed)} ~${n(k.changed)} changed`);
      if (k.prDuplicates) bits.push(`${n(k.prDuplicates)} duplicate key row(s)`);
      if (k.prNullKeys) bits.push(`${n(k.prNullKeys)} NULL key(s)`);
    } else bits.push('no key');
    const changed = m.columns.filter((c) => (c.changedValues ?? 0) > 0).length;
    if (changed) bits.push(`${changed} column(s) with changed values`);
    bits.push(...schemaBits(m));
    const loss = rowLossPct(m);
    if ((m.keys && (m.keys.prDuplicates || m.keys.prNullKeys)) || (loss ?? 0) > 0 || m.schema.removed.length || m.schema.typeChanged.length) icon = '⚠️';
  }
  if (tripped.has(m.name)) icon = '❌';
  return { icon, text: bits.filter(Boolean).join(' · ') };
}

function modelDetails(m: ModelImpact): string {
  const parts: string[] = [];
  parts.push(`PR ${code(m.prRelation)}${m.prodRelation ? ` vs production ${code(m.prodRelation)}` : ''}${m.reason === 'child' ? ' (child of a modified model)' : ''}`);
  if (m.rows?.window) {
    const w = m.rows.window;
    parts.push(`Compared window of ${code(w.column)}: ${escapeMarkdown(w.from ?? '—')} … ${escapeMarkdown(w.to ?? '—')}${m.rows.prodTotal !== undefined ? ` (whole relations: ${n(m.rows.prodTotal)} → ${n(m.rows.prTotal ?? 0)} rows)` : ''}`);
  }
  if (m.keys) {
    const k = m.keys;
    parts.push(`Key (${k.columns.map(code).join(', ')}, from ${k.from}): ${n(k.added)} added, ${n(k.removed)} removed, ${n(k.changed)} changed, ${n(k.unchanged)} unchanged; PR duplicates ${n(k.prDuplicates)} (production ${n(k.prodDuplicates)}), PR NULL keys ${n(k.prNullKeys)}`);
  }
  const s = m.schema;
  const schemaRows = [
    ...s.removed.map((c) => ['removed', c.name, c.type, c.usedBy.join(', ')]),
    ...(m.status === 'new' ? [] : s.added.map((c) => ['added', c.name, c.type, ''])),
    ...s.typeChanged.map((c) => ['type changed', c.name, `${c.from} → ${c.to}`, '']),
    ...s.contract.map((c) => ['contract', '', c, '']),
  ];
  if (schemaRows.length) parts.push(table(['Schema', 'Column', 'Type', 'Used by'], schemaRows));
  if (m.columns.length) {
    parts.push(
      table(
        ['Column', 'Changed values', 'NULL rate (prod → PR)', 'Distinct (prod → PR)'],
        m.columns.map((c) => [
          `${c.name}${c.sensitive ? ' 🔒' : ''}`,
          c.changedValues === undefined ? '' : n(c.changedValues),
          `${pct(c.prodNullRate ?? 0)} → ${pct(c.prNullRate ?? 0)}`,
          `${n(c.prodDistinct ?? 0)} → ${n(c.prDistinct ?? 0)}`,
        ]),
        { align: ['left', 'right', 'right', 'right'] },
      ),
    );
  }
  if (m.samples?.length) {
    parts.push(
      table(
        ['Sample', 'Key', 'Changed (prod → PR)'],
        m.samples.map((r) => [r.kind, r.key ? Object.values(r.key).join(', ') : '(sensitive)', Object.entries(r.values ?? {}).map(([c, [a, b]]) => `${c}: ${a ?? 'NULL'} → ${b ?? 'NULL'}`).join('; ')]),
      ),
    );
  }
  if (m.notes.length) parts.push(m.notes.map((x) => `- ${escapeMarkdown(x)}`).join('\n'));
  parts.push(`Cost: ${m.cost.statements} statement(s), ${n(m.cost.ms)} ms`);
  return parts.join('\n\n');
}

function receiptLine(r: ImpactReport['receipt']): string {
  const bits = [`Slipway ${r.slipway.statements} statement(s), ${(r.slipway.ms / 1000).toFixed(1)} s`];
  if (r.dbt) bits.push(`dbt ${r.dbt.nodes} node(s), ${r.dbt.seconds.toFixed(1)} s`);
  if (r.warehouse) bits.push(`warehouse ${r.warehouse.queries} tagged quer${r.warehouse.queries === 1 ? 'y' : 'ies'}, ${r.warehouse.executionSeconds.toFixed(1)} s executing, ~${r.warehouse.estimatedComputeCredits.toFixed(4)} compute + ${r.warehouse.cloudServicesCredits.toFixed(4)} cloud-services credits`);
  return bits.join(' · ');
}

/** The Markdown section: heading, one line per model, folded details, cost receipt, gate verdict. */
export function impactMarkdown(report: ImpactReport): string {
  const tripped = new Set(report.gate.tripped.map((t) => t.model));
  const out: string[] = ['### Data impact'];
  if (!report.models.length) out.push('No modified model to compare.');
  for (const m of report.models) {
    const l = modelLine(m, tripped);
    out.push(`- ${l.icon} ${code(m.name)} ${escapeHtml(l.text)}`.replace(/\s+$/, ''));
  }
  const withDetails = report.models.filter((m) => m.status !== 'skipped' || m.notes.length);
  if (withDetails.length) out.push('', details('Details per model', withDetails.map((m) => `#### ${escapeMarkdown(m.name)}\n\n${modelDetails(m)}`).join('\n\n')));
  out.push('', `<sub>Cost: ${escapeHtml(receiptLine(report.receipt))}${report.receipt.tag ? ` · tag ${code(report.receipt.tag)}` : ''}. Only aggregates left the warehouse.</sub>`);
  if (report.gate.rules.length) {
    out.push(
      '',
      report.gate.passed
        ? `**Impact gate passed** (${report.gate.rules.join(', ')}).`
        : `**Impact gate failed** (${report.gate.rules.join(', ')}):\n${report.gate.tripped.map((t) => `- ${code(t.model)}: ${escapeHtml(t.message)} (${t.rule})`).join('\n')}`,
    );
  }
  return out.join('\n');
}

/** Plain text for a shell. */
export function impactText(report: ImpactReport): string {
  const tripped = new Set(report.gate.tripped.map((t) => t.model));
  const out: string[] = [`Data impact (${report.models.length} model(s)):`];
  for (const m of report.models) {
    const l = modelLine(m, tripped);
    out.push(`  ${l.icon} ${m.name}: ${l.text}`);
    for (const c of m.schema.removed) out.push(`      removed column ${c.name} (${c.type})${c.usedBy.length ? ` used by ${c.usedBy.join(', ')}` : ''}`);
    for (const c of m.schema.typeChanged) out.push(`      ${c.name}: ${c.from} → ${c.to}`);
    for (const c of m.schema.contract) out.push(`      ${c}`);
  }
  out.push(`Cost: ${receiptLine(report.receipt)}`);
  if (report.receipt.note) out.push(`  (${report.receipt.note})`);
  if (report.gate.rules.length) {
    out.push(report.gate.passed ? `Gate passed (${report.gate.rules.join(', ')}).` : `Gate FAILED (${report.gate.rules.join(', ')}):`);
    for (const t of report.gate.tripped) out.push(`  ${t.model}: ${t.message} [${t.rule}]`);
  }
  return out.join('\n');
}
