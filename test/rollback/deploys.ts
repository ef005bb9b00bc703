/**
 * Real blue-green deploys for rollback tests: prepare → a stand-in dbt build
 * (tables tagged with a marker) → cutover, through the deploy feature's own
 * core, so the rollback runs against exactly what a deploy leaves behind.
 */
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { qualify, quoteLiteral } from '../../shared/sql/identifiers.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { cutoverDeploy, prepareDeploy } from '../../shared/deploy/index.js';

export const quiet = () => new CliRuntime({ write: () => undefined });

export const ENV = 'production';
export const PUBLISHED = ['analytics', 'finance'];

/** What dbt would do in the idle colour: recreate each model as a table tagged with `marker`. */
export async function build(wh: Warehouse, schemas: string[], models: string[], marker: string): Promise<void> {
  await wh.transaction(async (s) => {
    for (const schema of schemas) {
      for (const m of models) {
        const t = qualify('postgres', schema, m);
        await s.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
        await s.query(`CREATE TABLE ${t} AS SELECT g AS id, ${quoteLiteral(marker, 'postgres')}::text AS marker FROM generate_series(1, 3) AS g`);
      }
    }
  });
}

/** One full deploy; returns its id and colour. */
export async function deploy(wh: Warehouse, marker: string, models: string[] = ['orders', 'customers'], published = PUBLISHED): Promise<{ deployId: string; colour: string }> {
  const rt = quiet();
  const p = await prepareDeploy(wh, { environment: ENV, schemas: published, actor: 'ci' }, rt);
  await build(wh, p.schemas, models, marker);
  await cutoverDeploy(wh, { environment: ENV, deployId: p.deployId, actor: 'ci' }, rt);
  return { deployId: p.deployId, colour: p.colour };
}

/** The markers consumers see through every published view, read in one statement (one snapshot). */
export async function visibleMarkers(wh: Warehouse, models: string[] = ['orders', 'customers'], published = PUBLISHED): Promise<string[]> {
  const parts = published.flatMap((s) => models.map((m) => `SELECT marker FROM ${qualify('postgres', s, m)}`));
  const { rows } = await wh.query<{ marker: string }>(`SELECT DISTINCT marker FROM (${parts.join(' UNION ALL ')}) AS x ORDER BY 1`);
  return rows.map((r) => r.marker);
}

export async function stateRows(wh: Warehouse): Promise<Record<string, unknown>[]> {
  return (await wh.query<Record<string, unknown>>('SELECT * FROM slipway.deploy_state ORDER BY event_seq')).rows;
}
