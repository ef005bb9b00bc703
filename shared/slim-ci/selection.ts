/**
 * The one place slim CI touches the selection engine (shared/dbt/selection),
 * so the orchestration can be handed another implementation in tests.
 */
import type { Manifest, RunResults, SourcesArtifact } from '../dbt/artifacts.js';
import { selectNodes } from '../dbt/selection/index.js';

export interface SelectionInput {
  manifest: Manifest;
  /** Absent for a full build (no production state). */
  state?: Manifest;
  stateRunResults?: RunResults;
  stateSources?: SourcesArtifact;
  currentSources?: SourcesArtifact;
  select?: string[];
  exclude?: string[];
}

export interface SelectionOutput {
  /** Sorted unique ids. */
  selected: string[];
  /** unique id → reasons (body, configs, relation, persisted_descriptions, macros, contract, new). */
  modified: Record<string, string[]>;
  /** Of `selected`, what `dbt build` would execute (when the engine knows). */
  runnable?: string[];
  /** Selected only through a graph operator. */
  downstream?: string[];
  /** Tests added by indirect selection. */
  tests?: string[];
  warnings?: { message: string }[];
}

export type SelectFn = (input: SelectionInput) => SelectionOutput | Promise<SelectionOutput>;

export const defaultSelect: SelectFn = (input) => {
  const r = selectNodes(input);
  return { selected: r.selected, modified: r.modified, runnable: r.runnable, downstream: r.downstream, tests: r.tests, warnings: r.warnings };
};
