/** Text, JSON and Markdown renderings of deploy results (CLI, action outputs, job summary). */
import type { CheckResult } from './checks.js';
import type { CutoverResult, PrepareResult } from './deploy.js';
import type { DeployRecord, LockInfo } from './state.js';

/** The keys shared by `--format json` and the action outputs. */
export function deployOutputs(r: PrepareResult | CutoverResult): Record<string, string> {
  return {
    colour: r.colour,
    'schema-suffix': r.schemaSuffix,
    'deploy-id': r.deployId,
    'previous-colour': r.previousColour ?? '',
    schemas: r.schemas.join(','),
  };
}

export function deployJson(r: PrepareResult | CutoverResult): Record<string, unknown> {
  const base = { ...deployOutputs(r), schemas: r.schemas, 'previous-colour': r.previousColour, environment: r.environment, 'published-schemas': r.published, 'previous-deploy-id': r.previousDeployId };
  if ('checks' in r) return { ...base, status: 'LIVE', models: r.models, checks: r.checks, 'swap-statements': r.swapStatements, 'swap-window-ms': r.swapWindowMs, 'cutover-scope': r.scope, ...(r.databases ? { databases: r.databases } : {}), 'grants-mirrored': r.grantsMirrored, 'duration-ms': r.durationMs };
  return { ...base, status: 'STARTED' };
}

export function prepareText(r: PrepareResult): string {
  return [
    `deploy ${r.deployId} (${r.environment}) STARTED`,
    `  build colour:   ${r.colour} (suffix ${r.schemaSuffix})`,
    `  build into:     ${r.schemas.join(', ')}`,
    `  live colour:    ${r.previousColour ?? 'none (first deploy)'}`,
    `  next: run dbt with SLIPWAY_SCHEMA_SUFFIX=${r.schemaSuffix}, then \`slipway deploy cutover --environment ${r.environment}\``,
  ].join('\n');
}

export function cutoverText(r: CutoverResult): string {
  return [
    `deploy ${r.deployId} (${r.environment}) is LIVE`,
    `  colour:   ${r.colour} (was ${r.previousColour ?? 'none'})`,
    `  views:    ${r.models} in ${r.published.join(', ')}`,
    `  swap:     ${r.swapStatements} statement(s)${r.databases ? ` (database scope: ${r.databases.published} ⇄ ${r.databases.next})` : ''}${r.swapWindowMs ? `, ${r.swapWindowMs} ms between the first and the last` : ''}; ${r.grantsMirrored} grant(s) mirrored`,
    `  took:     ${r.durationMs} ms`,
    ...r.checks.map((c) => `  check ${c.status.padEnd(4)} ${c.name}: ${c.message}`),
  ].join('\n');
}

const ICON: Record<CheckResult['status'], string> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '➖' };
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function checksMarkdown(checks: CheckResult[]): string {
  const rows = checks.map((c) => `| ${ICON[c.status]} | \`${cell(c.name)}\` | ${cell(c.message)}${c.items?.length ? `<br>${c.items.slice(0, 10).map((i) => cell(i)).join('<br>')}${c.items.length > 10 ? `<br>… ${c.items.length - 10} more` : ''}` : ''} |`);
  return ['| | Check | Result |', '|---|---|---|', ...rows].join('\n');
}

export function cutoverMarkdown(r: CutoverResult): string {
  return [
    `### 🚢 Deploy \`${r.deployId}\` is live in \`${r.environment}\``,
    '',
    `Consumers now read the **${r.colour}** colour (${r.models} views in ${r.published.map((p) => `\`${p}\``).join(', ')}), previously **${r.previousColour ?? 'none'}**. ` +
      `Cutover: ${r.swapStatements} swap statement(s)${r.databases ? ` (one database swap: \`${r.databases.published}\` ⇄ \`${r.databases.next}\`)` : ''}, ${r.grantsMirrored} grant(s) mirrored, ${r.durationMs} ms.`,
    '',
    checksMarkdown(r.checks),
    '',
    r.previousDeployId ? `Roll back with \`slipway rollback --environment ${r.environment} --reason "…"\` (back to \`${r.previousDeployId}\`).` : '',
  ].join('\n');
}

export function failedMarkdown(deployId: string, environment: string, checks: CheckResult[]): string {
  return [`### ❌ Deploy \`${deployId}\` was not cut over in \`${environment}\``, '', 'Consumers still read the previous colour. Failed checks:', '', checksMarkdown(checks)].join('\n');
}

export function statusText(s: { environment: string; initialised: boolean; live: DeployRecord | null; lock: LockInfo | null; recent: Omit<DeployRecord, 'events'>[] }): string {
  if (!s.initialised) return `environment ${s.environment}: nothing deployed yet (no DEPLOY_STATE)`;
  const lines = [
    `environment ${s.environment}`,
    `  live:  ${s.live ? `${s.live.deployId} (${s.live.colour}, git ${s.live.gitSha ?? '?'}, by ${s.live.actor ?? '?'}, ${s.live.updatedAt ?? ''})` : 'nothing live'}`,
    `  lock:  ${s.lock ? `held by ${s.lock.holder}${s.lock.runUrl ? ` (${s.lock.runUrl})` : ''}, lease until ${s.lock.expiresAt}${s.lock.expired ? ' — EXPIRED' : ''}` : 'free'}`,
    '  recent deploys:',
    ...s.recent.map((d) => `    ${d.deployId}  ${d.status.padEnd(11)} ${d.colour ?? '-'}  ${d.actor ?? ''}  ${d.updatedAt ?? ''}${d.errorText ? `  — ${d.errorText.split('\n')[0]!.slice(0, 120)}` : ''}`),
  ];
  return lines.join('\n');
}
