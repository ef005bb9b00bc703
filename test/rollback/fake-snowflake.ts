/**
 * A recording stand-in for a Snowflake warehouse: answers the PITR metadata
 * reads with recorded rows and records every other statement, so tests can
 * assert exactly what would have run (no Snowflake account is reachable here).
 */
import type { Capabilities, QueryResult, Session, Warehouse } from '../../shared/warehouse/types.js';

export interface Recorded {
  tables: Record<string, unknown>[];
  history: Record<string, unknown>[];
  now: string;
  database?: string;
  statements?: Record<string, unknown>[];
  /** Throw when a statement matching this runs (fault injection). */
  failOn?: RegExp;
}

export class FakeSnowflake implements Warehouse {
  readonly dialect = 'snowflake' as const;
  readonly capabilities: Capabilities = {
    transactionalDdl: false,
    schemaSwap: true,
    databaseSwap: true,
    timeTravel: true,
    clone: true,
    transientObjects: true,
    concurrentSessions: true,
  };
  readonly description = 'fake Snowflake account for tests';
  readonly log: { sql: string; binds?: readonly unknown[] }[] = [];
  /** The DEPLOY_LOCK row, emulated: compare-and-set UPDATE, release, read. */
  lockHolder: string | null = null;
  lockRunUrl: string | null = null;

  constructor(private readonly rec: Recorded) {}

  /** Statements that change something (everything but the metadata reads). */
  get writes(): string[] {
    return this.log.map((l) => l.sql).filter((s) => !/^(SELECT|SHOW)\b/.test(s));
  }
  /** Writes to tables of the colour schemas (the recovery itself, no bookkeeping). */
  get recoveryWrites(): string[] {
    return this.writes.filter((s) => !/"SLIPWAY"|^MERGE INTO/.test(s));
  }

  queryOne<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.query<Row>(sql, binds);
  }
  async query<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    this.log.push({ sql, binds });
    if (this.rec.failOn?.test(sql)) throw new Error(`Snowflake: simulated failure on: ${sql}`);
    const rows = (r: unknown[]) => ({ rows: r as Row[] });
    if (/^UPDATE .*"DEPLOY_LOCK"\s+SET "HOLDER" = \?/s.test(sql)) {
      if (this.lockHolder === null) [this.lockHolder, this.lockRunUrl] = [String(binds![0]), (binds![1] as string | null) ?? null];
      return rows([]);
    }
    if (/^UPDATE .*"DEPLOY_LOCK" SET "HOLDER" = NULL/s.test(sql)) {
      if (!/"HOLDER" = \?/.test(sql) || binds?.[1] === this.lockHolder) this.lockHolder = this.lockRunUrl = null;
      return rows([]);
    }
    if (/^SELECT .*FROM .*"DEPLOY_LOCK"/s.test(sql)) return rows([{ HOLDER: this.lockHolder, RUN_URL: this.lockRunUrl, ACTOR: null, ACQUIRED_AT: null, EXPIRES_AT: null, EXPIRED: false }]);
    if (sql.startsWith('SELECT CURRENT_TIMESTAMP()')) return rows([{ NOW: this.rec.now, DATABASE: this.rec.database ?? 'PROD' }]);
    if (/INFORMATION_SCHEMA\.TABLES/.test(sql)) {
      const wanted = new Set((binds ?? []).map(String));
      return rows(this.rec.tables.filter((t) => wanted.has(String(t.TABLE_SCHEMA))));
    }
    if (sql.startsWith('SHOW TABLES HISTORY IN SCHEMA')) {
      const schema = /"([^"]+)"$/.exec(sql)![1];
      return rows(this.rec.history.filter((h) => h.schema_name === schema));
    }
    if (/QUERY_HISTORY/.test(sql)) {
      const id = String(binds?.[0]);
      const hit = (this.rec.statements ?? []).filter((s) => s.QUERY_ID === id);
      return rows(/ACCOUNT_USAGE/.test(sql) ? hit : hit.filter((s) => String(s.START_TIME) >= '2026-11-15'));
    }
    return rows([]);
  }
  withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    return fn({ query: (sql, binds) => this.query(sql, binds) });
  }
  transaction<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    return this.withSession(fn);
  }
  async close(): Promise<void> {}
}
