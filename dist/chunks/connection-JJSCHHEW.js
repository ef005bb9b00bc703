import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  connectTo,
  connectionOptionsFromInputs,
  dialectOf,
  openWarehouse,
  resolveConnection,
  sessionTag,
  warehouseFromInputs
} from "./chunk-3LLOBFGJ.js";
import "./chunk-WXLAFXG2.js";
import "./chunk-JK3NYHQT.js";
import {
  inGitHubActions,
  invocation,
  runUrl
} from "./chunk-4EJKEUIK.js";
import "./chunk-IZF6KDBA.js";
export {
  connectTo,
  connectionOptionsFromInputs,
  dialectOf,
  inGitHubActions,
  invocation,
  openWarehouse,
  resolveConnection,
  runUrl,
  sessionTag,
  warehouseFromInputs
};
