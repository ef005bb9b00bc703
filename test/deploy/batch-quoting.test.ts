/**
 * Postgres deploy statements are sent in DO blocks; a name that contains the
 * block's own dollar-quote tag must not close it early and run what follows.
 */
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { postgresDeploySql } from '../../shared/dialects/postgres/deploy.js';
import { quoteIdent } from '../../shared/sql/identifiers.js';

describe('batched deploy statements on Postgres', () => {
  it('a schema named with $slipway$ and SQL after it is created as named, and nothing else runs', async () => {
    const db = new PGlite();
    const hostile = 'x$slipway$; CREATE TABLE pwned (id int); DO $slipway$ BEGIN END';
    const stmts = [
      { sql: `CREATE SCHEMA ${quoteIdent(hostile, 'postgres')}` },
      { sql: `CREATE TABLE ${quoteIdent(hostile, 'postgres')}.t (id int)` },
      { sql: `CREATE SCHEMA ${quoteIdent('plain', 'postgres')}` },
    ];
    const batched = postgresDeploySql.batch(stmts);
    expect(batched).toHaveLength(1);
    expect(batched[0]!.sql).toMatch(/^DO \$slipway_\d+\$/); // a tag no statement contains
    for (const b of batched) await db.query(b.sql);
    const schemas = (await db.query<{ n: string }>(`SELECT nspname AS n FROM pg_namespace WHERE nspname IN ($1, 'plain') ORDER BY 1`, [hostile])).rows.map((r) => r.n);
    expect(schemas.sort()).toEqual(['plain', hostile].sort());
    const pwned = await db.query(`SELECT 1 FROM pg_class WHERE relname = 'pwned'`);
    expect(pwned.rows).toEqual([]);
    await db.close();
  });
});
