/**
 * `slipway select`: dbt's node selection (default `state:modified+`) over a
 * PR manifest and a production (state) manifest, without running dbt.
 */
import { Command, Option } from 'commander';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { UserError } from '../../errors.js';
import { loadManifest, loadSources } from '../../dbt/artifacts.js';
import { loadStateDir, selectNodes, type IndirectSelection, type SelectionResult } from '../../dbt/selection/index.js';
import { handle, withFormatOption } from '../common.js';

interface SelectOptions {
  state?: string;
  manifest?: string;
  projectDir: string;
  select: string[];
  exclude: string[];
  indirectSelection: IndirectSelection;
  stateModifiedCompareMoreUnrenderedValues?: string;
  sources?: string;
  resourceType: string[];
  excludeResourceType: string[];
  format: 'text' | 'json';
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** Human-readable report, grouped by why each resource is selected. */
export function formatSelection(r: SelectionResult): string {
  const lines: string[] = [];
  lines.push(`Selected ${r.selected.length} resource(s) with --select ${r.select.map((s) => JSON.stringify(s)).join(' ')}${r.exclude.length ? ` --exclude ${r.exclude.map((s) => JSON.stringify(s)).join(' ')}` : ''} (${r.runnable.length} that dbt build would run).`);
  if (r.state) {
    lines.push(`State: dbt ${r.state.dbtVersion ?? '?'} manifest v${r.state.schemaVersion ?? '?'}${r.state.generatedAt ? ` generated ${r.state.generatedAt}` : ''}; current: dbt ${r.current.dbtVersion ?? '?'} manifest v${r.current.schemaVersion ?? '?'}.`);
  }
  const sel = new Set(r.selected);
  const section = (title: string, ids: string[], note?: (id: string) => string): void => {
    if (!ids.length) return;
    lines.push('', `${title} (${ids.length}):`);
    for (const id of ids) lines.push(`  ${id}${note ? note(id) : ''}`);
  };
  section('Matched directly', r.direct, (id) => (r.modified[id] ? `  [${r.modified[id]!.join(', ')}]` : ''));
  section('Downstream / upstream (graph operators)', r.downstream);
  section('Tests attached to selected nodes', r.tests);
  const modifiedNotSelected = Object.keys(r.modified).filter((id) => !sel.has(id));
  section('Modified but not selected', modifiedNotSelected, (id) => `  [${r.modified[id]!.join(', ')}]`);
  if (!r.selected.length) lines.push('', 'Nothing selected: nothing to build.');
  for (const w of r.warnings) lines.push(`warning: ${w.message}`);
  return lines.join('\n');
}

export function register(program: Command): void {
  const cmd = new Command('select')
    .description(
      "Compute dbt's node selection over manifests, exactly as dbt-core does (default `state:modified+`), and say why each node is selected.\n" +
        'Methods: state:, result:, source_status:, tag:, path:, file:, fqn: and bare names, resource_type:, package:, config.<key>:, source:, exposure:, metric:, test_type:, test_name:, group:, access:, version:, unit_test:, semantic_model:, saved_query:.\n' +
        'Operators: +x, x+, n+x, x+n, @x, space = union, comma = intersection, --exclude.',
    )
    .option('--state <path>', 'production manifest.json, or a folder holding it (run_results.json and sources.json beside it are used by result: and source_status:)')
    .option('--manifest <file>', 'current (PR) manifest.json (default: <project-dir>/target/manifest.json)')
    .option('--project-dir <dir>', 'dbt project folder', '.')
    .addOption(new Option('-s, --select <expr>', 'selector expression; repeat for a union').argParser(collect).default([] as string[], 'state:modified+'))
    .addOption(new Option('--exclude <expr>', 'selector expression to leave out; repeatable').argParser(collect).default([] as string[], 'none'))
    .addOption(new Option('--indirect-selection <mode>', 'which tests to add for selected nodes').choices(['eager', 'cautious', 'buildable', 'empty']).default('eager'))
    .addOption(
      new Option('--state-modified-compare-more-unrendered-values <bool>', "dbt's flag of the same name (default: dbt's default for the current manifest's version: true from 1.12)").choices(['true', 'false']),
    )
    .option('--sources <file>', 'current sources.json for source_status: (default: <project-dir>/target/sources.json)')
    .addOption(new Option('--resource-type <type>', "keep only this resource type, as dbt's --resource-type (`all`, `default` as dbt ls reads them); repeatable").argParser(collect).default([] as string[], 'every type'))
    .addOption(new Option('--exclude-resource-type <type>', 'leave out this resource type; repeatable').argParser(collect).default([] as string[], 'none'));
  withFormatOption(cmd);
  cmd.action(
    handle<SelectOptions>(async (opts, ctx) => {
      const manifestPath = opts.manifest ?? join(opts.projectDir ?? '.', 'target', 'manifest.json');
      const manifest = await loadManifest(manifestPath, { slim: true });
      let state: Awaited<ReturnType<typeof loadStateDir>> | undefined;
      if (opts.state) state = await loadStateDir(opts.state);
      const sourcesPath = opts.sources ?? join(opts.projectDir ?? '.', 'target', 'sources.json');
      const needsSources = [...opts.select, ...opts.exclude].some((s) => s.includes('source_status:'));
      if (opts.sources && !existsSync(opts.sources)) throw new UserError(`--sources ${opts.sources} does not exist.`, { hint: 'Run `dbt source freshness` first.' });
      const currentSources = needsSources && existsSync(sourcesPath) ? await loadSources(sourcesPath) : undefined;
      const flag = opts.stateModifiedCompareMoreUnrenderedValues;
      const result = selectNodes({
        manifest,
        state: state?.manifest,
        stateRunResults: state?.runResults,
        stateSources: state?.sources,
        currentSources,
        select: opts.select,
        exclude: opts.exclude,
        indirectSelection: opts.indirectSelection,
        compareMoreUnrenderedValues: flag === undefined ? undefined : flag === 'true',
        resourceTypes: opts.resourceType,
        excludeResourceTypes: opts.excludeResourceType,
      });
      if (ctx.format === 'json') for (const w of result.warnings) ctx.rt.warn(w.message);
      ctx.emit(result, formatSelection);
    }),
  );
  program.addCommand(cmd);
}
