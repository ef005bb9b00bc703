/**
 * Point-in-time recovery planning on recorded Snowflake metadata rows: which
 * tables are cloned + swapped, which need rename + UNDROP, which cannot be
 * recovered and why, and that nothing is touched unless the plan allows it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GateFailure, UserError } from '../../shared/errors.js';
import { CliRuntime } from '../../shared/runtime/cli-runtime.js';
import type { Warehouse } from '../../shared/warehouse/types.js';
import { formatPlan } from '../../shared/sql/plan.js';
import {
  checkApplicable,
  describePlan,
  droppedRowsFrom,
  parsePoint,
  parseTimestamp,
  planPitr,
  pointInTimeRecover,
  readPitrMetadata,
  tableRowFrom,
  toDate,
  type PitrMetadata,
  type PitrPlan,
} from '../../shared/pitr/index.js';
import { FakeSnowflake } from '../helpers/fake-snowflake.js';
import { normaliseRow } from '../../shared/warehouse/snowflake.js';
import { tableName, undropTable } from '../../shared/dialects/snowflake/pitr.js';
import { ctasStatement, informationSchemaTables, mergeStatement, NOW, oldStatement, POINT, showTablesHistory } from './recorded-metadata.js';

const quiet = () => new CliRuntime({ write: () => undefined });
const metadata = { tables: informationSchemaTables, history: showTablesHistory, now: NOW, database: 'PROD', statements: [mergeStatement, ctasStatement, oldStatement] };
const recorded = () => new FakeSnowflake().pitrMetadata(metadata);
const at = (iso: string) => ({ kind: 'timestamp' as const, at: new Date(iso) });
const byName = (plan: PitrPlan, name: string) => plan.objects.find((o) => o.name === name)!;

async function planFor(point: ReturnType<typeof at> | { kind: 'statement'; queryId: string }, wh = recorded()): Promise<PitrPlan> {
  const meta = await readPitrMetadata(wh, { schemas: ['ANALYTICS__BLUE'], point });
  return planPitr(meta, { point });
}

describe('metadata rows', () => {
  it('reads Snowflake timestamps in every shape the driver returns', () => {
    expect(toDate('2026-11-22 12:00:00.000 -0800').toISOString()).toBe('2026-11-22T20:00:00.000Z');
    expect(toDate('2026-11-22 12:00:00.123456789 +05:30').toISOString()).toBe('2026-11-22T06:30:00.123Z');
    expect(toDate('2026-11-22T20:00:00Z').toISOString()).toBe('2026-11-22T20:00:00.000Z');
    expect(toDate(new Date('2026-11-22T20:00:00Z')).toISOString()).toBe('2026-11-22T20:00:00.000Z');
    expect(toDate({ toJSON: () => '2026-11-22 20:00:00.000' }).toISOString()).toBe('2026-11-22T20:00:00.000Z');
    expect(() => toDate('yesterday')).toThrow(/cannot read/);
  });

  it('refuses a session without a current database (INFORMATION_SCHEMA would be ambiguous)', async () => {
    const wh = new FakeSnowflake().pitrMetadata({ ...metadata, database: '' });
    await expect(readPitrMetadata(wh, { schemas: ['ANALYTICS__BLUE'], point: at(POINT) })).rejects.toThrow(/no current database[\s\S]*/);
    expect(wh.log).toHaveLength(1);
  });

  it('reads INFORMATION_SCHEMA and SHOW rows as the Snowflake adapter returns them (column names folded to lower case once, there)', () => {
    const row = tableRowFrom(normaliseRow(informationSchemaTables[1]!));
    expect(row).toMatchObject({ database: 'PROD', schema: 'ANALYTICS__BLUE', name: 'DIM_CUSTOMERS', isTransient: true, retentionDays: 1, tableType: 'BASE TABLE' });
    const dropped = droppedRowsFrom(showTablesHistory.map((r) => normaliseRow(r)));
    expect(dropped.map((d) => [d.name, d.dropped.toISOString()])).toEqual([
      ['DIM_CUSTOMERS', '2026-11-22T17:00:12.000Z'],
      ['DIM_CUSTOMERS', '2026-11-22T10:00:10.000Z'],
    ]);
    expect(dropped.every((d) => d.isTransient && d.retentionDays === 1)).toBe(true);
  });
});

describe('PITR plan on recorded rows (--at)', () => {
  let plan: PitrPlan;
  beforeAll(async () => {
    plan = await planFor(at(POINT));
  });

  it('clones a permanent table within its retention as of the point, then swaps it in', () => {
    const o = byName(plan, 'FCT_ORDERS');
    expect(o.action).toBe('clone-swap');
    expect(o.statements.map((s) => s.sql)).toEqual([
      `CREATE TABLE "PROD"."ANALYTICS__BLUE"."FCT_ORDERS__PITR_20261122T200000" CLONE "PROD"."ANALYTICS__BLUE"."FCT_ORDERS" AT (TIMESTAMP => '2026-11-22 16:30:00.000 +00:00'::TIMESTAMP_TZ) COPY GRANTS`,
      `ALTER TABLE "PROD"."ANALYTICS__BLUE"."FCT_ORDERS" SWAP WITH "PROD"."ANALYTICS__BLUE"."FCT_ORDERS__PITR_20261122T200000"`,
    ]);
    expect(o.leftBehind).toEqual(['FCT_ORDERS__PITR_20261122T200000']);
  });

  it('clones a transient table into a transient table (Snowflake refuses transient → permanent)', () => {
    const o = byName(plan, 'STG_PAYMENTS');
    expect(o.action).toBe('clone-swap');
    expect(o.statements[0]!.sql).toMatch(/^CREATE TRANSIENT TABLE .* CLONE .* AT \(TIMESTAMP => .*\) COPY GRANTS$/);
  });

  it('renames a replaced table away and UNDROPs the version that existed at the point', () => {
    const o = byName(plan, 'DIM_CUSTOMERS');
    expect(o.action).toBe('undrop');
    expect(o.undrops).toBe(1);
    expect(o.statements.map((s) => s.sql)).toEqual([
      `ALTER TABLE "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS" RENAME TO "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS__PITR_20261122T200000"`,
      `UNDROP TABLE "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS"`,
      `CREATE TRANSIENT TABLE "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS__PITR_20261122T200000_AT" CLONE "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS" AT (TIMESTAMP => '2026-11-22 16:30:00.000 +00:00'::TIMESTAMP_TZ) COPY GRANTS`,
      `ALTER TABLE "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS" SWAP WITH "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS__PITR_20261122T200000_AT"`,
    ]);
    expect(o.reason).toMatch(/replaced after the point/);
  });

  it('leaves a table created after the point (no earlier version) unchanged, and says so', () => {
    const o = byName(plan, 'FCT_REFUNDS');
    expect(o.action).toBe('unchanged');
    expect(o.reason).toMatch(/after the point.*did not exist then/);
    expect(o.statements).toEqual([]);
  });

  it('marks a table with retention 0 unrecoverable', () => {
    const o = byName(plan, 'AGG_DAILY');
    expect(o.action).toBe('unrecoverable');
    expect(o.reason).toMatch(/DATA_RETENTION_TIME_IN_DAYS = 0/);
  });

  it('leaves views alone (definitions are not time-travelled)', () => {
    expect(byName(plan, 'V_ORDERS_ENRICHED').action).toBe('unchanged');
  });

  it('is incomplete, lists every problem, and prints the SQL for --dry-run', () => {
    expect(plan.complete).toBe(false);
    expect(plan.statements).toHaveLength(2 + 4 + 2);
    const text = describePlan(plan);
    expect(text).toMatch(/cannot be recovered \(1\):\n\s+ANALYTICS__BLUE\.AGG_DAILY/);
    expect(text).toMatch(/--partial is needed/);
    const sql = formatPlan(plan.statements, 'snowflake');
    expect(sql).toMatch(/-- ANALYTICS__BLUE.DIM_CUSTOMERS: undrop the version created/);
    expect(sql.split(';\n').length).toBe(8);
  });

  it('refuses to apply without --partial (gate), names exactly what --partial leaves', () => {
    expect(() => checkApplicable(plan, false)).toThrow(GateFailure);
    try {
      checkApplicable(plan, false);
    } catch (err) {
      expect((err as GateFailure).message).toMatch(/1 of 4 table\(s\) cannot be recovered.*nothing was changed/s);
      expect((err as GateFailure).details).toEqual({ unrecoverable: [{ table: 'ANALYTICS__BLUE.AGG_DAILY', reason: expect.stringMatching(/retention/i) }] });
    }
    expect(checkApplicable(plan, true).map((o) => o.name)).toEqual(['DIM_CUSTOMERS', 'FCT_ORDERS', 'STG_PAYMENTS']);
  });
});

describe('PITR plan: retention edges', () => {
  const base = (over: Partial<PitrMetadata>): PitrMetadata => ({
    now: new Date('2026-11-22T20:00:00Z'),
    database: 'PROD',
    schemas: ['ANALYTICS__GREEN'],
    tables: [],
    dropped: [],
    ...over,
  });
  const tbl = (name: string, isTransient: boolean, retentionDays: number, created = '2026-10-01T00:00:00Z') => ({
    database: 'PROD',
    schema: 'ANALYTICS__GREEN',
    name,
    tableType: 'BASE TABLE',
    isTransient,
    retentionDays,
    created: new Date(created),
  });

  it('a transient table past a day is unrecoverable, and the reason says transient tables keep at most 1 day', () => {
    const plan = planPitr(base({ tables: [tbl('T1', true, 1)] }), { point: at('2026-11-21T14:00:00Z') });
    expect(plan.objects[0]!.action).toBe('unrecoverable');
    expect(plan.objects[0]!.reason).toMatch(/30 h ago, outside the 1-day retention.*transient tables keep at most 1 day.*no Fail-safe/);
  });

  it('a permanent table is recoverable within 90 days and not after', () => {
    const meta = base({ tables: [tbl('P90', false, 90, '2026-01-01T00:00:00Z'), tbl('P7', false, 7, '2026-01-01T00:00:00Z')] });
    const plan = planPitr(meta, { point: at('2026-11-01T00:00:00Z') });
    expect(plan.objects.map((o) => [o.name, o.action])).toEqual([
      ['P7', 'unrecoverable'],
      ['P90', 'clone-swap'],
    ]);
    expect(plan.objects[0]!.reason).toMatch(/21\.8 days ago, outside the 7-day retention/);
  });

  it('walks back through several CREATE OR REPLACE rebuilds: one UNDROP per newer version, each moved aside', () => {
    const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T10:00:00Z`;
    const meta = base({
      tables: [tbl('DIM_X', false, 7, day(22))],
      dropped: [19, 20, 21].map((d) => ({ database: 'PROD', schema: 'ANALYTICS__GREEN', name: 'DIM_X', created: new Date(day(d)), dropped: new Date(day(d + 1)), isTransient: false, retentionDays: 7 })),
    });
    const plan = planPitr(meta, { point: at('2026-11-19T12:00:00Z'), stamp: '20261122T200000' });
    const o = plan.objects[0]!;
    expect(o.action).toBe('undrop');
    expect(o.undrops).toBe(3);
    expect(o.statements.map((s) => s.sql.split(' "PROD"')[0])).toEqual([
      'ALTER TABLE',
      'UNDROP TABLE',
      'ALTER TABLE',
      'UNDROP TABLE',
      'ALTER TABLE',
      'UNDROP TABLE',
      'CREATE TABLE',
      'ALTER TABLE',
    ]);
    expect(o.leftBehind).toEqual(['DIM_X__PITR_20261122T200000', 'DIM_X__PITR_20261122T200000_V1', 'DIM_X__PITR_20261122T200000_V2', 'DIM_X__PITR_20261122T200000_AT']);
  });

  it('a replaced version outside its retention is unrecoverable', () => {
    const meta = base({
      tables: [tbl('DIM_Y', true, 1, '2026-11-22T10:00:00Z')],
      dropped: [{ database: 'PROD', schema: 'ANALYTICS__GREEN', name: 'DIM_Y', created: new Date('2026-11-21T10:00:00Z'), dropped: new Date('2026-11-22T10:00:00Z'), isTransient: true, retentionDays: 1 }],
    });
    const plan = planPitr(meta, { point: at('2026-11-21T12:00:00Z') });
    expect(plan.objects[0]!.action).toBe('unrecoverable');
    expect(plan.objects[0]!.reason).toMatch(/version of ANALYTICS__GREEN\.DIM_Y that existed then.*transient/);
  });

  it("never restores an earlier recovery's leftovers", () => {
    const plan = planPitr(base({ tables: [tbl('FCT__PITR_20261121T010203', false, 7), tbl('FCT', false, 7)] }), { point: at('2026-11-22T12:00:00Z') });
    expect(plan.objects.map((o) => [o.name, o.action])).toEqual([
      ['FCT', 'clone-swap'],
      ['FCT__PITR_20261121T010203', 'unchanged'],
    ]);
  });

  it('refuses a point in the future by the warehouse clock, and an empty schema list', () => {
    expect(() => planPitr(base({ tables: [tbl('A', false, 1)] }), { point: at('2026-11-22T20:05:00Z') })).toThrow(/in the future/);
    expect(() => planPitr(base({}), { point: at('2026-11-22T12:00:00Z') })).toThrow(/No tables were found in ANALYTICS__GREEN/);
  });
});

describe('PITR plan: --before-statement', () => {
  it('a recent MERGE becomes BEFORE (STATEMENT => …), dated by its start time', async () => {
    const plan = await planFor({ kind: 'statement', queryId: mergeStatement.QUERY_ID });
    expect(plan.pointTime.toISOString()).toBe('2026-11-22T19:50:00.000Z');
    const o = byName(plan, 'FCT_ORDERS');
    expect(o.statements[0]!.sql).toContain(`BEFORE (STATEMENT => '${mergeStatement.QUERY_ID}')`);
    // DIM_CUSTOMERS (created 17:00Z) existed at 19:50Z, so it is a plain clone this time
    expect(byName(plan, 'DIM_CUSTOMERS').action).toBe('clone-swap');
  });

  it('a statement older than 14 days makes every table unrecoverable and points at --at', async () => {
    const plan = await planFor({ kind: 'statement', queryId: oldStatement.QUERY_ID });
    expect(plan.problems[0]).toMatch(/20\.0 days ago.*last 14 days.*--at 2026-11-02T19:50:00.000Z/);
    expect(plan.objects.filter((o) => o.tableType === 'BASE TABLE' ).every((o) => o.action === 'unrecoverable')).toBe(true);
    expect(() => checkApplicable(plan, true)).toThrow(UserError);
  });

  it('a CREATE TABLE AS SELECT statement is refused as a reference point (DML/SELECT only)', async () => {
    const plan = await planFor({ kind: 'statement', queryId: ctasStatement.QUERY_ID });
    expect(plan.problems[0]).toMatch(/CREATE_TABLE_AS_SELECT.*accepts only DML, SELECT/);
    expect(plan.complete).toBe(false);
  });

  it('an id not in query history is a clear error', async () => {
    await expect(planFor({ kind: 'statement', queryId: '01b8a2f3-0000-7c1e-0000-000000000000' })).rejects.toThrow(/not in the query history/);
  });
});

describe('parsing --at and --before-statement', () => {
  const now = new Date('2026-11-22T20:00:00Z');
  it('accepts ISO 8601 with a zone, in several spellings', () => {
    expect(parseTimestamp('2026-11-22T09:30:00Z', now).toISOString()).toBe('2026-11-22T09:30:00.000Z');
    expect(parseTimestamp('2026-11-22 10:30:00+01:00', now).toISOString()).toBe('2026-11-22T09:30:00.000Z');
    expect(parseTimestamp('2026-11-22T01:30-0800', now).toISOString()).toBe('2026-11-22T09:30:00.000Z');
  });
  it('refuses a timestamp without a zone, nonsense, and the future', () => {
    expect(() => parseTimestamp('2026-11-22 09:30:00', now)).toThrow(/with a time zone/);
    expect(() => parseTimestamp('2026-13-45T09:30:00Z', now)).toThrow(/not a valid date/);
    expect(() => parseTimestamp('2026-11-23T09:30:00Z', now)).toThrow(/in the future/);
  });
  it('wants exactly one point and a real query id', () => {
    expect(parsePoint({}, now)).toBeUndefined();
    expect(() => parsePoint({ at: '2026-11-22T09:30:00Z', beforeStatement: mergeStatement.QUERY_ID }, now)).toThrow(/both given/);
    expect(() => parsePoint({ beforeStatement: 'DROP TABLE x' }, now)).toThrow(/not a Snowflake query id/);
    expect(parsePoint({ beforeStatement: mergeStatement.QUERY_ID }, now)).toEqual({ kind: 'statement', queryId: mergeStatement.QUERY_ID });
  });
});

describe('pointInTimeRecover (recording warehouse)', () => {
  const opts = { point: at(POINT), schemas: ['ANALYTICS__BLUE'], environment: 'prod', reason: 'bad deploy 41 overwrote orders', actor: 'oncall', stamp: '20261122T200000' };

  it('--dry-run reads metadata only and returns the plan', async () => {
    const wh = recorded();
    const r = await pointInTimeRecover(wh, { ...opts, dryRun: true }, quiet());
    expect(r.applied).toBe(false);
    expect(wh.writes).toEqual([]);
    expect(r.statements).toHaveLength(8);
    expect(r.left).toEqual([{ table: 'ANALYTICS__BLUE.AGG_DAILY', reason: expect.any(String) }]);
  });

  it('refuses an incomplete plan without --partial: nothing is changed', async () => {
    const wh = recorded();
    await expect(pointInTimeRecover(wh, opts, quiet())).rejects.toThrow(GateFailure);
    expect(wh.writes).toEqual([]);
  });

  it('with --partial restores the rest in order and audits each object (RESTORED / LEFT)', async () => {
    const wh = recorded();
    const r = await pointInTimeRecover(wh, { ...opts, partial: true, runUrl: 'https://github.com/o/r/actions/runs/1' }, quiet());
    expect(r.applied).toBe(true);
    expect(r.restored).toEqual(['ANALYTICS__BLUE.DIM_CUSTOMERS', 'ANALYTICS__BLUE.FCT_ORDERS', 'ANALYTICS__BLUE.STG_PAYMENTS']);
    expect(r.left.map((l) => l.table)).toEqual(['ANALYTICS__BLUE.AGG_DAILY']);
    const writes = wh.writes;
    expect(writes[0]).toBe('CREATE SCHEMA IF NOT EXISTS "PROD"."SLIPWAY"');
    expect(writes[1]).toMatch(/^CREATE TABLE IF NOT EXISTS "PROD"."SLIPWAY"."PITR_LOG"/);
    const audits = wh.log.filter((l) => l.sql.startsWith('INSERT INTO "PROD"."SLIPWAY"."PITR_LOG"'));
    expect(audits.map((a) => [a.binds![4], a.binds![7]])).toEqual([
      ['DIM_CUSTOMERS', 'RESTORED'],
      ['FCT_ORDERS', 'RESTORED'],
      ['STG_PAYMENTS', 'RESTORED'],
      ['AGG_DAILY', 'LEFT'],
    ]);
    expect(audits[0]!.binds).toContain('bad deploy 41 overwrote orders');
    expect(audits[0]!.binds).toContain('oncall');
    // the recovery DDL is exactly the plan's statements
    expect(writes.filter((w) => !/PITR_LOG|CREATE SCHEMA/.test(w))).toEqual(r.plan.statements.map((s) => s.sql));
  });

  it('a failure midway stops, says exactly what ran and what did not, and audits FAILED', async () => {
    const wh = recorded().fail(undropTable(tableName('PROD', 'ANALYTICS__BLUE', 'DIM_CUSTOMERS'), ''), 'Snowflake: simulated failure on UNDROP');
    const err = (await pointInTimeRecover(wh, { ...opts, partial: true }, quiet()).then(
      () => new Error("expected a failure"),
      (e: unknown) => e as Error,
    ));
    expect(err.message).toMatch(/stopped at ANALYTICS__BLUE\.DIM_CUSTOMERS after 1 of its 4 statement/);
    expect(err.message).toMatch(/RENAME TO "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS__PITR_20261122T200000"/);
    expect(err.message).toMatch(/Not started: ANALYTICS__BLUE\.FCT_ORDERS, ANALYTICS__BLUE\.STG_PAYMENTS/);
    expect(wh.log.some((l) => l.sql.startsWith('INSERT') && l.binds![7] === 'FAILED')).toBe(true);
    // the current object was renamed away before the UNDROP failed: it is put back under its name
    expect(err.message).toMatch(/DIM_CUSTOMERS was put back as it was before the recovery/);
    const after = wh.writes.slice(wh.writes.findIndex((w) => w.startsWith('UNDROP')) + 1);
    expect(after.filter((w) => w.startsWith('ALTER'))).toEqual([
      `ALTER TABLE "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS" RENAME TO "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS__PITR_20261122T200000_FAILED"`,
      `ALTER TABLE "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS__PITR_20261122T200000" RENAME TO "PROD"."ANALYTICS__BLUE"."DIM_CUSTOMERS"`,
    ]);
  });

  it('takes the deploy lock for the real run and uses an external auditor when given', async () => {
    const wh = recorded();
    const events: string[] = [];
    await pointInTimeRecover(wh, { ...opts, partial: true }, quiet(), {
      withLock: async (fn) => {
        events.push('lock');
        try {
          return await fn();
        } finally {
          events.push('unlock');
        }
      },
      audit: async (e) => {
        events.push(`${e.status}:${e.table}`);
      },
    });
    expect(events).toEqual(['lock', 'RESTORED:DIM_CUSTOMERS', 'RESTORED:FCT_ORDERS', 'RESTORED:STG_PAYMENTS', 'LEFT:AGG_DAILY', 'unlock']);
    expect(wh.writes.some((w) => /PITR_LOG/.test(w))).toBe(false);
  });

  it('a lock held by another run refuses before any change', async () => {
    const wh = recorded();
    await expect(
      pointInTimeRecover(wh, { ...opts, partial: true }, quiet(), {
        withLock: async () => {
          throw new UserError('The deploy lock for prod is held by run 99.');
        },
      }),
    ).rejects.toThrow(/held by run 99/);
    expect(wh.writes).toEqual([]);
  });

  it('missing --reason is refused before connecting to anything', async () => {
    const wh = recorded();
    await expect(pointInTimeRecover(wh, { ...opts, reason: '  ' }, quiet())).rejects.toThrow(/needs a reason/);
    expect(wh.log).toEqual([]);
  });
});

describe('Postgres refusal', () => {
  // A stand-in with the Postgres/PGlite capability set (no time travel); the real engines are refused in reswap.test.ts and action.test.ts.
  it("says 'not supported on this warehouse' and names the capability, running nothing", async () => {
    const seen: string[] = [];
    const pg: Warehouse = {
      dialect: 'postgres',
      description: 'PostgreSQL localhost:5432/analytics as ci',
      capabilities: { transactionalDdl: true, schemaSwap: false, databaseSwap: false, timeTravel: false, clone: false, transientObjects: false, concurrentSessions: true },
      query: async (sql: string) => (seen.push(sql), { rows: [] }),
      queryOne: async (sql: string) => (seen.push(sql), { rows: [] }),
      withSession: async (fn) => fn({ query: async (sql: string) => (seen.push(sql), { rows: [] }) }),
      transaction: async (fn) => fn({ query: async (sql: string) => (seen.push(sql), { rows: [] }) }),
      close: async () => undefined,
    } as Warehouse;
    const err = await pointInTimeRecover(pg, { point: at('2026-11-22T12:00:00Z'), schemas: ['analytics__blue'], environment: 'prod', reason: 'x', actor: 'me' }, quiet()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/not supported on this warehouse \(PostgreSQL localhost:5432\/analytics as ci\).*'timeTravel' capability/);
    expect((err as UserError).hint).toMatch(/re-swap rollback/);
    expect(seen).toEqual([]);
  });
});
