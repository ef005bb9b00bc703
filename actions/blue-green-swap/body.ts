/**
 * The body of actions/blue-green-swap (one hop from the entry), free of
 * @actions/*: `phase: prepare`
 * takes the lock and exports the colour for dbt; `phase: cutover` checks and
 * swaps. The entry (index.ts) checks the required inputs first
 * (./inputs.ts) and loads this module only then; it passes the runtime, the
 * inputs and the event.
 */
import { join } from 'node:path';
import type { EventContext } from '../../shared/actions-adapter/context.js';
import type { Inputs } from '../../shared/actions-adapter/runtime.js';
import { GateFailure } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime/port.js';
import { formatPlan } from '../../shared/sql/plan.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { warehouseFromInputs } from '../../shared/config/connection.js';
import type { CheckContext, CheckResult, ExtraCheck } from '../../shared/deploy/checks.js';
import { formatChecks } from '../../shared/deploy/checks.js';
import { abortDeploy, cutoverDeploy, cutoverPlan, dryRunContext, prepareDeploy, preparePlan } from '../../shared/deploy/index.js';
import { loadArtifacts, parseLease, parseSchemas, parseTolerance, parseWarnPolicy } from '../../shared/deploy/options.js';
import { cutoverMarkdown, deployOutputs, failedMarkdown } from '../../shared/deploy/report.js';
import { projectQuoting } from '../../shared/deploy/names.js';
import { adoptDeploy, adoptPlan, adoptPlanStatements } from '../../shared/deploy/adopt.js';
import { parseBlueGreenRequired } from './inputs.js';

export interface BlueGreenDeps {
  openWarehouse(queryTag: { action: string; sha?: string }): Promise<Warehouse>;
  /** Gates other features plug in (the entry passes the freshness gate and row-count history here). */
  extraChecks?: ExtraCheck[];
  /** Runs once the deploy is LIVE (records row counts). */
  afterLive?: (ctx: CheckContext) => Promise<void>;
}

function setOutputs(rt: Runtime, outputs: Record<string, string>): void {
  for (const [k, v] of Object.entries(outputs)) rt.setOutput(k, v);
}

export async function blueGreenAction(rt: Runtime, inputs: Inputs, event: EventContext, deps: BlueGreenDeps): Promise<void> {
  const { phase, environment } = parseBlueGreenRequired(inputs);
  const projectDir = inputs.get('project-dir') ?? '.';
  const common = {
    environment,
    schemas: parseSchemas(inputs.list('schemas')),
    adminSchema: inputs.get('admin-schema') ?? 'SLIPWAY',
    database: inputs.get('database'),
    suffixBlue: inputs.get('suffix-blue') ?? '__BLUE',
    suffixGreen: inputs.get('suffix-green') ?? '__GREEN',
    actor: event.actor || 'github-actions',
    runUrl: event.runUrl,
    gitSha: event.sha,
    leaseMinutes: parseLease(inputs.get('lease-minutes'), "input 'lease-minutes'"),
    databaseSwap: inputs.bool('database-swap', false),
    publishedDatabase: inputs.get('published-database'),
    quoting: projectQuoting(projectDir),
  };
  const dryRun = inputs.bool('dry-run', false);
  const tag = { action: `blue-green-swap-${phase}`, sha: event.sha };

  if (phase === 'abort') {
    const wh = await deps.openWarehouse(tag);
    try {
      const r = await abortDeploy(wh, { ...common, deployId: inputs.get('deploy-id') ?? process.env.SLIPWAY_DEPLOY_ID, reason: inputs.get('reason') ?? 'the dbt build failed' }, rt);
      rt.setOutput('deploy-id', r.deployId ?? '');
      if (r.aborted) await rt.appendSummary(`### ⛔ Deploy \`${r.deployId}\` aborted in \`${environment}\`\n\nRecorded FAILED; the deploy lock is released and consumers keep reading the live colour.`);
    } finally {
      await wh.close();
    }
    return;
  }

  if (phase === 'adopt') {
    // Taking existing schemas under blue/green, once, before the first deploy (docs/adoption.md).
    const wh = await deps.openWarehouse(tag);
    try {
      const o = { ...common, schemas: common.schemas ?? [] };
      if (dryRun) {
        rt.info(formatPlan(adoptPlanStatements(await adoptPlan(wh, o)), wh.dialect));
        return;
      }
      const r = await adoptDeploy(wh, o, rt);
      rt.setOutput('deploy-id', r.deployId);
      rt.setOutput('colour', r.colour);
      await rt.appendSummary(`### 📥 Adopted ${r.schemas.map((s) => `\`${s.published}\``).join(', ')} into blue/green in \`${environment}\`\n\n${r.tablesMoved} table(s) moved into the blue colour; consumers read the same names through views. Deploy \`${r.deployId}\` is LIVE; the next deploy builds green.`);
    } finally {
      await wh.close();
    }
    return;
  }

  if (phase === 'prepare') {
    const { manifest, manifestSha256 } = await loadArtifacts({ manifest: inputs.get('manifest') }, rt);
    const wh = await deps.openWarehouse(tag);
    try {
      if (dryRun) {
        const ctx = await dryRunContext(wh, common, 'prepare');
        rt.info(formatPlan(await preparePlan({ ...common, ...ctx, dialect: wh.dialect, manifest, manifestSha256 }), wh.dialect));
        return;
      }
      const r = await prepareDeploy(wh, { ...common, manifest, manifestSha256 }, rt);
      setOutputs(rt, deployOutputs(r));
      // dbt's generate_schema_name macro (action-examples/dbt/macros/generate_schema_name.sql) appends this suffix.
      rt.exportVariable('SLIPWAY_SCHEMA_SUFFIX', r.schemaSuffix);
      rt.exportVariable('SLIPWAY_DEPLOY_ID', r.deployId);
      rt.exportVariable('SLIPWAY_DEPLOY_COLOUR', r.colour);
      await rt.appendSummary(`### 🏗️ Deploy \`${r.deployId}\` started in \`${environment}\`\n\nBuilding the **${r.colour}** colour into ${r.schemas.map((s) => `\`${s}\``).join(', ')}; consumers keep reading **${r.previousColour ?? 'nothing yet'}**.`);
    } finally {
      await wh.close();
    }
    return;
  }

  const arts = await loadArtifacts(
    {
      manifest: inputs.get('manifest'),
      runResults: inputs.get('run-results'),
      defaultManifest: join(projectDir, 'target', 'manifest.json'),
      defaultRunResults: join(projectDir, 'target', 'run_results.json'),
    },
    rt,
  );
  // Opt-in gates from the freshness feature: source freshness and row-count history (loaded only by a cutover).
  const { deployGates } = await import('../../shared/freshness/deploy-hooks.js');
  const gates = await deployGates({
    freshness: inputs.bool('freshness-gate', false),
    rowCountHistory: inputs.bool('row-count-history', false),
    configFile: inputs.get('freshness-config'),
    adminSchema: common.adminSchema,
  });
  const wh = await deps.openWarehouse(tag);
  const deployId = inputs.get('deploy-id') ?? process.env.SLIPWAY_DEPLOY_ID;
  try {
    if (dryRun) {
      const ctx = await dryRunContext(wh, { ...common, deployId }, 'cutover');
      rt.info(formatPlan(await cutoverPlan({ ...common, ...ctx, dialect: wh.dialect, manifest: arts.manifest, manifestSha256: arts.manifestSha256 }), wh.dialect));
      return;
    }
    const r = await cutoverDeploy(
      wh,
      {
        ...common,
        ...arts,
        deployId,
        checksDir: inputs.get('checks-dir'),
        rowCountTolerancePct: parseTolerance(inputs.get('row-count-tolerance'), "input 'row-count-tolerance'"),
        warnPolicy: parseWarnPolicy(inputs.get('warn-policy'), "input 'warn-policy'"),
        extraChecks: [...gates.extraChecks, ...(deps.extraChecks ?? [])],
        afterLive: deps.afterLive ?? gates.afterLive,
      },
      rt,
    );
    setOutputs(rt, deployOutputs(r));
    rt.setOutput('models', r.models);
    rt.setOutput('swap-statements', r.swapStatements);
    await rt.appendSummary(cutoverMarkdown(r));
  } catch (err) {
    const checks = err instanceof GateFailure ? (err.details as { checks?: CheckResult[] } | undefined)?.checks : undefined;
    if (checks) {
      for (const c of checks.filter((x) => x.status === 'fail')) rt.annotate('error', `${c.message}${c.items?.length ? `: ${c.items.slice(0, 5).join('; ')}` : ''}`, { title: `Pre-cutover check failed: ${c.name}` });
      rt.info(formatChecks(checks));
      await rt.appendSummary(failedMarkdown(deployId ?? '(holder of the lock)', environment, checks));
    }
    throw err;
  } finally {
    await wh.close();
  }
}

/** Open the warehouse from the connection inputs (profiles-dir/profile/target/project-dir): shared/config/connection.ts, the one way. */
export function openFromInputs(rt: Runtime, inputs: Inputs): BlueGreenDeps['openWarehouse'] {
  return (queryTag) => warehouseFromInputs(rt, inputs)(queryTag);
}
