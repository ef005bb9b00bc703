/**
 * Connection problems are ConnectionErrors (exit 2, "configuration or
 * connection"), never "a gate failed" (1) or "a bug" (3), on the real server:
 * a refused port, an unknown login role, a missing database. The message
 * names the endpoint and never the password.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConnectionError, OperationError, describeError, exitCodeFor } from '../../shared/errors.js';
import { PostgresWarehouse } from '../../shared/warehouse/postgres.js';
import { PgliteWarehouse } from '../../shared/warehouse/pglite.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describePg, pgUrl } from '../helpers/pg.js';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function attempt(over: Partial<ConstructorParameters<typeof PostgresWarehouse>[0]>): Promise<unknown> {
  const u = new URL(pgUrl!);
  const wh = new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port || 5432), user: 'postgres', dbname: 'postgres', password: 'pw-§{{secret}}', ...over });
  try {
    await wh.query('SELECT 1');
    return 'connected';
  } catch (err) {
    return err;
  } finally {
    await wh.close();
  }
}

describePg('PostgreSQL connection errors on the real server', () => {
  it('a refused connection says so and how to fix it', async () => {
    const err = await attempt({ host: '127.0.0.1', port: await freePort() });
    expect(err).toBeInstanceOf(ConnectionError);
    expect(exitCodeFor(err)).toBe(2);
    expect(describeError(err)).toMatch(/connection was refused[\s\S]*How to fix: Check host and port/);
    expect(describeError(err)).not.toContain('secret');
  });

  it('an unknown login role and a missing database are connection errors, not statement failures', async () => {
    const role = await attempt({ user: 'no_such_role_h8' });
    expect(role).toBeInstanceOf(ConnectionError);
    expect((role as Error).message).toMatch(/refused the login/);
    const db = await attempt({ dbname: 'no_such_db_h8' });
    expect(db).toBeInstanceOf(ConnectionError);
    expect((db as ConnectionError).hint).toMatch(/dbname/);
  });

  it('an unresolvable host is a connection error', async () => {
    const err = await attempt({ host: 'no-such-host.invalid' });
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toMatch(/does not resolve/);
  });

  it('a statement the server refuses stays an operation error (exit 1), even when it mentions a certificate', async () => {
    const err = await attempt({}).then(async () => {
      const u = new URL(pgUrl!);
      const wh = new PostgresWarehouse({ type: 'postgres', host: u.hostname, port: Number(u.port || 5432), user: 'postgres', dbname: 'postgres' });
      try {
        return await wh.query('SELECT * FROM certificate_missing_table').catch((e: unknown) => e);
      } finally {
        await wh.close();
      }
    });
    expect(err).toBeInstanceOf(OperationError);
    expect(exitCodeFor(err)).toBe(1);
  });
});

describe('the embedded engine', () => {
  it('a data directory that cannot be opened is a connection error naming the path, not a crash', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'slipway-pglite-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const err = await PgliteWarehouse.open({ type: 'pglite', path: file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(exitCodeFor(err)).toBe(2);
    expect((err as Error).message).toContain(file);
  });
});

describe('exit codes', () => {
  it('ConnectionError is in the documented table as 2', () => {
    expect(exitCodeFor(new ConnectionError('x'))).toBe(2);
  });
});
