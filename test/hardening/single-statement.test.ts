/**
 * "Exactly one statement" is enforced by the driver (issue #18 item 2):
 * `Warehouse.queryOne` runs through PostgreSQL's extended protocol on the real
 * server and on PGlite, so every known way to smuggle a second statement past
 * text inspection is refused by the server, and the smuggled statement never
 * runs. The same texts through the simple protocol (`query`) DO run the second
 * statement — proof that the corpus entries are real bypasses, not strawmen.
 * The freshness gate runs its statements (which embed the user's `filter:`)
 * through queryOne.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../shared/dbt/artifacts.js';
import { measureFreshness } from '../../shared/freshness/index.js';
import { checkSqlExpression } from '../../shared/freshness/sla.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import { MultipleStatementsError, type Warehouse } from '../../shared/warehouse/types.js';
import { UserError, exitCodeFor } from '../../shared/errors.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';
import { SINGLE_STATEMENTS, SMUGGLED_STATEMENTS, SMUGGLING_FILTER } from './corpus.js';

async function tableExists(wh: Warehouse, name: string): Promise<boolean> {
  const { rows } = await wh.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_class WHERE relname = $1', [name]);
  return rows[0]!.n > 0;
}

function manifestWithFilter(filter: string): Manifest {
  const id = 'source.shop.raw.orders';
  return {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', project_name: 'shop' },
    nodes: {},
    sources: {
      [id]: {
        unique_id: id,
        resource_type: 'source',
        package_name: 'shop',
        name: 'orders',
        source_name: 'raw',
        database: 'unused',
        schema: 'raw',
        identifier: 'orders',
        quoting: { database: null, schema: null, identifier: null, column: null },
        loaded_at_field: 'loaded_at',
        freshness: { warn_after: { count: 1, period: 'hour' }, error_after: { count: 2, period: 'hour' }, filter },
        config: { enabled: true },
      },
    },
    macros: {},
    exposures: {},
  } as unknown as Manifest;
}

function suite(name: string, open: () => Promise<{ wh: Warehouse; done: () => Promise<void> }>, simpleProtocol: boolean) {
  describe(`single-statement execution on ${name}`, () => {
    let wh: Warehouse;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ wh, done } = await open());
      await wh.query('CREATE SCHEMA raw');
      await wh.query('CREATE TABLE raw.orders (id int, x text, loaded_at timestamptz)');
      await wh.query("INSERT INTO raw.orders VALUES (1, 'a', now() - interval '10 minutes')");
    });
    afterAll(async () => done?.());

    it('runs every legitimate single statement (semicolons in strings, names, comments, dollar quotes)', async () => {
      for (const sql of SINGLE_STATEMENTS) {
        const { rows } = await wh.queryOne<Record<string, unknown>>(sql);
        expect(rows, sql).toHaveLength(1);
      }
    });

    it('refuses every smuggled second statement, and the second statement never runs', async () => {
      for (const [i, template] of SMUGGLED_STATEMENTS.entries()) {
        const pwned = `pwned_one_${i}`;
        const err = await wh.queryOne(template.replaceAll('{pwned}', pwned)).catch((e: unknown) => e);
        expect(err, template).toBeInstanceOf(MultipleStatementsError);
        expect(exitCodeFor(err)).toBe(2);
        expect((err as Error).message).toMatch(/more than one statement/);
        expect(await tableExists(wh, pwned), template).toBe(false);
      }
    });

    // PGlite's query() already uses the extended protocol, so only the server has a simple-protocol path to prove.
    it.runIf(simpleProtocol)('the same texts through the simple protocol do run the second statement (the bypasses are real)', async () => {
      // Text inspection cannot be trusted: what the server splits on is what counts.
      let ran = 0;
      for (const [i, template] of SMUGGLED_STATEMENTS.entries()) {
        const pwned = `pwned_simple_${i}`;
        await wh.query(template.replaceAll('{pwned}', pwned)).catch(() => undefined);
        if (await tableExists(wh, pwned)) ran++;
      }
      expect(ran).toBe(SMUGGLED_STATEMENTS.length);
    });

    it('a freshness filter that passes the text check cannot run a second statement', async () => {
      const filter = SMUGGLING_FILTER.replaceAll('{pwned}', 'pwned_by_filter');
      expect(checkSqlExpression(filter)).toBeUndefined(); // the text check alone lets it through
      const report = await measureFreshness(wh, { manifest: manifestWithFilter(filter) });
      expect(await tableExists(wh, 'pwned_by_filter')).toBe(false);
      const r = report.results.find((x) => x.uniqueId === 'source.shop.raw.orders')!;
      expect(r.verdict).toBe('runtime error');
      expect(r.message).toMatch(/more than one statement/);
    });

    it('a harmless filter still measures', async () => {
      const report = await measureFreshness(wh, { manifest: manifestWithFilter("x = 'a'") });
      expect(report.results[0]!.verdict).toBe('pass');
    });
  });
}

describePg('real PostgreSQL server', () => {
  suite('the real server', async () => {
    const db = await freshPgDatabase('h8_single');
    return { wh: db.warehouse, done: db.drop };
  }, true);
});

suite('PGlite', async () => {
  const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  return { wh, done: () => wh.close() };
}, false);

describe('MultipleStatementsError', () => {
  it('is a user error with a fix', () => {
    const e = new MultipleStatementsError('cannot insert multiple commands into a prepared statement');
    expect(e).toBeInstanceOf(UserError);
    expect(e.hint).toMatch(/one SELECT/);
  });
});
