/**
 * The one rule for how a name that dbt renders (a schema returned by
 * `generate_schema_name`, e.g. `analytics` ~ `__BLUE`) ends up stored in the
 * warehouse catalog. Everything in Slipway that must find "the schema dbt
 * built into" goes through `catalogSchemaName`.
 *
 * dbt renders each relation with its adapter's quote policy, overridden per
 * part by the project's `quoting:` config in dbt_project.yml:
 *
 * - dbt-postgres quotes database, schema and identifier by default, so
 *   `analytics__BLUE` is created as `"analytics__BLUE"` and the catalog keeps
 *   that exact case. With `quoting: {schema: false}` it is created unquoted
 *   and PostgreSQL folds it to lower case (`analytics__blue`).
 * - dbt-snowflake quotes nothing by default, so `analytics__BLUE` is created
 *   unquoted and Snowflake stores `ANALYTICS__BLUE`. With
 *   `quoting: {schema: true}` the exact case is kept.
 *
 * PostgreSQL also truncates any identifier to 63 bytes (NAMEDATALEN - 1) at a
 * character boundary; quoted or not, that is what the catalog then holds.
 *
 * Pure functions, except `readProjectQuoting`, which reads dbt_project.yml.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlText } from '../config/yaml.js';
import { UserError } from '../errors.js';

export type DbtAdapter = 'postgres' | 'snowflake';

export interface DbtQuoting {
  database?: boolean;
  schema?: boolean;
  identifier?: boolean;
}

const ADAPTERS: readonly DbtAdapter[] = ['postgres', 'snowflake'];

/** The adapter's own quote policy, before any project `quoting:` config. */
export function defaultQuoting(adapter: DbtAdapter): Required<DbtQuoting> {
  switch (adapter) {
    case 'postgres':
      return { database: true, schema: true, identifier: true };
    case 'snowflake':
      return { database: false, schema: false, identifier: false };
    default:
      throw new UserError(`Unknown dbt adapter '${String(adapter)}'.`, { hint: `Use one of: ${ADAPTERS.join(', ')}.` });
  }
}

/** The quote policy dbt applies: the adapter default, overridden part by part by the project. */
export function effectiveQuoting(adapter: DbtAdapter, quoting?: DbtQuoting): Required<DbtQuoting> {
  const q = defaultQuoting(adapter);
  for (const k of ['database', 'schema', 'identifier'] as const) if (typeof quoting?.[k] === 'boolean') q[k] = quoting[k]!;
  return q;
}

/** A name the warehouse accepts without quotes (anything else fails when dbt renders it unquoted). */
const UNQUOTED_OK: Record<DbtAdapter, RegExp> = {
  // PostgreSQL takes any non-ASCII character as a letter in unquoted names (and folds only A-Z).
  postgres: /^[A-Za-z_\u0080-\u{10FFFF}][A-Za-z0-9_$\u0080-\u{10FFFF}]*$/u,
  snowflake: /^[A-Za-z_][A-Za-z0-9_$]*$/,
};

/** ASCII-only case folding: what both warehouses do to unquoted names in UTF-8 databases. */
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const asciiUpper = (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

/** PostgreSQL keeps at most 63 bytes of an identifier, cut at a character boundary. */
function pgTruncate(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= 63) return name;
  let out = '';
  let bytes = 0;
  for (const ch of name) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > 63) break;
    out += ch;
    bytes += b;
  }
  return out;
}

function storedName(rendered: string, adapter: DbtAdapter, quoted: boolean, part: 'schema' | 'identifier' | 'database'): string {
  if (typeof rendered !== 'string' || rendered.length === 0) {
    throw new UserError(`dbt rendered an empty ${part} name.`, { hint: `Check generate_${part === 'identifier' ? 'alias' : part}_name and the target's ${part} in profiles.yml.` });
  }
  defaultQuoting(adapter); // validates the adapter
  let name = rendered;
  if (!quoted) {
    if (!UNQUOTED_OK[adapter].test(rendered)) {
      throw new UserError(
        `dbt-${adapter} renders the ${part} '${rendered}' without quotes (quoting: {${part}: false}), and ${adapter} rejects that name unquoted.`,
        { hint: `Use only letters, digits, _ and $ (not starting with a digit) in the ${part} name, or set quoting: {${part}: true} in dbt_project.yml.` },
      );
    }
    name = adapter === 'postgres' ? asciiLower(rendered) : asciiUpper(rendered);
  }
  return adapter === 'postgres' ? pgTruncate(name) : name;
}

/** The schema name exactly as the catalog stores it after dbt creates `rendered`. */
export function catalogSchemaName(rendered: string, adapter: DbtAdapter, quoting?: DbtQuoting): string {
  return storedName(rendered, adapter, effectiveQuoting(adapter, quoting).schema, 'schema');
}

/** The relation (table/view) name exactly as the catalog stores it after dbt creates `rendered`. */
export function catalogIdentifierName(rendered: string, adapter: DbtAdapter, quoting?: DbtQuoting): string {
  return storedName(rendered, adapter, effectiveQuoting(adapter, quoting).identifier, 'identifier');
}

function asBool(v: unknown, key: string, file: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  throw new UserError(`${file}: quoting.${key} is ${JSON.stringify(v)}, not true or false.`, { hint: `Write quoting: {${key}: true} or {${key}: false} (or remove it to use the adapter's default).` });
}

/** Validate a `quoting:` mapping (from dbt_project.yml or elsewhere). */
export function parseQuoting(raw: unknown, file = 'dbt_project.yml'): DbtQuoting | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UserError(`${file}: quoting must be a mapping, got ${JSON.stringify(raw)}.`, { hint: 'Write e.g. quoting: {database: true, schema: false, identifier: true}.' });
  }
  const out: DbtQuoting = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (k !== 'database' && k !== 'schema' && k !== 'identifier') continue; // dbt ignores other keys (e.g. `column`)
    const b = asBool(v, k, file);
    if (b !== undefined) out[k] = b;
  }
  return out;
}

/** The project's own `quoting:` from `<projectDir>/dbt_project.yml`, or undefined when it sets none. */
export function readProjectQuoting(projectDir: string): DbtQuoting | undefined {
  const file = join(projectDir, 'dbt_project.yml');
  if (!existsSync(file)) {
    throw new UserError(`No dbt_project.yml in ${projectDir}.`, { hint: 'Point Slipway at the dbt project folder (the one holding dbt_project.yml).' });
  }
  const doc = parseYamlText(readFileSync(file, 'utf8'), file, 'dbt project file');
  if (!doc || typeof doc !== 'object') return undefined;
  return parseQuoting((doc as Record<string, unknown>).quoting, file);
}

/** Split a rendered relation name (`"db"."Sch"."t"`, `DB.sch.t`) into parts, noting which were quoted. */
export function splitRelationName(relationName: string): Array<{ name: string; quoted: boolean }> {
  const parts: Array<{ name: string; quoted: boolean }> = [];
  let i = 0;
  const s = relationName.trim();
  while (i < s.length) {
    if (s[i] === '"') {
      let name = '';
      i++;
      for (;;) {
        if (i >= s.length) throw new UserError(`Unterminated quote in relation name ${relationName}.`, { hint: 'Regenerate manifest.json with dbt.' });
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            name += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += s[i++];
      }
      parts.push({ name, quoted: true });
    } else {
      let j = i;
      while (j < s.length && s[j] !== '.') j++;
      parts.push({ name: s.slice(i, j), quoted: false });
      i = j;
    }
    if (i < s.length) {
      if (s[i] !== '.') throw new UserError(`Cannot read relation name ${relationName}.`, { hint: 'Regenerate manifest.json with dbt.' });
      i++;
    }
  }
  return parts;
}

/**
 * The quoting dbt used, as seen in a manifest node's `relation_name`
 * (`"db"."analytics__BLUE"."orders"` → all quoted). Only the parts present
 * are returned; undefined when the name cannot tell (missing or unparsable).
 */
export function quotingFromRelationName(relationName: string | null | undefined): DbtQuoting | undefined {
  if (!relationName) return undefined;
  let parts;
  try {
    parts = splitRelationName(relationName);
  } catch {
    return undefined;
  }
  if (parts.length === 3) return { database: parts[0]!.quoted, schema: parts[1]!.quoted, identifier: parts[2]!.quoted };
  if (parts.length === 2) return { schema: parts[0]!.quoted, identifier: parts[1]!.quoted };
  return undefined;
}

/**
 * The schema quoting a manifest shows, from its first model/seed/snapshot
 * with a `relation_name`; undefined when no node tells.
 */
export function quotingFromManifest(manifest: { nodes?: Record<string, { resource_type?: string; relation_name?: string | null }> }): DbtQuoting | undefined {
  for (const n of Object.values(manifest.nodes ?? {})) {
    if (!n || !['model', 'seed', 'snapshot'].includes(n.resource_type ?? '')) continue;
    const q = quotingFromRelationName(n.relation_name);
    if (q) return q;
  }
  return undefined;
}

/** `metadata.adapter_type` of a manifest as a DbtAdapter, or undefined for other adapters. */
export function adapterOf(adapterType: unknown): DbtAdapter | undefined {
  return typeof adapterType === 'string' && (ADAPTERS as readonly string[]).includes(adapterType) ? (adapterType as DbtAdapter) : undefined;
}
