/**
 * The PR impact report on the real PostgreSQL server, with production and PR
 * schemas built by real dbt from test/dbt-projects/impact-shop (built once,
 * asserted many times). Every number is checked against plain SQL on the two
 * schemas.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadManifest, loadRunResults, type Manifest, type RunResults } from '../../shared/dbt/artifacts.js';
import { impactMarkdown, impactTargets, parseFailOn, runImpact, type ImpactReport, type ModelImpact } from '../../shared/impact/index.js';
import type { Session, Warehouse } from '../../shared/warehouse/types.js';
import { describeDbt, realDbt, repoRoot, runDbt, writePgProfiles } from '../helpers/dbt.js';
import { freshPgDatabase } from '../helpers/pg.js';
import { runSlipway } from '../helpers/cli.js';
import { actionInputs } from '../helpers/inputs.js';
import { parse as parseYaml } from 'yaml';
import { slimCiAction } from '../../actions/slim-ci/action.js';
import type { EventContext } from '../../shared/actions-adapter/context.js';
import { exitCodeFor } from '../../shared/errors.js';
import type { GitHubReporter, StickyCommentRequest } from '../../shared/github/types.js';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import { LocalDirStateCache } from '../../shared/slim-ci/state-cache.js';

const TAG = 'slipway:impact-test:pr42:run7';

describeDbt('slipway impact on schemas built by real dbt (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let root: string;
  let prDir: string;
  let prodDir: string;
  let stateDir: string;
  let profilesDir: string;
  let manifest: Manifest;
  let state: Manifest;
  let runResults: RunResults;
  let report: ImpactReport;
  let statements: Map<string, number>;
  const model = (name: string, r: ImpactReport = report): ModelImpact => {
    const m = r.models.find((x) => x.name === name);
    if (!m) throw new Error(`no ${name} in the report: ${r.models.map((x) => x.name).join(', ')}`);
    return m;
  };
  const one = async (wh: Warehouse, sql: string): Promise<number> => Number(Object.values((await wh.query(sql)).rows[0]!)[0]);

  beforeAll(async () => {
    db = await freshPgDatabase('impact');
    root = mkdtempSync(join(tmpdir(), 'slipway-impact-'));
    const src = join(repoRoot, 'test', 'dbt-projects', 'impact-shop');
    const notOverlay = (p: string) => !p.startsWith(join(src, 'pr') + sep) && p !== join(src, 'pr');
    prodDir = join(root, 'prod');
    prDir = join(root, 'pr');
    cpSync(src, prodDir, { recursive: true, filter: notOverlay });
    cpSync(src, prDir, { recursive: true, filter: notOverlay });
    cpSync(join(src, 'pr', 'models'), join(prDir, 'models'), { recursive: true });
    profilesDir = join(root, 'profiles');
    const file = writePgProfiles(profilesDir, 'impact_shop', db.url, { prod: { schema: 'prod' }, pr: { schema: 'pr_42' } }, 'prod');
    // dbt tags its sessions from the same environment variable Slipway reads.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s+)threads: (\d+)$/gm, `$1threads: $2\n$1application_name: "{{ env_var('SLIPWAY_QUERY_TAG', 'dbt') }}"`));
    const prod = await runDbt(['run', '--target', 'prod'], { cwd: prodDir, profilesDir });
    expect(prod.code, prod.stdout + prod.stderr).toBe(0);
    stateDir = join(root, 'state');
    mkdirSync(stateDir);
    copyFileSync(join(prodDir, 'target', 'manifest.json'), join(stateDir, 'manifest.json'));
    const pr = await runDbt(['run', '--target', 'pr', '--select', 'state:modified+', '--defer', '--state', stateDir], { cwd: prDir, profilesDir, env: { SLIPWAY_QUERY_TAG: TAG } });
    expect(pr.code, pr.stdout + pr.stderr).toBe(0);
    manifest = await loadManifest(join(prDir, 'target', 'manifest.json'));
    state = await loadManifest(join(stateDir, 'manifest.json'));
    runResults = await loadRunResults(join(prDir, 'target', 'run_results.json'));
    statements = new Map();
    const targets = impactTargets({ manifest, state, runResults, children: true, dialect: 'postgres' });
    report = await runImpact(db.warehouse, {
      targets,
      tag: TAG,
      runResults,
      failOn: parseFailOn('duplicate-keys,null-keys,row-loss=0.1,removed-columns-used'),
      onStatement: (_s, m) => m && statements.set(m, (statements.get(m) ?? 0) + 1),
    });
  }, 600_000);

  afterAll(async () => {
    await db?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('compares the models the PR modified and, opt-in, their direct children; nothing else', () => {
    expect(report.models.map((m) => [m.name, m.reason, m.status])).toEqual([
      ['customers', 'modified', 'compared'],
      ['daily_summary', 'child', 'compared'],
      ['events', 'modified', 'compared'],
      ['orders', 'modified', 'compared'],
      ['products', 'modified', 'compared'],
    ]);
    expect(model('orders').prRelation).toBe('"pr_42"."orders"');
    expect(model('orders').prodRelation).toBe('"prod"."orders"');
  });

  it('orders: added, removed and changed rows by key match plain SQL on the two schemas', async () => {
    const wh = db.warehouse;
    const k = model('orders').keys!;
    expect(k.columns).toEqual(['order_id']);
    expect(k.from).toBe('test');
    expect(k.added).toBe(await one(wh, 'SELECT count(*) FROM pr_42.orders p WHERE NOT EXISTS (SELECT 1 FROM prod.orders b WHERE b.order_id = p.order_id)'));
    expect(k.removed).toBe(await one(wh, 'SELECT count(*) FROM prod.orders b WHERE NOT EXISTS (SELECT 1 FROM pr_42.orders p WHERE b.order_id = p.order_id)'));
    const changedAmount = await one(wh, 'SELECT count(*) FROM prod.orders b JOIN pr_42.orders p USING (order_id) WHERE b.amount IS DISTINCT FROM p.amount');
    expect(k.changed).toBe(changedAmount);
    expect([k.added, k.removed, k.changed]).toEqual([12, 5, 10]);
    expect(k.unchanged).toBe((await one(wh, 'SELECT count(*) FROM prod.orders b JOIN pr_42.orders p USING (order_id)')) - changedAmount);
    expect(model('orders').rows).toEqual({ prod: 1000, pr: 1007 });
    const amount = model('orders').columns.find((c) => c.name === 'amount')!;
    expect(amount.changedValues).toBe(changedAmount);
    expect(amount.prDistinct).toBe(await one(wh, 'SELECT count(DISTINCT amount) FROM pr_42.orders'));
    expect(model('orders').columns.find((c) => c.name === 'order_id')!.prDistinct).toBe(await one(wh, 'SELECT count(DISTINCT order_id) FROM pr_42.orders'));
    // integer → bigint compares as text: equal values are not "changed"
    expect(model('orders').columns.find((c) => c.name === 'quantity')!.changedValues).toBe(0);
  });

  it('orders: type change, added column and a removed column an exposure uses', () => {
    const s = model('orders').schema;
    expect(s.typeChanged).toEqual([{ name: 'quantity', from: 'integer', to: 'bigint' }]);
    expect(s.added).toEqual([{ name: 'channel', type: 'text' }]);
    expect(s.removed).toEqual([{ name: 'note', type: 'text', usedBy: ['exposure finance_dashboard'] }]);
  });

  it('customers: duplicate and NULL keys of the PR build, key from unique_key', async () => {
    const wh = db.warehouse;
    const k = model('customers').keys!;
    expect(k.from).toBe('unique_key');
    expect(k.prDuplicates).toBe(await one(wh, 'SELECT count(customer_id) - count(DISTINCT customer_id) FROM pr_42.customers'));
    expect(k.prNullKeys).toBe(await one(wh, 'SELECT count(*) FROM pr_42.customers WHERE customer_id IS NULL'));
    expect([k.prDuplicates, k.prNullKeys, k.prodDuplicates]).toEqual([3, 2, 0]);
    const email = model('customers').columns.find((c) => c.name === 'email')!;
    expect(email.sensitive).toBe(true);
    expect(email.prNulls).toBe(2);
    expect(email.prNullRate).toBeCloseTo(2 / 55);
  });

  it('events: only the overlapping event_time window is compared, so a stale PR build is not data loss', async () => {
    const wh = db.warehouse;
    const m = model('events');
    expect(m.rows!.window).toMatchObject({ column: 'event_at', from: '2026-01-06 00:00:00', to: '2026-01-25 09:00:00', narrowed: false });
    const win = "event_at BETWEEN '2026-01-06 00:00:00' AND '2026-01-25 09:00:00'";
    expect(m.rows!.prod).toBe(await one(wh, `SELECT count(*) FROM prod.events WHERE ${win}`));
    expect(m.rows!.pr).toBe(await one(wh, `SELECT count(*) FROM pr_42.events WHERE ${win}`));
    expect([m.rows!.prodTotal, m.rows!.prTotal]).toEqual([300, 200]);
    expect(m.keys!.removed).toBe(0);
    expect(m.keys!.changed).toBe(await one(wh, `SELECT count(*) FROM prod.events b JOIN pr_42.events p USING (event_id) WHERE b.${win} AND b.kind <> p.kind`));
    expect(m.keys!.changed).toBe(4);
  });

  it('products: key from the constraint, contract and type change, no value changes', () => {
    const m = model('products');
    expect(m.keys).toMatchObject({ columns: ['product_id'], from: 'constraint', added: 0, removed: 0, changed: 0, unchanged: 20 });
    expect(m.schema.contract).toEqual(['contract column price: numeric(10,2) → numeric(12,2)']);
    expect(m.schema.typeChanged).toEqual([{ name: 'price', from: 'numeric(10,2)', to: 'numeric(12,2)' }]);
  });

  it('daily_summary (no key): counts and column profiles only', async () => {
    const m = model('daily_summary');
    expect(m.keys).toBeUndefined();
    expect(m.rows).toEqual({ prod: 2, pr: 2 });
    expect(m.notes.join()).toMatch(/no unique key known/);
    const rev = m.columns.find((c) => c.name === 'revenue')!;
    expect(rev.changedValues).toBeUndefined();
    expect(rev.prDistinct).toBe(await one(db.warehouse, 'SELECT count(DISTINCT revenue) FROM pr_42.daily_summary'));
  });

  it('one aggregate statement per model, plus one describe for all of them', () => {
    expect([...statements.values()]).toEqual([1, 1, 1, 1, 1]);
    for (const m of report.models) expect(m.cost.statements).toBe(1);
    // describe + 2 session-setup statements per session + 5 models + 2 resets per session (no query history on Postgres)
    const sessions = Math.min(4, 5);
    expect(report.receipt.slipway.statements).toBe(1 + sessions * 2 + 5 + sessions * 2);
    expect(report.receipt.dbt!.nodes).toBe(runResults.results.length);
    expect(report.receipt.dbt!.seconds).toBeCloseTo(runResults.results.reduce((s, r) => s + (r.execution_time ?? 0), 0), 2);
    expect(report.receipt.tag).toBe(TAG);
  });

  it("Slipway's sessions carry the PR's tag and the statement timeout, reset afterwards", async () => {
    const seen: string[] = [];
    const wh = db.warehouse;
    const spy: Warehouse = Object.assign(Object.create(Object.getPrototypeOf(wh)), wh, {
      dialect: wh.dialect,
      capabilities: wh.capabilities,
      withSession: <T>(fn: (s: Session) => Promise<T>) =>
        wh.withSession((s) =>
          fn({
            id: s.id,
            query: async (sql: string, binds?: readonly unknown[]) => {
              if (sql.startsWith('WITH')) {
                const r = await s.query<{ a: string; t: string }>("SELECT current_setting('application_name') AS a, current_setting('statement_timeout') AS t");
                seen.push(`${r.rows[0]!.a} ${r.rows[0]!.t}`);
              }
              return s.query(sql, binds);
            },
          } as Session),
        ),
    });
    const targets = impactTargets({ manifest, state, runResults, dialect: 'postgres' }).filter((t) => t.name === 'products');
    await runImpact(spy, { targets, tag: TAG, timeoutSeconds: 42 });
    expect(seen).toEqual([`${TAG} 42s`]);
    const after = await wh.withSession((s) => s.query<{ a: string }>("SELECT current_setting('application_name') AS a"));
    expect(after.rows[0]!.a).not.toBe(TAG);
  });

  it('fail-on: duplicate and NULL keys, row loss past the limit, a removed column in use', () => {
    expect(report.gate.passed).toBe(false);
    expect(report.gate.tripped.map((t) => `${t.rule}:${t.model}`).sort()).toEqual(['duplicate-keys:customers', 'null-keys:customers', 'removed-columns-used:orders', 'row-loss:orders']);
    const md = impactMarkdown(report);
    const head = md.slice(0, md.indexOf('<details>'));
    expect(head.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(5);
    expect(md).toMatch(/- ❌ `orders` rows 1,000 → 1,007/);
    expect(md).toContain('<details><summary>Details per model</summary>');
    expect(md).toContain('**Impact gate failed**');
  });

  it('samples are opt-in, capped, and never carry a sensitive column', async () => {
    const targets = impactTargets({ manifest, state, runResults, dialect: 'postgres', sensitive: ['orders.amount'] }).filter((t) => ['customers', 'orders'].includes(t.name));
    const r = await runImpact(db.warehouse, { targets, samples: 4, concurrency: 1 });
    const cust = model('customers', r);
    expect(cust.cost.statements).toBe(2);
    expect(cust.samples).toHaveLength(3);
    expect(cust.samples!.every((s) => s.kind === 'changed' && s.values!.name && !('email' in s.values!))).toBe(true);
    expect(cust.samples!.map((s) => s.values!.name)).toEqual([['customer 1', 'dup 1'], ['customer 2', 'dup 2'], ['customer 3', 'dup 3']]);
    const orders = model('orders', r);
    expect(orders.samples).toHaveLength(4);
    expect(JSON.stringify(r)).not.toMatch(/secret\d@example/);
    // amount is sensitive by --sensitive: changed rows show no amount values
    expect(orders.samples!.filter((s) => s.kind === 'changed').every((s) => !('amount' in (s.values ?? {})))).toBe(true);
  });

  it('huge tables: skipped with a note, unless event_time narrows them to a recent window', async () => {
    const targets = impactTargets({ manifest, state, runResults, dialect: 'postgres' }).filter((t) => ['events', 'orders'].includes(t.name));
    const r = await runImpact(db.warehouse, { targets, maxBytes: 1, lookbackDays: 3 });
    expect(model('orders', r).status).toBe('skipped');
    expect(model('orders', r).notes.join()).toMatch(/past the size limit .* no event_time/);
    const ev = model('events', r);
    expect(ev.status).toBe('compared');
    expect(ev.rows!.window).toMatchObject({ from: '2026-01-22 09:00:00', to: '2026-01-25 09:00:00', narrowed: true });
    const win = "event_at BETWEEN '2026-01-22 09:00:00' AND '2026-01-25 09:00:00'";
    expect(ev.rows!.prod).toBe(await one(db.warehouse, `SELECT count(*) FROM prod.events WHERE ${win}`));
    expect(ev.rows!.pr).toBe(await one(db.warehouse, `SELECT count(*) FROM pr_42.events WHERE ${win}`));
    expect(ev.rows!.prodTotal).toBeUndefined();
  });

  it('a model that hits the statement timeout is reported, and the others are still compared', async () => {
    // A PR relation that takes ≥ 2 s to read (2 ms per row, correlated so it cannot be run once).
    await db.warehouse.query('CREATE VIEW pr_42.slow_orders AS SELECT o.* FROM pr_42.orders AS o CROSS JOIN LATERAL (SELECT pg_sleep(0.002 + 0 * o.order_id)) AS s');
    const [products] = impactTargets({ manifest, state, runResults, dialect: 'postgres' }).filter((t) => t.name === 'products');
    const slow = { ...products!, uniqueId: 'model.impact_shop.slow_orders', name: 'slow_orders', key: { columns: ['order_id'], from: 'test' as const }, pr: { schema: 'pr_42', name: 'slow_orders' }, prod: { schema: 'prod', name: 'orders' }, contract: [] };
    const r = await runImpact(db.warehouse, { targets: [slow, products!], timeoutSeconds: 1, concurrency: 1 });
    expect(model('slow_orders', r).status).toBe('error');
    expect(model('slow_orders', r).notes.join()).toMatch(/stopped by the statement timeout \(1 s\)/);
    expect(model('products', r).status).toBe('compared');
    expect(impactMarkdown(r)).toMatch(/- ⚠️ `slow_orders` stopped by the statement timeout/);
  });

  it('`slipway impact --format json` prints the report and exits 1 when a fail-on rule trips', async () => {
    const md = join(root, 'impact.md');
    const r = await runSlipway(['impact', '--project-dir', prDir, '--state', stateDir, '--profiles-dir', profilesDir, '--target', 'pr', '--format', 'json', '--fail-on', 'duplicate-keys', '--markdown', md], { SLIPWAY_QUERY_TAG: TAG });
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(/Impact gate failed: customers: 3 row\(s\) repeat a key value/);
    const json = JSON.parse(r.out) as ImpactReport;
    expect(json.models.map((m) => m.name)).toEqual(['customers', 'events', 'orders', 'products']);
    expect(json.gate.tripped).toHaveLength(1);
    expect(readFileSync(md, 'utf8')).toMatch(/^### Data impact/);
    const ok = await runSlipway(['impact', '--project-dir', prDir, '--state', stateDir, '--profiles-dir', profilesDir, '--target', 'pr', '--fail-on', 'row-loss=50']);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/Gate passed \(row-loss=50\)/);
    const bad = await runSlipway(['impact', '--project-dir', prDir, '--state', stateDir, '--profiles-dir', profilesDir, '--fail-on', 'row-loss']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/needs a percentage, e\.g\. row-loss=5/);
  });

  it('the slim CI action with impact: true adds the section to its sticky comment and the summary, and fails on a tripped rule', async () => {
    const work = mkdtempSync(join(tmpdir(), 'slipway-impact-action-'));
    const cwd = process.cwd();
    process.chdir(work); // the action restores state into the relative .slipway/state
    try {
      const cache = new LocalDirStateCache(join(work, 'cache'));
      const push: EventContext = { eventName: 'push', repo: { owner: 'o', repo: 'shop' }, sha: 'a'.repeat(40), ref: 'refs/heads/main', actor: 'ci', runUrl: 'https://github.com/o/shop/actions/runs/1', payload: {} };
      await slimCiAction(new CliRuntime({ write: () => {} }), actionInputs({ mode: 'save-state', 'project-dir': prodDir, 'state-target': 'prod' }), push, { cache });
      const comments: StickyCommentRequest[] = [];
      const reporter: GitHubReporter = {
        async upsertStickyComment(req) {
          comments.push(req);
          return { id: 1, action: comments.length === 1 ? 'created' : 'updated' };
        },
        async startCheckRun() {
          throw new Error('not used');
        },
      };
      const event: EventContext = { ...push, eventName: 'pull_request', ref: 'refs/pull/42/merge', pullRequest: { number: 42, headSha: 'e'.repeat(40), baseRef: 'main', baseSha: 'a'.repeat(40), isFork: false } };
      const rt = new CliRuntime({ write: () => {} });
      const inputs = actionInputs({ command: `${realDbt().bin} run`, 'project-dir': prDir, 'profiles-dir': profilesDir, target: 'pr', impact: 'true', 'impact-fail-on': 'duplicate-keys', 'impact-sensitive': 'orders.amount' });
      const err = await slimCiAction(rt, inputs, event, { cache, reporter, env: { ...process.env, SLIPWAY_QUERY_TAG: TAG, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false' } }).catch((e: unknown) => e);
      expect(exitCodeFor(err), String(err)).toBe(1);
      expect(String((err as Error).message)).toMatch(/Impact gate failed: customers/);
      const body = comments[comments.length - 1]!.body;
      expect(comments.every((c) => c.marker === 'slim-ci')).toBe(true);
      expect(body).toMatch(/Slipway slim CI/);
      expect(body).toMatch(/### Data impact\n- ❌ `customers`/);
      expect(rt.summaries.join('\n')).toContain('### Data impact');
      const out = JSON.parse(rt.outputs.impact!) as ImpactReport;
      expect(out.models.map((m) => m.name)).toEqual(['customers', 'events', 'orders', 'products']);
      expect(out.models.find((m) => m.name === 'orders')!.columns.find((c) => c.name === 'amount')!.sensitive).toBe(true);
      const declared = Object.keys(parseYaml(readFileSync(join(repoRoot, 'actions/slim-ci/action.yml'), 'utf8')).inputs);
      for (const name of inputs.read) expect(declared, `input ${name}`).toContain(name);
    } finally {
      process.chdir(cwd);
      rmSync(work, { recursive: true, force: true });
    }
  });
});
