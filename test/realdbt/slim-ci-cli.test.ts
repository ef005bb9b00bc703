/**
 * `slipway slim-ci` from a shell, with real dbt on the real PostgreSQL
 * server: production built by real dbt, its manifest in a state folder (as a
 * downloaded deploy artifact), then a change to one model. Only that model
 * (and what depends on it) is built into the PR schema; its unchanged
 * parents are read from production through --defer.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runSlipway } from '../helpers/cli.js';
import { describeDbt, realDbt, repoRoot, runDbt } from '../helpers/dbt.js';
import { freshPgDatabase } from '../helpers/pg.js';

describeDbt('slipway slim-ci with real dbt', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let tmp: string;
  let env: Record<string, string>;
  const project = (label: string) => {
    const dir = join(tmp, label);
    cpSync(join(repoRoot, 'test', 'dbt-projects', 'shop'), dir, { recursive: true });
    mkdirSync(join(dir, 'macros'), { recursive: true });
    cpSync(join(repoRoot, 'action-examples', 'dbt', 'macros', 'generate_schema_name.sql'), join(dir, 'macros', 'generate_schema_name.sql'));
    return dir;
  };
  const rows = async (sql: string) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    db = await freshPgDatabase('slimcli');
    tmp = mkdtempSync(join(tmpdir(), 'slipway-slimci-cli-'));
    const u = new URL(db.url);
    env = { SHOP_PG_HOST: u.hostname, SHOP_PG_PORT: u.port || '5432', SHOP_PG_USER: decodeURIComponent(u.username) || 'postgres', SHOP_PG_PASSWORD: decodeURIComponent(u.password), SHOP_PG_DBNAME: u.pathname.slice(1) };
  });
  afterAll(async () => {
    await db?.drop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('builds only the changed model into the PR schema, deferring its parents to production', async () => {
    const prod = project('prod');
    const built = await runDbt(['build', '--target', 'prod'], { cwd: prod, profilesDir: prod, env });
    expect(built.code, built.stdout).toBe(0);
    const state = join(tmp, 'prod-state');
    mkdirSync(state);
    cpSync(join(prod, 'target', 'manifest.json'), join(state, 'manifest.json'));

    const pr = project('pr');
    const orders = join(pr, 'models', 'marts', 'orders.sql');
    writeFileSync(orders, readFileSync(orders, 'utf8').replace('amount from', 'amount, amount * 100 as amount_cents from'));

    const r = await runSlipway(
      ['slim-ci', '--project-dir', pr, '--profiles-dir', pr, '--target', 'ci', '--state', state, '--command', `${realDbt().bin} build`, '--format', 'json'],
      { ...env, DBT_SCHEMA: 'ci_pr_9', DBT_PROFILES_DIR: undefined, DATABASE_URL: undefined },
    );
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.stateSource).not.toBe('none');
    expect(out.selected).toContain('model.shop.orders');
    expect(out.selected).not.toContain('model.shop.customers');

    // What a reviewer querying the PR schema sees: only the changed model, with the change.
    const tables = (await rows(`select table_name from information_schema.tables where table_schema = 'ci_pr_9' order by 1`)).map((x) => x.table_name);
    expect(tables).toEqual(['orders']);
    const sample = await rows('select amount, amount_cents from ci_pr_9.orders order by order_id limit 1');
    expect(Number(sample[0].amount_cents)).toBe(Number(sample[0].amount) * 100);
    // Production is untouched.
    const prodCols = (await rows(`select column_name from information_schema.columns where table_schema = 'analytics' and table_name = 'orders'`)).map((x) => x.column_name);
    expect(prodCols).not.toContain('amount_cents');
  });

  it('refuses a --state folder without a manifest as bad input (exit 2)', async () => {
    const empty = join(tmp, 'empty-state');
    mkdirSync(empty, { recursive: true });
    const r = await runSlipway(['slim-ci', '--project-dir', tmp, '--state', empty], { DBT_PROFILES_DIR: undefined });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/holds no manifest\.json/);
  });
});
