/**
 * Fallback source of production state: the newest successful run of the
 * deploy workflow on the default branch that still has the state artifact
 * (or, given `prefer`, the newest whose state is the live deploy's).
 * Uses the GitHub REST API (Octokit): list workflow runs, list the run's
 * artifacts, download the zip (GitHub answers 302 to a signed URL; fetch
 * follows it) and extract the state files by name.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import { entryBaseName, listZip, readZipEntry } from './zip.js';
import { STATE_FILES } from './state-files.js';

/** The parts of Octokit the fallback uses (an `@octokit/rest` instance fits). */
export interface ActionsApi {
  rest: {
    repos: { get(p: { owner: string; repo: string }): Promise<{ data: { default_branch?: string } }> };
    actions: {
      listWorkflowRuns(p: {
        owner: string;
        repo: string;
        workflow_id: string | number;
        branch?: string;
        status?: 'success';
        per_page?: number;
        exclude_pull_requests?: boolean;
      }): Promise<{ data: { workflow_runs: WorkflowRunLike[] } }>;
      listWorkflowRunArtifacts(p: { owner: string; repo: string; run_id: number; name?: string; per_page?: number }): Promise<{ data: { artifacts: ArtifactLike[] } }>;
      downloadArtifact(p: { owner: string; repo: string; artifact_id: number; archive_format: string }): Promise<{ data: unknown }>;
    };
  };
}

interface WorkflowRunLike {
  id: number;
  head_sha: string;
  head_branch?: string | null;
  run_number?: number;
  html_url?: string;
  conclusion?: string | null;
  event?: string;
  created_at?: string;
  head_repository?: { full_name?: string } | null;
}

/**
 * Runs whose artifact may stand for production: started by a push to the
 * default branch, by hand, or on a schedule — never by a pull request (a
 * fork's PR can run the workflow on a branch it names `main`).
 */
export const TRUSTED_EVENTS: ReadonlySet<string> = new Set(['push', 'workflow_dispatch', 'schedule']);

/** A run of this repository's own code on the default branch, started by a trusted event. */
export function trustedRun(r: WorkflowRunLike, owner: string, repo: string, branch: string): boolean {
  return (
    (r.conclusion ?? 'success') === 'success' &&
    r.head_branch === branch &&
    TRUSTED_EVENTS.has(r.event ?? '') &&
    (r.head_repository?.full_name ?? '').toLowerCase() === `${owner}/${repo}`.toLowerCase()
  );
}

interface ArtifactLike {
  id: number;
  name: string;
  expired?: boolean;
  size_in_bytes?: number;
}

export interface ArtifactFallbackOptions {
  octokit: ActionsApi;
  owner: string;
  repo: string;
  /** The deploy workflow's file name (`deploy.yml`) or numeric id. */
  workflow: string;
  /** Name of the artifact holding manifest.json (and run_results.json). */
  artifactName: string;
  /** The default branch; looked up with the repository when not given. */
  branch?: string;
  /** How many recent successful runs to look through for an unexpired artifact (default 10). */
  maxRuns?: number;
  /**
   * Prefer the newest run whose extracted state passes this test (state
   * follows LIVE: the run whose manifest DEPLOY_STATE records as live); when
   * none does, the newest artifact is used as before.
   */
  prefer?: (dir: string) => Promise<boolean>;
}

export interface ArtifactState {
  runId: number;
  runNumber?: number;
  runUrl?: string;
  sha: string;
  branch: string;
  artifactId: number;
  files: string[];
}

function status(err: unknown): number | undefined {
  const s = (err as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}

/**
 * Download the newest state artifact into `dir`. Returns undefined when there
 * is none (no successful run, or every recent run's artifact expired); API
 * failures that mean "not configured" (404, 403) are reported as warnings
 * and also return undefined, so the caller's refusal explains what to do.
 */
export async function fetchStateArtifact(opts: ArtifactFallbackOptions, dir: string, rt: Runtime): Promise<ArtifactState | undefined> {
  const { octokit, owner, repo } = opts;
  let branch = opts.branch;
  try {
    if (!branch) branch = (await octokit.rest.repos.get({ owner, repo })).data.default_branch ?? 'main';
    const runs = (
      await octokit.rest.actions.listWorkflowRuns({
        owner,
        repo,
        workflow_id: /^\d+$/.test(opts.workflow) ? Number(opts.workflow) : opts.workflow,
        branch,
        status: 'success',
        exclude_pull_requests: true,
        per_page: opts.maxRuns ?? 10,
      })
    ).data.workflow_runs;
    // GitHub returns newest first; sort anyway so the contract holds whatever the order.
    const trusted = runs.filter((r) => trustedRun(r, owner, repo, branch!));
    if (trusted.length < runs.length) rt.info(`Ignored ${runs.length - trusted.length} run(s) of ${opts.workflow} not started by a push, dispatch or schedule of ${owner}/${repo} on ${branch}.`);
    const ordered = [...trusted]
      .sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '') || b.id - a.id);
    if (ordered.length === 0) {
      rt.info(`No successful run of ${opts.workflow} on ${branch} was found.`);
      return undefined;
    }
    let newest: { run: WorkflowRunLike; art: ArtifactLike; buf: Buffer } | undefined;
    for (const run of ordered.slice(0, opts.maxRuns ?? 10)) {
      const arts = (await octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: run.id, name: opts.artifactName, per_page: 100 })).data.artifacts;
      const art = arts.find((a) => a.name === opts.artifactName && !a.expired);
      if (!art) {
        rt.debug(`Run ${run.id} of ${opts.workflow} has no unexpired artifact named ${opts.artifactName}.`);
        continue;
      }
      const res = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: art.id, archive_format: 'zip' });
      const buf = toBuffer(res.data);
      const files = await extractState(buf, `Artifact ${opts.artifactName} (id ${art.id}) of run ${run.id}`, dir);
      const found: ArtifactState = { runId: run.id, runNumber: run.run_number, runUrl: run.html_url, sha: run.head_sha, branch, artifactId: art.id, files };
      if (!opts.prefer || (await opts.prefer(dir))) return found;
      rt.info(`Run ${run.id} of ${opts.workflow} holds a state that is not the live deploy's manifest; looking at older runs.`);
      newest ??= { run, art, buf };
    }
    if (newest) {
      const { run, art, buf } = newest;
      const files = await extractState(buf, `Artifact ${opts.artifactName} (id ${art.id}) of run ${run.id}`, dir);
      rt.info(`None of the recent runs of ${opts.workflow} holds the live deploy's manifest; using the newest state (run ${run.id}).`);
      return { runId: run.id, runNumber: run.run_number, runUrl: run.html_url, sha: run.head_sha, branch, artifactId: art.id, files };
    }
    rt.info(`None of the last ${ordered.length} successful runs of ${opts.workflow} on ${branch} has an unexpired artifact named ${opts.artifactName}.`);
    return undefined;
  } catch (err) {
    const s = status(err);
    if (s === 404) {
      rt.warn(`The deploy workflow ${opts.workflow} was not found in ${owner}/${repo} (HTTP 404), so state could not be fetched from its artifacts.`);
      return undefined;
    }
    if (s === 403 || s === 401) {
      rt.warn(`GitHub refused to list runs of ${opts.workflow} (HTTP ${s}). Grant the job \`permissions: actions: read\` so slim CI can read the deploy workflow's artifacts.`);
      return undefined;
    }
    if (s === 410) {
      rt.warn(`The state artifact of ${opts.workflow} has expired (HTTP 410).`);
      return undefined;
    }
    throw err;
  }
}

/** Write the state files of an artifact zip into `dir` (replacing what a previous run's artifact left). */
async function extractState(buf: Buffer, what: string, dir: string): Promise<string[]> {
  const entries = listZip(buf, what);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const want of STATE_FILES) {
    // The shallowest entry with that base name (upload-artifact strips the common root; a nested layout still works).
    const e = entries
      .filter((x) => !x.name.endsWith('/') && entryBaseName(x.name) === want)
      .sort((a, b) => a.name.split('/').length - b.name.split('/').length)[0];
    if (!e) {
      await rm(join(dir, want), { force: true });
      continue;
    }
    await writeFile(join(dir, want), readZipEntry(buf, e, what));
    files.push(want);
  }
  if (!files.includes('manifest.json')) {
    throw new UserError(`${what} has no manifest.json (it holds: ${entries.map((e) => e.name).slice(0, 10).join(', ') || 'nothing'}).`, {
      hint: 'Upload target/manifest.json (and run_results.json) in that artifact, e.g. actions/upload-artifact with `path: target/manifest.json`.',
    });
  }
  return files;
}

function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return Buffer.from(data, 'binary');
  throw new Error(`Unexpected artifact download body (${typeof data}).`);
}
