/**
 * Reading PR-schema metadata from a warehouse (statements run through the
 * one runner, shared/warehouse/run.ts).
 */
import { UserError } from '../errors.js';
import { prSchemaSql, type SchemaRef, type SchemaRow } from '../dialects/pr-schema.js';
import { resolveName, type DialectName } from '../sql/identifiers.js';
import { runStatement } from '../warehouse/run.js';
import type { Queryable, Warehouse } from '../warehouse/types.js';

export interface SchemaInfo {
  database?: string;
  name: string;
  comment: string | null;
  createdMs?: number;
  owner?: string;
  canDrop?: boolean;
}

function toInfo(row: SchemaRow): SchemaInfo {
  const created = row.created_ms === null || row.created_ms === undefined ? undefined : Number(row.created_ms);
  const canDrop = row.can_drop === null || row.can_drop === undefined ? undefined : row.can_drop === true || String(row.can_drop).toLowerCase() === 'true';
  return {
    database: row.database ?? undefined,
    name: row.name,
    comment: row.comment ?? null,
    createdMs: created !== undefined && Number.isFinite(created) ? created : undefined,
    owner: row.owner ?? undefined,
    canDrop,
  };
}

/** The warehouse's current database (Snowflake may have none). */
export async function currentDatabase(wh: Warehouse): Promise<string | undefined> {
  const rows = await runStatement(wh, prSchemaSql(wh.dialect).currentDatabase());
  const v = rows[0]?.database;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The database a PR schema lives in, as the warehouse stores its name.
 * Snowflake: the given one, else the session's; Postgres: always the connected
 * database, and a different `--database` is a configuration error.
 */
export async function resolveDatabase(wh: Warehouse, database: string | undefined): Promise<{ ref?: string; name: string }> {
  const dialect = wh.dialect;
  const current = await currentDatabase(wh);
  if (dialect === 'postgres') {
    if (database !== undefined && current !== undefined && resolveName(database, dialect) !== current) {
      throw new UserError(`The database '${database}' is not the one Slipway is connected to ('${current}'); a Postgres schema can only be managed in the connected database.`, {
        hint: `Connect to ${database} (dbname in the profile / DATABASE_URL), or drop the database setting.`,
      });
    }
    return { ref: undefined, name: current ?? '' };
  }
  if (database !== undefined) {
    const name = resolveName(database, dialect);
    return { ref: name, name };
  }
  if (!current) {
    throw new UserError('No database was given and the Snowflake session has no current database.', {
      hint: 'Pass the database (--database / input `database`), or set `database:` in the dbt profile.',
    });
  }
  return { ref: current, name: current };
}

export async function describeSchema(wh: Queryable, dialect: DialectName, ref: SchemaRef): Promise<SchemaInfo | undefined> {
  const rows = (await runStatement(wh, prSchemaSql(dialect).describeSchema(ref))) as unknown as SchemaRow[];
  const row = rows.find((r) => r.name === ref.schema);
  return row ? toInfo(row) : undefined;
}

export async function listSchemas(wh: Queryable, dialect: DialectName, database: string | undefined, prefix: string): Promise<SchemaInfo[]> {
  const rows = (await runStatement(wh, prSchemaSql(dialect).listSchemas(database, prefix))) as unknown as SchemaRow[];
  return rows.map(toInfo);
}

/** Run `fn` over `items` with at most `limit` in flight; results keep input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}
