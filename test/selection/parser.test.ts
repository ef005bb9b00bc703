import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExpression, parseSelectors, SelectorSyntaxError } from '../../shared/dbt/selection/parser.js';
import { UserError } from '../../shared/errors.js';

const one = (e: string) => parseExpression(e).components[0]!.components[0]!;

describe('selector grammar', () => {
  it('parses methods, values and operators like dbt', () => {
    expect(one('state:modified+')).toMatchObject({ method: 'state', value: 'modified', children: true, childrenDepth: undefined, parents: false });
    expect(one('state:modified.body+2')).toMatchObject({ method: 'state', value: 'modified.body', children: true, childrenDepth: 2 });
    expect(one('3+tag:nightly')).toMatchObject({ method: 'tag', value: 'nightly', parents: true, parentsDepth: 3 });
    expect(one('+my_model')).toMatchObject({ method: 'fqn', value: 'my_model', parents: true, parentsDepth: undefined });
    expect(one('@source:raw.orders')).toMatchObject({ method: 'source', value: 'raw.orders', childrensParents: true });
    expect(one('config.materialized:incremental')).toMatchObject({ method: 'config', methodArgs: ['materialized'], value: 'incremental' });
    expect(one('models/staging')).toMatchObject({ method: 'path', value: 'models/staging' });
    expect(one('orders.sql')).toMatchObject({ method: 'file' });
    expect(one('marts.finance.*')).toMatchObject({ method: 'fqn', value: 'marts.finance.*' });
  });
  it('space is a union, comma an intersection, with offsets', () => {
    const u = parseExpression('tag:a  tag:b,state:modified');
    expect(u.components).toHaveLength(2);
    expect(u.components[1]!.components.map((c) => [c.raw, c.offset])).toEqual([
      ['tag:b', 7],
      ['state:modified', 13],
    ]);
    expect(parseSelectors(['a', 'b c']).components).toHaveLength(3);
  });
  it('errors point at the position of the problem', () => {
    const err = (e: string): SelectorSyntaxError => {
      try {
        parseExpression(e);
      } catch (x) {
        return x as SelectorSyntaxError;
      }
      throw new Error(`no error for ${e}`);
    };
    const e1 = err('tag:x stat:modified+');
    expect(e1).toBeInstanceOf(UserError);
    expect(e1.position).toBe(6);
    expect(e1.message).toMatch(/position 7: "stat" is not a valid selector method/);
    expect(e1.message).toContain('\n    tag:x stat:modified+\n          ^^^^');
    expect(err('@model+').message).toMatch(/cannot be combined/);
    expect(err('state:changed').position).toBe(6);
    expect(err('a,,b').position).toBe(2);
    expect(err('tag:').message).toMatch(/no value/);
    expect(err('config:table').message).toMatch(/needs a key/);
    expect(err('tag.x:y').message).toMatch(/only the config method takes arguments/);
    expect(err('source_status:older').hint).toMatch(/fresher/);
    expect(err('x 2+@a').position).toBe(4);
  });
  it('never throws anything but a SelectorSyntaxError, and offsets always point into the expression (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        try {
          const u = parseExpression(s);
          for (const i of u.components) for (const c of i.components) expect(s.slice(c.offset, c.offset + c.raw.length)).toBe(c.raw);
        } catch (e) {
          expect(e).toBeInstanceOf(SelectorSyntaxError);
          const p = (e as SelectorSyntaxError).position;
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
