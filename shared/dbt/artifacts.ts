/**
 * Typed loaders for dbt's artifacts: manifest.json (schema v4–v12, and v20,
 * which dbt Labs documents as identical to v12),
 * run_results.json and sources.json. Only the fields Slipway reads are typed;
 * everything else (fields a newer dbt adds, e.g. `static_analysis_off_reason`)
 * is kept as-is. Malformed files and unsupported versions are
 * UserErrors that say which file and what to do.
 */
import { readFile, stat } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { JsonStreamError, readJsonStreaming } from './stream-json.js';

export type Json = Record<string, any>;

export interface ArtifactMetadata {
  dbt_schema_version: string;
  dbt_version?: string;
  generated_at?: string;
  invocation_id?: string;
  project_id?: string;
  project_name?: string;
  adapter_type?: string;
  env?: Record<string, string>;
}

export interface ManifestNode extends Json {
  unique_id: string;
  resource_type: string;
  package_name: string;
  name: string;
  fqn?: string[];
  original_file_path?: string;
  path?: string;
  database?: string | null;
  schema?: string;
  alias?: string;
  tags?: string[];
  config?: Json;
  depends_on?: { nodes?: string[]; macros?: string[] };
  checksum?: { name: string; checksum: string };
}

export interface Manifest extends Json {
  metadata: ArtifactMetadata;
  nodes: Record<string, ManifestNode>;
  sources: Record<string, ManifestNode>;
  macros: Record<string, ManifestNode>;
  exposures: Record<string, ManifestNode>;
  metrics?: Record<string, ManifestNode>;
  semantic_models?: Record<string, ManifestNode>;
  saved_queries?: Record<string, ManifestNode>;
  unit_tests?: Record<string, ManifestNode>;
  functions?: Record<string, ManifestNode>;
  disabled?: Record<string, ManifestNode[]>;
  parent_map?: Record<string, string[]>;
  child_map?: Record<string, string[]>;
}

export interface RunResult extends Json {
  unique_id: string;
  status: string;
  message?: string | null;
  failures?: number | null;
  execution_time?: number;
  adapter_response?: Json;
}

export interface RunResults extends Json {
  metadata: ArtifactMetadata;
  results: RunResult[];
  elapsed_time?: number;
  args?: Json;
}

export interface SourceFreshnessResult extends Json {
  unique_id: string;
  status: 'pass' | 'warn' | 'error' | 'runtime error' | string;
  max_loaded_at?: string;
  snapshotted_at?: string;
  max_loaded_at_time_ago_in_s?: number;
  criteria?: { warn_after?: Json; error_after?: Json; filter?: string | null };
  error?: string;
}

export interface SourcesArtifact extends Json {
  metadata: ArtifactMetadata;
  results: SourceFreshnessResult[];
  elapsed_time?: number;
}

const SCHEMA_RE = /\/dbt\/(manifest|run-results|sources|catalog)\/v(\d+)(?:\.json)?$/;

/**
 * Schema versions dbt Labs documents as identical to an older one: dbt v2
 * (Fusion) writes manifest v20, which is the v12 schema under a new number.
 * Slipway reads them as the version they equal.
 */
export const IDENTICAL_SCHEMAS: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  manifest: { 20: 12 },
};

/**
 * `https://schemas.getdbt.com/dbt/manifest/v12.json` → { kind: 'manifest', version: 12, declared: 12 }.
 * `version` is the schema Slipway reads it as (v20 → 12); `declared` is the number in the file.
 */
export function schemaVersion(meta: { dbt_schema_version?: unknown } | undefined): { kind: string; version: number; declared: number } | undefined {
  const v = meta?.dbt_schema_version;
  if (typeof v !== 'string') return undefined;
  const m = SCHEMA_RE.exec(v);
  if (!m) return undefined;
  const declared = Number(m[2]);
  return { kind: m[1]!, version: IDENTICAL_SCHEMAS[m[1]!]?.[declared] ?? declared, declared };
}

export const SUPPORTED = {
  manifest: { min: 4, max: 12 },
  'run-results': { min: 1, max: 6 },
  sources: { min: 1, max: 3 },
} as const;

/**
 * Files at least this big are parsed with the streaming reader (never one
 * string: V8 caps strings at ~512 MiB, and streaming also lowers peak memory).
 * Override with SLIPWAY_JSON_STREAM_THRESHOLD (bytes) or setStreamThreshold().
 */
export const DEFAULT_STREAM_THRESHOLD = 64 * 1024 * 1024;
let streamThreshold: number | undefined;
export function setStreamThreshold(bytes: number | undefined): void {
  streamThreshold = bytes;
}
function currentStreamThreshold(): number {
  if (streamThreshold !== undefined) return streamThreshold;
  const env = Number(process.env.SLIPWAY_JSON_STREAM_THRESHOLD);
  return Number.isFinite(env) && env > 0 ? env : DEFAULT_STREAM_THRESHOLD;
}

export interface ReadJsonOptions {
  /** Blank these keys in every entry of the top-level collections (streaming path; see StreamOptions.dropKeys). */
  dropKeys?: readonly string[];
  /** Stream files at least this big (default: the global threshold). */
  streamThreshold?: number;
}

export async function readJsonFile(path: string, what: string, opts: ReadJsonOptions = {}): Promise<unknown> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw missingFile(path, what);
  }
  const invalid = (err: unknown): UserError =>
    new UserError(`The ${what} file ${path} is not valid JSON: ${(err as Error).message}`, {
      hint: 'The file is truncated or corrupted; regenerate it with dbt.',
    });
  if (size >= (opts.streamThreshold ?? currentStreamThreshold())) {
    try {
      return await readJsonStreaming(path, { dropKeys: opts.dropKeys });
    } catch (err) {
      if (err instanceof JsonStreamError || err instanceof SyntaxError) throw invalid(err);
      throw missingFile(path, what);
    }
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    // ERR_STRING_TOO_LONG and friends: fall back to the streaming reader.
    if ((err as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG' || err instanceof RangeError) {
      try {
        return await readJsonStreaming(path, { dropKeys: opts.dropKeys });
      } catch (e) {
        throw invalid(e);
      }
    }
    throw missingFile(path, what);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw invalid(err);
  }
}

function missingFile(path: string, what: string): UserError {
  return new UserError(`The ${what} file ${path} does not exist or cannot be read.`, {
    hint: what === 'manifest' ? 'Run `dbt parse` (or `dbt compile`) first, or pass --manifest <path>.' : `Pass the path to ${what} explicitly, or run the dbt command that writes it.`,
  });
}

function checkArtifact(doc: unknown, path: string, kind: keyof typeof SUPPORTED): asserts doc is Json {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new UserError(`${path} is not a dbt ${kind} artifact (expected a JSON object).`, { hint: `Point at the ${kind} file dbt writes in target/.` });
  }
  const sv = schemaVersion((doc as Json).metadata);
  if (!sv) {
    throw new UserError(`${path} has no metadata.dbt_schema_version, so it is not a dbt ${kind} artifact.`, {
      hint: `Point at the ${kind === 'run-results' ? 'run_results' : kind}.json that dbt writes in target/.`,
    });
  }
  if (sv.kind !== kind) {
    throw new UserError(`${path} is a dbt ${sv.kind} artifact, not a ${kind} one.`, { hint: `Pass the ${kind} file instead.` });
  }
  const range = SUPPORTED[kind];
  if (sv.version < range.min || sv.version > range.max) {
    const same = Object.entries(IDENTICAL_SCHEMAS[kind] ?? {}).map(([a, b]) => ` and v${a} (= v${b})`).join('');
    const by = (doc as Json).metadata?.dbt_version ? ` (written by dbt ${String((doc as Json).metadata.dbt_version)})` : '';
    throw new UserError(`${path} uses ${kind} schema v${sv.declared}${by}; Slipway reads v${range.min} to v${range.max}${same}.`, {
      hint:
        sv.version < range.min
          ? 'That manifest comes from dbt older than 1.0: regenerate it with dbt ≥ 1.0 (dbt parse).'
          : 'This dbt is newer than Slipway knows; upgrade Slipway, or open an issue with the dbt version.',
    });
  }
}

/** Fill the collections older schema versions lack, so callers see one shape. */
export function normaliseManifest(doc: Json): Manifest {
  for (const k of ['nodes', 'sources', 'macros', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests', 'functions', 'groups', 'disabled']) {
    if (doc[k] == null) doc[k] = {};
  }
  return doc as Manifest;
}

export function parseManifest(doc: unknown, path = 'manifest.json'): Manifest {
  checkArtifact(doc, path, 'manifest');
  return checkManifestShape(normaliseManifest(doc), path);
}

/**
 * A manifest whose collections or nodes are not objects (`"nodes": {"model.x": null}`,
 * a truncated upload) is refused here, when it is read — so `state save` never
 * stores one that would then fail every PR — rather than crashing later.
 */
function checkManifestShape(m: Manifest, path: string): Manifest {
  const broken = (what: string): UserError =>
    new UserError(`${path} is not a usable dbt manifest: ${what}.`, { hint: 'Regenerate it with `dbt parse` (or the dbt build that produced it); a truncated or hand-edited manifest cannot be used as state.' });
  for (const k of ['nodes', 'sources', 'macros', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests', 'groups', 'disabled'] as const) {
    const v = (m as Json)[k];
    if (typeof v !== 'object' || Array.isArray(v)) throw broken(`'${k}' is ${Array.isArray(v) ? 'a list' : typeof v}, not an object`);
  }
  for (const k of ['nodes', 'sources'] as const) {
    for (const [id, node] of Object.entries(m[k] as Record<string, unknown>)) {
      if (!node || typeof node !== 'object' || Array.isArray(node)) throw broken(`${k}['${id.slice(0, 200)}'] is ${node === null ? 'null' : Array.isArray(node) ? 'a list' : typeof node}, not a node`);
      const n = node as Json;
      if (typeof n.unique_id !== 'string' || typeof n.resource_type !== 'string') throw broken(`${k}['${id.slice(0, 200)}'] has no unique_id/resource_type`);
    }
  }
  return m;
}

/**
 * Node fields nothing in node selection reads (compiled SQL and build
 * bookkeeping). `loadManifest(path, { slim: true })` leaves them undefined.
 */
export const SLIM_DROPPED_KEYS = ['compiled_code', 'compiled_sql', 'extra_ctes', 'extra_ctes_injected', 'compiled', 'compiled_path', 'build_path', 'created_at', 'refs', 'doc_blocks', 'root_path'] as const;

export interface LoadManifestOptions {
  /**
   * Drop the fields in SLIM_DROPPED_KEYS while parsing (streamed from 8 MiB):
   * lower peak memory for big manifests. Only for callers that don't need
   * compiled SQL (node selection doesn't).
   */
  slim?: boolean;
}

export async function loadManifest(path: string, opts: LoadManifestOptions = {}): Promise<Manifest> {
  const read: ReadJsonOptions = opts.slim ? { dropKeys: SLIM_DROPPED_KEYS, streamThreshold: Math.min(8 * 1024 * 1024, currentStreamThreshold()) } : {};
  return parseManifest(await readJsonFile(path, 'manifest', read), path);
}

export function parseRunResults(doc: unknown, path = 'run_results.json'): RunResults {
  checkArtifact(doc, path, 'run-results');
  if (!Array.isArray(doc.results)) throw new UserError(`${path} has no results array.`, { hint: 'Regenerate it with dbt build/run/test.' });
  return doc as RunResults;
}

export async function loadRunResults(path: string): Promise<RunResults> {
  return parseRunResults(await readJsonFile(path, 'run_results'), path);
}

export function parseSources(doc: unknown, path = 'sources.json'): SourcesArtifact {
  checkArtifact(doc, path, 'sources');
  if (!Array.isArray(doc.results)) throw new UserError(`${path} has no results array.`, { hint: 'Regenerate it with `dbt source freshness`.' });
  return doc as SourcesArtifact;
}

export async function loadSources(path: string): Promise<SourcesArtifact> {
  return parseSources(await readJsonFile(path, 'sources'), path);
}
