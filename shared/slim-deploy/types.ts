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

/** The SQL a slim deploy needs, per dialect (shared/dialects/<dialect>/clone.ts). */
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

export interface PlannedClone {
  /** unique_id of the dbt node the table belongs to. */
  node: string;
  from: RelationRef;
  to: RelationRef;
  transient: boolean;
}

export interface SlimBuild {
  /** `dbt build --select …` arguments (run with `--state <dir of the live manifest and previous sources.json>`). */
  select: string[];
  /** What that selection builds (unique ids of runnable nodes, as dbt would select them). */
  nodes: string[];
  /** Of `nodes`: the ones modified against the live manifest themselves (state:modified, without their children). */
  modified: string[];
  /** Of `nodes`: downstream of a source with newer data (source_status:fresher+), scheduled refresh only. */
  fresher: string[];
  /** Nodes built because they are not cloned: views whose idle copy is missing or out of date, tables missing from the live colour, other materializations. */
  notCloned: { node: string; why: string }[];
}

export interface SlimPlan {
  /** slim: clone then build a selection; full: build everything (no clone support, or nothing live to start from). */
  mode: 'slim' | 'full';
  /** Why full, or a one-line summary of the slim plan. */
  reason: string;
  dialect: DialectName;
  liveColourSuffix: string;
  idleColourSuffix: string;
  /** Colour schema pairs the plan touches: live → idle (catalog names). */
  schemas: { database?: string; live: string; idle: string }[];
  clones: PlannedClone[];
  /** The clone statements, in order (empty for a full build). */
  statements: Statement[];
  build: SlimBuild;
  /** Refresh: scheduled run (state:modified+ plus source_status:fresher+). */
  refresh: boolean;
  warnings: string[];
  /** Nodes in the live colour's manifest that are gone from the new one: their tables stay where they are (Slipway drops nothing it did not create). */
  removed: string[];
}

/** What DEPLOY_STATE records about a slim deploy (one event row; see recordSlimDeploy). */
export interface SlimDeployRecord {
  mode: 'slim' | 'full';
  reason: string;
  cloned: string[];
  built: string[];
  select: string[];
  refresh: boolean;
  /** Clone statements that ran, and how long they took. */
  statementsRun: number;
  seconds: number;
}
