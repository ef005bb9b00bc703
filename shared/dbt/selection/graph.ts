/**
 * The selection graph, built the way dbt's Linker does: vertices are the
 * enabled members of `nodes`, `sources`, `exposures`, `metrics`,
 * `semantic_models`, `saved_queries`, `unit_tests`, `functions`; edges go
 * parent → child for each entry of the child's `depends_on.nodes` whose
 * parent is itself a member. (This equals the manifest's child_map/parent_map
 * but does not trust them, so hand-edited or partial manifests still work.)
 */
import type { Manifest, ManifestNode } from '../artifacts.js';

export const MEMBER_COLLECTIONS = ['nodes', 'sources', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests', 'functions'] as const;
export type Collection = (typeof MEMBER_COLLECTIONS)[number];

export interface Member {
  id: string;
  node: ManifestNode;
  collection: Collection;
}

export function isEnabled(node: ManifestNode): boolean {
  return node?.config?.enabled !== false;
}

export class SelectionGraph {
  readonly members = new Map<string, Member>();
  readonly parents = new Map<string, string[]>();
  readonly children = new Map<string, string[]>();

  constructor(readonly manifest: Manifest) {
    for (const collection of MEMBER_COLLECTIONS) {
      const coll = manifest[collection] as Record<string, ManifestNode> | undefined;
      if (!coll) continue;
      for (const id in coll) {
        const node = coll[id]!;
        if (!isEnabled(node)) continue;
        this.members.set(id, { id, node, collection });
      }
    }
    for (const id of this.members.keys()) {
      this.parents.set(id, []);
      this.children.set(id, []);
    }
    for (const [id, m] of this.members) {
      const deps = m.node.depends_on?.nodes;
      if (!Array.isArray(deps)) continue;
      const ps = this.parents.get(id)!;
      for (const p of deps) {
        // dependency lists are short: includes() beats a Set per node
        if (typeof p !== 'string' || !this.members.has(p) || ps.includes(p)) continue;
        ps.push(p);
        this.children.get(p)!.push(id);
      }
    }
  }

  has(id: string): boolean {
    return this.members.has(id);
  }

  private walk(start: Iterable<string>, adj: Map<string, string[]>, maxDepth?: number): Set<string> {
    const out = new Set<string>();
    let frontier = [...start];
    const seen = new Set<string>(frontier);
    let depth = 0;
    while (frontier.length && (maxDepth === undefined || depth < maxDepth)) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const n of adj.get(id) ?? []) {
          out.add(n);
          if (!seen.has(n)) {
            seen.add(n);
            next.push(n);
          }
        }
      }
      frontier = next;
      depth++;
    }
    return out;
  }

  /** All descendants (up to maxDepth layers). May include members of `ids` that descend from others. */
  descendants(ids: Iterable<string>, maxDepth?: number): Set<string> {
    return this.walk(ids, this.children, maxDepth);
  }

  ancestors(ids: Iterable<string>, maxDepth?: number): Set<string> {
    return this.walk(ids, this.parents, maxDepth);
  }

  /** Direct children of any of `ids`. */
  successors(ids: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const id of ids) for (const c of this.children.get(id) ?? []) out.add(c);
    return out;
  }

  /** `@X`: descendants of X, X, and every ancestor of those. */
  childrensParents(ids: Set<string>): Set<string> {
    const base = new Set([...ids, ...this.descendants(ids)]);
    for (const a of this.ancestors(base)) base.add(a);
    return base;
  }
}
