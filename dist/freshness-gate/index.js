import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseFreshnessGateInputs
} from "../chunks/chunk-R7ZAWWO7.js";
import "../chunks/chunk-4AYLGPMZ.js";
import {
  runAction
} from "../chunks/chunk-HI73ILGS.js";
import "../chunks/chunk-EPPMHQ3K.js";
import "../chunks/chunk-4EJKEUIK.js";
import "../chunks/chunk-IZF6KDBA.js";

// actions/freshness-gate/index.ts
void runAction({
  parse: (inputs) => parseFreshnessGateInputs(inputs),
  run: async (rt, opts, event, inputs) => {
    const [{ runFreshnessGateAction }, { warehouseFromInputs }] = await Promise.all([import("../chunks/action-35HNTTC7.js"), import("../chunks/connection-ZN5IKXKF.js")]);
    const open = warehouseFromInputs(rt, inputs);
    await runFreshnessGateAction(rt, opts, event, { openWarehouse: () => open({ action: "freshness-gate" }) });
  }
});
