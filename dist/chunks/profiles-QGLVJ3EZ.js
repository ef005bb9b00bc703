import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  PROFILE_KEYS,
  configFromDatabaseUrl,
  configFromEnv,
  didYouMean,
  loadProfile,
  profilesPath,
  renderEnvVars,
  targetToConfig
} from "./chunk-Z2AUILDK.js";
import {
  YAML_MAX_ALIAS_COUNT,
  parseYamlDocument,
  parseYamlText,
  yamlToJs
} from "./chunk-USRRF2GE.js";
import "./chunk-IZF6KDBA.js";
export {
  PROFILE_KEYS,
  YAML_MAX_ALIAS_COUNT,
  configFromDatabaseUrl,
  configFromEnv,
  didYouMean,
  loadProfile,
  parseYamlDocument,
  parseYamlText,
  profilesPath,
  renderEnvVars,
  targetToConfig,
  yamlToJs
};
