/**
 * `slipway doctor`: can this connection do what Slipway is configured to do?
 *
 *   slipway doctor [--profiles-dir … --profile … --target …] [--as ci|deploy]
 *                  [--features <name…>] [--raw-database RAW] [--prod-database ANALYTICS_PROD]
 *                  [--environment production] [--admin-schema SLIPWAY] [--state prod-state/]
 *                  [--format text|json]
 *
 * Exit codes: 0 ready, 1 something is missing (each missing grant printed as
 * the statement an administrator runs), 2 bad input or configuration.
 */
import { Option, type Command } from 'commander';
import { openWarehouse } from '../../config/connection.js';
import { doctorScope, doctorText, runDoctor } from '../../doctor/doctor.js';
import { UserError } from '../../errors.js';
import { FEATURES, OPT_IN_FEATURES, type Feature, type RoleKey } from '../../permissions/model.js';
import { handle, withConnectionOptions, withFormatOption, type ConnectionOptions } from '../common.js';
import { deprecatedOption } from '../naming.js';

interface DoctorOpts extends ConnectionOptions {
  as?: RoleKey;
  features?: string[];
  rawDatabase?: string;
  prodDatabase?: string;
  environment?: string;
  adminSchema?: string;
  state?: string;
}


export function register(program: Command): void {
  const cmd = program
    .command('doctor')
    .description(
      'Check a setup: the connection and profile, the grants each feature needs (docs/permissions.md), DEPLOY_STATE and the deploy lock, a production state folder, and the GitHub token. ' +
        'Prints every missing grant as a statement to run; exits 1 when anything is missing.',
    )
    .addOption(new Option('--as <role>', "which of Slipway's roles this connection plays (default: deploy for a target named prod*, else ci)").choices(['ci', 'deploy']))
    .option('--features <names...>', `features to check, space- or comma-separated (default: all of the role's); opt-in: ${Object.keys(OPT_IN_FEATURES).join(', ')}`)
    .option('--raw-database <name>', 'database the sources live in (checks read access to it)')
    .option('--prod-database <name>', "production's database, which CI reads for --defer (Snowflake)")
    .option('--environment <name>', 'also check DEPLOY_STATE and the deploy lock of this environment')
    .option('--admin-schema <name>', 'schema holding DEPLOY_STATE', 'SLIPWAY')
    .option('--state <dir>', 'a production state folder (manifest.json) slim CI would use')
    .option('--project-dir <dir>', "dbt project folder (its dbt_project.yml names the profile; profiles.yml is looked up there when --profiles-dir is not given)", '.');
  deprecatedOption(cmd, '--feature <name...>', '--features');
  withConnectionOptions(cmd);
  withFormatOption(cmd);
  cmd.action(
    handle<DoctorOpts>(async (opts, ctx) => {
      const features = (opts.features ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
      for (const f of features) {
        if (!FEATURES.includes(f as Feature)) throw new UserError(`Unknown feature '${f}' for --features.`, { hint: `Use one of: ${FEATURES.join(', ')}.` });
      }
      const scope = doctorScope(opts.as, features as Feature[], opts.target);
      const wh = await openWarehouse(opts, ctx.rt, { action: 'doctor' });
      try {
        const report = await runDoctor(wh, {
          ...scope,
          rawDatabase: opts.rawDatabase,
          prodDatabase: opts.prodDatabase,
          environment: opts.environment,
          adminSchema: opts.adminSchema,
          stateDir: opts.state,
          github: { token: process.env.GITHUB_TOKEN, repository: process.env.GITHUB_REPOSITORY, apiUrl: process.env.GITHUB_API_URL },
        });
        ctx.emit(report, doctorText);
        return report.ready ? 0 : 1;
      } finally {
        await wh.close();
      }
    }),
  );
}
