import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  checkRollbackInputs
} from "../chunks/chunk-GXSGINFV.js";
import "../chunks/chunk-4PQSW55K.js";
import "../chunks/chunk-4W35UCXX.js";
import "../chunks/chunk-U2YJDY4W.js";
import "../chunks/chunk-JK3NYHQT.js";
import "../chunks/chunk-YTHL6NVM.js";
import {
  runAction
} from "../chunks/chunk-3ASLFDF7.js";
import "../chunks/chunk-RYJ2GFLB.js";
import "../chunks/chunk-4EJKEUIK.js";
import "../chunks/chunk-IZF6KDBA.js";

// actions/rollback/index.ts
void runAction({
  parse: (inputs) => checkRollbackInputs(inputs),
  run: async (rt, _checked, event, inputs) => {
    const [{ rollbackAction }, { warehouseFromInputs }] = await Promise.all([import("../chunks/body-P5LCHBAU.js"), import("../chunks/connection-JJSCHHEW.js")]);
    await rollbackAction(rt, inputs, { actor: event.actor, runUrl: event.runUrl }, () => warehouseFromInputs(rt, inputs)({ action: "rollback", sha: event.sha }));
  }
});
