import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  countRequests,
  listOpenPulls,
  openPullsAmong,
  openPullsLookup,
  parseRepo
} from "./chunk-Y5SKMHMK.js";
import "./chunk-IZF6KDBA.js";
export {
  countRequests,
  listOpenPulls,
  openPullsAmong,
  openPullsLookup,
  parseRepo
};
