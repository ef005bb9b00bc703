/**
 * `slipway state save|restore|list`: production state for slim CI, with the
 * same core as the slim-ci action. Inside GitHub Actions (cache service
 * available) the GitHub Actions cache is used; elsewhere a local folder
 * (--cache-dir, $SLIPWAY_CACHE_DIR, ~/.cache/slipway).
 */
import { Option, type Command } from 'commander';
import { UserError } from '../../errors.js';
import type { Runtime } from '../../runtime/port.js';
import { createOctokit } from '../../github/client.js';
import { parseRepo } from '../../github/pulls.js';
import type { ActionsApi } from '../../slim-ci/artifact.js';
import { defaultLocalCacheDir, LocalDirStateCache, type StateCache } from '../../slim-ci/state-cache.js';
import { DEFAULT_STATE_DIR, KEY_PREFIX } from '../../slim-ci/state-files.js';
import { restoreState, saveState } from '../../slim-ci/state.js';
import { artifactPath, handle, withArtifactOptions, withFormatOption, type ArtifactOptions } from '../common.js';
import { deprecatedOption } from '../naming.js';

type Backend = 'auto' | 'actions' | 'local';

interface CacheOptions {
  backend?: Backend;
  cacheDir?: string;
  stateDir?: string;
  stateTarget?: string;
}

/** --state-target is required; not a commander requiredOption, so that the deprecated --target can supply it. */
function stateTarget(opts: { stateTarget?: string }): string {
  if (!opts.stateTarget) throw new UserError('--state-target is required.', { hint: 'Name the production target the state belongs to, e.g. --state-target prod (the same as the slim-ci input state-target).' });
  return opts.stateTarget;
}

function withCacheOptions(cmd: Command): Command {
  deprecatedOption(cmd, '--target <name>', '--state-target');
  return cmd
    .option('--state-target <name>', 'production target the state belongs to (part of the key slipway-state-<target>-<sha>; required)')
    .option('--state-dir <dir>', 'folder state is staged in / restored into (must be the same for save and restore on GitHub)', DEFAULT_STATE_DIR)
    .addOption(new Option('--backend <backend>', 'where state is kept: actions = the GitHub Actions cache, local = a folder; auto picks actions inside a GitHub Actions job').choices(['auto', 'actions', 'local']).default('auto'))
    .option('--cache-dir <dir>', 'folder for --backend local (default: $SLIPWAY_CACHE_DIR, $XDG_CACHE_HOME/slipway or ~/.cache/slipway)');
}

async function openCache(opts: CacheOptions, rt: Runtime): Promise<StateCache> {
  const backend = opts.backend ?? 'auto';
  if (backend === 'local' || (backend === 'auto' && !process.env.ACTIONS_RUNTIME_TOKEN)) {
    return new LocalDirStateCache(opts.cacheDir ?? defaultLocalCacheDir());
  }
  // Loaded lazily: only jobs on GitHub Actions pay for @actions/cache.
  const { ActionsStateCache } = await import('../../actions-adapter/cache.js');
  if (!ActionsStateCache.available()) {
    if (backend === 'actions') {
      throw new UserError('The GitHub Actions cache service is not available here.', { hint: 'Run inside a GitHub Actions job (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL set), or use --backend local.' });
    }
    rt.info('GitHub Actions cache not available; using the local cache folder.');
    return new LocalDirStateCache(opts.cacheDir ?? defaultLocalCacheDir());
  }
  return new ActionsStateCache();
}

export function register(program: Command): void {
  const state = program
    .command('state')
    .description(`production state (manifest.json + run_results.json) for slim CI, keyed ${KEY_PREFIX}<state-target>-<sha>`);

  withFormatOption(
    withArtifactOptions(
      withCacheOptions(
        state
          .command('save')
          .description('after a successful production deploy: store the deployed manifest (and run_results.json / sources.json) under slipway-state-<target>-<sha>')
          .option('--sha <commit>', 'the deployed commit (default: $GITHUB_SHA)'),
      ),
    ),
  ).action(
    handle<CacheOptions & ArtifactOptions & { sha?: string }>(async (opts, { rt, emit }) => {
      const sha = opts.sha ?? process.env.GITHUB_SHA;
      if (!sha) throw new UserError('No commit to key the state by.', { hint: 'Pass --sha <deployed commit> (in a workflow, $GITHUB_SHA is used automatically).' });
      const cache = await openCache(opts, rt);
      const r = await saveState({
        target: stateTarget(opts),
        sha,
        manifestPath: artifactPath(opts, 'manifest'),
        runResultsPath: opts.runResults || artifactPath(opts, 'run-results'),
        sourcesPath: opts.sources,
        cache,
        stateDir: opts.stateDir,
        rt,
      });
      emit({ ...r, cache: cache.description }, (x) => `${x.saved ? 'saved' : 'already present (not overwritten)'}: ${x.key}\n  files: ${x.files.join(', ')}\n  manifest sha256: ${x.manifestSha256}\n  in: ${x.cache}`);
    }),
  );

  withFormatOption(
    withCacheOptions(
      deprecatedOption(
        state
        .command('restore')
        .description('restore the newest production state: the cache first, then the newest successful deploy-workflow run\'s artifact; exit 2 when there is none')
        .option('--prefer-sha <commit>', 'try this commit\'s state first (e.g. the PR base), then the newest')
        .option('--deploy-workflow <file>', 'deploy workflow file name or id for the artifact fallback (needs GITHUB_TOKEN)')
        .option('--state-artifact <name>', 'name of the state artifact', 'slipway-state')
        .option('--repo <owner/name>', 'repository for the artifact fallback (default: $GITHUB_REPOSITORY)')
        .option('--branch <name>', 'branch the deploy runs on (default: the repository\'s default branch)')
        .option('--live-manifest-sha <sha256>', 'the live deployment\'s manifest SHA-256; warn when the restored state differs'),
        '--artifact-name <name>',
        '--state-artifact',
      ),
    ),
  ).action(
    handle<CacheOptions & { preferSha?: string; deployWorkflow?: string; stateArtifact: string; repo?: string; branch?: string; liveManifestSha?: string }>(async (opts, { rt, emit }) => {
      const cache = await openCache(opts, rt);
      let artifact: Parameters<typeof restoreState>[0]['artifact'];
      if (opts.deployWorkflow) {
        const slug = opts.repo ?? process.env.GITHUB_REPOSITORY;
        if (!slug) throw new UserError('--deploy-workflow needs the repository.', { hint: 'Pass --repo owner/name or set GITHUB_REPOSITORY.' });
        const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
        if (!token) throw new UserError('--deploy-workflow needs a GitHub token to read workflow runs.', { hint: 'Set GITHUB_TOKEN (a token with actions: read).' });
        rt.mask(token);
        const { owner, repo } = parseRepo(slug);
        artifact = { octokit: createOctokit({ token, log: rt }) as unknown as ActionsApi, owner, repo, workflow: opts.deployWorkflow, artifactName: opts.stateArtifact, branch: opts.branch };
      }
      const r = await restoreState({ target: stateTarget(opts), cache, artifact, preferSha: opts.preferSha, stateDir: opts.stateDir, liveManifestSha: opts.liveManifestSha, onMissing: 'fail', rt });
      const out = { source: r.source, sha: r.sha, key: r.key, runId: r.runId, runUrl: r.runUrl, dir: r.dir, manifest: r.manifestPath, runResults: r.runResultsPath, manifestSha256: r.manifestSha256, liveMismatch: r.liveMismatch, description: r.description, warnings: r.warnings };
      emit(out, (x) => `restored from ${x.description}\n  into: ${x.dir}\n  manifest sha256: ${x.manifestSha256}`);
    }),
  );

  const list = withFormatOption(
    state
      .command('list')
      .description('list the entries of the local state cache (the GitHub Actions cache is listed in the repository\'s Actions → Caches page)')
      .option('--cache-dir <dir>', 'local cache folder (default: $SLIPWAY_CACHE_DIR, $XDG_CACHE_HOME/slipway or ~/.cache/slipway)')
      .option('--state-target <name>', 'only this production target'),
  );
  deprecatedOption(list, '--target <name>', '--state-target');
  list.action(
    handle<{ cacheDir?: string; stateTarget?: string }>(async (opts, { emit }) => {
      const cache = new LocalDirStateCache(opts.cacheDir ?? defaultLocalCacheDir());
      const prefix = opts.stateTarget ? `${KEY_PREFIX}${opts.stateTarget}-` : KEY_PREFIX;
      const entries = (await cache.list()).filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      emit({ dir: cache.dir, entries }, (x) => (x.entries.length ? x.entries.map((e: { key: string; createdAt: string }) => `${e.createdAt}  ${e.key}`).join('\n') : `no state in ${x.dir}`));
    }),
  );
}
