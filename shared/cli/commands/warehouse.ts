import type { Command } from 'commander';
import { versionQuery } from '../../dialects/info.js';
import { dialectOf, handle, resolveConnection, withConnectionOptions, withFormatOption, type ConnectionOptions } from '../common.js';
import { connectTo } from '../../config/connection.js';

/** `slipway warehouse info`: connect with the resolved profile and show what Slipway sees. */
export function register(program: Command): void {
  const wh = program.command('warehouse').description('inspect the warehouse connection Slipway would use');
  withFormatOption(withConnectionOptions(wh.command('info').description('connect, print the engine, version and capabilities, and disconnect')))
    .option('--project-dir <dir>', 'dbt project folder (its dbt_project.yml names the profile)', '.')
    .action(
      handle<ConnectionOptions & { format?: string }>(async (opts, { rt, emit }) => {
        const config = await resolveConnection(opts, rt);
        const warehouse = await connectTo(config, { action: 'warehouse-info' });
        try {
          const { rows } = await warehouse.query<{ version: string }>(versionQuery(dialectOf(config)));
          const info = { engine: config.type, dialect: warehouse.dialect, description: warehouse.description, version: rows[0]?.version, capabilities: warehouse.capabilities };
          emit(info, (i) =>
            [`${i.description}`, `  dialect: ${i.dialect}`, `  version: ${i.version}`, ...Object.entries(i.capabilities).map(([k, v]) => `  ${k}: ${v ? 'yes' : 'no'}`)].join('\n'),
          );
        } finally {
          await warehouse.close();
        }
      }),
    );
}
