import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  UserError
} from "./chunk-IZF6KDBA.js";

// shared/config/connection.ts
import { existsSync } from "node:fs";
import { join } from "node:path";

// shared/warehouse/index.ts
async function connect(config, opts = {}) {
  switch (config.type) {
    case "snowflake": {
      const { SnowflakeWarehouse } = await import("./snowflake-2DGXS2CJ.js");
      return SnowflakeWarehouse.open({ ...config, queryTag: { ...config.queryTag, ...opts.queryTag } });
    }
    case "postgres": {
      const { PostgresWarehouse } = await import("./postgres-NVPWI3SQ.js");
      return new PostgresWarehouse({ ...config, applicationName: opts.queryTag?.action ? `slipway ${opts.queryTag.action}` : "slipway" });
    }
    case "pglite": {
      const { PgliteWarehouse } = await import("./pglite-BW2GMDS6.js");
      return PgliteWarehouse.open(config);
    }
  }
}

// shared/config/connection.ts
function connectionOptionsFromInputs(inputs) {
  return { profilesDir: inputs.get("profiles-dir"), profile: inputs.get("profile"), target: inputs.get("target"), projectDir: inputs.get("project-dir") ?? "." };
}
async function resolveConnection(opts, rt, env = process.env) {
  const { configFromEnv, loadProfile } = await import("./profiles-AXI5NK4U.js");
  const mask = (s) => rt.mask(s);
  const named = opts.profilesDir || opts.profile || opts.target || env.DBT_PROFILES_DIR;
  const localProfiles = existsSync(join(opts.projectDir ?? ".", "profiles.yml"));
  if (named || localProfiles) return loadProfile({ ...opts, env, mask });
  const fromEnv = await configFromEnv(env, mask);
  if (fromEnv) return fromEnv;
  try {
    return await loadProfile({ ...opts, env, mask });
  } catch (err) {
    throw new UserError("No warehouse connection is configured.", {
      hint: "Pass --profiles-dir/--profile/--target (action inputs profiles-dir/profile/target) for a dbt profile (type snowflake, postgres, or pglite), or set SNOWFLAKE_ACCOUNT/SNOWFLAKE_USER/SNOWFLAKE_PRIVATE_KEY, SLIPWAY_PGLITE_PATH, or DATABASE_URL.",
      cause: err
    });
  }
}
function dialectOf(config) {
  return config.type === "snowflake" ? "snowflake" : "postgres";
}
function sessionTag(tag, env = process.env) {
  return { ...env.GITHUB_REPOSITORY ? { repo: env.GITHUB_REPOSITORY } : {}, ...env.GITHUB_RUN_ID ? { run: env.GITHUB_RUN_ID } : {}, ...tag };
}
function connectTo(config, tag, env = process.env) {
  return connect(config, { queryTag: sessionTag(tag, env) });
}
async function openWarehouse(opts, rt, tag, env = process.env) {
  return connectTo(await resolveConnection(opts, rt, env), tag, env);
}
function warehouseFromInputs(rt, inputs, env = process.env) {
  return async (tag) => openWarehouse(connectionOptionsFromInputs(inputs), rt, tag, env);
}

export {
  connectionOptionsFromInputs,
  resolveConnection,
  dialectOf,
  sessionTag,
  connectTo,
  openWarehouse,
  warehouseFromInputs
};
