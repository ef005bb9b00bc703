import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  prSchemaAction,
  warehouseFromInputs
} from "../chunks/chunk-ODE2HXSC.js";
import {
  eventContext,
  runAction
} from "../chunks/chunk-KJH36VYR.js";
import "../chunks/chunk-K7CEE2WU.js";
import "../chunks/chunk-ECURHBFG.js";
import "../chunks/chunk-3MAQJBEG.js";
import "../chunks/chunk-J4UHCTT6.js";
import "../chunks/chunk-S34CNGQ3.js";
import "../chunks/chunk-3MA4WQK5.js";
import "../chunks/chunk-YASYTQ2Y.js";
import "../chunks/chunk-V2UDNE4W.js";
import "../chunks/chunk-WLODUQ4F.js";

// actions/pr-schema/index.ts
void runAction(async (rt, inputs) => {
  await prSchemaAction(rt, inputs, eventContext(), { openWarehouse: warehouseFromInputs(rt, inputs) });
});
