/**
 * What to compare, from the manifests alone: the models the PR modified
 * (dbt's `state:modified` against the deferred production manifest), opt-in
 * their direct children, each with the relation the PR built and the one
 * production names, its unique key, `event_time`, sensitive columns, contract
 * changes and who downstream reads each column.
 */
import type { Manifest, ManifestNode, RunResults } from '../dbt/artifacts.js';
import { adapterOf, catalogIdentifierName, catalogSchemaName, effectiveQuoting, quotingFromManifest, type DbtAdapter, type DbtQuoting } from '../dbt/relation-names.js';
import { selectNodes } from '../dbt/selection/index.js';
import { UserError } from '../errors.js';
import type { DialectName } from '../sql/identifiers.js';
import type { ImpactTarget, StoredRelation } from './types.js';

export interface TargetOptions {
  /** The PR's manifest (written by the PR's dbt build). */
  manifest: Manifest;
  /** Production's manifest (the deferred state). */
  state: Manifest;
  /** The PR build's run_results.json: only models it built successfully are compared. */
  runResults?: RunResults;
  /** Also compare the direct children of modified models. */
  children?: boolean;
  /** Extra sensitive columns: `column` (every model) or `model.column`. */
  sensitive?: string[];
  dialect: DialectName;
}

const SIMPLE_COLUMN = /^[A-Za-z_][A-Za-z0-9_$]*$|^"[^"]+"$/;

function unquoteColumn(c: string): string {
  const t = c.trim();
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

function storedRelation(node: ManifestNode, adapter: DbtAdapter, quoting: DbtQuoting | undefined): StoredRelation {
  const q = effectiveQuoting(adapter, quoting);
  const db = node.database ?? undefined;
  return {
    database: db ? (q.database ? db : adapter === 'snowflake' ? db.toUpperCase() : db.toLowerCase()) : undefined,
    schema: catalogSchemaName(node.schema ?? '', adapter, quoting),
    name: catalogIdentifierName(node.alias ?? node.name, adapter, quoting),
  };
}

/** The unique key of a model: constraints first, then `unique_key`, then unique tests. */
export function uniqueKeyOf(manifest: Manifest, node: ManifestNode): { key?: ImpactTarget['key']; note?: string } {
  const modelLevel = (node.constraints ?? []) as { type?: string; columns?: string[] }[];
  for (const type of ['primary_key', 'unique']) {
    const c = modelLevel.find((x) => x?.type === type && Array.isArray(x.columns) && x.columns.length);
    if (c) return { key: { columns: c.columns!.map(unquoteColumn), from: 'constraint' } };
    for (const [col, spec] of Object.entries((node.columns ?? {}) as Record<string, { name?: string; constraints?: { type?: string }[] }>)) {
      if ((spec?.constraints ?? []).some((x) => x?.type === type)) return { key: { columns: [unquoteColumn(spec.name ?? col)], from: 'constraint' } };
    }
  }
  const uk = node.config?.unique_key as string | string[] | undefined | null;
  if (uk && (typeof uk === 'string' || Array.isArray(uk))) {
    const cols = (typeof uk === 'string' ? uk.split(',') : uk).map((s) => String(s).trim()).filter(Boolean);
    if (cols.length && cols.every((c) => SIMPLE_COLUMN.test(c))) return { key: { columns: cols.map(unquoteColumn), from: 'unique_key' } };
    if (cols.length) return { note: `unique_key ${JSON.stringify(uk)} is an expression, not columns: not used as a key` };
  }
  let fromTest: string[] | undefined;
  for (const t of Object.values(manifest.nodes)) {
    if (t.resource_type !== 'test') continue;
    const attached = t.attached_node ?? t.depends_on?.nodes?.[0];
    if (attached !== node.unique_id) continue;
    const meta = t.test_metadata as { name?: string; kwargs?: Record<string, unknown> } | undefined;
    if (!meta) continue;
    if (meta.name === 'unique' && typeof meta.kwargs?.column_name === 'string' && SIMPLE_COLUMN.test(meta.kwargs.column_name)) {
      const cols = [unquoteColumn(meta.kwargs.column_name)];
      if (!fromTest || cols.length < fromTest.length) fromTest = cols;
    } else if (meta.name === 'unique_combination_of_columns' && Array.isArray(meta.kwargs?.combination_of_columns)) {
      const cols = (meta.kwargs.combination_of_columns as unknown[]).map(String);
      if (cols.every((c) => SIMPLE_COLUMN.test(c)) && (!fromTest || cols.length < fromTest.length)) fromTest = cols.map(unquoteColumn);
    }
  }
  return fromTest ? { key: { columns: fromTest, from: 'test' } } : {};
}

function contractOf(node: ManifestNode | undefined): { enforced: boolean; columns: Map<string, string | undefined> } {
  const enforced = !!node?.config?.contract?.enforced;
  const columns = new Map<string, string | undefined>();
  for (const [k, c] of Object.entries((node?.columns ?? {}) as Record<string, { name?: string; data_type?: string | null }>)) {
    columns.set((c?.name ?? k).toLowerCase(), c?.data_type ?? undefined);
  }
  return { enforced, columns };
}

/** Contract changes between production's node and the PR's, in words. */
export function contractChanges(prod: ManifestNode | undefined, pr: ManifestNode): string[] {
  if (!prod) return [];
  const a = contractOf(prod);
  const b = contractOf(pr);
  const out: string[] = [];
  if (a.enforced !== b.enforced) out.push(`contract ${a.enforced ? 'enforced → not enforced' : 'not enforced → enforced'}`);
  if (!a.enforced || !b.enforced) return out;
  for (const [col, type] of a.columns) {
    if (!b.columns.has(col)) out.push(`contract column ${col} removed`);
    else if ((b.columns.get(col) ?? '').toLowerCase() !== (type ?? '').toLowerCase()) out.push(`contract column ${col}: ${type ?? '?'} → ${b.columns.get(col) ?? '?'}`);
  }
  for (const [col, type] of b.columns) if (!a.columns.has(col)) out.push(`contract column ${col} added (${type ?? 'no type'})`);
  return out;
}

function childrenOf(manifest: Manifest, id: string): string[] {
  const fromMap = manifest.child_map?.[id];
  if (fromMap) return fromMap;
  const out: string[] = [];
  for (const coll of [manifest.nodes, manifest.exposures]) {
    for (const n of Object.values(coll ?? {})) if (n.depends_on?.nodes?.includes(id)) out.push(n.unique_id);
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Who downstream reads `column` of model `id`: child models whose SQL names
 * the column (a word match: a heuristic, no column lineage), and exposures
 * that depend on the model: those listing `meta.columns` only for the columns
 * they list, the others for every column (an exposure is a dashboard: without
 * a list, assume it reads everything).
 */
function downstreamUses(manifest: Manifest, id: string): (column: string) => string[] {
  const kids = childrenOf(manifest, id);
  return (column: string) => {
    const re = new RegExp(`(^|[^A-Za-z0-9_$])${escapeRe(column)}($|[^A-Za-z0-9_$])`, 'i');
    const users: string[] = [];
    for (const k of kids) {
      const n = manifest.nodes[k];
      if (n && n.resource_type === 'model') {
        const sql = String(n.compiled_code ?? n.raw_code ?? '');
        if (re.test(sql)) users.push(`model ${n.name}`);
      }
      const e = manifest.exposures?.[k];
      if (e) {
        const cols = (e.meta?.columns ?? e.config?.meta?.columns) as unknown;
        if (!Array.isArray(cols) || cols.some((c) => String(c).toLowerCase() === column.toLowerCase())) users.push(`exposure ${e.name}`);
      }
    }
    return users;
  };
}

function sensitiveColumns(node: ManifestNode, extra: string[]): string[] {
  const out = new Set<string>();
  const modelMeta = { ...(node.meta ?? {}), ...(node.config?.meta ?? {}) } as Record<string, unknown>;
  const all = modelMeta.sensitive === true;
  for (const [k, c] of Object.entries((node.columns ?? {}) as Record<string, { name?: string; meta?: Record<string, unknown>; config?: { meta?: Record<string, unknown> } }>)) {
    const meta = { ...(c?.meta ?? {}), ...(c?.config?.meta ?? {}) };
    if (all || meta.sensitive === true) out.add(c?.name ?? k);
  }
  if (all) out.add('*');
  for (const e of extra) {
    const dot = e.lastIndexOf('.');
    if (dot < 0) out.add(e);
    else if (e.slice(0, dot) === node.name || e.slice(0, dot) === node.unique_id) out.add(e.slice(dot + 1));
  }
  return [...out];
}

/** The models to compare, in the PR manifest's order (sorted by unique id). */
export function impactTargets(opts: TargetOptions): ImpactTarget[] {
  const { manifest, state } = opts;
  const adapter = adapterOf(manifest.metadata?.adapter_type) ?? (opts.dialect as DbtAdapter);
  const prQuoting = quotingFromManifest(manifest);
  const prodQuoting = quotingFromManifest(state) ?? prQuoting;
  for (const s of opts.sensitive ?? []) {
    if (!/^[A-Za-z0-9_.$"-]+$/.test(s)) throw new UserError(`--sensitive entry '${s}' is not a column name.`, { hint: 'Give column names (every model) or model.column, comma-separated.' });
  }
  const sel = selectNodes({ manifest, state, select: ['state:modified'] });
  const modified = Object.keys(sel.modified).filter((id) => manifest.nodes[id]?.resource_type === 'model').sort();
  const chosen = new Map<string, 'modified' | 'child'>(modified.map((id) => [id, 'modified']));
  if (opts.children) {
    for (const id of modified) {
      for (const k of childrenOf(manifest, id)) if (manifest.nodes[k]?.resource_type === 'model' && !chosen.has(k)) chosen.set(k, 'child');
    }
  }
  const results = new Map((opts.runResults?.results ?? []).map((r) => [r.unique_id, r]));
  const targets: ImpactTarget[] = [];
  for (const [id, reason] of [...chosen].sort((a, b) => a[0].localeCompare(b[0]))) {
    const node = manifest.nodes[id]!;
    const prodNode = state.nodes[id];
    const notes: string[] = [];
    const { key, note } = uniqueKeyOf(manifest, node);
    if (note) notes.push(note);
    let skip: string | undefined;
    const mat = node.config?.materialized as string | undefined;
    if (mat === 'ephemeral') skip = 'ephemeral: not built into the warehouse';
    else if (opts.runResults) {
      const r = results.get(id);
      if (!r) skip = 'not built by this PR run (not in run_results.json)';
      else if (r.status !== 'success') skip = `the PR build of this model did not succeed (${r.status})`;
    }
    const et = node.config?.event_time as string | undefined | null;
    targets.push({
      uniqueId: id,
      name: node.name,
      reason,
      materialized: mat,
      pr: storedRelation(node, adapter, prQuoting),
      prod: prodNode && prodNode.config?.materialized !== 'ephemeral' ? storedRelation(prodNode, adapter, prodQuoting) : undefined,
      key,
      eventTime: et && SIMPLE_COLUMN.test(et) ? unquoteColumn(et) : undefined,
      sensitive: sensitiveColumns(node, opts.sensitive ?? []),
      contract: contractChanges(prodNode, node),
      downstreamUses: downstreamUses(manifest, id),
      notes: et && !SIMPLE_COLUMN.test(et) ? [...notes, `event_time ${JSON.stringify(et)} is an expression, not a column: the whole relation is compared`] : notes,
      skip,
    });
  }
  return targets;
}
