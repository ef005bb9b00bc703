import type { DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';

export type { RelationRef, CatalogRelation, CloneSql } from '../dialects/clone.js';
import type { RelationRef } from '../dialects/clone.js';

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
