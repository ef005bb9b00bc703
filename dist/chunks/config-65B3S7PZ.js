import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  FreshnessConfigSchema,
  PERIOD_SECONDS,
  loadFreshnessConfig,
  parseDuration,
  parseFreshnessConfig
} from "./chunk-O2T6RYZ3.js";
import "./chunk-USRRF2GE.js";
import "./chunk-IZF6KDBA.js";
export {
  FreshnessConfigSchema,
  PERIOD_SECONDS,
  loadFreshnessConfig,
  parseDuration,
  parseFreshnessConfig
};
