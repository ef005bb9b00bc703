/** Adoption SQL for Snowflake: a cross-schema `ALTER TABLE … RENAME TO` (metadata only; one statement per table, DDL is not transactional). */
import { qualify } from '../../sql/identifiers.js';
import type { AdoptSql } from '../adopt.js';

const D = 'snowflake' as const;

export const snowflakeAdoptSql: AdoptSql = {
  moveTable: (db, from, table, to) => ({
    sql: `ALTER TABLE ${qualify(D, db, from, table)} RENAME TO ${qualify(D, db, to, table)}`,
    purpose: `adopt: move table ${from}.${table} into the blue colour schema ${to} (data and grants move with it)`,
  }),
};
