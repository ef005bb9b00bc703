/**
 * dbt node selection over manifests, as dbt-core 1.x does it
 * (graph/selector.py NodeSelector): per criterion, method search → graph
 * operators → indirect test selection; then union / intersection across
 * criteria; then --exclude (whose tests are always expanded eagerly).
 *
 * Entry points: selectNodes() (pure, synchronous) and loadStateDir().
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../errors.js';
import type { Manifest, ManifestNode, RunResults, SourcesArtifact } from '../artifacts.js';
import { loadManifest, loadRunResults, loadSources, schemaVersion } from '../artifacts.js';
import { ContractBreakingChangeError, StateComparator, type ComparisonWarning, type Reason, rawCode } from './compare.js';
import { SelectionGraph } from './graph.js';
import { searchMethod, type MethodContext } from './methods.js';
import { allCriteria, parseSelectors, type Criterion, type Intersection, type Union } from './parser.js';

export { SelectorSyntaxError, parseExpression, parseSelectors, METHODS, STATE_VALUES } from './parser.js';
export { ContractBreakingChangeError, type Reason } from './compare.js';
export { SelectionGraph } from './graph.js';

export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';

export interface SelectionRequest {
  /** Current (PR) manifest. */
  manifest: Manifest;
  /** Production manifest (required for state: methods). */
  state?: Manifest;
  /** For result: methods. */
  stateRunResults?: RunResults;
  /** For source_status: (previous and current `dbt source freshness` output). */
  stateSources?: SourcesArtifact;
  currentSources?: SourcesArtifact;
  /** Default ['state:modified+']. */
  select?: string[];
  exclude?: string[];
  /** Default eager. */
  indirectSelection?: IndirectSelection;
  /** Default: dbt's default for the current manifest's dbt version (on from 1.12). */
  compareMoreUnrenderedValues?: boolean;
  /**
   * dbt's --resource-type (with `all` and `default` as `dbt ls` reads them):
   * keep only these types in `selected`. Absent: every type (analyses and hooks included).
   */
  resourceTypes?: string[];
  /** dbt's --exclude-resource-type, applied after resourceTypes. */
  excludeResourceTypes?: string[];
}

export interface SelectionWarning {
  code: 'cross-version' | 'seed-size' | 'contract' | 'no-match' | 'dbt-version' | 'state-unrendered';
  message: string;
  uniqueId?: string;
}

export interface SelectionResult {
  /** Sorted unique ids, like `dbt ls` (every resource type). */
  selected: string[];
  /** Of `selected`, what `dbt build` would execute: no sources/exposures/metrics/semantic models/saved queries, no ephemeral or empty models. */
  runnable: string[];
  /** Every current resource that `state:modified` matches, with the reasons (only when a state manifest was given). */
  modified: Record<string, Reason[]>;
  /** For modified resources whose reasons include `configs`: the config keys that changed. */
  changedConfigs: Record<string, string[]>;
  /** Selected because a criterion matched them directly. */
  direct: string[];
  /** Selected through a graph operator (+, n+, @), not directly; tests excluded. */
  downstream: string[];
  /** Tests and unit tests selected without matching a criterion directly (attached tests, or tests below a +). */
  tests: string[];
  warnings: SelectionWarning[];
  /** Effective settings. */
  select: string[];
  exclude: string[];
  indirectSelection: IndirectSelection;
  compareMoreUnrenderedValues: boolean;
  state?: { dbtVersion?: string; schemaVersion?: number; projectName?: string; generatedAt?: string };
  current: { dbtVersion?: string; schemaVersion?: number; projectName?: string; generatedAt?: string };
}

export const DEFAULT_SELECT = ['state:modified+'];

/** What `dbt ls` lists without --resource-type (dbt-core task/list.py DEFAULT_RESOURCE_VALUES). */
export const LS_DEFAULT_RESOURCE_TYPES = ['model', 'snapshot', 'seed', 'test', 'source', 'exposure', 'metric', 'saved_query', 'semantic_model', 'unit_test', 'function'] as const;
/** `--resource-type all` for `dbt ls`: the default types plus analyses. */
export const LS_ALL_RESOURCE_TYPES = [...LS_DEFAULT_RESOURCE_TYPES, 'analysis'] as const;

/**
 * dbt's resource_types_from_args: `all` and `default` expand, excluded types are
 * removed last. Returns undefined (no filter) when neither list is given.
 */
export function resolveResourceTypes(include: string[] | undefined, exclude: string[] | undefined): Set<string> | undefined {
  if (!include?.length && !exclude?.length) return undefined;
  const known = new Set<string>([...LS_ALL_RESOURCE_TYPES, 'operation', 'sql_operation']);
  const check = (t: string, flag: string): void => {
    if (!known.has(t) && !(flag === '--resource-type' && (t === 'all' || t === 'default'))) {
      throw new UserError(`Unknown resource type "${t}" in ${flag}.`, { hint: `Use one of: ${flag === '--resource-type' ? 'all, default, ' : ''}${[...LS_ALL_RESOURCE_TYPES].join(', ')}.` });
    }
  };
  const out = new Set<string>();
  if (include?.length) {
    for (const t of include) {
      check(t, '--resource-type');
      if (t === 'all') for (const x of LS_ALL_RESOURCE_TYPES) out.add(x);
      else if (t === 'default') for (const x of LS_DEFAULT_RESOURCE_TYPES) out.add(x);
      else out.add(t);
    }
  } else {
    // Only exclusions: start from every type, as selectNodes does without a filter.
    for (const x of known) out.add(x);
  }
  for (const t of exclude ?? []) {
    check(t, '--exclude-resource-type');
    out.delete(t);
  }
  return out;
}

function parseVersion(v: string | undefined): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(v ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** dbt's default for state_modified_compare_more_unrendered_values: false up to 1.11, true from 1.12. */
export function defaultCompareMoreUnrendered(dbtVersion: string | undefined): boolean {
  const v = parseVersion(dbtVersion);
  if (!v) return false;
  return v[0] > 1 || (v[0] === 1 && v[1] >= 12);
}

function meta(m: Manifest): SelectionResult['current'] {
  return {
    dbtVersion: m.metadata?.dbt_version,
    schemaVersion: schemaVersion(m.metadata)?.version,
    projectName: m.metadata?.project_name,
    generatedAt: m.metadata?.generated_at,
  };
}

/** Refuse a state manifest from another project (compared by project_name, else project_id). */
function checkSameProject(current: Manifest, state: Manifest): void {
  const a = current.metadata ?? {};
  const b = state.metadata ?? {};
  const differ = a.project_name && b.project_name ? a.project_name !== b.project_name : a.project_id && b.project_id ? a.project_id !== b.project_id : false;
  if (differ) {
    throw new UserError(
      `The state manifest belongs to another dbt project (${b.project_name ?? b.project_id}) than the current one (${a.project_name ?? a.project_id}).`,
      { hint: 'Pass --state the manifest.json of the last production deploy of this same project.' },
    );
  }
}

interface Bundle {
  direct: Set<string>;
  indirect: Set<string>;
}

class Selector {
  readonly graph: SelectionGraph;
  readonly ctx: MethodContext;
  /** id → how it was first reached (for reporting). */
  readonly matchedDirectly = new Set<string>();
  readonly reachedByOperator = new Set<string>();
  readonly reachedAsTest = new Set<string>();
  private allSourceIds?: Set<string>;

  constructor(readonly req: SelectionRequest, comparator: StateComparator | undefined) {
    this.graph = new SelectionGraph(req.manifest);
    this.ctx = {
      graph: this.graph,
      comparator,
      stateRunResults: req.stateRunResults,
      stateSources: req.stateSources,
      currentSources: req.currentSources,
      projectName: req.manifest.metadata?.project_name,
    };
  }

  private canSelectIndirectly(id: string): boolean {
    const m = this.graph.members.get(id);
    return !!m && (m.node.resource_type === 'test' || m.collection === 'unit_tests' || m.node.resource_type === 'unit_test');
  }

  private sources(): Set<string> {
    if (!this.allSourceIds) {
      this.allSourceIds = new Set([...this.graph.members.values()].filter((m) => m.collection === 'sources').map((m) => m.id));
    }
    return this.allSourceIds;
  }

  private parentsOf(id: string): string[] {
    return this.graph.parents.get(id) ?? [];
  }

  /** NodeSelector.expand_selection. */
  private expand(selected: Set<string>, mode: IndirectSelection): Bundle {
    const direct = new Set(selected);
    const indirect = new Set<string>();
    let selectedAndParents: Set<string> | undefined;
    if (mode === 'buildable') {
      selectedAndParents = new Set([...selected, ...this.graph.ancestors(selected), ...this.sources()]);
    }
    for (const id of this.graph.successors(selected)) {
      if (!this.canSelectIndirectly(id)) continue;
      const ps = this.parentsOf(id);
      if (mode === 'eager' || ps.every((p) => selected.has(p))) {
        if (!direct.has(id)) this.reachedAsTest.add(id);
        direct.add(id);
      } else if (mode === 'buildable' && ps.every((p) => selectedAndParents!.has(p))) {
        if (!direct.has(id)) this.reachedAsTest.add(id);
        direct.add(id);
      } else if (mode !== 'empty') {
        indirect.add(id);
      }
    }
    return { direct, indirect };
  }

  /** NodeSelector.incorporate_indirect_nodes. */
  private incorporate(direct: Set<string>, indirect: Set<string>, mode: IndirectSelection): Set<string> {
    const selected = new Set(direct);
    if (mode === 'cautious') {
      for (const id of indirect) {
        if (this.parentsOf(id).every((p) => selected.has(p))) {
          selected.add(id);
          this.reachedAsTest.add(id);
        }
      }
    } else if (mode === 'buildable') {
      const sap = new Set([...selected, ...this.graph.ancestors(selected)]);
      for (const id of indirect) {
        if (this.parentsOf(id).every((p) => sap.has(p))) {
          selected.add(id);
          this.reachedAsTest.add(id);
        }
      }
    }
    return selected;
  }

  private criterion(c: Criterion, mode: IndirectSelection): Bundle {
    const collected = searchMethod(c, this.ctx);
    for (const id of collected) this.matchedDirectly.add(id);
    const neighbours = new Set<string>();
    if (c.childrensParents) for (const id of this.graph.childrensParents(collected)) neighbours.add(id);
    if (c.parents) for (const id of this.graph.ancestors(collected, c.parentsDepth)) neighbours.add(id);
    if (c.children) for (const id of this.graph.descendants(collected, c.childrenDepth)) neighbours.add(id);
    for (const id of neighbours) if (!collected.has(id)) this.reachedByOperator.add(id);
    const selected = new Set([...collected, ...neighbours]);
    if (mode === 'empty') return { direct: selected, indirect: new Set() };
    return this.expand(selected, mode);
  }

  private combine(bundles: Bundle[], op: 'union' | 'intersection', mode: IndirectSelection): Bundle {
    const directSets = bundles.map((b) => b.direct);
    const indirectSets = bundles.map((b) => new Set([...b.direct, ...b.indirect]));
    const join = (sets: Set<string>[]): Set<string> => {
      if (!sets.length) return new Set();
      if (op === 'union') {
        const out = new Set<string>();
        for (const s of sets) for (const x of s) out.add(x);
        return out;
      }
      const [first, ...rest] = sets;
      return new Set([...first!].filter((x) => rest.every((s) => s.has(x))));
    };
    const initialDirect = join(directSets);
    const indirect = join(indirectSets);
    const direct = this.incorporate(initialDirect, indirect, mode);
    return { direct, indirect };
  }

  private intersection(i: Intersection, mode: IndirectSelection, warnings: SelectionWarning[], warnEmpty: boolean): Bundle {
    const b = this.combine(
      i.components.map((c) => this.criterion(c, mode)),
      'intersection',
      mode,
    );
    if (warnEmpty && b.direct.size === 0) warnings.push({ code: 'no-match', message: `The selection criterion "${i.raw}" does not match any enabled nodes.` });
    return b;
  }

  union(u: Union, mode: IndirectSelection, warnings: SelectionWarning[], warnEmpty: boolean): Bundle {
    return this.combine(
      u.components.map((i) => this.intersection(i, mode, warnings, warnEmpty)),
      'union',
      mode,
    );
  }
}

const COLLECTION_TYPES: Record<string, string> = { sources: 'source', exposures: 'exposure', metrics: 'metric', semantic_models: 'semantic_model', saved_queries: 'saved_query', unit_tests: 'unit_test', functions: 'function' };

function resourceTypeOf(graph: SelectionGraph, id: string): string {
  const m = graph.members.get(id);
  if (!m) return '';
  return m.node.resource_type ?? COLLECTION_TYPES[m.collection] ?? '';
}

const NOT_RUNNABLE_COLLECTIONS = new Set(['sources', 'exposures', 'metrics', 'semantic_models', 'saved_queries']);

function isRunnable(graph: SelectionGraph, id: string): boolean {
  const m = graph.members.get(id);
  if (!m || NOT_RUNNABLE_COLLECTIONS.has(m.collection)) return false;
  const n: ManifestNode = m.node;
  if (n.resource_type === 'model') {
    if (n.config?.materialized === 'ephemeral') return false;
    if (rawCode(n).trim() === '' && n.language !== 'python') return false;
  }
  if (n.resource_type === 'analysis' || n.resource_type === 'operation' || n.resource_type === 'sql_operation' || n.resource_type === 'doc') return false;
  return true;
}

/** Compute a dbt node selection over manifests. Throws UserError on bad input. */
export function selectNodes(req: SelectionRequest): SelectionResult {
  if (!req.manifest || typeof req.manifest !== 'object' || !req.manifest.nodes) {
    throw new UserError('selectNodes needs the current manifest.', { hint: 'Load it with loadManifest(<target>/manifest.json).' });
  }
  const select = req.select && req.select.length ? req.select : DEFAULT_SELECT;
  const exclude = req.exclude ?? [];
  const mode = req.indirectSelection ?? 'eager';
  if (!['eager', 'cautious', 'buildable', 'empty'].includes(mode)) {
    throw new UserError(`Unknown indirect selection mode "${mode}".`, { hint: 'Use eager, cautious, buildable or empty.' });
  }
  const resourceTypes = resolveResourceTypes(req.resourceTypes, req.excludeResourceTypes);
  const included = parseSelectors(select, '--select');
  const excluded = parseSelectors(exclude, '--exclude');
  const criteria = [...allCriteria(included), ...allCriteria(excluded)];
  const usesState = criteria.some((c) => c.method === 'state');
  // dbt raises contract breaking changes only while evaluating these three values
  // (StateSelectorMethod.search); state:new, state:modified.body… do not fail.
  const raisesContracts = criteria.some((c) => c.method === 'state' && (c.value === 'modified' || c.value === 'unmodified' || c.value === 'modified.contract'));

  const current = req.manifest;
  const cur = meta(current);
  const compareMore = req.compareMoreUnrenderedValues ?? defaultCompareMoreUnrendered(cur.dbtVersion);
  const warnings: SelectionWarning[] = [];
  let comparator: StateComparator | undefined;
  if (req.state) {
    checkSameProject(current, req.state);
    comparator = new StateComparator(current, req.state, { compareMoreUnrenderedValues: compareMore, adapterType: current.metadata?.adapter_type });
    const st = meta(req.state);
    if (st.dbtVersion && cur.dbtVersion && st.dbtVersion !== cur.dbtVersion) {
      warnings.push({
        code: 'dbt-version',
        message: `The state manifest was written by dbt ${st.dbtVersion} and the current one by dbt ${cur.dbtVersion}: built-in macro and unrendered_config changes between dbt versions can mark nodes modified. Pin one dbt version for production and CI.`,
      });
    }
    if (st.schemaVersion !== undefined && cur.schemaVersion !== undefined && st.schemaVersion !== cur.schemaVersion) {
      warnings.push({
        code: 'cross-version',
        message: `Comparing a manifest v${st.schemaVersion} (state) with v${cur.schemaVersion} (current); fields the older schema lacks take dbt's defaults.`,
      });
    }
    if (compareMore) {
      const lacks = Object.values(req.state.sources ?? {}).some((s) => !('unrendered_schema' in s)) && Object.keys(current.sources ?? {}).length > 0;
      if (lacks) {
        warnings.push({
          code: 'state-unrendered',
          message: 'The state manifest predates dbt 1.9 and has no unrendered_database/unrendered_schema on sources; sources are compared on their rendered database/schema instead.',
        });
      }
    }
  } else if (usesState) {
    const c = criteria.find((x) => x.method === 'state')!;
    throw new UserError(`Got a state selector method ("${c.raw}"), but no comparison manifest.`, {
      hint: 'Pass --state <dir or manifest.json> with the manifest of the last production deploy.',
    });
  }

  const sel = new Selector(req, comparator);
  const inc = sel.union(included, mode, warnings, true);
  const matchedInclude = new Set(sel.matchedDirectly);
  const operatorInclude = new Set(sel.reachedByOperator);
  const testsInclude = new Set(sel.reachedAsTest);
  // Exclusion always expands tests eagerly (dbt's parse_difference).
  const exc = excluded.components.length ? sel.union(excluded, 'eager', [], false) : { direct: new Set<string>(), indirect: new Set<string>() };
  const selectedSet = new Set([...inc.direct].filter((x) => !exc.direct.has(x) && (!resourceTypes || resourceTypes.has(resourceTypeOf(sel.graph, x)))));
  const selected = [...selectedSet].sort();

  const modified: Record<string, Reason[]> = {};
  const changedConfigs: Record<string, string[]> = {};
  if (comparator) {
    // For the report. dbt raises contract errors only while evaluating
    // state:modified, state:unmodified or state:modified.contract, so otherwise
    // they are reported as warnings instead.
    const guard = (fn: () => void): void => {
      try {
        fn();
      } catch (err) {
        if (raisesContracts || !(err instanceof ContractBreakingChangeError)) throw err;
        warnings.push({ code: 'contract', message: err.message });
      }
    };
    guard(() => comparator!.checkRemovedContracts());
    for (const m of sel.graph.members.values()) {
      guard(() => {
        const reasons = comparator!.modifiedReasons(m);
        if (reasons.length) modified[m.id] = reasons;
        if (reasons.includes('configs')) {
          const keys = comparator!.changedConfigKeys(m);
          if (keys.length) changedConfigs[m.id] = keys;
        }
      });
    }
    for (const w of comparator.warnings as ComparisonWarning[]) {
      warnings.push({ code: w.message.includes('Seed') ? 'seed-size' : 'contract', message: w.message, uniqueId: w.uniqueId });
    }
  }
  const sortedModified: Record<string, Reason[]> = {};
  for (const k of Object.keys(modified).sort()) sortedModified[k] = modified[k]!;

  const isTest = (id: string): boolean => {
    const m = sel.graph.members.get(id);
    return !!m && (m.node.resource_type === 'test' || m.collection === 'unit_tests');
  };
  const direct = selected.filter((id) => matchedInclude.has(id));
  const tests = selected.filter((id) => !matchedInclude.has(id) && isTest(id));
  const downstream = selected.filter((id) => !matchedInclude.has(id) && !isTest(id));
  void operatorInclude;
  void testsInclude;

  return {
    selected,
    runnable: selected.filter((id) => isRunnable(sel.graph, id)),
    modified: sortedModified,
    changedConfigs,
    direct,
    downstream,
    tests,
    warnings,
    select,
    exclude,
    indirectSelection: mode,
    compareMoreUnrenderedValues: compareMore,
    state: req.state ? meta(req.state) : undefined,
    current: cur,
  };
}

/**
 * --state takes a manifest.json or a folder holding it; run_results.json and
 * sources.json beside it are loaded when present. The manifest is loaded
 * slim by default (compiled SQL dropped: selection never reads it); pass
 * { slim: false } for the full document.
 */
export async function loadStateDir(pathOrFile: string, opts: { slim?: boolean } = {}): Promise<{ manifest: Manifest; runResults?: RunResults; sources?: SourcesArtifact; dir: string }> {
  let dir: string;
  let manifestPath: string;
  let isDir = false;
  try {
    isDir = statSync(pathOrFile).isDirectory();
  } catch {
    throw new UserError(`The state path ${pathOrFile} does not exist.`, {
      hint: 'Pass --state the folder holding the production manifest.json (or the file itself).',
    });
  }
  if (isDir) {
    dir = pathOrFile;
    manifestPath = join(dir, 'manifest.json');
    if (!existsSync(manifestPath)) {
      throw new UserError(`The state folder ${dir} has no manifest.json.`, {
        hint: 'Copy the manifest.json of the last production run there (dbt writes it to target/), or pass the file itself.',
      });
    }
  } else {
    manifestPath = pathOrFile;
    dir = dirname(pathOrFile);
    if (!basename(pathOrFile).endsWith('.json')) {
      throw new UserError(`--state ${pathOrFile} is neither a folder nor a .json file.`, { hint: 'Pass the folder holding manifest.json, or manifest.json itself.' });
    }
  }
  const manifest = await loadManifest(manifestPath, { slim: opts.slim ?? true });
  const rr = join(dir, 'run_results.json');
  const src = join(dir, 'sources.json');
  const runResults = existsSync(rr) ? await loadRunResults(rr) : undefined;
  const sources = existsSync(src) ? await loadSources(src) : undefined;
  return { manifest, runResults, sources, dir };
}
