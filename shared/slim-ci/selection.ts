/**
 * The one place slim CI touches the selection engine (shared/dbt/selection),
 * so the orchestration can be handed another implementation in tests.
 */
import type { Manifest, RunResults, SourcesArtifact } from '../dbt/artifacts.js';
import { parseSelectors, selectNodes, type SelectionRequest } from '../dbt/selection/index.js';

/** What slim CI hands the selection engine (state absent for a full build). */
export type SelectionInput = Pick<SelectionRequest, 'manifest' | 'state' | 'stateRunResults' | 'stateSources' | 'currentSources' | 'select' | 'exclude' | 'resourceTypes' | 'excludeResourceTypes'>;

export interface SelectionOutput {
  /** Sorted unique ids. */
  selected: string[];
  /** unique id → reasons (body, configs, relation, persisted_descriptions, macros, contract, new). */
  modified: Record<string, string[]>;
  /** For modified nodes changed in their config: which keys (when the engine knows). */
  changedConfigs?: Record<string, string[]>;
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
  return { selected: r.selected, modified: r.modified, changedConfigs: r.changedConfigs, runnable: r.runnable, downstream: r.downstream, tests: r.tests, warnings: r.warnings };
};

/**
 * Check the selectors' syntax and methods without a manifest, so a typo is
 * refused (exit 2) before dbt starts, as dbt itself would refuse it.
 */
export function checkSelectors(select: string[], exclude: string[]): void {
  parseSelectors(select, '--select');
  parseSelectors(exclude, '--exclude');
}

/**
 * The --resource-type / --exclude-resource-type values a user put in the dbt
 * command (`dbt build --exclude-resource-type unit_test`), so the report
 * selects what that command builds. dbt takes each flag repeated or with
 * several space-separated values.
 */
export function resourceTypeFlags(words: string[]): { resourceTypes?: string[]; excludeResourceTypes?: string[] } {
  const pick = (flags: string[]): string[] | undefined => {
    const out: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const eq = w.indexOf('=');
      if (eq > 0 && flags.includes(w.slice(0, eq))) {
        out.push(w.slice(eq + 1));
        continue;
      }
      if (!flags.includes(w)) continue;
      while (i + 1 < words.length && !words[i + 1]!.startsWith('-')) out.push(words[++i]!);
    }
    return out.length ? out : undefined;
  };
  return { resourceTypes: pick(['--resource-type', '--resource-types']), excludeResourceTypes: pick(['--exclude-resource-type', '--exclude-resource-types']) };
}
