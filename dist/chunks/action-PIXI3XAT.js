import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  createReporterFromToken
} from "./chunk-Q5PXLHTU.js";
import {
  parseSlimCiInputs,
  selectorWords
} from "./chunk-WKU3PQHJ.js";
import {
  COMMENT_MARKER,
  DEFAULT_STATE_DIR,
  runSlimCi,
  saveState,
  withImpactSection
} from "./chunk-FKBW4X47.js";
import {
  TAG_ENV,
  prTag
} from "./chunk-EQ7NBDB3.js";
import "./chunk-545Z3XKG.js";
import {
  createOctokit
} from "./chunk-4FBTO444.js";
import "./chunk-2PTZB4HT.js";
import "./chunk-USRRF2GE.js";
import {
  openWarehouse
} from "./chunk-3LLOBFGJ.js";
import "./chunk-WXLAFXG2.js";
import "./chunk-7EY7NJ5E.js";
import {
  currentDeploy
} from "./chunk-4W35UCXX.js";
import "./chunk-U2YJDY4W.js";
import "./chunk-JK3NYHQT.js";
import "./chunk-YTHL6NVM.js";
import "./chunk-4EJKEUIK.js";
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// actions/slim-ci/action.ts
import { existsSync } from "node:fs";
import { join } from "node:path";

// shared/slim-ci/live.ts
async function liveManifestSha(opts) {
  const rt = opts.rt;
  try {
    const warehouse = await openWarehouse({ projectDir: opts.projectDir, profilesDir: opts.profilesDir, profile: opts.profile, target: opts.target }, rt, { action: "slim-ci" }, opts.env ?? process.env);
    try {
      const live = await currentDeploy(warehouse, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database });
      if (!live) {
        rt.info(`No live deployment of ${opts.environment} is recorded in DEPLOY_STATE; the live-state check is skipped.`);
        return void 0;
      }
      if (!live.manifestSha256) {
        rt.info(`The live deployment ${live.deployId} of ${opts.environment} recorded no manifest SHA-256; the live-state check is skipped.`);
        return void 0;
      }
      return live.manifestSha256;
    } finally {
      await warehouse.close();
    }
  } catch (err) {
    rt.warn(`Could not read the live deployment of ${opts.environment} from DEPLOY_STATE (${err.message}); the live-state check is skipped.`);
    return void 0;
  }
}

// actions/slim-ci/action.ts
async function slimCiAction(rt, inputs, event, deps) {
  return runSlimCiAction(rt, parseSlimCiInputs(inputs), event, deps);
}
async function runSlimCiAction(rt, opts, event, deps) {
  if (opts.mode === "save-state") return saveStateAction(rt, opts, event, deps);
  return checkAction(rt, opts, event, deps);
}
async function saveStateAction(rt, opts, event, deps) {
  if (!deps.cache) {
    throw new UserError("The GitHub Actions cache service is not available on this runner, so state cannot be saved to it.", {
      hint: "Upload target/manifest.json as an artifact instead (actions/upload-artifact, name slipway-state) and set deploy-workflow on the slim CI step."
    });
  }
  if (event.pullRequest) rt.warn("Saving state from a pull request run: caches written on a PR branch are not readable from other PRs. Save state from the deploy workflow on the default branch.");
  const targetDir = join(opts.projectDir, "target");
  const sourcesPath = join(targetDir, "sources.json");
  const sha = opts.sha ?? event.sha;
  const r = await saveState({
    target: opts.stateTarget,
    sha,
    manifestPath: opts.manifest ?? join(targetDir, "manifest.json"),
    runResultsPath: join(targetDir, "run_results.json"),
    sourcesPath: existsSync(sourcesPath) ? sourcesPath : void 0,
    cache: deps.cache,
    stateDir: DEFAULT_STATE_DIR,
    rt
  });
  rt.setOutput("state-key", r.key);
  rt.setOutput("state-sha", sha.toLowerCase());
  await rt.appendSummary(
    `### Slipway: production state saved

${r.saved ? "Saved" : "Already present (entries are immutable)"}: \`${r.key}\` (${r.files.join(", ")}; manifest sha256 \`${r.manifestSha256.slice(0, 16)}…\`).
`
  );
  return r;
}
async function checkAction(rt, opts, event, deps) {
  const { token, deployWorkflow, comment } = opts;
  if (token) rt.mask(token);
  const { owner, repo } = event.repo;
  if (!deps.cache) rt.warn("The GitHub Actions cache service is not available on this runner; production state can only come from the deploy workflow artifact.");
  let artifact;
  if (deployWorkflow) {
    if (!owner || !repo) throw new UserError("deploy-workflow needs the repository of this run, but GITHUB_REPOSITORY is not set.", { hint: "Run the action inside GitHub Actions." });
    if (!token && !deps.octokit) throw new UserError("deploy-workflow needs a GitHub token to read the deploy workflow runs.", { hint: "Leave github-token at its default (${{ github.token }}) and grant `actions: read`." });
    const repository = event.payload.repository;
    artifact = {
      octokit: deps.octokit ?? createOctokit({ token, log: rt }),
      owner,
      repo,
      workflow: deployWorkflow,
      artifactName: opts.artifactName,
      branch: repository?.default_branch
    };
  }
  const pr = event.pullRequest;
  let post;
  let posted;
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
    liveSha = await (deps.liveSha ?? liveManifestSha)({
      environment: opts.liveStateEnvironment,
      adminSchema: opts.adminSchema,
      database: opts.adminDatabase,
      projectDir: opts.projectDir,
      profilesDir: opts.profilesDir,
      target: opts.target,
      env: deps.env,
      rt
    });
  }
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
      liveManifestSha: liveSha
    },
    comment: post,
    runUrl: event.runUrl,
    env: deps.env,
    rt
  });
  if (opts.impact) await impactStep(rt, opts, result, env, event.runUrl, post && (async (section) => posted === void 0 ? void 0 : post(withImpactSection(posted, section, event.runUrl))));
  return result;
}
async function impactStep(rt, opts, result, env, runUrl, addToComment) {
  if (result.nothingToBuild || !result.state.manifest) {
    rt.info(result.nothingToBuild ? "Impact: nothing was built, so there is nothing to compare." : "Impact: no production state, so there is nothing to compare with.");
    return;
  }
  const [{ prImpact, impactGateFailure }, { openWarehouse: openWarehouse2 }] = await Promise.all([import("./pr-QL4QWQCV.js"), import("./connection-JJSCHHEW.js")]);
  const targetDir = join(opts.projectDir, "target");
  const { report, markdown } = await prImpact({
    manifestPath: join(targetDir, "manifest.json"),
    state: result.state.manifest,
    runResultsPath: join(targetDir, "run_results.json"),
    children: opts.impactChildren,
    sensitive: opts.impactSensitive,
    samples: opts.impactSamples,
    failOn: opts.impactFailOn,
    tag: prTag(env),
    openWarehouse: (tag) => openWarehouse2({ projectDir: opts.projectDir, profilesDir: opts.profilesDir, target: opts.target }, rt, { action: "impact", ...tag ? { run: tag } : {} }, env),
    rt
  });
  await rt.appendSummary(markdown);
  rt.setOutput("impact", JSON.stringify(report));
  if (addToComment) {
    try {
      await addToComment(markdown);
    } catch (err) {
      rt.warn(`Could not add the impact section to the pull request comment: ${err.message}. It is in the job summary${runUrl ? ` of ${runUrl}` : ""}.`);
    }
  }
  const failure = impactGateFailure(report);
  if (failure) throw failure;
}
export {
  runSlimCiAction,
  selectorWords,
  slimCiAction
};
