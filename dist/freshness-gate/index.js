import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseFreshnessGateInputs
} from "../chunks/chunk-R7ZAWWO7.js";
import "../chunks/chunk-4AYLGPMZ.js";
import {
  runAction
} from "../chunks/chunk-3ASLFDF7.js";
import "../chunks/chunk-RYJ2GFLB.js";
import "../chunks/chunk-4EJKEUIK.js";
import "../chunks/chunk-IZF6KDBA.js";

// actions/freshness-gate/index.ts
void runAction({
  parse: (inputs) => parseFreshnessGateInputs(inputs),
  run: async (rt, opts, event, inputs) => {
    const [{ runFreshnessGateAction }, { warehouseFromInputs }] = await Promise.all([import("../chunks/action-KZNCTUHE.js"), import("../chunks/connection-JJSCHHEW.js")]);
    const open = warehouseFromInputs(rt, inputs);
    await runFreshnessGateAction(rt, opts, event, { openWarehouse: () => open({ action: "freshness-gate" }) });
  }
});
