import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseGrantPolicyInputs
} from "../chunks/chunk-KLGOLA52.js";
import {
  runAction
} from "../chunks/chunk-3ASLFDF7.js";
import "../chunks/chunk-RYJ2GFLB.js";
import "../chunks/chunk-4EJKEUIK.js";
import "../chunks/chunk-IZF6KDBA.js";

// actions/grant-policy/index.ts
void runAction({
  parse: (inputs) => parseGrantPolicyInputs(inputs),
  run: async (rt, opts, event) => {
    const { runGrantPolicy } = await import("../chunks/action-J2CG6MBP.js");
    await runGrantPolicy(rt, opts, event);
  }
});
