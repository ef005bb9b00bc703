/**
 * A stand-in for dbt, for the demo and tests only — NOT dbt, and never
 * presented as testing dbt. dbt cannot be installed on our machines, so this
 * reads the sample project (test/sample-project), writes a manifest.json in
 * dbt's v12 shape from it (so Slipway's selection, freshness and deploy code
 * read the same artifact format they read from real dbt), and "builds" by
 * running the models' SQL in dependency order, then the unique/not_null tests,
 * writing run_results.json (v6). It understands only what the sample uses:
 * {{ ref() }}, {{ source() }}, folder-level +materialized, and column tests.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import YAML from 'yaml';
import type { Manifest, ManifestNode, RunResults } from '../shared/dbt/artifacts.js';
import { qualify } from '../shared/sql/identifiers.js';
import type { Warehouse } from '../shared/warehouse/types.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const REF = /\{\{\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*\}\}/g;
const SOURCE = /\{\{\s*source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)\s*\}\}/g;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Read a project file, preferring the variant's copy (a PR's changed files) when it has one. */
function projectFiles(projectDir: string, variant?: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of walk(join(projectDir, 'models'))) files.set(relative(projectDir, f).split(sep).join('/'), readFileSync(f, 'utf8'));
  if (variant) {
    const vdir = join(projectDir, 'variants', variant);
    for (const f of walk(vdir)) files.set(relative(vdir, f).split(sep).join('/'), readFileSync(f, 'utf8'));
  }
  return files;
}

export interface ParseOptions {
  variant?: string;
  database?: string;
  /** Schema models are built in (dbt's target schema). */
  schema: string;
}

/** `dbt parse`, stand-in: the sample project → a manifest in dbt's v12 shape. */
export function parseProject(projectDir: string, opts: ParseOptions): Manifest {
  const project = YAML.parse(readFileSync(join(projectDir, 'dbt_project.yml'), 'utf8')) as { name: string; models?: Record<string, any> };
  const pkg = project.name;
  const files = projectFiles(projectDir, opts.variant);
  const folderConfig = (project.models?.[pkg] ?? {}) as Record<string, Record<string, string>>;
  const nodes: Record<string, ManifestNode> = {};
  const sources: Record<string, ManifestNode> = {};
  const database = opts.database ?? 'postgres';
  const docs: Record<string, { description?: string; columns?: { name: string; tests?: string[] }[] }> = {};

  for (const [path, text] of files) {
    if (!path.endsWith('.yml')) continue;
    const doc = YAML.parse(text) as { sources?: any[]; models?: any[] };
    for (const src of doc.sources ?? []) {
      for (const t of src.tables ?? []) {
        const id = `source.${pkg}.${src.name}.${t.name}`;
        const freshness = t.freshness ?? src.freshness ?? null;
        sources[id] = {
          database, schema: src.schema ?? src.name, name: t.name, resource_type: 'source', package_name: pkg,
          path, original_file_path: path, unique_id: id, fqn: [pkg, src.name, t.name], source_name: src.name,
          source_description: '', loader: '', identifier: t.identifier ?? t.name,
          quoting: { database: null, schema: null, identifier: null, column: null },
          loaded_at_field: t.loaded_at_field ?? src.loaded_at_field ?? null,
          freshness: {
            warn_after: freshness?.warn_after ?? { count: null, period: null },
            error_after: freshness?.error_after ?? { count: null, period: null },
            filter: freshness?.filter ?? null,
          },
          external: null, description: '', columns: {}, meta: {}, source_meta: {}, tags: [],
          config: { enabled: true }, patch_path: null, unrendered_config: {},
          relation_name: `"${database}"."${src.schema ?? src.name}"."${t.identifier ?? t.name}"`, created_at: 0,
        } as ManifestNode;
      }
    }
    for (const m of doc.models ?? []) docs[m.name] = { description: m.description, columns: m.columns };
  }

  for (const [path, raw] of [...files].sort()) {
    if (!path.endsWith('.sql') || !path.startsWith('models/')) continue;
    const rel = path.slice('models/'.length);
    const dirs = rel.split('/').slice(0, -1);
    const name = rel.split('/').pop()!.replace(/\.sql$/, '');
    const materialized = dirs.reduce((m, d) => folderConfig[d]?.['+materialized'] ?? m, 'view');
    const refs = [...raw.matchAll(REF)].map((m) => m[1]!);
    const srcs = [...raw.matchAll(SOURCE)].map((m) => [m[1]!, m[2]!]);
    const id = `model.${pkg}.${name}`;
    const doc = docs[name];
    const config = {
      enabled: true, alias: null, schema: null, database: null, tags: [], meta: {}, group: null, materialized,
      incremental_strategy: null, persist_docs: {}, 'post-hook': [], 'pre-hook': [], quoting: {}, column_types: {},
      full_refresh: null, unique_key: null, on_schema_change: 'ignore', on_configuration_change: 'apply', grants: {},
      packages: [], docs: { show: true, node_color: null }, contract: { enforced: false, alias_types: true }, access: 'protected',
    };
    nodes[id] = {
      database, schema: opts.schema, name, resource_type: 'model', package_name: pkg, path: rel, original_file_path: path,
      unique_id: id, fqn: [pkg, ...dirs, name], alias: name, checksum: { name: 'sha256', checksum: sha256(raw) }, config,
      tags: [], description: doc?.description ?? '',
      columns: Object.fromEntries((doc?.columns ?? []).map((c) => [c.name, { name: c.name, description: '', meta: {}, data_type: null, constraints: [], quote: null, tags: [] }])),
      meta: {}, group: null, docs: { show: true, node_color: null }, patch_path: doc ? `${pkg}://models/schema.yml` : null,
      build_path: null, unrendered_config: { materialized }, created_at: 0,
      relation_name: `"${database}"."${opts.schema}"."${name}"`, raw_code: raw, language: 'sql',
      refs: refs.map((r) => ({ name: r, package: null, version: null })), sources: srcs, metrics: [],
      depends_on: { macros: [], nodes: [...new Set([...refs.map((r) => `model.${pkg}.${r}`), ...srcs.map(([s, t]) => `source.${pkg}.${s}.${t}`)])].sort() },
      compiled_path: null, contract: { enforced: false, alias_types: true, checksum: null }, access: 'protected', constraints: [],
      version: null, latest_version: null, deprecation_date: null,
    } as ManifestNode;
    for (const col of doc?.columns ?? []) {
      for (const test of col.tests ?? []) {
        const tname = `${test}_${name}_${col.name}`;
        const tid = `test.${pkg}.${tname}.${sha256(tname).slice(0, 10)}`;
        nodes[tid] = {
          database, schema: `${opts.schema}_dbt_test__audit`, name: tname, resource_type: 'test', package_name: pkg,
          path: `${tname}.sql`, original_file_path: 'models/schema.yml', unique_id: tid, fqn: [pkg, ...dirs, tname], alias: tname,
          checksum: { name: 'none', checksum: '' },
          config: { enabled: true, alias: null, schema: 'dbt_test__audit', database: null, tags: [], meta: {}, group: null, materialized: 'test', severity: 'ERROR', store_failures: null, where: null, limit: null, fail_calc: 'count(*)', warn_if: '!= 0', error_if: '!= 0' },
          tags: [], description: '', columns: {}, meta: {}, group: null, docs: { show: true, node_color: null }, patch_path: null, build_path: null,
          unrendered_config: {}, created_at: 0, relation_name: null,
          raw_code: `{{ test_${test}(**_dbt_generic_test_kwargs) }}`, language: 'sql', refs: [{ name, package: null, version: null }], sources: [], metrics: [],
          depends_on: { macros: [`macro.dbt.test_${test}`], nodes: [id] }, compiled_path: null, contract: { enforced: false, alias_types: true, checksum: null },
          column_name: col.name, file_key_name: `models.${name}`, attached_node: id,
          test_metadata: { name: test, kwargs: { column_name: col.name, model: `{{ get_where_subquery(ref('${name}')) }}` }, namespace: null },
        } as ManifestNode;
      }
    }
  }

  const parent_map: Record<string, string[]> = {};
  const child_map: Record<string, string[]> = {};
  for (const id of [...Object.keys(nodes), ...Object.keys(sources)]) {
    parent_map[id] = [];
    child_map[id] = [];
  }
  for (const [id, n] of Object.entries(nodes)) {
    for (const p of n.depends_on?.nodes ?? []) {
      parent_map[id]!.push(p);
      child_map[p]?.push(id);
    }
  }
  for (const v of Object.values(child_map)) v.sort();
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      dbt_version: '1.9.4',
      generated_at: new Date().toISOString(),
      invocation_id: randomUUID(),
      env: {},
      project_name: pkg,
      project_id: createHash('md5').update(pkg).digest('hex'),
      adapter_type: 'postgres',
      send_anonymous_usage_stats: false,
      user_id: null,
    } as Manifest['metadata'],
    nodes, sources, macros: {}, docs: {}, exposures: {}, metrics: {}, groups: {}, selectors: {}, disabled: {},
    parent_map, child_map, group_map: {}, saved_queries: {}, semantic_models: {}, unit_tests: {},
  } as Manifest;
}

/** Dependency order (Kahn's algorithm, ties by id so runs are repeatable). */
function topoOrder(manifest: Manifest, ids: Set<string>): string[] {
  const indeg = new Map<string, number>();
  for (const id of ids) indeg.set(id, (manifest.nodes[id]!.depends_on?.nodes ?? []).filter((p) => ids.has(p)).length);
  const ready = [...ids].filter((id) => indeg.get(id) === 0).sort();
  const out: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    out.push(id);
    for (const c of manifest.child_map?.[id] ?? []) {
      if (!ids.has(c)) continue;
      indeg.set(c, indeg.get(c)! - 1);
      if (indeg.get(c) === 0) ready.push(c), ready.sort();
    }
  }
  return out;
}

export interface BuildOptions {
  /** Where each ref'd model lives (the colour schema being built, or production for deferred refs). */
  schemaFor(modelName: string): string;
  /** Only these unique ids (default: every model and test). */
  select?: string[];
}

/** `dbt build`, stand-in: run models then their tests in dependency order; returns run_results (v6 shape). */
export async function buildProject(manifest: Manifest, warehouse: Warehouse, opts: BuildOptions): Promise<RunResults> {
  const started = Date.now();
  const all = Object.values(manifest.nodes).filter((n) => n.resource_type === 'model' || n.resource_type === 'test');
  const ids = new Set((opts.select ?? all.map((n) => n.unique_id)).filter((id) => manifest.nodes[id]));
  const dialect = warehouse.dialect;
  const rel = (name: string) => qualify(dialect, opts.schemaFor(name), name);
  const compile = (sql: string) =>
    sql
      .replace(REF, (_m, name: string) => rel(name))
      .replace(SOURCE, (_m, s: string, t: string) => {
        const src = manifest.sources[`source.${manifest.metadata.project_name}.${s}.${t}`]!;
        return qualify(dialect, src.schema!, (src.identifier as string) ?? t);
      });
  const results: RunResults['results'] = [];
  const failed = new Set<string>();
  for (const id of topoOrder(manifest, ids)) {
    const node = manifest.nodes[id]!;
    const t0 = Date.now();
    const upstreamFailed = (node.depends_on?.nodes ?? []).some((p) => failed.has(p));
    if (upstreamFailed) {
      failed.add(id);
      results.push({ unique_id: id, status: 'skipped', message: 'SKIP', execution_time: 0, failures: null, timing: [], thread_id: 'Thread-1', adapter_response: {}, compiled: false, relation_name: node.relation_name ?? null });
      continue;
    }
    try {
      if (node.resource_type === 'model') {
        const schema = opts.schemaFor(node.name);
        const target = qualify(dialect, schema, node.name);
        const kind = node.config?.materialized === 'table' ? 'TABLE' : 'VIEW';
        await warehouse.query(`CREATE SCHEMA IF NOT EXISTS ${qualify(dialect, schema)}`);
        await warehouse.query(`DROP VIEW IF EXISTS ${target} CASCADE`).catch(() => undefined);
        await warehouse.query(`DROP TABLE IF EXISTS ${target} CASCADE`).catch(() => undefined);
        await warehouse.query(`CREATE ${kind} ${target} AS ${compile(node.raw_code as string)}`);
        results.push({ unique_id: id, status: 'success', message: `SELECT`, execution_time: (Date.now() - t0) / 1000, failures: null, timing: [], thread_id: 'Thread-1', adapter_response: { _message: 'OK' }, compiled: true, relation_name: `${target}` });
      } else {
        const model = manifest.nodes[node.attached_node as string]!;
        const col = qualify(dialect, node.column_name as string);
        const from = rel(model.name);
        const sql = node.test_metadata?.name === 'unique'
          ? `SELECT count(*) AS n FROM (SELECT ${col} FROM ${from} WHERE ${col} IS NOT NULL GROUP BY ${col} HAVING count(*) > 1) d`
          : `SELECT count(*) AS n FROM ${from} WHERE ${col} IS NULL`;
        const { rows } = await warehouse.query<{ n: number | string }>(sql);
        const n = Number(rows[0]?.n ?? 0);
        results.push({ unique_id: id, status: n === 0 ? 'pass' : 'fail', message: n === 0 ? null : `Got ${n} result${n === 1 ? '' : 's'}, configured to fail if != 0`, failures: n, execution_time: (Date.now() - t0) / 1000, timing: [], thread_id: 'Thread-1', adapter_response: {}, compiled: true, relation_name: null });
        if (n !== 0) failed.add(id);
      }
    } catch (err) {
      failed.add(id);
      results.push({ unique_id: id, status: 'error', message: (err as Error).message, failures: null, execution_time: (Date.now() - t0) / 1000, timing: [], thread_id: 'Thread-1', adapter_response: {}, compiled: true, relation_name: null });
    }
  }
  return {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', dbt_version: '1.9.4', generated_at: new Date().toISOString(), invocation_id: randomUUID(), env: {} },
    results,
    elapsed_time: (Date.now() - started) / 1000,
    args: { which: 'build', invocation_command: 'dbt build (Slipway demo stand-in)' },
  };
}

/** Load the sample project's raw data into schema `raw`, each table with a `_loaded_at` of the given age. */
export async function loadRawData(projectDir: string, warehouse: Warehouse, ageHours: Record<string, number>): Promise<void> {
  const dialect = warehouse.dialect;
  await warehouse.query(`CREATE SCHEMA IF NOT EXISTS ${qualify(dialect, 'raw')}`);
  for (const file of readdirSync(join(projectDir, 'raw')).filter((f) => f.endsWith('.csv')).sort()) {
    const table = file.replace(/^raw_/, '').replace(/\.csv$/, '');
    const [header, ...lines] = readFileSync(join(projectDir, 'raw', file), 'utf8').trim().split(/\r?\n/);
    const cols = header!.split(',');
    const target = qualify(dialect, 'raw', table);
    await warehouse.query(`DROP TABLE IF EXISTS ${target} CASCADE`);
    const colDefs = cols.map((c) => `${qualify(dialect, c)} ${c === 'id' || c.endsWith('_id') || c === 'amount' ? 'integer' : c.endsWith('_date') ? 'date' : 'text'}`);
    await warehouse.query(`CREATE TABLE ${target} (${colDefs.join(', ')}, "_loaded_at" timestamptz NOT NULL)`);
    const age = ageHours[table] ?? 1;
    const rows = lines.map((l) => l.split(','));
    const placeholders = rows.map((r, i) => `(${r.map((_, j) => `$${i * r.length + j + 1}`).join(', ')}, now() - interval '${Math.round(age * 60)} minutes')`);
    await warehouse.query(`INSERT INTO ${target} (${cols.map((c) => qualify(dialect, c)).join(', ')}, "_loaded_at") VALUES ${placeholders.join(', ')}`, rows.flat());
  }
}
