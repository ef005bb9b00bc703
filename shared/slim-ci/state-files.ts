/** The files a saved production state holds (only manifest.json is required). */
export const STATE_FILES = ['manifest.json', 'run_results.json', 'sources.json', 'slipway-state.json'] as const;

/** Metadata written beside the manifest when state is saved. */
export interface StateMetadata {
  target: string;
  sha: string;
  savedAt: string;
  manifestSha256: string;
  projectName?: string;
  dbtVersion?: string;
}

/** The fixed folder (relative to the workspace) state is saved from and restored into; @actions/cache needs identical paths. */
export const DEFAULT_STATE_DIR = '.slipway/state';

export const KEY_PREFIX = 'slipway-state-';
