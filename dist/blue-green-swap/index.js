import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseBlueGreenRequired
} from "../chunks/chunk-WKIDC2JC.js";
import {
  runAction
} from "../chunks/chunk-3ASLFDF7.js";
import "../chunks/chunk-RYJ2GFLB.js";
import "../chunks/chunk-4EJKEUIK.js";
import "../chunks/chunk-IZF6KDBA.js";

// actions/blue-green-swap/index.ts
void runAction({
  parse: (inputs) => parseBlueGreenRequired(inputs),
  run: async (rt, _required, event, inputs) => {
    const { blueGreenAction, openFromInputs } = await import("../chunks/body-BIOSS6DP.js");
    await blueGreenAction(rt, inputs, event, { openWarehouse: openFromInputs(rt, inputs) });
  }
});
