/**
 * Snowflake through snowflake-sdk 3.x. The SDK (~9 MB, ~300 ms to load) is
 * imported lazily, only when a Snowflake connection is actually opened, so
 * actions that never talk to Snowflake neither load nor need it.
 *
 * Pure parts (option mapping, error mapping, query tag) are exported for tests:
 * no Snowflake account is reachable from our machines.
 */
import { ConnectionError, OperationError, SlipwayError, UserError } from '../errors.js';
import { sessionSetupStatements } from '../dialects/snowflake/session.js';
import type { Statement } from '../sql/plan.js';
import { MultipleStatementsError, runInTransaction, type Capabilities, type QueryResult, type Session, type Warehouse } from './types.js';
import { Mutex } from './mutex.js';

export type SnowflakeAuth =
  | { method: 'password'; password: string }
  | { method: 'keypair'; privateKey: string; privateKeyPassphrase?: string }
  | { method: 'oauth'; token: string };

export interface SnowflakeConfig {
  type: 'snowflake';
  account: string;
  user: string;
  auth: SnowflakeAuth;
  role?: string;
  warehouse?: string;
  database?: string;
  schema?: string;
  /** Server-side limit per statement (STATEMENT_TIMEOUT_IN_SECONDS). */
  statementTimeoutSeconds?: number;
  /** Connection retry count for transient network errors (login). */
  connectRetries?: number;
  queryTag?: QueryTag;
}

/** What every Slipway session tells Snowflake about itself (QUERY_TAG, visible in QUERY_HISTORY). */
export interface QueryTag {
  tool?: 'slipway';
  action?: string;
  repo?: string;
  pr?: number;
  sha?: string;
  run?: string;
}

/** What a Snowflake connection can do (the test stand-in declares the same). */
export const SNOWFLAKE_CAPABILITIES: Capabilities = {
  transactionalDdl: false,
  schemaSwap: true,
  databaseSwap: true,
  timeTravel: true,
  clone: true,
  transientObjects: true,
  concurrentSessions: true,
};

/** Map Slipway's config onto snowflake-sdk ConnectionOptions (exported for tests). */
export function toConnectionOptions(config: SnowflakeConfig): Record<string, unknown> {
  const base: Record<string, unknown> = {
    account: config.account,
    username: config.user,
    role: config.role,
    warehouse: config.warehouse,
    database: config.database,
    schema: config.schema,
    application: 'Slipway',
    clientSessionKeepAlive: false,
    sfRetryMaxLoginRetries: config.connectRetries ?? 3,
  };
  switch (config.auth.method) {
    case 'password':
      return { ...base, authenticator: 'SNOWFLAKE', password: config.auth.password };
    case 'keypair': {
      const pem = normalisePem(config.auth.privateKey);
      return {
        ...base,
        authenticator: 'SNOWFLAKE_JWT',
        privateKey: pem,
        ...(config.auth.privateKeyPassphrase ? { privateKeyPass: config.auth.privateKeyPassphrase } : {}),
      };
    }
    case 'oauth':
      return { ...base, authenticator: 'OAUTH', token: config.auth.token };
  }
}

/**
 * Secrets often arrive with literal `\n` (one-line env vars) or without the
 * PEM armour lines; accept both, refuse anything that is not a private key.
 */
export function normalisePem(raw: string): string {
  let pem = raw.trim().replace(/\\n/g, '\n');
  if (!pem.includes('-----BEGIN')) {
    const body = pem.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/=]+$/.test(body)) {
      throw new UserError('The Snowflake private key is not a PEM key.', {
        hint: 'Store the whole PEM file (-----BEGIN PRIVATE KEY----- …) in the secret, e.g. SNOWFLAKE_PRIVATE_KEY.',
      });
    }
    pem = `-----BEGIN PRIVATE KEY-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----`;
  }
  if (!/-----BEGIN (ENCRYPTED |RSA )?PRIVATE KEY-----/.test(pem)) {
    throw new UserError('The Snowflake private key must be a PKCS#8 private key (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY).', {
      hint: 'Export it with `openssl pkcs8 -topk8` and store the PEM text in the secret.',
    });
  }
  return pem + (pem.endsWith('\n') ? '' : '\n');
}

/** The QUERY_TAG value: compact JSON, at most 2000 characters (Snowflake's limit). */
export function queryTagValue(tag: QueryTag): string {
  const json = JSON.stringify({ tool: 'slipway', ...tag });
  return json.length <= 2000 ? json : json.slice(0, 2000);
}

/** The statements run once per session right after connecting (SQL text: shared/dialects/snowflake/session.ts). */
export function sessionSetup(config: SnowflakeConfig): Statement[] {
  return sessionSetupStatements({ queryTag: queryTagValue(config.queryTag ?? {}), statementTimeoutSeconds: config.statementTimeoutSeconds });
}

/** Snowflake / SDK error codes that mean "the network hiccuped", worth a retry. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'EPIPE', 'NETWORK_ERROR', '401001', '402001']);

export function isTransientSnowflakeError(err: unknown): boolean {
  const e = err as { code?: string | number; cause?: { code?: string }; message?: string };
  // An unknown host is a wrong account identifier far more often than a DNS hiccup.
  if (/ENOTFOUND/.test(String(e?.message ?? ''))) return false;
  return TRANSIENT_CODES.has(String(e?.code ?? '')) || TRANSIENT_CODES.has(String(e?.cause?.code ?? ''));
}

/** Turn an SDK error into a Slipway error whose message says what to do. */
export function mapSnowflakeError(err: unknown, sql?: string): Error {
  if (err instanceof SlipwayError) return err;
  const e = err as { message?: string; code?: string | number; sqlState?: string; data?: { queryId?: string } };
  const msg = e?.message ?? String(err);
  const code = String(e?.code ?? '');
  const where = sql ? ` while running: ${sql.split('\n')[0]!.slice(0, 160)}` : '';
  if (/ENOTFOUND/.test(msg)) {
    return new ConnectionError(`Snowflake account host not found: ${msg}`, {
      hint: 'Check SNOWFLAKE_ACCOUNT / account: it is the account identifier (e.g. myorg-myaccount or xy12345.eu-west-1), not a URL.',
      cause: err,
    });
  }
  if (/JWT token is invalid|Incorrect username or password|390100|390144|390318/i.test(msg + code)) {
    return new ConnectionError(`Snowflake refused the login: ${msg}`, {
      hint: 'Check SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and the key or password secret; for key-pair auth, the public key must be set on the user (ALTER USER … SET RSA_PUBLIC_KEY).',
      cause: err,
    });
  }
  if (code === '000008' || /statement count \d+ did not match the desired statement count/i.test(msg)) {
    return new MultipleStatementsError(msg, { cause: err });
  }
  if (!sql && (TRANSIENT_CODES.has(code) || /ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|Network error|Could not connect/i.test(msg))) {
    return new ConnectionError(`Cannot connect to Snowflake: ${msg}`, {
      hint: 'Check SNOWFLAKE_ACCOUNT (the account identifier, e.g. myorg-myaccount), the network path to *.snowflakecomputing.com, and any proxy settings; retry if Snowflake was unavailable.',
      cause: err,
    });
  }
  if (code === '002003' || /does not exist or not authorized/i.test(msg)) {
    return new OperationError(`Snowflake: ${msg}${where}`, {
      hint: 'The object is missing or the role lacks privileges on it: check the role in your profile and its grants.',
      cause: err,
    });
  }
  if (code === '003001' || /Insufficient privileges/i.test(msg)) {
    return new OperationError(`Snowflake: ${msg}${where}`, { hint: 'Grant the needed privilege to the role Slipway connects as.', cause: err });
  }
  if (code === '000630' || /timeout/i.test(msg)) {
    return new OperationError(`Snowflake statement timed out${where}: ${msg}`, { hint: 'Raise statement-timeout or use a larger warehouse.', cause: err });
  }
  return new OperationError(`Snowflake error${code ? ` ${code}` : ''}${where}: ${msg}`, { cause: err });
}

/**
 * Snowflake returns the name of an unquoted column or alias in UPPER case
 * (`SELECT 1 AS n` gives `N`), where PostgreSQL gives lower case. Every row
 * leaving this adapter has such keys in lower case, so callers read `row.n`
 * on both dialects. Only keys that look like a folded unquoted identifier
 * (`^[A-Z_][A-Z0-9_$]*$`) change; a quoted alias with mixed case
 * (`"MixedCase"`) keeps its case, and a key is never overwritten: if the
 * lower-case name is already present, the upper-case one is left as is.
 */
export function normaliseRow<Row>(row: Row): Row {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return row;
  const src = row as Record<string, unknown>;
  let changed = false;
  for (const k of Object.keys(src)) {
    if (FOLDED.test(k) && !(k.toLowerCase() in src)) {
      changed = true;
      break;
    }
  }
  if (!changed) return row;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    const low = k.toLowerCase();
    if (FOLDED.test(k) && !(low in src)) out[low] = v;
    else out[k] = v;
  }
  return out as Row;
}
const FOLDED = /^[A-Z_][A-Z0-9_$]*$/;

type SdkConnection = {
  connect(cb: (err: unknown) => void): unknown;
  execute(opts: { sqlText: string; binds?: unknown[]; parameters?: Record<string, unknown>; complete: (err: unknown, stmt: { getQueryId?: () => string; getNumUpdatedRows?: () => number }, rows?: unknown[]) => void }): void;
  destroy(cb: (err: unknown) => void): void;
  getId?(): string;
};

/** Statement parameters for single-statement execution. */
export const ONE_STATEMENT: Readonly<Record<string, unknown>> = Object.freeze({ MULTI_STATEMENT_COUNT: 1 });

export class SnowflakeWarehouse implements Warehouse {
  readonly dialect = 'snowflake' as const;
  readonly capabilities = SNOWFLAKE_CAPABILITIES;
  readonly description: string;
  private readonly mutex = new Mutex();

  private constructor(private readonly conn: SdkConnection, config: SnowflakeConfig) {
    this.description = `Snowflake account ${config.account} as ${config.user}${config.role ? ` (role ${config.role})` : ''}`;
  }

  static async open(config: SnowflakeConfig): Promise<SnowflakeWarehouse> {
    process.env.SNOWFLAKE_DISABLE_MINICORE ??= '1';
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const mod = (await import('snowflake-sdk')) as unknown as { default?: unknown };
    const sdk = (mod.default ?? mod) as {
      configure(o: Record<string, unknown>): void;
      createConnection(o: Record<string, unknown>): SdkConnection;
    };
    // No snowflake.log in the user's checkout, nothing on stdout.
    sdk.configure({ logLevel: 'OFF', additionalLogToConsole: false });
    // Built before connecting: a bad setting fails without a login.
    const setup = sessionSetup(config);
    const retries = Math.max(0, config.connectRetries ?? 3);
    let lastErr: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const conn = sdk.createConnection(toConnectionOptions(config));
      let connected = false;
      try {
        // connect(cb), not connectAsync(): the latter resolves on some failures (errors go to a callback we don't pass).
        await new Promise<void>((resolve, reject) => conn.connect((err) => (err ? reject(err) : resolve())));
        connected = true;
        const wh = new SnowflakeWarehouse(conn, config);
        for (const stmt of setup) await wh.query(stmt.sql, stmt.binds);
        return wh;
      } catch (err) {
        lastErr = err;
        // A session whose set-up failed is not handed out, and not left open either.
        if (connected) await new Promise<void>((resolve) => conn.destroy(() => resolve()));
        if (!isTransientSnowflakeError(err) || attempt === retries) break;
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
    throw mapSnowflakeError(lastErr);
  }

  private raw<Row>(sql: string, binds?: readonly unknown[], parameters?: Record<string, unknown>): Promise<QueryResult<Row>> {
    return new Promise((resolve, reject) => {
      this.conn.execute({
        sqlText: sql,
        binds: binds ? [...binds] : undefined,
        ...(parameters ? { parameters } : {}),
        complete: (err, stmt, rows) => {
          if (err) return reject(mapSnowflakeError(err, sql));
          resolve({ rows: ((rows ?? []) as Row[]).map(normaliseRow), rowCount: stmt?.getNumUpdatedRows?.(), queryId: stmt?.getQueryId?.() });
        },
      });
    });
  }

  query<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.mutex.run(() => this.raw<Row>(sql, binds));
  }

  /** MULTI_STATEMENT_COUNT = 1 on the statement itself: Snowflake refuses text with a second statement, whatever the account or session default says. */
  queryOne<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.mutex.run(() => this.raw<Row>(sql, binds, { ...ONE_STATEMENT }));
  }

  /** One connection is one Snowflake session; a session holds the connection exclusively. */
  withSession<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    return this.mutex.run(() => fn({ id: this.conn.getId?.(), query: (sql, binds) => this.raw(sql, binds) }));
  }

  /** DML only. DDL inside this auto-commits on Snowflake; the cutover never relies on it. */
  transaction<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    return this.withSession((s) => runInTransaction(s, fn));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.conn.destroy(() => resolve()));
  }
}
