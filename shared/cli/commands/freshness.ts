/**
 * `slipway freshness`: the freshness gate from a shell, over the same core as
 * actions/freshness-gate.
 *
 *   slipway freshness [--sources <sources.json> | --mode warehouse] [--manifest <file>]
 *                     [--project-dir <dir>] [--config slipway-freshness.yml]
 *                     [--fail-on error|warn] [--evaluate-at snapshot|now]
 *                     [--format text|json] [--dry-run --dialect …]
 *   slipway freshness row-counts record [--environment prod] [--admin-schema SLIPWAY] [--deploy-id <id>] [--models <glob…>] [--dry-run]
 *   slipway freshness row-counts check  [--environment prod] [--admin-schema SLIPWAY] [--models <glob…>] [--record]
 *
 * Exit codes: 0 gate passed, 1 gate failed (stale source, runtime error,
 * anomalous row count), 2 bad input or configuration, 3 internal error.
 */
import { Option, type Command } from 'commander';
import { loadManifest } from '../../dbt/artifacts.js';
import { UserError } from '../../errors.js';
import { freshnessDialect } from '../../dialects/freshness.js';
import {
  countTargetsFromManifest,
  freshnessText,
  gatePassed,
  matchesModel,
  measureRowCounts,
  recordRowCounts,
  recordStatements,
  rowCountText,
  checkRowCounts,
  publishReports,
} from '../../freshness/index.js';
import { freshnessDryRun, loadGateConfig, parseFailOn, runFreshnessGate, sourcePaths } from '../../freshness/gate.js';
import { dialectOf, openWarehouse, resolveConnection, type ConnectionOptions } from '../../config/connection.js';
import { formatPlan } from '../../sql/plan.js';
import {
  artifactPath,
  handle,
  withArtifactOptions,
  withConnectionOptions,
  withDryRunOptions,
  withFormatOption,
  type ArtifactOptions,
} from '../common.js';
import { deprecatedOption } from '../naming.js';
import type { DialectName } from '../../sql/identifiers.js';

interface FreshnessOpts extends ConnectionOptions, ArtifactOptions {
  mode: 'sources-json' | 'warehouse';
  config?: string;
  failOn?: string;
  evaluateAt?: 'snapshot' | 'now';
  format?: string;
  dryRun?: boolean;
  dialect?: DialectName;
}

interface RowCountOpts extends ConnectionOptions, ArtifactOptions {
  config?: string;
  environment?: string;
  adminSchema?: string;
  deployId?: string;
  models?: string[];
  includeViews?: boolean;
  record?: boolean;
  dryRun?: boolean;
  dialect?: DialectName;
  format?: string;
}

export function register(program: Command): void {
  const fresh = program
    .command('freshness')
    .description(
      'source freshness gate: judge every dbt source with a freshness SLA (warn_after/error_after) from sources.json (`dbt source freshness`) or by measuring it in the warehouse (--mode warehouse, one statement for all sources); exit 1 when a source is at or past --fail-on',
    )
    .addOption(
      new Option('--mode <mode>', 'sources-json: judge the sources.json `dbt source freshness` wrote; warehouse: measure in the warehouse (no dbt needed; Snowflake sources without loaded_at_field use INFORMATION_SCHEMA.TABLES.LAST_ALTERED)')
        .choices(['sources-json', 'warehouse'])
        .default('sources-json'),
    )
    .option('--config <file>', 'Slipway freshness config (default: <project-dir>/slipway-freshness.yml when present)')
    .addOption(new Option('--fail-on <level>', 'fail the gate on error (stale past error_after, or not measurable) or also on warn').choices(['error', 'warn']))
    .addOption(new Option('--evaluate-at <when>', "sources.json mode: judge ages at dbt's snapshot time or now").choices(['snapshot', 'now']));
  withFormatOption(withDryRunOptions(withConnectionOptions(withArtifactOptions(fresh, ['manifest', 'sources']))));
  deprecatedOption(fresh, '--measure', '--mode', { value: 'warehouse' });
  fresh.action(
    handle<FreshnessOpts>(async (opts, { rt, emit, format }) => {
      const measure = opts.mode === 'warehouse';
      if (opts.sources && measure) throw new UserError('--sources and --mode warehouse cannot be used together.', { hint: 'Use --sources to read dbt source freshness output, or --mode warehouse to query the warehouse.' });
      const inputs = { mode: opts.mode, projectDir: opts.projectDir, manifest: opts.manifest, sources: opts.sources, config: opts.config, failOn: parseFailOn(opts.failOn), evaluateAt: opts.evaluateAt };
      if (opts.dryRun) {
        if (!measure) throw new UserError('--dry-run shows the SQL of --mode warehouse; sources-json mode runs no SQL.', { hint: 'Add --mode warehouse.' });
        const dialect = opts.dialect ?? (opts.profilesDir || opts.profile || opts.target ? dialectOf(await resolveConnection(opts, rt)) : 'snowflake');
        const dry = await freshnessDryRun(inputs, dialect);
        for (const p of dry.problems) rt.warn(`${p.source}: ${p.problem}`);
        emit({ dialect, statements: dry.statements, problems: dry.problems }, () => dry.text || '-- no source has a freshness SLA: nothing to measure');
        return;
      }
      const { report, manifest } = await runFreshnessGate(rt, inputs, {
        openWarehouse: async () => openWarehouse(opts, rt, { action: 'freshness' }),
      });
      await publishReports({ rt: quietAnnotations(rt, format), freshness: report, sourcePaths: sourcePaths(manifest) });
      emit(report, freshnessText);
      return report.passed ? 0 : 1;
    }),
  );

  const rc = fresh.command('row-counts').description(`row-count anomalies: record each model's row count in <admin-schema>.ROW_COUNT_HISTORY, and flag a count outside the expected range`);
  const common = (cmd: Command): Command =>
    withFormatOption(withConnectionOptions(withArtifactOptions(cmd, ['manifest'])))
      .option('--config <file>', 'Slipway freshness config with a row-counts: section (default: <project-dir>/slipway-freshness.yml when present)')
      .option('--environment <name>', 'history is kept per environment (default: config row-counts.environment, else prod)')
      .option('--admin-schema <schema>', 'schema holding ROW_COUNT_HISTORY (default: config row-counts.admin-schema, else SLIPWAY)')
      .option('--models <patterns...>', 'only these models (unique_id, name, or glob)')
      .option('--include-views', 'also count views (runs their query)');

  withDryRunOptions(common(rc.command('record').description('count rows of every table model in the manifest and record them as good counts (run after a successful deploy)')))
    .option('--deploy-id <id>', 'deploy id stored with the counts')
    .action(
      handle<RowCountOpts>(async (opts, { rt, emit }) => {
        const { targets, settings } = await rowCountInputs(opts);
        if (opts.dryRun) {
          const dialect = opts.dialect ?? 'snowflake';
          const d = freshnessDialect(dialect);
          const count = { sql: d.unionAll(targets.map((t) => d.rowCountBranch({ id: t.model, relation: t.relation }))), purpose: `count rows of ${targets.length} model(s) in one statement` };
          const rec = recordStatements(dialect, { adminSchema: settings.adminSchema, environment: settings.environment, deployId: opts.deployId, counts: {} });
          const text = formatPlan(targets.length ? [count, ...rec] : rec, dialect) + '\n\n-- then one INSERT of the measured counts';
          emit({ dialect, statements: [count, ...rec] }, () => text);
          return;
        }
        const wh = await openWarehouse(opts, rt, { action: 'freshness-row-counts' });
        try {
          const m = await measureRowCounts(wh, targets);
          for (const e of m.errors) rt.warn(`${e.model}: could not count rows: ${e.error}`);
          const relations = Object.fromEntries(targets.map((t) => [t.model, freshnessDialect(wh.dialect).relationSql(t.relation)]));
          const r = await recordRowCounts(wh, { adminSchema: settings.adminSchema, environment: settings.environment, deployId: opts.deployId, counts: m.counts, relations });
          const out = { recorded: r.recorded, environment: settings.environment, adminSchema: settings.adminSchema, counts: Object.fromEntries(m.counts), errors: m.errors };
          emit(out, (o) => `Recorded ${o.recorded} row count(s) for ${o.environment} in ${o.adminSchema}.ROW_COUNT_HISTORY${o.errors.length ? `; ${o.errors.length} model(s) could not be counted` : ''}.`);
          return m.errors.length ? 1 : 0;
        } finally {
          await wh.close();
        }
      }),
    );

  common(rc.command('check').description('count rows now and compare with the recorded history; exit 1 on an anomaly'))
    .option('--record', 'also record the counts (anomalous ones are kept out of future baselines)')
    .option('--deploy-id <id>', 'deploy id stored with recorded counts')
    .action(
      handle<RowCountOpts>(async (opts, { rt, emit, format }) => {
        const { targets, settings, config } = await rowCountInputs(opts);
        const wh = await openWarehouse(opts, rt, { action: 'freshness-row-counts' });
        try {
          const m = await measureRowCounts(wh, targets);
          const report = await checkRowCounts(wh, { adminSchema: settings.adminSchema, environment: settings.environment, counts: m.counts, config: config['row-counts'] });
          report.errors.push(...m.errors);
          if (opts.record) {
            const anomalous = report.findings.filter((f) => f.verdict === 'fail').map((f) => f.model);
            await recordRowCounts(wh, { adminSchema: settings.adminSchema, environment: settings.environment, deployId: opts.deployId, counts: m.counts, anomalous });
          }
          await publishReports({ rt: quietAnnotations(rt, format), rowCounts: report });
          emit(report, rowCountText);
          return gatePassed(undefined, report) ? 0 : 1;
        } finally {
          await wh.close();
        }
      }),
    );
}

async function rowCountInputs(opts: RowCountOpts) {
  const config = await loadGateConfig({ config: opts.config, projectDir: opts.projectDir });
  const rcc = config['row-counts'] ?? {};
  const manifest = await loadManifest(artifactPath(opts, 'manifest'));
  const pats = opts.models ?? [];
  const targets = countTargetsFromManifest(manifest, { includeViews: opts.includeViews ?? rcc['include-views'], select: pats.length ? (id) => pats.some((p) => matchesModel(p, id)) : undefined });
  if (pats.length && targets.length === 0) throw new UserError(`--models ${pats.join(' ')} matches no table model in the manifest.`, { hint: 'Use unique_ids (model.pkg.name), names, or globs like "fct_*".' });
  return { config, targets, settings: { environment: opts.environment ?? rcc.environment ?? 'prod', adminSchema: opts.adminSchema ?? rcc['admin-schema'] ?? 'SLIPWAY' } };
}

/** In a shell the annotations would repeat the report line by line; keep them at debug level. */
function quietAnnotations<R extends { annotate: (...a: any[]) => void; debug: (m: string) => void }>(rt: R, _format: string): R {
  return Object.assign(Object.create(rt), rt, { annotate: (_l: string, message: string) => rt.debug(message) }) as R;
}

