/**
 * The body of actions/slim-ci, free of @actions/*: the entry parses the
 * inputs (inputs.ts) and passes the runtime, the event context and the GitHub
 * Actions cache, so tests can drive it with fakes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventContext } from '../../shared/actions-adapter/context.js';
import { UserError } from '../../shared/errors.js';
import { createOctokit } from '../../shared/github/client.js';
import { createReporterFromToken } from '../../shared/github/reporter.js';
import type { GitHubReporter } from '../../shared/github/types.js';
import type { Inputs } from '../../shared/runtime/inputs.js';
import type { Runtime } from '../../shared/runtime/port.js';
import type { ActionsApi } from '../../shared/slim-ci/artifact.js';
import { liveManifestSha } from '../../shared/slim-ci/live.js';
import { COMMENT_MARKER, withImpactSection } from '../../shared/slim-ci/report.js';
import { prTag, TAG_ENV } from '../../shared/impact/tag.js';
import { runSlimCi, type SlimCiResult } from '../../shared/slim-ci/run.js';
import type { StateCache } from '../../shared/slim-ci/state-cache.js';
import { DEFAULT_STATE_DIR } from '../../shared/slim-ci/state-files.js';
import { saveState, type SaveStateResult } from '../../shared/slim-ci/state.js';
import { parseSlimCiInputs, type SlimCiInputs } from './inputs.js';

export { selectorWords, type SlimCiMode } from './inputs.js';

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

/** Parse the inputs, then run: what the entry does in two stages, in one call (tests). */
export async function slimCiAction(rt: Runtime, inputs: Inputs, event: EventContext, deps: SlimCiActionDeps): Promise<SlimCiResult | SaveStateResult> {
  return runSlimCiAction(rt, parseSlimCiInputs(inputs), event, deps);
}

/** `mode: check` (slim CI on a PR) or `mode: save-state` (after a production deploy). */
export async function runSlimCiAction(rt: Runtime, opts: SlimCiInputs, event: EventContext, deps: SlimCiActionDeps): Promise<SlimCiResult | SaveStateResult> {
  if (opts.mode === 'save-state') return saveStateAction(rt, opts, event, deps);
  return checkAction(rt, opts, event, deps);
}

/** `mode: save-state`: store <project-dir>/target/manifest.json (+ run_results.json, sources.json) as slipway-state-<state-target>-<sha>. */
async function saveStateAction(rt: Runtime, opts: SlimCiInputs, event: EventContext, deps: SlimCiActionDeps): Promise<SaveStateResult> {
  if (!deps.cache) {
    throw new UserError('The GitHub Actions cache service is not available on this runner, so state cannot be saved to it.', {
      hint: 'Upload target/manifest.json as an artifact instead (actions/upload-artifact, name slipway-state) and set deploy-workflow on the slim CI step.',
    });
  }
  if (event.pullRequest) rt.warn('Saving state from a pull request run: caches written on a PR branch are not readable from other PRs. Save state from the deploy workflow on the default branch.');
  const targetDir = join(opts.projectDir, 'target');
  const sourcesPath = join(targetDir, 'sources.json');
  const sha = opts.sha ?? event.sha;
  const r = await saveState({
    target: opts.stateTarget,
    sha,
    manifestPath: opts.manifest ?? join(targetDir, 'manifest.json'),
    runResultsPath: join(targetDir, 'run_results.json'),
    sourcesPath: existsSync(sourcesPath) ? sourcesPath : undefined,
    cache: deps.cache,
    stateDir: DEFAULT_STATE_DIR,
    rt,
  });
  rt.setOutput('state-key', r.key);
  rt.setOutput('state-sha', sha.toLowerCase());
  await rt.appendSummary(
    `### Slipway: production state saved\n\n${r.saved ? 'Saved' : 'Already present (entries are immutable)'}: \`${r.key}\` (${r.files.join(', ')}; manifest sha256 \`${r.manifestSha256.slice(0, 16)}…\`).\n`,
  );
  return r;
}

async function checkAction(rt: Runtime, opts: SlimCiInputs, event: EventContext, deps: SlimCiActionDeps): Promise<SlimCiResult> {
  const { token, deployWorkflow, comment } = opts;
  if (token) rt.mask(token);
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
      artifactName: opts.artifactName,
      branch: repository?.default_branch,
    };
  }

  const pr = event.pullRequest;
  let post: ((body: string) => Promise<void>) | undefined;
  let posted: string | undefined;
  if (comment && pr) {
    const reporter = deps.reporter ?? createReporterFromToken({ token, log: rt, isForkPullRequest: pr.isFork });
    post = async (body) => {
      await reporter.upsertStickyComment({ owner, repo, issueNumber: pr.number, marker: COMMENT_MARKER, body });
      posted = body;
    };
  } else if (comment && !pr) {
    rt.info(`No pull request in this ${event.eventName} event: the report goes to the job summary only.`);
  }

  let liveSha = opts.liveManifestSha;
  if (!liveSha && opts.liveStateEnvironment) {
    // Opt-in: this reads the warehouse even when there turns out to be nothing to build.
    liveSha = await (deps.liveSha ?? liveManifestSha)({
      environment: opts.liveStateEnvironment,
      adminSchema: opts.adminSchema,
      database: opts.adminDatabase,
      projectDir: opts.projectDir,
      profilesDir: opts.profilesDir,
      target: opts.target,
      env: deps.env,
      rt,
    });
  }

  // impact: dbt tags its sessions from SLIPWAY_QUERY_TAG (through the profile), as Slipway does its own.
  const env = deps.env ?? process.env;
  if (opts.impact && !env[TAG_ENV]) {
    const tag = prTag(env);
    if (tag) env[TAG_ENV] = tag;
  }

  const result = await runSlimCi({
    command: opts.command,
    projectDir: opts.projectDir,
    profilesDir: opts.profilesDir,
    target: opts.target,
    stateTarget: opts.stateTarget,
    select: opts.select,
    exclude: opts.exclude,
    defer: opts.defer,
    favorState: opts.favorState,
    onMissingState: opts.onMissingState,
    manifest: opts.manifest,
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
  if (opts.impact) await impactStep(rt, opts, result, env, event.runUrl, post && (async (section) => (posted === undefined ? undefined : post!(withImpactSection(posted, section, event.runUrl)))));
  return result;
}

/** impact: true: compare what the PR built with production, add the section to the comment and summary, fail on a tripped rule. */
async function impactStep(rt: Runtime, opts: SlimCiInputs, result: SlimCiResult, env: NodeJS.ProcessEnv, runUrl: string | undefined, addToComment?: (section: string) => Promise<void>): Promise<void> {
  if (result.nothingToBuild || !result.state.manifest) {
    rt.info(result.nothingToBuild ? 'Impact: nothing was built, so there is nothing to compare.' : 'Impact: no production state, so there is nothing to compare with.');
    return;
  }
  const [{ prImpact, impactGateFailure }, { openWarehouse }] = await Promise.all([import('../../shared/impact/pr.js'), import('../../shared/config/connection.js')]);
  const targetDir = join(opts.projectDir, 'target');
  const { report, markdown } = await prImpact({
    manifestPath: join(targetDir, 'manifest.json'),
    state: result.state.manifest,
    runResultsPath: join(targetDir, 'run_results.json'),
    children: opts.impactChildren,
    sensitive: opts.impactSensitive,
    samples: opts.impactSamples,
    failOn: opts.impactFailOn,
    tag: prTag(env),
    openWarehouse: (tag) => openWarehouse({ projectDir: opts.projectDir, profilesDir: opts.profilesDir, target: opts.target }, rt, { action: 'impact', ...(tag ? { run: tag } : {}) }, env),
    rt,
  });
  await rt.appendSummary(markdown);
  rt.setOutput('impact', JSON.stringify(report));
  if (addToComment) {
    try {
      await addToComment(markdown);
    } catch (err) {
      rt.warn(`Could not add the impact section to the pull request comment: ${(err as Error).message}. It is in the job summary${runUrl ? ` of ${runUrl}` : ''}.`);
    }
  }
  const failure = impactGateFailure(report);
  if (failure) throw failure;
}
