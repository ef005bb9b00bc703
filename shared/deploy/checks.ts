/**
 * Pre-cutover checks. Each returns CheckResults; any `fail` stops the cutover
 * (FAILED row, exit 1, a report listing every failed check). The freshness
 * gate and other gates plug in through `extraChecks`.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { Manifest, RunResults } from '../dbt/artifacts.js';
import type { Warehouse } from '../warehouse/types.js';
import { runStatement } from '../warehouse/run.js';
import { type AdminNames, type DeploySql, type RelationInfo } from '../dialects/deploy.js';
import type { Colour } from './state.js';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  /** Short stable name, e.g. `run-results`, `models-exist`, `row-counts`, `user-check:orders_positive.sql`. */
  name: string;
  status: CheckStatus;
  message: string;
  /** One line per offending object. */
  items?: string[];
}

/** What a published schema is made of in this deploy (all names resolved). */
export interface SchemaPlan {
  published: string;
  /** The colour schema dbt built into (the new one). */
  colourSchema: string;
  /** The colour schema the live views read today (undefined on the first deploy). */
  liveColourSchema?: string;
  /** Staging schema that receives the new views before the swap. */
  next: string;
  /** Relations to publish as views: `name` as the view, `source` as the relation in the colour schema. */
  models: { name: string; source: string; kind?: 'table' | 'view' }[];
  /** Models the manifest expects that are missing from the colour schema. */
  missing: string[];
}

export interface CheckContext {
  warehouse: Warehouse;
  environment: string;
  deployId: string;
  colour: Colour;
  previousColour: Colour | null;
  schemas: SchemaPlan[];
  manifest?: Manifest;
  runResults?: RunResults;
}

/** A pluggable gate (the freshness gate is one): returns one or more results; a thrown error counts as a failed check. */
export type ExtraCheck = (ctx: CheckContext) => Promise<CheckResult | CheckResult[]>;

export type WarnPolicy = 'allow' | 'fail';

const FAILING = new Set(['error', 'fail', 'runtime error']);

export function checkRunResults(runResults: RunResults | undefined, warnPolicy: WarnPolicy = 'allow'): CheckResult {
  if (!runResults) return { name: 'run-results', status: 'skip', message: 'no run_results.json given; dbt build results were not checked' };
  const failed = runResults.results.filter((r) => FAILING.has(String(r.status)));
  const warned = runResults.results.filter((r) => String(r.status) === 'warn');
  const line = (r: RunResults['results'][number]) => `${r.unique_id}: ${r.status}${r.message ? ` — ${String(r.message).split('\n')[0]!.slice(0, 200)}` : ''}`;
  if (failed.length || (warnPolicy === 'fail' && warned.length)) {
    const items = [...failed, ...(warnPolicy === 'fail' ? warned : [])].map(line);
    return {
      name: 'run-results',
      status: 'fail',
      message: `${failed.length} node(s) errored or failed${warnPolicy === 'fail' && warned.length ? ` and ${warned.length} warned (warnings fail this deploy)` : ''} in run_results.json`,
      items,
    };
  }
  return {
    name: 'run-results',
    status: warned.length ? 'warn' : 'pass',
    message: `${runResults.results.length} result(s), none errored or failed${warned.length ? `; ${warned.length} warning(s) allowed` : ''}`,
    items: warned.length ? warned.map(line) : undefined,
  };
}

export function checkModelsExist(schemas: SchemaPlan[], fromManifest: boolean): CheckResult {
  if (!fromManifest) return { name: 'models-exist', status: 'skip', message: 'no manifest given; publishing every relation found in the new colour' };
  const items = schemas.flatMap((s) => s.missing.map((m) => `${s.colourSchema}.${m} is in the manifest but not in the warehouse`));
  const empty = schemas.filter((s) => s.models.length === 0 && s.missing.length === 0).map((s) => `${s.published}: the manifest has no model in this schema`);
  if (items.length) return { name: 'models-exist', status: 'fail', message: `${items.length} model(s) missing from the new colour`, items };
  const total = schemas.reduce((n, s) => n + s.models.length, 0);
  return { name: 'models-exist', status: empty.length ? 'warn' : 'pass', message: `all ${total} model(s) of the manifest exist in the new colour`, items: empty.length ? empty : undefined };
}

export interface RowCountOptions {
  /** Allowed change in percent of the live row count; null = only the populated → empty guard. */
  tolerancePct: number | null;
}

async function counts(warehouse: Warehouse, sql: DeploySql, database: string | undefined, schema: string, tables: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!tables.length) return out;
  const want = new Set(tables);
  for (const st of sql.rowCounts(database, schema, tables)) {
    const rows = await runStatement(warehouse, st);
    for (const r of rows) {
      const name = String(r.name);
      const n = r.n;
      if (want.has(name) && n !== null && n !== undefined) out.set(name, Number(n));
    }
  }
  return out;
}

export async function checkRowCountsAgainstLive(warehouse: Warehouse, sql: DeploySql, database: string | undefined, schemas: SchemaPlan[], opts: RowCountOptions): Promise<CheckResult> {
  const items: string[] = [];
  let compared = 0;
  let firstDeploy = true;
  for (const s of schemas) {
    if (!s.liveColourSchema) continue;
    firstDeploy = false;
    const liveRels = await listRelations(warehouse, sql, database, s.liveColourSchema);
    const liveTables = new Set(liveRels.filter((r) => r.kind === 'table').map((r) => r.name));
    const tables = s.models.filter((m) => m.kind !== 'view' && liveTables.has(m.source)).map((m) => m.source);
    if (!tables.length) continue;
    const [now, before] = await Promise.all([counts(warehouse, sql, database, s.colourSchema, tables), counts(warehouse, sql, database, s.liveColourSchema, tables)]);
    for (const t of tables) {
      const n = now.get(t);
      const b = before.get(t);
      if (n === undefined || b === undefined) continue;
      compared++;
      if (b > 0 && n === 0) {
        items.push(`${s.colourSchema}.${t}: ${b} → 0 rows (a populated table went empty)`);
        continue;
      }
      if (opts.tolerancePct !== null && b > 0) {
        const pct = (Math.abs(n - b) / b) * 100;
        if (pct > opts.tolerancePct) items.push(`${s.colourSchema}.${t}: ${b} → ${n} rows (${n >= b ? '+' : '-'}${pct.toFixed(1)}%; beyond the tolerance of ±${opts.tolerancePct}%)`);
      }
    }
  }
  if (firstDeploy) return { name: 'row-counts', status: 'skip', message: 'first deploy: no live colour to compare row counts with' };
  if (items.length) return { name: 'row-counts', status: 'fail', message: `${items.length} table(s) outside the row-count tolerance of the live colour`, items };
  return { name: 'row-counts', status: 'pass', message: `${compared} table(s) within ${opts.tolerancePct === null ? 'the populated → empty guard' : `the tolerance of ±${opts.tolerancePct}% of the live colour`}` };
}

export async function listRelations(warehouse: Warehouse, sql: DeploySql, database: string | undefined, schema: string): Promise<RelationInfo[]> {
  const st = sql.listRelations(database, schema);
  const rows = await runStatement(warehouse, st);
  return rows.map((r) => ({ name: String(r.name), kind: r.kind === 'view' ? 'view' : 'table' }));
}

export interface UserCheckFile {
  name: string;
  sql: string;
}

/**
 * A folder of `.sql` files, each one query that must return zero rows (like a
 * dbt singular test). `{{ suffix }}` and `{{ colour }}` are replaced with the
 * new colour's schema suffix and name, so a check reads the colour being
 * deployed: `select * from analytics{{ suffix }}.orders where amount < 0`.
 */
export async function loadUserChecks(dir: string): Promise<UserCheckFile[]> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.sql')).sort();
  } catch {
    throw new UserError(`The checks folder ${dir} does not exist or is not a folder.`, { hint: 'Pass --checks-dir pointing at a folder of .sql files that must return zero rows, or leave it out.' });
  }
  const out: UserCheckFile[] = [];
  for (const n of names) {
    const text = (await readFile(join(dir, n), 'utf8')).trim().replace(/;\s*$/, '');
    if (!text) throw new UserError(`The check ${join(dir, n)} is empty.`, { hint: 'Write one SELECT that returns the offending rows (zero rows = pass), or delete the file.' });
    if (/;\s*\S/.test(text.replace(/--[^\n]*/g, '').replace(/'(?:[^']|'')*'/g, "''"))) {
      throw new UserError(`The check ${join(dir, n)} holds more than one statement.`, { hint: 'Put one SELECT per file.' });
    }
    out.push({ name: n, sql: text });
  }
  return out;
}

export function renderUserCheck(sql: string, vars: { suffix: string; colour: string }): string {
  return sql.replace(/\{\{\s*(suffix|schema_suffix|colour|color)\s*\}\}/g, (_m, k: string) => (k === 'suffix' || k === 'schema_suffix' ? vars.suffix : vars.colour));
}

export async function runUserChecks(warehouse: Warehouse, files: UserCheckFile[], vars: { suffix: string; colour: string }): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const f of files) {
    const name = `user-check:${f.name}`;
    try {
      const { rows } = await warehouse.queryOne<Record<string, unknown>>(renderUserCheck(f.sql, vars));
      if (rows.length === 0) out.push({ name, status: 'pass', message: 'returned no rows' });
      else out.push({ name, status: 'fail', message: `returned ${rows.length} row(s); a check passes only with zero rows`, items: rows.slice(0, 5).map((r) => JSON.stringify(r).slice(0, 300)) });
    } catch (err) {
      out.push({ name, status: 'fail', message: `the query failed: ${(err as Error).message.split('\n')[0]}` });
    }
  }
  return out;
}

export async function runExtraChecks(extra: ExtraCheck[] | undefined, ctx: CheckContext): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const [i, fn] of (extra ?? []).entries()) {
    try {
      const r = await fn(ctx);
      out.push(...(Array.isArray(r) ? r : [r]));
    } catch (err) {
      out.push({ name: `extra-check:${fn.name || i + 1}`, status: 'fail', message: `the check threw: ${(err as Error).message}` });
    }
  }
  return out;
}

export function formatChecks(results: CheckResult[]): string {
  const icon: Record<CheckStatus, string> = { pass: '✓', fail: '✗', warn: '!', skip: '-' };
  return results
    .map((r) => `${icon[r.status]} ${r.name}: ${r.message}${r.items?.length ? '\n' + r.items.map((i) => `    ${i}`).join('\n') : ''}`)
    .join('\n');
}

export interface BuildProofArgs {
  environment: string;
  deployId: string;
  colour: Colour;
  schemas: SchemaPlan[];
  /** When prepare ran (the STARTED row's started_at, ISO). */
  preparedAt: string | null;
  manifest?: Manifest;
  runResults?: RunResults;
  /** The colour schema dbt rendered for a manifest node's schema, as the catalog stores it (names.ts). */
  catalogSchema: (rendered: string) => string;
  /** The published schema a manifest node belongs to (colour suffix removed), or undefined. */
  publishedOf: (rendered: string) => string | undefined;
}

/**
 * Prove the colour being published was built by THIS deploy, after its
 * prepare: the manifest's relations live in this deploy's colour schemas,
 * run_results.json was written after prepare, and every relation to publish
 * was created or replaced after prepare (warehouse metadata). Anything stale
 * is named.
 */
export async function checkBuildProof(warehouse: Warehouse, sql: DeploySql, a: AdminNames, args: BuildProofArgs): Promise<CheckResult> {
  const items: string[] = [];
  const notes: string[] = [];
  const colourOf = new Map(args.schemas.map((s) => [s.published.toUpperCase(), s.colourSchema]));
  if (args.manifest) {
    for (const n of Object.values(args.manifest.nodes)) {
      if (!['model', 'seed', 'snapshot'].includes(n.resource_type) || n.config?.materialized === 'ephemeral' || n.config?.enabled === false || !n.schema) continue;
      const p = args.publishedOf(n.schema);
      const want = p ? colourOf.get(p.toUpperCase()) : undefined;
      if (!want) continue;
      let got: string;
      try {
        got = args.catalogSchema(n.schema);
      } catch {
        got = n.schema;
      }
      if (got !== want) items.push(`${n.unique_id}: the manifest says it was built into ${got}, but this deploy (${args.deployId}) prepared ${want}: the manifest is from another build`);
    }
  }
  const prepared = args.preparedAt ? Date.parse(args.preparedAt) : NaN;
  const rrAt = args.runResults?.metadata?.generated_at ? Date.parse(String(args.runResults.metadata.generated_at)) : NaN;
  let runResultsFresh = false;
  if (args.runResults) {
    if (Number.isNaN(rrAt)) notes.push('run_results.json has no metadata.generated_at; its age was not checked');
    else if (!Number.isNaN(prepared) && rrAt < prepared) {
      items.push(`run_results.json was written at ${new Date(rrAt).toISOString()}, before this deploy's prepare at ${new Date(prepared).toISOString()}: it is from an earlier build`);
    } else runResultsFresh = true;
    const mInv = args.manifest?.metadata?.invocation_id;
    const rInv = args.runResults.metadata?.invocation_id;
    if (mInv && rInv && mInv !== rInv) notes.push(`manifest.json (invocation ${mInv}) and run_results.json (invocation ${rInv}) come from different dbt invocations`);
  }
  const okIncremental = new Set<string>();
  if (runResultsFresh && args.manifest && args.runResults) {
    const succeeded = new Set(args.runResults.results.filter((r) => String(r.status) === 'success').map((r) => r.unique_id));
    for (const n of Object.values(args.manifest.nodes)) if (n.config?.materialized === 'incremental' && succeeded.has(n.unique_id)) okIncremental.add(String(n.alias ?? n.name).toUpperCase());
  }
  let checked = 0;
  for (const s of args.schemas) {
    const st = sql.relationsBuiltSince(a, a.database, s.colourSchema, args.environment, args.deployId);
    const rows = await runStatement(warehouse, st);
    const fresh = new Map(rows.map((r) => [String(r.name), r.fresh]));
    for (const m of s.models) {
      checked++;
      const f = fresh.get(m.source);
      if (f === true || f === 't' || f === 'true' || f === 1) continue;
      // An incremental model keeps its table (Postgres records no change for an INSERT); a fresh run_results entry proves it ran.
      if (okIncremental.has(m.source.toUpperCase())) {
        notes.push(`${s.colourSchema}.${m.source} is incremental: its table predates prepare, run_results shows it ran after prepare`);
        continue;
      }
      items.push(`${s.colourSchema}.${m.source} was not created or replaced after this deploy's prepare: it is left from an earlier build`);
    }
  }
  if (items.length) return { name: 'build-proof', status: 'fail', message: `${items.length} thing(s) in the ${args.colour} colour were not built by deploy ${args.deployId} after its prepare`, items: [...items, ...notes] };
  return {
    name: 'build-proof',
    status: notes.length ? 'warn' : 'pass',
    message: `${checked} relation(s) created or replaced after prepare${args.manifest ? '; the manifest names this colour' : ''}${runResultsFresh ? '; run_results.json written after prepare' : ''}`,
    items: notes.length ? notes : undefined,
  };
}

/**
 * I3: a cutover moves the published schema into `<S>__NEXT` and recreates
 * `<S>__NEXT`; both may hold only the views Slipway made over the colour
 * schemas. Anything else (tables, other views, functions, sequences) is named
 * and the cutover refuses: `slipway deploy adopt` takes such a schema over
 * without losing it.
 */
export async function checkForeignObjects(warehouse: Warehouse, sql: DeploySql, database: string | undefined, schemas: { published: string; next: string; colourSchemas: string[] }[]): Promise<CheckResult> {
  const items: string[] = [];
  for (const s of schemas) {
    const allowed = new Set(s.colourSchemas);
    for (const schema of [s.published, s.next]) {
      const ex = sql.schemaExists(database, schema);
      if (!(await runStatement(warehouse, ex)).length) continue;
      const objs = sql.schemaObjects(database, schema);
      const vs = sql.viewSources(database, schema);
      const objects = (await runStatement(warehouse, objs)).map((r) => ({ name: String(r.name), kind: String(r.kind) }));
      const sources = new Map<string, string[]>();
      for (const v of sql.parseViewSources((await runStatement(warehouse, vs)))) sources.set(v.view, [...(sources.get(v.view) ?? []), v.sourceSchema]);
      for (const o of objects) {
        const src = sources.get(o.name) ?? [];
        if (o.kind === 'view' && src.length > 0 && src.every((x) => allowed.has(x))) continue;
        items.push(`${schema}.${o.name} (${o.kind}${o.kind === 'view' ? `, reads ${src.length ? src.join(', ') : 'no colour schema'}` : ''}) was not created by Slipway`);
      }
    }
  }
  if (items.length) {
    return { name: 'foreign-objects', status: 'fail', message: `${items.length} object(s) Slipway did not create would be moved or dropped by the cutover; nothing was touched. Take the schema over with \`slipway deploy adopt\` (see docs/adoption.md)`, items };
  }
  return { name: 'foreign-objects', status: 'pass', message: 'the published and staging schemas hold only Slipway views' };
}
