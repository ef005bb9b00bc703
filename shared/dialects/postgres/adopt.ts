/** Adoption SQL for PostgreSQL: `ALTER TABLE … SET SCHEMA` (transactional; indexes, owned sequences and grants move with the table). */
import { qualify, quoteIdent } from '../../sql/identifiers.js';
import type { AdoptSql } from '../adopt.js';

const D = 'postgres' as const;

export const postgresAdoptSql: AdoptSql = {
  moveTable: (_db, from, table, to) => ({
    sql: `ALTER TABLE ${qualify(D, from, table)} SET SCHEMA ${quoteIdent(to, D)}`,
    purpose: `adopt: move table ${from}.${table} into the blue colour schema ${to} (data, indexes, owned sequences and grants move with it)`,
  }),
  ownedSequences: (_db, schema) => ({
    sql: `SELECT seq.relname AS name
FROM pg_class AS seq
JOIN pg_namespace AS ns ON ns.oid = seq.relnamespace
JOIN pg_depend AS dep ON dep.classid = 'pg_class'::regclass AND dep.objid = seq.oid AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
JOIN pg_class AS owner ON owner.oid = dep.refobjid AND owner.relnamespace = seq.relnamespace AND owner.relkind IN ('r', 'p')
WHERE ns.nspname = $1 AND seq.relkind = 'S'
ORDER BY 1`,
    binds: [schema],
    purpose: `sequences in ${schema} owned by its tables (they move with their table)`,
  }),
};
