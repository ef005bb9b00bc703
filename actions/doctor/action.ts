/** The doctor action's body: the same check as `slipway doctor`, reported in the job summary. */
import { doctorScope, doctorText, runDoctor } from '../../shared/doctor/doctor.js';
import { GateFailure } from '../../shared/errors.js';
import type { Feature } from '../../shared/permissions/model.js';
import type { Runtime } from '../../shared/runtime/port.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import type { DoctorInputs } from './inputs.js';

export async function runDoctorAction(rt: Runtime, opts: DoctorInputs, deps: { openWarehouse: () => Promise<Warehouse> }): Promise<void> {
  const scope = doctorScope(opts.as, opts.features as Feature[], opts.target);
  const wh = await deps.openWarehouse();
  try {
    const report = await runDoctor(wh, { ...scope, rawDatabase: opts.rawDatabase, prodDatabase: opts.prodDatabase, environment: opts.environment, adminSchema: opts.adminSchema });
    const missing = report.checks.filter((c) => c.status === 'missing');
    rt.setOutput('ready', String(report.ready));
    rt.setOutput('missing', JSON.stringify(missing));
    await rt.appendSummary(`### Slipway doctor: ${report.ready ? '✅ ready' : `❌ ${missing.length} missing`}\n\n\`\`\`text\n${doctorText(report)}\n\`\`\`\n`);
    for (const c of report.checks.filter((x) => x.status === 'warn')) rt.warn(`${c.area}: ${c.name} — ${c.detail}`);
    if (!report.ready) {
      const text = `${missing.length} thing(s) this job needs are missing: ${missing.map((c) => c.name).join('; ')}.`;
      const hint = `An administrator runs:\n${missing.map((c) => c.fix).filter(Boolean).join('\n')}\n(see docs/permissions.md)`;
      if (opts.failOnMissing) throw new GateFailure(text, { hint });
      rt.warn(`${text} ${hint}`);
    }
  } finally {
    await wh.close();
  }
}
