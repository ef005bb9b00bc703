/**
 * The naming rule (shared/dbt/relation-names.ts): unit cases for both adapters,
 * then proof with real dbt on the real PostgreSQL server that the catalog holds
 * exactly what `catalogSchemaName` says, under default quoting and under the
 * project's own `quoting: {schema: false}`.
 */
import { cpSync, mkdtempSync, appendFileSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { UserError } from '../../shared/errors.js';
import {
  catalogIdentifierName,
  catalogSchemaName,
  defaultQuoting,
  effectiveQuoting,
  quotingFromManifest,
  quotingFromRelationName,
  readProjectQuoting,
  splitRelationName,
} from '../../shared/dbt/relation-names.js';
import { describeDbt, repoRoot, runDbt, writePgProfiles } from '../helpers/dbt.js';
import { freshPgDatabase } from '../helpers/pg.js';

describe('catalogSchemaName (the one naming rule)', () => {
  it('postgres quotes schemas by default: the exact case dbt rendered is kept', () => {
    expect(defaultQuoting('postgres')).toEqual({ database: true, schema: true, identifier: true });
    expect(catalogSchemaName('analytics__BLUE', 'postgres')).toBe('analytics__BLUE');
    expect(catalogSchemaName('Marts__GREEN', 'postgres', {})).toBe('Marts__GREEN');
    expect(catalogSchemaName('with space', 'postgres')).toBe('with space');
  });
  it('postgres with quoting: {schema: false} folds ASCII to lower case', () => {
    expect(catalogSchemaName('analytics__BLUE', 'postgres', { schema: false })).toBe('analytics__blue');
    expect(catalogSchemaName('Marts$X', 'postgres', { schema: false, identifier: true })).toBe('marts$x');
    // As the server does: `create schema Café_ÉTÉ__BLUE` is stored as café_ÉtÉ__blue (only A-Z fold).
    expect(catalogSchemaName('Café_ÉTÉ__BLUE', 'postgres', { schema: false })).toBe('café_ÉtÉ__blue');
  });
  it('snowflake quotes nothing by default: folded to upper case; quoting: {schema: true} keeps it', () => {
    expect(defaultQuoting('snowflake')).toEqual({ database: false, schema: false, identifier: false });
    expect(catalogSchemaName('analytics__BLUE', 'snowflake')).toBe('ANALYTICS__BLUE');
    expect(catalogSchemaName('analytics__BLUE', 'snowflake', { schema: true })).toBe('analytics__BLUE');
    expect(catalogSchemaName('analytics__BLUE', 'snowflake', { identifier: true })).toBe('ANALYTICS__BLUE');
  });
  it('only the schema key matters for schemas; identifiers follow their own key', () => {
    expect(effectiveQuoting('snowflake', { schema: true })).toEqual({ database: false, schema: true, identifier: false });
    expect(catalogIdentifierName('Orders', 'postgres', { schema: false })).toBe('Orders');
    expect(catalogIdentifierName('Orders', 'postgres', { identifier: false })).toBe('orders');
    expect(catalogIdentifierName('Orders', 'snowflake')).toBe('ORDERS');
  });
  it('postgres keeps at most 63 bytes, cut at a character boundary', () => {
    const long = `${'a'.repeat(60)}__BLUE`;
    expect(catalogSchemaName(long, 'postgres')).toBe(long.slice(0, 63));
    expect(catalogSchemaName(`${'a'.repeat(62)}é`, 'postgres')).toBe('a'.repeat(62)); // é is 2 bytes
    expect(catalogSchemaName(long, 'snowflake')).toBe(long.toUpperCase());
  });
  it('refuses a name the warehouse cannot take unquoted, saying how to fix it', () => {
    expect(() => catalogSchemaName('my-schema', 'snowflake')).toThrow(UserError);
    let err: UserError | undefined;
    try {
      catalogSchemaName('my-schema', 'postgres', { schema: false });
    } catch (e) {
      err = e as UserError;
    }
    expect(err?.message).toMatch(/'my-schema' without quotes/);
    expect(err?.hint).toMatch(/quoting: \{schema: true\}/);
    expect(() => catalogSchemaName('', 'postgres')).toThrow(/empty schema/);
    expect(() => catalogSchemaName('x', 'bigquery' as never)).toThrow(/Unknown dbt adapter 'bigquery'/);
  });
  it('reads relation_name quoting the way dbt renders it', () => {
    expect(splitRelationName('"db"."we""ird.name"."t"')).toEqual([
      { name: 'db', quoted: true },
      { name: 'we"ird.name', quoted: true },
      { name: 't', quoted: true },
    ]);
    expect(quotingFromRelationName('"nm".Analytics__BLUE."plain"')).toEqual({ database: true, schema: false, identifier: true });
    expect(quotingFromRelationName('ANALYTICS_PROD.analytics__BLUE.orders')).toEqual({ database: false, schema: false, identifier: false });
    expect(quotingFromRelationName(null)).toBeUndefined();
    expect(quotingFromRelationName('"open')).toBeUndefined();
  });
  it('readProjectQuoting: the quoting: block of dbt_project.yml, or undefined; bad values are clear errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-quoting-'));
    try {
      writeFileSync(join(dir, 'dbt_project.yml'), 'name: x\nversion: "1"\nprofile: x\n');
      expect(readProjectQuoting(dir)).toBeUndefined();
      writeFileSync(join(dir, 'dbt_project.yml'), 'name: x\nquoting:\n  schema: false\n  identifier: "true"\n  column: false\n');
      expect(readProjectQuoting(dir)).toEqual({ schema: false, identifier: true });
      writeFileSync(join(dir, 'dbt_project.yml'), 'name: x\nquoting:\n  schema: sometimes\n');
      expect(() => readProjectQuoting(dir)).toThrow(/quoting\.schema is "sometimes", not true or false/);
      writeFileSync(join(dir, 'dbt_project.yml'), 'name: x\nquoting: [schema]\n');
      expect(() => readProjectQuoting(dir)).toThrow(/quoting must be a mapping/);
      expect(() => readProjectQuoting(join(dir, 'nope'))).toThrow(/No dbt_project.yml in/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Copy test/dbt-projects/naming and action-examples' macro into a fresh folder, as a user would. */
function userProject(extraProjectYaml = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-naming-'));
  cpSync(join(repoRoot, 'test', 'dbt-projects', 'naming'), dir, { recursive: true });
  mkdirSync(join(dir, 'macros'), { recursive: true });
  cpSync(join(repoRoot, 'action-examples', 'dbt', 'macros', 'generate_schema_name.sql'), join(dir, 'macros', 'generate_schema_name.sql'));
  if (extraProjectYaml) appendFileSync(join(dir, 'dbt_project.yml'), extraProjectYaml);
  return dir;
}

describeDbt('real dbt-postgres names schemas as catalogSchemaName says', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  const dirs: string[] = [];
  beforeAll(async () => {
    db = await freshPgDatabase('naming');
  });
  afterAll(async () => {
    await db?.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function sql(text: string): Promise<any[]> {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return ((await c.query(text)) as any).rows ?? [];
    } finally {
      await c.end();
    }
  }
  async function schemasIn(): Promise<string[]> {
    const rows = await sql(`select schema_name from information_schema.schemata where schema_name not in ('public','information_schema') and schema_name not like 'pg\\_%' order by 1`);
    return rows.map((x) => x.schema_name as string).sort();
  }

  async function buildAndCheck(extra: string) {
    const dir = userProject(extra);
    dirs.push(dir);
    writePgProfiles(dir, 'naming', db.url, { prod: { schema: 'Analytics' } }, 'prod');
    const run = await runDbt(['run'], { cwd: dir, profilesDir: dir, env: { SLIPWAY_SCHEMA_SUFFIX: '__BLUE' } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8'));
    const rendered = Object.values(manifest.nodes as Record<string, any>)
      .filter((n) => n.resource_type === 'model')
      .map((n) => n.schema as string)
      .sort();
    expect(rendered).toEqual(['Analytics__BLUE', 'Marts__BLUE', 'a_very_long_published_schema_name_that_dbt_renders_past_the_limit__BLUE']);
    const quoting = readProjectQuoting(dir);
    // The manifest tells the same quoting as dbt_project.yml (or the adapter default).
    expect(quotingFromManifest(manifest)?.schema).toBe(effectiveQuoting('postgres', quoting).schema);
    const predicted = rendered.map((s) => catalogSchemaName(s, 'postgres', quoting)).sort();
    const actual = await schemasIn();
    expect(actual).toEqual(predicted);
    // Same answer when the quoting is read back from the manifest instead of the project file.
    expect(rendered.map((s) => catalogSchemaName(s, 'postgres', quotingFromManifest(manifest))).sort()).toEqual(actual);
    return actual;
  }

  it('default quoting: exact case kept, long names cut to 63 bytes', async () => {
    const actual = await buildAndCheck('');
    expect(actual).toContain('Analytics__BLUE');
    expect(actual).toContain('Marts__BLUE');
    expect(actual).toContain('a_very_long_published_schema_name_that_dbt_renders_past_the_lim');
    await sql(actual.map((s) => `drop schema "${s.replace(/"/g, '""')}" cascade`).join(';'));
  });

  it('quoting: {schema: false}: folded to lower case', async () => {
    const actual = await buildAndCheck('quoting:\n  schema: false\n');
    expect(actual).toContain('analytics__blue');
    expect(actual).toContain('marts__blue');
  });
});
