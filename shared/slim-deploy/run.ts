/**
 * Slim deploys against a warehouse: list the colour schemas, plan
 * (plan.ts, pure), execute the clone statements, and the record DEPLOY_STATE
 * keeps of what was cloned and what was built.
 */
import { OperationError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import type { Statement } from '../sql/plan.js';
import { runStatement } from '../warehouse/run.js';
import type { Queryable, Warehouse } from '../warehouse/types.js';
import { deploySqlFor } from '../dialects/deploy.js';
import { adminNames, checkEnvironment, eventValues, readDeployState, type StateOptions } from '../deploy/state.js';
import { catalogKey, colourSchemas, planSlim, type Catalog, type SlimPlanRequest } from './plan.js';
import type { CatalogRelation, CloneSql, SlimDeployRecord, SlimPlan } from './types.js';

export async function cloneSqlFor(dialect: 'snowflake' | 'postgres'): Promise<CloneSql> {
  if (dialect === 'snowflake') return (await import('../dialects/snowflake/clone.js')).snowflakeCloneSql;
  return (await import('../dialects/postgres/clone.js')).postgresCloneSql;
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === 'string' && ['y', 'yes', 'true', 't', '1'].includes(v.toLowerCase()));
}

/** What each colour schema holds (tables, views with their text). */
export async function readColourCatalog(q: Queryable, sql: CloneSql, schemas: { database?: string; live: string; idle: string }[]): Promise<Catalog> {
  const catalog: Catalog = new Map();
  const wanted = new Map<string, { database?: string; schema: string }>();
  for (const s of schemas) {
    wanted.set(catalogKey(s.database, s.live), { database: s.database, schema: s.live });
    wanted.set(catalogKey(s.database, s.idle), { database: s.database, schema: s.idle });
  }
  for (const [key, s] of wanted) {
    const rows = await runStatement(q, sql.listTables(s.database, s.schema));
    // Column names arrive in lower case from every adapter (the Snowflake one folds them once).
    const rels: CatalogRelation[] = rows.map((r) => ({
      name: String(r.name),
      kind: r.kind === 'table' || r.kind === 'view' ? r.kind : 'other',
      transient: truthy(r.transient),
    }));
    if (sql.viewDefinitions && rels.some((r) => r.kind === 'view')) {
      const st = sql.viewDefinitions(s.database, s.schema);
      const defs = new Map((await runStatement(q, st)).map((r) => [String(r.name), r.definition == null ? null : String(r.definition)]));
      for (const r of rels) if (r.kind === 'view') r.definition = defs.get(r.name) ?? null;
    }
    catalog.set(key, rels);
  }
  return catalog;
}

/** Plan a slim deploy on a warehouse: lists the colour schemas when clones are possible. */
export async function planSlimDeploy(wh: Pick<Warehouse, 'dialect' | 'capabilities'> & Queryable, req: Omit<SlimPlanRequest, 'dialect' | 'canClone'>): Promise<SlimPlan> {
  const full: SlimPlanRequest = { ...req, dialect: wh.dialect, canClone: wh.capabilities.clone };
  const sql = await cloneSqlFor(wh.dialect);
  if (!full.canClone || !full.liveManifest) return planSlim(full, new Map(), sql);
  const catalog = await readColourCatalog(wh, sql, colourSchemas(full));
  return planSlim(full, catalog, sql);
}

/** Run the clone statements (in parallel where the warehouse has real concurrent sessions). */
export async function executeSlimPlan(wh: Warehouse, plan: SlimPlan, rt: Pick<Runtime, 'info'>, opts: { concurrency?: number } = {}): Promise<SlimDeployRecord> {
  const started = Date.now();
  if (plan.mode === 'full') {
    rt.info(`slim deploy: ${plan.reason}`);
    return slimRecord(plan, 0, 0);
  }
  const n = wh.capabilities.concurrentSessions ? Math.max(1, opts.concurrency ?? 8) : 1;
  let next = 0;
  let done = 0;
  const exec = async (st: Statement): Promise<void> => {
    try {
      await runStatement(wh, st);
    } catch (err) {
      throw new OperationError(`Clone into the idle colour failed: ${(err as Error).message}\n  Statement: ${st.sql}`, {
        hint: 'The live colour is untouched. Fix the cause (privileges: the deploy role needs OWNERSHIP or SELECT on the live tables and CREATE TABLE on the idle colour schemas) and rerun; clones are CREATE OR REPLACE, so a rerun starts over cleanly. Or deploy with build: full.',
        cause: err,
      });
    }
    done++;
    if (done % 100 === 0) rt.info(`slim deploy: ${done}/${plan.statements.length} clones`);
  };
  await Promise.all(
    Array.from({ length: Math.min(n, plan.statements.length) }, async () => {
      while (next < plan.statements.length) await exec(plan.statements[next++]!);
    }),
  );
  rt.info(`slim deploy: cloned ${plan.clones.length} table(s) into the idle colour in ${((Date.now() - started) / 1000).toFixed(1)} s; dbt builds ${plan.build.nodes.length} node(s): dbt build --select ${plan.build.select.join(' ')}`);
  return slimRecord(plan, plan.statements.length, (Date.now() - started) / 1000);
}

export function slimRecord(plan: SlimPlan, statementsRun: number, seconds: number): SlimDeployRecord {
  return {
    mode: plan.mode,
    reason: plan.reason,
    cloned: plan.clones.map((c) => c.node),
    built: plan.build.nodes,
    select: plan.build.select,
    refresh: plan.refresh,
    statementsRun,
    seconds: Math.round(seconds * 10) / 10,
  };
}

/** The prefix of the DEPLOY_STATE `reason` of a slim-build row; the rest is the record as JSON. */
export const SLIM_REASON_PREFIX = 'slim-build ';

/**
 * The hook the deploy calls after the clones (and again after dbt built, if
 * it likes): one DEPLOY_STATE row for `deployId` that keeps the deploy's
 * current status (so the fold of its rows is unchanged) and carries the
 * record in `reason` as `slim-build {json}`. A row with a reason never
 * overwrites who ran the deploy (see foldEvents).
 */
export async function recordSlimDeploy(wh: Warehouse, opts: StateOptions & { deployId: string; actor: string; runUrl?: string }, record: SlimDeployRecord): Promise<void> {
  const environment = checkEnvironment(opts.environment);
  const state = await readDeployState(wh, opts);
  const d = state.deploys.find((x) => x.deployId === opts.deployId);
  if (!d) {
    throw new OperationError(`Deploy ${opts.deployId} is not in DEPLOY_STATE for environment '${environment}'; the slim build cannot be recorded.`, {
      hint: 'Record it after `phase: prepare` (which writes the STARTED row) with the deploy id prepare exported.',
    });
  }
  const sql = await deploySqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  await runStatement(wh, sql.insertEvent(a, eventValues({ deploy_id: opts.deployId, environment, status: d.status, colour: d.colour, actor: opts.actor, run_url: opts.runUrl ?? null, reason: SLIM_REASON_PREFIX + JSON.stringify(record) })));
}

/** The slim-build record of a deploy, read back from its DEPLOY_STATE rows (latest wins). */
export function slimRecordOf(events: { reason: string | null }[]): SlimDeployRecord | undefined {
  const e = events.filter((x) => x.reason?.startsWith(SLIM_REASON_PREFIX)).at(-1);
  return e ? (JSON.parse(e.reason!.slice(SLIM_REASON_PREFIX.length)) as SlimDeployRecord) : undefined;
}
