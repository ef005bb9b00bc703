/**
 * The live deployment's manifest SHA-256, read from Slipway's DEPLOY_STATE
 * (written by the blue-green deploy), so slim CI can warn when the restored
 * state is not what production runs. Best effort: when the table is not
 * reachable (no connection configured, no grant, never deployed) it says why and returns
 * undefined; it never fails the job.
 */
import { openWarehouse } from '../config/connection.js';
import { currentDeploy } from '../deploy/state.js';
import type { Runtime } from '../runtime/port.js';

export interface LiveShaOptions {
  /** Deploy environment (as in the deploy/rollback actions, e.g. production). */
  environment: string;
  adminSchema?: string;
  database?: string;
  projectDir?: string;
  profilesDir?: string;
  profile?: string;
  target?: string;
  env?: NodeJS.ProcessEnv;
  rt: Runtime;
}

export async function liveManifestSha(opts: LiveShaOptions): Promise<string | undefined> {
  const rt = opts.rt;
  try {
    // The one way from connection inputs to a warehouse (a dbt profile, else SNOWFLAKE_* / DATABASE_URL), tagged like every other session.
    const warehouse = await openWarehouse({ projectDir: opts.projectDir, profilesDir: opts.profilesDir, profile: opts.profile, target: opts.target }, rt, { action: 'slim-ci' }, opts.env ?? process.env);
    try {
      const live = await currentDeploy(warehouse, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database });
      if (!live) {
        rt.info(`No live deployment of ${opts.environment} is recorded in DEPLOY_STATE; the live-state check is skipped.`);
        return undefined;
      }
      if (!live.manifestSha256) {
        rt.info(`The live deployment ${live.deployId} of ${opts.environment} recorded no manifest SHA-256; the live-state check is skipped.`);
        return undefined;
      }
      return live.manifestSha256;
    } finally {
      await warehouse.close();
    }
  } catch (err) {
    rt.warn(`Could not read the live deployment of ${opts.environment} from DEPLOY_STATE (${(err as Error).message}); the live-state check is skipped.`);
    return undefined;
  }
}
