/**
 * The one entry both `slipway fivetran sync` and actions/fivetran-sync call:
 * read credentials (masked before anything is logged), validate the options,
 * sync, publish the job summary, and say whether the run passed.
 */
import { UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import { DEFAULT_MAX_REQUESTS_PER_MINUTE, FivetranClient, parseApiUrl } from './api.js';
import { syncConnectors, syncPassed, type SyncReport } from './sync.js';
import { escapeCell } from '../github/markdown.js';

export interface FivetranSyncInputs {
  connectors: string[];
  groups: string[];
  apiUrl?: string;
  /** Seconds, as the user wrote them. */
  pollInterval?: string | number;
  timeout?: string | number;
  stuckAfter?: string | number;
  maxRequestsPerMinute?: string | number;
  force?: boolean;
  unpause?: boolean;
  allowPaused?: boolean;
}

export const DEFAULTS = { pollInterval: 30, timeout: 7200, stuckAfter: 1800 } as const;

function seconds(name: string, v: string | number | undefined, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(n) || n <= 0) throw new UserError(`${name} must be a positive number of seconds, got '${v}'.`, { hint: `e.g. ${name} ${fallback}` });
  return n;
}

export function credentialsFromEnv(env: NodeJS.ProcessEnv, rt: Runtime): { apiKey: string; apiSecret: string } {
  const apiKey = env.FIVETRAN_API_KEY?.trim();
  const apiSecret = env.FIVETRAN_API_SECRET?.trim();
  if (apiKey) rt.mask(apiKey);
  if (apiSecret) rt.mask(apiSecret);
  const missing = [!apiKey && 'FIVETRAN_API_KEY', !apiSecret && 'FIVETRAN_API_SECRET'].filter(Boolean);
  if (missing.length) {
    throw new UserError(`Missing Fivetran credentials: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`, {
      hint: 'Create an API key in Fivetran (Settings → API key) and pass it as the environment variables FIVETRAN_API_KEY and FIVETRAN_API_SECRET (in GitHub: repository secrets).',
    });
  }
  return { apiKey: apiKey!, apiSecret: apiSecret! };
}

export interface FivetranSyncResult {
  report: SyncReport;
  passed: boolean;
  allowPaused: boolean;
}

/** Check everything about the inputs that needs no network (the action's parse stage runs this before anything heavy loads). */
export function validateSyncInputs(inputs: FivetranSyncInputs, env: NodeJS.ProcessEnv = process.env) {
  const apiUrl = parseApiUrl(inputs.apiUrl ?? env.FIVETRAN_API_URL);
  const pollIntervalMs = seconds('--poll-interval', inputs.pollInterval, DEFAULTS.pollInterval) * 1000;
  const timeoutMs = seconds('--timeout', inputs.timeout, DEFAULTS.timeout) * 1000;
  const stuckAfterMs = seconds('--stuck-after', inputs.stuckAfter, DEFAULTS.stuckAfter) * 1000;
  const rpm = seconds('--max-requests-per-minute', inputs.maxRequestsPerMinute, DEFAULT_MAX_REQUESTS_PER_MINUTE);
  if (!inputs.connectors.length && !inputs.groups.length) {
    throw new UserError('No Fivetran connection to sync was given.', { hint: "Pass --connector <id> (repeatable) and/or --group <id>; the id is on the connection's Setup tab in Fivetran." });
  }
  return { apiUrl, pollIntervalMs, timeoutMs, stuckAfterMs, rpm };
}

export async function runFivetranSync(rt: Runtime, inputs: FivetranSyncInputs, env: NodeJS.ProcessEnv = process.env): Promise<FivetranSyncResult> {
  const creds = credentialsFromEnv(env, rt);
  const { apiUrl, pollIntervalMs, timeoutMs, stuckAfterMs, rpm } = validateSyncInputs(inputs, env);
  const client = new FivetranClient({
    ...creds,
    apiUrl,
    maxRequestsPerMinute: rpm,
    retryBaseMs: Math.min(1000, pollIntervalMs),
    onRetry: (r) => rt.info(`fivetran: ${r.method} ${r.path} ${r.status ? `answered ${r.status}` : `failed (${r.reason})`}; retry ${r.attempt} in ${(r.waitMs / 1000).toFixed(1)} s`),
  });
  rt.mask(client.authorization);
  rt.mask(client.authorization.slice('Basic '.length));
  rt.info(`fivetran: syncing ${[...inputs.connectors.map((c) => `connection ${c}`), ...inputs.groups.map((g) => `group ${g}`)].join(', ')} via ${apiUrl} (poll ${pollIntervalMs / 1000} s, stuck after ${stuckAfterMs / 1000} s, timeout ${timeoutMs / 1000} s, ≤ ${rpm} requests/min)`);
  const report = await syncConnectors(client, {
    connectors: inputs.connectors,
    groups: inputs.groups,
    pollIntervalMs,
    timeoutMs,
    stuckAfterMs,
    force: inputs.force ?? true,
    unpause: inputs.unpause ?? false,
    onProgress: (l) => rt.info(`fivetran: ${l}`),
    onWarning: (l) => rt.warn(`fivetran: ${l}`),
  });
  const allowPaused = inputs.allowPaused ?? false;
  const passed = syncPassed(report, allowPaused);
  await rt.appendSummary(syncMarkdown(report, passed));
  return { report, passed, allowPaused };
}

export function syncHeadline(report: SyncReport, passed: boolean): string {
  const parts = Object.entries(report.counts)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`);
  return `Fivetran sync ${passed ? 'passed' : 'FAILED'}: ${parts.join(', ') || 'no connections'} (${report.requests} API requests in ${report.seconds} s)`;
}

export function syncText(r: { report: SyncReport; passed: boolean }): string {
  const rows = r.report.connectors.map((c) => `  ${c.verdict.padEnd(8)} ${c.id}${c.service ? ` (${[c.service, c.schema].filter(Boolean).join('/')})` : ''}: ${c.reason}`);
  return [syncHeadline(r.report, r.passed), ...rows].join('\n');
}

const ICON: Record<string, string> = { synced: '✅', failed: '❌', paused: '⏸️', broken: '🔧', timeout: '⏱️', stuck: '🧊' };

export function syncMarkdown(report: SyncReport, passed: boolean): string {
  const lines = [
    `### ${syncHeadline(report, passed)}`,
    '',
    '| Connection | Service / schema | Verdict | Detail | Seconds |',
    '|---|---|---|---|---:|',
    ...report.connectors.map(
      (c) => `| \`${escapeCell(c.id)}\` | ${escapeCell([c.service, c.schema].filter(Boolean).join(' / ') || '—')} | ${ICON[c.verdict] ?? ''} ${c.verdict} | ${escapeCell(c.reason)} | ${c.seconds ?? '—'} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}
