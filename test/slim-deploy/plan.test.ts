/**
 * The slim-deploy planner on generated blue/green manifest pairs and the
 * catalog Snowflake would list, every Snowflake statement parsed by sqlfluff,
 * and the plan executed through the Warehouse interface.
 */
import { describe, expect, it } from 'vitest';
import { OperationError, UserError } from '../../shared/errors.js';
import { snowflakeCloneSql } from '../../shared/dialects/snowflake/clone.js';
import { catalogKey, executeSlimPlan, planSlim, planSlimDeploy, slimPlanText } from '../../shared/slim-deploy/index.js';
import { FakeSnowflake } from '../helpers/fake-snowflake.js';
import { describeSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';
import { renderForDisplay } from '../../shared/sql/plan.js';
import { colourPair, snowflakeCatalog, viewText } from './project.js';

const shape = { models: 40, changed: ['m0012'] };
const pair = colourPair(shape);
const catalog = snowflakeCatalog(pair, shape);
const req = { dialect: 'snowflake' as const, canClone: true, liveManifest: pair.live, newManifest: pair.next, liveSuffix: '__BLUE', idleSuffix: '__GREEN' };

/** Children of m0012 in the generated graph (m_i depends on m_{i/2} and m_{i-1}). */
function downstream(of: string, models: number): Set<string> {
  const out = new Set([of]);
  for (let i = 0; i < models; i++) {
    const n = `m${String(i).padStart(4, '0')}`;
    if (i >= 10 && (out.has(`m${String(Math.floor(i / 2)).padStart(4, '0')}`) || out.has(`m${String(i - 1).padStart(4, '0')}`))) out.add(n);
  }
  return out;
}

describe('slim deploy plan (Snowflake)', () => {
  const plan = planSlim(req, catalog, snowflakeCloneSql);

  it('builds the changed model and its children, nothing else', () => {
    expect(plan.mode).toBe('slim');
    expect(plan.build.select).toEqual(['state:modified+']);
    const expected = [...downstream('m0012', 40)].map((n) => `model.shop.${n}`).sort();
    expect(plan.build.nodes).toEqual(expected);
    expect(plan.build.modified).toEqual(['model.shop.m0012']);
    expect(plan.build.notCloned).toEqual([]);
  });

  it('clones tables, incrementals, the seed and the snapshot from the live colour; never a view; not tables dbt rebuilds anyway', () => {
    const cloned = new Set(plan.clones.map((c) => c.node));
    expect(cloned.has('seed.shop.countries')).toBe(true);
    expect(cloned.has('snapshot.shop.orders_snapshot')).toBe(true);
    for (const c of plan.clones) {
      const n = pair.next.nodes[c.node]!;
      expect((n.config as any).materialized).not.toBe('view');
      expect(c.from).toEqual({ database: 'ANALYTICS_PROD', schema: 'ANALYTICS__BLUE', name: n.name.toUpperCase() });
      expect(c.to).toEqual({ database: 'ANALYTICS_PROD', schema: 'ANALYTICS__GREEN', name: n.name.toUpperCase() });
    }
    // m0017 is incremental and downstream of the change: cloned so it continues from the live table, and built
    expect(cloned.has('model.shop.m0017')).toBe(true);
    expect(plan.build.nodes).toContain('model.shop.m0017');
    // m0013 is a table downstream of the change: dbt rebuilds it from scratch, so no clone
    expect(cloned.has('model.shop.m0013')).toBe(false);
    expect(plan.statements[0]!.sql).toBe('CREATE OR REPLACE TRANSIENT TABLE "ANALYTICS_PROD"."ANALYTICS__GREEN"."M0002" CLONE "ANALYTICS_PROD"."ANALYTICS__BLUE"."M0002" COPY GRANTS');
    expect(plan.statements).toHaveLength(plan.clones.length);
    expect(slimPlanText(plan)).toContain('dbt build --select state:modified+ --state');
  });

  it('a view whose idle copy is stale or missing is rebuilt (by fqn); a permanent table is cloned as permanent', () => {
    const s2 = { ...shape, staleViews: ['m0020'] };
    const cat = snowflakeCatalog(pair, s2);
    const idle = cat.get(catalogKey('ANALYTICS_PROD', 'ANALYTICS__GREEN'))!;
    cat.set(catalogKey('ANALYTICS_PROD', 'ANALYTICS__GREEN'), idle.filter((r) => r.name !== 'M0021'));
    cat.get(catalogKey('ANALYTICS_PROD', 'ANALYTICS__BLUE'))!.find((r) => r.name === 'M0002')!.transient = false;
    const p = planSlim(req, cat, snowflakeCloneSql);
    expect(p.build.notCloned).toEqual([
      { node: 'model.shop.m0020', why: "the idle colour's view differs from the live one" },
      { node: 'model.shop.m0021', why: 'view missing in the idle colour' },
    ]);
    expect(p.build.select).toEqual(['state:modified+', 'fqn:shop.marts.m0020', 'fqn:shop.marts.m0021']);
    expect(p.build.nodes).toEqual(expect.arrayContaining(['model.shop.m0020', 'model.shop.m0021']));
    expect(p.statements.find((s) => s.sql.includes('"M0002" CLONE'))!.sql).toMatch(/^CREATE OR REPLACE TABLE /);
  });

  it('a table missing from the live colour is built, not cloned', () => {
    const cat = snowflakeCatalog(pair, shape);
    const live = cat.get(catalogKey('ANALYTICS_PROD', 'ANALYTICS__BLUE'))!;
    cat.set(catalogKey('ANALYTICS_PROD', 'ANALYTICS__BLUE'), live.filter((r) => r.name !== 'M0003'));
    const p = planSlim(req, cat, snowflakeCloneSql);
    expect(p.build.notCloned).toEqual([{ node: 'model.shop.m0003', why: 'no ANALYTICS__BLUE.M0003 in the live colour' }]);
    expect(p.clones.map((c) => c.node)).not.toContain('model.shop.m0003');
    expect(p.build.nodes).toContain('model.shop.m0003');
  });

  it('scheduled refresh adds source_status:fresher+ from the two sources.json; without the previous one every source counts as fresher', () => {
    const src = (at: string) => ({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json', generated_at: at }, results: [{ unique_id: 'source.shop.raw.orders', max_loaded_at: at, snapshotted_at: at, status: 'pass' }], elapsed_time: 1 }) as any;
    const same = colourPair({ models: 40 });
    const p = planSlim({ ...req, liveManifest: same.live, newManifest: same.next, refresh: true, previousSources: src('2026-12-01T00:00:00Z'), currentSources: src('2026-12-02T00:00:00Z') }, snowflakeCatalog(same, { models: 40 }), snowflakeCloneSql);
    expect(p.build.select).toEqual(['state:modified+', 'source_status:fresher+']);
    expect(p.build.modified).toEqual([]);
    // m0000..m0009 read the source; with their descendants that is every model and the snapshot
    expect(p.build.fresher).toContain('model.shop.m0000');
    expect(p.build.fresher).toContain('snapshot.shop.orders_snapshot');
    expect(p.build.fresher).not.toContain('seed.shop.countries');
    const p2 = planSlim({ ...req, liveManifest: same.live, newManifest: same.next, refresh: true }, snowflakeCatalog(same, { models: 40 }), snowflakeCloneSql);
    expect(p2.build.select).toEqual(['state:modified+', 'source:*+']);
    expect(p2.warnings.join()).toContain("without the previous run's sources.json");
    expect(p2.build.nodes).toContain('model.shop.m0039');
  });

  it('no clone support, or nothing live: a full build that says why', () => {
    const pg = planSlim({ ...req, dialect: 'postgres', canClone: false }, new Map());
    expect(pg.mode).toBe('full');
    expect(pg.reason).toContain('postgres has no zero-copy clone');
    expect(pg.statements).toEqual([]);
    expect(pg.build.nodes).toHaveLength(42);
    const first = planSlim({ ...req, liveManifest: undefined }, new Map(), snowflakeCloneSql);
    expect(first.reason).toContain('first deploy is a full build');
  });

  it('a caller-found reason (live manifest not the live deploy\'s) makes it a full build that says so', () => {
    const p = planSlim({ ...req, fullBuildReason: 'manifest mismatch' }, catalog, snowflakeCloneSql);
    expect(p.mode).toBe('full');
    expect(p.reason).toBe('manifest mismatch');
    expect(p.statements).toEqual([]);
  });

  it('bad suffixes are a clear input error', () => {
    expect(() => planSlim({ ...req, idleSuffix: '__BLUE' }, catalog, snowflakeCloneSql)).toThrow(UserError);
    expect(() => planSlim({ ...req, idleSuffix: '' }, catalog, snowflakeCloneSql)).toThrow(/two different non-empty suffixes/);
  });
});

describeSqlfluff('slim deploy Snowflake SQL parses with sqlfluff', () => {
  it('clone (transient and permanent), catalog listing and view text statements', () => {
    const ref = (schema: string, name: string) => ({ database: 'ANALYTICS_PROD', schema, name });
    const statements = [
      snowflakeCloneSql.cloneTable(ref('ANALYTICS__BLUE', 'ORDERS'), ref('ANALYTICS__GREEN', 'ORDERS'), true),
      snowflakeCloneSql.cloneTable(ref('Analytics__Blue', 'Weird Name-1'), ref('Analytics__Green', 'Weird Name-1'), false),
      snowflakeCloneSql.listTables('ANALYTICS_PROD', "ANALYTICS'__BLUE"),
      snowflakeCloneSql.viewDefinitions!('ANALYTICS_PROD', 'ANALYTICS__GREEN'),
      ...planSlim(req, catalog, snowflakeCloneSql).statements,
    ].map((s) => renderForDisplay(s, 'snowflake'));
    expect(unparsableSnowflake(statements)).toEqual([]);
  });
});

/** The shared Snowflake stand-in answering the catalog reads (the clone dialect's own statements) from a recorded catalog; every other statement is recorded. */
function recordingSnowflake(cat: typeof catalog): FakeSnowflake {
  const wh = new FakeSnowflake();
  for (const [key, rels] of cat) {
    const [db, schema] = key.split('\u0000') as [string, string];
    // Rows as Snowflake sends them (upper-case names); the stand-in folds them as the real adapter does.
    wh.answer(snowflakeCloneSql.listTables(db || undefined, schema), rels.map((r) => ({ NAME: r.name, KIND: r.kind, TRANSIENT: r.transient ? 'YES' : 'NO' })));
    wh.answer(snowflakeCloneSql.viewDefinitions!(db || undefined, schema), rels.filter((r) => r.kind === 'view').map((r) => ({ NAME: r.name, DEFINITION: r.definition })));
  }
  return wh;
}

describe('slim deploy through the Warehouse interface', () => {
  it('lists both colour schemas, plans the same as the pure planner, and runs exactly the planned clones', async () => {
    const wh = recordingSnowflake(catalog);
    const plan = await planSlimDeploy(wh, { liveManifest: pair.live, newManifest: pair.next, liveSuffix: '__BLUE', idleSuffix: '__GREEN' });
    expect(plan).toEqual(planSlim(req, catalog, snowflakeCloneSql));
    const reads = wh.sqls.length;
    const lines: string[] = [];
    const record = await executeSlimPlan(wh, plan, { info: (l) => lines.push(l) });
    expect(wh.sqls.slice(reads).sort()).toEqual(plan.statements.map((s) => s.sql).sort());
    expect(record.cloned).toEqual(plan.clones.map((c) => c.node));
    expect(record.built).toEqual(plan.build.nodes);
    expect(record.statementsRun).toBe(plan.statements.length);
    expect(lines.at(-1)).toContain(`cloned ${plan.clones.length} table(s)`);
  });

  it('a failing clone is an operation error naming the statement; nothing is dropped', async () => {
    const wh = recordingSnowflake(catalog);
    const plan = await planSlimDeploy(wh, { liveManifest: pair.live, newManifest: pair.next, liveSuffix: '__BLUE', idleSuffix: '__GREEN' });
    wh.fail(plan.statements.find((st) => st.sql.includes('"M0002" CLONE'))!, 'Insufficient privileges to operate on table');
    const err = await executeSlimPlan(wh, plan, { info: () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect(err.message).toContain('Insufficient privileges');
    expect(err.message).toContain('"M0002" CLONE');
    expect(wh.sqls.some((s) => /^DROP/i.test(s))).toBe(false);
  });

  it('the view text the stand-in returns is what dbt-snowflake issues', () => {
    expect(viewText('analytics_prod', 'analytics__BLUE', pair.live.nodes['model.shop.m0000']!)).toContain('create or replace   view analytics_prod.analytics__BLUE.m0000');
  });
});
