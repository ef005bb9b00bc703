/**
 * The deploy lifecycle as users and on-call drive it, for the model-based,
 * race and process-kill tests (issue #13): the real `slipway` CLI (in process,
 * or as a child process for concurrency and SIGKILL), a "dbt build" that
 * writes the models' tables and the manifest/run_results the way dbt does,
 * and an observer that reads what consumers actually see.
 *
 * Nothing here imports the deploy core: the lifecycle is judged only through
 * the CLI, the published views and the rows in DEPLOY_STATE / DEPLOY_LOCK.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { qualify, quoteIdent, quoteLiteral } from '../../shared/sql/identifiers.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import { runSlipway, spawnSlipway, type SlipwayChild } from '../helpers/cli.js';
import { freshPgDatabase } from '../helpers/pg.js';

export const ENVIRONMENT = 'prod';
/** What the harness needs of a warehouse connection. */
export type Db = Pick<Warehouse, 'query' | 'transaction' | 'close'>;
/** Two published schemas, so a cutover or rollback that leaves them mixed is visible. */
export const LAYOUT: Record<string, string[]> = { analytics: ['orders', 'customers'], marts: ['revenue'] };
export const PUBLISHED = Object.keys(LAYOUT);
const RELATIONS = PUBLISHED.flatMap((s) => LAYOUT[s]!.map((m) => `${s}.${m}`));

export const repoRoot = resolve(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number;
  out: string;
  err: string;
  json?: any;
}

function parseJson(out: string): any {
  const t = out.trim();
  if (!t.startsWith('{')) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

// The CLI as a child process (races, SIGKILL): the shared runner's spawnSlipway.
export type Child = Pick<SlipwayChild, 'pid' | 'kill'> & { done: Promise<CliResult> };

export async function spawnCli(args: string[], env: Record<string, string | undefined>): Promise<Child> {
  const child = await spawnSlipway(args, env);
  return { pid: child.pid, kill: child.kill, done: child.done.then((r) => ({ ...r, json: parseJson(r.out) })) };
}

// ---------------------------------------------------------------------------
// One lifecycle world: a warehouse (its own database on the PostgreSQL
// server, or a PGlite data dir), a dbt project folder, and the CLI pointed at it.
// ---------------------------------------------------------------------------
export interface World {
  backend: 'pg' | 'pglite';
  /** The harness's own connection (reads, the fake dbt build, planted objects). */
  wh: Db;
  /** Database URL (PostgreSQL server only). */
  url?: string;
  /** The dbt project folder: target/manifest.json and target/run_results.json live here. */
  projectDir: string;
  env: Record<string, string | undefined>;
  dbName: string;
  /** Objects planted before the first deploy that Slipway did not create: `schema.name`. */
  foreign: string[];
  close(): Promise<void>;
}

const BASE_ENV: Record<string, string | undefined> = {
  SLIPWAY_PGLITE_PATH: undefined,
  DATABASE_URL: undefined,
  DBT_PROFILES_DIR: undefined,
  SNOWFLAKE_ACCOUNT: undefined,
  GITHUB_ACTOR: undefined,
  GITHUB_RUN_ID: undefined,
  SLIPWAY_ENVIRONMENT: undefined,
};

export async function openWorld(backend: 'pg' | 'pglite', label: string): Promise<World> {
  const projectDir = mkdtempSync(join(tmpdir(), `slipway-lifecycle-${label}-`));
  mkdirSync(join(projectDir, 'target'));
  if (backend === 'pg') {
    const db = await freshPgDatabase(`lc_${label}`);
    const dbName = new URL(db.url).pathname.slice(1);
    return {
      backend,
      wh: db.warehouse,
      url: db.url,
      projectDir,
      dbName,
      env: { ...BASE_ENV, DATABASE_URL: db.url },
      foreign: [],
      close: async () => {
        await db.drop();
        rmSync(projectDir, { recursive: true, force: true });
      },
    };
  }
  const path = join(projectDir, 'pgdata');
  const wh = await PgliteWarehouse.open({ type: 'pglite', path });
  return {
    backend,
    wh,
    projectDir,
    dbName: 'postgres',
    env: { ...BASE_ENV, SLIPWAY_PGLITE_PATH: path },
    foreign: [],
    close: async () => {
      await wh.close();
      rmSync(projectDir, { recursive: true, force: true });
    },
  };
}

/** The CLI in this process, pointed at the world (no profiles.yml in the project folder, so DATABASE_URL / SLIPWAY_PGLITE_PATH decide). */
export async function cli(w: World, args: string[], opts: { projectDir?: boolean } = {}): Promise<CliResult> {
  const r = await runSlipway([...args, ...(opts.projectDir === false ? [] : ['--project-dir', w.projectDir])], w.env);
  return { ...r, json: parseJson(r.out) };
}

export function childCli(w: World, args: string[], env: Record<string, string | undefined> = {}): Promise<Child> {
  return spawnCli([...args, '--project-dir', w.projectDir], { ...w.env, ...env });
}

// ---------------------------------------------------------------------------
// Foreign objects: what a team has before adopting Slipway, and what it keeps
// next to it. Slipway must never drop or move them.
// ---------------------------------------------------------------------------
export async function plantForeign(w: World, opts: { inPublished: boolean }): Promise<void> {
  const P = 'postgres';
  await w.wh.query(`CREATE SCHEMA IF NOT EXISTS ${qualify(P, 'team_sandbox')}`);
  await w.wh.query(`CREATE TABLE ${qualify(P, 'team_sandbox', 'keep_me')} AS SELECT 1 AS id`);
  w.foreign.push('team_sandbox.keep_me');
  if (opts.inPublished) {
    // An existing production schema with a hand-made table: the adoption case (#13 finding 4).
    await w.wh.query(`CREATE SCHEMA IF NOT EXISTS ${qualify(P, 'analytics')}`);
    await w.wh.query(`CREATE TABLE ${qualify(P, 'analytics', 'legacy_orders')} AS SELECT g AS id FROM generate_series(1, 5) AS g`);
    w.foreign.push('analytics.legacy_orders');
  }
}

// ---------------------------------------------------------------------------
// The "dbt build": tables in the colour schemas prepare named, replaced the
// way dbt-postgres replaces a table model (build __dbt_tmp, rename the old one
// to __dbt_backup, rename, drop the backup CASCADE), plus the manifest and
// run_results dbt writes. Every row carries the deploy id it was built for.
// ---------------------------------------------------------------------------
export type BuildKind = 'ok' | 'failing' | 'skipped' | 'stale';

export interface Prepared {
  deployId: string;
  colour: string;
  /** Colour schemas, in the order of `published`. */
  schemas: string[];
  published: string[];
}

export interface Artifacts {
  manifest: string;
  runResults?: string;
  deployId: string;
  colour: string;
}

function manifestFor(w: World, p: Prepared, invocation: string, generatedAt: string): any {
  const nodes: Record<string, unknown> = {};
  p.published.forEach((pub, i) => {
    for (const m of LAYOUT[pub] ?? []) {
      const schema = p.schemas[i]!;
      nodes[`model.lifecycle.${m}`] = {
        unique_id: `model.lifecycle.${m}`,
        resource_type: 'model',
        package_name: 'lifecycle',
        name: m,
        alias: m,
        database: w.dbName,
        schema,
        relation_name: `"${w.dbName}"."${schema}"."${m}"`,
        fqn: ['lifecycle', pub, m],
        path: `${pub}/${m}.sql`,
        original_file_path: `models/${pub}/${m}.sql`,
        config: { enabled: true, materialized: 'table', schema: pub },
        depends_on: { macros: [], nodes: [] },
        checksum: { name: 'sha256', checksum: invocation },
      };
    }
  });
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      dbt_version: '1.11.14',
      generated_at: generatedAt,
      invocation_id: invocation,
      env: {},
      project_name: 'lifecycle',
      adapter_type: 'postgres',
    },
    nodes,
    sources: {},
    macros: {},
    exposures: {},
    metrics: {},
    semantic_models: {},
    saved_queries: {},
    unit_tests: {},
    disabled: {},
    parent_map: Object.fromEntries(Object.keys(nodes).map((k) => [k, []])),
    child_map: Object.fromEntries(Object.keys(nodes).map((k) => [k, []])),
  };
}

function runResultsFor(w: World, p: Prepared, invocation: string, statuses: Map<string, string>, started: string, ended: string): any {
  const results = p.published.flatMap((pub, i) =>
    (LAYOUT[pub] ?? []).map((m) => {
      const status = statuses.get(`${pub}.${m}`) ?? 'success';
      return {
        status,
        timing: status === 'skipped' ? [] : [
          { name: 'compile', started_at: started, completed_at: started },
          { name: 'execute', started_at: started, completed_at: ended },
        ],
        thread_id: 'Thread-1 (worker)',
        execution_time: 0.05,
        adapter_response: status === 'success' ? { _message: 'SELECT 3', code: 'SELECT', rows_affected: 3 } : {},
        message: status === 'success' ? 'SELECT 3' : status === 'error' ? `Database Error in model ${m} (models/${pub}/${m}.sql)\n  division by zero` : 'SKIP',
        failures: null,
        unique_id: `model.lifecycle.${m}`,
        compiled: status !== 'skipped',
        compiled_code: `select g as id from generate_series(1, 3) as g`,
        relation_name: `"${w.dbName}"."${p.schemas[i]}"."${m}"`,
        batch_results: null,
      };
    }),
  );
  return {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', dbt_version: '1.11.14', generated_at: ended, invocation_id: invocation, env: {} },
    results,
    elapsed_time: 0.4,
    args: { which: 'build', target: 'prod', invocation_command: 'dbt build --target prod' },
  };
}

async function buildTable(w: World, schema: string, model: string, deployId: string, colour: string, build: number): Promise<void> {
  const P = 'postgres';
  const tmp = `${model}__dbt_tmp`;
  const backup = `${model}__dbt_backup`;
  await w.wh.transaction(async (s) => {
    await s.query(`CREATE SCHEMA IF NOT EXISTS ${qualify(P, schema)}`);
    await s.query(`DROP TABLE IF EXISTS ${qualify(P, schema, tmp)}`);
    await s.query(
      `CREATE TABLE ${qualify(P, schema, tmp)} AS SELECT g AS id, ${quoteLiteral(deployId, P)}::text AS marker, ${quoteLiteral(colour, P)}::text AS colour, ${build} AS build FROM generate_series(1, 3) AS g`,
    );
    await s.query(`ALTER TABLE IF EXISTS ${qualify(P, schema, model)} RENAME TO ${quoteIdent(backup, P)}`);
    await s.query(`ALTER TABLE ${qualify(P, schema, tmp)} RENAME TO ${quoteIdent(model, P)}`);
  });
  await w.wh.query(`DROP TABLE IF EXISTS ${qualify(P, schema, backup)} CASCADE`);
}

export interface BuildLog {
  seq: number;
  /** Artifacts of every build that wrote them, for "stale" builds (leftovers of an earlier build). */
  history: Artifacts[];
}

/**
 * Build the idle colour prepare named. `ok`: every model; `failing`: the
 * first model is replaced, the second errors, the rest are skipped (dbt's
 * fail-fast-free default), run_results says so; `skipped`: no build ran, a
 * fresh `dbt parse` manifest and no run_results; `stale`: nothing is built,
 * target/ holds the artifacts of an earlier build (of either colour).
 * Returns what happened, for the statistics.
 */
export async function build(w: World, p: Prepared, kind: BuildKind, log: BuildLog): Promise<BuildKind> {
  const target = join(w.projectDir, 'target');
  const mf = join(target, 'manifest.json');
  const rr = join(target, 'run_results.json');
  if (kind === 'stale') {
    const earlier = log.history.at(-1);
    if (!earlier) kind = 'skipped';
    else {
      writeFileSync(mf, earlier.manifest);
      if (earlier.runResults) writeFileSync(rr, earlier.runResults);
      else rmSync(rr, { force: true });
      return 'stale';
    }
  }
  const invocation = randomUUID();
  const started = new Date().toISOString();
  if (kind === 'skipped') {
    const manifest = JSON.stringify(manifestFor(w, p, invocation, started));
    writeFileSync(mf, manifest);
    rmSync(rr, { force: true });
    return 'skipped';
  }
  const seq = ++log.seq;
  const statuses = new Map<string, string>();
  let failedYet = false;
  let first = true;
  for (const [i, pub] of p.published.entries()) {
    for (const m of LAYOUT[pub] ?? []) {
      const key = `${pub}.${m}`;
      if (kind === 'failing' && !first) {
        statuses.set(key, failedYet ? 'skipped' : 'error');
        failedYet = true;
        continue;
      }
      first = false;
      await buildTable(w, p.schemas[i]!, m, p.deployId, p.colour, seq);
      statuses.set(key, 'success');
    }
  }
  const ended = new Date().toISOString();
  const manifest = JSON.stringify(manifestFor(w, p, invocation, started));
  const runResults = JSON.stringify(runResultsFor(w, p, invocation, statuses, started, ended));
  writeFileSync(mf, manifest);
  writeFileSync(rr, runResults);
  log.history.push({ manifest, runResults, deployId: p.deployId, colour: p.colour });
  return kind;
}

// ---------------------------------------------------------------------------
// What consumers see, and what DEPLOY_STATE / DEPLOY_LOCK say.
// ---------------------------------------------------------------------------
export interface ReaderView {
  ok: boolean;
  error?: string;
  /** Distinct deploy ids in the rows of every published view. */
  markers: string[];
  colours: string[];
  /** Relations that returned rows. */
  relations: number;
}

const READ_SQL = RELATIONS.map((r) => {
  const [s, t] = r.split('.');
  return `SELECT ${quoteLiteral(r, 'postgres')}::text AS rel, marker, colour FROM ${qualify('postgres', s!, t!)}`;
}).join('\nUNION ALL\n');

export function summarise(rows: { rel: string; marker: string; colour: string }[]): ReaderView {
  return {
    ok: true,
    markers: [...new Set(rows.map((r) => r.marker))].sort(),
    colours: [...new Set(rows.map((r) => r.colour))].sort(),
    relations: new Set(rows.map((r) => r.rel)).size,
  };
}

/** One consumer query over every published view (one snapshot). */
export async function read(q: { query: Warehouse['query'] }): Promise<ReaderView> {
  try {
    const { rows } = await q.query<{ rel: string; marker: string; colour: string }>(READ_SQL);
    return summarise(rows);
  } catch (err) {
    return { ok: false, error: (err as Error).message.split('\n')[0], markers: [], colours: [], relations: 0 };
  }
}

export interface RawEvent {
  seq: number;
  deployId: string;
  status: string;
  colour: string | null;
  reason: string | null;
  rolledBackTo: string | null;
  actor: string | null;
}

export interface LockRow {
  holder: string | null;
  actor: string | null;
  runUrl: string | null;
  expiresAt: string | null;
  expired: boolean;
}

export interface Observation {
  reader: ReaderView;
  /** The deploy DEPLOY_STATE calls LIVE, as `slipway deploy status` reports it. */
  live: string | null;
  liveColour: string | null;
  /** Statuses by deploy, as `slipway deploy status` reports them (latest first, up to 50). */
  statuses: Map<string, string>;
  events: RawEvent[];
  lock: LockRow | null;
  foreign: Map<string, boolean>;
}

async function tableExists(wh: Db, name: string): Promise<boolean> {
  const { rows } = await wh.query<{ r: string | null }>(`SELECT to_regclass($1)::text AS r`, [name]);
  return !!rows[0]?.r;
}

export async function observe(w: World): Promise<Observation> {
  const reader = await read(w.wh);
  const st = await cli(w, ['deploy', 'status', '--environment', ENVIRONMENT, '--format', 'json', '--limit', '50']);
  const s = st.json ?? {};
  const statuses = new Map<string, string>();
  for (const d of s.recent ?? []) statuses.set(String(d.deployId), String(d.status));
  let events: RawEvent[] = [];
  let lock: LockRow | null = null;
  if (await tableExists(w.wh, 'slipway.deploy_state')) {
    const { rows } = await w.wh.query<Record<string, unknown>>(
      `SELECT event_seq, deploy_id, status, colour, reason, rolled_back_to, actor FROM slipway.deploy_state WHERE environment = $1 ORDER BY event_seq`,
      [ENVIRONMENT],
    );
    events = rows.map((r) => ({
      seq: Number(r.event_seq),
      deployId: String(r.deploy_id),
      status: String(r.status),
      colour: (r.colour as string | null) ?? null,
      reason: (r.reason as string | null) ?? null,
      rolledBackTo: (r.rolled_back_to as string | null) ?? null,
      actor: (r.actor as string | null) ?? null,
    }));
  }
  if (await tableExists(w.wh, 'slipway.deploy_lock')) {
    const { rows } = await w.wh.query<Record<string, unknown>>(
      `SELECT holder, actor, run_url, expires_at::text AS expires_at, (expires_at IS NOT NULL AND expires_at < clock_timestamp()) AS expired FROM slipway.deploy_lock WHERE environment = $1`,
      [ENVIRONMENT],
    );
    const r = rows[0];
    if (r) lock = { holder: (r.holder as string | null) ?? null, actor: (r.actor as string | null) ?? null, runUrl: (r.run_url as string | null) ?? null, expiresAt: (r.expires_at as string | null) ?? null, expired: r.expired === true };
  }
  const foreign = new Map<string, boolean>();
  for (const f of w.foreign) foreign.set(f, await tableExists(w.wh, f));
  return { reader, live: s.live?.deployId ?? null, liveColour: s.live?.colour ?? null, statuses, events, lock, foreign };
}

/** Last status of each deploy from the raw rows. */
export function lastStatus(events: RawEvent[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of events) m.set(e.deployId, e.status);
  return m;
}

/** A reader loop on its own connection (PostgreSQL server): every read must show one deploy, and never fail once something is live. */
export function readerLoop(url: string): { stop: () => Promise<{ reads: number; mixed: string[]; failed: string[] }> } {
  let stopping = false;
  const mixed: string[] = [];
  const failed: string[] = [];
  let reads = 0;
  let everOk = false;
  const loop = (async () => {
    const c = new pg.Client({ connectionString: url, application_name: 'lifecycle-reader' });
    await c.connect();
    try {
      while (!stopping) {
        const v = await read({ query: (async (sql: string) => ({ rows: (await c.query(sql)).rows })) as Warehouse['query'] });
        reads++;
        if (v.ok) {
          everOk = true;
          if (v.markers.length !== 1 || v.relations !== RELATIONS.length) mixed.push(`${v.relations} relation(s), deploys ${v.markers.join('+')}`);
        } else if (everOk) failed.push(v.error ?? 'failed');
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      await c.end().catch(() => undefined);
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await loop;
      return { reads, mixed, failed };
    },
  };
}

export const RELATION_COUNT = RELATIONS.length;

export function existsFile(p: string): boolean {
  return existsSync(p);
}
