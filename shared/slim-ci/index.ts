/** Slim CI: production state (save/restore with fallbacks), dbt orchestration and the report. */
export { runSlimCi, DEFAULT_SELECT, type SlimCiOptions, type SlimCiResult } from './run.js';
export { restoreState, saveState, stateKey, stateKeyPrefix, sha256File, type RestoreStateOptions, type RestoredState, type SaveStateOptions, type SaveStateResult, type StateSource, type OnMissingState } from './state.js';
export { LocalDirStateCache, defaultLocalCacheDir, type StateCache } from './state-cache.js';
export { fetchStateArtifact, type ArtifactFallbackOptions, type ActionsApi } from './artifact.js';
export { DEFAULT_STATE_DIR, KEY_PREFIX, STATE_FILES, type StateMetadata } from './state-files.js';
export { renderReport, renderForComment, renderForSummary, COMMENT_MARKER, type ReportInput } from './report.js';
export { parseDbtCommand, splitWords, runProgram, type DbtCommand } from './dbt.js';
export { liveManifestSha, type LiveShaOptions } from './live.js';
