/**
 * Slipway's whole lifecycle with real dbt on the real PostgreSQL server, using
 * action-examples/dbt exactly as a user copies it into a project
 * (test/dbt-projects/shop + the generate_schema_name macro + a profiles.yml of
 * the same shape for postgres).
 *
 *   deploy #1 (prepare → real dbt build into the idle colour → cutover) → state save
 *   PR #7: pr-schema create → slim CI (one real dbt build --select state:modified+ --defer --state, the report from its manifest) → comment
 *   deploy #2 (the merged PR) → rollback → deploy #3 whose real dbt test fails (abort) → PR cleanup
 *
 * Every verdict is taken from what a consumer reads: queries on the published
 * schema (and the PR schema), never Slipway's own report. One project folder
 * per commit, built once.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { catalogSchemaName, readProjectQuoting } from '../../shared/dbt/relation-names.js';
import { loadManifest, loadRunResults } from '../../shared/dbt/artifacts.js';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { runSlimCi } from '../../shared/slim-ci/run.js';
import { LocalDirStateCache } from '../../shared/slim-ci/state-cache.js';
import { runSlipway } from '../helpers/cli.js';
import { describeDbt, realDbt, repoRoot, runDbt, type DbtRun } from '../helpers/dbt.js';
import { freshPgDatabase } from '../helpers/pg.js';

const ENVIRONMENT = 'production';
const REPO = 'acme/shop';

describeDbt('the lifecycle with real dbt on PostgreSQL (action-examples/dbt as a user copies it)', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let tmp: string;
  let connEnv: Record<string, string>;
  const cacheDir = () => join(tmp, 'state-cache');

  /** A commit of the shop project: the committed project, the macro and profiles as a user copies them, then `edit`. */
  function commit(label: string, edit?: (dir: string) => void): string {
    const dir = join(tmp, label);
    cpSync(join(repoRoot, 'test', 'dbt-projects', 'shop'), dir, { recursive: true });
    mkdirSync(join(dir, 'macros'), { recursive: true });
    cpSync(join(repoRoot, 'action-examples', 'dbt', 'macros', 'generate_schema_name.sql'), join(dir, 'macros', 'generate_schema_name.sql'));
    edit?.(dir);
    return dir;
  }

  /** What a consumer reads. */
  async function query<T = Record<string, unknown>>(text: string): Promise<T[]> {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(text)).rows as T[];
    } finally {
      await c.end();
    }
  }
  const columnsOf = async (schema: string, table: string) =>
    (await query<{ column_name: string }>(`select column_name from information_schema.columns where table_schema = '${schema}' and table_name = '${table}' order by ordinal_position`)).map((r) => r.column_name);
  const schemas = async () => (await query<{ schema_name: string }>(`select schema_name from information_schema.schemata`)).map((r) => r.schema_name);

  const slipway = (args: string[], env: Record<string, string | undefined> = {}) => runSlipway(args, { ...connEnv, DATABASE_URL: undefined, SLIPWAY_PGLITE_PATH: undefined, DBT_PROFILES_DIR: undefined, SNOWFLAKE_ACCOUNT: undefined, ...env });
  const conn = (dir: string, target = 'prod') => ['--project-dir', dir, '--profiles-dir', dir, '--target', target];
  const dbt = (dir: string, args: string[], env: Record<string, string> = {}): Promise<DbtRun> => runDbt(args, { cwd: dir, profilesDir: dir, env: { ...connEnv, ...env } });

  interface Deployed {
    prepare: Record<string, any>;
    build: DbtRun;
    cutover?: { code: number; out: string; err: string };
  }
  /** As the dbt-deploy workflow runs it: prepare → real dbt build with SLIPWAY_SCHEMA_SUFFIX → cutover (or abort when dbt failed). */
  async function deploy(dir: string, sha: string): Promise<Deployed> {
    const prep = await slipway(['deploy', 'prepare', ...conn(dir), '--environment', ENVIRONMENT, '--schemas', 'analytics', '--git-sha', sha, '--actor', 'ci', '--format', 'json']);
    expect(prep.code, prep.err).toBe(0);
    const prepare = JSON.parse(prep.out);
    const build = await dbt(dir, ['build', '--target', 'prod'], { SLIPWAY_SCHEMA_SUFFIX: prepare.schemaSuffix });
    if (build.code !== 0) return { prepare, build }; // the caller aborts (the workflow's failure path)
    const cutover = await slipway(['deploy', 'cutover', ...conn(dir), '--environment', ENVIRONMENT, '--schemas', 'analytics', '--deploy-id', prepare.deployId, '--actor', 'ci', '--format', 'json']);
    return { prepare, build, cutover };
  }

  beforeAll(async () => {
    db = await freshPgDatabase('lifecycle');
    tmp = mkdtempSync(join(tmpdir(), 'slipway-realdbt-lifecycle-'));
    const u = new URL(db.url);
    connEnv = { SHOP_PG_HOST: u.hostname, SHOP_PG_PORT: u.port || '5432', SHOP_PG_USER: decodeURIComponent(u.username) || 'postgres', SHOP_PG_PASSWORD: decodeURIComponent(u.password), SHOP_PG_DBNAME: u.pathname.slice(1) };
  });
  afterAll(async () => {
    await db?.drop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  let main1: string;
  let first: Deployed;
  it('deploy #1: dbt builds into the colour schema prepare named; consumers read it from the published schema', async () => {
    main1 = commit('main-1');
    first = await deploy(main1, 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1');
    if (first.build.code !== 0) await slipway(['deploy', 'abort', ...conn(main1), '--environment', ENVIRONMENT, '--deploy-id', first.prepare.deployId, '--actor', 'ci', '--reason', 'dbt build failed']);
    expect(first.build.code, first.build.stdout).toBe(0);
    // Where dbt really built, and what the naming rule says it built.
    const manifest = await loadManifest(join(main1, 'target', 'manifest.json'));
    const rendered = [...new Set(Object.values(manifest.nodes).filter((n) => n.resource_type === 'model').map((n) => n.schema as string))];
    expect(rendered).toEqual([`analytics${first.prepare.schemaSuffix}`]);
    const built = catalogSchemaName(rendered[0]!, 'postgres', readProjectQuoting(main1));
    expect(await schemas()).toContain(built);
    // The colour schema prepare told dbt to build into is the one dbt built into.
    expect(String(first.prepare.schemas).split(',')).toEqual([built]);
    expect(first.cutover?.code, `${first.cutover?.out}\n${first.cutover?.err}`).toBe(0);
    const customers = await query<{ customer_id: number; order_count: string }>('select customer_id, order_count from analytics.customers order by customer_id');
    expect(customers.map((r) => [r.customer_id, Number(r.order_count)])).toEqual([
      [1, 2],
      [2, 1],
      [3, 1],
    ]);
    expect(await columnsOf('analytics', 'customers')).toEqual(['customer_id', 'name', 'order_count']);
    expect(Number((await query<{ n: string }>('select count(*) as n from analytics.orders'))[0]!.n)).toBe(4);

    const saved = await slipway(['state', 'save', '--state-target', 'prod', '--sha', 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', '--manifest', join(main1, 'target', 'manifest.json'), '--run-results', join(main1, 'target', 'run_results.json'), '--backend', 'local', '--cache-dir', cacheDir(), '--state-dir', join(tmp, 'state-staging')]);
    expect(saved.code, saved.err).toBe(0);
  });

  let pr: string;
  let prSchema: string;
  it('PR #7: its own schema, slim CI builds only what changed (deferring the rest to production), the comment tells it from real run_results', async () => {
    expect(first?.cutover?.code).toBe(0);
    const created = await slipway(['pr-schema', 'create', ...conn(main1, 'ci'), '--pr-number', '7', '--repo', REPO, '--head-sha', 'b7b7b7b', '--format', 'json']);
    expect(created.code, created.err).toBe(0);
    prSchema = JSON.parse(created.out).schema;
    expect(await schemas()).toContain(prSchema);

    pr = commit('pr-7', (dir) =>
      writeFileSync(
        join(dir, 'models', 'marts', 'customers.sql'),
        readFileSync(join(dir, 'models', 'marts', 'customers.sql'), 'utf8').replace('count(o.order_id) as order_count', 'count(o.order_id) as order_count, coalesce(sum(o.amount), 0) as lifetime_value'),
      ),
    );
    const log: string[] = [];
    const comments: string[] = [];
    const rt = new CliRuntime({ write: (l) => log.push(l) });
    const slim = await runSlimCi({
      command: `${realDbt().bin} build`,
      projectDir: pr,
      profilesDir: pr,
      target: 'ci',
      stateTarget: 'prod',
      state: { cache: new LocalDirStateCache(cacheDir()), stateDir: join(tmp, 'state') },
      env: { ...process.env, ...connEnv, DBT_SCHEMA: prSchema, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', DBT_USE_COLORS: 'false' },
      comment: async (body) => void comments.push(body),
      rt,
    });
    expect(slim.state.source).toBe('cache');
    expect(slim.modified).toEqual({ 'model.shop.customers': ['body'] });
    expect(slim.selected).toEqual(['model.shop.customers', 'test.shop.not_null_customers_customer_id.5c9bf9911d', 'test.shop.unique_customers_customer_id.c5af1ff4b1']);
    expect(slim.dbtExitCode).toBe(0);
    // What a reviewer reads in the PR schema: the changed model, built from production's upstream (deferred, not rebuilt).
    expect(await columnsOf(prSchema, 'customers')).toEqual(['customer_id', 'name', 'order_count', 'lifetime_value']);
    const prRows = await query<{ customer_id: number; lifetime_value: string }>(`select customer_id, lifetime_value from ${prSchema}.customers order by 1`);
    expect(prRows.map((r) => Number(r.lifetime_value))).toEqual([40, 40, 5]);
    const inPr = (await query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = '${prSchema}' order by 1`)).map((r) => r.table_name);
    expect(inPr).toEqual(['customers']);
    // The comment is built from dbt's real run_results.json.
    const rr = await loadRunResults(join(pr, 'target', 'run_results.json'));
    expect(rr.results.map((r) => `${r.unique_id}:${r.status}`).sort()).toEqual(['model.shop.customers:success', 'test.shop.not_null_customers_customer_id.5c9bf9911d:pass', 'test.shop.unique_customers_customer_id.c5af1ff4b1:pass']);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/dbt succeeded/);
    expect(comments[0]).toContain('customers');
    expect(comments[0]).toMatch(/--defer/);
  });

  it('deploy #2 (the merged PR) goes live in the other colour; rollback brings deploy #1 back', async () => {
    const second = await deploy(commit('main-2', (dir) => cpSync(join(pr, 'models'), join(dir, 'models'), { recursive: true })), 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2');
    expect(second.build.code, second.build.stdout).toBe(0);
    expect(second.prepare.colour).not.toBe(first.prepare.colour);
    expect(second.cutover?.code, `${second.cutover?.out}\n${second.cutover?.err}`).toBe(0);
    expect(await columnsOf('analytics', 'customers')).toEqual(['customer_id', 'name', 'order_count', 'lifetime_value']);
    expect((await query<{ v: string }>('select lifetime_value as v from analytics.customers where customer_id = 1'))[0]!.v).toBe('40');

    const back = await slipway(['rollback', ...conn(main1), '--environment', ENVIRONMENT, '--reason', 'lifetime_value is wrong', '--actor', 'oncall', '--format', 'json']);
    expect(back.code, `${back.out}\n${back.err}`).toBe(0);
    expect(await columnsOf('analytics', 'customers')).toEqual(['customer_id', 'name', 'order_count']);
  });

  it('deploy #3 whose real dbt test fails: nothing is published, the lock is released, consumers keep the live data', async () => {
    const bad = commit('main-3', (dir) => writeFileSync(join(dir, 'models', 'marts', 'orders.sql'), "select order_id, customer_id, amount from {{ ref('stg_orders') }}\nunion all\nselect order_id, customer_id, amount from {{ ref('stg_orders') }} where order_id = 10\n"));
    const third = await deploy(bad, 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3');
    expect(third.build.code).toBe(1);
    const rr = await loadRunResults(join(bad, 'target', 'run_results.json'));
    expect(rr.results.find((r) => r.unique_id.startsWith('test.shop.unique_orders_order_id'))?.status).toBe('fail');
    // A cutover attempted anyway is refused on dbt's own verdict.
    const refused = await slipway(['deploy', 'cutover', ...conn(bad), '--environment', ENVIRONMENT, '--schemas', 'analytics', '--deploy-id', third.prepare.deployId, '--actor', 'ci']);
    expect(refused.code).toBe(1);
    const aborted = await slipway(['deploy', 'abort', ...conn(bad), '--environment', ENVIRONMENT, '--deploy-id', third.prepare.deployId, '--actor', 'ci', '--reason', 'dbt test unique_orders_order_id failed', '--format', 'json']);
    expect(aborted.code, aborted.err).toBe(0);
    // Consumers still read deploy #1 (the rolled-back live one), with unique orders.
    expect(Number((await query<{ n: string }>('select count(*) as n from analytics.orders'))[0]!.n)).toBe(4);
    expect(await columnsOf('analytics', 'customers')).toEqual(['customer_id', 'name', 'order_count']);
    const status = await slipway(['deploy', 'status', ...conn(bad), '--environment', ENVIRONMENT, '--format', 'json']);
    expect(status.code, status.err).toBe(0);
    expect(JSON.stringify(JSON.parse(status.out).lock ?? null)).toMatch(/null|"free"|\{\}/);
  });

  it('PR closed: schema-cleanup drops the PR schema and nothing else', async () => {
    const before = await schemas();
    const cleaned = await slipway(['schema-cleanup', ...conn(main1, 'ci'), '--pr-number', '7', '--repo', REPO]);
    expect(cleaned.code, cleaned.err).toBe(0);
    const after = await schemas();
    expect(after).not.toContain(prSchema);
    expect(before.filter((s) => s !== prSchema).sort()).toEqual([...after].sort());
    expect(Number((await query<{ n: string }>('select count(*) as n from analytics.customers'))[0]!.n)).toBe(3);
    expect(existsSync(join(main1, 'target', 'manifest.json'))).toBe(true);
  });
});
