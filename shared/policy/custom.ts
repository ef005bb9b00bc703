/**
 * Declarative custom rules: resource type(s) + attribute conditions +
 * message. A condition on a value unknown at plan time is undecided; a rule
 * that could fire but for unknowns reports a warn finding instead of passing.
 */
import picomatch from 'picomatch';
import type { Condition, CustomRule } from './config.js';
import { granteeText, type GrantInfo } from './model.js';
import { isUnknown, valuesOf, type ChangeKind, type ResourceChange } from './plan.js';
import type { RawFinding } from './rules.js';

type Tri = true | false | 'unknown';

function virtual(attr: string, rc: ResourceChange, g: GrantInfo | undefined): unknown[] {
  switch (attr) {
    case '@grantees':
      return [g?.grantees.filter((x) => x.name).map(granteeText) ?? []];
    case '@privileges':
      return [g?.privileges ?? []];
    case '@database':
      return [g?.target?.database ?? null];
    case '@schema':
      return [g?.target?.schema ?? null];
    case '@target':
      return [g?.target?.text ?? null];
    case '@with_grant_option':
      return [g?.withGrantOption ?? null];
    case '@kind':
      return [rc.kind];
    case '@address':
      return [rc.address];
    default:
      return [undefined];
  }
}

/** Resolve a dotted path with numeric indexes and `*` (any element) into the values found. */
export function resolvePath(obj: unknown, path: string): unknown[] {
  let cur: unknown[] = [obj];
  for (const seg of path.split('.')) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (seg === '*') {
        if (Array.isArray(c)) for (const x of c) next.push(x);
        else if (c && typeof c === 'object') for (const x of Object.values(c)) next.push(x);
      } else if (Array.isArray(c) && /^\d+$/.test(seg)) next.push(c[Number(seg)]);
      else if (c && typeof c === 'object' && !Array.isArray(c)) next.push((c as Record<string, unknown>)[seg]);
      else next.push(undefined);
    }
    cur = next;
  }
  return cur;
}

function knownPrefix(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const seg of path.split('.')) {
    if (seg === '*') break;
    out.push(/^\d+$/.test(seg) ? Number(seg) : seg);
  }
  return out;
}

const eq = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.toUpperCase() === b.toUpperCase() : a === b);

function test(c: Condition, v: unknown): boolean {
  if (c.equals !== undefined) return eq(v, c.equals);
  if (c.in !== undefined) return c.in.some((x) => eq(v, x));
  if (c.contains !== undefined) return Array.isArray(v) ? v.some((x) => eq(x, c.contains)) : typeof v === 'string' && typeof c.contains === 'string' && v.toUpperCase().includes(c.contains.toUpperCase());
  if (c.matches !== undefined) return v !== undefined && v !== null && new RegExp(c.matches).test(String(v));
  if (c.glob !== undefined) return typeof v === 'string' && picomatch(c.glob, { nocase: true, nobracket: true })(v);
  if (c.gt !== undefined) return typeof v === 'number' && v > c.gt;
  if (c.gte !== undefined) return typeof v === 'number' && v >= c.gte;
  if (c.lt !== undefined) return typeof v === 'number' && v < c.lt;
  if (c.lte !== undefined) return typeof v === 'number' && v <= c.lte;
  return false;
}

export function evalCondition(c: Condition, rc: ResourceChange, g: GrantInfo | undefined): { result: Tri; value: unknown } {
  const values = c.attribute.startsWith('@') ? virtual(c.attribute, rc, g) : resolvePath(valuesOf(rc), c.attribute);
  const readingAfter = rc.kind !== 'delete' && rc.kind !== 'forget' && rc.kind !== 'existing';
  if (!c.attribute.startsWith('@') && readingAfter && isUnknown(rc, knownPrefix(c.attribute))) return { result: 'unknown', value: undefined };
  const value = values.length === 1 ? values[0] : values;
  if (c.exists !== undefined) return { result: values.some((v) => v !== undefined && v !== null) === c.exists, value };
  if (c.not_equals !== undefined) return { result: !values.some((v) => eq(v, c.not_equals)), value };
  if (c.not_in !== undefined) return { result: !values.some((v) => c.not_in!.some((x) => eq(v, x))), value };
  if (c.not_contains !== undefined) return { result: !values.some((v) => test({ attribute: c.attribute, contains: c.not_contains }, v)), value };
  return { result: values.some((v) => test(c, v)), value };
}

const DEFAULT_KINDS: ChangeKind[] = ['create', 'update', 'replace', 'existing'];

export interface CompiledCustomRule {
  rule: CustomRule;
  check(rc: ResourceChange, g: GrantInfo | undefined): RawFinding | undefined;
}

export function compileCustomRule(rule: CustomRule): CompiledCustomRule {
  const types = Array.isArray(rule.type) ? rule.type : [rule.type];
  const typeMatch = picomatch(types, { nobracket: true });
  const kinds = new Set<ChangeKind>(rule.actions ?? DEFAULT_KINDS);
  return {
    rule,
    check(rc, g) {
      if (!kinds.has(rc.kind) || !typeMatch(rc.type)) return undefined;
      const results = rule.when.map((c) => ({ c, ...evalCondition(c, rc, g) }));
      const unknown = results.filter((r) => r.result === 'unknown').map((r) => r.c.attribute);
      let fire: Tri;
      if (rule.match === 'any') fire = results.length === 0 || results.some((r) => r.result === true) ? true : unknown.length ? 'unknown' : false;
      else fire = results.some((r) => r.result === false) ? false : unknown.length ? 'unknown' : true;
      if (fire === false) return undefined;
      const first = results[0]?.value;
      const message = rule.message
        .replaceAll('{address}', rc.address)
        .replaceAll('{type}', rc.type)
        .replaceAll('{name}', rc.name)
        .replaceAll('{attribute}', first === undefined ? '(unknown)' : typeof first === 'string' ? first : JSON.stringify(first));
      return {
        rule: rule.id,
        rc,
        grantee: g?.grantees.length ? g.grantees.map(granteeText).join(', ') : undefined,
        privileges: g?.privileges,
        target: g?.target?.text,
        message: fire === 'unknown' ? `${message} (undecided: ${unknown.join(', ')} unknown until apply)` : message,
        undecided: fire === 'unknown',
        unknown: unknown.length ? unknown : undefined,
      };
    },
  };
}
