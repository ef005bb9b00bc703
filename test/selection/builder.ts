/**
 * Small hand-built manifests for dbt-core's state-selection acceptance cases
 * (shared/research/dbt-state-cases.md, project "BASE"). Only the fields the
 * selection reads are filled, in the shape dbt writes them.
 */
import type { Manifest, ManifestNode } from '../../shared/dbt/artifacts.js';
import { normaliseManifest } from '../../shared/dbt/artifacts.js';

export type Mutable = Manifest & { [k: string]: any };

export function node(id: string, extra: Partial<ManifestNode> & Record<string, any> = {}): ManifestNode {
  const [type, pkg, ...rest] = id.split('.');
  const name = extra.name ?? rest[0]!;
  const base: ManifestNode = {
    unique_id: id,
    resource_type: type!,
    package_name: pkg!,
    name,
    fqn: [pkg!, name],
    original_file_path: `models/${name}.sql`,
    path: `${name}.sql`,
    database: 'db',
    schema: 'analytics',
    alias: name,
    tags: [],
    config: { enabled: true, materialized: 'view', persist_docs: {}, contract: { enforced: false } },
    unrendered_config: {},
    depends_on: { nodes: [], macros: [] },
    raw_code: `select 1 as id -- ${name}`,
    description: '',
    columns: {},
    checksum: { name: 'sha256', checksum: 'x' },
    contract: { enforced: false, alias_types: true, checksum: null },
    access: type === 'model' ? 'protected' : undefined,
    constraints: [],
    version: null,
    latest_version: null,
    deprecation_date: null,
  };
  return { ...base, ...extra, config: { ...base.config, ...(extra.config ?? {}) } } as ManifestNode;
}

export function manifest(parts: { nodes?: ManifestNode[]; sources?: ManifestNode[]; exposures?: ManifestNode[]; macros?: ManifestNode[]; unit_tests?: ManifestNode[]; dbtVersion?: string; schema?: number; project?: string; adapter?: string }): Mutable {
  const byId = (xs: ManifestNode[] = []): Record<string, ManifestNode> => Object.fromEntries(xs.map((x) => [x.unique_id, x]));
  return normaliseManifest({
    metadata: {
      dbt_schema_version: `https://schemas.getdbt.com/dbt/manifest/v${parts.schema ?? 12}.json`,
      dbt_version: parts.dbtVersion ?? '1.11.2',
      project_name: parts.project ?? 'test',
      adapter_type: parts.adapter ?? 'postgres',
    },
    nodes: byId(parts.nodes),
    sources: byId(parts.sources),
    exposures: byId(parts.exposures),
    macros: byId(parts.macros),
    unit_tests: byId(parts.unit_tests),
  }) as Mutable;
}

export function macro(id: string, sql: string, deps: string[] = []): ManifestNode {
  const [, pkg, name] = id.split('.');
  return { unique_id: id, resource_type: 'macro', package_name: pkg!, name: name!, macro_sql: sql, depends_on: { macros: deps } } as ManifestNode;
}

/** The BASE project of dbt-core's defer_state tests. */
export function base(): Mutable {
  const seed = node('seed.test.seed', {
    original_file_path: 'seeds/seed.csv',
    raw_code: '',
    config: { materialized: 'seed' },
    checksum: { name: 'sha256', checksum: 'aaa111' },
  });
  delete (seed as any).access;
  const view = node('model.test.view_model', {
    depends_on: { nodes: ['seed.test.seed'], macros: ['macro.test.my_infinitely_recursive_macro'] },
    raw_code: "select * from {{ ref('seed') }}\n-- {{ my_infinitely_recursive_macro() }}",
  });
  const eph = node('model.test.ephemeral_model', {
    config: { materialized: 'ephemeral' },
    unrendered_config: { materialized: 'ephemeral' },
    depends_on: { nodes: ['model.test.view_model'], macros: [] },
    raw_code: "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('view_model') }}",
  });
  const table = node('model.test.table_model', {
    config: { materialized: 'table' },
    unrendered_config: { materialized: 'table' },
    depends_on: { nodes: ['model.test.ephemeral_model'], macros: ['macro.test.my_macro'] },
    raw_code: "{{ config(materialized='table') }}\nselect * from {{ ref('ephemeral_model') }}\n-- {{ my_macro() }}",
  });
  const test = (name: string, kind: string): ManifestNode =>
    node(`test.test.${name}.0123456789`, {
      name,
      fqn: ['test', name],
      original_file_path: 'models/schema.yml',
      config: { materialized: 'test', severity: 'ERROR' },
      unrendered_config: kind === 'unique' ? { severity: 'error' } : {},
      depends_on: { nodes: ['model.test.view_model'], macros: [`macro.dbt.test_${kind}`] },
      raw_code: `{{ test_${kind}(**_dbt_generic_test_kwargs) }}`,
      test_metadata: { name: kind, namespace: null, kwargs: { column_name: 'id' } },
    });
  const exposure = {
    unique_id: 'exposure.test.my_exposure',
    resource_type: 'exposure',
    package_name: 'test',
    name: 'my_exposure',
    fqn: ['test', 'my_exposure'],
    original_file_path: 'models/schema.yml',
    type: 'application',
    owner: { email: 'test@example.com', name: null },
    depends_on: { nodes: ['model.test.view_model'], macros: [] },
    config: { enabled: true },
    unrendered_config: {},
    tags: [],
    description: '',
  } as unknown as ManifestNode;
  return manifest({
    nodes: [seed, view, eph, table, test('unique_view_model_id', 'unique'), test('not_null_view_model_id', 'not_null')],
    exposures: [exposure],
    macros: [
      macro('macro.test.my_macro', "{% macro my_macro() %}{% do log('in a macro') %}{% endmacro %}"),
      macro('macro.test.my_infinitely_recursive_macro', '{% macro my_infinitely_recursive_macro() %}{{ return(adapter.dispatch(...)) }}{% endmacro %}', [
        'macro.test.default__my_infinitely_recursive_macro',
      ]),
      macro('macro.test.default__my_infinitely_recursive_macro', '{% macro default__my_infinitely_recursive_macro() %}{% if unmet_condition %}{{ my_infinitely_recursive_macro() }}{% endif %}{% endmacro %}', [
        'macro.test.my_infinitely_recursive_macro',
      ]),
      macro('macro.dbt.test_unique', 'unique'),
      macro('macro.dbt.test_not_null', 'not null'),
    ],
  });
}

export const clone = <T>(x: T): T => structuredClone(x);

export const BASE_IDS = [
  'exposure.test.my_exposure',
  'model.test.ephemeral_model',
  'model.test.table_model',
  'model.test.view_model',
  'seed.test.seed',
  'test.test.not_null_view_model_id.0123456789',
  'test.test.unique_view_model_id.0123456789',
];
