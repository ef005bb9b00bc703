/**
 * The PR's tag: one short string every session of the PR carries, so the
 * receipt can find all of them in query history. Slipway sets it on its own
 * sessions; dbt picks it up from the environment through the profile:
 *
 *   snowflake:  query_tag: "{{ env_var('SLIPWAY_QUERY_TAG', '') }}"
 *   postgres:   application_name: "{{ env_var('SLIPWAY_QUERY_TAG', 'dbt') }}"
 *
 * At most 63 characters (Postgres truncates application_name there).
 */
export const TAG_ENV = 'SLIPWAY_QUERY_TAG';

export function prTag(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env[TAG_ENV]?.trim();
  if (explicit) return explicit.slice(0, 63);
  const pr = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? '')?.[1];
  const run = env.GITHUB_RUN_ID;
  if (!pr && !run) return undefined;
  const repo = (env.GITHUB_REPOSITORY ?? '').split('/').pop() ?? '';
  return ['slipway', repo, pr ? `pr${pr}` : '', run ? `run${run}${env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1' ? `.${env.GITHUB_RUN_ATTEMPT}` : ''}` : '']
    .filter(Boolean)
    .join(':')
    .replace(/[^A-Za-z0-9:._-]/g, '_')
    .slice(0, 63);
}
