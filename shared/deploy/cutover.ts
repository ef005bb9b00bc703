/**
 * Phase 2 of a blue-green deploy: prove the colour prepare picked (checks),
 * stage its views and grants, and publish it in one atomic step (engine.ts),
 * then record LIVE and release the lock. The swap is one plan object
 * (`cutoverSwapPlan`): `cutoverDeploy` runs it, `cutoverPlan` (`--dry-run`)
 * prints `describeSwap` of the same plan.
 */
import { GateFailure, UserError } from '../errors.js';
import type { Manifest, RunResults } from '../dbt/artifacts.js';
import type { Runtime } from '../runtime/port.js';
import type { Statement } from '../sql/plan.js';
import type { Warehouse } from '../warehouse/types.js';
import type { DeploySql } from '../dialects/deploy.js';
import {
  checkBuildProof,
  checkForeignObjects,
  checkModelsExist,
  checkRowCountsAgainstLive,
  checkRunResults,
  listRelations,
  loadUserChecks,
  runExtraChecks,
  runUserChecks,
  type CheckContext,
  type CheckResult,
  type ExtraCheck,
  type SchemaPlan,
  type WarnPolicy,
} from './checks.js';
import { DEFAULT_LEASE_MINUTES, DEFAULT_ROW_COUNT_TOLERANCE, openDeployContext, planContext, recordFailure, resolveDatabaseScope, type DeployCommonOptions, type DryRunOptions, type PlanContext } from './context.js';
import { convergeSwaps, watchSignals } from './converge.js';
import { catalogOf, manifestModels, publishedOfRendered, resolvePublished, suffixed } from './names.js';
import { checkPublishedDatabase, databaseSwapUnsupported, describeSwap, ensureScopeColumn, executeSwap, inspectSwap, type DatabaseScope, type SwapPlan, type SwapTarget } from './engine.js';
import { databaseScopeValue, eventValues, otherColour, readDeployState, readDeployStateStatements, readLock, type Colour } from './state.js';
import type { EventValues } from '../dialects/deploy.js';
import { runStatement } from '../warehouse/run.js';
import type { PrepareResult } from './prepare.js';

export interface CutoverOptions extends DeployCommonOptions {
  /** Default: the deploy holding the lock. */
  deployId?: string;
  manifest?: Manifest;
  manifestSha256?: string;
  runResults?: RunResults;
  warnPolicy?: WarnPolicy;
  checksDir?: string;
  /** Percent; null = only the populated → empty guard (default 50). */
  rowCountTolerancePct?: number | null;
  /** Gates plugged in by other features (freshness). */
  extraChecks?: ExtraCheck[];
  /** Runs once the deploy is LIVE (e.g. record row counts as the new baseline); a failure here is a warning, the deploy stays LIVE. */
  afterLive?: (ctx: CheckContext) => Promise<void>;
  lockTimeoutMs?: number;
}

/** What prepare reported about this deploy (ids, colours, schemas), and what the cutover did. */
export interface CutoverResult extends Omit<PrepareResult, 'tookOverFrom'> {
  models: number;
  checks: CheckResult[];
  statements: Statement[];
  swapStatements: number;
  swapWindowMs: number;
  grantsMirrored: number;
  durationMs: number;
  /** Time spent in the pre-cutover checks. */
  checksMs: number;
  /** Time from staging the views to the committed swap (Postgres: the one transaction). */
  switchMs: number;
  /** `schema` (one swap per published schema) or `database` (one ALTER DATABASE … SWAP WITH … for all). */
  scope: 'schema' | 'database';
  /** Database scope: the consumer database and its staging twin that changed places. */
  databases?: { published: string; next: string };
}
/** The schema plans of a deploy: which relations become views, which the manifest expects but are missing. */
export async function planSchemas(
  q: Warehouse,
  ctx: PlanContext,
  args: { published: string[]; colour: Colour; previousColour: Colour | null; manifest?: Manifest },
): Promise<SchemaPlan[]> {
  const { sql, names, dialect: d } = ctx;
  const expected = args.manifest ? manifestModels(args.manifest, args.published, names, d) : undefined;
  const plans: SchemaPlan[] = [];
  for (const p of args.published) {
    const colourSchema = suffixed(p, names.suffix[args.colour], d, names.quoting);
    const rels = await listRelations(q, sql, ctx.admin.database, colourSchema);
    const exact = new Map(rels.map((r) => [r.name, r]));
    const folded = new Map(rels.map((r) => [r.name.toUpperCase(), r]));
    const models: SchemaPlan['models'] = [];
    const missing: string[] = [];
    if (expected) {
      for (const m of expected.get(p) ?? []) {
        const r = exact.get(m) ?? folded.get(m.toUpperCase());
        if (r) models.push({ name: r.name, source: r.name, kind: r.kind });
        else missing.push(m);
      }
    } else {
      for (const r of rels) models.push({ name: r.name, source: r.name, kind: r.kind });
    }
    plans.push(schemaPlan(ctx, p, args.colour, args.previousColour, models, missing));
  }
  return plans;
}

/** The names of one published schema's plan (the models come from the warehouse or, without a connection, from the manifest). */
function schemaPlan(ctx: PlanContext, p: string, colour: Colour, previousColour: Colour | null, models: SchemaPlan['models'], missing: string[]): SchemaPlan {
  const { names, dialect: d } = ctx;
  return {
    published: p,
    colourSchema: suffixed(p, names.suffix[colour], d, names.quoting),
    liveColourSchema: previousColour ? suffixed(p, names.suffix[previousColour], d, names.quoting) : undefined,
    next: suffixed(p, names.next, d, names.quoting),
    models,
    missing,
  };
}

export function buildStatements(sql: DeploySql, database: string | undefined, plan: SchemaPlan): Statement[] {
  return [...sql.recreateSchema(database, plan.next), ...plan.models.map((m) => ({ ...sql.createView(database, plan.next, m.name, plan.colourSchema, m.source), purpose: undefined }))];
}

function failedSummary(checks: CheckResult[]): string {
  return checks
    .filter((c) => c.status === 'fail')
    .map((c) => `${c.name}: ${c.message}${c.items?.length ? ` (${c.items.slice(0, 3).join('; ')}${c.items.length > 3 ? '; …' : ''})` : ''}`)
    .join('\n  ');
}

/** Who a cutover is: the deploy, its colour, the deploy it replaces. */
export interface CutoverIdentity {
  deployId: string;
  colour: Colour;
  previousColour: Colour | null;
  previousDeployId: string | null;
  published: string[];
  gitSha?: string;
  manifestSha256?: string;
}

/** One DEPLOY_STATE row of this cutover (BUILT, CHECKED, SWAPPING, LIVE). */
function cutoverEvent(ctx: PlanContext, c: CutoverIdentity, status: string, extra: Parameters<typeof eventValues>[0] = {}): Statement {
  const v: EventValues = eventValues({ deploy_id: c.deployId, environment: ctx.environment, status, colour: c.colour, previous_colour: c.previousColour, actor: ctx.actor, run_url: ctx.runUrl ?? null, manifest_sha256: c.manifestSha256 ?? null, git_sha: c.gitSha ?? null, ...extra });
  return ctx.sql.insertEvent(ctx.admin, v);
}

/** The statements a cutover runs before its checks: renew the lease, record BUILT. */
function cutoverOpening(ctx: PlanContext, c: CutoverIdentity, leaseMinutes: number | undefined): { renew: Statement; built: Statement } {
  return { renew: ctx.sql.renewLock(ctx.admin, ctx.environment, c.deployId, leaseMinutes ?? DEFAULT_LEASE_MINUTES), built: cutoverEvent(ctx, c, 'BUILT') };
}

/**
 * The cutover's swap as one plan: a target per published schema (the staging
 * schema and its views), the SWAPPING intent (several schemas, no
 * transactional DDL), and the rows written after the switch — LIVE, the
 * previous deploy SUPERSEDED, the lock released.
 */
export function cutoverSwapPlan(ctx: PlanContext, c: CutoverIdentity, plans: SchemaPlan[], o: { scope?: DatabaseScope; checks: CheckResult[]; lockTimeoutMs?: number }): SwapPlan {
  const { sql, admin: a, environment } = ctx;
  const scope = o.scope;
  const dbSql = scope ? sql.databaseScope : undefined;
  if (scope && !dbSql) throw databaseSwapUnsupported(ctx.dialect);
  const targets: SwapTarget[] =
    scope && dbSql
      ? plans.map((p) => ({
          published: p.published,
          next: p.published,
          build: [dbSql.createSchema(scope.next, p.published), ...p.models.map((m) => dbSql.createView(scope.next, p.published, m.name, scope.data!, p.colourSchema, m.source))],
          nextViews: p.models.map((m) => m.name),
        }))
      : plans.map((p) => ({ published: p.published, next: p.next, build: buildStatements(sql, a.database, p), nextViews: p.models.map((m) => m.name) }));
  const record: Statement[] = [
    cutoverEvent(ctx, c, 'LIVE', { previous_deploy_id: c.previousDeployId, schemasList: c.published, checkResults: o.checks, ...(scope ? { cutover_scope: databaseScopeValue(scope.published) } : {}) }),
    ...(c.previousDeployId ? [sql.insertEvent(a, eventValues({ deploy_id: c.previousDeployId, environment, status: 'SUPERSEDED', colour: c.previousColour, actor: ctx.actor, run_url: ctx.runUrl ?? null, reason: `superseded by ${c.deployId}` }))] : []),
    sql.releaseLock(a, environment, c.deployId),
  ];
  const intent = !scope && targets.length > 1 ? cutoverEvent(ctx, c, 'SWAPPING', { schemasList: c.published }) : undefined;
  return { targets, record, options: { environment, holder: c.deployId, database: a.database, lockTimeoutMs: o.lockTimeoutMs, databaseScope: scope, ...(intent ? { intent } : {}) } };
}

/** Phase 2: checks → staged views + grants → one atomic swap → LIVE row → lock released. */
export async function cutoverDeploy(wh: Warehouse, opts: CutoverOptions, rt: Runtime): Promise<CutoverResult> {
  const t0 = Date.now();
  const ctx = await openDeployContext(wh, opts, rt);
  const { sql, admin: a, names, dialect, environment } = ctx;
  const scope = resolveDatabaseScope(dialect, wh.capabilities.databaseSwap, opts);
  const database = a.database;
  const state = await readDeployState(wh, ctx.state);
  if (!state.initialised) throw new UserError(`Nothing was prepared for environment '${environment}': DEPLOY_STATE does not exist yet.`, { hint: 'Run `slipway deploy prepare` (phase: prepare) before the dbt build, then cutover.' });
  const holder = state.lock?.holder;
  const deployId = opts.deployId ?? holder;
  if (!deployId) throw new UserError(`No deploy is in progress for environment '${environment}' (the deploy lock is free).`, { hint: 'Run `slipway deploy prepare` first; it takes the lock and picks the colour to build.' });
  const record = state.deploys.find((d) => d.deployId === deployId);
  if (!record) throw new UserError(`Deploy ${deployId} is not in DEPLOY_STATE for environment '${environment}'.`, { hint: 'Pass the deploy-id printed by prepare, or leave it out to use the deploy holding the lock.' });
  if (holder !== deployId) {
    throw new GateFailure(`Deploy ${deployId} does not hold the deploy lock for environment '${environment}' (${holder ? `held by ${holder}` : 'it is free'}); its status is ${record.status}.`, {
      hint: 'Its lease expired or it was unlocked or already finished. Start again with `slipway deploy prepare`.',
    });
  }
  if (record.status === 'SWAPPING') {
    // A cutover interrupted between its per-schema swaps: finish them, so every published schema reads this deploy.
    const prevLive = state.live;
    const finish = [
      sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: 'LIVE', colour: record.colour, previous_colour: prevLive?.colour ?? null, previous_deploy_id: prevLive?.deployId ?? null, schemasList: record.schemas, actor: ctx.actor, run_url: ctx.runUrl ?? null })),
      ...(prevLive ? [sql.insertEvent(a, eventValues({ deploy_id: prevLive.deployId, environment, status: 'SUPERSEDED', colour: prevLive.colour, actor: ctx.actor, run_url: ctx.runUrl ?? null, reason: `superseded by ${deployId}` }))] : []),
      sql.releaseLock(a, environment, deployId),
    ];
    const done = await convergeSwaps(ctx, state, 'finish', `cutover rerun of ${deployId}`, finish);
    const colour = record.colour ?? 'blue';
    return {
      deployId, environment, colour, previousColour: prevLive?.colour ?? null, previousDeployId: prevLive?.deployId ?? null, schemaSuffix: names.suffix[colour], published: record.schemas,
      schemas: record.schemas.map((p) => suffixed(p, names.suffix[colour], dialect, names.quoting)), models: 0, checks: [], statements: [], swapStatements: done?.swapped.length ?? 0, swapWindowMs: 0, grantsMirrored: 0,
      durationMs: Date.now() - t0, checksMs: 0, switchMs: 0, scope: 'schema',
    };
  }
  if (record.status !== 'STARTED' && record.status !== 'BUILT' && record.status !== 'CHECKED') {
    throw new GateFailure(`Deploy ${deployId} is ${record.status}; only a STARTED deploy can be cut over.`, { hint: 'Start a new deploy with `slipway deploy prepare`.' });
  }
  const colour = record.colour ?? 'blue';
  const previousColour = state.live?.colour ?? null;
  const previousDeployId = state.live?.deployId ?? null;
  const published = record.schemas.length ? record.schemas : resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const suffix = names.suffix[colour];
  const who: CutoverIdentity = { deployId, colour, previousColour, previousDeployId, published, gitSha: opts.gitSha, manifestSha256: opts.manifestSha256 };
  const opening = cutoverOpening(ctx, who, opts.leaseMinutes);

  let checks: CheckResult[] = [];
  try {
    await runStatement(wh, opening.renew);
    const dbSql = scope ? sql.databaseScope : undefined;
    // Database scope: refuse before any work when the consumer database holds more than the published view schemas.
    if (scope && dbSql) await checkPublishedDatabase(wh, sql, dbSql, scope, published);
    await runStatement(wh, opening.built);
    const tChecks = Date.now();
    const plans = await planSchemas(wh, ctx, { published, colour, previousColour, manifest: opts.manifest });
    const checkCtx: CheckContext = { warehouse: wh, environment, deployId, colour, previousColour, schemas: plans, manifest: opts.manifest, runResults: opts.runResults };
    checks.push(checkRunResults(opts.runResults, opts.warnPolicy ?? 'allow'));
    checks.push(
      await checkBuildProof(wh, sql, a, {
        environment,
        deployId,
        colour,
        schemas: plans,
        preparedAt: record.startedAt,
        manifest: opts.manifest,
        runResults: opts.runResults,
        catalogSchema: (r) => catalogOf(r, names, dialect),
        publishedOf: (r) => publishedOfRendered(r, names, dialect, published),
      }),
    );
    if (!scope) {
      const colourSchemas = (p: string) => [suffixed(p, names.suffix.blue, dialect, names.quoting), suffixed(p, names.suffix.green, dialect, names.quoting)];
      checks.push(await checkForeignObjects(wh, sql, database, plans.map((p) => ({ published: p.published, next: p.next, colourSchemas: colourSchemas(p.published) }))));
    }
    checks.push(checkModelsExist(plans, !!opts.manifest));
    const empty = plans.filter((p) => p.models.length === 0);
    if (empty.length === plans.length) checks.push({ name: 'not-empty', status: 'fail', message: `the ${colour} colour holds nothing to publish`, items: plans.map((p) => `${p.colourSchema} is empty`) });
    checks.push(await checkRowCountsAgainstLive(wh, sql, database, plans, { tolerancePct: opts.rowCountTolerancePct === undefined ? DEFAULT_ROW_COUNT_TOLERANCE : opts.rowCountTolerancePct }));
    if (opts.checksDir) checks.push(...(await runUserChecks(wh, await loadUserChecks(opts.checksDir), { suffix, colour })));
    checks.push(...(await runExtraChecks(opts.extraChecks, checkCtx)));
    const failed = checks.filter((c) => c.status === 'fail');
    if (failed.length) {
      await recordFailure(ctx, { deployId, colour, error: `${failed.length} pre-cutover check(s) failed: ${failed.map((c) => c.name).join(', ')}`, checks });
      throw new GateFailure(`Deploy ${deployId} was not cut over: ${failed.length} pre-cutover check(s) failed.\n  ${failedSummary(checks)}`, {
        hint: `Consumers still read the ${previousColour ?? 'previous'} colour. Fix the failures, then run a new deploy.`,
        details: { checks },
      });
    }
    await runStatement(wh, cutoverEvent(ctx, who, 'CHECKED', { checkResults: checks }));
    const checksMs = Date.now() - tChecks;
    const swap = cutoverSwapPlan(ctx, who, plans, { scope, checks, lockTimeoutMs: opts.lockTimeoutMs });
    if (dbSql) await ensureScopeColumn(wh, dbSql, a);
    const tSwitch = Date.now();
    const signals = watchSignals();
    let outcome: Awaited<ReturnType<typeof executeSwap>>;
    try {
      outcome = await executeSwap(ctx, { ...swap, options: { ...swap.options, signals } });
    } finally {
      signals.dispose();
    }
    const switchMs = Date.now() - tSwitch;
    if (outcome.swapWindowMs > 0) {
      rt.warn(`The ${plans.length} published schemas were swapped one after another within ${outcome.swapWindowMs} ms; a query joining across them in that window could mix colours. Each schema's own swap is atomic.`);
    }
    if (opts.afterLive) {
      try {
        await opts.afterLive(checkCtx);
      } catch (err) {
        rt.warn(`Deploy ${deployId} is LIVE, but a post-deploy step failed: ${(err as Error).message}`);
      }
    }
    const models = plans.reduce((n, p) => n + p.models.length, 0);
    rt.info(
      `Deploy ${deployId} is LIVE: ${models} view(s) in ${published.join(', ')} now read the ${colour} colour (${outcome.swapStatements.length} swap statement(s)${scope ? `: database scope, ${scope.published} ⇄ ${scope.next}` : ''}).`,
    );
    return {
      deployId,
      environment,
      colour,
      previousColour,
      previousDeployId,
      schemaSuffix: suffix,
      published,
      schemas: plans.map((p) => p.colourSchema),
      models,
      checks,
      statements: outcome.statements,
      swapStatements: outcome.swapStatements.length,
      swapWindowMs: outcome.swapWindowMs,
      grantsMirrored: outcome.grantsMirrored,
      durationMs: Date.now() - t0,
      checksMs,
      switchMs,
      scope: scope ? 'database' : 'schema',
      ...(scope ? { databases: { published: scope.published, next: scope.next } } : {}),
    };
  } catch (err) {
    // A swap that could not be reversed leaves the deploy SWAPPING with the lock: the next cutover/abort converges it.
    const mixed = !!(err as { details?: { mixed?: boolean } }).details?.mixed;
    if (!mixed && !(err instanceof GateFailure && (err.details as { checks?: unknown } | undefined)?.checks)) {
      const lock = await readLock(wh, sql, a, environment).catch(() => undefined);
      if (!lock || lock.holder === deployId) {
        const grantItems = (err instanceof GateFailure ? (err.details as { items?: string[] } | undefined)?.items : undefined) ?? undefined;
        if (grantItems) checks = [...checks, { name: 'grants', status: 'fail', message: (err as Error).message, items: grantItems }];
        await recordFailure(ctx, { deployId, colour, error: (err as Error).message, checks });
      }
    }
    throw err;
  }
}
/** The reads of the pre-cutover checks, in the order they run (what they return decides pass or fail, not what is written). */
function checkReads(ctx: PlanContext, c: CutoverIdentity, plans: SchemaPlan[], scope: DatabaseScope | undefined): Statement[] {
  const { sql, admin: a, environment } = ctx;
  const db = a.database;
  const out: Statement[] = [];
  for (const p of plans) out.push({ ...sql.listRelations(db, p.colourSchema), purpose: `what the ${c.colour} colour holds in ${p.colourSchema}` });
  for (const p of plans) out.push({ ...sql.relationsBuiltSince(a, db, p.colourSchema, environment, c.deployId), purpose: `check: every relation of ${p.colourSchema} was built after prepare` });
  if (!scope) {
    for (const p of plans) for (const s of [p.published, p.next]) out.push({ ...sql.schemaObjects(db, s), purpose: `check: ${s} holds only what Slipway made` }, sql.viewSources(db, s));
  }
  for (const p of plans) {
    out.push(...sql.rowCounts(db, p.colourSchema, p.models.map((m) => m.name)));
    if (p.liveColourSchema) out.push(...sql.rowCounts(db, p.liveColourSchema, p.models.map((m) => m.name)).map((st) => ({ ...st, purpose: 'check: row counts against the live colour' })));
  }
  return out;
}

/**
 * `deploy cutover --dry-run`: the whole cutover as SQL, from the builders the
 * executor uses — the lease renewal, the BUILT row, the reads of the checks,
 * the CHECKED row, then `describeSwap` of the same `cutoverSwapPlan` that
 * `cutoverDeploy` executes (staging, grant reads and mirroring, the swap,
 * LIVE / SUPERSEDED rows, the lock release). With a connection
 * (`dryRunContext` passes `wh`) the ids, colour, views and grants are the
 * ones the warehouse holds now; without one, placeholders and the manifest.
 */
export async function cutoverPlan(opts: DryRunOptions): Promise<Statement[]> {
  const ctx = await planContext(opts.dialect, opts);
  const { sql, admin: a, names, dialect, environment } = ctx;
  const wh = opts.wh;
  const scope = resolveDatabaseScope(dialect, wh ? wh.capabilities.databaseSwap : dialect === 'snowflake', opts);
  const dbSql = scope ? sql.databaseScope : undefined;
  if (scope && !dbSql) throw databaseSwapUnsupported(dialect);
  const state = wh ? await readDeployState(wh, ctx.state) : undefined;
  const deployId = opts.deployId ?? '<deploy-id>';
  const record = state?.deploys.find((d) => d.deployId === deployId);
  const published = record?.schemas.length ? record.schemas : resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const colour = opts.colour ?? record?.colour ?? 'green';
  const previousDeployId = opts.previousDeployId === undefined ? '<previous-deploy-id>' : opts.previousDeployId;
  const previousColour = previousDeployId === null ? null : (state?.live?.colour ?? otherColour(colour));
  const c: CutoverIdentity = { deployId, colour, previousColour, previousDeployId, published, gitSha: opts.gitSha, manifestSha256: opts.manifestSha256 };
  const models = opts.manifest ? manifestModels(opts.manifest, published, names, dialect) : new Map<string, string[]>();
  const plans = wh
    ? await planSchemas(wh, ctx, { published, colour, previousColour, manifest: opts.manifest })
    : published.map((p) => schemaPlan(ctx, p, colour, previousColour, (models.get(p) ?? []).map((m) => ({ name: m, source: m })), []));
  const swap = cutoverSwapPlan(ctx, c, plans, { scope, checks: [], lockTimeoutMs: opts.lockTimeoutMs });
  const seen = wh ? await inspectSwap({ ...ctx, wh }, swap) : undefined;
  const opening = cutoverOpening(ctx, c, opts.leaseMinutes);
  const scopeColumn: Statement[] = [];
  if (dbSql) {
    const present = wh ? (await runStatement(wh, dbSql.scopeColumnExists(a))).length > 0 : undefined;
    scopeColumn.push(dbSql.scopeColumnExists(a), ...(present ? [] : [{ ...dbSql.addScopeColumn(a), ...(present === undefined ? { purpose: 'only when DEPLOY_STATE has no cutover_scope column yet' } : {}) }]));
  }
  return [
    ...readDeployStateStatements(sql, a, environment),
    opening.renew,
    opening.built,
    ...checkReads(ctx, c, plans, scope),
    { ...cutoverEvent(ctx, c, 'CHECKED', { checkResults: [] }), purpose: 'DEPLOY_STATE row: CHECKED, with the results of the checks above' },
    ...scopeColumn,
    ...describeSwap(wh ? { ...ctx, wh } : ctx, swap, seen),
  ];
}
