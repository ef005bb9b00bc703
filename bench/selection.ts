/**
 * Benchmark: `state:modified+` selection over generated manifest pairs of
 * 10k and 50k nodes, shaped like the real fixtures (model/test/seed/source
 * mix, config blocks, raw and compiled SQL, columns, ~1k macros, parent/child
 * maps). Prints, per size: file sizes, JSON.parse time of both files,
 * load time through loadManifest (streaming above its threshold), selection
 * time, the selection/parse ratio (target ≤ 1.3) and the peak RSS of the
 * process that loads and selects (target ≤ 3× the two files).
 *
 *   npx tsx bench/selection.ts            # 10k and 50k
 *   npx tsx bench/selection.ts 2000       # custom sizes
 *   SLIPWAY_BENCH_HUGE=1 npx tsx bench/selection.ts   # also a >512 MiB manifest (streaming only)
 *
 * Each measurement runs in a fresh child process so the numbers are not
 * polluted by the generator.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

// ---- deterministic generator ----------------------------------------------

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const WORDS = 'customer order payment invoice line item product account session event user address region store daily weekly monthly revenue margin status created updated amount quantity'.split(' ');

function sql(r: () => number, refs: string[], lines: number): string {
  const cols = Array.from({ length: 6 + Math.floor(r() * 10) }, (_, i) => `    ${WORDS[Math.floor(r() * WORDS.length)]}_${i} as ${WORDS[Math.floor(r() * WORDS.length)]}_${i}`);
  const body = [`with src as (\n    select * from {{ ref('${refs[0] ?? 'x'}') }}\n)`, ...refs.slice(1).map((x, i) => `, r${i} as (select * from {{ ref('${x}') }})`), 'select', cols.join(',\n'), 'from src'];
  while (body.length < lines) body.push(`-- ${WORDS[Math.floor(r() * WORDS.length)]} ${WORDS[Math.floor(r() * WORDS.length)]} note`);
  return body.join('\n');
}

interface Gen {
  n: number;
  variant: 'state' | 'current';
}

/** Write one manifest for `n` graph nodes without ever holding it as one string. */
export function writeManifest(path: string, g: Gen): void {
  const fd = openSync(path, 'w');
  let buf = '';
  const w = (s: string): void => {
    buf += s;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  const cur = g.variant === 'current';
  const n = g.n;
  const nSources = Math.floor(n * 0.05);
  const nSeeds = Math.floor(n * 0.05);
  const nModels = Math.floor(n * 0.45);
  const nTests = n - nSources - nSeeds - nModels;
  const nMacros = 1000;
  const pkg = 'bench';
  const modelId = (i: number) => `model.${pkg}.m_${i}`;
  const macroId = (i: number) => `macro.${pkg}.mac_${i}`;
  // what the PR changes (current variant only)
  const bodyChanged = (i: number) => cur && i % 97 === 5;
  const configChanged = (i: number) => cur && i % 211 === 7;
  const usesChangedMacro = (i: number) => i % 53 === 0; // macro 0 changes
  const removed = (i: number) => cur && i % 1499 === 11;
  const parents = new Map<number, string[]>();

  w(
    `{"metadata": ${JSON.stringify({ dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.11.2', generated_at: '2026-01-01T00:00:00Z', invocation_id: 'bench', env: {}, project_name: pkg, project_id: 'b3nch', adapter_type: 'snowflake' })}, "nodes": {`,
  );
  let first = true;
  const emit = (id: string, obj: unknown): void => {
    w((first ? '' : ', ') + JSON.stringify(id) + ': ' + JSON.stringify(obj));
    first = false;
  };
  const ids: string[] = [];
  for (let i = 0; i < nSeeds; i++) {
    const id = `seed.${pkg}.seed_${i}`;
    ids.push(id);
    parents.set(ids.length - 1, []);
    emit(id, {
      database: 'ANALYTICS', schema: 'RAW', name: `seed_${i}`, resource_type: 'seed', package_name: pkg, path: `seed_${i}.csv`, original_file_path: `seeds/seed_${i}.csv`, unique_id: id, fqn: [pkg, `seed_${i}`], alias: `seed_${i}`,
      checksum: { name: 'sha256', checksum: (i * 2654435761).toString(16).padStart(64, '0') },
      config: { enabled: true, alias: null, schema: null, database: null, tags: [], meta: {}, group: null, materialized: 'seed', persist_docs: {}, 'post-hook': [], 'pre-hook': [], quoting: {}, column_types: {}, full_refresh: null, on_schema_change: 'ignore', grants: {}, packages: [], docs: { show: true, node_color: null }, contract: { enforced: false, alias_types: true }, delimiter: ',', quote_columns: null },
      tags: [], description: '', columns: {}, meta: {}, group: null, docs: { show: true, node_color: null }, patch_path: null, build_path: null, unrendered_config: {}, created_at: 1700000000, relation_name: `ANALYTICS.RAW.seed_${i}`, raw_code: '', root_path: '/app', depends_on: { macros: [] },
    });
  }
  const sourceIds = Array.from({ length: nSources }, (_, i) => `source.${pkg}.raw.t_${i}`);
  for (let i = 0; i < nModels; i++) {
    if (removed(i)) continue;
    const r = rng(i + 1);
    const k = 1 + Math.floor(r() * 3);
    const deps: string[] = [];
    for (let j = 0; j < k; j++) {
      const pick = r();
      if (i < 20 || pick < 0.15) deps.push(sourceIds[Math.floor(r() * sourceIds.length)]!);
      else if (pick < 0.2) deps.push(`seed.${pkg}.seed_${Math.floor(r() * nSeeds)}`);
      else deps.push(modelId(Math.max(0, i - 1 - Math.floor(r() * Math.min(i, 200)))));
    }
    const uniq = [...new Set(deps)].filter((d) => !d.startsWith('model.') || !removed(Number(d.split('_').pop())));
    const macros = [macroId(1 + Math.floor(r() * (nMacros - 1)))];
    if (usesChangedMacro(i)) macros.push(macroId(0));
    const mat = r() < 0.5 ? 'view' : r() < 0.8 ? 'table' : 'incremental';
    let raw = `{{ config(materialized='${mat}') }}\n` + sql(r, uniq.map((d) => d.split('.').pop()!), 30 + Math.floor(r() * 40));
    if (bodyChanged(i)) raw += '\n-- changed in this PR';
    const cols = Object.fromEntries(Array.from({ length: 3 + Math.floor(r() * 5) }, (_, c) => [`col_${c}`, { name: `col_${c}`, description: `The ${WORDS[c % WORDS.length]} of the row.`, meta: {}, data_type: null, constraints: [], quote: null, tags: [], granularity: null, doc_blocks: [] }]));
    const id = modelId(i);
    ids.push(id);
    emit(id, {
      database: 'ANALYTICS', schema: 'MARTS', name: `m_${i}`, resource_type: 'model', package_name: pkg, path: `marts/m_${i}.sql`, original_file_path: `models/marts/m_${i}.sql`, unique_id: id, fqn: [pkg, 'marts', `m_${i}`], alias: `m_${i}`,
      checksum: { name: 'sha256', checksum: (i * 40503).toString(16).padStart(64, 'a') },
      config: { enabled: true, alias: null, schema: null, database: null, tags: i % 7 === 0 ? ['nightly'] : [], meta: {}, group: null, materialized: mat, incremental_strategy: null, batch_size: null, lookback: 1, begin: null, persist_docs: {}, 'post-hook': configChanged(i) ? [{ sql: 'grant select on {{ this }} to role reporter', transaction: true, index: null }] : [], 'pre-hook': [], quoting: {}, column_types: {}, full_refresh: null, unique_key: null, on_schema_change: 'ignore', on_configuration_change: 'apply', grants: {}, packages: [], docs: { show: true, node_color: null }, contract: { enforced: false, alias_types: true }, event_time: null, concurrent_batches: null, access: 'protected', freshness: null },
      tags: i % 7 === 0 ? ['nightly'] : [], description: `Model ${i}: ${WORDS[i % WORDS.length]} facts.`, columns: cols, meta: {}, group: null, docs: { show: true, node_color: null }, patch_path: `${pkg}://models/marts/schema.yml`, build_path: null,
      unrendered_config: configChanged(i) ? { materialized: mat, 'post-hook': ['grant select on {{ this }} to role reporter'] } : { materialized: mat },
      created_at: 1700000000 + i, relation_name: `ANALYTICS.MARTS.m_${i}`, raw_code: raw, doc_blocks: [], language: 'sql',
      refs: uniq.filter((d) => !d.startsWith('source.')).map((d) => ({ name: d.split('.').pop(), package: null, version: null })),
      sources: uniq.filter((d) => d.startsWith('source.')).map((d) => ['raw', d.split('.').pop()]), metrics: [], functions: [],
      depends_on: { macros, nodes: uniq }, compiled_path: `target/compiled/${pkg}/models/marts/m_${i}.sql`, compiled: true,
      compiled_code: raw.replace(/\{\{ ref\('([^']+)'\) \}\}/g, 'ANALYTICS.MARTS.$1').replace(/\{\{ config\([^)]*\) \}\}\n/, ''), extra_ctes_injected: true, extra_ctes: [],
      contract: { enforced: false, alias_types: true, checksum: null }, access: 'protected', constraints: [], version: null, latest_version: null, deprecation_date: null, primary_key: [], time_spine: null,
    });
    parents.set(ids.length - 1, uniq);
  }
  // new models in the PR
  if (cur) {
    for (let i = 0; i < Math.max(1, Math.floor(nModels / 500)); i++) {
      const id = `model.${pkg}.new_${i}`;
      ids.push(id);
      emit(id, { database: 'ANALYTICS', schema: 'MARTS', name: `new_${i}`, resource_type: 'model', package_name: pkg, path: `new_${i}.sql`, original_file_path: `models/new_${i}.sql`, unique_id: id, fqn: [pkg, `new_${i}`], alias: `new_${i}`, config: { enabled: true, materialized: 'view' }, unrendered_config: {}, raw_code: `select * from {{ ref('m_${i}') }}`, depends_on: { macros: [], nodes: [modelId(i)] }, tags: [], columns: {}, contract: { enforced: false, checksum: null }, access: 'protected' });
    }
  }
  for (let i = 0; i < nTests; i++) {
    const r = rng(1_000_000 + i);
    let target = Math.floor(r() * nModels);
    if (removed(target)) target = (target + 1) % nModels;
    const kind = ['unique', 'not_null', 'accepted_values', 'relationships'][Math.floor(r() * 4)]!;
    let deps = [modelId(target)];
    if (kind === 'relationships') {
      const other = Math.floor(r() * nModels);
      if (!removed(other)) deps = [modelId(other), modelId(target)];
    }
    const name = `${kind}_m_${target}_col_${i % 5}`;
    const id = `test.${pkg}.${name}.${(i * 2246822519).toString(16).slice(0, 10).padStart(10, '0')}`;
    ids.push(id);
    emit(id, {
      database: 'ANALYTICS', schema: 'MARTS_dbt_test__audit', name, resource_type: 'test', package_name: pkg, path: `${name}.sql`, original_file_path: 'models/marts/schema.yml', unique_id: id, fqn: [pkg, 'marts', name], alias: name,
      checksum: { name: 'none', checksum: '' },
      config: { enabled: true, alias: null, schema: 'dbt_test__audit', database: null, tags: [], meta: {}, group: null, materialized: 'test', severity: 'ERROR', store_failures: null, store_failures_as: null, where: null, limit: null, fail_calc: 'count(*)', warn_if: '!= 0', error_if: '!= 0' },
      tags: [], description: '', columns: {}, meta: {}, group: null, docs: { show: true, node_color: null }, patch_path: null, build_path: null, unrendered_config: {}, created_at: 1700000000, relation_name: null,
      raw_code: `{{ test_${kind}(**_dbt_generic_test_kwargs) }}`, doc_blocks: [], language: 'sql', refs: deps.map((d) => ({ name: d.split('.').pop(), package: null, version: null })), sources: [], metrics: [], functions: [],
      depends_on: { macros: [`macro.dbt.test_${kind}`, 'macro.dbt.get_where_subquery'], nodes: deps }, compiled_path: null, contract: { enforced: false, alias_types: true, checksum: null },
      column_name: `col_${i % 5}`, file_key_name: `models.m_${target}`, attached_node: modelId(target),
      test_metadata: { name: kind, kwargs: { column_name: `col_${i % 5}`, model: `{{ get_where_subquery(ref('m_${target}')) }}` }, namespace: null },
    });
    parents.set(ids.length - 1, deps);
  }
  w('}, "sources": {');
  first = true;
  for (let i = 0; i < nSources; i++) {
    const id = sourceIds[i]!;
    emit(id, {
      database: 'RAW', schema: 'LANDING', name: `t_${i}`, resource_type: 'source', package_name: pkg, path: 'models/sources.yml', original_file_path: 'models/sources.yml', unique_id: id, fqn: [pkg, 'raw', `t_${i}`], source_name: 'raw', source_description: '', loader: 'fivetran', identifier: `t_${i}`,
      quoting: { database: null, schema: null, identifier: null, column: null }, loaded_at_field: '_fivetran_synced', loaded_at_query: null,
      freshness: { warn_after: { count: 12, period: 'hour' }, error_after: { count: 24, period: 'hour' }, filter: null }, external: null, description: '', columns: {}, meta: {}, source_meta: {}, tags: [],
      config: { enabled: true, event_time: null, freshness: { warn_after: { count: 12, period: 'hour' }, error_after: { count: 24, period: 'hour' }, filter: null }, loaded_at_field: '_fivetran_synced', loaded_at_query: null, meta: {}, tags: [] },
      patch_path: null, unrendered_config: { loaded_at_field: '_fivetran_synced' }, relation_name: `RAW.LANDING.t_${i}`, created_at: 1700000000, unrendered_database: null, unrendered_schema: 'LANDING', doc_blocks: [],
    });
  }
  w('}, "macros": {');
  first = true;
  const adds = ['macro.dbt.test_unique', 'macro.dbt.test_not_null', 'macro.dbt.test_accepted_values', 'macro.dbt.test_relationships', 'macro.dbt.get_where_subquery'];
  for (const id of adds) emit(id, { name: id.split('.').pop(), resource_type: 'macro', package_name: 'dbt', path: 'macros/generic_test_sql.sql', original_file_path: 'macros/generic_test_sql.sql', unique_id: id, macro_sql: `{% macro ${id.split('.').pop()}() %}select 1{% endmacro %}`, depends_on: { macros: [] }, description: '', meta: {}, docs: { show: true, node_color: null }, patch_path: null, arguments: [], created_at: 1700000000, supported_languages: null });
  for (let i = 0; i < nMacros; i++) {
    const r = rng(5_000_000 + i);
    const id = macroId(i);
    const deps = i > 10 ? [macroId(Math.floor(r() * i))] : [];
    let body = `{% macro mac_${i}(arg) %}\n  {{ return(adapter.dispatch('mac_${i}', '${pkg}')(arg)) }}\n{% endmacro %}\n{% macro default__mac_${i}(arg) %}\n  cast({{ arg }} as varchar) -- ${WORDS[i % WORDS.length]}\n{% endmacro %}`;
    if (cur && i === 0) body += '\n-- changed';
    emit(id, { name: `mac_${i}`, resource_type: 'macro', package_name: pkg, path: `macros/mac_${i}.sql`, original_file_path: `macros/mac_${i}.sql`, unique_id: id, macro_sql: body, depends_on: { macros: deps }, description: '', meta: {}, docs: { show: true, node_color: null }, patch_path: null, arguments: [], created_at: 1700000000, supported_languages: null });
  }
  w('}, "docs": {}, "exposures": {}, "metrics": {}, "groups": {}, "selectors": {}, "disabled": {}, "parent_map": {');
  first = true;
  const children = new Map<string, string[]>();
  for (const [idx, ps] of parents) {
    emit(ids[idx]!, ps);
    for (const p of ps) {
      let l = children.get(p);
      if (!l) children.set(p, (l = []));
      l.push(ids[idx]!);
    }
  }
  w('}, "child_map": {');
  first = true;
  for (const id of [...ids, ...sourceIds]) emit(id, (children.get(id) ?? []).sort());
  w('}, "group_map": {}, "saved_queries": {}, "semantic_models": {}, "unit_tests": {}, "functions": {}}');
  writeSync(fd, buf);
  closeSync(fd);
}

// ---- child measurements -----------------------------------------------------

async function child(mode: string, files: string[]): Promise<void> {
  const out: Record<string, unknown> = {};
  if (mode === 'baseline') {
    // the runtime alone (node + the TypeScript loader when run through tsx)
  } else if (mode === 'parse') {
    let ms = 0;
    for (const f of files) {
      const t = performance.now();
      const text = readFileSync(f, 'utf8');
      JSON.parse(text);
      ms += performance.now() - t;
    }
    out.parseMs = ms;
  } else {
    const { loadManifest } = await import('../shared/dbt/artifacts.js');
    const { selectNodes } = await import('../shared/dbt/selection/index.js');
    let t = performance.now();
    // as `slipway select` loads them
    const state = await loadManifest(files[0]!, { slim: true });
    const current = await loadManifest(files[1]!, { slim: true });
    out.loadMs = performance.now() - t;
    t = performance.now();
    const r = selectNodes({ manifest: current, state, select: ['state:modified+'] });
    out.selectMs = performance.now() - t;
    out.selected = r.selected.length;
    out.modified = Object.keys(r.modified).length;
  }
  out.maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(out) + '\n');
}

/**
 * Children run the benchmark bundled with esbuild on plain node, like the
 * shipped dist/ bundles (no TypeScript loader in memory); if bundling is not
 * possible they run through the same loader as this process.
 */
let childCmd: string[] = [...process.execArgv, here];
let childRuntime = 'tsx (TypeScript loader)';
async function prepareChild(dir: string): Promise<void> {
  try {
    const esbuild = await import('esbuild');
    const out = join(dir, 'bench-selection.mjs');
    await esbuild.build({
      entryPoints: [here],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: out,
      logLevel: 'silent',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    childCmd = [out];
    childRuntime = 'node, esbuild bundle (as dist/)';
  } catch (e) {
    console.error(`(could not bundle the benchmark, measuring through tsx: ${(e as Error).message})`);
  }
}

function runChild(mode: string, files: string[], env: Record<string, string> = {}): Record<string, number> {
  const res = spawnSync(process.execPath, [...childCmd, '--child', mode, ...files], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 20,
  });
  if (res.status !== 0) throw new Error(`child ${mode} failed (${res.status}): ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop()!);
}

const mb = (b: number): string => (b / 1048576).toFixed(1);

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3]!, process.argv.slice(4));
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  const ns = sizes.length ? sizes : [10_000, 50_000];
  console.log('slipway select benchmark: state:modified+ over generated manifest pairs (each figure from a fresh process)\n');
  const bundleDir = mkdtempSync(join(tmpdir(), 'slipway-bench-bundle-'));
  await prepareChild(bundleDir);
  const baseline = runChild('baseline', []).maxRssMB!;
  console.log(`children run on: ${childRuntime}; runtime baseline RSS (empty child): ${baseline.toFixed(0)} MB\n`);
  console.log('nodes   | state MB | current MB | JSON.parse both | load both | selection | ratio sel/parse | peak RSS (load+select) | RSS / files | (RSS - baseline) / files | selected | modified');
  for (const n of ns) {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-sel-'));
    try {
      const sp = join(dir, 'state.json');
      const cp = join(dir, 'current.json');
      writeManifest(sp, { n, variant: 'state' });
      writeManifest(cp, { n, variant: 'current' });
      const files = statSync(sp).size + statSync(cp).size;
      const p = runChild('parse', [sp, cp]);
      const s = runChild('select', [sp, cp]);
      const ratio = s.selectMs! / p.parseMs!;
      const rssRatio = (s.maxRssMB! * 1048576) / files;
      const netRatio = ((s.maxRssMB! - baseline) * 1048576) / files;
      console.log(
        `${String(n).padEnd(7)} | ${mb(statSync(sp).size).padStart(8)} | ${mb(statSync(cp).size).padStart(10)} | ${p.parseMs!.toFixed(0).padStart(12)} ms | ${s.loadMs!.toFixed(0).padStart(6)} ms | ${s.selectMs!.toFixed(0).padStart(6)} ms | ${ratio.toFixed(2).padStart(6)} ${ratio <= 1.3 ? '(ok ≤1.3)' : '(OVER 1.3)'} | ${s.maxRssMB!.toFixed(0).padStart(8)} MB | ${rssRatio.toFixed(2)}× ${rssRatio <= 3 ? '(ok ≤3)' : '(OVER 3)'} | ${netRatio.toFixed(2)}× | ${s.selected} | ${s.modified}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (process.env.SLIPWAY_BENCH_HUGE) {
    // A manifest past V8's maximum string length (~512 MiB): JSON.parse(readFile) cannot read it at all.
    const n = Number(process.env.SLIPWAY_BENCH_HUGE) > 1000 ? Number(process.env.SLIPWAY_BENCH_HUGE) : 160_000;
    const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-huge-'));
    try {
      const sp = join(dir, 'state.json');
      const cp = join(dir, 'current.json');
      writeManifest(sp, { n, variant: 'state' });
      writeManifest(cp, { n, variant: 'current' });
      const big = statSync(sp).size;
      let parseOk = 'yes';
      try {
        runChild('parse', [sp]);
      } catch (e) {
        parseOk = `no (${/ERR_STRING_TOO_LONG|Cannot create a string longer/.exec(String(e))?.[0] ?? 'failed'})`;
      }
      const s = runChild('select', [sp, cp]);
      console.log(`\n>512 MiB: ${n} nodes, state ${mb(big)} MB + current ${mb(statSync(cp).size)} MB. readFile+JSON.parse possible: ${parseOk}. Streaming load ${s.loadMs!.toFixed(0)} ms, selection ${s.selectMs!.toFixed(0)} ms, peak RSS ${s.maxRssMB!.toFixed(0)} MB, selected ${s.selected}.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rmSync(bundleDir, { recursive: true, force: true });
}

if (process.argv[1] && here === (await import('node:path')).resolve(process.argv[1])) await main();
