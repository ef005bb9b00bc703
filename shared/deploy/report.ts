/** Text, JSON and Markdown renderings of deploy results (CLI, action outputs, job summary). */
import type { CheckResult } from './checks.js';
import type { CutoverResult } from './cutover.js';
import type { PrepareResult } from './prepare.js';
import type { DeployRecord, LockInfo } from './state.js';

/** The action outputs (kebab-case, the action's contract): the same facts as deployJson's camelCase keys. */
export function deployOutputs(r: PrepareResult | CutoverResult): Record<string, string> {
  return {
    colour: r.colour,
    'schema-suffix': r.schemaSuffix,
    'deploy-id': r.deployId,
    'previous-colour': r.previousColour ?? '',
    schemas: r.schemas.join(','),
  };
}

/**
 * JSON keys `deploy prepare|cutover --format json` printed in kebab-case before
 * docs/naming.md: still printed for one release beside their camelCase names,
 * listed under `deprecatedKeys` (old → new).
 */
export const DEPRECATED_DEPLOY_KEYS: Readonly<Record<string, string>> = {
  'schema-suffix': 'schemaSuffix',
  'deploy-id': 'deployId',
  'previous-colour': 'previousColour',
  'published-schemas': 'publishedSchemas',
  'previous-deploy-id': 'previousDeployId',
  'swap-statements': 'swapStatements',
  'swap-window-ms': 'swapWindowMs',
  'cutover-scope': 'cutoverScope',
  'grants-mirrored': 'grantsMirrored',
  'duration-ms': 'durationMs',
};

/** `--format json` of deploy prepare/cutover: camelCase keys (docs/naming.md), plus the deprecated kebab-case ones and their map. */
export function deployJson(r: PrepareResult | CutoverResult): Record<string, unknown> {
  const base = {
    colour: r.colour,
    schemaSuffix: r.schemaSuffix,
    deployId: r.deployId,
    previousColour: r.previousColour,
    schemas: r.schemas,
    environment: r.environment,
    publishedSchemas: r.published,
    previousDeployId: r.previousDeployId,
  };
  const json: Record<string, unknown> =
    'checks' in r
      ? { ...base, status: 'LIVE', models: r.models, checks: r.checks, swapStatements: r.swapStatements, swapWindowMs: r.swapWindowMs, cutoverScope: r.scope, ...(r.databases ? { databases: r.databases } : {}), grantsMirrored: r.grantsMirrored, durationMs: r.durationMs }
      : { ...base, status: 'STARTED' };
  const deprecated: Record<string, unknown> = {};
  const map: Record<string, string> = {};
  for (const [oldKey, newKey] of Object.entries(DEPRECATED_DEPLOY_KEYS)) {
    if (!(newKey in json)) continue;
    deprecated[oldKey] = json[newKey];
    map[oldKey] = newKey;
  }
  return { ...json, ...deprecated, deprecatedKeys: map };
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

export function statusText(s: {
  environment: string;
  initialised: boolean;
  live: DeployRecord | null;
  lock: LockInfo | null;
  recent: Omit<DeployRecord, 'events'>[];
  history?: { at: string | null; deployId: string; status: string; actor: string | null; why: string | null; rolledBackTo: string | null }[];
}): string {
  if (!s.initialised) return `environment ${s.environment}: nothing deployed yet (no DEPLOY_STATE)`;
  const one = (t: string | null | undefined, n = 100) => (t ?? '').split('\n')[0]!.slice(0, n);
  const lines = [
    `environment ${s.environment}`,
    `  live:  ${s.live ? `${s.live.deployId} (${s.live.colour}, git ${s.live.gitSha ?? '?'}, by ${s.live.actor ?? '?'}, since ${s.live.updatedAt ?? '?'} UTC)` : 'nothing live'}`,
    `  lock:  ${s.lock ? `held by ${s.lock.holder}${s.lock.actor ? ` (${s.lock.actor})` : ''}${s.lock.runUrl ? ` ${s.lock.runUrl}` : ''}, lease until ${s.lock.expiresAt} UTC${s.lock.expired ? ' — EXPIRED' : ''}` : 'free'}`,
    '',
    '  recent deploys (newest first):',
    `    ${'deploy id'.padEnd(28)} ${'status'.padEnd(11)} ${'colour'.padEnd(6)} ${'by'.padEnd(16)} ${'last change (UTC)'.padEnd(24)} note`,
    ...s.recent.map((d) => `    ${d.deployId.padEnd(28)} ${d.status.padEnd(11)} ${(d.colour ?? '-').padEnd(6)} ${one(d.actor, 16).padEnd(16)} ${(d.updatedAt ?? '').padEnd(24)} ${one(d.errorText, 120)}`),
  ];
  if (s.history?.length) {
    lines.push('', '  history (newest first): who did what, when and why', `    ${'when (UTC)'.padEnd(24)} ${'deploy id'.padEnd(28)} ${'became'.padEnd(11)} ${'by'.padEnd(16)} why`);
    for (const h of s.history) {
      const why = [h.rolledBackTo ? `rolled back to ${h.rolledBackTo}` : '', one(h.why, 120)].filter(Boolean).join(': ');
      lines.push(`    ${(h.at ?? '').padEnd(24)} ${h.deployId.padEnd(28)} ${h.status.padEnd(11)} ${one(h.actor, 16).padEnd(16)} ${why}`);
    }
  }
  return lines.join('\n');
}
