/**
 * dbt's node-selector grammar (dbt-core `graph/cli.py`, `graph/selector_spec.py`):
 *
 *   criterion := ['@'] [N '+'] [method ('.' arg)* ':'] value ['+' N]
 *
 * Space-separated criteria are a union, comma-joined ones an intersection;
 * several --select values are a union; --exclude is subtracted afterwards.
 * A criterion without a method is `path:` when the value contains '/',
 * `file:` when it ends in .sql/.py/.csv, `fqn:` otherwise.
 *
 * Every criterion keeps its offset in the expression so errors can point at it.
 */
import { UserError } from '../../errors.js';

export const METHODS = [
  'fqn',
  'tag',
  'group',
  'access',
  'source',
  'path',
  'file',
  'package',
  'config',
  'test_name',
  'test_type',
  'resource_type',
  'state',
  'exposure',
  'metric',
  'result',
  'source_status',
  'wildcard',
  'version',
  'semantic_model',
  'saved_query',
  'unit_test',
] as const;
export type MethodName = (typeof METHODS)[number];

export const STATE_VALUES = [
  'new',
  'old',
  'modified',
  'unmodified',
  'modified.body',
  'modified.configs',
  'modified.persisted_descriptions',
  'modified.relation',
  'modified.macros',
  'modified.contract',
] as const;
export type StateValue = (typeof STATE_VALUES)[number];

export interface Criterion {
  kind: 'criterion';
  raw: string;
  /** Offset of `raw` within `expression`. */
  offset: number;
  expression: string;
  method: MethodName;
  methodArgs: string[];
  /** Was the method written explicitly? */
  explicitMethod: boolean;
  value: string;
  childrensParents: boolean;
  parents: boolean;
  parentsDepth?: number;
  children: boolean;
  childrenDepth?: number;
}

export interface Intersection {
  kind: 'intersection';
  raw: string;
  components: Criterion[];
}

export interface Union {
  kind: 'union';
  components: Intersection[];
}

/** Error in a selector expression, with a caret under the offending part. */
export class SelectorSyntaxError extends UserError {
  constructor(
    readonly flag: string,
    readonly expression: string,
    readonly position: number,
    readonly length: number,
    problem: string,
    hint?: string,
  ) {
    const caret = ' '.repeat(position) + '^'.repeat(Math.max(1, length));
    super(`Invalid ${flag} expression at position ${position + 1}: ${problem}\n    ${expression}\n    ${caret}`, {
      hint: hint ?? 'See https://docs.getdbt.com/reference/node-selection/syntax for the selector syntax.',
    });
  }
}

const CRITERION_RE = /^(@)?(?:(\d*)\+)?(?:([\w.]+):)?(.*?)(?:\+(\d*))?$/s;

function defaultMethod(value: string): MethodName {
  if (value.includes('/') || value.includes('\\')) return 'path';
  const lower = value.toLowerCase();
  if (lower.endsWith('.sql') || lower.endsWith('.py') || lower.endsWith('.csv')) return 'file';
  return 'fqn';
}

function parseCriterion(raw: string, offset: number, expression: string, flag: string): Criterion {
  const err = (at: number, len: number, problem: string, hint?: string): never => {
    throw new SelectorSyntaxError(flag, expression, offset + at, len, problem, hint);
  };
  const m = CRITERION_RE.exec(raw);
  if (!m) err(0, raw.length, `cannot parse "${raw}"`);
  const [, at, parentsDepth, methodText, value = '', childrenDepth] = m!;
  const childrensParents = at === '@';
  const parents = parentsDepth !== undefined;
  const children = childrenDepth !== undefined;
  if (childrensParents && children) {
    err(0, raw.length, `"${raw}": the "@" prefix and the "+" suffix cannot be combined`, 'Use either @x (x, its descendants and their ancestors) or x+ (x and its descendants).');
  }
  const prefixLen = (at ? 1 : 0) + (parents ? parentsDepth!.length + 1 : 0);
  let method: MethodName;
  let methodArgs: string[] = [];
  if (methodText !== undefined) {
    const [name, ...args] = methodText.split('.');
    if (!(METHODS as readonly string[]).includes(name!)) {
      err(prefixLen, name!.length, `"${name}" is not a valid selector method`, `Valid methods: ${METHODS.join(', ')}.`);
    }
    method = name as MethodName;
    methodArgs = args;
    if (method === 'config') {
      if (args.length === 0 || args.some((a) => a === '')) {
        err(prefixLen, methodText.length, '"config" needs a key, as in config.materialized:table');
      }
    } else if (args.length > 0) {
      err(prefixLen, methodText.length, `"${methodText}": only the config method takes arguments (config.<key>:value)`);
    }
  } else {
    if (value.includes(':')) {
      const colon = value.indexOf(':');
      const name = value.slice(0, colon);
      err(prefixLen, Math.max(1, colon), `"${name}" is not a valid selector method`, `Valid methods: ${METHODS.join(', ')}.`);
    }
    method = defaultMethod(value);
  }
  const valueOffset = prefixLen + (methodText !== undefined ? methodText.length + 1 : 0);
  if (value === '') err(valueOffset, 1, `"${raw}" has no value to select`);
  if (/^[@+]/.test(value)) err(valueOffset, 1, `"${raw}": "${value[0]}" is in the wrong place`, 'Write operators as @x, n+x, x+n (the @ first, parents depth before the +).');
  if (method === 'state' && !(STATE_VALUES as readonly string[]).includes(value)) {
    err(valueOffset, value.length, `"${value}" is not a valid state: value`, `Valid values: ${STATE_VALUES.join(', ')}.`);
  }
  if (method === 'source_status' && value !== 'fresher') {
    err(valueOffset, value.length, `"${value}" is not a valid source_status: value`, 'The only value is fresher (source_status:fresher).');
  }
  if (method === 'test_type' && !['generic', 'schema', 'singular', 'data', 'unit'].includes(value)) {
    err(valueOffset, value.length, `"${value}" is not a test type`, 'Use test_type:generic, test_type:singular or test_type:unit.');
  }
  return {
    kind: 'criterion',
    raw,
    offset,
    expression,
    method,
    methodArgs,
    explicitMethod: methodText !== undefined,
    value,
    childrensParents,
    parents,
    parentsDepth: parents && parentsDepth !== '' ? Number(parentsDepth) : undefined,
    children,
    childrenDepth: children && childrenDepth !== '' ? Number(childrenDepth) : undefined,
  };
}

/** Parse one --select/--exclude value (may hold several space-separated criteria). */
export function parseExpression(expression: string, flag = '--select'): Union {
  const components: Intersection[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(expression))) {
    const word = m[0];
    const parts: Criterion[] = [];
    let off = 0;
    for (const part of word.split(',')) {
      if (part === '') {
        throw new SelectorSyntaxError(flag, expression, m.index + off, 1, `empty criterion in "${word}" (stray comma)`);
      }
      parts.push(parseCriterion(part, m.index + off, expression, flag));
      off += part.length + 1;
    }
    components.push({ kind: 'intersection', raw: word, components: parts });
  }
  return { kind: 'union', components };
}

/** Parse all --select (or --exclude) values into one union. */
export function parseSelectors(expressions: string[], flag = '--select'): Union {
  const out: Union = { kind: 'union', components: [] };
  for (const e of expressions) out.components.push(...parseExpression(e, flag).components);
  return out;
}

export function allCriteria(u: Union): Criterion[] {
  return u.components.flatMap((i) => i.components);
}
