/**
 * Slim deploys (`build: slim`, opt-in): instead of rebuilding the whole
 * project into the idle colour, start the idle colour from the live one with
 * zero-copy clones of its tables, then let dbt build only what must change.
 *
 * The invariant the plan keeps: every relation the new manifest builds is
 * either cloned from the live colour or built by dbt — never left as the idle
 * colour's stale copy from the deploy before last.
 *
 * - Cloned: tables (table / incremental models, seeds, snapshots) that exist
 *   as tables in the live colour. Incremental models and snapshots continue
 *   from the clone; table models and seeds dbt rebuilds anyway are not cloned.
 * - Never cloned: views. A view keeps its fully-qualified SQL, so a clone would
 *   still read the live colour. The idle colour's own view is kept only when
 *   its text equals the live view's with the colour schema names exchanged;
 *   otherwise (missing, different, unreadable) dbt re-creates it.
 * - Built: `state:modified+` against the manifest that built the live colour,
 *   plus `source_status:fresher+` for a scheduled refresh, plus every node that
 *   is not cloned for one of the reasons above (selected by fqn).
 *
 * The selection is computed by Slipway's dbt selection engine
 * (shared/dbt/selection) from exactly the `--select` arguments handed to dbt.
 * Without zero-copy clones (Postgres), or with no live deploy, the plan is a
 * full build and says why.
 */
import type { Manifest, ManifestNode, SourcesArtifact } from '../dbt/artifacts.js';
import { catalogIdentifierName, catalogSchemaName, type DbtAdapter, type DbtQuoting } from '../dbt/relation-names.js';
import { selectNodes } from '../dbt/selection/index.js';
import { UserError } from '../errors.js';
import type { DialectName } from '../sql/identifiers.js';
import type { CatalogRelation, CloneSql, PlannedClone, RelationRef, SlimPlan } from './types.js';

export interface SlimPlanRequest {
  dialect: DialectName;
  /** The warehouse's `capabilities.clone`. */
  canClone: boolean;
  /** The manifest that built the live colour (undefined: nothing is live yet). */
  liveManifest?: Manifest;
  /** The manifest of this deploy, compiled for the idle colour. */
  newManifest: Manifest;
  /** Rendered suffixes of the colour schemas, e.g. `__BLUE` (live) and `__GREEN` (idle). */
  liveSuffix: string;
  idleSuffix: string;
  /** Scheduled refresh: also build `source_status:fresher+`. */
  refresh?: boolean;
  /** sources.json of the previous run (state) and of this run (current), for source_status:fresher. */
  previousSources?: SourcesArtifact;
  currentSources?: SourcesArtifact;
  /** The project's `quoting:` (how dbt names reach the catalog). */
  quoting?: DbtQuoting;
  /** Set when the caller found a reason slim cannot be trusted (e.g. the live manifest is not the live deploy's): plan a full build and say this. */
  fullBuildReason?: string;
}

/** What the colour schemas hold, keyed by `catalogKey(database, schema)`. A schema absent from the map was not listed. */
export type Catalog = Map<string, CatalogRelation[]>;
export const catalogKey = (database: string | undefined, schema: string): string => `${database ?? ''}\u0000${schema}`;

const TABLE_MATERIALIZATIONS = new Set(['table', 'incremental', 'snapshot']);
/** dbt rebuilds these from scratch when selected, so a clone would be wasted. */
const REBUILT_FROM_SCRATCH = new Set(['table', 'seed']);

const adapterOf = (d: DialectName): DbtAdapter => d;
const materialized = (n: ManifestNode): string => String((n.config as { materialized?: unknown } | undefined)?.materialized ?? (n.resource_type === 'seed' ? 'seed' : n.resource_type === 'snapshot' ? 'snapshot' : 'view'));
const isRelationNode = (n: ManifestNode): boolean => ['model', 'seed', 'snapshot'].includes(n.resource_type) && materialized(n) !== 'ephemeral' && (n.config as { enabled?: unknown } | undefined)?.enabled !== false;
const isTableLike = (n: ManifestNode): boolean => n.resource_type === 'seed' || n.resource_type === 'snapshot' || (n.resource_type === 'model' && TABLE_MATERIALIZATIONS.has(materialized(n)));
const kindOf = (n: ManifestNode): string => (n.resource_type === 'seed' ? 'seed' : n.resource_type === 'snapshot' ? 'snapshot' : materialized(n));

function dbName(n: ManifestNode, dialect: DialectName, quoting?: DbtQuoting): string | undefined {
  const db = n.database ?? undefined;
  if (!db || dialect === 'postgres') return undefined;
  const quoted = quoting?.database ?? false;
  return quoted || !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(db) ? db : db.toUpperCase();
}

export function relationOf(n: ManifestNode, dialect: DialectName, quoting?: DbtQuoting): RelationRef {
  if (!n.schema) throw new UserError(`${n.unique_id} has no schema in the manifest.`, { hint: 'Use a manifest written by dbt parse/compile/build (target/manifest.json).' });
  return {
    database: dbName(n, dialect, quoting),
    schema: catalogSchemaName(n.schema, adapterOf(dialect), quoting),
    name: catalogIdentifierName(String(n.alias ?? n.name), adapterOf(dialect), quoting),
  };
}

/** The colour schema base of a rendered schema name (`analytics__BLUE` → `analytics`), or undefined when it is not in that colour. */
function colourBase(schema: string | undefined, suffix: string): string | undefined {
  return schema && schema.length > suffix.length && schema.endsWith(suffix) ? schema.slice(0, -suffix.length) : undefined;
}

/** Every colour schema (live and idle, catalog names) the plan needs listed. */
export function colourSchemas(req: SlimPlanRequest): { database?: string; live: string; idle: string }[] {
  checkSuffixes(req);
  const seen = new Map<string, { database?: string; live: string; idle: string }>();
  for (const n of Object.values(req.newManifest.nodes)) {
    if (!isRelationNode(n)) continue;
    const base = colourBase(n.schema, req.idleSuffix);
    if (base === undefined) continue;
    const db = dbName(n, req.dialect, req.quoting);
    const live = catalogSchemaName(base + req.liveSuffix, adapterOf(req.dialect), req.quoting);
    const idle = catalogSchemaName(n.schema!, adapterOf(req.dialect), req.quoting);
    seen.set(catalogKey(db, idle), { database: db, live, idle });
  }
  return [...seen.values()].sort((a, b) => `${a.database}.${a.idle}`.localeCompare(`${b.database}.${b.idle}`));
}

function checkSuffixes(req: SlimPlanRequest): void {
  if (!req.liveSuffix || !req.idleSuffix || req.liveSuffix === req.idleSuffix) {
    throw new UserError(`The live and idle colour suffixes must be two different non-empty suffixes (got '${req.liveSuffix}' and '${req.idleSuffix}').`, {
      hint: 'Pass the suffixes dbt renders, e.g. --live-suffix __BLUE --idle-suffix __GREEN (the blue-green-swap defaults).',
    });
  }
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().replace(/;$/, '').toLowerCase();
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The live view's text with every live colour schema name exchanged for its idle twin. */
function asIdle(text: string, pairs: { liveRendered: string; idleRendered: string }[]): string {
  let out = text;
  for (const p of pairs) out = out.replace(new RegExp(escapeRe(p.liveRendered), 'gi'), p.idleRendered);
  return norm(out);
}

function fqnSelector(n: ManifestNode): string {
  const fqn = (n.fqn as string[] | undefined) ?? [n.package_name, n.name];
  return `fqn:${fqn.join('.')}`;
}

export function planSlim(req: SlimPlanRequest, catalog: Catalog, cloneSql?: CloneSql): SlimPlan {
  checkSuffixes(req);
  const { dialect } = req;
  const base: Omit<SlimPlan, 'mode' | 'reason' | 'build'> = {
    dialect,
    liveColourSuffix: req.liveSuffix,
    idleColourSuffix: req.idleSuffix,
    schemas: colourSchemas(req),
    clones: [],
    statements: [],
    refresh: !!req.refresh,
    warnings: [],
    removed: req.liveManifest ? Object.keys(req.liveManifest.nodes).filter((id) => isRelationNode(req.liveManifest!.nodes[id]!) && !req.newManifest.nodes[id]).sort() : [],
  };
  const everything = Object.values(req.newManifest.nodes).filter(isRelationNode).map((n) => n.unique_id).sort();
  if (req.fullBuildReason) base.warnings.push(req.fullBuildReason);
  const full = (reason: string): SlimPlan => ({ ...base, mode: 'full', reason, build: { select: [], nodes: everything, modified: [], fresher: [], notCloned: [] } });
  if (!req.canClone) return full(`${dialect} has no zero-copy clone: a slim deploy is a full build here (every model is rebuilt into the idle colour).`);
  if (!req.liveManifest) return full('nothing is live yet (no manifest of a live deploy): the first deploy is a full build.');
  if (req.fullBuildReason) return full(req.fullBuildReason);
  if (!cloneSql) throw new Error('planSlim needs the dialect clone SQL when clones are possible');

  const live = req.liveManifest;
  const notCloned: { node: string; why: string }[] = [];
  const candidates: { node: ManifestNode; clone: PlannedClone }[] = [];
  const pairMap = new Map(base.schemas.map((s) => [s.live, s.idle]));
  // Also exchange the names exactly as dbt rendered them (their case may differ from the catalog's).
  for (const n of Object.values(req.newManifest.nodes)) {
    const b = colourBase(n.schema, req.idleSuffix);
    if (b !== undefined) pairMap.set(b + req.liveSuffix, n.schema!);
  }
  const pairs = [...pairMap].map(([liveRendered, idleRendered]) => ({ liveRendered, idleRendered }));
  const lookup = (ref: RelationRef): CatalogRelation | undefined | null => {
    const rels = catalog.get(catalogKey(ref.database, ref.schema));
    if (!rels) return null; // not listed
    return rels.find((r) => r.name === ref.name);
  };

  for (const n of Object.values(req.newManifest.nodes).sort((a, b) => a.unique_id.localeCompare(b.unique_id))) {
    if (!isRelationNode(n)) continue;
    const l = live.nodes[n.unique_id];
    const idleBase = colourBase(n.schema, req.idleSuffix);
    if (idleBase === undefined) {
      notCloned.push({ node: n.unique_id, why: `schema ${n.schema} is not an idle colour schema (*${req.idleSuffix})` });
      continue;
    }
    if (!l) continue; // new in this deploy: state:modified selects it
    if (colourBase(l.schema, req.liveSuffix) !== idleBase || (l.database ?? null) !== (n.database ?? null)) {
      notCloned.push({ node: n.unique_id, why: `it lived in ${l.database ? `${l.database}.` : ''}${l.schema}, not in the live colour of ${n.schema}` });
      continue;
    }
    const to = relationOf(n, dialect, req.quoting);
    const from = relationOf(l, dialect, req.quoting);
    const kind = kindOf(n);
    if (isTableLike(n)) {
      const src = lookup(from);
      const dst = lookup(to);
      if (src === null) notCloned.push({ node: n.unique_id, why: `the live colour schema ${from.schema} was not listed` });
      else if (!src) notCloned.push({ node: n.unique_id, why: `no ${from.schema}.${from.name} in the live colour` });
      else if (src.kind !== 'table') notCloned.push({ node: n.unique_id, why: `${from.schema}.${from.name} is a ${src.kind}, not a table, in the live colour` });
      else if (dst && dst.kind !== 'table') notCloned.push({ node: n.unique_id, why: `the idle colour holds a ${dst.kind} named ${to.name}; dbt replaces it` });
      else candidates.push({ node: n, clone: { node: n.unique_id, from, to, transient: src.transient } });
    } else if (kind === 'view') {
      const src = lookup(from);
      const dst = lookup(to);
      if (!dst) notCloned.push({ node: n.unique_id, why: dst === null ? 'idle colour not listed' : 'view missing in the idle colour' });
      else if (!src?.definition || !dst.definition) notCloned.push({ node: n.unique_id, why: 'view text not readable; re-created to be sure' });
      else if (asIdle(src.definition, pairs) !== norm(dst.definition)) notCloned.push({ node: n.unique_id, why: 'the idle colour\'s view differs from the live one' });
      // else: the idle colour's view is the live view with its own colour: keep it.
    } else {
      notCloned.push({ node: n.unique_id, why: `materialization ${kind} is not cloned` });
    }
  }

  const select = ['state:modified+'];
  let stateSources = req.previousSources;
  if (req.refresh) {
    if (req.previousSources && req.currentSources) select.push('source_status:fresher+');
    else {
      select.push('source:*+');
      stateSources = undefined;
      base.warnings.push(`scheduled refresh without ${req.previousSources ? "this run's" : "the previous run's"} sources.json: every source counts as fresher (everything downstream of a source is built).`);
    }
  }
  const byId = new Map<string, ManifestNode>(Object.values(req.newManifest.nodes).map((n) => [n.unique_id, n]));
  select.push(...[...new Set(notCloned.map((x) => fqnSelector(byId.get(x.node)!)))]);
  const sel = selectNodes({ manifest: req.newManifest, state: live, select, stateSources, currentSources: req.currentSources });
  for (const w of sel.warnings) base.warnings.push(w.message);
  const nodes = sel.runnable.filter((id) => byId.has(id) && isRelationNode(byId.get(id)!));
  const built = new Set(nodes);
  let fresher: string[] = [];
  if (req.refresh && select.includes('source_status:fresher+')) {
    fresher = selectNodes({ manifest: req.newManifest, state: live, select: ['source_status:fresher+'], stateSources, currentSources: req.currentSources }).runnable.filter((id) => built.has(id));
  }
  const clones = candidates.filter((c) => !(built.has(c.node.unique_id) && REBUILT_FROM_SCRATCH.has(kindOf(c.node)))).map((c) => c.clone);
  const modified = Object.keys(sel.modified).filter((id) => built.has(id)).sort();
  const plan: SlimPlan = {
    ...base,
    mode: 'slim',
    reason: `clone ${clones.length} table(s) from the live colour (*${req.liveSuffix}), build ${nodes.length} of ${everything.length} node(s)`,
    clones,
    statements: clones.map((c) => cloneSql.cloneTable(c.from, c.to, c.transient)),
    build: { select, nodes, modified, fresher, notCloned },
  };
  return plan;
}
