/**
 * String literals are exact under standard_conforming_strings = on AND off
 * (issue #18 item 1), on the real PostgreSQL server and on PGlite: every
 * hostile value and a property over arbitrary Unicode round-trips exactly.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteLiteral, quoteIdent } from '../../shared/sql/identifiers.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';
import { HOSTILE_LITERALS } from './corpus.js';

/** What the server can store: lone surrogates become U+FFFD on the way in (UTF-8). */
const wellFormed = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

async function roundTrip(wh: Warehouse, scs: 'on' | 'off', values: string[]): Promise<string[]> {
  return wh.withSession(async (s) => {
    await s.query(`SET standard_conforming_strings = ${scs}`);
    await s.query('SET escape_string_warning = off');
    const cols = values.map((v, i) => `${quoteLiteral(v, 'postgres')}::text AS ${quoteIdent(`v${i}`, 'postgres')}`);
    const { rows } = await s.query<Record<string, string>>(`SELECT ${cols.join(', ')}`);
    await s.query('RESET standard_conforming_strings');
    return values.map((_, i) => rows[0]![`v${i}`]!);
  });
}

function suite(name: string, open: () => Promise<{ wh: Warehouse; done: () => Promise<void> }>) {
  describe(`string literals on ${name}`, () => {
    let wh: Warehouse;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ wh, done } = await open());
    });
    afterAll(async () => done?.());

    for (const scs of ['on', 'off'] as const) {
      it(`every hostile literal comes back exactly (standard_conforming_strings = ${scs})`, async () => {
        const got = await roundTrip(wh, scs, HOSTILE_LITERALS);
        expect(got).toEqual(HOSTILE_LITERALS.map(wellFormed));
      });

      it(`arbitrary Unicode strings round-trip (standard_conforming_strings = ${scs}, property)`, async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: fc.constantFrom('\\', "'", '"', '$', ';', '-', '\n', '\r', 'E', 'x'), maxLength: 30 })), { minLength: 1, maxLength: 25 }),
            async (values) => {
              const clean = values.map((v) => v.replace(/\u0000/g, ''));
              expect(await roundTrip(wh, scs, clean)).toEqual(clean.map(wellFormed));
            },
          ),
          { numRuns: 150 },
        );
      });
    }

    it('plain doubling of quotes alone is NOT safe with standard_conforming_strings = off (why E-strings are needed)', async () => {
      const v = "\\'; SELECT 1; --";
      const naive = `'${v.replace(/'/g, "''")}'`;
      const outcome = await wh
        .withSession(async (s) => {
          await s.query('SET standard_conforming_strings = off');
          await s.query('SET escape_string_warning = off');
          try {
            const { rows } = await s.query<{ v: string }>(`SELECT ${naive}::text AS v`);
            return rows[0]!.v;
          } finally {
            await s.query('RESET standard_conforming_strings');
          }
        })
        .catch((e: Error) => `error: ${e.message}`);
      expect(outcome).not.toBe(v);
    });
  });
}

describePg('real PostgreSQL server', () => {
  suite('the real server', async () => {
    const db = await freshPgDatabase('h8_literals');
    return { wh: db.warehouse, done: db.drop };
  });
});

suite('PGlite', async () => {
  const wh = await PgliteWarehouse.open({ type: 'pglite', path: 'memory' });
  return { wh, done: () => wh.close() };
});
