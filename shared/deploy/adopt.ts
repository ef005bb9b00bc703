/**
 * `slipway deploy adopt`: take an existing production schema `<S>` (tables
 * Slipway did not create) under blue/green without losing anything. Under the
 * deploy lock, every table of `<S>` moves into the blue colour schema (data,
 * indexes and grants move with it), `<S>` gets one `SELECT *` view per table
 * with the table's grants, and DEPLOY_STATE records the adoption as a LIVE
 * deploy on blue, so the next deploy builds green and its cutover swaps views
 * as usual (the adopted views wait in `<S>__NEXT` for a rollback).
 *
 * Refused, with the list, before anything runs: views or other objects in
 * `<S>` (a view holds SQL that would break when its tables move), a colour or
 * staging schema that is not empty, an environment that already has a live
 * deploy, a lock held by someone else. Postgres runs the whole move in one
 * transaction; on Snowflake (non-transactional DDL) each table's move is
 * followed at once by its view, so a reader misses a table only between those
 * two statements; a failure keeps the deploy lock held so no deploy starts on a
 * half-moved schema.
 * `--dry-run` prints the same statement list the real run executes.
 */
import { GateFailure, UserError } from '../errors.js';
import type { Runtime } from '../runtime/port.js';
import type { Statement } from '../sql/plan.js';
import type { Warehouse } from '../warehouse/types.js';
import { deploySqlFor, type AdminNames, type DeploySql } from '../dialects/deploy.js';
import { adoptSqlFor, type AdoptSql } from '../dialects/adopt.js';
import type { CheckResult } from './checks.js';
import { assertTransition } from './lifecycle.js';
import { colourNames, resolvePublished, suffixed, type ColourNames, type ColourOptions } from './names.js';
import { acquireLock, adminNames, checkEnvironment, ensureAdmin, eventValues, newDeployId, readDeployState, type StateOptions } from './state.js';
import { runStatement } from '../warehouse/run.js';

export interface AdoptOptions extends StateOptions, ColourOptions {
  /** The existing published schemas to take over. */
  schemas: string[];
  actor: string;
  runUrl?: string;
  gitSha?: string;
  leaseMinutes?: number;
}

export interface AdoptedSchema {
  published: string;
  /** The blue colour schema the tables move into, as the warehouse names it. */
  colourSchema: string;
  tables: string[];
}

export interface AdoptPlan {
  deployId: string;
  environment: string;
  colour: 'blue';
  schemas: AdoptedSchema[];
  /** Creating the admin objects (when missing) and taking the deploy lock: run first, each on its own. */
  preamble: Statement[];
  /** The statements that run under the deploy lock, in order (Postgres: inside one transaction). */
  statements: Statement[];
  transactional: boolean;
}

export interface AdoptResult extends AdoptPlan {
  tablesMoved: number;
  viewsCreated: number;
  grantsCopied: number;
}

async function schemaExists(wh: Warehouse, sql: DeploySql, db: string | undefined, schema: string): Promise<boolean> {
  return (await runStatement(wh, sql.schemaExists(db, schema))).length > 0;
}

async function objectsOf(wh: Warehouse, sql: DeploySql, db: string | undefined, schema: string): Promise<{ name: string; kind: string }[]> {
  if (!(await schemaExists(wh, sql, db, schema))) return [];
  return (await runStatement(wh, sql.schemaObjects(db, schema))).map((r) => ({ name: String(r.name), kind: String(r.kind) }));
}

/** Inspect the warehouse and build the plan; throws GateFailure naming every reason it cannot adopt. Read-only. */
async function buildPlan(wh: Warehouse, sql: DeploySql, asql: AdoptSql, a: AdminNames, names: ColourNames, opts: AdoptOptions & { environment: string; deployId: string; published: string[]; holder?: string }): Promise<AdoptPlan> {
  const d = wh.dialect;
  const db = a.database;
  const state = await readDeployState(wh, opts);
  const problems: string[] = [];
  if (state.live) {
    throw new GateFailure(`Environment '${opts.environment}' is already under blue/green: deploy ${state.live.deployId} is LIVE on ${state.live.colour ?? '?'} (${state.live.schemas.join(', ')}). Nothing was changed.`, {
      hint: 'Adoption is for the first time only; deploy as usual with `slipway deploy prepare` / `cutover`.',
    });
  }
  if (state.lock?.holder && state.lock.holder !== opts.holder && !state.lock.expired) {
    problems.push(`the deploy lock is held by ${state.lock.holder}${state.lock.runUrl ? ` (run ${state.lock.runUrl})` : ''} until ${state.lock.expiresAt ?? '?'}`);
  }
  const schemas: AdoptedSchema[] = [];
  const statements: Statement[] = [];
  for (const p of opts.published) {
    const blue = suffixed(p, names.suffix.blue, d, names.quoting);
    const others = [suffixed(p, names.suffix.green, d, names.quoting), suffixed(p, names.next, d, names.quoting)];
    if (!(await schemaExists(wh, sql, db, p))) {
      problems.push(`${p} does not exist (nothing to adopt; a first deploy creates it)`);
      continue;
    }
    const objs = await objectsOf(wh, sql, db, p);
    const tables = objs.filter((o) => o.kind === 'table').map((o) => o.name);
    const owned = new Set(asql.ownedSequences ? (await runStatement(wh, asql.ownedSequences(db, p))).map((r) => String(r.name)) : []);
    for (const o of objs) if (o.kind !== 'table' && !(o.kind === 'sequence' && owned.has(o.name))) problems.push(`${p}.${o.name} (${o.kind}) would not survive the move: only tables are adopted${o.kind === 'view' ? ' (a view holds SQL naming the tables; re-create it as a dbt model, or move it out of the schema)' : ''}`);
    if (!objs.length) problems.push(`${p} is empty (nothing to adopt; a first deploy creates its views)`);
    for (const s of [blue, ...others]) {
      const inside = await objectsOf(wh, sql, db, s);
      if (inside.length) problems.push(`${s} is not empty (${inside.slice(0, 5).map((o) => `${o.name} (${o.kind})`).join(', ')}${inside.length > 5 ? ', …' : ''}): adoption needs the colour and staging schemas empty`);
    }
    if (!tables.length) continue;
    // The tables' grants for other roles are copied to the views consumers will read (they stay on the tables too).
    const grantRows: Record<string, unknown>[][] = [];
    for (const st of sql.readGrants(db, p)) grantRows.push(await runStatement(wh, st));
    const tableSet = new Set(tables);
    const grants = sql.parseGrants(grantRows, p).filter((g) => g.level === 'object' && tableSet.has(g.on));
    schemas.push({ published: p, colourSchema: blue, tables });
    statements.push(sql.createSchemaIfMissing(db, blue));
    for (const t of tables) {
      statements.push(asql.moveTable(db, p, t, blue));
      statements.push({ ...sql.createView(db, p, t, blue, t), purpose: `adopt: consumers keep reading ${p}.${t}, now a view over ${blue}` });
    }
    statements.push(...sql.grantStatements(db, p, grants).map((g) => ({ ...g, purpose: g.purpose ?? 'adopt: the table grant, on the view that replaces it' })));
  }
  if (problems.length) {
    throw new GateFailure(`Cannot adopt ${opts.published.join(', ')} into blue/green for environment '${opts.environment}'; nothing was changed:\n  ${problems.join('\n  ')}`, {
      hint: 'Fix each item above and run `slipway deploy adopt --dry-run` again. Slipway never drops or moves an object it does not take over whole.',
      details: { items: problems },
    });
  }
  const tablesTotal = schemas.reduce((n, s) => n + s.tables.length, 0);
  const check: CheckResult = { name: 'adopt', status: 'pass', message: `adopted ${tablesTotal} table(s) into the blue colour`, items: schemas.flatMap((s) => s.tables.map((t) => `${s.published}.${t} → ${s.colourSchema}.${t}`)) };
  statements.push(
    sql.insertEvent(
      a,
      eventValues({ deploy_id: opts.deployId, environment: opts.environment, status: 'LIVE', colour: 'blue', previous_colour: null, schemasList: opts.published, git_sha: opts.gitSha ?? null, run_url: opts.runUrl ?? null, actor: opts.actor, started_at: new Date().toISOString(), checkResults: [check] }),
    ),
    sql.releaseLock(a, opts.environment, opts.deployId),
  );
  const preamble = [
    ...(state.initialised ? [] : sql.ensureAdmin(a)),
    sql.ensureLockRow(a, opts.environment),
    sql.acquireLock(a, opts.environment, opts.deployId, opts.runUrl ?? null, opts.actor, opts.leaseMinutes ?? ADOPT_LEASE_MINUTES),
  ];
  return { deployId: opts.deployId, environment: opts.environment, colour: 'blue', schemas, preamble, statements, transactional: !!(sql.transactional && wh.capabilities.transactionalDdl) };
}

function setup(wh: Warehouse, opts: AdoptOptions) {
  const environment = checkEnvironment(opts.environment);
  if (!opts.schemas?.length) throw new UserError('deploy adopt needs --schemas: the existing schemas consumers read today.', { hint: 'e.g. slipway deploy adopt --environment production --schemas analytics --dry-run' });
  const names = colourNames(opts);
  const published = resolvePublished(opts.schemas, undefined, names, wh.dialect);
  return { environment, names, published };
}

/**
 * What `deploy adopt` would run (read-only: no lock, nothing written). The list printed is the list executed.
 * The real run makes its deploy id when it takes the lock, so the plan names it `<deploy-id>` (as prepare's does).
 */
export async function adoptPlan(wh: Warehouse, opts: AdoptOptions & { deployId?: string }): Promise<AdoptPlan> {
  const { environment, names, published } = setup(wh, opts);
  const sql = await deploySqlFor(wh.dialect);
  const asql = await adoptSqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  return buildPlan(wh, sql, asql, a, names, { ...opts, environment, published, deployId: opts.deployId ?? ADOPT_ID_PLACEHOLDER });
}

/** The statements as printed by `--dry-run` (Postgres: with the BEGIN/COMMIT they run in). */
export function adoptPlanStatements(plan: AdoptPlan): Statement[] {
  const body = plan.transactional ? [{ sql: 'BEGIN', purpose: 'one transaction: consumers see the tables or the views, never neither' }, ...plan.statements, { sql: 'COMMIT' }] : plan.statements;
  return [...plan.preamble, ...body];
}

export const ADOPT_LEASE_MINUTES = 30;

/** How a dry run names the deploy id the real adoption will make. */
export const ADOPT_ID_PLACEHOLDER = '<deploy-id>';

export async function adoptDeploy(wh: Warehouse, opts: AdoptOptions, rt: Runtime): Promise<AdoptResult> {
  const { environment, names, published } = setup(wh, opts);
  const sql = await deploySqlFor(wh.dialect);
  const asql = await adoptSqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  // Refuse before creating anything when adoption is impossible.
  await buildPlan(wh, sql, asql, a, names, { ...opts, environment, published, deployId: 'check' });
  await ensureAdmin(wh, sql, a);
  const deployId = newDeployId(new Date(), 'adopt-');
  await acquireLock(wh, sql, a, { environment, holder: deployId, runUrl: opts.runUrl ?? null, actor: opts.actor, leaseMinutes: opts.leaseMinutes ?? ADOPT_LEASE_MINUTES });
  let plan: AdoptPlan;
  try {
    // Decided again under the lock: another run may have deployed or adopted in between.
    plan = await buildPlan(wh, sql, asql, a, names, { ...opts, environment, published, deployId, holder: deployId });
    assertTransition(undefined, 'LIVE', 'adopt');
  } catch (err) {
    await runStatement(wh, sql.releaseLock(a, environment, deployId)).catch(() => undefined);
    throw err;
  }
  if (plan.transactional) {
    try {
      await wh.transaction(async (s) => {
        for (const st of plan.statements) await runStatement(s, st);
      });
    } catch (err) {
      await runStatement(wh, sql.releaseLock(a, environment, deployId)).catch(() => undefined);
      throw err;
    }
  } else {
    // Snowflake: no transaction. A failure leaves the lock held, so no deploy starts on a half-moved schema;
    // the error names the statement that failed, and every statement before it ran (see the --dry-run plan).
    for (const st of plan.statements) await runStatement(wh, st);
  }
  const tablesMoved = plan.schemas.reduce((n, s) => n + s.tables.length, 0);
  const grantsCopied = plan.statements.filter((s) => /^GRANT /.test(s.sql)).length;
  rt.info(`Adopted ${published.join(', ')} (${environment}): ${tablesMoved} table(s) moved into the blue colour, consumers read the same names through views; deploy ${deployId} is LIVE. The next deploy builds green.`);
  return { ...plan, tablesMoved, viewsCreated: tablesMoved, grantsCopied };
}
