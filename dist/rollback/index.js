import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  eventContext,
  runAction
} from "../chunks/chunk-KJH36VYR.js";
import {
  rollbackAction
} from "../chunks/chunk-EE6ZBDJW.js";
import "../chunks/chunk-CNVGF5AA.js";
import "../chunks/chunk-TI3OI3EX.js";
import "../chunks/chunk-3MAQJBEG.js";
import "../chunks/chunk-RCJNHNKN.js";
import "../chunks/chunk-XBQYJD25.js";
import "../chunks/chunk-YASYTQ2Y.js";
import "../chunks/chunk-V2UDNE4W.js";
import "../chunks/chunk-WLODUQ4F.js";

// actions/rollback/index.ts
void runAction(async (rt, inputs) => {
  const ctx = eventContext();
  await rollbackAction(rt, inputs, { actor: ctx.actor, runUrl: ctx.runUrl }, async () => {
    const { resolveConnection } = await import("../chunks/common-AMN7BQQU.js");
    const { connect } = await import("../chunks/warehouse-I4GVSHIC.js");
    const config = await resolveConnection(
      { profilesDir: inputs.get("profiles-dir"), profile: inputs.get("profile"), target: inputs.get("target"), projectDir: inputs.get("project-dir") ?? "." },
      rt
    );
    return connect(config, { queryTag: { action: "rollback", repo: process.env.GITHUB_REPOSITORY, run: process.env.GITHUB_RUN_ID, sha: ctx.sha } });
  });
});
