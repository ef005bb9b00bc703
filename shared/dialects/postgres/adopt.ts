/** Adoption SQL for PostgreSQL: `ALTER TABLE … SET SCHEMA` (transactional; indexes, owned sequences and grants move with the table). */
import { qualify, quoteIdent } from '../../sql/identifiers.js';
import type { AdoptSql } from '../adopt.js';

const D = 'postgres' as const;

export const postgresAdoptSql: AdoptSql = {
  moveTable: (_db, from, table, to) => ({
    sql: `ALTER TABLE ${qualify(D, from, table)} SET SCHEMA ${quoteIdent(to, D)}`,
    purpose: `adopt: move table ${from}.${table} into the blue colour schema ${to} (data and grants move with it)`,
  }),
};
