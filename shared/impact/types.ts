/**
 * The PR impact report: what a PR's build does to the data, per modified
 * model, measured inside the warehouse. Only aggregates leave it; row values
 * appear only when samples are opted in, capped, and never for sensitive
 * columns.
 */

import type { StoredRelation } from '../dialects/impact.js';

export type { StoredRelation };

/** One model to compare: the PR build's relation against production's (the deferred state manifest's). */
export interface ImpactTarget {
  uniqueId: string;
  name: string;
  /** Why it is compared: modified in the PR, or a direct child of a modified model (opt-in). */
  reason: 'modified' | 'child';
  materialized?: string;
  pr: StoredRelation;
  /** Undefined for a model production does not have yet. */
  prod?: StoredRelation;
  /** Unique key columns, and where they came from; undefined when none is known. */
  key?: { columns: string[]; from: 'constraint' | 'unique_key' | 'test' };
  /** The model's `event_time` column (config). */
  eventTime?: string;
  /** Columns whose values must never leave the warehouse (meta.sensitive, or --sensitive). */
  sensitive: string[];
  /** Contract changes between production's and the PR's manifest. */
  contract: string[];
  /** Column name → who downstream reads it (child models whose code names it, exposures). */
  downstreamUses: (column: string) => string[];
  /** Notes from planning (e.g. why it is not compared). */
  notes: string[];
  /** Set when the model cannot be compared at all (not built, ephemeral, …). */
  skip?: string;
}

export interface ColumnInfo {
  name: string;
  type: string;
  position: number;
}

export interface RelationInfo {
  columns: ColumnInfo[];
  /** The warehouse's estimate (Postgres reltuples after ANALYZE, Snowflake ROW_COUNT); undefined when unknown. */
  estimatedRows?: number;
  bytes?: number;
  kind?: string;
}

export interface ColumnImpact {
  name: string;
  /** For columns on both sides. */
  changedValues?: number;
  prodNulls?: number;
  prNulls?: number;
  prodNullRate?: number;
  prNullRate?: number;
  prodDistinct?: number;
  prDistinct?: number;
  sensitive?: boolean;
}

export interface SampleRow {
  kind: 'added' | 'removed' | 'changed';
  /** Key values (omitted when a key column is sensitive). */
  key?: Record<string, string | null>;
  /** Changed non-sensitive columns: [production, PR]. */
  values?: Record<string, [string | null, string | null]>;
}

export type ModelStatus = 'compared' | 'new' | 'skipped' | 'error';

export interface ModelImpact {
  uniqueId: string;
  name: string;
  reason: 'modified' | 'child';
  status: ModelStatus;
  prRelation: string;
  prodRelation?: string;
  notes: string[];
  schema: {
    added: { name: string; type: string }[];
    removed: { name: string; type: string; usedBy: string[] }[];
    typeChanged: { name: string; from: string; to: string }[];
    contract: string[];
  };
  rows?: {
    prod: number;
    pr: number;
    /** Whole-relation counts when an event_time window narrowed the comparison. */
    prodTotal?: number;
    prTotal?: number;
    /** The compared event_time window (text, as the warehouse printed it). */
    window?: { column: string; from: string | null; to: string | null; narrowed: boolean };
  };
  keys?: {
    columns: string[];
    from: string;
    added: number;
    removed: number;
    changed: number;
    unchanged: number;
    /** Rows beyond the first per key value, in the PR build and in production. */
    prDuplicates: number;
    prodDuplicates: number;
    /** PR rows with a NULL in any key column. */
    prNullKeys: number;
  };
  columns: ColumnImpact[];
  samples?: SampleRow[];
  /** Statements Slipway ran for this model, and their wall time. */
  cost: { statements: number; ms: number };
}

export interface CostReceipt {
  /** The tag every session of the PR carried (Snowflake QUERY_TAG / Postgres application_name). */
  tag?: string;
  slipway: { statements: number; ms: number };
  /** dbt's own time from run_results.json (sum of execution_time). */
  dbt?: { nodes: number; seconds: number };
  /** From Snowflake query history, by tag. */
  warehouse?: { source: string; queries: number; elapsedSeconds: number; executionSeconds: number; cloudServicesCredits: number; estimatedComputeCredits: number; note?: string };
  note?: string;
}

export interface GateTrip {
  rule: string;
  model: string;
  message: string;
}

export interface ImpactReport {
  dialect: string;
  models: ModelImpact[];
  receipt: CostReceipt;
  gate: { rules: string[]; passed: boolean; tripped: GateTrip[] };
}
