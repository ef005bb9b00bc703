import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parsePrSchemaInputs
} from "../chunks/chunk-V5QTZQYD.js";
import "../chunks/chunk-ZAP3IW53.js";
import "../chunks/chunk-E2H7YEBO.js";
import "../chunks/chunk-YTHL6NVM.js";
import {
  runAction
} from "../chunks/chunk-3ASLFDF7.js";
import "../chunks/chunk-RYJ2GFLB.js";
import "../chunks/chunk-4EJKEUIK.js";
import "../chunks/chunk-IZF6KDBA.js";

// actions/pr-schema/index.ts
void runAction({
  parse: (inputs, event) => parsePrSchemaInputs(inputs, event),
  run: async (rt, opts, _event, inputs) => {
    const [{ runPrSchema }, { warehouseFromInputs }] = await Promise.all([import("../chunks/action-YQL76YJL.js"), import("../chunks/connection-JJSCHHEW.js")]);
    await runPrSchema(rt, opts, { openWarehouse: warehouseFromInputs(rt, inputs) });
  }
});
