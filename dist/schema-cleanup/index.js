import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  parseSchemaCleanupInputs
} from "../chunks/chunk-MYULN6CW.js";
import "../chunks/chunk-ZAP3IW53.js";
import "../chunks/chunk-E2H7YEBO.js";
import "../chunks/chunk-YTHL6NVM.js";
import {
  runAction
} from "../chunks/chunk-3ASLFDF7.js";
import "../chunks/chunk-RYJ2GFLB.js";
import "../chunks/chunk-4EJKEUIK.js";
import "../chunks/chunk-IZF6KDBA.js";

// actions/schema-cleanup/index.ts
void runAction({
  parse: (inputs, event) => parseSchemaCleanupInputs(inputs, event),
  run: async (rt, opts, _event, inputs) => {
    const [{ runSchemaCleanup }, { warehouseFromInputs }] = await Promise.all([import("../chunks/action-GEKEFDJT.js"), import("../chunks/connection-JJSCHHEW.js")]);
    const token = opts.token;
    let openPulls;
    if (token) {
      rt.mask(token);
      const [{ createOctokit }, { openPullsLookup }] = await Promise.all([import("../chunks/client-DARJTNV5.js"), import("../chunks/pulls-RXMKSV6K.js")]);
      openPulls = () => openPullsLookup(createOctokit({ token, log: rt }));
    }
    await runSchemaCleanup(rt, opts, { openWarehouse: warehouseFromInputs(rt, inputs), openPulls });
  }
});
