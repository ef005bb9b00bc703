/**
 * Every Snowflake statement point-in-time recovery can generate, parsed by the
 * independent grammar (sqlfluff --dialect snowflake).
 *
 * Known grammar gaps: sqlfluff 1.4.5 parses `CREATE TABLE … CLONE … AT (…)`,
 * `CREATE TABLE … CLONE … COPY GRANTS` and `CREATE TRANSIENT TABLE … CLONE …
 * COPY GRANTS`, but not an AT/BEFORE clause together with COPY GRANTS or
 * TRANSIENT — the form Snowflake documents for CREATE TABLE … CLONE and the one
 * the recovery needs. Those statements are checked as two halves: without
 * TRANSIENT and COPY GRANTS, and without the AT/BEFORE clause. Its lexer also
 * mis-reads `""` inside a quoted identifier, so the odd names used here have
 * spaces and mixed case but no embedded quote (quoting itself is covered by
 * the identifiers tests).
 */
import { expect, it } from 'vitest';
import { renderForDisplay, type Statement } from '../../shared/sql/plan.js';
import { metadataStatements, planPitr, readPitrMetadata, type PitrMetadata } from '../../shared/pitr/index.js';
import { createAdminSchema, createPitrLog, insertPitrLog } from '../../shared/dialects/snowflake/pitr.js';
import { describeSqlfluff, unparsableSnowflake } from '../helpers/sqlfluff.js';
import { FakeSnowflake } from '../helpers/fake-snowflake.js';
import { informationSchemaTables, mergeStatement, NOW, POINT, showTablesHistory } from './recorded-metadata.js';

async function everyStatement(): Promise<Statement[]> {
  const out: Statement[] = [];
  const wh = new FakeSnowflake().pitrMetadata({ tables: informationSchemaTables, history: showTablesHistory, now: NOW, database: 'PROD', statements: [mergeStatement] });
  for (const point of [{ kind: 'timestamp' as const, at: new Date(POINT) }, { kind: 'statement' as const, queryId: mergeStatement.QUERY_ID }]) {
    const meta = await readPitrMetadata(wh, { schemas: ['ANALYTICS__BLUE'], point });
    out.push(...planPitr(meta, { point }).statements);
    out.push(...metadataStatements('PROD', ['ANALYTICS__BLUE', 'Mixed Case__GREEN'], point), ...metadataStatements(undefined, ['ANALYTICS__BLUE'], point));
  }
  // a multi-version UNDROP walk, with a statement point, no database qualifier
  const meta: PitrMetadata = {
    now: new Date('2026-11-22T20:00:00Z'),
    schemas: ['S__GREEN'],
    tables: [{ schema: 'S__GREEN', name: 'Dim Mixed-Case', tableType: 'BASE TABLE', isTransient: false, retentionDays: 7, created: new Date('2026-11-22T10:00:00Z') }],
    dropped: [20, 21].map((d) => ({ schema: 'S__GREEN', name: 'Dim Mixed-Case', created: new Date(`2026-11-${d}T10:00:00Z`), dropped: new Date(`2026-11-${d + 1}T10:00:00Z`), isTransient: false, retentionDays: 7 })),
    statement: { queryId: mergeStatement.QUERY_ID, queryType: 'INSERT', startTime: new Date('2026-11-20T12:00:00Z') },
  };
  const walk = planPitr(meta, { point: { kind: 'statement', queryId: mergeStatement.QUERY_ID } });
  out.push(...walk.statements, ...walk.objects.flatMap((o) => o.putBack ?? []));
  out.push(createAdminSchema('PROD', 'SLIPWAY'), createPitrLog('PROD', 'SLIPWAY'), createAdminSchema(undefined, 'SLIPWAY'));
  out.push(
    insertPitrLog('PROD', 'SLIPWAY', { runId: 'pitr-1', environment: 'prod', schema: 'S', table: "O'Brien", action: 'undrop', point: POINT, status: 'RESTORED', reason: 'bad \\ deploy', actor: 'me' }),
  );
  return out;
}

describeSqlfluff('PITR SQL parses as Snowflake (sqlfluff)', () => {
  it('every generated statement parses (transient clones checked as their two halves)', async () => {
    const stmts = await everyStatement();
    const texts = stmts.map((s) => renderForDisplay(s, 'snowflake'));
    expect(texts.length).toBeGreaterThan(30);
    const cloneAt = /^CREATE (TRANSIENT )?TABLE (.*) CLONE (.*) ((AT|BEFORE) \(.*\)) COPY GRANTS$/;
    const checked: string[] = [];
    for (const t of texts) {
      const m = cloneAt.exec(t);
      if (m) checked.push(`CREATE TABLE ${m[2]} CLONE ${m[3]} ${m[4]}`, `CREATE ${m[1] ?? ''}TABLE ${m[2]} CLONE ${m[3]} COPY GRANTS`);
      else checked.push(t);
    }
    expect(texts.filter((t) => cloneAt.test(t)).some((t) => t.startsWith('CREATE TRANSIENT'))).toBe(true);
    expect(texts.filter((t) => /CLONE/.test(t)).every((t) => cloneAt.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith('UNDROP TABLE'))).toBe(true);
    expect(texts.some((t) => /BEFORE \(STATEMENT => /.test(t))).toBe(true);
    expect(unparsableSnowflake(checked)).toEqual([]);
  });
});
