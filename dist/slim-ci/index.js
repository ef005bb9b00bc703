import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseSlimCiInputs
} from "../chunks/chunk-WKU3PQHJ.js";
import "../chunks/chunk-2PTZB4HT.js";
import {
  runAction
} from "../chunks/chunk-3ASLFDF7.js";
import "../chunks/chunk-RYJ2GFLB.js";
import "../chunks/chunk-4EJKEUIK.js";
import "../chunks/chunk-IZF6KDBA.js";

// actions/slim-ci/index.ts
void runAction({
  parse: (inputs) => parseSlimCiInputs(inputs),
  run: async (rt, opts, event) => {
    const [{ runSlimCiAction }, { ActionsStateCache }] = await Promise.all([import("../chunks/action-PIXI3XAT.js"), import("../chunks/cache-BDCKCCGL.js")]);
    await runSlimCiAction(rt, opts, event, { cache: ActionsStateCache.available() ? new ActionsStateCache() : void 0 });
  }
});
