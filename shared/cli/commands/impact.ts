/**
 * `slipway impact`: what the PR's build does to the data, per modified model,
 * computed in the warehouse (only aggregates leave it), with its cost.
 *
 *   slipway impact --state <prod-state-dir|manifest.json> [--project-dir .] [--manifest …] [--run-results …]
 *                  [--children] [--sensitive col,model.col] [--samples N]
 *                  [--timeout 300] [--max-rows N] [--max-bytes N] [--lookback-days 7] [--concurrency 4]
 *                  [--fail-on duplicate-keys,null-keys,row-loss=5,removed-columns-used]
 *                  [--tag <PR tag>] [--markdown <file>] [--format text|json]
 *
 * Exit codes: 0 done (gate passed), 1 a fail-on rule tripped, 2 bad input or
 * configuration, 3 internal error.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadStateDir } from '../../dbt/selection/index.js';
import { describeError, exitCodeFor, UserError } from '../../errors.js';
import { impactGateFailure, impactText, parseFailOn, prImpact } from '../../impact/index.js';
import { artifactPath, handle, resolveConnection, withArtifactOptions, withConnectionOptions, withFormatOption, type ArtifactOptions, type ConnectionOptions } from '../common.js';
import { connectTo } from '../../config/connection.js';

interface ImpactOpts extends ConnectionOptions, ArtifactOptions {
  state?: string;
  children?: boolean;
  sensitive?: string[];
  samples?: string;
  timeout?: string;
  maxRows?: string;
  maxBytes?: string;
  lookbackDays?: string;
  concurrency?: string;
  failOn?: string[];
  tag?: string;
  markdown?: string;
  format?: string;
}

function positive(value: string | undefined, flag: string, opts: { allowZero?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isFinite(x) || x < 0 || (x === 0 && !opts.allowZero) || !/^\d+(\.\d+)?$/.test(value.trim())) {
    throw new UserError(`${flag} ${JSON.stringify(value)} is not a ${opts.allowZero ? 'non-negative' : 'positive'} number.`, { hint: `Pass a number, e.g. ${flag} 10.` });
  }
  return x;
}

export function register(program: Command): void {
  const cmd = program
    .command('impact')
    .description(
      "PR impact report: per model the PR modified, compare the PR build's relation with production's (schema, rows, keys, columns) in the warehouse with one aggregate statement per model; print the cost; exit 1 when a --fail-on rule trips",
    )
    .option('--state <path>', "production's state: the folder holding its manifest.json (or the file)")
    .option('--children', 'also compare the direct children of modified models')
    .option('--sensitive <columns...>', 'columns whose values never leave the warehouse, besides meta: {sensitive: true}: column or model.column, comma-separated')
    .option('--samples <n>', 'opt-in: up to n differing rows per keyed model (at most 100; never sensitive columns)')
    .option('--timeout <seconds>', 'statement timeout per model (default 300)')
    .option('--max-rows <n>', 'skip relations past this many rows (estimate) unless event_time narrows them (default 200000000)')
    .option('--max-bytes <n>', 'skip relations past this many bytes unless event_time narrows them (default 100 GiB)')
    .option('--lookback-days <n>', 'days of event_time compared for a relation past the size limit (default 7)')
    .option('--concurrency <n>', 'warehouse sessions at once (default 4)')
    .option('--fail-on <rules...>', 'exit 1 when a rule trips: duplicate-keys, null-keys, row-loss=<percent>, removed-columns-used (comma-separated)')
    .option('--tag <tag>', "the PR's tag set on every session and read from query history (default: $SLIPWAY_QUERY_TAG, else derived from the GitHub run)")
    .option('--markdown <file>', 'also write the Markdown section (PR comment / job summary) to this file');
  withFormatOption(withConnectionOptions(withArtifactOptions(cmd, ['manifest', 'run-results'])));
  cmd.action(
    handle<ImpactOpts>(async (opts, { rt, emit }) => {
      if (!opts.state) throw new UserError('slipway impact needs --state: the production manifest to compare against.', { hint: "Pass --state <folder with production's manifest.json> (the same state slim CI defers to)." });
      const sensitive = (opts.sensitive ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
      const runOpts = {
        samples: positive(opts.samples, '--samples', { allowZero: true }),
        timeoutSeconds: positive(opts.timeout, '--timeout'),
        maxRows: positive(opts.maxRows, '--max-rows', { allowZero: true }),
        maxBytes: positive(opts.maxBytes, '--max-bytes', { allowZero: true }),
        lookbackDays: positive(opts.lookbackDays, '--lookback-days'),
        concurrency: positive(opts.concurrency, '--concurrency'),
      };
      parseFailOn(opts.failOn); // a bad rule is a usage error before anything is read
      if (opts.runResults && !existsSync(opts.runResults)) throw new UserError(`--run-results ${opts.runResults} does not exist.`, { hint: "Pass the PR build's target/run_results.json, or leave the flag out." });
      const state = (await loadStateDir(opts.state)).manifest;
      const config = await resolveConnection(opts, rt);
      const { report, markdown } = await prImpact({
        manifestPath: artifactPath(opts, 'manifest'),
        state,
        runResultsPath: opts.runResults ?? artifactPath(opts, 'run-results'),
        children: opts.children,
        sensitive,
        failOn: opts.failOn,
        tag: opts.tag,
        ...runOpts,
        openWarehouse: (tag) => connectTo(config, { action: 'impact', ...(tag ? { run: tag } : {}) }),
      });
      if (opts.markdown) await writeFile(opts.markdown, markdown + '\n');
      await rt.appendSummary(markdown);
      emit(report, impactText);
      const failure = impactGateFailure(report);
      if (failure) {
        // Exit 1 as a GateFailure does, but keep stdout one document: the report (already emitted).
        process.stderr.write(rt.redact(`error: ${describeError(failure)}`) + '\n');
        return exitCodeFor(failure);
      }
    }),
  );
}
