/**
 * Every schema name a deploy uses, in one place: the published (consumer)
 * schema, its colour schemas `<S>__BLUE` / `<S>__GREEN` that dbt builds into,
 * and the staging schema `<S>__NEXT`. A colour name is what the
 * `generate_schema_name` macro renders (`published ~ suffix`) stored the way
 * dbt stores it: `catalogSchemaName` (shared/dbt/relation-names.ts) with the
 * adapter's quote policy and the project's `quoting:` — dbt-postgres quotes
 * schemas, so `analytics` + `__BLUE` is `"analytics__BLUE"`, not
 * `analytics__blue`. Names that would not fit the warehouse (PostgreSQL 63
 * bytes, Snowflake 255 characters) are refused at prepare, never truncated.
 */
import { UserError } from '../errors.js';
import type { Manifest } from '../dbt/artifacts.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { catalogSchemaName, effectiveQuoting, readProjectQuoting, type DbtQuoting } from '../dbt/relation-names.js';
import { resolveName, rulesFor, type DialectName } from '../sql/identifiers.js';
import type { Colour } from './state.js';

export interface ColourOptions {
  /** Suffix of the blue colour schemas (default `__BLUE`). */
  suffixBlue?: string;
  /** Suffix of the green colour schemas (default `__GREEN`). */
  suffixGreen?: string;
  /** Suffix of the staging schema that holds the next (and, after a swap, the previous) views (default `__NEXT`). */
  suffixNext?: string;
  /** The dbt project's `quoting:` (readProjectQuoting); default: the adapter's own policy. */
  quoting?: DbtQuoting;
}

export interface ColourNames {
  suffix: Record<Colour, string>;
  next: string;
  quoting?: DbtQuoting;
}

export function colourNames(o: ColourOptions): ColourNames {
  const check = (s: string, what: string) => {
    if (!/^[A-Za-z0-9_]+$/.test(s)) throw new UserError(`The ${what} '${s}' may contain only letters, digits and underscores.`, { hint: `Use something like __BLUE / __GREEN / __NEXT.` });
    return s;
  };
  const blue = check(o.suffixBlue ?? '__BLUE', 'blue suffix');
  const green = check(o.suffixGreen ?? '__GREEN', 'green suffix');
  const next = check(o.suffixNext ?? '__NEXT', 'staging suffix');
  if (new Set([blue.toUpperCase(), green.toUpperCase(), next.toUpperCase()]).size !== 3) {
    throw new UserError(`The blue, green and staging suffixes must differ (got ${blue}, ${green}, ${next}).`, { hint: 'Keep the defaults __BLUE, __GREEN, __NEXT unless they clash with existing schemas.' });
  }
  return { suffix: { blue, green }, next, ...(o.quoting ? { quoting: o.quoting } : {}) };
}

function nameLength(name: string, dialect: DialectName): number {
  return rulesFor(dialect).lengthUnit === 'bytes' ? Buffer.byteLength(name, 'utf8') : [...name].length;
}

/**
 * `analytics` + `__BLUE` → the schema exactly as the warehouse catalog holds
 * it once dbt (or Slipway) creates it: `analytics__BLUE` on Postgres (dbt
 * quotes schemas), `ANALYTICS__BLUE` on Snowflake (it does not).
 */
export function suffixed(published: string, suffix: string, dialect: DialectName, quoting?: DbtQuoting): string {
  const rendered = published + suffix;
  const rules = rulesFor(dialect);
  const len = nameLength(rendered, dialect);
  if (len > rules.maxLength) {
    const room = rules.maxLength - nameLength(suffix, dialect);
    throw new UserError(
      `The published schema '${published.slice(0, 80)}' is too long for its ${suffix} schema: '${rendered.slice(0, 100)}' is ${len} ${rules.lengthUnit}; ${dialect} allows at most ${rules.maxLength}${dialect === 'postgres' ? ' (longer names are silently truncated, so two schemas could collide)' : ''}.`,
      { hint: `Use a published schema of at most ${room} ${rules.lengthUnit}, or shorter --suffix-blue / --suffix-green / --suffix-next.` },
    );
  }
  return catalogSchemaName(rendered, dialect, quoting);
}

/** Whether dbt quotes schema names under this policy (exact case kept). */
export function schemasQuoted(dialect: DialectName, quoting?: DbtQuoting): boolean {
  return effectiveQuoting(dialect, quoting).schema;
}

const MODEL_TYPES = new Set(['model', 'seed', 'snapshot']);

function stripColour(schema: string, names: ColourNames): string {
  for (const s of [names.suffix.blue, names.suffix.green]) if (schema.toUpperCase().endsWith(s.toUpperCase())) return schema.slice(0, -s.length);
  return schema;
}

function published(n: Manifest['nodes'][string]): boolean {
  return MODEL_TYPES.has(n.resource_type) && n.config?.materialized !== 'ephemeral' && n.config?.enabled !== false && !!n.schema;
}

/** Published schemas the manifest's models live in (colour suffix removed). */
export function schemasFromManifest(manifest: Manifest, names: ColourNames): string[] {
  const out = new Set<string>();
  for (const n of Object.values(manifest.nodes)) if (published(n)) out.add(stripColour(n.schema!, names));
  return [...out].sort();
}

/** The relation names each published schema must hold, from the manifest. */
export function manifestModels(manifest: Manifest, publishedSchemas: string[], names: ColourNames, dialect: DialectName): Map<string, string[]> {
  return new Map([...manifestNodes(manifest, publishedSchemas, names, dialect)].map(([p, nodes]) => [p, nodes.map((n) => n.name)]));
}

export interface ManifestRelation {
  /** The relation name as the warehouse stores it. */
  name: string;
  uniqueId: string;
  /** The schema dbt rendered for this node (e.g. `analytics__BLUE`). */
  renderedSchema: string;
  materialized?: string;
}

/** The manifest's relations per published schema, with the schema dbt rendered for each (to prove they live in this deploy's colour). */
export function manifestNodes(manifest: Manifest, publishedSchemas: string[], names: ColourNames, dialect: DialectName): Map<string, ManifestRelation[]> {
  const byUpper = new Map(publishedSchemas.map((p) => [p.toUpperCase(), p]));
  const out = new Map<string, ManifestRelation[]>(publishedSchemas.map((p) => [p, []]));
  for (const n of Object.values(manifest.nodes)) {
    if (!published(n)) continue;
    const p = byUpper.get(resolveName(stripColour(n.schema!, names), dialect).toUpperCase());
    if (!p) continue;
    const name = resolveName(String(n.alias ?? n.name), dialect);
    const list = out.get(p)!;
    if (!list.some((r) => r.name === name)) list.push({ name, uniqueId: n.unique_id, renderedSchema: n.schema!, materialized: n.config?.materialized as string | undefined });
  }
  return out;
}

export function resolvePublished(schemas: string[] | undefined, manifest: Manifest | undefined, names: ColourNames, dialect: DialectName): string[] {
  const raw = schemas?.length ? schemas : manifest ? schemasFromManifest(manifest, names) : [];
  if (!raw.length) {
    throw new UserError('No published schemas were given.', { hint: 'Pass --schemas ANALYTICS,MARTS (the schemas consumers query), or --manifest so Slipway can read them from the models.' });
  }
  const out = [...new Set(raw.map((s) => resolveName(s.trim(), dialect)))];
  for (const p of out) {
    for (const suf of [names.suffix.blue, names.suffix.green, names.next]) {
      if (p.toUpperCase().endsWith(suf.toUpperCase())) throw new UserError(`The published schema ${p} already ends in ${suf}.`, { hint: 'Name the consumer-facing schema (e.g. ANALYTICS), not one of its colour schemas.' });
    }
    // Every name this schema will need must fit, checked here, before anything runs.
    for (const suf of [names.suffix.blue, names.suffix.green, names.next]) suffixed(p, suf, dialect, names.quoting);
  }
  return out;
}

/** The published schema (of `publishedSchemas`) a rendered dbt schema such as `analytics__GREEN` belongs to, or undefined. */
export function publishedOfRendered(rendered: string, names: ColourNames, dialect: DialectName, publishedSchemas: string[]): string | undefined {
  const base = stripColour(rendered, names);
  if (base === rendered) return undefined;
  let resolved: string;
  try {
    resolved = resolveName(base, dialect);
  } catch {
    return undefined;
  }
  return publishedSchemas.find((p) => p.toUpperCase() === resolved.toUpperCase());
}

/** The colour schema a rendered dbt schema is stored as (catalogSchemaName with the project's quoting). */
export function catalogOf(rendered: string, names: ColourNames, dialect: DialectName): string {
  return catalogSchemaName(rendered, dialect, names.quoting);
}

/** The `quoting:` of the dbt project in `projectDir` when it has a dbt_project.yml (else the adapter default applies). */
export function projectQuoting(projectDir: string | undefined): DbtQuoting | undefined {
  if (!projectDir || !existsSync(join(projectDir, 'dbt_project.yml'))) return undefined;
  return readProjectQuoting(projectDir);
}
