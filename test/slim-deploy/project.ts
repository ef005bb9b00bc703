/**
 * Generated blue/green manifest pairs for slim-deploy tests and the bench:
 * a dbt project of N models (staging views on sources, table and incremental
 * marts, downstream views, a seed and a snapshot, a test per model) compiled
 * once for the live colour and once for the idle colour, with `changed`
 * models edited in the new one. Plus the catalog the colour schemas would
 * hold on Snowflake (names upper-cased, tables transient as dbt-snowflake
 * makes them, views with the text dbt issued).
 */
import type { Manifest, ManifestNode } from '../../shared/dbt/artifacts.js';
import { catalogKey, type Catalog } from '../../shared/slim-deploy/index.js';
import type { CatalogRelation } from '../../shared/slim-deploy/types.js';
import { manifest, node } from '../selection/builder.js';

export interface ProjectShape {
  models: number;
  /** Model names edited in the new manifest. */
  changed?: string[];
  /** Views whose idle-colour copy is out of date (text differs). */
  staleViews?: string[];
  database?: string;
  schemaBase?: string;
}

const kindFor = (i: number): 'view' | 'table' | 'incremental' => (i % 10 < 2 ? 'view' : i % 10 < 7 ? 'table' : i % 10 < 9 ? 'incremental' : 'view');

function build(shape: ProjectShape, suffix: string, edited: Set<string>): Manifest {
  const db = shape.database ?? 'analytics_prod';
  const schema = `${shape.schemaBase ?? 'analytics'}${suffix}`;
  const nodes: ManifestNode[] = [];
  const src = node('source.shop.raw.orders', { resource_type: 'source', name: 'orders', source_name: 'raw', fqn: ['shop', 'raw', 'orders'], schema: 'raw', identifier: 'orders', config: { enabled: true }, unrendered_config: {}, loaded_at_field: '_loaded_at' } as any);
  const seed = node('seed.shop.countries', { schema, database: db, fqn: ['shop', 'countries'], config: { materialized: 'seed' }, unrendered_config: {}, raw_code: '', original_file_path: 'seeds/countries.csv', checksum: { name: 'sha256', checksum: 'c0ffee' } });
  const snap = node('snapshot.shop.orders_snapshot', {
    schema,
    database: db,
    fqn: ['shop', 'snapshots', 'orders_snapshot'],
    config: { materialized: 'snapshot', unique_key: 'id', strategy: 'timestamp', updated_at: 'updated_at' },
    unrendered_config: { materialized: 'snapshot' },
    depends_on: { nodes: ['source.shop.raw.orders'], macros: [] },
    raw_code: "select * from {{ source('raw', 'orders') }}",
    original_file_path: 'snapshots/orders_snapshot.sql',
  });
  nodes.push(seed, snap);
  for (let i = 0; i < shape.models; i++) {
    const name = `m${String(i).padStart(4, '0')}`;
    const kind = kindFor(i);
    const parents = i < 10 ? ['source.shop.raw.orders', 'seed.shop.countries'] : [`model.shop.m${String(Math.floor(i / 2)).padStart(4, '0')}`, `model.shop.m${String(i - 1).padStart(4, '0')}`];
    const raw = `{{ config(materialized='${kind}') }}\nselect * from ${parents.map((p) => (p.startsWith('source') ? "{{ source('raw', 'orders') }}" : p.startsWith('seed') ? "{{ ref('countries') }}" : `{{ ref('${p.split('.').pop()}') }}`)).join(' join ')}${edited.has(name) ? '\n-- edited' : ''}`;
    nodes.push(
      node(`model.shop.${name}`, {
        name,
        schema,
        database: db,
        fqn: ['shop', i < 10 ? 'staging' : 'marts', name],
        original_file_path: `models/${name}.sql`,
        config: { materialized: kind, ...(kind === 'incremental' ? { unique_key: 'id' } : {}) },
        unrendered_config: { materialized: kind },
        depends_on: { nodes: parents, macros: [] },
        raw_code: raw,
        checksum: { name: 'sha256', checksum: `${name}${edited.has(name) ? '-edited' : ''}` },
      }),
      node(`test.shop.not_null_${name}_id.${String(i).padStart(10, '0')}`, {
        name: `not_null_${name}_id`,
        fqn: ['shop', `not_null_${name}_id`],
        original_file_path: 'models/schema.yml',
        config: { materialized: 'test', severity: 'ERROR' },
        unrendered_config: {},
        depends_on: { nodes: [`model.shop.${name}`], macros: ['macro.dbt.test_not_null'] },
        raw_code: '{{ test_not_null(**_dbt_generic_test_kwargs) }}',
        test_metadata: { name: 'not_null', namespace: null, kwargs: { column_name: 'id' } },
        attached_node: `model.shop.${name}`,
      } as any),
    );
  }
  return manifest({ nodes, sources: [src], project: 'shop', adapter: 'snowflake' });
}

export function colourPair(shape: ProjectShape, liveSuffix = '__BLUE', idleSuffix = '__GREEN'): { live: Manifest; next: Manifest } {
  return { live: build(shape, liveSuffix, new Set()), next: build(shape, idleSuffix, new Set(shape.changed ?? [])) };
}

/** The view text dbt-snowflake issues (what INFORMATION_SCHEMA.VIEWS.VIEW_DEFINITION returns). */
export function viewText(db: string, schema: string, n: ManifestNode): string {
  const parents = (n.depends_on?.nodes ?? []).map((p) => `${db}.${schema}.${p.split('.').pop()}`);
  return `create or replace   view ${db}.${schema}.${n.name}\n  \n   as (\n    select * from ${parents.join(' join ')}\n  );`;
}

/** What the live and idle colour schemas hold on Snowflake after the previous two deploys. */
export function snowflakeCatalog(pair: { live: Manifest; next: Manifest }, shape: ProjectShape, liveSuffix = '__BLUE', idleSuffix = '__GREEN'): Catalog {
  const db = (shape.database ?? 'analytics_prod');
  const base = shape.schemaBase ?? 'analytics';
  const stale = new Set(shape.staleViews ?? []);
  const rels = (m: Manifest, suffix: string, staleOk: boolean): CatalogRelation[] =>
    Object.values(m.nodes)
      .filter((n) => ['model', 'seed', 'snapshot'].includes(n.resource_type))
      .map((n) => {
        const mat = String((n.config as any).materialized);
        if (mat === 'view') {
          const text = viewText(db, `${base}${suffix}`, n);
          return { name: n.name.toUpperCase(), kind: 'view' as const, transient: false, definition: staleOk && stale.has(n.name) ? text.replace('select *', 'select id') : text };
        }
        return { name: n.name.toUpperCase(), kind: 'table' as const, transient: true };
      });
  return new Map([
    [catalogKey(db.toUpperCase(), `${base}${liveSuffix}`.toUpperCase()), rels(pair.live, liveSuffix, false)],
    [catalogKey(db.toUpperCase(), `${base}${idleSuffix}`.toUpperCase()), rels(pair.live, idleSuffix, true)],
  ]);
}
