import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import pg from 'pg';
import { ConnectionError, OperationError, UserError } from '../errors.js';
import { backendPidQuery } from '../dialects/postgres/session.js';
import { MultipleStatementsError, runInTransaction, type Capabilities, type QueryResult, type Session, type Warehouse } from './types.js';

export interface PostgresConfig {
  type: 'postgres';
  host: string;
  port: number;
  user: string;
  password?: string;
  dbname: string;
  schema?: string;
  /** libpq's sslmode: disable, allow, prefer, require, verify-ca, verify-full. */
  sslmode?: string;
  /** CA certificate file(s) (PEM) that verify-ca / verify-full trust; default ~/.postgresql/root.crt as libpq. */
  sslrootcert?: string;
  /** Client certificate and key (PEM files) for certificate authentication. */
  sslcert?: string;
  sslkey?: string;
  /** Statement timeout in seconds (0 = none). */
  statementTimeoutSeconds?: number;
  /** Seconds to wait for the server to accept the connection (default 30). */
  connectTimeoutSeconds?: number;
  /** application_name, shown in pg_stat_activity (Postgres' equivalent of a query tag). */
  applicationName?: string;
}

const CAPS: Capabilities = {
  transactionalDdl: true,
  schemaSwap: false,
  databaseSwap: false,
  timeTravel: false,
  clone: false,
  transientObjects: false,
  concurrentSessions: true,
};

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

function readPemFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`The ${what} file ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`, {
      hint: `Point ${what} at a PEM file the job can read, or remove it.`,
      cause: err,
    });
  }
}

/**
 * node-postgres TLS options for a libpq sslmode. `verify-ca` and
 * `verify-full` really verify: the server's chain must lead to `sslrootcert`
 * (libpq's default ~/.postgresql/root.crt, else the system CAs), and
 * verify-full also checks the host name. `require` encrypts without
 * verifying, as libpq does without a root certificate. `disable` and `allow`
 * connect in the clear; `prefer` is treated as `require` (node-postgres cannot
 * fall back to plaintext).
 */
export function tlsOptions(config: Pick<PostgresConfig, 'sslmode' | 'sslrootcert' | 'sslcert' | 'sslkey' | 'host'>): false | TlsOptions {
  const mode = (config.sslmode ?? 'disable').toLowerCase();
  if (!(SSL_MODES as readonly string[]).includes(mode)) {
    throw new UserError(`sslmode '${config.sslmode}' is not one of ${SSL_MODES.join(', ')}.`, { hint: 'Use verify-full (recommended), verify-ca, require or disable.' });
  }
  if (mode === 'disable' || mode === 'allow') return false;
  const opts: TlsOptions = {};
  if (config.sslcert) opts.cert = readPemFile(config.sslcert, 'sslcert');
  if (config.sslkey) opts.key = readPemFile(config.sslkey, 'sslkey');
  if (mode === 'require' || mode === 'prefer') return { ...opts, rejectUnauthorized: false };
  const defaultRoot = join(homedir(), '.postgresql', 'root.crt');
  const rootPath = config.sslrootcert ?? (existsQuiet(defaultRoot) ? defaultRoot : undefined);
  if (rootPath && rootPath !== 'system') opts.ca = readPemFile(rootPath, 'sslrootcert');
  opts.rejectUnauthorized = true;
  // verify-ca: the chain is checked, the host name is not (libpq semantics).
  if (mode === 'verify-ca') opts.checkServerIdentity = () => undefined;
  else opts.servername = /^[\d.]+$|:/.test(config.host) ? undefined : config.host;
  return opts;
}

function existsQuiet(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Driver / server error codes that mean "could not connect or log in", not "the statement failed". */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const TLS_CODES = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)$/;

/**
 * Map a driver error. Connection and login failures become ConnectionError
 * (exit 2, naming the endpoint — never the password); a statement the server
 * refused stays an OperationError.
 */
export function mapPostgresError(err: unknown, endpoint: string): Error {
  if (err instanceof UserError || err instanceof OperationError) return err;
  const e = err as { message?: string; code?: string };
  const code = e?.code ?? '';
  const msg = e?.message ?? String(err);
  if (CONNECT_CODES.has(code)) {
    return new ConnectionError(`Cannot connect to PostgreSQL at ${endpoint}: ${code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'the host name does not resolve' : code === 'ECONNREFUSED' ? 'the connection was refused (is the server running and listening on that port?)' : `network error ${code}`}.`, {
      hint: 'Check host and port in the profile (or DATABASE_URL), that the server is up, and that this machine may reach it.',
      cause: err,
    });
  }
  const serverError = /^[0-9A-Z]{5}$/.test(code); // a SQLSTATE: the server answered
  if (!serverError && (TLS_CODES.test(code) || /self[- ]signed certificate|unable to verify|Hostname\/IP does not match|certificate/i.test(msg))) {
    return new ConnectionError(`Cannot connect to PostgreSQL at ${endpoint}: the server's TLS certificate was not accepted (${msg.split('\n')[0]}).`, {
      hint: 'Set sslrootcert to the CA that signed the server certificate (verify-ca / verify-full), and for verify-full use the host name the certificate names.',
      cause: err,
    });
  }
  if (!serverError && /The server does not support SSL connections/i.test(msg)) {
    return new ConnectionError(`Cannot connect to PostgreSQL at ${endpoint}: the server does not accept TLS, but sslmode asks for it.`, { hint: 'Enable ssl on the server, or set sslmode: disable on a trusted network.', cause: err });
  }
  if (code === '28P01' || code === '28000') {
    return new ConnectionError(`PostgreSQL at ${endpoint} refused the login: ${msg}.`, {
      hint: 'Check user and password (the secret behind them) and pg_hba.conf on the server.',
      cause: err,
    });
  }
  if (code === '3D000') return new ConnectionError(`PostgreSQL at ${endpoint}: ${msg}.`, { hint: 'Check dbname in the profile (or the path of DATABASE_URL).', cause: err });
  if (code === '53300' || code === '57P03') return new ConnectionError(`PostgreSQL at ${endpoint} cannot accept the connection now: ${msg}.`, { hint: 'Retry later, or lower the number of concurrent jobs.', cause: err });
  if (!serverError && /timeout expired|Connection terminated due to connection timeout/i.test(msg)) {
    return new ConnectionError(`Cannot connect to PostgreSQL at ${endpoint}: no answer within the connect timeout.`, { hint: 'Check host, port and firewalls; raise connect_timeout if the server is slow to accept.', cause: err });
  }
  if (code === '42601' && /multiple commands/i.test(msg)) return new MultipleStatementsError(msg, { cause: err });
  return new OperationError(`PostgreSQL error${code ? ` ${code}` : ''}: ${msg}`, { cause: err });
}

/** A PostgreSQL server through `pg`, with a small pool (sessions are real connections). */
export class PostgresWarehouse implements Warehouse {
  readonly dialect = 'postgres' as const;
  readonly capabilities = CAPS;
  readonly description: string;
  private readonly endpoint: string;
  private readonly pool: pg.Pool;

  constructor(config: PostgresConfig) {
    this.endpoint = `${config.host}:${config.port}/${config.dbname} as ${config.user}`;
    this.description = `PostgreSQL ${config.user}@${config.host}:${config.port}/${config.dbname}`;
    const ssl = tlsOptions(config);
    this.pool = new pg.Pool({
      host: config.host,
      port: config.port,
      user: config.user,
      password: config.password,
      database: config.dbname,
      ssl: ssl === false ? undefined : ssl,
      max: 8,
      connectionTimeoutMillis: (config.connectTimeoutSeconds ?? 30) * 1000,
      application_name: config.applicationName ?? 'slipway',
      statement_timeout: config.statementTimeoutSeconds ? config.statementTimeoutSeconds * 1000 : undefined,
    });
    // A client killed by the server (pg_terminate_backend) must not crash the process:
    // one listener per connection, added when the pool opens it.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  async query<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    try {
      const res = await this.pool.query(sql, binds ? [...binds] : undefined);
      return { rows: res.rows as Row[], rowCount: res.rowCount ?? undefined };
    } catch (err) {
      throw mapPostgresError(err, this.endpoint);
    }
  }

  async queryOne<Row = Record<string, unknown>>(sql: string, binds?: readonly unknown[]): Promise<QueryResult<Row>> {
    try {
      // queryMode 'extended': Parse/Bind/Execute even without binds; the server refuses a second command in a prepared statement.
      const res = await this.pool.query({ text: sql, values: binds ? [...binds] : [], queryMode: 'extended' } as pg.QueryConfig);
      return { rows: res.rows as Row[], rowCount: res.rowCount ?? undefined };
    } catch (err) {
      throw mapPostgresError(err, this.endpoint);
    }
  }

  async withSession<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw mapPostgresError(err, this.endpoint);
    }
    let broken = false;
    try {
      const pidRes = await client.query(backendPidQuery().sql);
      const session: Session = {
        id: String(pidRes.rows[0]?.pid),
        query: async <Row>(sql: string, binds?: readonly unknown[]) => {
          try {
            const res = await client.query(sql, binds ? [...binds] : undefined);
            return { rows: res.rows as Row[], rowCount: res.rowCount ?? undefined };
          } catch (err) {
            const code = (err as { code?: string }).code;
            if (!code || code.startsWith('57P') || code.startsWith('08')) broken = true;
            throw mapPostgresError(err, this.endpoint);
          }
        },
      };
      return await fn(session);
    } finally {
      client.release(broken ? true : undefined);
    }
  }

  transaction<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    return this.withSession((s) => runInTransaction(s, fn));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
