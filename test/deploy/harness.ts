/**
 * Test harness for deploys: a fake "dbt build" that fills the colour schemas
 * with tables carrying a marker (the deploy id), and a runtime that records logs.
 */
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { qualify, quoteLiteral } from '../../shared/sql/identifiers.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import type { Manifest } from '../../shared/dbt/artifacts.js';

export function quietRuntime(): CliRuntime & { lines: string[] } {
  const lines: string[] = [];
  const rt = new CliRuntime({ write: (l) => lines.push(l) }) as CliRuntime & { lines: string[] };
  rt.lines = lines;
  return rt;
}

/** What dbt would do: (re)create each model as a table in the colour schema with `rows` rows tagged `marker`. */
export async function fakeBuild(wh: Warehouse, colourSchemas: string[], models: string[], marker: string, rows = 3): Promise<void> {
  await wh.transaction(async (s) => {
    for (const schema of colourSchemas) {
      await s.query(`CREATE SCHEMA IF NOT EXISTS ${qualify('postgres', schema)}`);
      for (const m of models) {
        const t = qualify('postgres', schema, m);
        await s.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
        await s.query(`CREATE TABLE ${t} AS SELECT g AS id, ${quoteLiteral(marker, 'postgres')}::text AS marker FROM generate_series(1, ${Math.floor(rows)}) AS g`);
      }
    }
  });
}

/** A minimal manifest naming these models in these schemas. */
export function tinyManifest(schemas: Record<string, string[]>): Manifest {
  const nodes: Manifest['nodes'] = {};
  for (const [schema, models] of Object.entries(schemas)) {
    for (const m of models) {
      nodes[`model.p.${schema}.${m}`] = { unique_id: `model.p.${schema}.${m}`, resource_type: 'model', package_name: 'p', name: m, schema, alias: m, config: { materialized: 'table' } };
    }
  }
  return { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json' }, nodes, sources: {}, macros: {}, exposures: {} } as Manifest;
}
