/**
 * `slipway fivetran sync`: sync Fivetran connections and wait for a verdict
 * per connection, over the same core as actions/fivetran-sync.
 *
 *   slipway fivetran sync [--connectors <ids>]... [--groups <ids>]... [--api-url <url>]
 *                         [--poll-interval <s>] [--timeout <s>] [--stuck-after <s>]
 *                         [--max-requests-per-minute <n>] [--no-force] [--unpause] [--allow-paused]
 *                         [--format text|json]
 *
 * Credentials: FIVETRAN_API_KEY / FIVETRAN_API_SECRET (never on the command line).
 * Exit codes: 0 every connection synced, 1 any failed / stuck / broken / timed out
 * (or paused, unless --allow-paused), 2 bad input, 3 internal error.
 */
import type { Command } from 'commander';
import { DEFAULTS, runFivetranSync, syncText } from '../../fivetran/run.js';
import { DEFAULT_MAX_REQUESTS_PER_MINUTE } from '../../fivetran/api.js';
import { handle, withFormatOption } from '../common.js';
import { deprecatedOption } from '../naming.js';

interface FivetranSyncOpts {
  connectors?: string[];
  groups?: string[];
  apiUrl?: string;
  pollInterval?: string;
  timeout?: string;
  stuckAfter?: string;
  maxRequestsPerMinute?: string;
  force?: boolean;
  unpause?: boolean;
  allowPaused?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

export function register(program: Command): void {
  const ft = program.command('fivetran').description('Fivetran connections: sync and wait for a definite verdict before dbt runs');
  const sync = ft
    .command('sync')
    .description(
      'trigger a sync of each connection and poll until it is synced, failed, paused, broken (setup not connected), stuck (rescheduled with no progress for --stuck-after) or timed out; credentials from FIVETRAN_API_KEY / FIVETRAN_API_SECRET',
    )
    .option('--connectors <ids>', 'connection (connector) ids to sync; comma-separated or repeated', collect)
    .option('--groups <ids>', 'sync every connection of these groups (destinations); comma-separated or repeated', collect)
    .option('--api-url <url>', 'Fivetran API base URL (default: $FIVETRAN_API_URL, else https://api.fivetran.com)')
    .option('--poll-interval <seconds>', `first delay between status requests of one connection; backs off ×1.5 while nothing changes (default ${DEFAULTS.pollInterval})`)
    .option('--timeout <seconds>', `give up on connections without a verdict after this long (default ${DEFAULTS.timeout})`)
    .option('--stuck-after <seconds>', `judge a connection stuck after this long in scheduled/rescheduled with no progress (default ${DEFAULTS.stuckAfter})`)
    .option('--max-requests-per-minute <n>', `API request budget of this run (default ${DEFAULT_MAX_REQUESTS_PER_MINUTE}; Fivetran allows 20,000/hour)`)
    .option('--no-force', 'do not restart a sync that is already running (default: {"force": true})')
    .option('--unpause', 'resume paused connections and sync them (default: report them paused, change nothing)')
    .option('--allow-paused', 'a paused connection does not fail the run');
  deprecatedOption(sync, '--connector <id>', '--connectors', { parse: collect });
  deprecatedOption(sync, '--connection <id>', '--connectors', { parse: collect });
  deprecatedOption(sync, '--group <id>', '--groups', { parse: collect });
  withFormatOption(sync).action(
    handle<FivetranSyncOpts>(async (opts, { rt, emit }) => {
      const result = await runFivetranSync(rt, {
        connectors: opts.connectors ?? [],
        groups: opts.groups ?? [],
        apiUrl: opts.apiUrl,
        pollInterval: opts.pollInterval,
        timeout: opts.timeout,
        stuckAfter: opts.stuckAfter,
        maxRequestsPerMinute: opts.maxRequestsPerMinute,
        force: opts.force,
        unpause: opts.unpause,
        allowPaused: opts.allowPaused,
      });
      emit(
        { connectors: result.report.connectors, passed: result.passed, counts: result.report.counts, requests: result.report.requests, seconds: result.report.seconds },
        () => syncText(result),
      );
      return result.passed ? 0 : 1;
    }),
  );
}
