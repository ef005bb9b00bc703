/**
 * Every hostile name of the corpus, quoted by shared/sql/identifiers.ts, is a
 * name on the real server and on PGlite: a schema and a table are created
 * with it and read back exactly; over-long, empty and NUL names are refused
 * (never truncated); on Snowflake every quoted name and literal parses as one
 * statement in sqlfluff's independent grammar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../shared/errors.js';
import { qualify, quoteIdent, quoteLiteral } from '../../shared/sql/identifiers.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';
import { describeSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';
import { HOSTILE_LITERALS, HOSTILE_NAMES, REFUSED_NAMES } from './corpus.js';

function suite(name: string, open: () => Promise<{ wh: Warehouse; done: () => Promise<void> }>) {
  describe(`hostile names on ${name}`, () => {
    let wh: Warehouse;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ wh, done } = await open());
    });
    afterAll(async () => done?.());

    it('each becomes exactly that schema and table name', async () => {
      for (const n of HOSTILE_NAMES) {
        await wh.query(`CREATE SCHEMA ${quoteIdent(n, 'postgres')}`);
        await wh.query(`CREATE TABLE ${qualify('postgres', n, n)} (v text)`);
        const { rows } = await wh.query<{ s: string; t: string }>(
          'SELECT n.nspname AS s, c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = $2',
          [n, 'r'],
        );
        expect(rows, JSON.stringify(n)).toEqual([{ s: n, t: n }]);
      }
      const { rows } = await wh.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class WHERE relname = 'victim' OR relname = 'students'`);
      expect(rows[0]!.n).toBe(0);
    });
  });
}

describePg('real PostgreSQL server', () => {
  suite('the real server', async () => {
    const db = await freshPgDatabase('h8_idents');
    return { wh: db.warehouse, done: db.drop };
  });
});

suite('PGlite', async () => {
  const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  return { wh, done: () => wh.close() };
});

describe('names that must be refused', () => {
  it('are UserErrors in both dialects, never truncated', () => {
    for (const { name, why } of REFUSED_NAMES) {
      expect(() => quoteIdent(name, 'postgres'), why).toThrow(UserError);
    }
    expect(() => quoteIdent('', 'snowflake')).toThrow(UserError);
    expect(() => quoteIdent('nul\u0000', 'snowflake')).toThrow(UserError);
    expect(() => quoteIdent('x'.repeat(256), 'snowflake')).toThrow(/255/);
    expect(quoteIdent('x'.repeat(255), 'snowflake')).toHaveLength(257);
  });
});

describeSqlfluff('Snowflake grammar (sqlfluff)', () => {
  // sqlfluff's Snowflake lexer (Debian's) does not accept "" or a backslash inside a quoted
  // identifier, which Snowflake does; those names are left to the server-side tests above.
  it('parses each hostile name and literal as one statement', () => {
    const statements = HOSTILE_NAMES.filter((n) => !/["\\]/.test(n)).map((n, i) => `SELECT ${quoteLiteral(HOSTILE_LITERALS[i % HOSTILE_LITERALS.length]!.replace(/\ud83d(?![\udc00-\udfff])/g, ''), 'snowflake')} AS v FROM ${qualify('snowflake', 'DB', n, n)}`);
    expect(unparsableSnowflake(statements)).toEqual([]);
  });
});
