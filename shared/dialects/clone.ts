/**
 * The SQL a slim deploy needs, one implementation per dialect
 * (`snowflake/clone.ts`, `postgres/clone.ts`). shared/slim-deploy decides
 * what is cloned; these modules only say how it is spelled.
 */
import type { DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';

/** A relation by its catalog-stored names (already resolved; quoted by the dialect). */
export interface RelationRef {
  database?: string;
  schema: string;
  name: string;
}

/** One row of `listTables`: what a colour schema holds. */
export interface CatalogRelation {
  name: string;
  kind: 'table' | 'view' | 'other';
  /** Snowflake transient table (must be cloned as transient). */
  transient: boolean;
  /** View text, when the dialect reads it (used to tell whether the idle colour's view is current). */
  definition?: string | null;
}

export interface CloneSql {
  readonly dialect: DialectName;
  /** Zero-copy table clones exist on this warehouse. */
  readonly canClone: boolean;
  /** name, kind ('table' | 'view' | 'other'), transient rows for one schema. */
  listTables(database: string | undefined, schema: string): Statement;
  /** name, definition rows: the text of every view of one schema (optional per dialect). */
  viewDefinitions?(database: string | undefined, schema: string): Statement;
  /** `CREATE OR REPLACE [TRANSIENT] TABLE <to> CLONE <from>`. */
  cloneTable(from: RelationRef, to: RelationRef, transient: boolean): Statement;
}
