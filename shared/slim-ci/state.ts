/**
 * Production state for slim CI: save after a deploy, restore on a PR through
 * a fallback chain, and refuse (never silently full-build) when there is none.
 *
 *   1. cache: exact key `slipway-state-<target>-<base sha>`, else the newest
 *      entry with prefix `slipway-state-<target>-`;
 *   2. artifact: the newest successful run of the deploy workflow on the
 *      default branch that still has the state artifact;
 *   3. nothing: a UserError saying how to seed state, unless the caller
 *      opted into a full build (`on-missing-state: full-build`).
 *
 * State follows LIVE: every save is also stored under the manifest's SHA-256
 * (`slipway-live-state-<target>-<sha256>`). When the caller knows the manifest
 * of the deploy consumers read (DEPLOY_STATE's LIVE row), that entry is
 * restored first, and the artifact fallback prefers the run whose manifest it
 * is. After a rollback the newest commit's state is the rolled-back deploy's,
 * so going by commit alone would compare PRs (and --defer) against a build
 * production no longer runs.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import { loadManifest, type Manifest } from '../dbt/artifacts.js';
import type { StateCache } from './state-cache.js';
import { fetchStateArtifact, type ArtifactFallbackOptions } from './artifact.js';
import { DEFAULT_STATE_DIR, KEY_PREFIX, STATE_FILES, type StateMetadata } from './state-files.js';

export type StateSource = 'cache' | 'artifact' | 'none';
export type OnMissingState = 'fail' | 'full-build';

const TARGET_RE = /^[A-Za-z0-9_.-]{1,100}$/;
const SHA_RE = /^[0-9a-fA-F]{7,64}$/;

export function checkTarget(target: string): string {
  if (!TARGET_RE.test(target)) {
    throw new UserError(`The state target '${target}' is not usable in a cache key.`, {
      hint: 'Use the dbt target name (letters, digits, _ . -), e.g. --target prod.',
    });
  }
  return target;
}

/** `slipway-state-<target>-<sha>` */
export function stateKey(target: string, sha: string): string {
  checkTarget(target);
  if (!SHA_RE.test(sha)) throw new UserError(`'${sha}' is not a commit SHA.`, { hint: 'Pass the deployed commit, e.g. --sha "$GITHUB_SHA".' });
  return `${KEY_PREFIX}${target}-${sha.toLowerCase()}`;
}

export function stateKeyPrefix(target: string): string {
  return `${KEY_PREFIX}${checkTarget(target)}-`;
}

const MANIFEST_SHA_RE = /^[0-9a-fA-F]{64}$/;

/** `slipway-live-state-<target>-<manifest sha256>`: the same state, found by the manifest DEPLOY_STATE records as LIVE. */
export function manifestStateKey(target: string, manifestSha256: string): string {
  checkTarget(target);
  if (!MANIFEST_SHA_RE.test(manifestSha256)) {
    throw new UserError(`'${manifestSha256}' is not a manifest SHA-256 (64 hex digits).`, { hint: 'Pass the manifest_sha256 DEPLOY_STATE recorded for the live deploy (`slipway deploy status --format json`).' });
  }
  return `slipway-live-state-${target}-${manifestSha256.toLowerCase()}`;
}

/** SHA-256 of a file, streamed (manifests can exceed what one string or buffer should hold). */
export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export interface SaveStateOptions {
  target: string;
  /** The deployed commit. */
  sha: string;
  manifestPath: string;
  runResultsPath?: string;
  sourcesPath?: string;
  cache: StateCache;
  /** Staging folder (must equal the restore folder for @actions/cache). Default `.slipway/state`. */
  stateDir?: string;
  rt: Runtime;
}

export interface SaveStateResult {
  key: string;
  saved: boolean;
  /** The second key of the same state, by manifest SHA-256 (what a restore after a rollback looks for). */
  manifestKey: string;
  manifestSha256: string;
  files: string[];
  dir: string;
}

/** Validate the manifest, stage it (plus run_results/sources and metadata) and store it under the state key. */
export async function saveState(opts: SaveStateOptions): Promise<SaveStateResult> {
  const key = stateKey(opts.target, opts.sha);
  const manifest = await loadManifest(opts.manifestPath); // refuses a malformed / unsupported manifest before anything is stored
  const dir = opts.stateDir ?? DEFAULT_STATE_DIR;
  await clearStateFiles(dir);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  await copyFile(opts.manifestPath, join(dir, 'manifest.json'));
  files.push('manifest.json');
  for (const [src, name] of [
    [opts.runResultsPath, 'run_results.json'],
    [opts.sourcesPath, 'sources.json'],
  ] as const) {
    if (!src) continue;
    if (!(await isFile(src))) {
      opts.rt.warn(`${src} does not exist; saving state without ${name}.`);
      continue;
    }
    await copyFile(src, join(dir, name));
    files.push(name);
  }
  const manifestSha256 = await sha256File(join(dir, 'manifest.json'));
  const meta: StateMetadata = {
    target: opts.target,
    sha: opts.sha.toLowerCase(),
    savedAt: new Date().toISOString(),
    manifestSha256,
    projectName: manifest.metadata.project_name,
    dbtVersion: manifest.metadata.dbt_version,
  };
  await writeFile(join(dir, 'slipway-state.json'), JSON.stringify(meta, null, 2) + '\n');
  files.push('slipway-state.json');
  const saved = await opts.cache.save([dir], key);
  if (saved) opts.rt.info(`Saved production state for target ${opts.target} at ${meta.sha.slice(0, 12)} to the ${opts.cache.description} as ${key}.`);
  else opts.rt.info(`State ${key} was not saved: an entry with that key already exists in the ${opts.cache.description} (entries are immutable).`);
  // The same files by manifest: a rerun or a rollback finds them by what DEPLOY_STATE calls LIVE. Immutable too, and identical when it exists.
  const manifestKey = manifestStateKey(opts.target, manifestSha256);
  if (await opts.cache.save([dir], manifestKey)) opts.rt.info(`Also saved it as ${manifestKey}, for slim CI after a rollback to this deploy.`);
  return { key, saved, manifestKey, manifestSha256, files, dir };
}

export interface RestoreStateOptions {
  target: string;
  cache?: StateCache;
  /** Try this commit's state first (a PR's base SHA); then the newest by prefix. */
  preferSha?: string;
  artifact?: ArtifactFallbackOptions;
  onMissing: OnMissingState;
  /** Where state is restored (default `.slipway/state`). */
  stateDir?: string;
  /** SHA-256 of the manifest the live deployment recorded (DEPLOY_STATE); a mismatch is warned about. */
  liveManifestSha?: string;
  rt: Runtime;
}

export interface RestoredState {
  source: StateSource;
  /** Folder holding manifest.json (and run_results.json / sources.json when saved); undefined when source is none. */
  dir?: string;
  manifestPath?: string;
  runResultsPath?: string;
  sourcesPath?: string;
  manifest?: Manifest;
  /** The commit the state was saved from. */
  sha?: string;
  /** Cache key that matched (source cache). */
  key?: string;
  /** Deploy workflow run the artifact came from (source artifact). */
  runId?: number;
  runUrl?: string;
  savedAt?: string;
  manifestSha256?: string;
  /** True when a live manifest SHA was given and differs from the restored one. */
  liveMismatch?: boolean;
  /** True when the restored manifest is the one DEPLOY_STATE records for the live deploy (found by its SHA-256). */
  followsLive?: boolean;
  /** One sentence for logs and the report. */
  description: string;
  /** Problems met on the way (a damaged cache entry, a missing permission). */
  warnings: string[];
}

/** Restore production state through the fallback chain (see the file comment). */
export async function restoreState(opts: RestoreStateOptions): Promise<RestoredState> {
  const rt = opts.rt;
  const dir = resolve(opts.stateDir ?? DEFAULT_STATE_DIR);
  const prefix = stateKeyPrefix(opts.target);
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    rt.warn(m);
  };

  const live = opts.liveManifestSha && MANIFEST_SHA_RE.test(opts.liveManifestSha) ? opts.liveManifestSha.toLowerCase() : undefined;
  if (opts.liveManifestSha && !live) warn(`The live manifest SHA-256 '${opts.liveManifestSha.slice(0, 80)}' is not 64 hex digits; restoring by commit only.`);

  // 0. the live deploy's own state, by manifest SHA-256 (state follows LIVE, e.g. after a rollback)
  if (opts.cache && live) {
    await clearStateFiles(dir);
    const key = manifestStateKey(opts.target, live);
    let hit: string | undefined;
    try {
      hit = await opts.cache.restore([opts.stateDir ?? DEFAULT_STATE_DIR], key, []);
    } catch (err) {
      warn(`Restoring the live deploy's state from the ${opts.cache.description} failed: ${(err as Error).message}`);
    }
    if (hit) {
      const st = await readState(dir, 'cache', warn);
      if (st) {
        const sha = st.meta?.sha ?? 'unknown';
        return finish(opts, {
          ...st.files,
          manifest: st.manifest,
          source: 'cache',
          dir,
          sha,
          key: hit,
          savedAt: st.meta?.savedAt,
          description: `${opts.cache.description}, key ${hit}: the manifest of the live deploy (commit ${sha.slice(0, 12)})`,
          warnings,
        });
      }
    } else {
      rt.info(`No state in the ${opts.cache.description} for the live deploy's manifest (${key}); trying by commit.`);
    }
  }

  // 1. cache
  if (opts.cache) {
    await clearStateFiles(dir);
    const primary = opts.preferSha && SHA_RE.test(opts.preferSha) ? stateKey(opts.target, opts.preferSha) : prefix;
    let key: string | undefined;
    try {
      key = await opts.cache.restore([opts.stateDir ?? DEFAULT_STATE_DIR], primary, [prefix]);
    } catch (err) {
      warn(`Restoring state from the ${opts.cache.description} failed: ${(err as Error).message}`);
    }
    if (key) {
      const st = await readState(dir, 'cache', warn);
      if (st) {
        const sha = st.meta?.sha ?? key.slice(prefix.length);
        return finish(opts, {
          ...st.files,
          manifest: st.manifest,
          source: 'cache',
          dir,
          sha,
          key,
          savedAt: st.meta?.savedAt,
          description: `${opts.cache.description}, key ${key} (commit ${sha.slice(0, 12)})`,
          warnings,
        });
      }
    } else {
      rt.info(`No state in the ${opts.cache.description} for key prefix ${prefix}.`);
    }
  }

  // 2. artifact of the deploy workflow
  if (opts.artifact) {
    await clearStateFiles(dir);
    const got = await fetchStateArtifact(
      { ...opts.artifact, ...(live ? { prefer: async (d: string) => (await isFile(join(d, 'manifest.json'))) && (await sha256File(join(d, 'manifest.json'))) === live } : {}) },
      dir,
      rt,
    );
    if (got) {
      const st = await readState(dir, 'artifact', warn);
      if (st) {
        const sha = got.sha;
        return finish(opts, {
          ...st.files,
          manifest: st.manifest,
          source: 'artifact',
          dir,
          sha,
          runId: got.runId,
          runUrl: got.runUrl,
          savedAt: st.meta?.savedAt,
          description: `artifact ${opts.artifact.artifactName} of ${opts.artifact.workflow} run ${got.runNumber !== undefined ? `#${got.runNumber}` : got.runId} on ${got.branch} (commit ${sha.slice(0, 12)})`,
          warnings,
        });
      }
    }
  }

  // 3. nothing
  const tried = [
    opts.cache ? `the ${opts.cache.description} (key prefix ${prefix})` : undefined,
    opts.artifact ? `artifact ${opts.artifact.artifactName} of the newest successful ${opts.artifact.workflow} runs on ${opts.artifact.branch ?? 'the default branch'}` : undefined,
  ].filter(Boolean);
  const where = tried.length ? `Looked in ${tried.join(' and ')}.` : 'No state source was configured.';
  if (opts.onMissing === 'full-build') {
    const m = `No production state for target ${opts.target}: building EVERYTHING (on-missing-state: full-build). ${where}`;
    warn(m);
    return { source: 'none', description: 'none: full build (on-missing-state: full-build)', warnings };
  }
  throw new UserError(`No production state found for target ${opts.target}, so slim CI cannot tell what changed. ${where} Nothing was run.`, {
    hint:
      (rt.kind === 'github-actions'
        ? `Seed state once: at the end of the production deploy workflow on the default branch, add the slim-ci action with \`mode: save-state\` and \`state-target: ${opts.target}\` (it stores target/manifest.json in the cache as ${prefix}<sha>)`
        : `Seed state once: after a successful production deploy of ${opts.target}, run \`slipway state save --state-target ${opts.target} --sha <deployed commit>\` (it stores target/manifest.json as ${prefix}<sha>)`) +
      (opts.artifact ? `, or upload target/manifest.json as an artifact named ${opts.artifact.artifactName} from ${opts.artifact.workflow}` : '') +
      '. To build everything this once instead, set on-missing-state: full-build.',
  });
}

function finish(opts: RestoreStateOptions, st: RestoredState & { manifestPath?: string }): Promise<RestoredState> {
  return (async () => {
    if (st.manifestPath) st.manifestSha256 = await sha256File(st.manifestPath);
    if (opts.liveManifestSha && st.manifestSha256) {
      st.liveMismatch = opts.liveManifestSha.toLowerCase() !== st.manifestSha256;
      st.followsLive = !st.liveMismatch;
      if (st.liveMismatch) {
        const m = `The restored state (manifest sha256 ${st.manifestSha256.slice(0, 12)}…) is not what is live: DEPLOY_STATE's LIVE deploy recorded ${opts.liveManifestSha.slice(0, 12)}…, and no saved state has that manifest (cache key slipway-live-state-${opts.target}-<sha256>, nor a recent deploy artifact). Selection and --defer compare against the restored state; save state after each deploy (save-state stores it under both keys) to keep them in step.`;
        st.warnings.push(m);
        opts.rt.warn(m);
      }
    }
    opts.rt.info(`Production state: ${st.description}.`);
    return st;
  })();
}

async function readState(
  dir: string,
  source: string,
  warn: (m: string) => void,
): Promise<{ manifest: Manifest; meta?: StateMetadata; files: { manifestPath: string; runResultsPath?: string; sourcesPath?: string } } | undefined> {
  const manifestPath = join(dir, 'manifest.json');
  let manifest: Manifest;
  try {
    manifest = await loadManifest(manifestPath);
  } catch (err) {
    warn(`The state restored from the ${source} is unusable and was skipped: ${(err as Error).message}`);
    return undefined;
  }
  let meta: StateMetadata | undefined;
  try {
    meta = JSON.parse(await readFile(join(dir, 'slipway-state.json'), 'utf8')) as StateMetadata;
  } catch {
    meta = undefined;
  }
  const files = {
    manifestPath,
    runResultsPath: (await isFile(join(dir, 'run_results.json'))) ? join(dir, 'run_results.json') : undefined,
    sourcesPath: (await isFile(join(dir, 'sources.json'))) ? join(dir, 'sources.json') : undefined,
  };
  return { manifest, meta, files };
}

async function clearStateFiles(dir: string): Promise<void> {
  for (const f of STATE_FILES) await rm(join(dir, f), { force: true });
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
