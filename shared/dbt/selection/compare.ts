/**
 * State comparison: dbt-core's `same_*` checks (contracts/graph/nodes.py,
 * dbt_common BaseConfig.same_contents) re-implemented over manifest JSON.
 *
 * Both manifests are read through accessors that apply the defaults dbt
 * applies when it upgrades an older manifest in memory (raw_sql → raw_code,
 * access → protected, contract → not enforced, …), so a state manifest from
 * another schema version (v4–v12) does not make everything look modified.
 */
import { UserError, GateFailure } from '../../errors.js';
import type { Manifest, ManifestNode } from '../artifacts.js';
import { schemaVersion } from '../artifacts.js';
import type { Collection, Member } from './graph.js';
import { isEnabled } from './graph.js';

export type Reason =
  | 'new'
  | 'body'
  | 'configs'
  | 'persisted_descriptions'
  | 'fqn'
  | 'relation'
  | 'contract'
  | 'access'
  | 'version'
  | 'macros'
  | 'quoting'
  | 'freshness'
  | 'external'
  | 'properties'
  | 'checksum';

/** Raised (as in dbt) when a versioned model's enforced contract has a breaking change during state selection. */
export class ContractBreakingChangeError extends GateFailure {}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    // Python compares 1 == 1.0 as equal; JSON numbers already are.
    return false;
  }
  const aa = Array.isArray(a);
  if (aa !== Array.isArray(b)) return false;
  if (aa) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let nx = 0;
  for (const k in x) {
    nx++;
    if (!(k in y) || !deepEqual(x[k], y[k])) return false;
  }
  let ny = 0;
  for (const _k in y) ny++;
  return nx === ny;
}

const nul = (v: unknown): unknown => (v === undefined ? null : v);

/** null, [], {} or an object holding only such values (e.g. `{meta: {}}`). */
export function isEmptyish(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') {
    for (const k in v as object) if (!isEmptyish((v as Record<string, unknown>)[k])) return false;
    return true;
  }
  return false;
}

/**
 * Equality that ignores keys present on one side only when their value is
 * empty (null/[]/{}): newer dbt versions serialise defaults older ones left
 * out (`meta: {}`, `loaded_at_field: null`, `config: {meta: {}}`). Used only
 * when the two manifests come from different dbt minor versions.
 */
export function lenientEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const aa = Array.isArray(a);
  if (aa !== Array.isArray(b)) return false;
  if (aa) {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((v, i) => lenientEqual(v, y[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) {
    if (k in y) {
      if (!lenientEqual(x[k], y[k])) return false;
    } else if (!isEmptyish(x[k])) return false;
  }
  for (const k in y) if (!(k in x) && !isEmptyish(y[k])) return false;
  return true;
}

// ---- accessors with upgrade defaults -------------------------------------

export function rawCode(n: ManifestNode): string {
  return (n.raw_code ?? n.raw_sql ?? '') as string;
}
function unrendered(n: ManifestNode): Record<string, unknown> {
  return (n.unrendered_config ?? {}) as Record<string, unknown>;
}
function contractOf(n: ManifestNode): { enforced: boolean; checksum: string | null } {
  const c = n.contract as { enforced?: boolean; checksum?: string | null } | undefined;
  return { enforced: c?.enforced === true, checksum: (c?.checksum ?? null) as string | null };
}
function columnsOf(n: ManifestNode): Record<string, any> {
  return (n.columns ?? {}) as Record<string, any>;
}
export function isGenericTest(n: ManifestNode): boolean {
  return n.resource_type === 'test' && n.test_metadata != null;
}

/** Config keys each config class leaves out of the comparison (CompareBehavior.Exclude). */
const NODE_EXCLUDED = new Set(['alias', 'schema', 'database', 'tags', 'group']);
const METRIC_EXCLUDED = new Set(['group']);
const TEST_MODIFIERS = ['severity', 'where', 'limit', 'fail_calc', 'warn_if', 'error_if', 'store_failures', 'store_failures_as', 'sql_header'];

function compareKey(a: Record<string, unknown>, b: Record<string, unknown>, key: string): boolean {
  const inA = key in a;
  const inB = key in b;
  if (!inA && !inB) return true;
  if (inA !== inB) return false;
  return deepEqual(a[key], b[key]);
}

/** The config keys whose values differ, under the same rules as sameConfigDicts (for the report, not the verdict). */
function differingConfigKeys(a: Record<string, unknown>, b: Record<string, unknown>, excluded: Set<string>, lenient: boolean): string[] {
  const out = new Set<string>();
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (excluded.has(k)) continue;
    const differs = lenient
      ? k in a && k in b
        ? !lenientEqual(a[k], b[k])
        : !isEmptyish(k in a ? a[k] : b[k])
      : !compareKey(a, b, k);
    if (differs) out.add(k);
  }
  return [...out].sort();
}

function sameConfigDicts(a: Record<string, unknown>, b: Record<string, unknown>, excluded: Set<string>, lenient: boolean): boolean {
  if (lenient) {
    for (const k in a) if (!excluded.has(k) && (k in b ? !lenientEqual(a[k], b[k]) : !isEmptyish(a[k]))) return false;
    for (const k in b) if (!excluded.has(k) && !(k in a) && !isEmptyish(b[k])) return false;
    return true;
  }
  for (const k in a) if (!excluded.has(k) && !compareKey(a, b, k)) return false;
  for (const k in b) if (!excluded.has(k) && !(k in a)) return false;
  return true;
}

export interface CompareOptions {
  compareMoreUnrenderedValues: boolean;
  /** Tolerate serialisation differences between dbt versions (see lenientEqual). Default: on when the dbt minor versions differ. */
  crossVersion?: boolean;
  adapterType?: string;
}

type Support = 'enforced' | 'not_enforced' | 'not_supported';
/** Constraint support per adapter (dbt-adapters CONSTRAINT_SUPPORT); default is the base adapter's (all enforced but check). */
function constraintSupport(adapter: string | undefined, type: string): Support {
  const t = type.toLowerCase();
  switch ((adapter ?? '').toLowerCase()) {
    case 'snowflake':
      return t === 'not_null' ? 'enforced' : t === 'check' ? 'not_supported' : 'not_enforced';
    case 'bigquery':
      return t === 'not_null' ? 'enforced' : t === 'check' || t === 'unique' ? 'not_supported' : 'not_enforced';
    case 'redshift':
      return t === 'not_null' ? 'enforced' : t === 'check' ? 'not_supported' : 'not_enforced';
    case 'databricks':
    case 'spark':
      return t === 'not_null' || t === 'check' ? 'enforced' : 'not_enforced';
    case 'postgres':
      return 'enforced';
    default:
      return t === 'check' ? 'not_supported' : 'enforced';
  }
}

const CONSTRAINED_MATERIALIZATIONS = new Set(['table', 'incremental']);

export interface ComparisonWarning {
  uniqueId: string;
  message: string;
}

/**
 * Compares the current manifest's resources with their state counterparts.
 * Results are cached per unique id; one instance per selection run.
 */
export class StateComparator {
  readonly warnings: ComparisonWarning[] = [];
  private readonly oldIndex: Map<string, ManifestNode>;
  private readonly cache = new Map<string, Set<Reason>>();
  private modifiedMacros?: Set<string>;
  private taintedMacros?: Set<string>;
  private removedChecked = false;
  private readonly contractChecked = new Set<string>();

  private readonly lenient: boolean;
  private readonly eq: (a: unknown, b: unknown) => boolean;

  constructor(
    readonly current: Manifest,
    readonly state: Manifest,
    readonly opts: CompareOptions,
  ) {
    const minor = (v: unknown): string => /^(\d+\.\d+)/.exec(String(v ?? ''))?.[1] ?? String(v);
    this.lenient = opts.crossVersion ?? minor(current.metadata?.dbt_version) !== minor(state.metadata?.dbt_version);
    this.eq = this.lenient ? lenientEqual : deepEqual;
    this.oldIndex = new Map();
    const stateVersion = schemaVersion(state.metadata)?.version ?? 12;
    // Lookup order as dbt: nodes, sources, exposures, metrics, semantic_models, unit_tests, saved_queries, functions.
    const order: Collection[] = ['functions', 'saved_queries', 'unit_tests', 'semantic_models', 'metrics', 'exposures', 'sources', 'nodes'];
    for (const c of order) {
      // Manifests before v10 had old-style metrics; dbt drops them when upgrading.
      if (c === 'metrics' && stateVersion <= 9) continue;
      const coll = state[c] as Record<string, ManifestNode> | undefined;
      if (!coll) continue;
      for (const id in coll) this.oldIndex.set(id, coll[id]!);
    }
  }

  previous(id: string): ManifestNode | undefined {
    return this.oldIndex.get(id);
  }

  // ---- macros -----------------------------------------------------------

  private computeMacros(): void {
    const oldM = (this.state.macros ?? {}) as Record<string, ManifestNode>;
    const newM = (this.current.macros ?? {}) as Record<string, ManifestNode>;
    const modified = new Set<string>();
    for (const id in newM) {
      const o = oldM[id];
      if (!o || o.macro_sql !== newM[id]!.macro_sql) modified.add(id);
    }
    for (const id in oldM) if (!(id in newM)) modified.add(id);
    this.modifiedMacros = modified;
    // Every macro from which a modified macro is reachable via depends_on.macros.
    const dependents = new Map<string, string[]>();
    for (const id in newM) {
      for (const d of (newM[id]!.depends_on?.macros ?? []) as string[]) {
        if (typeof d !== 'string') continue;
        let l = dependents.get(d);
        if (!l) dependents.set(d, (l = []));
        l.push(id);
      }
    }
    const tainted = new Set<string>(modified);
    const queue = [...modified];
    while (queue.length) {
      const m = queue.pop()!;
      for (const dep of dependents.get(m) ?? []) {
        if (!tainted.has(dep)) {
          tainted.add(dep);
          queue.push(dep);
        }
      }
    }
    this.taintedMacros = tainted;
  }

  /** dbt's check_macros_modified: any macro reachable from the node's depends_on.macros changed, was added or removed. */
  macrosModified(member: Member): boolean {
    if (member.collection === 'sources') return false;
    if (!this.modifiedMacros) this.computeMacros();
    const deps = member.node.depends_on?.macros as unknown[] | undefined;
    if (!deps || !deps.length) return false;
    for (const d of deps) {
      if (typeof d !== 'string') {
        throw new UserError(`${member.id} depends on a macro or generic test that does not exist (depends_on.macros holds ${JSON.stringify(d)}).`, {
          hint: 'A macro or generic test definition was deleted while something still calls it; restore it or remove the reference, then run `dbt parse` again.',
        });
      }
    }
    if (this.modifiedMacros!.size === 0) return false;
    const macros = this.current.macros ?? {};
    for (const d of deps as string[]) {
      if (this.taintedMacros!.has(d)) return true;
      if (!(d in macros)) {
        throw new UserError(`${member.id} depends on macro ${d}, which is in neither manifest.`, {
          hint: 'The manifest is inconsistent; regenerate it with `dbt parse`.',
        });
      }
    }
    return false;
  }

  // ---- per-check comparisons (new vs old) -------------------------------

  sameBody(n: ManifestNode, o: ManifestNode): boolean {
    if (n.resource_type === 'seed') return this.sameSeeds(n, o);
    return rawCode(n) === rawCode(o);
  }

  private sameSeeds(n: ManifestNode, o: ManifestNode): boolean {
    const a = n.checksum;
    const b = o.checksum;
    const result = !!a && !!b && a.name === b.name && a.checksum === b.checksum;
    if (a?.name === 'path') {
      if (b?.name !== 'path') {
        this.warn(n.unique_id, `Seed ${n.unique_id} grew beyond the seed size limit (dbt --maximum-seed-size-mib, default 1 MiB); it is treated as modified, and later content changes will not be detected.`);
      } else if (result) {
        this.warn(n.unique_id, `Seed ${n.unique_id} is larger than the seed size limit, so dbt compares its path only: content changes are not detected.`);
      }
    } else if (a?.name === 'none') {
      return false;
    }
    return result;
  }

  /** Which config keys differ from the state manifest's (empty when unknown or unchanged): says what "configs" means in a report. */
  changedConfigKeys(m: Member): string[] {
    const o = this.previous(m.id);
    if (!o) return [];
    const a = unrendered(m.node);
    const b = unrendered(o);
    switch (m.collection) {
      case 'nodes':
      case 'functions':
        if (m.node.resource_type === 'test') return TEST_MODIFIERS.filter((k) => !compareKey(a, b, k));
        return differingConfigKeys(a, b, NODE_EXCLUDED, this.lenient);
      case 'sources':
      case 'exposures':
        return differingConfigKeys(a, b, new Set(), this.lenient);
      case 'metrics':
        return differingConfigKeys(a, b, METRIC_EXCLUDED, this.lenient);
      default:
        return [];
    }
  }

  sameConfig(m: Member, o: ManifestNode): boolean {
    const n = m.node;
    const a = unrendered(n);
    const b = unrendered(o);
    switch (m.collection) {
      case 'nodes':
      case 'functions':
        if (n.resource_type === 'test') {
          for (const k of TEST_MODIFIERS) if (!compareKey(a, b, k)) return false;
          return true;
        }
        return sameConfigDicts(a, b, NODE_EXCLUDED, this.lenient);
      case 'sources':
      case 'exposures':
        return sameConfigDicts(a, b, new Set(), this.lenient);
      case 'metrics':
        return sameConfigDicts(a, b, METRIC_EXCLUDED, this.lenient);
      case 'semantic_models':
      case 'saved_queries':
        return this.eq(n.config ?? null, o.config ?? null);
      default:
        return true;
    }
  }

  samePersistedDescription(n: ManifestNode, o: ManifestNode): boolean {
    const pd = (n.config?.persist_docs ?? {}) as { relation?: unknown; columns?: unknown };
    if (pd.relation && nul(n.description) !== nul(o.description)) return false;
    if (pd.columns) {
      const cd = (x: ManifestNode): Record<string, unknown> => Object.fromEntries(Object.entries(columnsOf(x)).map(([k, v]) => [k, nul(v?.description)]));
      if (!deepEqual(cd(n), cd(o))) return false;
    }
    return true;
  }

  sameDatabaseRepresentation(m: Member, o: ManifestNode): boolean {
    const n = m.node;
    if (m.collection === 'sources') {
      const useUnrendered = this.opts.compareMoreUnrenderedValues && 'unrendered_schema' in n && 'unrendered_schema' in o;
      const pick = (x: ManifestNode, k: 'database' | 'schema'): unknown => nul(useUnrendered ? x[`unrendered_${k}`] : x[k]);
      return pick(n, 'database') === pick(o, 'database') && pick(n, 'schema') === pick(o, 'schema') && nul(n.identifier) === nul(o.identifier);
    }
    const a = unrendered(n);
    const b = unrendered(o);
    for (const k of ['database', 'schema', 'alias']) if (!deepEqual(nul(a[k]), nul(b[k]))) return false;
    return true;
  }

  /** ModelNode.same_contract; records breaking-change warnings, throws for versioned models. Non-models: always same. */
  sameContract(n: ManifestNode, o: ManifestNode): boolean {
    if (n.resource_type !== 'model' || o.resource_type !== 'model') return true;
    const nc = contractOf(n);
    const oc = contractOf(o);
    if (!oc.enforced && !nc.enforced) return true;
    if (!oc.enforced && nc.enforced) return false;
    if (nc.checksum === oc.checksum && nc.enforced) return true;
    if (this.contractChecked.has(n.unique_id)) return false;
    this.contractChecked.add(n.unique_id);
    const problems: string[] = [];
    if (oc.enforced && !nc.enforced) problems.push('Contract enforcement was removed');
    const adapter = this.opts.adapterType ?? this.current.metadata?.adapter_type;
    const oldCols = columnsOf(o);
    const newCols = columnsOf(n);
    const oldMat = o.config?.materialized;
    const newMat = n.config?.materialized;
    const enforcesConstraints = CONSTRAINED_MATERIALIZATIONS.has(oldMat);
    let columnConstraintsExist = false;
    const removed: string[] = [];
    const typeChanges: string[] = [];
    const colConstraintRemoved: string[] = [];
    for (const key of Object.keys(oldCols).sort()) {
      const oc2 = oldCols[key];
      const cons = (oc2?.constraints ?? []) as any[];
      if (cons.length) columnConstraintsExist = true;
      const nc2 = newCols[key];
      if (!nc2) {
        removed.push(oc2?.name ?? key);
        continue;
      }
      const base = (t: unknown): string => String(t ?? '').split('(')[0]!.trim().toLowerCase();
      if (base(oc2?.data_type) !== base(nc2?.data_type)) typeChanges.push(`${oc2?.name ?? key} (${oc2?.data_type} -> ${nc2?.data_type})`);
      if (enforcesConstraints) {
        for (const c of cons) {
          if (constraintSupport(adapter, String(c?.type ?? '')) !== 'enforced') continue;
          if (!((nc2.constraints ?? []) as any[]).some((x) => deepEqual(x, c))) colConstraintRemoved.push(`${oc2?.name ?? key} (${c?.type})`);
        }
      }
    }
    const modelCons = (o.constraints ?? []) as any[];
    const modelConsRemoved: string[] = [];
    if (enforcesConstraints) {
      for (const c of modelCons) {
        if (constraintSupport(adapter, String(c?.type ?? '')) !== 'enforced') continue;
        if (!((n.constraints ?? []) as any[]).some((x) => deepEqual(x, c))) modelConsRemoved.push(String(c?.type));
      }
    }
    if (removed.length) problems.push(`Columns were removed: ${removed.join(', ')}`);
    if (typeChanges.length) problems.push(`Columns with data_type changes: ${typeChanges.join(', ')}`);
    if (colConstraintRemoved.length) problems.push(`Enforced column level constraints were removed: ${colConstraintRemoved.join(', ')}`);
    if (modelConsRemoved.length) problems.push(`Enforced model level constraints were removed: ${modelConsRemoved.join(', ')}`);
    if (enforcesConstraints && !CONSTRAINED_MATERIALIZATIONS.has(newMat) && (modelCons.length > 0 || columnConstraintsExist)) {
      problems.push(`Materialization changed with enforced constraints: ${oldMat} -> ${newMat}`);
    }
    if (problems.length) this.breaking(n, problems);
    return false;
  }

  private breaking(n: ManifestNode, problems: string[]): void {
    const versioned = n.version != null;
    const text = `${versioned ? 'Breaking change to contracted, versioned model' : 'While comparing to previous project state, dbt detected a breaking change to an unversioned model'} ${n.unique_id}:\n  - ${problems.join('\n  - ')}`;
    if (versioned) {
      throw new ContractBreakingChangeError(text, {
        hint: 'Create a new version of the model (versions: in its YAML) instead of changing the contract of an existing one, or revert the change.',
      });
    }
    this.warn(n.unique_id, text);
  }

  /** dbt's same_contract_removed: contracted models deleted or disabled since the state. */
  checkRemovedContracts(): void {
    if (this.removedChecked) return;
    this.removedChecked = true;
    const today = new Date();
    const disabled = this.current.disabled ?? {};
    const stateNodes = (this.state.nodes ?? {}) as Record<string, ManifestNode>;
    for (const id in stateNodes) {
      const o = stateNodes[id]!;
      if (o.resource_type !== 'model' || !contractOf(o).enforced) continue;
      const cur = this.current.nodes[id];
      if (cur && isEnabled(cur)) continue;
      const dep = o.deprecation_date ? new Date(String(o.deprecation_date)) : undefined;
      if (dep && !Number.isNaN(dep.getTime()) && dep < today) continue;
      const how = cur || id in disabled ? 'disabled' : 'deleted or renamed';
      const msg = `Contracted model '${id}' was ${how}.`;
      if (o.version != null) {
        throw new ContractBreakingChangeError(`Breaking change to contracted, versioned model: ${msg}`, {
          hint: 'Keep the old version until its deprecation_date has passed, or set a deprecation_date in the past before removing it.',
        });
      }
      this.warn(id, `${msg} This is a breaking change for anything that relies on it.`);
    }
  }

  private warn(uniqueId: string, message: string): void {
    if (!this.warnings.some((w) => w.uniqueId === uniqueId && w.message === message)) this.warnings.push({ uniqueId, message });
  }

  // ---- whole-resource comparison -----------------------------------------

  /**
   * Reasons a resource differs from state, the way `same_contents` decides
   * (empty set: unchanged). Sources/exposures/metrics/semantic models/saved
   * queries with no previous counterpart are "unchanged" (dbt quirk).
   */
  differences(m: Member): Set<Reason> {
    const cached = this.cache.get(m.id);
    if (cached) return cached;
    const r = new Set<Reason>();
    const n = m.node;
    const o = this.previous(m.id);
    switch (m.collection) {
      case 'nodes':
      case 'functions': {
        if (!o) {
          r.add('new');
          break;
        }
        // sameContract first: it may raise for versioned models, as in dbt.
        const contractSame = this.sameContract(n, o);
        if (isGenericTest(n)) {
          if (!this.sameConfig(m, o)) r.add('configs');
          if (!deepEqual(n.fqn ?? null, o.fqn ?? null)) r.add('fqn');
          break;
        }
        if (!this.sameBody(n, o)) r.add('body');
        if (!this.sameConfig(m, o)) r.add('configs');
        if (!this.samePersistedDescription(n, o)) r.add('persisted_descriptions');
        if (!deepEqual(n.fqn ?? null, o.fqn ?? null)) r.add('fqn');
        if (!this.sameDatabaseRepresentation(m, o)) r.add('relation');
        if (!contractSame) r.add('contract');
        if (n.resource_type === 'model') {
          if ((n.access ?? 'protected') !== (o.access ?? 'protected')) r.add('access');
          if (nul(n.latest_version) !== nul(o.latest_version) || nul(n.deprecation_date) !== nul(o.deprecation_date)) r.add('version');
        }
        if (m.collection === 'functions') {
          if (!deepEqual(nul(n.arguments), nul(o.arguments)) || !deepEqual(nul(n.returns), nul(o.returns))) r.add('properties');
          const ov = (x: ManifestNode): unknown =>
            ((x.overloads ?? []) as any[]).map((v) => [nul(v?.defined_in), nul(v?.arguments), nul(v?.returns), nul(v?.raw_body)]);
          if (!deepEqual(ov(n), ov(o))) r.add('properties');
        }
        break;
      }
      case 'sources': {
        if (!o) break;
        if (!this.sameDatabaseRepresentation(m, o)) r.add('relation');
        if (!deepEqual(n.fqn ?? null, o.fqn ?? null)) r.add('fqn');
        if (!this.sameConfig(m, o)) r.add('configs');
        if (!deepEqual(nul(n.quoting), nul(o.quoting))) r.add('quoting');
        if (!deepEqual(nul(n.freshness), nul(o.freshness)) || nul(n.loaded_at_field) !== nul(o.loaded_at_field)) r.add('freshness');
        if (!deepEqual(nul(n.external), nul(o.external))) r.add('external');
        break;
      }
      case 'exposures': {
        if (!o) break;
        if (!deepEqual(n.fqn ?? null, o.fqn ?? null)) r.add('fqn');
        const owner = (x: ManifestNode): unknown => {
          const ow = (x.owner ?? {}) as Record<string, unknown>;
          return { ...ow, email: nul(ow.email), name: nul(ow.name) };
        };
        const deps = (x: ManifestNode): string[] => [...new Set((x.depends_on?.nodes ?? []) as string[])].sort();
        if (
          nul(n.type) !== nul(o.type) ||
          !deepEqual(owner(n), owner(o)) ||
          nul(n.maturity) !== nul(o.maturity) ||
          nul(n.url) !== nul(o.url) ||
          nul(n.description ?? '') !== nul(o.description ?? '') ||
          nul(n.label) !== nul(o.label) ||
          !deepEqual(deps(n), deps(o))
        )
          r.add('properties');
        if (!this.sameConfig(m, o)) r.add('configs');
        break;
      }
      case 'metrics': {
        if (!o) break;
        // filter, type_params and meta are stubbed to "equal" in dbt-core (quirk).
        if (nul(n.type) !== nul(o.type) || nul(n.description ?? '') !== nul(o.description ?? '') || nul(n.label) !== nul(o.label)) r.add('properties');
        if (!this.sameConfig(m, o)) r.add('configs');
        break;
      }
      case 'semantic_models': {
        if (!o) break;
        for (const k of ['model', 'description', 'defaults', 'entities', 'dimensions', 'measures', 'primary_entity', 'group']) {
          if (!this.eq(nul(n[k]), nul(o[k]))) r.add('properties');
        }
        if (!this.sameConfig(m, o)) r.add('configs');
        break;
      }
      case 'saved_queries': {
        if (!o) break;
        const qp = (x: ManifestNode, k: string): unknown => nul(x.query_params?.[k]);
        for (const k of ['metrics', 'group_by', 'where']) if (!deepEqual(qp(n, k), qp(o, k))) r.add('properties');
        for (const k of ['description', 'label', 'group', 'tags']) if (!deepEqual(nul(n[k]), nul(o[k]))) r.add('properties');
        const ex = (x: ManifestNode): unknown =>
          ((x.exports ?? []) as any[]).map((e) => [e?.name, nul(e?.unrendered_config?.export_as), nul(e?.unrendered_config?.schema), nul(e?.unrendered_config?.alias)]);
        if (!deepEqual(ex(n), ex(o))) r.add('properties');
        if (!this.sameConfig(m, o)) r.add('configs');
        break;
      }
      case 'unit_tests': {
        if (!o) {
          r.add('new');
          break;
        }
        if (nul(n.checksum) !== nul(o.checksum) && !deepEqual(n.checksum, o.checksum)) r.add('checksum');
        break;
      }
    }
    this.cache.set(m.id, r);
    return r;
  }

  /** dbt's check_modified_content plus the reasons (macros added). */
  modifiedReasons(m: Member): Reason[] {
    const r = new Set(this.differences(m));
    if (this.macrosModified(m)) r.add('macros');
    return [...r];
  }

  // ---- sub-selectors (check_modified_factory) ----------------------------

  /** Does the resource type "have" this comparison (decides whether new ones are selected)? */
  static hasCheck(m: Member, check: 'body' | 'configs' | 'persisted_descriptions' | 'relation' | 'contract'): boolean {
    switch (m.collection) {
      case 'nodes':
      case 'functions':
        return true;
      case 'sources':
        return check === 'configs' || check === 'relation';
      case 'exposures':
      case 'metrics':
      case 'semantic_models':
      case 'saved_queries':
        return check === 'configs';
      default:
        return false;
    }
  }

  subselector(m: Member, check: 'body' | 'configs' | 'persisted_descriptions' | 'relation' | 'contract'): boolean {
    if (!StateComparator.hasCheck(m, check)) return false;
    const o = this.previous(m.id);
    if (!o) return true;
    switch (check) {
      case 'body':
        return !this.sameBody(m.node, o);
      case 'configs':
        return !this.sameConfig(m, o);
      case 'persisted_descriptions':
        return !this.samePersistedDescription(m.node, o);
      case 'relation':
        return !this.sameDatabaseRepresentation(m, o);
      case 'contract':
        return !this.sameContract(m.node, o);
    }
  }
}
