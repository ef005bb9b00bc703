/**
 * The one way from "how was Slipway invoked" to a warehouse and an actor:
 *
 * - CLI flags (`--profiles-dir/--profile/--target/--project-dir`) or the same
 *   action inputs (`profiles-dir/profile/target/project-dir`) name a dbt
 *   profile; without one, `SNOWFLAKE_*`, `SLIPWAY_PGLITE_PATH` or
 *   `DATABASE_URL` from the environment (see profiles.ts).
 * - Who acts, and the link to the run, recorded in DEPLOY_STATE and the
 *   rollback log: in GitHub Actions `GITHUB_ACTOR` and the run URL; in a shell
 *   `SLIPWAY_ACTOR` or the OS user, and no run URL.
 *
 * Domain code receives the opened warehouse or an opener; it never reads
 * flags or inputs itself.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { Inputs } from '../runtime/inputs.js';
import type { DialectName } from '../sql/identifiers.js';
import { connect, type ConnectionConfig, type Warehouse } from '../warehouse/index.js';
import type { QueryTag } from '../warehouse/snowflake.js';

export type { ConnectionConfig };

/** dbt's connection selection, from CLI flags or action inputs. */
export interface ConnectionOptions {
  profilesDir?: string;
  profile?: string;
  target?: string;
  projectDir?: string;
}

/** Anything that can register a secret (the Runtime port does). */
export interface SecretMasker {
  mask(secret: string): void;
}

/** The connection inputs every warehouse action takes, read once here. */
export function connectionOptionsFromInputs(inputs: Pick<Inputs, 'get'>): ConnectionOptions {
  return { profilesDir: inputs.get('profiles-dir'), profile: inputs.get('profile'), target: inputs.get('target'), projectDir: inputs.get('project-dir') ?? '.' };
}

/**
 * The connection for a warehouse command: a dbt profile when one can be found
 * (or was named), otherwise SNOWFLAKE_* / SLIPWAY_PGLITE_PATH / DATABASE_URL.
 */
export async function resolveConnection(opts: ConnectionOptions, rt: SecretMasker, env: NodeJS.ProcessEnv = process.env): Promise<ConnectionConfig> {
  // profiles.ts brings YAML and zod: loaded only when a connection is actually resolved.
  const { configFromEnv, loadProfile } = await import('./profiles.js');
  const mask = (s: string): void => rt.mask(s);
  const named = opts.profilesDir || opts.profile || opts.target || env.DBT_PROFILES_DIR;
  const localProfiles = existsSync(join(opts.projectDir ?? '.', 'profiles.yml'));
  if (named || localProfiles) return loadProfile({ ...opts, env, mask });
  const fromEnv = await configFromEnv(env, mask);
  if (fromEnv) return fromEnv;
  try {
    return await loadProfile({ ...opts, env, mask });
  } catch (err) {
    throw new UserError('No warehouse connection is configured.', {
      hint: 'Pass --profiles-dir/--profile/--target (action inputs profiles-dir/profile/target) for a dbt profile (type snowflake, postgres, or pglite), or set SNOWFLAKE_ACCOUNT/SNOWFLAKE_USER/SNOWFLAKE_PRIVATE_KEY, SLIPWAY_PGLITE_PATH, or DATABASE_URL.',
      cause: err,
    });
  }
}

export function dialectOf(config: ConnectionConfig): DialectName {
  return config.type === 'snowflake' ? 'snowflake' : 'postgres';
}

/** The query tag every session carries: the caller's action plus, in Actions, the repository and run. */
export function sessionTag(tag: QueryTag, env: NodeJS.ProcessEnv = process.env): QueryTag {
  return { ...(env.GITHUB_REPOSITORY ? { repo: env.GITHUB_REPOSITORY } : {}), ...(env.GITHUB_RUN_ID ? { run: env.GITHUB_RUN_ID } : {}), ...tag };
}

/**
 * Open a resolved connection, its sessions tagged by `sessionTag` (repository
 * and run in Actions). For callers that need the config first (its dialect,
 * for a dry run); otherwise use openWarehouse.
 */
export function connectTo(config: ConnectionConfig, tag: QueryTag, env: NodeJS.ProcessEnv = process.env): Promise<Warehouse> {
  return connect(config, { queryTag: sessionTag(tag, env) });
}

/** Resolve and connect in one step. */
export async function openWarehouse(opts: ConnectionOptions, rt: SecretMasker, tag: QueryTag, env: NodeJS.ProcessEnv = process.env): Promise<Warehouse> {
  return connectTo(await resolveConnection(opts, rt, env), tag, env);
}

/** Opens the warehouse when (and each time) a body needs it, so input errors come before any connection. */
export type WarehouseOpener = (tag: QueryTag) => Promise<Warehouse>;

/** "Action inputs → warehouse", written once: every action that connects uses this. */
export function warehouseFromInputs(rt: SecretMasker, inputs: Pick<Inputs, 'get'>, env: NodeJS.ProcessEnv = process.env): WarehouseOpener {
  return async (tag) => openWarehouse(connectionOptionsFromInputs(inputs), rt, tag, env);
}

export { inGitHubActions, invocation, runUrl, type Invocation } from './invocation.js';
