/**
 * The impact comparison on the embedded engine (PGlite, what the demo runs
 * on): one session at a time, a composite key, a json column (no equality
 * operator: compared as text) and a key column whose type changed. Numbers are
 * checked against plain SQL on the same tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImpact } from '../../shared/impact/index.js';
import type { ImpactTarget } from '../../shared/impact/types.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';

describe('impact on PGlite', () => {
  let wh: PgliteWarehouse;
  const one = async (sql: string) => Number(Object.values((await wh.query(sql)).rows[0]!)[0]);
  const target = (over: Partial<ImpactTarget>): ImpactTarget => ({
    uniqueId: 'model.t.lines', name: 'lines', reason: 'modified', pr: { schema: 'pr', name: 'lines' }, prod: { schema: 'prod', name: 'lines' },
    sensitive: [], contract: [], downstreamUses: () => [], notes: [], ...over,
  });

  beforeAll(async () => {
    wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
    await wh.query('CREATE SCHEMA prod');
    await wh.query('CREATE SCHEMA pr');
    await wh.query(`CREATE TABLE prod.lines AS SELECT o AS order_id, l AS line, json_build_object('sku', o * 10 + l) AS attrs, (o * l)::int AS qty FROM generate_series(1, 40) o, generate_series(1, 3) l`);
    // PR: order 1 gone, order 41 new, line is now text, sku of order 7 changed, qty of line 2 doubled; one duplicate line
    await wh.query(`CREATE TABLE pr.lines AS SELECT o AS order_id, l::text AS line, json_build_object('sku', CASE WHEN o = 7 THEN 0 ELSE o * 10 + l END) AS attrs, (CASE WHEN l = 2 THEN 2 * o * l ELSE o * l END)::int AS qty FROM generate_series(2, 41) o, generate_series(1, 3) l`);
    await wh.query(`INSERT INTO pr.lines VALUES (5, '1', '{"sku": 51}', 5)`);
  });
  afterAll(async () => wh?.close());

  it('composite key, json compared as text, a key column whose type changed', async () => {
    const r = await runImpact(wh, { targets: [target({ key: { columns: ['order_id', 'line'], from: 'test' } })] });
    const m = r.models[0]!;
    expect(m.status).toBe('compared');
    expect(m.schema.typeChanged).toEqual([{ name: 'line', from: 'integer', to: 'text' }]);
    const join = 'FROM prod.lines b JOIN pr.lines p ON b.order_id = p.order_id AND b.line::text = p.line';
    expect(m.keys!.added).toBe(await one(`SELECT count(*) FROM pr.lines p WHERE NOT EXISTS (SELECT 1 FROM prod.lines b WHERE b.order_id = p.order_id AND b.line::text = p.line)`));
    expect(m.keys!.removed).toBe(await one(`SELECT count(*) FROM prod.lines b WHERE NOT EXISTS (SELECT 1 FROM pr.lines p WHERE b.order_id = p.order_id AND b.line::text = p.line)`));
    expect(m.keys!.changed).toBe(await one(`SELECT count(*) ${join} WHERE b.attrs::text IS DISTINCT FROM p.attrs::text OR b.qty IS DISTINCT FROM p.qty`));
    expect([m.keys!.added, m.keys!.removed, m.keys!.prDuplicates]).toEqual([3, 3, 1]);
    expect(m.columns.find((c) => c.name === 'attrs')!.changedValues).toBe(await one(`SELECT count(*) ${join} WHERE b.attrs::text <> p.attrs::text`));
    expect(m.columns.find((c) => c.name === 'attrs')!.prDistinct).toBe(await one('SELECT count(DISTINCT attrs::text) FROM pr.lines'));
    expect(m.cost.statements).toBe(1);
  });

  it('a relation that does not exist in the PR schema is skipped with a note', async () => {
    const r = await runImpact(wh, { targets: [target({ pr: { schema: 'pr', name: 'missing' } })] });
    expect(r.models[0]!.status).toBe('skipped');
    expect(r.models[0]!.notes.join()).toMatch(/the PR relation "pr"."missing" does not exist/);
  });
});
