/**
 * Every Snowflake statement the freshness gate can generate, parsed by the
 * independent grammar (sqlfluff, Snowflake dialect): the one-statement
 * freshness measurement for real manifests (loaded_at_field and LAST_ALTERED
 * branches), row counts, and the ROW_COUNT_HISTORY DDL/DML.
 */
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../shared/dbt/artifacts.js';
import { freshnessDialect } from '../../shared/dialects/freshness.js';
import { planFreshnessStatements, recordStatements, parseFreshnessConfig, countTargetsFromManifest } from '../../shared/freshness/index.js';
import { renderForDisplay } from '../../shared/sql/plan.js';
import { describeShared, sharedPath } from '../helpers/fixtures.js';
import { describeSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';

const sf = freshnessDialect('snowflake');

describe('Snowflake freshness SQL shape', () => {
  it('quotes names the way dbt-snowflake resolves them and formats times in UTC', () => {
    const b = sf.loadedAtBranch({ id: "source.p.raw.o'rders", relation: { database: 'raw', schema: 'ecommerce', identifier: 'orders' }, loadedAtField: '_LOADED_AT', filter: "status <> 'test'" });
    expect(b).toContain(`'source.p.raw.o''rders' AS "source_id"`);
    expect(b).toContain('FROM "RAW"."ECOMMERCE"."ORDERS"');
    expect(b).toContain(`CASE WHEN IS_TIMESTAMP_NTZ(TO_VARIANT(MAX(_LOADED_AT))) THEN TO_CHAR(MAX(_LOADED_AT), 'YYYY-MM-DD HH24:MI:SS.FF6') ELSE TO_CHAR(CONVERT_TIMEZONE('UTC', MAX(_LOADED_AT)), 'YYYY-MM-DD HH24:MI:SS.FF6') END`);
    expect(b).toContain(`WHERE (status <> 'test')`);
    const q = sf.loadedAtBranch({ id: 'x', relation: { database: 'raw', schema: 'Mixed', identifier: 't', quoting: { schema: true } }, loadedAtField: 'ts' });
    expect(q).toContain('"RAW"."Mixed"."T"');
    const la = sf.lastAlteredBranch({ id: 'x', relation: { database: 'airbnb', schema: 'raw', identifier: 'raw_listings' } });
    expect(la).toContain(`FROM "AIRBNB".INFORMATION_SCHEMA.TABLES\nWHERE TABLE_SCHEMA = 'RAW' AND TABLE_NAME = 'RAW_LISTINGS'`);
  });
});

describeShared('Snowflake freshness SQL from real manifests', () => {
  describeSqlfluff('parsed by sqlfluff (snowflake)', () => {
    it('every generated statement parses', async () => {
      const statements: string[] = [];
      for (const p of ['airbnb-snowflake/c1-450b930', 'aws-ecommerce-snowflake/c2-3827063', 'flipside-ethereum-snowflake/c1-46ada34b', 'hubspot-postgres/c2-be3a903', 'dbt-core-compat/happy-path', 'flights-postgres-failures/c1-503c62c']) {
        const manifest = await loadManifest(sharedPath('dbt', p, 'manifest.json'));
        // give every source an SLA, so sources without loaded_at_field produce LAST_ALTERED branches
        const config = parseFreshnessConfig({ sources: { '**': { 'error-after': '1d' } } });
        const plan = planFreshnessStatements('snowflake', { manifest, config });
        expect(plan.statements.length).toBe(1);
        expect(plan.planned.filter((x) => x.problem)).toEqual([]);
        // sqlfluff's parser is slow (≈0.3 s per file, more on long UNION ALLs): parse one branch of each
        // kind per manifest, its filters included, and one union per manifest
        const branches = plan.planned.map((x) => x.branch!);
        const la = branches.find((b) => b.includes('LAST_ALTERED'));
        const laf = branches.filter((b) => !b.includes('LAST_ALTERED'));
        const withFilter = laf.find((b) => b.includes('WHERE ('));
        const picked = [...new Set([la, laf[0], withFilter].filter((b): b is string => !!b))];
        statements.push(picked.length > 1 ? sf.unionAll(picked) : picked[0]!);
        const targets = countTargetsFromManifest(manifest).slice(0, 2);
        if (targets.length) statements.push(sf.unionAll(targets.map((t) => sf.rowCountBranch({ id: t.model, relation: t.relation }))));
      }
      for (const s of recordStatements('snowflake', { environment: 'prod', deployId: 'd1', counts: { 'model.a.b': 10, 'model.a.c': 0 }, anomalous: ['model.a.c'] })) {
        statements.push(renderForDisplay(s, 'snowflake'));
      }
      statements.push(sf.selectHistory('SLIPWAY', 'prod', ['model.a.b', 'model.a.c'], 30).sql, sf.historyExists('SLIPWAY').sql, sf.historyExists('admin').sql, sf.ping);
      expect(statements.length).toBeGreaterThan(10);
      expect(unparsableSnowflake(statements)).toEqual([]);
    });
  });
});
