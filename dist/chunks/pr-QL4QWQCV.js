import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  impactGateFailure,
  prImpact
} from "./chunk-CCZM3JBJ.js";
import "./chunk-EQ7NBDB3.js";
import "./chunk-MP6FIDRT.js";
import "./chunk-545Z3XKG.js";
import "./chunk-2PTZB4HT.js";
import "./chunk-USRRF2GE.js";
import "./chunk-7EY7NJ5E.js";
import "./chunk-JK3NYHQT.js";
import "./chunk-YTHL6NVM.js";
import "./chunk-IZF6KDBA.js";
export {
  impactGateFailure,
  prImpact
};
