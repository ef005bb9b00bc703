/**
 * Selector methods (dbt-core graph/selector_methods.py): each returns the set
 * of graph members a criterion's value matches, before graph operators.
 */
import picomatch from 'picomatch';
import { UserError } from '../../errors.js';
import type { ManifestNode, RunResults, SourcesArtifact } from '../artifacts.js';
import type { Criterion } from './parser.js';
import type { Member, SelectionGraph } from './graph.js';
import { isGenericTest, StateComparator } from './compare.js';

/** Python fnmatch.fnmatchcase: *, ?, [seq], [!seq]; everything else literal. */
const fnCache = new Map<string, RegExp>();
export function fnmatch(name: string, pattern: string): boolean {
  let re = fnCache.get(pattern);
  if (!re) {
    let out = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === '*') out += '[\\s\\S]*';
      else if (c === '?') out += '[\\s\\S]';
      else if (c === '[') {
        const close = pattern.indexOf(']', i + 2);
        if (close < 0) out += '\\[';
        else {
          let body = pattern.slice(i + 1, close);
          if (body.startsWith('!')) body = '^' + body.slice(1);
          out += '[' + body.replace(/\\/g, '\\\\') + ']';
          i = close;
        }
      } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    re = new RegExp('^' + out + '$');
    fnCache.set(pattern, re);
  }
  return re.test(name);
}

const hasWildcard = (s: string): boolean => /[*?[\]]/.test(s);

/** dbt's is_selected_node. */
function isSelectedNode(fqn: string[], selector: string, versioned: boolean): boolean {
  if (!fqn.length) return false;
  if (versioned) {
    const flat = selector.split('.');
    if (fqn[fqn.length - 2] === selector) return true;
    if (fqn.slice(-2).join('_') === flat.slice(-2).join('_')) return true;
  } else if (fqn[fqn.length - 1] === selector) return true;
  const flatFqn = fqn.flatMap((s) => s.split('.'));
  const parts = selector.split('.');
  if (flatFqn.length < parts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    if (hasWildcard(parts[i]!)) return fnmatch(flatFqn.slice(i).join('.'), parts.slice(i).join('.'));
    if (flatFqn[i] !== parts[i]) return false;
  }
  return true;
}

export interface MethodContext {
  graph: SelectionGraph;
  comparator?: StateComparator;
  stateRunResults?: RunResults;
  stateSources?: SourcesArtifact;
  currentSources?: SourcesArtifact;
  projectName?: string;
}

function needState(c: Criterion, what: string, hint: string): never {
  throw new UserError(`The selector "${c.raw}" needs ${what}.`, { hint });
}

const posixPath = (p: string): string => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');

export function searchMethod(c: Criterion, ctx: MethodContext): Set<string> {
  const out = new Set<string>();
  const v = c.value;
  const all = ctx.graph.members;
  const each = (filter: (m: Member) => boolean, pred: (n: ManifestNode, m: Member) => boolean): void => {
    for (const m of all.values()) if (filter(m) && pred(m.node, m)) out.add(m.id);
  };
  // dbt's iterators: parsed_nodes = `nodes`; all_nodes adds sources, exposures, metrics, unit tests, semantic models, saved queries.
  const parsed = (m: Member): boolean => m.collection === 'nodes';
  const any = (): boolean => true;
  switch (c.method) {
    case 'fqn':
      if (v === '*') {
        each((m) => m.collection === 'nodes' || m.collection === 'unit_tests' || m.collection === 'functions', () => true);
        break;
      }
      each(
        (m) => m.collection === 'nodes' || m.collection === 'unit_tests' || m.collection === 'functions',
        (n) => {
          const fqn = (n.fqn ?? []) as string[];
          const versioned = n.version != null;
          return isSelectedNode(fqn, v, versioned) || isSelectedNode(fqn.slice(1), v, versioned);
        },
      );
      break;
    case 'wildcard':
      each(any, () => true);
      break;
    case 'tag':
      each(any, (n) => ((n.tags ?? []) as string[]).some((t) => fnmatch(t, v)));
      break;
    case 'group':
      each((m) => m.collection === 'nodes' || m.collection === 'metrics', (n) => (n.config?.group ?? n.group) === v);
      break;
    case 'access':
      each(parsed, (n) => n.resource_type === 'model' && (n.access ?? 'protected') === v);
      break;
    case 'version': {
      each(parsed, (n) => {
        if (n.resource_type !== 'model' || n.version == null) return false;
        const latest = n.latest_version;
        if (v === 'latest') return String(n.version) === String(latest);
        if (v === 'prerelease') return latest != null && Number(n.version) > Number(latest);
        if (v === 'old') return latest != null && Number(n.version) < Number(latest);
        if (v === 'none') return false;
        return String(n.version) === v;
      });
      break;
    }
    case 'source': {
      const parts = v.split('.');
      let pkg = '*';
      let src: string;
      let table = '*';
      if (parts.length === 1) src = parts[0]!;
      else if (parts.length === 2) [src, table] = parts as [string, string];
      else if (parts.length === 3) [pkg, src, table] = parts as [string, string, string];
      else throw new UserError(`Invalid source selector value "${v}".`, { hint: 'Sources are selected as source:<source_name>, source:<source_name>.<table_name> or source:<package>.<source_name>.<table_name>.' });
      each(
        (m) => m.collection === 'sources',
        (n) => fnmatch(n.package_name, pkg) && fnmatch(String(n.source_name ?? ''), src) && fnmatch(n.name, table),
      );
      break;
    }
    case 'exposure':
    case 'metric':
    case 'semantic_model':
    case 'saved_query':
    case 'unit_test': {
      const coll = ({ exposure: 'exposures', metric: 'metrics', semantic_model: 'semantic_models', saved_query: 'saved_queries', unit_test: 'unit_tests' } as const)[c.method];
      const parts = v.split('.');
      let pkg = '*';
      let name: string;
      if (parts.length === 1) name = parts[0]!;
      else if (parts.length === 2) [pkg, name] = parts as [string, string];
      else if (c.method === 'unit_test') {
        // unit_test:<model fqn parts>.<name>
        each((m) => m.collection === coll, (n) => isSelectedNode((n.fqn ?? []) as string[], v, false));
        break;
      } else throw new UserError(`Invalid ${c.method} selector value "${v}".`, { hint: `Use ${c.method}:<name> or ${c.method}:<package>.<name>.` });
      each((m) => m.collection === coll, (n) => fnmatch(n.package_name, pkg) && fnmatch(n.name, name));
      break;
    }
    case 'path': {
      // dbt globs the selector on disk relative to the project root; from manifests
      // alone we match original_file_path (and patch_path) and their parent folders.
      const sel = posixPath(v);
      const isMatch = hasWildcard(sel) ? picomatch(sel, { dot: true }) : (p: string) => p === sel;
      const hit = (p: string | undefined | null): boolean => {
        if (!p) return false;
        let q = posixPath(p);
        for (;;) {
          if (isMatch(q)) return true;
          const slash = q.lastIndexOf('/');
          if (slash < 0) return false;
          q = q.slice(0, slash);
        }
      };
      each(any, (n) => hit(n.original_file_path) || (typeof n.patch_path === 'string' && hit(n.patch_path.split('://')[1])));
      break;
    }
    case 'file':
      each(any, (n) => {
        const p = posixPath(String(n.original_file_path ?? ''));
        const name = p.slice(p.lastIndexOf('/') + 1);
        const dot = name.lastIndexOf('.');
        const stem = dot > 0 ? name.slice(0, dot) : name;
        return fnmatch(name, v) || fnmatch(stem, v);
      });
      break;
    case 'package': {
      const pat = v === 'this' && ctx.projectName ? ctx.projectName : v;
      each(any, (n) => fnmatch(n.package_name, pat));
      break;
    }
    case 'config': {
      const severity = c.methodArgs.length === 1 && c.methodArgs[0] === 'severity';
      const eq = (x: unknown): boolean => {
        if (typeof x === 'string' && severity) return x.toUpperCase() === v.toUpperCase();
        if (x === true) return v.toLowerCase() === 'true';
        if (x === false) return v.toLowerCase() === 'false';
        return x === v;
      };
      each(
        (m) => m.collection === 'nodes' || m.collection === 'sources',
        (n) => {
          let x: unknown = n.config;
          for (const a of c.methodArgs) {
            if (x === null || typeof x !== 'object' || !(a in (x as object))) return false;
            x = (x as Record<string, unknown>)[a];
          }
          return Array.isArray(x) ? x.some(eq) : eq(x);
        },
      );
      break;
    }
    case 'resource_type':
      each(parsed, (n) => n.resource_type === v);
      // dbt 1.8+ also types unit tests, sources, exposures… by resource_type.
      if (v !== 'model') each((m) => m.collection !== 'nodes', (n) => n.resource_type === v);
      break;
    case 'test_name':
      each(parsed, (n) => {
        if (!isGenericTest(n)) return false;
        const tm = n.test_metadata as { name?: string; namespace?: string | null };
        return fnmatch(String(tm.name ?? ''), v) || (tm.namespace ? fnmatch(`${tm.namespace}.${tm.name}`, v) : false);
      });
      break;
    case 'test_type':
      if (v === 'unit') each((m) => m.collection === 'unit_tests', () => true);
      else if (v === 'generic' || v === 'schema') each(parsed, (n) => isGenericTest(n));
      else each(parsed, (n) => n.resource_type === 'test' && !isGenericTest(n));
      break;
    case 'result': {
      if (!ctx.stateRunResults) {
        needState(c, 'a run_results.json beside the state manifest', 'Put the production run_results.json next to the manifest given to --state (dbt writes it to target/).');
      }
      const ids = new Set(ctx.stateRunResults.results.filter((r) => r.status === v).map((r) => r.unique_id));
      for (const id of ids) if (all.has(id)) out.add(id);
      break;
    }
    case 'source_status': {
      if (!ctx.stateSources || !ctx.currentSources) {
        needState(
          c,
          'sources.json from `dbt source freshness` on both sides',
          'Put the previous sources.json beside the state manifest and the current one in <project-dir>/target/ (or pass --sources).',
        );
      }
      // dbt builds the runtime-error sets from the *current* file twice (quirk); since
      // only results with max_loaded_at are compared, the net effect is: a source is
      // fresher if it has a max_loaded_at now and had none (or an older one) before.
      const loaded = (s: SourcesArtifact): Map<string, number> => {
        const m = new Map<string, number>();
        for (const r of s.results) if (r.max_loaded_at != null) m.set(r.unique_id, Date.parse(String(r.max_loaded_at)));
        return m;
      };
      const cur = loaded(ctx.currentSources);
      const prev = loaded(ctx.stateSources);
      for (const [id, t] of cur) {
        const p = prev.get(id);
        if ((p === undefined || t > p) && all.has(id)) out.add(id);
      }
      break;
    }
    case 'state': {
      const cmp = ctx.comparator;
      if (!cmp) {
        needState(c, 'a comparison manifest (the production manifest.json)', 'Pass --state <dir or manifest.json> with the manifest of the last production deploy.');
      }
      const value = v;
      if (value === 'modified' || value === 'unmodified' || value === 'modified.contract') cmp.checkRemovedContracts();
      for (const m of all.values()) {
        let hit: boolean;
        switch (value) {
          case 'new':
            hit = !cmp.previous(m.id);
            break;
          case 'old':
            hit = !!cmp.previous(m.id);
            break;
          case 'modified':
            hit = cmp.modifiedReasons(m).length > 0;
            break;
          case 'unmodified':
            hit = cmp.modifiedReasons(m).length === 0;
            break;
          case 'modified.macros':
            hit = cmp.macrosModified(m);
            break;
          case 'modified.body':
            hit = cmp.subselector(m, 'body');
            break;
          case 'modified.configs':
            hit = cmp.subselector(m, 'configs');
            break;
          case 'modified.persisted_descriptions':
            hit = cmp.subselector(m, 'persisted_descriptions');
            break;
          case 'modified.relation':
            hit = cmp.subselector(m, 'relation');
            break;
          case 'modified.contract':
            hit = cmp.subselector(m, 'contract');
            break;
          default:
            hit = false;
        }
        if (hit) out.add(m.id);
      }
      break;
    }
  }
  return out;
}
