/**
 * The live deployment's manifest SHA-256, read from Slipway's DEPLOY_STATE
 * (written by the blue-green deploy), so slim CI can warn when the restored
 * state is not what production runs. Best effort: when the table is not
 * reachable (no profile, no grant, never deployed) it says why and returns
 * undefined; it never fails the job.
 */
import { loadProfile } from '../config/profiles.js';
import { currentDeploy } from '../deploy/state.js';
import type { Runtime } from '../runtime/port.js';
import { connect } from '../warehouse/index.js';

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
    const config = await loadProfile({ projectDir: opts.projectDir, profilesDir: opts.profilesDir, profile: opts.profile, target: opts.target, env: opts.env ?? process.env, mask: (s) => rt.mask(s) });
    const warehouse = await connect(config, { queryTag: { action: 'slim-ci' } });
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
