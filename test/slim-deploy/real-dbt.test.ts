/**
 * The slim selection against real dbt: the sample project parsed once for the
 * live colour (SLIPWAY_SCHEMA_SUFFIX=__BLUE) and once, with one staging model
 * edited, for the idle colour (__GREEN). The colour suffix must not make
 * every node modified, and `dbt ls` with exactly the --select arguments the
 * plan hands to dbt (and --state <live>) must list exactly the nodes the plan
 * says dbt will build.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadManifest, type Manifest } from '../../shared/dbt/artifacts.js';
import { snowflakeCloneSql } from '../../shared/dialects/snowflake/clone.js';
import { catalogKey, colourSchemas, planSlim, relationOf } from '../../shared/slim-deploy/index.js';
import type { CatalogRelation } from '../../shared/slim-deploy/types.js';
import { describeDbt, repoRoot, runDbt, writePgProfiles } from '../helpers/dbt.js';
import { pgUrl } from '../helpers/pg.js';

describeDbt('slim selection agrees with real dbt', () => {
  let dir: string;
  let live: Manifest;
  let next: Manifest;

  const ls = async (select: string[]): Promise<string[]> => {
    const r = await runDbt(['ls', '--select', ...select, '--state', join(dir, 'live'), '--resource-type', 'model', 'seed', 'snapshot', '--output', 'json', '--output-keys', 'unique_id', '--quiet'], { cwd: dir, profilesDir: dir, env: { SLIPWAY_SCHEMA_SUFFIX: '__GREEN' } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    return r.stdout.split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l).unique_id as string).sort();
  };

  /** What the colour schemas hold after two full deploys: every table, and views whose text matches. */
  const catalog = (staleViews: string[] = []) => {
    const cat = new Map<string, CatalogRelation[]>();
    const req = { dialect: 'postgres' as const, canClone: true, liveManifest: live, newManifest: next, liveSuffix: '__BLUE', idleSuffix: '__GREEN' };
    for (const s of colourSchemas(req)) {
      for (const [m, schema, side] of [[live, s.live, 'live'], [next, s.idle, 'idle']] as const) {
        const rels = Object.values(m.nodes)
          .filter((n) => ['model', 'seed', 'snapshot'].includes(n.resource_type))
          .map((n) => ({ n, ref: relationOf(n, 'postgres') }))
          .filter((x) => x.ref.schema === schema)
          .map(({ n, ref }) => ({
            name: ref.name,
            kind: (n.config as any).materialized === 'view' ? ('view' as const) : ('table' as const),
            transient: false,
            definition: `select * from "${schema}"."x"`.replace(schema, side === 'idle' && staleViews.includes(n.name) ? 'elsewhere' : side === 'live' ? s.live : s.idle),
          }));
        cat.set(catalogKey(undefined, schema), rels);
      }
    }
    return { req, cat };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-slim-dbt-'));
    cpSync(join(repoRoot, 'test', 'sample-project', 'dbt_project.yml'), join(dir, 'dbt_project.yml'));
    cpSync(join(repoRoot, 'test', 'sample-project', 'models'), join(dir, 'models'), { recursive: true });
    mkdirSync(join(dir, 'macros'));
    cpSync(join(repoRoot, 'action-examples', 'dbt', 'macros', 'generate_schema_name.sql'), join(dir, 'macros', 'generate_schema_name.sql'));
    writePgProfiles(dir, 'shop', pgUrl!, { prod: { schema: 'analytics' } }, 'prod');
    const blue = await runDbt(['parse'], { cwd: dir, profilesDir: dir, env: { SLIPWAY_SCHEMA_SUFFIX: '__BLUE' } });
    expect(blue.code, blue.stdout + blue.stderr).toBe(0);
    mkdirSync(join(dir, 'live'));
    cpSync(join(dir, 'target', 'manifest.json'), join(dir, 'live', 'manifest.json'));
    appendFileSync(join(dir, 'models', 'staging', 'stg_orders.sql'), '\n-- a change in this deploy\n');
    const green = await runDbt(['parse'], { cwd: dir, profilesDir: dir, env: { SLIPWAY_SCHEMA_SUFFIX: '__GREEN' } });
    expect(green.code, green.stdout + green.stderr).toBe(0);
    live = await loadManifest(join(dir, 'live', 'manifest.json'));
    next = await loadManifest(join(dir, 'target', 'manifest.json'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the manifests really are in two colours', () => {
    expect(live.nodes['model.shop.orders']!.schema).toBe('analytics__BLUE');
    expect(next.nodes['model.shop.orders']!.schema).toBe('analytics__GREEN');
  });

  it('one edited staging model: the plan builds it and its children, exactly what dbt ls selects; tables are cloned', async () => {
    const { req, cat } = catalog();
    const plan = planSlim(req, cat, snowflakeCloneSql);
    expect(plan.mode).toBe('slim');
    expect(plan.build.select).toEqual(['state:modified+']);
    expect(plan.build.modified).toEqual(['model.shop.stg_orders']);
    expect(plan.build.nodes).toEqual(await ls(plan.build.select));
    expect(plan.build.nodes).toEqual(['model.shop.customers', 'model.shop.orders', 'model.shop.stg_orders']);
    // both marts are tables dbt rebuilds: nothing to clone in this project
    expect(plan.clones).toEqual([]);
  });

  it('an out-of-date view in the idle colour is added by fqn, and dbt selects it the same way', async () => {
    const { req, cat } = catalog(['stg_payments']);
    const plan = planSlim(req, cat, snowflakeCloneSql);
    expect(plan.build.select).toEqual(['state:modified+', 'fqn:shop.staging.stg_payments']);
    expect(plan.build.nodes).toEqual(await ls(plan.build.select));
    expect(plan.build.nodes).toContain('model.shop.stg_payments');
  });
});
