/**
 * Glue between point-in-time recovery and the blue-green deploy state
 * (shared/deploy, owned by the deploy feature): which colour schemas hold the
 * live deploy's tables, and the deploy lock held while recovering.
 */
import { UserError } from '../errors.js';
import { resolveName } from '../sql/identifiers.js';
import type { Warehouse } from '../warehouse/types.js';
import { deploySqlFor } from '../dialects/deploy.js';
import { acquireLock, adminNames, currentDeploy, ensureAdmin } from '../deploy/state.js';
import { runStatement } from '../warehouse/run.js';
import type { PitrDeps } from './recover.js';

export interface LiveTarget {
  deployId?: string;
  colour?: string;
  /** Published (consumer-facing) schemas. */
  published: string[];
  /** Colour schemas the published views read from: the tables PITR restores. */
  colourSchemas: string[];
}

export interface LiveOptions {
  environment: string;
  adminSchema?: string;
  database?: string;
  /** Published schemas (unresolved, as the user wrote them); default: those of the live deploy. */
  schemas?: string[];
  /** Colour schemas given explicitly (bypasses DEPLOY_STATE and the views). */
  colourSchemas?: string[];
}

/**
 * The live colour schemas: named explicitly, or found by reading which
 * schemas the published views select from (the truth consumers see), for the
 * published schemas of the live deploy in DEPLOY_STATE.
 */
export async function resolveLiveTarget(warehouse: Warehouse, opts: LiveOptions): Promise<LiveTarget> {
  const d = warehouse.dialect;
  if (opts.colourSchemas?.length) {
    return { published: [], colourSchemas: opts.colourSchemas.map((s) => resolveName(s, d)) };
  }
  const live = await currentDeploy(warehouse, { environment: opts.environment, adminSchema: opts.adminSchema, database: opts.database });
  const published = (opts.schemas?.length ? opts.schemas : (live?.schemas ?? [])).map((s) => resolveName(s, d));
  if (!published.length) {
    throw new UserError(`Environment '${opts.environment}' has no live deploy in DEPLOY_STATE, and no schemas were named.`, {
      hint: 'Pass --schemas <published schemas> (their views show which colour is live) or --colour-schemas <schemas holding the tables>.',
    });
  }
  const sql = await deploySqlFor(d);
  const database = opts.database ? resolveName(opts.database, d) : undefined;
  const colour = new Set<string>();
  for (const p of published) {
    for (const v of sql.parseViewSources(await runStatement(warehouse, sql.viewSources(database, p)))) if (v.sourceSchema && v.sourceSchema !== p) colour.add(v.sourceSchema);
  }
  if (!colour.size) {
    throw new UserError(`The published schema(s) ${published.join(', ')} hold no Slipway views, so the live colour schemas cannot be found.`, {
      hint: 'Check --environment/--schemas, or name the schemas holding the tables with --colour-schemas.',
    });
  }
  return { deployId: live?.deployId, colour: live?.colour ?? undefined, published, colourSchemas: [...colour].sort() };
}

/** The deploy lock as PITR's `withLock`: a deploy (or another rollback) cannot run while tables are being restored. */
export function deployLock(warehouse: Warehouse, opts: { environment: string; adminSchema?: string; database?: string; holder: string; runUrl?: string; actor: string; leaseMinutes?: number }): NonNullable<PitrDeps['withLock']> {
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    const sql = await deploySqlFor(warehouse.dialect);
    const a = adminNames(warehouse.dialect, opts);
    await ensureAdmin(warehouse, sql, a);
    await acquireLock(warehouse, sql, a, { environment: opts.environment, holder: opts.holder, runUrl: opts.runUrl ?? null, actor: opts.actor, leaseMinutes: opts.leaseMinutes ?? 60 });
    try {
      return await fn();
    } finally {
      await runStatement(warehouse, sql.releaseLock(a, opts.environment, opts.holder)).catch(() => undefined);
    }
  };
}
