/**
 * YAML for every file Slipway reads (profiles, policy and freshness configs,
 * dbt_project.yml): parsed in time linear in its size, duplicate keys and
 * alias bombs refused as UserErrors naming the file and line.
 */
import YAML, { isScalar, visit, type LineCounter } from 'yaml';
import { UserError } from '../errors.js';

/** Aliases (`*name`) a document may expand; a "billion laughs" file needs far more. */
export const YAML_MAX_ALIAS_COUNT = 1000;

/**
 * Parse YAML in time linear in its size. The yaml library's own duplicate-key
 * check (`uniqueKeys`) compares every key of a mapping with every other one,
 * so a 200k-key file took minutes; it is off here and the same check is done
 * with one Set per mapping. Syntax errors and duplicate keys are UserErrors
 * naming the file and line.
 */
export function parseYamlDocument(text: string, file: string, opts: { lineCounter?: LineCounter; what?: string } = {}): YAML.Document.Parsed {
  const what = opts.what ? `the ${opts.what} ` : '';
  const doc = YAML.parseDocument(text, { uniqueKeys: false, prettyErrors: true, lineCounter: opts.lineCounter });
  if (doc.errors.length) {
    throw new UserError(`${file}: ${what}is not valid YAML: ${doc.errors[0]!.message}`, { hint: 'Fix the YAML syntax at the line shown (yamllint can point at it).' });
  }
  let duplicate: { key: string; offset?: number } | undefined;
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const item of map.items) {
        if (!isScalar(item.key)) continue;
        const k = String(item.key.value);
        if (k === '<<') continue; // merge key
        if (seen.has(k)) {
          duplicate = { key: k, offset: item.key.range?.[0] };
          return visit.BREAK;
        }
        seen.add(k);
      }
      return undefined;
    },
  });
  if (duplicate) {
    const pos = duplicate.offset !== undefined && opts.lineCounter ? opts.lineCounter.linePos(duplicate.offset) : undefined;
    throw new UserError(`${file}${pos ? `:${pos.line}` : ''}: ${what}has the key '${duplicate.key.slice(0, 80)}' twice in one mapping.`, { hint: 'Keep one of them: YAML keys must be unique, and which one wins is not defined.' });
  }
  return doc;
}

/** The document as plain data; alias expansion past YAML_MAX_ALIAS_COUNT (a YAML bomb) is a UserError, not a crash. */
export function yamlToJs(doc: YAML.Document.Parsed, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new UserError(`${file} expands YAML aliases (*name) more than ${YAML_MAX_ALIAS_COUNT} times; Slipway refuses it as a possible "billion laughs" attack.`, {
        hint: 'Write the values out, or use fewer anchors and aliases (&name / *name).',
        cause: err,
      });
    }
    if (err instanceof ReferenceError) throw new UserError(`${file}: ${err.message}`, { hint: 'Define each anchor (&name) before its alias (*name).', cause: err });
    throw err;
  }
}

/** parseYamlDocument + yamlToJs. */
export function parseYamlText(text: string, file: string, what?: string): unknown {
  return yamlToJs(parseYamlDocument(text, file, { what }), file);
}

