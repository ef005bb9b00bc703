import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  postgresDeploySql,
  swapTempName
} from "./chunk-TI3OI3EX.js";
import "./chunk-XBQYJD25.js";
import "./chunk-YASYTQ2Y.js";
import "./chunk-WLODUQ4F.js";
export {
  postgresDeploySql,
  swapTempName
};
