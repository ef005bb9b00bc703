/** Invariants of the selection engine over random DAG manifests and random edits (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectNodes } from '../../shared/dbt/selection/index.js';
import { clone, macro, manifest, node, type Mutable } from './builder.js';

/** A random project: models in topological order, a test per some models, macros. */
const project = fc
  .record({
    n: fc.integer({ min: 1, max: 25 }),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }),
    tests: fc.array(fc.nat(), { maxLength: 10 }),
    macroUse: fc.array(fc.nat(), { maxLength: 10 }),
  })
  .map(({ n, edges, tests, macroUse }) => {
    const parents = new Map<number, Set<number>>();
    for (const [a, b] of edges) {
      const [lo, hi] = [a % n, b % n].sort((x, y) => x - y) as [number, number];
      if (lo !== hi) (parents.get(hi) ?? parents.set(hi, new Set()).get(hi)!).add(lo);
    }
    const nodes = Array.from({ length: n }, (_, i) =>
      node(`model.p.m${i}`, {
        depends_on: { nodes: [...(parents.get(i) ?? [])].map((p) => `model.p.m${p}`), macros: macroUse.includes(i) ? ['macro.p.helper'] : [] },
      }),
    );
    tests.forEach((t, k) => nodes.push(node(`test.p.t${k}`, { depends_on: { nodes: [`model.p.m${t % n}`], macros: [] }, test_metadata: { name: 'x' } })));
    return manifest({ project: 'p', nodes, macros: [macro('macro.p.helper', 'v1')] });
  });

const edits = fc.array(fc.tuple(fc.constantFrom('body', 'config', 'macro', 'remove', 'add', 'tags'), fc.nat()), { maxLength: 6 });

function applyEdits(m: Mutable, es: [string, number][]): Mutable {
  const c = clone(m);
  const models = Object.keys(c.nodes).filter((id) => id.startsWith('model.'));
  for (const [kind, k] of es) {
    const id = models[k % models.length]!;
    const n = c.nodes[id];
    if (!n) continue;
    if (kind === 'body') n.raw_code += ' ';
    if (kind === 'config') n.unrendered_config = { ...n.unrendered_config, materialized: 'table' };
    if (kind === 'tags') n.unrendered_config = { ...n.unrendered_config, tags: ['x'] };
    if (kind === 'macro') c.macros['macro.p.helper']!.macro_sql += '!';
    if (kind === 'remove') {
      delete c.nodes[id];
      for (const o of Object.values(c.nodes)) o.depends_on!.nodes = o.depends_on!.nodes!.filter((x) => x !== id);
    }
    if (kind === 'add') c.nodes[`model.p.new${k}`] = node(`model.p.new${k}`, { depends_on: { nodes: [id], macros: [] } });
  }
  return c;
}

describe('selection invariants (property)', () => {
  it('a manifest against itself selects nothing; state:unmodified selects everything', () => {
    fc.assert(
      fc.property(project, (m) => {
        expect(selectNodes({ manifest: m, state: clone(m) }).selected).toEqual([]);
        const all = selectNodes({ manifest: m, select: ['fqn:*'], indirectSelection: 'empty' }).selected;
        expect(selectNodes({ manifest: m, state: clone(m), select: ['state:unmodified'], indirectSelection: 'empty' }).selected).toEqual(all);
      }),
      { numRuns: 60 },
    );
  });
  it('modified and unmodified partition the nodes; modified+ contains modified and is closed under children', () => {
    fc.assert(
      fc.property(project, edits, (s, es) => {
        const c = applyEdits(s, es);
        const q = (sel: string) => new Set(selectNodes({ manifest: c, state: s, select: [sel], indirectSelection: 'empty' }).selected);
        const mod = q('state:modified');
        const unmod = q('state:unmodified');
        const all = q('fqn:*');
        expect([...mod].filter((x) => unmod.has(x))).toEqual([]);
        expect(new Set([...mod, ...unmod])).toEqual(all);
        const plus = q('state:modified+');
        for (const x of mod) expect(plus.has(x)).toBe(true);
        for (const n of Object.values(c.nodes)) {
          if ((n.depends_on?.nodes ?? []).some((p) => plus.has(p))) expect(plus.has(n.unique_id)).toBe(true);
        }
        // --exclude of the same expression leaves nothing
        expect(selectNodes({ manifest: c, state: s, select: ['state:modified+'], exclude: ['state:modified+'] }).selected).toEqual([]);
        // tags alone never make a model modified
        if (es.every(([k]) => k === 'tags')) expect(mod.size).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
  it('eager ⊇ buildable ⊇ cautious ⊇ empty, for any selection', () => {
    fc.assert(
      fc.property(project, fc.nat(), fc.constantFrom('', '+', '1+'), (m, k, op) => {
        const models = Object.keys(m.nodes).filter((id) => id.startsWith('model.'));
        const name = models[k % models.length]!.split('.').pop()!;
        const sel = op === '+' ? `${name}+` : op === '1+' ? `1+${name}` : name;
        const q = (mode: 'eager' | 'cautious' | 'buildable' | 'empty') => new Set(selectNodes({ manifest: m, select: [sel], indirectSelection: mode }).selected);
        const [e, b, c, z] = [q('eager'), q('buildable'), q('cautious'), q('empty')];
        for (const x of z) expect(c.has(x)).toBe(true);
        for (const x of c) expect(b.has(x)).toBe(true);
        for (const x of b) expect(e.has(x)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
