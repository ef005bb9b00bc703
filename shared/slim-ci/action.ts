/**
 * The body of actions/slim-ci, free of @actions/*: the entry passes the
 * runtime, the inputs, the event context and the GitHub Actions cache, so
 * tests can drive it with fakes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventContext } from '../actions-adapter/context.js';
import type { Inputs } from '../actions-adapter/runtime.js';
import { UserError } from '../errors.js';
import { createOctokit } from '../github/client.js';
import { createReporterFromToken } from '../github/reporter.js';
import type { GitHubReporter } from '../github/types.js';
import type { Runtime } from '../runtime/port.js';
import type { ActionsApi } from './artifact.js';
import { liveManifestSha } from './live.js';
import { COMMENT_MARKER } from './report.js';
import { runSlimCi, type SlimCiResult } from './run.js';
import type { StateCache } from './state-cache.js';
import { DEFAULT_STATE_DIR } from './state-files.js';
import { saveState, type OnMissingState, type SaveStateResult } from './state.js';

export interface SlimCiActionDeps {
  /** The GitHub Actions cache (undefined when the runner has no cache service). */
  cache?: StateCache;
  /** Tests: replace the Octokit used for the artifact fallback. */
  octokit?: ActionsApi;
  /** Tests: replace the reporter used for the sticky comment. */
  reporter?: GitHubReporter;
  env?: NodeJS.ProcessEnv;
  /** Tests: replace the DEPLOY_STATE lookup. */
  liveSha?: typeof liveManifestSha;
}

/** dbt selector words: split on whitespace and newlines only (a comma is dbt's intersection operator and must stay). */
export function selectorWords(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const words = value.split(/\s+/).filter(Boolean);
  return words.length ? words : undefined;
}

function onMissing(value: string | undefined): OnMissingState {
  const v = (value ?? 'fail').trim().toLowerCase();
  if (v === 'fail' || v === 'full-build') return v;
  throw new UserError(`Input on-missing-state must be fail or full-build, got '${value}'.`, {
    hint: 'fail (the default) refuses to run without production state; full-build builds everything and says so in the report.',
  });
}

export type SlimCiMode = 'check' | 'save-state';

function mode(value: string | undefined): SlimCiMode {
  const v = (value ?? 'check').trim().toLowerCase();
  if (v === 'check' || v === 'save-state') return v;
  throw new UserError(`Input mode must be check or save-state, got '${value}'.`, {
    hint: 'check (the default) runs slim CI on a pull request; save-state stores the production manifest after a deploy.',
  });
}

/** The action: `mode: check` (slim CI on a PR) or `mode: save-state` (after a production deploy). */
export async function slimCiAction(rt: Runtime, inputs: Inputs, event: EventContext, deps: SlimCiActionDeps): Promise<SlimCiResult | SaveStateResult> {
  if (mode(inputs.get('mode')) === 'save-state') return saveStateAction(rt, inputs, event, deps);
  return checkAction(rt, inputs, event, deps);
}

/** `mode: save-state`: store <project-dir>/target/manifest.json (+ run_results.json, sources.json) as slipway-state-<state-target>-<sha>. */
export async function saveStateAction(rt: Runtime, inputs: Inputs, event: EventContext, deps: SlimCiActionDeps): Promise<SaveStateResult> {
  if (!deps.cache) {
    throw new UserError('The GitHub Actions cache service is not available on this runner, so state cannot be saved to it.', {
      hint: 'Upload target/manifest.json as an artifact instead (actions/upload-artifact, name slipway-state) and set deploy-workflow on the slim CI step.',
    });
  }
  if (event.pullRequest) rt.warn('Saving state from a pull request run: caches written on a PR branch are not readable from other PRs. Save state from the deploy workflow on the default branch.');
  const projectDir = inputs.get('project-dir') ?? '.';
  const targetDir = join(projectDir, 'target');
  const sourcesPath = join(targetDir, 'sources.json');
  const r = await saveState({
    target: inputs.get('state-target') ?? 'prod',
    sha: inputs.get('sha') ?? event.sha,
    manifestPath: inputs.get('manifest') ?? join(targetDir, 'manifest.json'),
    runResultsPath: join(targetDir, 'run_results.json'),
    sourcesPath: existsSync(sourcesPath) ? sourcesPath : undefined,
    cache: deps.cache,
    stateDir: DEFAULT_STATE_DIR,
    rt,
  });
  rt.setOutput('state-key', r.key);
  rt.setOutput('state-sha', (inputs.get('sha') ?? event.sha).toLowerCase());
  await rt.appendSummary(
    `### Slipway: production state saved\n\n${r.saved ? 'Saved' : 'Already present (entries are immutable)'}: \`${r.key}\` (${r.files.join(', ')}; manifest sha256 \`${r.manifestSha256.slice(0, 16)}…\`).\n`,
  );
  return r;
}

async function checkAction(rt: Runtime, inputs: Inputs, event: EventContext, deps: SlimCiActionDeps): Promise<SlimCiResult> {
  const token = inputs.get('github-token');
  if (token) rt.mask(token);
  const deployWorkflow = inputs.get('deploy-workflow');
  const artifactName = inputs.get('state-artifact') ?? 'slipway-state';
  const comment = inputs.bool('comment', true);
  const onMissingState = onMissing(inputs.get('on-missing-state'));
  const { owner, repo } = event.repo;

  if (!deps.cache) rt.warn('The GitHub Actions cache service is not available on this runner; production state can only come from the deploy workflow artifact.');

  let artifact: Parameters<typeof runSlimCi>[0]['state']['artifact'];
  if (deployWorkflow) {
    if (!owner || !repo) throw new UserError('deploy-workflow needs the repository of this run, but GITHUB_REPOSITORY is not set.', { hint: 'Run the action inside GitHub Actions.' });
    if (!token && !deps.octokit) throw new UserError('deploy-workflow needs a GitHub token to read the deploy workflow runs.', { hint: 'Leave github-token at its default (${{ github.token }}) and grant `actions: read`.' });
    const repository = event.payload.repository as { default_branch?: string } | undefined;
    artifact = {
      octokit: deps.octokit ?? (createOctokit({ token: token!, log: rt }) as unknown as ActionsApi),
      owner,
      repo,
      workflow: deployWorkflow,
      artifactName,
      branch: repository?.default_branch,
    };
  }

  const pr = event.pullRequest;
  let post: ((body: string) => Promise<void>) | undefined;
  if (comment && pr) {
    const reporter = deps.reporter ?? createReporterFromToken({ token, log: rt, isForkPullRequest: pr.isFork });
    post = async (body) => {
      await reporter.upsertStickyComment({ owner, repo, issueNumber: pr.number, marker: COMMENT_MARKER, body });
    };
  } else if (comment && !pr) {
    rt.info(`No pull request in this ${event.eventName} event: the report goes to the job summary only.`);
  }

  let liveSha = inputs.get('live-manifest-sha');
  const liveEnv = inputs.get('live-state-environment');
  if (!liveSha && liveEnv) {
    // Opt-in: this reads the warehouse even when there turns out to be nothing to build.
    liveSha = await (deps.liveSha ?? liveManifestSha)({
      environment: liveEnv,
      adminSchema: inputs.get('admin-schema') ?? 'SLIPWAY',
      projectDir: inputs.get('project-dir') ?? '.',
      profilesDir: inputs.get('profiles-dir'),
      target: inputs.get('target'),
      env: deps.env,
      rt,
    });
  }

  return runSlimCi({
    command: inputs.get('command') ?? 'dbt build',
    projectDir: inputs.get('project-dir') ?? '.',
    profilesDir: inputs.get('profiles-dir'),
    target: inputs.get('target'),
    stateTarget: inputs.get('state-target') ?? 'prod',
    select: selectorWords(inputs.get('select')),
    exclude: selectorWords(inputs.get('exclude')) ?? [],
    defer: inputs.bool('defer', true),
    favorState: inputs.bool('favor-state', false),
    onMissingState,
    manifest: inputs.get('manifest'),
    state: {
      cache: deps.cache,
      artifact,
      preferSha: pr?.baseSha,
      stateDir: DEFAULT_STATE_DIR,
      liveManifestSha: liveSha,
    },
    comment: post,
    runUrl: event.runUrl,
    env: deps.env,
    rt,
  });
}
