import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  FreshnessConfigSchema,
  PERIOD_SECONDS,
  loadFreshnessConfig,
  parseDuration,
  parseFreshnessConfig
} from "./chunk-O5CWYNID.js";
import "./chunk-WLODUQ4F.js";
export {
  FreshnessConfigSchema,
  PERIOD_SECONDS,
  loadFreshnessConfig,
  parseDuration,
  parseFreshnessConfig
};
