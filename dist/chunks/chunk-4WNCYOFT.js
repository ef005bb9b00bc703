import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/warehouse/index.ts
async function connect(config, opts = {}) {
  switch (config.type) {
    case "snowflake": {
      const { SnowflakeWarehouse } = await import("./snowflake-7EFPL7GK.js");
      return SnowflakeWarehouse.open({ ...config, queryTag: { ...config.queryTag, ...opts.queryTag } });
    }
    case "postgres": {
      const { PostgresWarehouse } = await import("./postgres-EONLS2O7.js");
      return new PostgresWarehouse({ ...config, applicationName: opts.queryTag?.action ? `slipway ${opts.queryTag.action}` : "slipway" });
    }
    case "pglite": {
      const { PgliteWarehouse } = await import("./pglite-BW2GMDS6.js");
      return PgliteWarehouse.open(config);
    }
  }
}

export {
  connect
};
