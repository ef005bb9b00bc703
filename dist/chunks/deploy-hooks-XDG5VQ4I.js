import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  deployCountTargets,
  deployGates,
  freshnessExtraCheck,
  recordDeployRowCounts,
  rowCountAnomalyExtraCheck
} from "./chunk-4YN7C2ZH.js";
import "./chunk-TDDTI4OZ.js";
import "./chunk-O2T6RYZ3.js";
import "./chunk-545Z3XKG.js";
import "./chunk-USRRF2GE.js";
import "./chunk-JK3NYHQT.js";
import "./chunk-YTHL6NVM.js";
import "./chunk-IZF6KDBA.js";
export {
  deployCountTargets,
  deployGates,
  freshnessExtraCheck,
  recordDeployRowCounts,
  rowCountAnomalyExtraCheck
};
