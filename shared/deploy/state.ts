/**
 * DEPLOY_STATE (append-only audit of every deploy transition) and the deploy
 * lock, read into plain objects. Other features read the live deploy from
 * here: rollback (which deploy to go back to) and slim CI (the live deploy's
 * manifest SHA-256).
 */
import { randomBytes } from 'node:crypto';
import { GateFailure, UserError } from '../errors.js';
import { assertNamePart, resolveName, type DialectName } from '../sql/identifiers.js';
import type { Statement } from '../sql/plan.js';
import type { Queryable, Warehouse } from '../warehouse/types.js';
import { runStatement } from '../warehouse/run.js';
import { deploySqlFor, isoOrString, type AdminNames, type DeploySql, type EventValues } from '../dialects/deploy.js';

export type DeployStatus = 'STARTED' | 'BUILT' | 'CHECKED' | 'SWAPPING' | 'LIVE' | 'FAILED' | 'ROLLED_BACK' | 'SUPERSEDED';
export type Colour = 'blue' | 'green';

export interface StateOptions {
  environment: string;
  /** Admin schema holding DEPLOY_STATE and DEPLOY_LOCK (default SLIPWAY). */
  adminSchema?: string;
  /** Database of the admin schema (Snowflake; default: the session's database). */
  database?: string;
}

export interface DeployEvent {
  seq: number;
  deployId: string;
  environment: string;
  status: DeployStatus;
  colour: Colour | null;
  previousColour: Colour | null;
  previousDeployId: string | null;
  schemas: string[];
  gitSha: string | null;
  manifestSha256: string | null;
  runUrl: string | null;
  actor: string | null;
  startedAt: string | null;
  recordedAt: string | null;
  checkResults: unknown;
  errorText: string | null;
  reason: string | null;
  rolledBackTo: string | null;
  /** `database:<consumer database>` when this row's cutover swapped whole databases (`--database-swap`); null for schema scope. */
  cutoverScope: string | null;
}

/** One deploy, its rows merged (latest non-empty value wins). */
export interface DeployRecord {
  deployId: string;
  environment: string;
  status: DeployStatus;
  colour: Colour | null;
  previousColour: Colour | null;
  previousDeployId: string | null;
  schemas: string[];
  gitSha: string | null;
  manifestSha256: string | null;
  runUrl: string | null;
  actor: string | null;
  startedAt: string | null;
  updatedAt: string | null;
  checkResults: unknown;
  errorText: string | null;
  events: DeployEvent[];
}

export interface LockInfo {
  holder: string | null;
  runUrl: string | null;
  actor: string | null;
  acquiredAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

export interface DeployState {
  environment: string;
  events: DeployEvent[];
  deploys: DeployRecord[];
  /** The deploy consumers are reading now (last LIVE row). */
  live?: DeployRecord;
  lock?: LockInfo;
  /** False when the admin objects do not exist yet (nothing was ever deployed). */
  initialised: boolean;
}

export const COLOURS: readonly Colour[] = ['blue', 'green'];
export function otherColour(c: Colour): Colour {
  return c === 'blue' ? 'green' : 'blue';
}

export function adminNames(dialect: DialectName, opts: { adminSchema?: string; database?: string }): AdminNames {
  return {
    database: opts.database ? resolveName(opts.database, dialect) : undefined,
    schema: resolveName(opts.adminSchema ?? 'SLIPWAY', dialect),
    stateTable: resolveName('DEPLOY_STATE', dialect),
    lockTable: resolveName('DEPLOY_LOCK', dialect),
    currentView: resolveName('DEPLOY_CURRENT', dialect),
  };
}

export function checkEnvironment(environment: string | undefined): string {
  if (!environment || !environment.trim()) {
    throw new UserError('No environment was given.', { hint: 'Pass --environment (e.g. production); each environment has its own deploy lock and history.' });
  }
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(environment)) {
    throw new UserError(`The environment '${environment.slice(0, 80)}' may contain only letters, digits, '.', '_' and '-' (up to 64).`, { hint: 'Use a short name such as production or staging.' });
  }
  return environment;
}

/** `20261122T203722Z-1a2b3c`: sortable, unique enough, safe in names and URLs. */
export function newDeployId(now = new Date(), prefix = ''): string {
  const ts = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${prefix}${ts}-${randomBytes(3).toString('hex')}`;
}

const STATUSES = new Set(['STARTED', 'BUILT', 'CHECKED', 'SWAPPING', 'LIVE', 'FAILED', 'ROLLED_BACK', 'SUPERSEDED']);

function parseEvent(r: Record<string, unknown>): DeployEvent {
  const json = (s: string | null): unknown => {
    if (!s) return null;
    try {
      return JSON.parse(s);
    } catch {
      return s;
    }
  };
  const colour = (s: string | null): Colour | null => (s === 'blue' || s === 'green' ? s : null);
  const schemas = json(isoOrString(r.schemas));
  const status = String(isoOrString(r.status));
  return {
    seq: Number(r.event_seq),
    deployId: String(isoOrString(r.deploy_id)),
    environment: String(isoOrString(r.environment)),
    status: (STATUSES.has(status) ? status : 'FAILED') as DeployStatus,
    colour: colour(isoOrString(r.colour)),
    previousColour: colour(isoOrString(r.previous_colour)),
    previousDeployId: isoOrString(r.previous_deploy_id),
    schemas: Array.isArray(schemas) ? schemas.map(String) : [],
    gitSha: isoOrString(r.git_sha),
    manifestSha256: isoOrString(r.manifest_sha256),
    runUrl: isoOrString(r.run_url),
    actor: isoOrString(r.actor),
    startedAt: isoOrString(r.started_at),
    recordedAt: isoOrString(r.recorded_at),
    checkResults: json(isoOrString(r.check_results)),
    errorText: isoOrString(r.error_text),
    reason: isoOrString(r.reason),
    rolledBackTo: isoOrString(r.rolled_back_to),
    cutoverScope: isoOrString(r.cutover_scope),
  };
}

export function foldEvents(environment: string, events: DeployEvent[]): Omit<DeployState, 'lock' | 'initialised'> {
  const byId = new Map<string, DeployRecord>();
  let live: string | undefined;
  for (const e of events) {
    let d = byId.get(e.deployId);
    if (!d) {
      d = { deployId: e.deployId, environment, status: e.status, colour: null, previousColour: null, previousDeployId: null, schemas: [], gitSha: null, manifestSha256: null, runUrl: null, actor: null, startedAt: null, updatedAt: null, checkResults: null, errorText: null, events: [] };
      byId.set(e.deployId, d);
    }
    d.events.push(e);
    d.status = e.status;
    d.updatedAt = e.recordedAt ?? d.updatedAt;
    // Rows about a deploy written by someone else (a rollback, an unlock) must not overwrite who ran it.
    const own = e.status !== 'ROLLED_BACK' && e.status !== 'SUPERSEDED' && !e.reason;
    if (e.colour && (own || !d.colour)) d.colour = e.colour;
    if (e.previousColour && !d.previousColour) d.previousColour = e.previousColour;
    if (e.previousDeployId) d.previousDeployId = e.previousDeployId;
    if (e.schemas.length) d.schemas = e.schemas;
    d.gitSha = e.gitSha ?? d.gitSha;
    d.manifestSha256 = e.manifestSha256 ?? d.manifestSha256;
    if (own) {
      d.runUrl = e.runUrl ?? d.runUrl;
      d.actor = e.actor ?? d.actor;
    }
    d.startedAt = d.startedAt ?? e.startedAt ?? (e.status === 'STARTED' ? e.recordedAt : null);
    if (e.checkResults) d.checkResults = e.checkResults;
    if (e.errorText) d.errorText = e.errorText;
    if (e.status === 'LIVE') live = e.deployId;
  }
  return { environment, events, deploys: [...byId.values()], live: live ? byId.get(live) : undefined };
}

function parseLock(r: Record<string, unknown> | undefined): LockInfo | undefined {
  if (!r) return undefined;
  const expired = r.expired;
  return {
    holder: isoOrString(r.holder),
    runUrl: isoOrString(r.run_url),
    actor: isoOrString(r.actor),
    acquiredAt: isoOrString(r.acquired_at),
    expiresAt: isoOrString(r.expires_at),
    expired: expired === true || expired === 't' || expired === 'true' || expired === 1,
  };
}

export async function adminInitialised(q: Queryable, sql: DeploySql, a: AdminNames): Promise<boolean> {
  return (await runStatement(q, sql.adminExists(a))).length > 0;
}

export async function readLock(q: Queryable, sql: DeploySql, a: AdminNames, environment: string, forUpdate = false): Promise<LockInfo | undefined> {
  return parseLock((await runStatement(q, sql.readLock(a, environment, forUpdate)))[0]);
}

/** Everything DEPLOY_STATE knows about one environment, plus its lock. Empty (initialised: false) before the first deploy. */
export async function readDeployState(warehouse: Warehouse, opts: StateOptions): Promise<DeployState> {
  const environment = checkEnvironment(opts.environment);
  const sql = await deploySqlFor(warehouse.dialect);
  const a = adminNames(warehouse.dialect, opts);
  if (!(await adminInitialised(warehouse, sql, a))) return { environment, events: [], deploys: [], initialised: false };
  // Ordered by the warehouse (recorded_at, then event_seq): Snowflake AUTOINCREMENT values are unique but not always increasing.
  const events = (await runStatement(warehouse, sql.selectEvents(a, environment))).map(parseEvent);
  const lock = await readLock(warehouse, sql, a, environment);
  return { ...foldEvents(environment, events), lock, initialised: true };
}

/** The live deploy of an environment (slim CI reads `manifestSha256` from it), or undefined before the first cutover. */
export async function currentDeploy(warehouse: Warehouse, opts: StateOptions): Promise<DeployRecord | undefined> {
  return (await readDeployState(warehouse, opts)).live;
}

/** The DEPLOY_STATE value recording a database-scope cutover. */
export function databaseScopeValue(publishedDatabase: string): string {
  return `database:${publishedDatabase}`;
}

/** The consumer database a deploy was made live with (its last LIVE row), or undefined when it went live with schema scope. */
export function liveDatabaseScope(d: DeployRecord): string | undefined {
  const scope = d.events.filter((e) => e.status === 'LIVE').at(-1)?.cutoverScope;
  return scope?.startsWith('database:') ? scope.slice('database:'.length) : undefined;
}

export function eventValues(v: EventValues & { checkResults?: unknown; schemasList?: string[] }): EventValues {
  const { checkResults, schemasList, ...rest } = v;
  return {
    ...rest,
    ...(checkResults !== undefined ? { check_results: JSON.stringify(checkResults) } : {}),
    ...(schemasList !== undefined ? { schemas: JSON.stringify(schemasList) } : {}),
  };
}

/** Idempotently create the admin schema, DEPLOY_STATE, DEPLOY_LOCK and the current-state view. */
export async function ensureAdmin(warehouse: Warehouse, sql: DeploySql, a: AdminNames): Promise<void> {
  if (await adminInitialised(warehouse, sql, a)) return;
  const tx = sql.transactional;
  if (tx && warehouse.capabilities.transactionalDdl) {
    await warehouse.transaction(async (s) => {
      await runStatement(s, tx.adminAdvisoryLock());
      for (const st of sql.ensureAdmin(a)) await runStatement(s, st);
    });
  } else {
    for (const st of sql.ensureAdmin(a)) await runStatement(warehouse, st);
  }
}

export interface LockRequest {
  environment: string;
  holder: string;
  runUrl: string | null;
  actor: string;
  leaseMinutes: number;
}

/**
 * Compare-and-set on the lock row: the UPDATE only matches a free or expired
 * lease, then we read the row back. Returns the previous holder when we took
 * over an expired lease (that deploy is then recorded FAILED by the caller).
 */
export async function acquireLock(warehouse: Warehouse, sql: DeploySql, a: AdminNames, req: LockRequest): Promise<{ tookOverFrom?: LockInfo }> {
  const [ensureRow, readBefore, take, readAfter] = acquireLockStatements(sql, a, req);
  await runStatement(warehouse, ensureRow!);
  const before = parseLock((await runStatement(warehouse, readBefore!))[0]);
  await runStatement(warehouse, take!);
  const after = parseLock((await runStatement(warehouse, readAfter!))[0]);
  if (after?.holder !== req.holder) throw lockHeld(req.environment, after);
  return { tookOverFrom: before?.holder && before.holder !== req.holder ? before : undefined };
}

/** The statements `acquireLock` runs, in order (dry runs print these). */
export function acquireLockStatements(sql: DeploySql, a: AdminNames, req: LockRequest): Statement[] {
  return [
    sql.ensureLockRow(a, req.environment),
    { ...sql.readLock(a, req.environment), purpose: 'who held the lock before (an expired holder is taken over and recorded)' },
    sql.acquireLock(a, req.environment, req.holder, req.runUrl, req.actor, req.leaseMinutes),
    { ...sql.readLock(a, req.environment), purpose: `${req.holder} holds the lock now, or the command stops here` },
  ];
}

/** The statements `ensureAdmin` runs: the admin objects are created (in one transaction where DDL is transactional) only when missing. */
export function ensureAdminStatements(sql: DeploySql, a: AdminNames, o: { initialised?: boolean; transactional: boolean }): Statement[] {
  const check = { ...sql.adminExists(a), purpose: 'does DEPLOY_STATE exist yet' };
  if (o.initialised) return [check];
  const create = sql.ensureAdmin(a);
  if (o.initialised === undefined) create.forEach((st, i) => (create[i] = { ...st, purpose: `${st.purpose ?? 'admin object'} (only when DEPLOY_STATE does not exist yet)` }));
  const tx = sql.transactional;
  return o.transactional && tx ? [check, { sql: 'BEGIN' }, tx.adminAdvisoryLock(), ...create, { sql: 'COMMIT' }] : [check, ...create];
}

/** The reads of `readDeployState`. */
export function readDeployStateStatements(sql: DeploySql, a: AdminNames, environment: string): Statement[] {
  return [sql.adminExists(a), sql.selectEvents(a, environment), sql.readLock(a, environment)];
}

export function lockHeld(environment: string, lock: LockInfo | undefined): GateFailure {
  const who = lock?.holder ?? 'another run';
  return new GateFailure(
    `The deploy lock for environment '${environment}' is held by deploy ${who}${lock?.runUrl ? ` (run ${lock.runUrl})` : ''}${lock?.actor ? `, started by ${lock.actor}` : ''}${lock?.acquiredAt ? ` at ${lock.acquiredAt}` : ''}; its lease runs until ${lock?.expiresAt ?? 'unknown'}.`,
    {
      hint: `Wait for that deploy to finish. If its run is dead, clear the lease: slipway deploy unlock --environment ${environment} --reason "<why>"`,
      details: { lock },
    },
  );
}

export function validateSuffix(s: string, what: string): string {
  return assertNamePart(s, what);
}
