/**
 * Who is acting and where the run can be seen, for audit rows (DEPLOY_STATE,
 * the rollback log) and reports: one rule for actions and the CLI. Kept apart
 * from connection.ts so an action can know its actor without loading any
 * warehouse code.
 */
import { userInfo } from 'node:os';

/** Who is acting and where the run can be seen. */
export interface Invocation {
  actor: string;
  runUrl?: string;
}

/** True inside a GitHub Actions job (the runner sets GITHUB_ACTIONS=true). */
export function inGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** The run URL GitHub shows for this job, when running in Actions. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!inGitHubActions(env) || !env.GITHUB_RUN_ID || !env.GITHUB_REPOSITORY) return undefined;
  return `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

function osUser(env: NodeJS.ProcessEnv): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // no passwd entry (some containers): fall through
  }
  return env.USER || env.USERNAME || 'unknown';
}

/**
 * The one actor + run URL for audit rows: in Actions `GITHUB_ACTOR` and
 * `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
 * in a shell `SLIPWAY_ACTOR`, else the OS user, and no run URL.
 */
export function invocation(env: NodeJS.ProcessEnv = process.env): Invocation {
  if (inGitHubActions(env)) return { actor: env.GITHUB_ACTOR || env.SLIPWAY_ACTOR || 'github-actions', runUrl: runUrl(env) };
  return { actor: env.SLIPWAY_ACTOR || osUser(env) };
}
