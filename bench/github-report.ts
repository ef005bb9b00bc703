/**
 * GitHub reporting: how long safe truncation takes on reports far over
 * GitHub's limits (a 10,000-model slim CI table, a 6.8 MB SQL plan), and how
 * many API requests a check run with many annotations costs.
 */
import { performance } from 'node:perf_hooks';
import { details, GITHUB_LIMITS, table, truncateMarkdown } from '../shared/github/markdown.js';

function time<T>(label: string, fn: () => T, runs = 5): T {
  let out!: T;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label}: median ${ms[Math.floor(ms.length / 2)]!.toFixed(1)} ms (min ${ms[0]!.toFixed(1)}, ${runs} runs)`);
  return out;
}

const rows = Array.from({ length: 10_000 }, (_, i) => [`model.analytics.fct_orders_${i}`, i % 7 === 0 ? 'modified' : 'downstream', `${(i * 37) % 900}s`, 'success']);
const tableReport = `## Slim CI\n\n${table(['Model', 'Why', 'Time', 'Status'], rows)}\n`;
const sql = Array.from({ length: 60_000 }, (_, i) => `CREATE OR REPLACE VIEW "ANALYTICS"."MARTS__NEXT"."V_${i}" AS SELECT * FROM "ANALYTICS"."MARTS__GREEN"."V_${i}";`).join('\n');
const planReport = `## Plan\n\n${details('SQL', '```sql\n' + sql + '\n```')}\n`;

console.log(`table report: ${(tableReport.length / 1e6).toFixed(2)} M chars; plan report: ${(planReport.length / 1e6).toFixed(2)} M chars`);
const a = time('truncate 10k-row table to a PR comment (utf16)', () => truncateMarkdown(tableReport, { limit: GITHUB_LIMITS.commentBody, fullReportAt: 'the job summary' }));
console.log(`  kept ${a.text.length} chars, cut ${a.omittedLines} lines`);
const b = time('truncate 6.8 MB SQL plan to a check-run summary (utf8)', () => truncateMarkdown(planReport, { limit: GITHUB_LIMITS.checkRunText, measure: 'utf8', fullReportAt: 'the job summary' }));
console.log(`  kept ${Buffer.byteLength(b.text)} bytes, cut ${b.omittedLines} lines`);
for (const n of [10, 50, 120, 1000]) console.log(`check run with ${n} annotations: ${1 + Math.max(1, Math.ceil(n / GITHUB_LIMITS.annotationsPerRequest))} requests (1 create + ${Math.max(1, Math.ceil(n / 50))} update)`);
