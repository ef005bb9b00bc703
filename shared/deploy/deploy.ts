/**
 * Blue-green deploys: `prepare` takes the lock and picks the idle colour,
 * dbt builds into it, `cutover` proves it (checks) and publishes it in one
 * atomic step. Data lives in colour schemas `<S>__BLUE` / `<S>__GREEN` that are
 * never renamed; the published schema `<S>` holds only `SELECT *` views.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GateFailure, UserError } from '../errors.js';
import type { Manifest, RunResults } from '../dbt/artifacts.js';
import type { Runtime } from '../runtime/port.js';
import { resolveName, type DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';
import type { Warehouse } from '../warehouse/types.js';
import { deploySqlFor, type AdminNames, type DeploySql } from '../dialects/deploy.js';
import {
  checkBuildProof,
  checkForeignObjects,
  checkModelsExist,
  checkRowCountsAgainstLive,
  checkRunResults,
  formatChecks,
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
import { assertTransition, isInProgress } from './lifecycle.js';
import { convergeSwaps, watchSignals } from './converge.js';
import { catalogOf, colourNames, publishedOfRendered, resolvePublished, suffixed, manifestModels, type ColourNames, type ColourOptions } from './names.js';
import { checkPublishedDatabase, databaseSwapUnsupported, ensureScopeColumn, executeSwap, type DatabaseScope, type SwapTarget } from './engine.js';
import {
  acquireLock,
  adminNames,
  checkEnvironment,
  databaseScopeValue,
  ensureAdmin,
  eventValues,
  newDeployId,
  otherColour,
  readDeployState,
  readLock,
  run,
  type Colour,
  type DeployRecord,
  type DeployState,
  type LockInfo,
  type StateOptions,
} from './state.js';

export interface DeployCommonOptions extends StateOptions, ColourOptions {
  /** Published (consumer-facing) schemas, as written in config. */
  schemas?: string[];
  actor: string;
  runUrl?: string;
  gitSha?: string;
  /** Lease of the deploy lock in minutes; must cover the dbt build between prepare and cutover (default 180). */
  leaseMinutes?: number;
  /**
   * Opt-in database scope (`--database-swap`, Snowflake only): cut every published
   * schema over with one `ALTER DATABASE <publishedDatabase> SWAP WITH <publishedDatabase>__NEXT`.
   * Needs `publishedDatabase` (holding only the published view schemas) and `database`
   * (the colour and admin schemas, named fully qualified by the views).
   */
  databaseSwap?: boolean;
  /** The consumer-facing database of the published schemas (database scope only). */
  publishedDatabase?: string;
}

export interface PrepareOptions extends DeployCommonOptions {
  manifest?: Manifest;
  manifestSha256?: string;
}

export interface PrepareResult {
  deployId: string;
  environment: string;
  colour: Colour;
  previousColour: Colour | null;
  previousDeployId: string | null;
  /** `__BLUE` or `__GREEN`: what generate_schema_name appends. */
  schemaSuffix: string;
  /** Published schemas (resolved names). */
  published: string[];
  /** The colour schemas dbt must build into, exactly as the warehouse names them. */
  schemas: string[];
  /** A dead deploy whose expired lease this one took over (recorded FAILED). */
  tookOverFrom?: string;
}

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

export interface CutoverResult {
  deployId: string;
  environment: string;
  colour: Colour;
  previousColour: Colour | null;
  previousDeployId: string | null;
  schemaSuffix: string;
  published: string[];
  schemas: string[];
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

export * from './names.js';

export const DEFAULT_LEASE_MINUTES = 180;
export const DEFAULT_ROW_COUNT_TOLERANCE = 50;

/**
 * Validate the opt-in database scope without touching the warehouse: the
 * capability, the two databases (consumer and data) and their names. Returns
 * undefined for the schema scope.
 */
export function resolveDatabaseScope(
  dialect: DialectName,
  capable: boolean,
  opts: { databaseSwap?: boolean; publishedDatabase?: string; database?: string } & ColourOptions,
): DatabaseScope | undefined {
  if (!opts.databaseSwap) {
    if (opts.publishedDatabase) throw new UserError('--published-database only applies with --database-swap.', { hint: 'Add --database-swap (database-swap: true) for a database-scope cutover, or leave out --published-database.' });
    return undefined;
  }
  if (!capable || dialect !== 'snowflake') throw databaseSwapUnsupported(dialect);
  if (!opts.publishedDatabase?.trim()) {
    throw new UserError('--database-swap needs --published-database: the consumer-facing database that holds only the published view schemas and is swapped whole.', {
      hint: 'e.g. --published-database ANALYTICS --database ANALYTICS_BUILD (input published-database).',
    });
  }
  if (!opts.database?.trim()) {
    throw new UserError('--database-swap needs --database: the database of the colour schemas and the admin schema, which the published views name fully qualified so they survive the swap.', {
      hint: 'e.g. --database ANALYTICS_BUILD --published-database ANALYTICS (input database).',
    });
  }
  const names = colourNames(opts);
  const published = resolveName(opts.publishedDatabase.trim(), dialect);
  const data = resolveName(opts.database.trim(), dialect);
  if (published.toUpperCase() === data.toUpperCase()) {
    throw new UserError(`--published-database ${published} is also --database: a database swap would move the colour schemas and the admin schema with it.`, {
      hint: 'Keep the published views in their own database; the colour schemas and DEPLOY_STATE stay in --database.',
    });
  }
  if (published.toUpperCase().endsWith(names.next.toUpperCase())) throw new UserError(`--published-database ${published} already ends in ${names.next}.`, { hint: 'Name the consumer-facing database, not its staging twin.' });
  return { published, next: suffixed(published, names.next, dialect), data };
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

function idleColour(state: DeployState): { colour: Colour; previousColour: Colour | null; previous: DeployRecord | undefined } {
  const live = state.live;
  if (!live?.colour) return { colour: 'blue', previousColour: null, previous: undefined };
  return { colour: otherColour(live.colour), previousColour: live.colour, previous: live };
}

async function bestEffort(rt: Runtime, what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    rt.warn(`${what} failed (${(err as Error).message.split('\n')[0]}); the lock lease will expire on its own.`);
  }
}

async function recordFailure(wh: Warehouse, sql: DeploySql, a: AdminNames, rt: Runtime, v: { environment: string; deployId: string; colour?: Colour | null; actor: string; runUrl?: string; error: string; checks?: CheckResult[] }): Promise<void> {
  await bestEffort(rt, 'Recording the FAILED row', () =>
    run(wh, sql.insertEvent(a, eventValues({ deploy_id: v.deployId, environment: v.environment, status: 'FAILED', colour: v.colour ?? null, actor: v.actor, run_url: v.runUrl ?? null, error_text: v.error.slice(0, 4000), checkResults: v.checks }))),
  );
  await bestEffort(rt, 'Releasing the deploy lock', () => run(wh, sql.releaseLock(a, v.environment, v.deployId)));
}

/** Phase 1: take the lock, pick the idle colour, record STARTED. dbt then builds into the colour schemas. */
export async function prepareDeploy(wh: Warehouse, opts: PrepareOptions, rt: Runtime): Promise<PrepareResult> {
  const environment = checkEnvironment(opts.environment);
  const dialect = wh.dialect;
  const names = colourNames(opts);
  const published = resolvePublished(opts.schemas, opts.manifest, names, dialect);
  resolveDatabaseScope(dialect, wh.capabilities.databaseSwap, opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const database = a.database;
  await ensureAdmin(wh, sql, a);
  const deployId = newDeployId();
  let tookOverFrom: Awaited<ReturnType<typeof acquireLock>>['tookOverFrom'];
  try {
    ({ tookOverFrom } = await acquireLock(wh, sql, a, { environment, holder: deployId, runUrl: opts.runUrl ?? null, actor: opts.actor, leaseMinutes: opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES }));
  } catch (err) {
    // The compare-and-set may have succeeded before the connection broke: give the lease back if it is ours.
    if (!(err instanceof GateFailure)) await bestEffort(rt, 'Releasing the deploy lock', () => run(wh, sql.releaseLock(a, environment, deployId)));
    throw err;
  }
  try {
    // Decided under the lock we now hold (I6): the previous holder is recorded FAILED only if it never finished —
    // it may have gone LIVE (or been aborted) between our read of the lock and the compare-and-set.
    let state = await readDeployState(wh, { ...opts, environment });
    if (tookOverFrom?.holder) {
      const dead = state.deploys.find((d) => d.deployId === tookOverFrom!.holder);
      if (dead?.status === 'SWAPPING') {
        await convergeSwaps(wh, sql, a, names, state, 'reverse', { environment, actor: opts.actor, runUrl: opts.runUrl, by: `prepare of ${deployId} (lease expired)` }, rt);
        state = await readDeployState(wh, { ...opts, environment });
      } else if (dead && isInProgress(dead.status)) {
        assertTransition(dead, 'FAILED', 'takeover');
        rt.warn(`Took over the expired deploy lock of ${tookOverFrom.holder} (lease ended ${tookOverFrom.expiresAt}); recording it FAILED.`);
        await run(wh, sql.insertEvent(a, eventValues({ deploy_id: tookOverFrom.holder, environment, status: 'FAILED', actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `lease expired at ${tookOverFrom.expiresAt}; lock taken over by ${deployId}`, reason: 'lease expired' })));
        state = await readDeployState(wh, { ...opts, environment });
      } else if (dead) {
        rt.info(`The previous lock holder ${tookOverFrom.holder} had already finished (${dead.status}); nothing to record for it.`);
      }
    }
    const { colour, previousColour, previous } = idleColour(state);
    const suffix = names.suffix[colour];
    const schemas = published.map((p) => suffixed(p, suffix, dialect, names.quoting));
    for (const s of schemas) await run(wh, sql.createSchemaIfMissing(database, s));
    await run(
      wh,
      sql.insertEvent(
        a,
        eventValues({
          deploy_id: deployId,
          environment,
          status: 'STARTED',
          colour,
          previous_colour: previousColour,
          previous_deploy_id: previous?.deployId ?? null,
          schemasList: published,
          git_sha: opts.gitSha ?? null,
          manifest_sha256: opts.manifestSha256 ?? null,
          run_url: opts.runUrl ?? null,
          actor: opts.actor,
          started_at: new Date().toISOString(),
        }),
      ),
    );
    rt.info(`Deploy ${deployId} (${environment}): build the ${colour} colour (${schemas.join(', ')}); consumers keep reading ${previousColour ?? 'nothing yet'}.`);
    return { deployId, environment, colour, previousColour, previousDeployId: previous?.deployId ?? null, schemaSuffix: suffix, published, schemas, tookOverFrom: tookOverFrom?.holder ?? undefined };
  } catch (err) {
    await recordFailure(wh, sql, a, rt, { environment, deployId, actor: opts.actor, runUrl: opts.runUrl, error: `prepare failed: ${(err as Error).message}` });
    throw err;
  }
}

/** The schema plans of a deploy: which relations become views, which the manifest expects but are missing. */
export async function planSchemas(
  wh: Warehouse,
  sql: DeploySql,
  args: { database?: string; published: string[]; colour: Colour; previousColour: Colour | null; names: ColourNames; manifest?: Manifest },
): Promise<SchemaPlan[]> {
  const d = wh.dialect;
  const expected = args.manifest ? manifestModels(args.manifest, args.published, args.names, d) : undefined;
  const plans: SchemaPlan[] = [];
  for (const p of args.published) {
    const colourSchema = suffixed(p, args.names.suffix[args.colour], d, args.names.quoting);
    const rels = await listRelations(wh, sql, args.database, colourSchema);
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
    plans.push({
      published: p,
      colourSchema,
      liveColourSchema: args.previousColour ? suffixed(p, args.names.suffix[args.previousColour], d, args.names.quoting) : undefined,
      next: suffixed(p, args.names.next, d, args.names.quoting),
      models,
      missing,
    });
  }
  return plans;
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

/** Phase 2: checks → staged views + grants → one atomic swap → LIVE row → lock released. */
export async function cutoverDeploy(wh: Warehouse, opts: CutoverOptions, rt: Runtime): Promise<CutoverResult> {
  const t0 = Date.now();
  const environment = checkEnvironment(opts.environment);
  const dialect = wh.dialect;
  const names = colourNames(opts);
  const scope = resolveDatabaseScope(dialect, wh.capabilities.databaseSwap, opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const database = a.database;
  const state = await readDeployState(wh, { ...opts, environment });
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
      sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: 'LIVE', colour: record.colour, previous_colour: prevLive?.colour ?? null, previous_deploy_id: prevLive?.deployId ?? null, schemasList: record.schemas, actor: opts.actor, run_url: opts.runUrl ?? null })),
      ...(prevLive ? [sql.insertEvent(a, eventValues({ deploy_id: prevLive.deployId, environment, status: 'SUPERSEDED', colour: prevLive.colour, actor: opts.actor, run_url: opts.runUrl ?? null, reason: `superseded by ${deployId}` }))] : []),
      sql.releaseLock(a, environment, deployId),
    ];
    const done = await convergeSwaps(wh, sql, a, names, state, 'finish', { environment, actor: opts.actor, runUrl: opts.runUrl, by: `cutover rerun of ${deployId}` }, rt, finish);
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
  const ev = (status: string, extra: Parameters<typeof eventValues>[0] = {}) =>
    sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status, colour, previous_colour: previousColour, actor: opts.actor, run_url: opts.runUrl ?? null, manifest_sha256: opts.manifestSha256 ?? null, git_sha: opts.gitSha ?? null, ...extra }));

  let checks: CheckResult[] = [];
  try {
    await run(wh, sql.renewLock(a, environment, deployId, opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES));
    const dbSql = scope ? sql.databaseScope : undefined;
    // Database scope: refuse before any work when the consumer database holds more than the published view schemas.
    if (scope && dbSql) await checkPublishedDatabase(wh, sql, dbSql, scope, published);
    await run(wh, ev('BUILT'));
    const tChecks = Date.now();
    const plans = await planSchemas(wh, sql, { database, published, colour, previousColour, names, manifest: opts.manifest });
    const ctx: CheckContext = { warehouse: wh, environment, deployId, colour, previousColour, schemas: plans, manifest: opts.manifest, runResults: opts.runResults };
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
    checks.push(...(await runExtraChecks(opts.extraChecks, ctx)));
    const failed = checks.filter((c) => c.status === 'fail');
    if (failed.length) {
      await recordFailure(wh, sql, a, rt, { environment, deployId, colour, actor: opts.actor, runUrl: opts.runUrl, error: `${failed.length} pre-cutover check(s) failed: ${failed.map((c) => c.name).join(', ')}`, checks });
      throw new GateFailure(`Deploy ${deployId} was not cut over: ${failed.length} pre-cutover check(s) failed.\n  ${failedSummary(checks)}`, {
        hint: `Consumers still read the ${previousColour ?? 'previous'} colour. Fix the failures, then run a new deploy.`,
        details: { checks },
      });
    }
    await run(wh, ev('CHECKED', { checkResults: checks }));
    const checksMs = Date.now() - tChecks;
    const targets: SwapTarget[] =
      scope && dbSql
        ? plans.map((p) => ({
            published: p.published,
            next: p.published,
            build: [dbSql.createSchema(scope.next, p.published), ...p.models.map((m) => dbSql.createView(scope.next, p.published, m.name, scope.data!, p.colourSchema, m.source))],
            nextViews: p.models.map((m) => m.name),
          }))
        : plans.map((p) => ({ published: p.published, next: p.next, build: buildStatements(sql, database, p), nextViews: p.models.map((m) => m.name) }));
    if (dbSql) await ensureScopeColumn(wh, dbSql, a);
    const recordStmts: Statement[] = [
      ev('LIVE', { previous_deploy_id: previousDeployId, schemasList: published, checkResults: checks, ...(scope ? { cutover_scope: databaseScopeValue(scope.published) } : {}) }),
      ...(previousDeployId ? [sql.insertEvent(a, eventValues({ deploy_id: previousDeployId, environment, status: 'SUPERSEDED', colour: previousColour, actor: opts.actor, run_url: opts.runUrl ?? null, reason: `superseded by ${deployId}` }))] : []),
      sql.releaseLock(a, environment, deployId),
    ];
    const tSwitch = Date.now();
    const signals = watchSignals();
    let outcome: Awaited<ReturnType<typeof executeSwap>>;
    try {
      outcome = await executeSwap(
        wh,
        sql,
        a,
        targets,
        recordStmts,
        { environment, holder: deployId, database, lockTimeoutMs: opts.lockTimeoutMs, databaseScope: scope, intent: !scope && targets.length > 1 ? ev('SWAPPING', { schemasList: published }) : undefined, signals },
        rt,
      );
    } finally {
      signals.dispose();
    }
    const switchMs = Date.now() - tSwitch;
    if (outcome.swapWindowMs > 0) {
      rt.warn(`The ${plans.length} published schemas were swapped one after another within ${outcome.swapWindowMs} ms; a query joining across them in that window could mix colours. Each schema's own swap is atomic.`);
    }
    if (opts.afterLive) {
      try {
        await opts.afterLive(ctx);
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
        await recordFailure(wh, sql, a, rt, { environment, deployId, colour, actor: opts.actor, runUrl: opts.runUrl, error: (err as Error).message, checks });
      }
    }
    throw err;
  }
}

export interface UnlockOptions extends StateOptions, ColourOptions {
  reason: string;
  actor: string;
  runUrl?: string;
}

/** Clear a dead lease (audited: the holder gets a FAILED row naming who unlocked and why). */
export async function unlockDeploy(wh: Warehouse, opts: UnlockOptions, rt: Runtime): Promise<{ environment: string; clearedHolder: string | null; lock?: unknown }> {
  const environment = checkEnvironment(opts.environment);
  if (!opts.reason?.trim()) throw new UserError('An unlock needs a reason.', { hint: 'Pass --reason "<why the holder is dead>"; it is recorded in DEPLOY_STATE.' });
  const sql = await deploySqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  const state = await readDeployState(wh, { ...opts, environment });
  const lock = state.lock;
  if (!state.initialised || !lock?.holder) {
    rt.info(`The deploy lock for environment '${environment}' is already free.`);
    return { environment, clearedHolder: null };
  }
  const held = state.deploys.find((d) => d.deployId === lock.holder);
  if (held?.status === 'SWAPPING') await convergeSwaps(wh, sql, a, colourNames(opts), state, 'reverse', { environment, actor: opts.actor, runUrl: opts.runUrl, by: `unlock by ${opts.actor} (${opts.reason})` }, rt);
  else if (!held || isInProgress(held.status)) {
    await run(wh, sql.insertEvent(a, eventValues({ deploy_id: lock.holder, environment, status: 'FAILED', actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `deploy lock cleared by ${opts.actor}`, reason: opts.reason })));
  }
  await run(wh, sql.forceUnlock(a, environment));
  rt.info(`Cleared the deploy lock of ${lock.holder} (${lock.runUrl ?? 'no run URL'}) for environment '${environment}'; recorded as FAILED with reason: ${opts.reason}`);
  return { environment, clearedHolder: lock.holder, lock };
}

export interface AbortOptions extends StateOptions, ColourOptions {
  /** Default: the deploy holding the lock. */
  deployId?: string;
  reason: string;
  actor: string;
  runUrl?: string;
}

/**
 * `slipway deploy abort` / `phase: abort`: the deploy's own way out when its
 * dbt build failed. Records FAILED with the reason and releases the lock
 * (compare-and-set on the holder), so the next deploy need not wait for the
 * lease to expire. Nothing is published; consumers keep the live colour.
 * Refuses to touch a lock held by another deploy (that is `unlock`'s job).
 */
export async function abortDeploy(wh: Warehouse, opts: AbortOptions, rt: Runtime): Promise<{ environment: string; deployId: string | null; aborted: boolean }> {
  const environment = checkEnvironment(opts.environment);
  if (!opts.reason?.trim()) throw new UserError('An abort needs a reason.', { hint: 'Pass --reason "<what failed>"; it is recorded in DEPLOY_STATE.' });
  const sql = await deploySqlFor(wh.dialect);
  const a = adminNames(wh.dialect, opts);
  const state = await readDeployState(wh, { ...opts, environment });
  const holder = state.lock?.holder ?? null;
  const deployId = opts.deployId ?? holder;
  if (!state.initialised || !deployId) {
    rt.info(`No deploy is in progress for environment '${environment}'; nothing to abort.`);
    return { environment, deployId: null, aborted: false };
  }
  if (holder !== deployId) {
    const record = state.deploys.find((d) => d.deployId === deployId);
    if (record && record.status === 'FAILED') {
      rt.info(`Deploy ${deployId} is already FAILED and does not hold the lock; nothing to abort.`);
      return { environment, deployId, aborted: false };
    }
    if (record && (record.status === 'LIVE' || record.status === 'SUPERSEDED' || record.status === 'ROLLED_BACK')) {
      // Its cutover happened: abort has nothing to end, and must not claim consumers kept the old colour.
      const what =
        record.status === 'LIVE'
          ? `went LIVE: consumers read it now. Abort does not undo a cutover; to go back, run \`slipway rollback --environment ${environment} --reason …\`.`
          : `went live earlier and is now ${record.status}; nothing to abort.`;
      rt.warn(`Deploy ${deployId} ${what}`);
      return { environment, deployId, aborted: false };
    }
    throw new GateFailure(`Deploy ${deployId} does not hold the deploy lock for environment '${environment}' (${holder ? `held by ${holder}` : 'it is free'}).`, {
      hint: holder ? `If ${holder} is dead, clear it with \`slipway deploy unlock --environment ${environment} --reason …\`.` : 'Nothing to abort.',
    });
  }
  const current = state.deploys.find((d) => d.deployId === deployId);
  if (current?.status === 'SWAPPING') {
    // Interrupted between its schema swaps: swap the done ones back (records FAILED), so consumers really keep the live colour.
    await convergeSwaps(wh, sql, a, colourNames(opts), state, 'reverse', { environment, actor: opts.actor, runUrl: opts.runUrl, by: `abort (${opts.reason})` }, rt);
  } else {
    if (current) assertTransition(current, 'FAILED', 'abort');
    await run(wh, sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: 'FAILED', actor: opts.actor, run_url: opts.runUrl ?? null, error_text: `aborted: ${opts.reason}`, reason: opts.reason })));
  }
  await run(wh, sql.releaseLock(a, environment, deployId));
  rt.info(`Deploy ${deployId} aborted and recorded FAILED (${opts.reason}); the lock for '${environment}' is released and consumers keep the live colour.`);
  return { environment, deployId, aborted: true };
}

/** `slipway deploy status`: the live deploy, the lock and the recent deploys. */
export interface StatusEvent {
  /** When the transition was recorded (UTC, ISO 8601). */
  at: string | null;
  deployId: string;
  status: string;
  actor: string | null;
  /** Why: the reason given (rollback, abort, unlock) or the error text. */
  why: string | null;
  rolledBackTo: string | null;
  runUrl: string | null;
}

export async function deployStatus(
  wh: Warehouse,
  opts: StateOptions & { limit?: number },
): Promise<{ environment: string; initialised: boolean; live: DeployRecord | null; lock: LockInfo | null; recent: Omit<DeployRecord, 'events'>[]; history: StatusEvent[]; knownEnvironments?: string[] }> {
  const state = await readDeployState(wh, opts);
  // An environment DEPLOY_STATE has never seen: name the ones it has (a typo must not read as "nothing live").
  let knownEnvironments: string[] | undefined;
  if (state.initialised && state.events.length === 0) {
    const sql = await deploySqlFor(wh.dialect);
    knownEnvironments = (await run(wh, sql.selectEnvironments(adminNames(wh.dialect, opts)))).map((r) => String(r.environment));
  }
  const limit = opts.limit ?? 10;
  const recent = state.deploys.slice(-limit).reverse().map(({ events: _e, ...d }) => d);
  const history: StatusEvent[] = state.events
    .slice(-limit * 4)
    .reverse()
    .map((e) => ({ at: e.recordedAt, deployId: e.deployId, status: e.status, actor: e.actor, why: e.reason ?? e.errorText, rolledBackTo: e.rolledBackTo, runUrl: e.runUrl }));
  return { environment: state.environment, initialised: state.initialised, live: state.live ?? null, lock: state.lock && state.lock.holder ? state.lock : null, recent, history, ...(knownEnvironments ? { knownEnvironments } : {}) };
}

export interface DryRunOptions extends ColourOptions, StateOptions {
  dialect: DialectName;
  databaseSwap?: boolean;
  publishedDatabase?: string;
  schemas?: string[];
  manifest?: Manifest;
  colour?: Colour;
  database?: string;
  /** Real ids when known (a connection is open and a deploy holds the lock); placeholders otherwise. */
  deployId?: string;
  /** The live deploy (null: none, the first deploy); undefined prints a placeholder. */
  previousDeployId?: string | null;
}

/**
 * What a dry run with a connection knows: prepare builds the idle colour (the
 * one the live deploy does not use); cutover publishes the colour of the
 * deploy holding the lock, with its real id and the live deploy's id.
 */
export async function dryRunContext(wh: Warehouse, opts: StateOptions & { deployId?: string }, phase: 'prepare' | 'cutover'): Promise<Pick<DryRunOptions, 'colour' | 'deployId' | 'previousDeployId'>> {
  const state = await readDeployState(wh, { ...opts, environment: checkEnvironment(opts.environment) });
  const live = state.live;
  if (phase === 'prepare') return { colour: live?.colour ? otherColour(live.colour) : 'blue', previousDeployId: live?.deployId ?? null };
  const id = opts.deployId ?? state.lock?.holder ?? undefined;
  const rec = id ? state.deploys.find((d) => d.deployId === id) : undefined;
  return { ...(rec?.colour ? { colour: rec.colour } : live?.colour ? { colour: otherColour(live.colour) } : {}), ...(rec ? { deployId: rec.deployId } : {}), previousDeployId: live?.deployId ?? null };
}

/**
 * The whole cutover as SQL, without a connection: lock, audit rows, staging
 * schemas and views (from the manifest), the grant reads whose rows are
 * mirrored one GRANT each, and the swap. For `--dry-run`.
 */
export async function cutoverPlan(opts: DryRunOptions): Promise<Statement[]> {
  const dialect = opts.dialect;
  const names = colourNames(opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const db = a.database;
  const environment = checkEnvironment(opts.environment);
  const published = resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const colour = opts.colour ?? 'green';
  const prev = otherColour(colour);
  const deployId = opts.deployId ?? '<deploy-id>';
  const previousId = opts.previousDeployId === undefined ? '<previous-deploy-id>' : opts.previousDeployId;
  const models = opts.manifest ? manifestModels(opts.manifest, published, names, dialect) : new Map<string, string[]>();
  const scope = resolveDatabaseScope(dialect, dialect === 'snowflake', opts);
  if (scope) return databaseCutoverPlan(opts, { sql, a, environment, published, colour, prev, deployId, models, names, scope });
  const out: Statement[] = [...sql.ensureAdmin(a), sql.readLock(a, environment), sql.renewLock(a, environment, deployId, DEFAULT_LEASE_MINUTES)];
  for (const p of published) {
    out.push(sql.relationsBuiltSince(a, db, suffixed(p, names.suffix[colour], dialect, names.quoting), environment, deployId));
    for (const s of [p, suffixed(p, names.next, dialect, names.quoting)]) out.push(sql.schemaObjects(db, s), sql.viewSources(db, s));
  }
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: 'CHECKED', colour, previous_colour: prev, checkResults: [] })));
  // Postgres: everything from here to COMMIT is one transaction (a lost connection rolls it all back).
  if (sql.transactional) out.push({ sql: 'BEGIN', purpose: 'the cutover is one transaction' }, sql.readLock(a, environment, true));
  const lockStmts: Statement[] = [];
  const swaps: Statement[] = [];
  for (const p of published) {
    const plan: SchemaPlan = { published: p, colourSchema: suffixed(p, names.suffix[colour], dialect, names.quoting), liveColourSchema: suffixed(p, names.suffix[prev], dialect, names.quoting), next: suffixed(p, names.next, dialect, names.quoting), models: (models.get(p) ?? []).map((m) => ({ name: m, source: m })), missing: [] };
    out.push(sql.listRelations(db, plan.colourSchema));
    out.push(...sql.rowCounts(db, plan.colourSchema, plan.models.map((m) => m.name)));
    out.push(...sql.readGrants(db, p));
    const build = buildStatements(sql, db, plan);
    out.push(...build);
    out.push(...sql.readGrants(db, plan.next).map((s) => ({ ...s, purpose: `check: ${plan.next} carries every grant ${p} has` })));
    if (sql.transactional) lockStmts.push(...sql.transactional.lockViews(p, plan.models.map((m) => m.name)));
    swaps.push(...sql.swap(db, p, plan.next));
  }
  if (sql.transactional) out.push(sql.transactional.deadlockTimeout(), sql.transactional.savepoint('slipway_cutover_locks'), sql.transactional.setLockTimeout(25), ...lockStmts);
  else {
    out.push(sql.readLock(a, environment));
    // Several schemas, several statements: the intended swaps are recorded first (a crash between them converges).
    if (published.length > 1) out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: 'SWAPPING', colour, previous_colour: prev, schemasList: published })));
  }
  out.push(...swaps);
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: 'LIVE', colour, previous_colour: prev, previous_deploy_id: previousId, schemasList: published })));
  if (previousId !== null) out.push(sql.insertEvent(a, eventValues({ deploy_id: previousId, environment, status: 'SUPERSEDED', colour: prev, reason: `superseded by ${deployId}` })));
  out.push(sql.releaseLock(a, environment, deployId));
  if (sql.transactional) out.push({ sql: 'COMMIT', purpose: 'consumers see the new colour from here' });
  return out;
}

/** The database-scope cutover as SQL: the same checks, `<DB>__NEXT` staged and its grants checked, then ONE database swap. */
async function databaseCutoverPlan(
  opts: DryRunOptions,
  x: { sql: DeploySql; a: AdminNames; environment: string; published: string[]; colour: Colour; prev: Colour; deployId: string; models: Map<string, string[]>; names: ColourNames; scope: DatabaseScope },
): Promise<Statement[]> {
  const { sql, a, environment, published, colour, prev, deployId, models, names, scope } = x;
  const dialect = opts.dialect;
  const dbSql = sql.databaseScope;
  if (!dbSql) throw databaseSwapUnsupported(dialect);
  const out: Statement[] = [...sql.ensureAdmin(a), sql.readLock(a, environment), sql.renewLock(a, environment, deployId, DEFAULT_LEASE_MINUTES)];
  out.push(dbSql.databaseExists(scope.data!, scope.published), dbSql.listSchemas(scope.published));
  out.push(...published.map((p) => ({ ...sql.listRelations(scope.published, p), purpose: `${scope.published}.${p} must hold only views (the swap moves everything)` })));
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: 'BUILT', colour, previous_colour: prev })));
  const build: Statement[] = [];
  const checks: Statement[] = [];
  for (const p of published) {
    const colourSchema = suffixed(p, names.suffix[colour], dialect, names.quoting);
    const ms = models.get(p) ?? [];
    out.push(sql.listRelations(scope.data, colourSchema));
    out.push(...sql.rowCounts(scope.data, colourSchema, ms));
    build.push(dbSql.createSchema(scope.next, p), ...ms.map((m) => dbSql.createView(scope.next, p, m, scope.data!, colourSchema, m)));
    checks.push(...sql.readGrants(scope.next, p).map((s) => ({ ...s, purpose: `check: ${scope.next}.${p} carries every grant ${scope.published}.${p} has` })));
  }
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: 'CHECKED', colour, previous_colour: prev, checkResults: [] })));
  out.push(...dbSql.readDatabaseGrants(scope.published), ...published.flatMap((p) => sql.readGrants(scope.published, p)));
  const recreate = dbSql.recreateDatabase(scope.next);
  out.push({ ...recreate, purpose: `${recreate.purpose}; then one GRANT … ON DATABASE / ON FUTURE … IN DATABASE per database grant read above, before the schemas and views are created (schema and view grants follow the same way)` });
  out.push(...build);
  out.push(...dbSql.readDatabaseGrants(scope.next).map((s) => ({ ...s, purpose: `check: ${scope.next} carries every database grant ${scope.published} has` })), ...checks);
  out.push(sql.readLock(a, environment), dbSql.scopeColumnExists(a), dbSql.addScopeColumn(a));
  out.push(dbSql.swapDatabases(scope.published, scope.next));
  out.push(sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: 'LIVE', colour, previous_colour: prev, previous_deploy_id: '<previous-deploy-id>', schemasList: published, cutover_scope: databaseScopeValue(scope.published) })));
  out.push(sql.insertEvent(a, eventValues({ deploy_id: '<previous-deploy-id>', environment, status: 'SUPERSEDED', colour: prev, reason: `superseded by ${deployId}` })));
  out.push(sql.releaseLock(a, environment, deployId));
  return out;
}

export async function preparePlan(opts: DryRunOptions): Promise<Statement[]> {
  const dialect = opts.dialect;
  const names = colourNames(opts);
  resolveDatabaseScope(dialect, dialect === 'snowflake', opts);
  const sql = await deploySqlFor(dialect);
  const a = adminNames(dialect, opts);
  const environment = checkEnvironment(opts.environment);
  const published = resolvePublished(opts.schemas, opts.manifest, names, dialect);
  const colour = opts.colour ?? 'green';
  const deployId = opts.deployId ?? '<deploy-id>';
  return [
    ...sql.ensureAdmin(a),
    sql.ensureLockRow(a, environment),
    sql.acquireLock(a, environment, deployId, '<run-url>', '<actor>', DEFAULT_LEASE_MINUTES),
    sql.readLock(a, environment),
    sql.selectEvents(a, environment),
    ...published.map((p) => sql.createSchemaIfMissing(a.database, suffixed(p, names.suffix[colour], dialect, names.quoting))),
    sql.insertEvent(a, eventValues({ deploy_id: deployId, environment, status: 'STARTED', colour, previous_colour: otherColour(colour), schemasList: published, started_at: new Date(0).toISOString() })),
  ];
}

export { formatChecks };
