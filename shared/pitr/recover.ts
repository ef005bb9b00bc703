/**
 * Point-in-time recovery, end to end: refuse engines without time travel,
 * read metadata, plan, print (dry run) or apply under the deploy lock, and
 * audit every object restored or left.
 *
 * Snowflake DDL auto-commits statement by statement, so a recovery is not
 * one atomic step across tables: each table is restored by its own short
 * sequence (clone + swap; or rename + UNDROP + clone + swap). Everything is
 * validated before the first statement runs; if a statement fails midway the
 * error names exactly what already ran and what was left behind.
 */
import { randomBytes } from 'node:crypto';
import { GateFailure, OperationError, UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import type { Statement } from '../sql/plan.js';
import { runStatement } from '../warehouse/run.js';
import type { Warehouse } from '../warehouse/types.js';
import { createAdminSchema, createPitrLog, insertPitrLog, type PitrLogRow } from '../dialects/snowflake/pitr.js';
import { readPitrMetadata } from './metadata.js';
import { describePlan, planPitr } from './planner.js';
import type { PitrMetadata, PitrPlan, PlannedObject, RecoveryPoint } from './types.js';

export const DEFAULT_ADMIN_SCHEMA = 'SLIPWAY';

export interface PitrOptions {
  point: RecoveryPoint;
  /** Colour schemas of the live deploy to recover (resolved names, e.g. ANALYTICS__BLUE). */
  schemas: string[];
  database?: string;
  environment: string;
  adminSchema?: string;
  reason: string;
  actor: string;
  runUrl?: string;
  /** Apply even if some tables cannot be recovered; they are named and audited as LEFT. */
  partial?: boolean;
  dryRun?: boolean;
  /** Name suffix stamp (tests); default from the warehouse clock. */
  stamp?: string;
  /** Recorded metadata to plan from instead of reading the warehouse (offline dry runs, tests). */
  metadata?: PitrMetadata;
}

/** One audited outcome, handed to an external auditor (DEPLOY_STATE) when one is wired. */
export interface PitrAuditEntry extends Omit<PitrLogRow, 'database'> {
  database?: string;
}

export interface PitrDeps {
  /** Run `fn` holding the deploy lock (shared/deploy). A held lock must throw a UserError naming the holder. */
  withLock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Append an audit row somewhere else than PITR_LOG (e.g. DEPLOY_STATE). PITR_LOG is always written when this is absent. */
  audit?: (entry: PitrAuditEntry) => Promise<void>;
}

export interface PitrResult {
  mode: 'pitr';
  runId: string;
  applied: boolean;
  plan: PitrPlan;
  /** `SCHEMA.TABLE` restored. */
  restored: string[];
  /** Tables that needed restoring and were left as they are, with why. */
  left: { table: string; reason: string }[];
  /** Objects created beside the tables (pre-recovery data) for forensics. */
  leftBehind: string[];
  statements: Statement[];
  durationMs: number;
}

/** The capability check: engines without time travel get a clear refusal before anything else happens. */
export function assertTimeTravel(warehouse: Pick<Warehouse, 'capabilities' | 'description' | 'dialect'>): void {
  if (!warehouse.capabilities.timeTravel) {
    throw new UserError(
      `Point-in-time recovery is not supported on this warehouse (${warehouse.description}): it lacks the 'timeTravel' capability (AT/BEFORE and UNDROP).`,
      { hint: 'Use a re-swap rollback (slipway rollback --reason … [--to <deploy-id>]) or restore from your own backups; --at/--before-statement work on Snowflake only.' },
    );
  }
}

export function assertReason(reason: string | undefined): string {
  const r = (reason ?? '').trim();
  if (!r) {
    throw new UserError('A rollback needs a reason.', { hint: "Pass --reason '<what went wrong, ticket link>' (it is written to the audit trail)." });
  }
  return r;
}

function label(o: PlannedObject): string {
  return `${o.schema}.${o.name}`;
}

/** Refuse a plan that cannot be applied as asked; returns the objects to restore. */
export function checkApplicable(plan: PitrPlan, partial: boolean): PlannedObject[] {
  const restore = plan.objects.filter((o) => o.action === 'clone-swap' || o.action === 'undrop');
  const bad = plan.objects.filter((o) => o.action === 'unrecoverable');
  if (restore.length === 0) {
    if (bad.length) {
      throw new UserError(`Nothing can be recovered to ${plan.pointLabel}: ${bad.map((o) => `${label(o)} (${o.reason})`).join('; ')}.`, {
        hint: 'Choose a later point (within the tables\' retention) or restore from a backup; --dry-run shows the plan.',
      });
    }
    throw new UserError(`No table needs restoring to ${plan.pointLabel}: none of the tables in ${plan.schemas.join(', ')} existed then.`, {
      hint: 'Check the point and the environment; --dry-run shows the plan.',
    });
  }
  if (bad.length && !partial) {
    throw new GateFailure(`Point-in-time recovery refused: ${bad.length} of ${restore.length + bad.length} table(s) cannot be recovered to ${plan.pointLabel}; nothing was changed.\n${bad.map((o) => `  ${label(o)}: ${o.reason}`).join('\n')}`, {
      hint: `Rerun with --partial to restore the other ${restore.length} and leave exactly these as they are, or choose a later point.`,
      details: { unrecoverable: bad.map((o) => ({ table: label(o), reason: o.reason })) },
    });
  }
  return restore;
}

export async function pointInTimeRecover(warehouse: Warehouse | undefined, opts: PitrOptions, rt: Runtime, deps: PitrDeps = {}): Promise<PitrResult> {
  const started = Date.now();
  const reason = assertReason(opts.reason);
  if (warehouse) assertTimeTravel(warehouse);
  if (!warehouse && !opts.metadata) throw new UserError('Point-in-time recovery needs a Snowflake connection to read table metadata.', { hint: 'Configure the connection (dbt profile or SNOWFLAKE_* variables).' });
  if (opts.schemas.length === 0) throw new UserError('No schemas to recover.', { hint: 'Name the live colour schemas, or the environment whose live deploy should be recovered.' });
  const adminSchema = opts.adminSchema ?? DEFAULT_ADMIN_SCHEMA;
  const runId = `pitr-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;

  const makePlan = async (): Promise<PitrPlan> => {
    const meta = opts.metadata ?? (await readPitrMetadata(warehouse!, { database: opts.database, schemas: opts.schemas, point: opts.point }));
    return planPitr(meta, { point: opts.point, stamp: opts.stamp });
  };

  let plan = await makePlan();
  rt.info(describePlan(plan));
  const result = (applied: boolean, restored: string[], left: { table: string; reason: string }[], statements: Statement[]): PitrResult => ({
    mode: 'pitr',
    runId,
    applied,
    plan,
    restored,
    left,
    leftBehind: plan.objects.filter((o) => restored.includes(label(o))).flatMap((o) => o.leftBehind),
    statements,
    durationMs: Date.now() - started,
  });
  if (opts.dryRun) {
    return result(false, [], plan.objects.filter((o) => o.action === 'unrecoverable').map((o) => ({ table: label(o), reason: o.reason })), plan.statements);
  }
  checkApplicable(plan, !!opts.partial);
  if (!warehouse) throw new UserError('Recorded metadata can only be used with --dry-run.', { hint: 'Drop --metadata-file to apply against the warehouse.' });

  const apply = async (): Promise<PitrResult> => {
    // Re-read under the lock: a deploy may have finished between the first read and the lock.
    if (!opts.metadata) plan = await makePlan();
    const restore = checkApplicable(plan, !!opts.partial);
    const bad = plan.objects.filter((o) => o.action === 'unrecoverable');
    const audit = async (o: PlannedObject, status: PitrLogRow['status'], detail: string): Promise<void> => {
      const row: PitrLogRow = {
        runId,
        environment: opts.environment,
        database: o.database ?? plan.database,
        schema: o.schema,
        table: o.name,
        action: o.action,
        point: plan.pointLabel,
        status,
        reason,
        actor: opts.actor,
        runUrl: opts.runUrl,
        detail,
      };
      if (deps.audit) await deps.audit(row);
      else {
        const st = insertPitrLog(plan.database, adminSchema, row);
        await runStatement(warehouse, st);
      }
    };
    const ran: Statement[] = [];
    if (!deps.audit) {
      for (const st of [createAdminSchema(plan.database, adminSchema), createPitrLog(plan.database, adminSchema)]) {
        await runStatement(warehouse, st);
        ran.push(st);
      }
    }
    const restored: string[] = [];
    for (const o of restore) {
      const done: Statement[] = [];
      try {
        for (const st of o.statements) {
          await runStatement(warehouse, st);
          done.push(st);
          ran.push(st);
        }
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        // An UNDROP walk that stopped after renaming the current object away would leave the name empty (or on an older
        // version) for every consumer: put the original back before reporting.
        let putBack = '';
        if (o.putBack && done.length > 0) {
          await runStatement(warehouse, o.putBack[0]!).catch(() => undefined); // the name may be empty: nothing to move aside
          try {
            await runStatement(warehouse, o.putBack[1]!);
            putBack = `  ${label(o)} was put back as it was before the recovery (whatever held the name meanwhile is in ${o.name}__PITR_${plan.stamp}_FAILED).\n`;
          } catch (e) {
            putBack = `  COULD NOT put ${label(o)} back (${e instanceof Error ? e.message : String(e)}): run\n    ${o.putBack[1]!.sql};\n`;
          }
        }
        await audit(o, 'FAILED', `after ${done.length} of ${o.statements.length} statement(s): ${msg}${putBack ? `; ${putBack.trim()}` : ''}`).catch(() => undefined);
        throw new OperationError(
          `Point-in-time recovery stopped at ${label(o)} after ${done.length} of its ${o.statements.length} statement(s): ${msg}\n` +
            `  Restored before it: ${restored.length ? restored.join(', ') : 'none'}.\n` +
            (done.length ? `  Already run for ${label(o)}:\n${done.map((s) => `    ${s.sql};`).join('\n')}\n` : '') +
            putBack +
            `  Not started: ${restore.slice(restore.indexOf(o) + 1).map(label).join(', ') || 'none'}.`,
          { hint: `Check ${label(o)} and the objects named ${o.name}__PITR_${plan.stamp}* in ${o.schema}; every step is in ${adminSchema}.PITR_LOG (run ${runId}).`, cause: err },
        );
      }
      restored.push(label(o));
      await audit(o, 'RESTORED', `${o.action}; kept beside it: ${o.leftBehind.join(', ')}`);
      rt.info(`restored ${label(o)} (${o.action})`);
    }
    for (const o of bad) {
      await audit(o, 'LEFT', o.reason);
      rt.warn(`left as it is (cannot be recovered): ${label(o)}: ${o.reason}`);
    }
    return result(true, restored, bad.map((o) => ({ table: label(o), reason: o.reason })), ran);
  };
  return deps.withLock ? deps.withLock(apply) : apply();
}
