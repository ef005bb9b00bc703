/**
 * dbt-core's state-selection acceptance cases (shared/research/dbt-state-cases.md),
 * reproduced as before/after manifest pairs of the BASE project.
 */
import { describe, expect, it } from 'vitest';
import { selectNodes, ContractBreakingChangeError, type SelectionRequest } from '../../shared/dbt/selection/index.js';
import { UserError } from '../../shared/errors.js';
import { BASE_IDS, base, clone, macro, manifest, node, type Mutable } from './builder.js';

const ls = (state: Mutable, current: Mutable, select: string[], extra: Partial<SelectionRequest> = {}): string[] =>
  selectNodes({ manifest: current, state, select, ...extra }).selected;
const ofType = (ids: string[], prefix: string): string[] => ids.filter((id) => id.startsWith(prefix + '.'));
const TABLE = 'model.test.table_model';
const VIEW = 'model.test.view_model';
const SEED = 'seed.test.seed';

describe('A1 seed contents', () => {
  it('no change selects nothing; unmodified selects the seed', () => {
    const s = base();
    const c = clone(s);
    expect(ofType(ls(s, c, ['state:modified']), 'seed')).toEqual([]);
    expect(ofType(ls(s, c, ['fqn:*', 'source:*', 'exposure:*'], { exclude: ['state:unmodified'] }), 'seed')).toEqual([]);
    expect(ofType(ls(s, c, ['state:unmodified']), 'seed')).toEqual([SEED]);
  });
  it('a new row marks the seed modified and state:modified+ everything', () => {
    const s = base();
    const c = clone(s);
    c.nodes[SEED]!.checksum = { name: 'sha256', checksum: 'bbb222' };
    expect(ls(s, c, ['state:modified'], { indirectSelection: 'empty' })).toEqual([SEED]);
    expect(ls(s, c, ['state:modified+'])).toEqual(BASE_IDS);
    expect(ls(s, c, ['state:unmodified'], { indirectSelection: 'empty' })).toEqual(BASE_IDS.filter((x) => x !== SEED));
    expect(ls(s, c, ['state:unmodified+'])).toEqual(BASE_IDS.filter((x) => x !== SEED));
    expect(ls(s, c, ['fqn:*', 'exposure:*'], { exclude: ['state:unmodified'] })).toEqual([SEED]);
  });
  it('sha256 → path (grew past 1 MiB) is modified with a warning; path → path is never modified', () => {
    const s = base();
    const c = clone(s);
    c.nodes[SEED]!.checksum = { name: 'path', checksum: 'seeds/seed.csv' };
    const r = selectNodes({ manifest: c, state: s, select: ['state:modified'], indirectSelection: 'empty' });
    expect(r.selected).toEqual([SEED]);
    expect(r.warnings.some((w) => w.code === 'seed-size')).toBe(true);
    const c2 = clone(c); // contents change again, still path mode
    expect(ls(c, c2, ['state:modified'], { indirectSelection: 'empty' })).toEqual([]);
    expect(ofType(ls(c, c2, ['state:unmodified']), 'seed')).toEqual([SEED]);
  });
});

describe('A2/A3 configs', () => {
  it('a seed config added in dbt_project.yml marks the seed modified', () => {
    const s = base();
    const c = clone(s);
    c.nodes[SEED]!.unrendered_config = { quote_columns: false };
    expect(ofType(ls(s, c, ['state:modified']), 'seed')).toEqual([SEED]);
    expect(ofType(ls(s, c, ['state:unmodified']), 'seed')).toEqual([]);
  });
  it('an explicit default (+materialized: view) counts only where the key is new', () => {
    const s = base();
    const c = clone(s);
    // table/ephemeral set materialized in config(), which wins in unrendered_config.
    c.nodes[VIEW]!.unrendered_config = { materialized: 'view' };
    expect(ofType(ls(s, c, ['state:modified'], { indirectSelection: 'empty' }), 'model')).toEqual([VIEW]);
    expect(ofType(ls(s, c, ['state:unmodified']), 'model')).toEqual(['model.test.ephemeral_model', TABLE]);
    const r = selectNodes({ manifest: c, state: s, select: ['state:modified'] });
    expect(r.modified[VIEW]).toEqual(['configs']);
    // The report names the key that changed, not just "configs".
    expect(r.changedConfigs[VIEW]).toEqual(['materialized']);
  });
  it('names every changed config key, never one dbt does not compare', () => {
    const s = base();
    s.nodes[VIEW]!.unrendered_config = { tags: ['a'], persist_docs: { relation: true } };
    const c = clone(s);
    c.nodes[VIEW]!.unrendered_config = { tags: ['b'], persist_docs: { relation: false }, on_schema_change: 'fail' };
    const r = selectNodes({ manifest: c, state: s, select: ['state:modified'] });
    expect(r.modified[VIEW]).toContain('configs');
    expect(r.changedConfigs[VIEW]).toEqual(['on_schema_change', 'persist_docs']);
  });
  it('tags and group are not compared (A19)', () => {
    const s = base();
    s.nodes[VIEW]!.unrendered_config = { group: 'finance', tags: ['a'] };
    const c = clone(s);
    c.nodes[VIEW]!.unrendered_config = { group: 'accounting', tags: ['b'] };
    c.nodes[VIEW]!.tags = ['b'];
    expect(ls(s, c, ['state:modified'])).toEqual([]);
  });
  it('data tests compare only their modifier configs (A20)', () => {
    const s = base();
    const c = clone(s);
    const t = 'test.test.unique_view_model_id.0123456789';
    c.nodes[t]!.unrendered_config = { severity: 'error', tags: ['x'], meta: { a: 1 } };
    expect(ls(s, c, ['state:modified'])).toEqual([]);
    c.nodes[t]!.unrendered_config = { severity: 'warn' };
    expect(ls(s, c, ['state:modified'], { indirectSelection: 'empty' })).toEqual([t]);
  });
});

describe('A4–A6 body and macros', () => {
  it('a model SQL change selects that model only', () => {
    const s = base();
    const c = clone(s);
    c.nodes[TABLE]!.raw_code = "{{ config(materialized='table') }}\nselect * from {{ ref('seed') }}";
    expect(ls(s, c, ['state:modified'])).toEqual([TABLE]);
    expect(selectNodes({ manifest: c, state: s, select: ['state:modified'] }).modified).toEqual({ [TABLE]: ['body'] });
  });
  it('whitespace-only edits count (raw_code byte for byte)', () => {
    const s = base();
    const c = clone(s);
    c.nodes[TABLE]!.raw_code += ' ';
    expect(ls(s, c, ['state:modified.body'])).toEqual([TABLE]);
  });
  it('a new unused macro selects nothing (A5)', () => {
    const s = base();
    const c = clone(s);
    c.macros['macro.test.unused'] = macro('macro.test.unused', '{% macro unused() %}{% endmacro %}');
    expect(ls(s, c, ['state:modified'])).toEqual([]);
  });
  it('a changed macro selects its callers, also through recursion (A6)', () => {
    const s = base();
    const c = clone(s);
    c.macros['macro.test.my_macro']!.macro_sql = "{% macro my_macro() %}{% do log('changed') %}{% endmacro %}";
    expect(ls(s, c, ['state:modified'])).toEqual([TABLE]);
    expect(ls(s, c, ['state:modified.macros'])).toEqual([TABLE]);
    expect(ls(s, c, ['state:modified.body'])).toEqual([]);
    const c2 = clone(s);
    c2.macros['macro.test.default__my_infinitely_recursive_macro']!.macro_sql += ' ';
    expect(ls(s, c2, ['state:modified.macros'], { indirectSelection: 'empty' })).toEqual([VIEW]);
  });
  it('a null depends_on.macros entry (deleted generic test) is a clear error (A18)', () => {
    const s = base();
    const c = clone(s);
    c.nodes[VIEW]!.depends_on!.macros = [null as unknown as string];
    expect(() => ls(s, c, ['state:modified'])).toThrow(UserError);
    expect(() => ls(s, c, ['state:modified'])).toThrow(/does not exist/);
  });
});

describe('A7 exposures and the new-resource quirks', () => {
  it('an exposure owner change selects the exposure; +state:modified adds its ancestors', () => {
    const s = base();
    const c = clone(s);
    (c.exposures['exposure.test.my_exposure'] as any).owner.name = 'Jane';
    expect(ls(s, c, ['state:modified'])).toEqual(['exposure.test.my_exposure']);
    const r = selectNodes({ manifest: c, state: s, select: ['+state:modified'] });
    // `ls` lists the view_model tests too (eager); `dbt run` would execute only view_model.
    expect(r.selected).toEqual(['exposure.test.my_exposure', VIEW, SEED, 'test.test.not_null_view_model_id.0123456789', 'test.test.unique_view_model_id.0123456789'].sort());
    expect(r.runnable.filter((x) => x.startsWith('model.'))).toEqual([VIEW]);
    expect(r.direct).toEqual(['exposure.test.my_exposure']);
    expect(r.downstream).toEqual([VIEW, SEED].sort());
  });
  it('a brand-new source is state:new and modified.configs/relation, but not state:modified (quirk)', () => {
    const s = base();
    const c = clone(s);
    c.sources['source.test.raw.orders'] = node('source.test.raw.orders', { source_name: 'raw', name: 'orders', fqn: ['test', 'raw', 'orders'], identifier: 'orders', raw_code: undefined });
    expect(ls(s, c, ['state:new'])).toEqual(['source.test.raw.orders']);
    expect(ls(s, c, ['state:modified'])).toEqual([]);
    expect(ls(s, c, ['state:modified.configs'])).toEqual(['source.test.raw.orders']);
    expect(ls(s, c, ['state:modified.relation'])).toEqual(['source.test.raw.orders']);
    expect(ls(s, c, ['state:modified.body'])).toEqual([]);
  });
  it('every brand-new entry of nodes is selected by modified.contract (quirk)', () => {
    const s = base();
    const c = clone(s);
    c.nodes['seed.test.other'] = node('seed.test.other', { config: { materialized: 'seed' } });
    expect(ls(s, c, ['state:modified.contract'])).toEqual(['seed.test.other']);
  });
});

describe('A8–A13 contracts', () => {
  const contracted = (cols: Record<string, string>, opts: { version?: number; materialized?: string; constraints?: Record<string, any[]> } = {}): Mutable => {
    const m = base();
    const id = opts.version ? `${TABLE}.v${opts.version}` : TABLE;
    const t = m.nodes[TABLE]!;
    delete m.nodes[TABLE];
    t.unique_id = id;
    t.version = opts.version ?? null;
    t.latest_version = opts.version ?? null;
    t.config = { ...t.config, materialized: opts.materialized ?? 'table', contract: { enforced: true } };
    t.unrendered_config = { contract: { enforced: true }, materialized: opts.materialized ?? 'table' };
    t.contract = { enforced: true, alias_types: true, checksum: JSON.stringify({ cols, opts }) };
    t.columns = Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, { name: k, data_type: v, constraints: opts.constraints?.[k] ?? [], description: '' }]));
    m.nodes[id] = t;
    return m;
  };
  it('newly enforcing a contract is a modification (not breaking)', () => {
    const s = base();
    const c = contracted({ id: 'integer', name: 'text' });
    const r = selectNodes({ manifest: c, state: s, select: ['state:modified.contract'] });
    expect(r.selected).toEqual([TABLE]);
    expect(r.modified[TABLE]).toContain('contract');
    expect(r.modified[TABLE]).toContain('configs');
    expect(r.warnings.filter((w) => w.code === 'contract')).toEqual([]);
  });
  it('renaming a column on an unversioned model warns; on a versioned model selection fails', () => {
    const s = contracted({ id: 'integer', name: 'text' });
    const c = contracted({ id: 'integer', user_name: 'text' });
    const r = selectNodes({ manifest: c, state: s, select: ['state:modified.contract'] });
    expect(r.selected).toEqual([TABLE]);
    expect(r.warnings.find((w) => w.code === 'contract')?.message).toMatch(/breaking change to an unversioned model[\s\S]*Columns were removed: name/);
    const sv = contracted({ id: 'integer', name: 'text' }, { version: 1 });
    const cv = contracted({ id: 'integer', user_name: 'text' }, { version: 1 });
    expect(() => selectNodes({ manifest: cv, state: sv, select: ['state:modified.contract'] })).toThrow(ContractBreakingChangeError);
    // A13: state:modified raises too, without asking for .contract
    expect(() => selectNodes({ manifest: cv, state: sv, select: ['state:modified'] })).toThrow(ContractBreakingChangeError);
    // …but a selection without state: methods only reports it
    expect(selectNodes({ manifest: cv, state: sv, select: ['tag:none'] }).warnings.some((w) => w.code === 'contract')).toBe(true);
  });
  it('removing enforcement is breaking ("Contract enforcement was removed")', () => {
    const s = contracted({ id: 'integer' });
    const c = base();
    const r = selectNodes({ manifest: c, state: s, select: ['state:modified'] });
    expect(r.warnings.some((w) => /Contract enforcement was removed/.test(w.message))).toBe(true);
  });
  it('varchar(5) → VARCHAR(20) is not breaking (A16); adding a column is not breaking (A13)', () => {
    const s = contracted({ id: 'integer', v: 'varchar(5)' }, { version: 1 });
    const c = contracted({ id: 'integer', v: 'VARCHAR(20)' }, { version: 1 });
    expect(selectNodes({ manifest: c, state: s, select: ['state:modified.contract'] }).selected).toEqual([`${TABLE}.v1`]);
    const c2 = contracted({ id: 'integer', v: 'varchar(5)', color: 'text' }, { version: 1 });
    expect(selectNodes({ manifest: c2, state: s, select: ['state:modified.contract'] }).selected).toEqual([`${TABLE}.v1`]);
  });
  it('removing an enforced not_null constraint is breaking on Postgres (A11)', () => {
    const s = contracted({ id: 'integer' }, { constraints: { id: [{ type: 'not_null' }] } });
    const c = contracted({ id: 'integer' });
    const r = selectNodes({ manifest: c, state: s, select: ['state:modified.contract'] });
    expect(r.warnings.some((w) => /Enforced column level constraints were removed/.test(w.message))).toBe(true);
  });
  it('table → view with constraints is breaking (A12)', () => {
    const s = contracted({ id: 'integer' }, { constraints: { id: [{ type: 'not_null' }] } });
    const c = contracted({ id: 'integer' }, { constraints: { id: [{ type: 'not_null' }] }, materialized: 'view' });
    const r = selectNodes({ manifest: c, state: s, select: ['state:modified.contract'] });
    expect(r.warnings.some((w) => /Materialization changed with enforced constraints/.test(w.message))).toBe(true);
  });
  it('deleting a contracted model: warning if unversioned, error if versioned (A10); never selected', () => {
    const s = contracted({ id: 'integer' });
    const c = base();
    delete c.nodes[TABLE];
    const r = selectNodes({ manifest: c, state: s, select: ['state:modified.contract'] });
    expect(r.selected).toEqual([]);
    expect(r.warnings.some((w) => /Contracted model 'model.test.table_model' was deleted or renamed/.test(w.message))).toBe(true);
    const sv = contracted({ id: 'integer' }, { version: 1 });
    expect(() => selectNodes({ manifest: c, state: sv, select: ['state:modified'] })).toThrow(/model.test.table_model.v1' was deleted or renamed/);
    const cd = clone(sv);
    cd.nodes[`${TABLE}.v1`]!.config!.enabled = false;
    expect(() => selectNodes({ manifest: cd, state: sv, select: ['state:modified'] })).toThrow(/was disabled/);
  });
});

describe('A14 ref representation', () => {
  it('access, deprecation_date and latest_version changes are modifications', () => {
    const s = base();
    for (const [k, v] of [
      ['access', 'public'],
      ['deprecation_date', '2020-01-01T00:00:00'],
      ['latest_version', 2],
    ] as const) {
      const c = clone(s);
      (c.nodes[TABLE] as any)[k] = v;
      expect(ls(s, c, ['state:modified'])).toEqual([TABLE]);
    }
  });
  it('a state manifest without access (pre-1.5) is read as protected, not modified', () => {
    const s = base();
    for (const n of Object.values(s.nodes)) delete (n as any).access;
    s.metadata.dbt_schema_version = 'https://schemas.getdbt.com/dbt/manifest/v8.json';
    expect(ls(s, base(), ['state:modified'])).toEqual([]);
  });
  it('raw_sql (≤ v6) compares equal to raw_code', () => {
    const s = base();
    for (const n of Object.values(s.nodes)) {
      (n as any).raw_sql = n.raw_code;
      delete (n as any).raw_code;
    }
    s.metadata.dbt_schema_version = 'https://schemas.getdbt.com/dbt/manifest/v5.json';
    expect(ls(s, base(), ['state:modified'])).toEqual([]);
  });
});

describe('A15 semantic models, F unit tests', () => {
  it('a semantic model description change is one modification', () => {
    const sm = { unique_id: 'semantic_model.test.my_sm', resource_type: 'semantic_model', package_name: 'test', name: 'my_sm', fqn: ['test', 'my_sm'], model: "ref('view_model')", description: null, depends_on: { nodes: [VIEW], macros: [] }, config: { enabled: true }, entities: [], dimensions: [], measures: [] };
    const s = base();
    s.semantic_models = { [sm.unique_id]: sm as any };
    const c = clone(s);
    expect(ls(s, c, ['state:modified'])).toEqual([]);
    (c.semantic_models!['semantic_model.test.my_sm'] as any).description = 'people';
    expect(ls(s, c, ['state:modified'])).toEqual(['semantic_model.test.my_sm']);
  });
  it('unit tests compare by checksum, and are added when their model changes', () => {
    const ut = (name: string, checksum: string) => ({ unique_id: `unit_test.test.view_model.${name}`, resource_type: 'unit_test', package_name: 'test', name, fqn: ['test', 'view_model', name], model: 'view_model', checksum, depends_on: { nodes: [VIEW], macros: [] }, config: { enabled: true }, tags: [] });
    const s = base();
    s.unit_tests = { 'unit_test.test.view_model.a': ut('a', 'c1') as any, 'unit_test.test.view_model.b': ut('b', 'c2') as any };
    const c = clone(s);
    expect(ls(s, c, ['state:modified'])).toEqual([]);
    (c.unit_tests!['unit_test.test.view_model.b'] as any).checksum = 'c3';
    expect(ls(s, c, ['state:modified'])).toEqual(['unit_test.test.view_model.b']);
    const c2 = clone(s);
    c2.nodes[VIEW]!.raw_code += '\n';
    expect(ls(s, c2, ['state:modified'], { indirectSelection: 'eager' }).filter((x) => x.startsWith('unit_test'))).toEqual(['unit_test.test.view_model.a', 'unit_test.test.view_model.b']);
  });
});

describe('B unrendered values', () => {
  const withSource = (schema: string, unrendered: string | undefined): Mutable => {
    const m = base();
    const src = node('source.test.jaffle_shop.customers', { source_name: 'jaffle_shop', name: 'customers', fqn: ['test', 'jaffle_shop', 'customers'], identifier: 'customers', schema, unrendered_schema: unrendered, unrendered_database: null, raw_code: undefined });
    if (unrendered === undefined) delete (src as any).unrendered_schema;
    m.sources[src.unique_id] = src;
    return m;
  };
  it('B3: an env-var schema change is ignored with the flag on, modified with it off', () => {
    const s = withSource('table', "{{ env_var('DBT_TEST_STATE_MODIFIED') }}");
    const c = withSource('view', "{{ env_var('DBT_TEST_STATE_MODIFIED') }}");
    expect(ls(s, c, ['state:modified'], { compareMoreUnrenderedValues: true })).toEqual([]);
    expect(ls(s, c, ['state:modified'], { compareMoreUnrenderedValues: false })).toEqual(['source.test.jaffle_shop.customers']);
    const lit = withSource('updated', 'updated');
    expect(ls(s, lit, ['state:modified'], { compareMoreUnrenderedValues: true })).toEqual(['source.test.jaffle_shop.customers']);
  });
  it('the flag defaults to on from dbt 1.12 and off before', () => {
    const s = withSource('table', '{{ x }}');
    const c = withSource('view', '{{ x }}');
    c.metadata.dbt_version = s.metadata.dbt_version = '1.12.0';
    expect(selectNodes({ manifest: c, state: s }).compareMoreUnrenderedValues).toBe(true);
    expect(ls(s, c, ['state:modified'])).toEqual([]);
    c.metadata.dbt_version = s.metadata.dbt_version = '1.11.2';
    expect(ls(s, c, ['state:modified'])).toEqual(['source.test.jaffle_shop.customers']);
  });
  it('B2/B4: the Jinja text in unrendered_config is what counts', () => {
    const s = base();
    s.nodes[VIEW]!.unrendered_config = { materialized: "{{ ('table' if execute else 'view') }}" };
    const c = clone(s);
    c.nodes[VIEW]!.config!.materialized = 'table';
    expect(ls(s, c, ['state:modified'])).toEqual([]);
    c.nodes[VIEW]!.unrendered_config = { materialized: "{{ ('view' if execute else 'table') }}" };
    expect(ls(s, c, ['state:modified'], { indirectSelection: 'empty' })).toEqual([VIEW]);
  });
});

describe('D result:, E source_status:', () => {
  const rr = (statuses: Record<string, string>) => ({
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json' },
    results: Object.entries(statuses).map(([unique_id, status]) => ({ unique_id, status })),
  });
  it('result:error+ selects the failed node, its descendants and their tests', () => {
    const m = base();
    const results = rr({ [VIEW]: 'error', [TABLE]: 'skipped', [SEED]: 'success' }) as any;
    expect(selectNodes({ manifest: m, stateRunResults: results, select: ['result:error'], indirectSelection: 'empty' }).selected).toEqual([VIEW]);
    expect(selectNodes({ manifest: m, stateRunResults: results, select: ['result:error+'] }).selected).toEqual(BASE_IDS.filter((x) => x !== SEED));
    expect(selectNodes({ manifest: m, stateRunResults: results, select: ['result:skipped'] }).selected).toEqual([TABLE]);
    expect(() => selectNodes({ manifest: m, select: ['result:error'] })).toThrow(/run_results.json/);
  });
  it('source_status:fresher: newer or newly loaded sources; runtime errors dropped', () => {
    const m = base();
    const src = node('source.test.src.t', { source_name: 'src', name: 't', fqn: ['test', 'src', 't'], raw_code: undefined });
    m.sources[src.unique_id] = src;
    m.nodes[VIEW]!.depends_on!.nodes = [SEED, src.unique_id];
    const sj = (r: any[]) => ({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json' }, results: r }) as any;
    const prev = sj([{ unique_id: src.unique_id, status: 'pass', max_loaded_at: '2024-01-01T00:00:00Z' }]);
    const same = sj([{ unique_id: src.unique_id, status: 'warn', max_loaded_at: '2024-01-01T00:00:00Z' }]);
    const newer = sj([{ unique_id: src.unique_id, status: 'error', max_loaded_at: '2024-01-02T00:00:00Z' }]);
    const err = sj([{ unique_id: src.unique_id, status: 'runtime error' }]);
    const q = (cur: any, sel = 'source_status:fresher') => selectNodes({ manifest: m, stateSources: prev, currentSources: cur, select: [sel] }).selected;
    expect(q(same)).toEqual([]);
    expect(q(newer)).toEqual([src.unique_id]);
    expect(q(err)).toEqual([]);
    expect(q(newer, 'source_status:fresher+')).toContain(TABLE);
  });
});

describe('graph operators and indirect selection', () => {
  // a → b → c, tests: t_b (on b), rel (on a and c)
  const g = () => {
    const a = node('model.p.a');
    const b = node('model.p.b', { depends_on: { nodes: ['model.p.a'], macros: [] } });
    const c = node('model.p.c', { depends_on: { nodes: ['model.p.b'], macros: [] } });
    const t = (name: string, deps: string[]) => node(`test.p.${name}`, { depends_on: { nodes: deps, macros: [] }, test_metadata: { name: 'x' } });
    return manifest({ project: 'p', nodes: [a, b, c, t('t_b', ['model.p.b']), t('rel', ['model.p.a', 'model.p.c'])] });
  };
  const q = (select: string[], extra: Partial<SelectionRequest> = {}) => selectNodes({ manifest: g(), select, ...extra }).selected;
  it('+, n+, +n and @', () => {
    expect(q(['b'], { indirectSelection: 'empty' })).toEqual(['model.p.b']);
    // tests are graph children, so + reaches them even without indirect selection
    expect(q(['b+'], { indirectSelection: 'empty' })).toEqual(['model.p.b', 'model.p.c', 'test.p.rel', 'test.p.t_b']);
    expect(q(['+c'], { indirectSelection: 'empty' })).toEqual(['model.p.a', 'model.p.b', 'model.p.c']);
    expect(q(['1+c'], { indirectSelection: 'empty' })).toEqual(['model.p.b', 'model.p.c']);
    expect(q(['a+1'], { indirectSelection: 'empty' })).toEqual(['model.p.a', 'model.p.b', 'test.p.rel']);
    expect(q(['@b'], { indirectSelection: 'empty' })).toEqual(['model.p.a', 'model.p.b', 'model.p.c', 'test.p.rel', 'test.p.t_b']);
  });
  it('eager adds any test touching the selection; cautious only fully-covered ones; buildable counts ancestors', () => {
    expect(q(['a'])).toEqual(['model.p.a', 'test.p.rel']);
    expect(q(['a'], { indirectSelection: 'cautious' })).toEqual(['model.p.a']);
    expect(q(['c'], { indirectSelection: 'buildable' })).toEqual(['model.p.c', 'test.p.rel']);
    expect(q(['c'], { indirectSelection: 'cautious' })).toEqual(['model.p.c']);
    expect(q(['a c'], { indirectSelection: 'cautious' })).toEqual(['model.p.a', 'model.p.c', 'test.p.rel']);
  });
  it('union, intersection and exclude (excluded tests expand eagerly)', () => {
    expect(q(['a', 'c'], { indirectSelection: 'empty' })).toEqual(['model.p.a', 'model.p.c']);
    expect(q(['a+,+b'], { indirectSelection: 'empty' })).toEqual(['model.p.a', 'model.p.b']);
    expect(q(['a+'], { exclude: ['c'] })).toEqual(['model.p.a', 'model.p.b', 'test.p.t_b']);
  });
  it('methods: tag, path (Windows separators too), file, package, config, resource_type, test_type, test_name, fqn wildcards', () => {
    const m = g();
    m.nodes['model.p.a']!.tags = ['nightly', 'finance'];
    m.nodes['model.p.b']!.original_file_path = 'models\\staging\\b.sql';
    m.nodes['model.p.c']!.config!.materialized = 'table';
    m.nodes['model.p.c']!.fqn = ['p', 'marts', 'c'];
    const s = (sel: string) => selectNodes({ manifest: m, select: [sel], indirectSelection: 'empty' }).selected;
    expect(s('tag:night*')).toEqual(['model.p.a']);
    expect(s('path:models/staging')).toEqual(['model.p.b']);
    expect(s('models/staging/b.sql')).toEqual(['model.p.b']);
    expect(s('b.sql')).toEqual(['model.p.b']);
    expect(s('file:b')).toEqual(['model.p.b']);
    expect(s('package:p')).toHaveLength(5);
    expect(s('package:this')).toHaveLength(5);
    expect(s('config.materialized:table')).toEqual(['model.p.c']);
    expect(s('resource_type:test')).toEqual(['test.p.rel', 'test.p.t_b']);
    expect(s('test_type:generic')).toEqual(['test.p.rel', 'test.p.t_b']);
    expect(s('test_type:singular')).toEqual([]);
    expect(s('test_name:x')).toEqual(['test.p.rel', 'test.p.t_b']);
    expect(s('marts.*')).toEqual(['model.p.c']);
    expect(s('p.marts')).toEqual(['model.p.c']);
    expect(s('fqn:c')).toEqual(['model.p.c']);
  });
});

describe('bad input', () => {
  it('state: without a state manifest, another project, unknown methods', () => {
    const m = base();
    expect(() => selectNodes({ manifest: m })).toThrow(/no comparison manifest/);
    const other = base();
    other.metadata.project_name = 'other';
    expect(() => selectNodes({ manifest: m, state: other })).toThrow(/another dbt project/);
    expect(() => selectNodes({ manifest: m, state: base(), select: ['state:modfied'] })).toThrow(/"modfied" is not a valid state: value/);
    expect(() => selectNodes({ manifest: m, state: base(), select: ['state:modified.vars'] })).toThrow(UserError);
  });
  it('a state manifest from an older schema is compared without mass false positives', () => {
    const s = manifest({ nodes: [node('model.test.x')], schema: 9, dbtVersion: '1.5.0' });
    delete (s.nodes['model.test.x'] as any).access;
    const c = manifest({ nodes: [node('model.test.x')], schema: 12, dbtVersion: '1.11.2' });
    (c.nodes['model.test.x'] as any).unrendered_config = { meta: {}, docs: {} };
    const r = selectNodes({ manifest: c, state: s });
    expect(r.selected).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['dbt-version', 'cross-version']));
  });
});

describe('E3 source_status:fresher+ state:modified+ (build)', () => {
  it('runs the new model, the source descendant and all six tests, never the source', () => {
    const src = 'source.test.test_source.test_table';
    const desc = 'model.test.descendant_model';
    const t = (name: string, deps: string[]) => node(`test.test.${name}.0123456789`, { name, depends_on: { nodes: deps, macros: [] }, test_metadata: { name: name.split('_')[0] } });
    const tests = [
      t('unique_test_source_test_table_id', [src]),
      t('not_null_test_source_test_table_id', [src]),
      t('relationships_test_source_test_table_id__id__ref_descendant_model_', [desc, src]),
      t('unique_descendant_model_id', [desc]),
      t('not_null_descendant_model_id', [desc]),
      t('relationships_descendant_model_id__id__source_test_source_test_table_', [desc, src]),
    ];
    const mk = (extra: ReturnType<typeof node>[]) =>
      manifest({
        nodes: [node(desc, { depends_on: { nodes: [src], macros: [] } }), ...tests, ...extra],
        sources: [node(src, { source_name: 'test_source', name: 'test_table', fqn: ['test', 'test_source', 'test_table'], raw_code: undefined })],
      });
    const s = mk([]);
    const c = mk([node('model.test.newly_added_model')]);
    const sj = (at: string) => ({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json' }, results: [{ unique_id: src, status: 'pass', max_loaded_at: at }] }) as any;
    const r = selectNodes({ manifest: c, state: s, stateSources: sj('2024-01-01T00:00:00Z'), currentSources: sj('2024-01-01T06:00:00Z'), select: ['source_status:fresher+ state:modified+'] });
    expect(r.runnable).toEqual([desc, 'model.test.newly_added_model', ...tests.map((x) => x.unique_id)].sort());
    expect(r.selected).toContain(src);
  });
});
