/**
 * Renderers for a PolicyReport: text (people), json (tooling), github
 * (workflow-command annotations), sarif (code scanning, SARIF 2.1.0), junit
 * (test reporters), and Markdown (job summary / PR comment).
 */
import { isAbsolute, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, PolicyReport } from './engine.js';

export const POLICY_FORMATS = ['text', 'json', 'github', 'sarif', 'junit'] as const;
export type PolicyFormat = (typeof POLICY_FORMATS)[number];

const TOOL_NAME = 'slipway-grant-policy';
const INFO_URI = 'https://github.com/slipway-dev/slipway/blob/main/docs/grant-policy.md';

function actionText(f: Finding): string {
  if (f.actions.length === 0) return f.type === 'policy-exception' ? 'config' : 'state';
  return f.actions.join('+');
}

function verdictLine(r: PolicyReport): string {
  const s = r.summary;
  const counts = `${s.deny} deny, ${s.warn} warn, ${s.excepted} excepted`;
  const what = `${s.plans.length} ${s.plans.length === 1 ? (s.plans[0]!.kind === 'state' ? 'state' : 'plan') : 'files'}, ${s.resources} resources, ${s.changes} changes`;
  const why = s.result === 'fail' ? (s.deny > 0 ? 'FAIL' : 'FAIL (--fail-on-warn)') : 'PASS';
  return `${what}: ${counts}. ${why}`;
}

export function formatText(r: PolicyReport): string {
  const lines: string[] = [];
  const groups: [string, Finding[]][] = [
    ['deny', r.findings.filter((f) => !f.excepted && f.level === 'deny')],
    ['warn', r.findings.filter((f) => !f.excepted && f.level === 'warn')],
    ['excepted', r.findings.filter((f) => f.excepted)],
  ];
  const multi = r.summary.plans.length > 1;
  for (const [name, fs] of groups) {
    if (!fs.length) continue;
    lines.push(`${name.toUpperCase()} (${fs.length})`);
    for (const f of fs) {
      const where = multi && f.environment ? `[${f.environment}] ` : '';
      lines.push(`  ${f.rule}  ${where}${f.address} (${actionText(f)})`);
      lines.push(`    ${f.message}`);
      if (f.excepted) lines.push(`    excepted: ${f.excepted.reason} (until ${f.excepted.expires})`);
      else lines.push(`    fix: ${f.remediation}`);
    }
    lines.push('');
  }
  for (const w of r.warnings) lines.push(`note: ${w}`);
  if (r.findings.length === 0) lines.push('No findings.');
  lines.push(verdictLine(r));
  return lines.join('\n') + '\n';
}

export function reportJson(r: PolicyReport): { findings: Finding[]; summary: PolicyReport['summary']; warnings: string[] } {
  return { findings: r.findings, summary: r.summary, warnings: r.warnings };
}

export function formatJson(r: PolicyReport): string {
  return JSON.stringify(reportJson(r), null, 2) + '\n';
}

// ------------------------------------------------------------------ GitHub workflow commands

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,title=…::message` per finding (excepted ones as notices). */
export function formatGithub(r: PolicyReport): string {
  const out: string[] = [];
  for (const f of r.findings) {
    const cmd = f.excepted ? 'notice' : f.level === 'deny' ? 'error' : 'warning';
    const props = [`file=${escapeProperty(f.plan)}`];
    if (f.line) props.push(`line=${f.line}`);
    props.push(`title=${escapeProperty(`${f.rule}${f.excepted ? ' (excepted)' : ''}: ${f.address}`)}`);
    const msg = `${f.message}${f.excepted ? ` Excepted: ${f.excepted.reason} (until ${f.excepted.expires}).` : ` Fix: ${f.remediation}`}`;
    out.push(`::${cmd} ${props.join(',')}::${escapeData(msg)}`);
  }
  out.push(verdictLine(r));
  return out.join('\n') + '\n';
}

// ------------------------------------------------------------------ SARIF 2.1.0

/** Code scanning maps locations relative to the repository root: make absolute paths inside the workspace relative. */
function artifactUri(file: string): string {
  const root = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const abs = isAbsolute(file) ? file : undefined;
  if (abs && relative(root, abs).startsWith('..')) return pathToFileURL(abs).href;
  const rel = abs ? relative(root, abs) : file;
  return rel.replace(/\\/g, '/').replace(/^\.\//, '');
}

export function sarifReport(r: PolicyReport): Record<string, unknown> {
  const ruleIndex = new Map(r.rules.map((m, i) => [m.id, i]));
  // Rules referenced by findings but filtered from r.rules (should not happen) are appended.
  const rules = r.rules.map((m) => ({
    id: m.id,
    name: m.id.replace(/(^|-)([A-Z0-9])([A-Z0-9]*)/g, (_s, _d, a: string, b: string) => a + b.toLowerCase()),
    shortDescription: { text: m.title },
    fullDescription: { text: m.description },
    help: { text: m.remediation, markdown: `**Fix:** ${m.remediation}` },
    helpUri: `${INFO_URI}#${m.id.toLowerCase()}`,
    defaultConfiguration: { level: m.level === 'deny' ? 'error' : 'warning' },
    properties: { tags: ['security', 'snowflake', 'terraform'] },
  }));
  for (const f of r.findings) {
    if (!ruleIndex.has(f.rule)) {
      ruleIndex.set(f.rule, rules.length);
      rules.push({ id: f.rule, name: f.rule, shortDescription: { text: f.title }, fullDescription: { text: f.title }, help: { text: f.remediation, markdown: f.remediation }, helpUri: INFO_URI, defaultConfiguration: { level: f.level === 'deny' ? 'error' : 'warning' }, properties: { tags: ['snowflake'] } });
    }
  }
  const results = r.findings.map((f) => {
    const res: Record<string, unknown> = {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule),
      level: f.level === 'deny' ? 'error' : 'warning',
      message: { text: `${f.address}: ${f.message}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: artifactUri(f.plan) }, region: { startLine: f.line ?? 1 } },
          logicalLocations: [{ fullyQualifiedName: f.address, kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'slipwayPolicy/v1': `${f.rule}|${f.address}|${f.environment}` },
      properties: { actions: f.actions, grantee: f.grantee, privileges: f.privileges, target: f.target, type: f.type, environment: f.environment, ...(f.unknown ? { unknown: f.unknown } : {}) },
    };
    if (f.excepted) res.suppressions = [{ kind: 'external', status: 'accepted', justification: `${f.excepted.reason} (until ${f.excepted.expires})` }];
    return res;
  });
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, informationUri: INFO_URI, semanticVersion: '0.1.0', rules } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export function formatSarif(r: PolicyReport): string {
  return JSON.stringify(sarifReport(r), null, 2) + '\n';
}

// ------------------------------------------------------------------ JUnit XML

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

/** One testsuite per plan, one testcase per finding; deny (and warn with fail-on-warn) are failures, excepted are skipped. */
export function formatJunit(r: PolicyReport): string {
  const failOnWarn = r.summary.failOnWarn;
  const byPlan = new Map<string, Finding[]>();
  for (const p of r.summary.plans) byPlan.set(p.file, []);
  for (const f of r.findings) {
    const l = byPlan.get(f.plan);
    if (l) l.push(f);
    else byPlan.set(f.plan, [f]);
  }
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  let skipped = 0;
  for (const [plan, fs] of byPlan) {
    const cases: string[] = [];
    let sf = 0;
    let ss = 0;
    for (const f of fs) {
      const name = xml(`${f.rule} ${f.address}`);
      const body = xml(`${f.message}\nFix: ${f.remediation}`);
      if (f.excepted) {
        ss++;
        cases.push(`    <testcase classname="${xml(f.rule)}" name="${name}"><skipped message="${xml(`excepted: ${f.excepted.reason} (until ${f.excepted.expires})`)}"/></testcase>`);
      } else if (f.level === 'deny' || failOnWarn) {
        sf++;
        cases.push(`    <testcase classname="${xml(f.rule)}" name="${name}"><failure message="${xml(f.message)}" type="${f.level}">${body}</failure></testcase>`);
      } else {
        cases.push(`    <testcase classname="${xml(f.rule)}" name="${name}"><system-out>${xml(`warn: ${f.message}`)}</system-out></testcase>`);
      }
    }
    if (fs.length === 0) cases.push(`    <testcase classname="grant-policy" name="${xml(`${plan}: no findings`)}"/>`);
    const tests = Math.max(fs.length, 1);
    total += tests;
    failures += sf;
    skipped += ss;
    suites.push(`  <testsuite name="${xml(plan)}" tests="${tests}" failures="${sf}" errors="0" skipped="${ss}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="grant-policy" tests="${total}" failures="${failures}" errors="0" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}

// ------------------------------------------------------------------ Markdown (job summary, PR comment)

function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Job summary / PR comment body: verdict, then a table per rule with its findings. */
export function formatMarkdown(r: PolicyReport, opts: { maxRows?: number } = {}): string {
  const s = r.summary;
  const maxRows = opts.maxRows ?? 200;
  const icon = s.result === 'pass' ? '✅' : '❌';
  const lines: string[] = [`### ${icon} Grant policy: ${s.result === 'pass' ? 'passed' : 'failed'}`, ''];
  lines.push(`**${s.deny}** deny · **${s.warn}** warn · **${s.excepted}** excepted${s.expiredExceptions ? ` · **${s.expiredExceptions}** expired exception(s)` : ''} — ${s.plans.map((p) => `\`${p.file}\`${s.plans.length > 1 ? ` (${p.environment})` : ''}`).join(', ')}: ${s.resources} resources, ${s.changes} changes${s.failOnWarn ? ' (fail-on-warn)' : ''}.`, '');
  if (r.findings.length === 0) {
    lines.push('No findings.');
    return lines.join('\n') + '\n';
  }
  const byRule = new Map<string, Finding[]>();
  for (const f of r.findings) {
    const l = byRule.get(f.rule);
    if (l) l.push(f);
    else byRule.set(f.rule, [f]);
  }
  const ordered = [...byRule.entries()].sort(([, a], [, b]) => rank(a) - rank(b));
  let rows = 0;
  let cut = 0;
  for (const [rule, fs] of ordered) {
    const t = s.rules[rule];
    const levelText = t ? `${t.deny} deny, ${t.warn} warn${t.excepted ? `, ${t.excepted} excepted` : ''}` : '';
    lines.push(`#### \`${rule}\` — ${md(fs[0]!.title)} (${levelText})`, '');
    lines.push('| Level | Address | Actions | Grantee | Privileges | Target | Finding |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const f of fs) {
      if (rows >= maxRows) {
        cut++;
        continue;
      }
      rows++;
      const lvl = f.excepted ? `excepted (${md(f.excepted.reason)}, until ${f.excepted.expires})` : f.level === 'deny' ? '❌ deny' : '⚠️ warn';
      const env = s.plans.length > 1 && f.environment ? ` (${md(f.environment)})` : '';
      lines.push(`| ${lvl} | \`${md(f.address)}\`${env} | ${actionText(f)} | ${md(f.grantee ?? '')} | ${md(f.privileges.join(', '))} | ${md(f.target ?? '')} | ${md(f.message)} |`);
    }
    lines.push('', `Fix: ${md(fs[0]!.remediation)}`, '');
  }
  if (cut) lines.push(`_${cut} more finding(s) not shown; see the JSON or SARIF output._`, '');
  for (const w of r.warnings) lines.push(`> ${md(w)}`);
  return lines.join('\n') + '\n';
}

function rank(fs: Finding[]): number {
  if (fs.some((f) => !f.excepted && f.level === 'deny')) return 0;
  if (fs.some((f) => !f.excepted)) return 1;
  return 2;
}

export function formatReport(r: PolicyReport, format: PolicyFormat): string {
  switch (format) {
    case 'json':
      return formatJson(r);
    case 'github':
      return formatGithub(r);
    case 'sarif':
      return formatSarif(r);
    case 'junit':
      return formatJunit(r);
    default:
      return formatText(r);
  }
}
