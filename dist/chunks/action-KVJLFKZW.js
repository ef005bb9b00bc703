import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);
import {
  doctorScope,
  doctorText,
  runDoctor
} from "./chunk-SR2SWEZU.js";
import "./chunk-545Z3XKG.js";
import "./chunk-AIQJCJRY.js";
import "./chunk-4W35UCXX.js";
import "./chunk-U2YJDY4W.js";
import "./chunk-JK3NYHQT.js";
import "./chunk-YTHL6NVM.js";
import {
  GateFailure
} from "./chunk-IZF6KDBA.js";

// actions/doctor/action.ts
async function runDoctorAction(rt, opts, deps) {
  const scope = doctorScope(opts.as, opts.features, opts.target);
  const wh = await deps.openWarehouse();
  try {
    const report = await runDoctor(wh, { ...scope, rawDatabase: opts.rawDatabase, prodDatabase: opts.prodDatabase, environment: opts.environment, adminSchema: opts.adminSchema });
    const missing = report.checks.filter((c) => c.status === "missing");
    rt.setOutput("ready", String(report.ready));
    rt.setOutput("missing", JSON.stringify(missing));
    await rt.appendSummary(`### Slipway doctor: ${report.ready ? "✅ ready" : `❌ ${missing.length} missing`}

\`\`\`text
${doctorText(report)}
\`\`\`
`);
    for (const c of report.checks.filter((x) => x.status === "warn")) rt.warn(`${c.area}: ${c.name} — ${c.detail}`);
    if (!report.ready) {
      const text = `${missing.length} thing(s) this job needs are missing: ${missing.map((c) => c.name).join("; ")}.`;
      const hint = `An administrator runs:
${missing.map((c) => c.fix).filter(Boolean).join("\n")}
(see docs/permissions.md)`;
      if (opts.failOnMissing) throw new GateFailure(text, { hint });
      rt.warn(`${text} ${hint}`);
    }
  } finally {
    await wh.close();
  }
}
export {
  runDoctorAction
};
