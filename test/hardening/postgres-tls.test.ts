/**
 * sslmode verify-ca / verify-full really verify the server certificate
 * (issue #18 item 5). A local TLS endpoint speaks PostgreSQL's SSLRequest
 * handshake with a certificate from a throw-away CA made by openssl, and
 * forwards the decrypted stream to the real test server.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, UserError, exitCodeFor } from '../../shared/errors.js';
import { PostgresWarehouse, tlsOptions, type PostgresConfig } from '../../shared/warehouse/postgres.js';
import { describePg, freshPgDatabase, pgUrl } from '../helpers/pg.js';

function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function makeCa(dir: string, name: string): { key: string; cert: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { stdio: 'ignore' });
  return { key, cert };
}

function makeServerCert(dir: string, ca: { key: string; cert: string }): { key: string; cert: string } {
  const key = join(dir, 'server.key');
  const csr = join(dir, 'server.csr');
  const cert = join(dir, 'server.crt');
  const ext = join(dir, 'server.ext');
  writeFileSync(ext, 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  execFileSync('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', '/CN=localhost'], { stdio: 'ignore' });
  execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', '2', '-extfile', ext], { stdio: 'ignore' });
  return { key, cert };
}

const SSL_REQUEST = 80877103;

(haveOpenssl() ? describePg : describe.skip)('PostgreSQL TLS verification (real server behind a local TLS endpoint)', () => {
  let dir: string;
  let ca: { key: string; cert: string };
  let otherCa: { key: string; cert: string };
  let proxy: net.Server;
  let port: number;
  let handshakes = 0;
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  const upstream = new URL(pgUrl ?? 'postgres://localhost:5432/postgres');

  beforeAll(async () => {
    db = await freshPgDatabase('h8_tls');
    dir = mkdtempSync(join(tmpdir(), 'slipway-tls-'));
    ca = makeCa(dir, 'slipway-test-ca');
    otherCa = makeCa(dir, 'unrelated-ca');
    const server = makeServerCert(dir, ca);
    const secure = tls.createSecureContext({ key: readFileSync(server.key), cert: readFileSync(server.cert) });
    proxy = net.createServer((sock) => {
      sock.on('error', () => undefined);
      sock.once('data', (buf) => {
        if (buf.length !== 8 || buf.readInt32BE(4) !== SSL_REQUEST) return sock.destroy();
        sock.write('S');
        const t = new tls.TLSSocket(sock, { isServer: true, secureContext: secure });
        t.on('error', () => undefined);
        t.once('secure', () => handshakes++);
        const up = net.connect(Number(upstream.port || 5432), upstream.hostname);
        up.on('error', () => t.destroy());
        t.pipe(up).pipe(t);
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    port = (proxy.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => proxy?.close(r));
    await db?.drop();
  });

  const cfg = (over: Partial<PostgresConfig>): PostgresConfig => ({ type: 'postgres', host: 'localhost', port, user: decodeURIComponent(upstream.username || 'postgres'), dbname: new URL(db.url).pathname.slice(1), ...over });
  async function attempt(over: Partial<PostgresConfig>): Promise<unknown> {
    const wh = new PostgresWarehouse(cfg(over));
    try {
      const { rows } = await wh.query<{ ok: number }>('SELECT 1 AS ok');
      return rows[0]!.ok;
    } catch (err) {
      return err;
    } finally {
      await wh.close();
    }
  }

  it('verify-full connects when the certificate chains to sslrootcert and names the host', async () => {
    const before = handshakes;
    expect(await attempt({ sslmode: 'verify-full', sslrootcert: ca.cert })).toBe(1);
    expect(handshakes).toBeGreaterThan(before);
  });

  it('verify-full refuses a certificate from another CA, as a connection error naming the fix', async () => {
    const err = await attempt({ sslmode: 'verify-full', sslrootcert: otherCa.cert });
    expect(err).toBeInstanceOf(ConnectionError);
    expect(exitCodeFor(err)).toBe(2);
    expect((err as Error).message).toMatch(/TLS certificate was not accepted/);
    expect((err as ConnectionError).hint).toMatch(/sslrootcert/);
  });

  it('verify-ca refuses a certificate from another CA too (it used to connect without any check)', async () => {
    expect(await attempt({ sslmode: 'verify-ca', sslrootcert: otherCa.cert })).toBeInstanceOf(ConnectionError);
  });

  it('verify-full refuses a host name the certificate does not name; verify-ca accepts it (libpq semantics)', async () => {
    expect(await attempt({ host: '127.0.0.1', sslmode: 'verify-full', sslrootcert: ca.cert })).toBeInstanceOf(ConnectionError);
    expect(await attempt({ host: '127.0.0.1', sslmode: 'verify-ca', sslrootcert: ca.cert })).toBe(1);
  });

  it('verify-full without sslrootcert checks against the system CAs and refuses a private CA', async () => {
    expect(await attempt({ sslmode: 'verify-full' })).toBeInstanceOf(ConnectionError);
  });

  it('require encrypts without verifying (libpq without a root certificate)', async () => {
    expect(await attempt({ sslmode: 'require' })).toBe(1);
  });

  it('an unknown sslmode and an unreadable sslrootcert are configuration errors', () => {
    expect(() => tlsOptions({ host: 'h', sslmode: 'verify_full' })).toThrow(UserError);
    expect(() => tlsOptions({ host: 'h', sslmode: 'verify-full', sslrootcert: join(dir, 'missing.crt') })).toThrow(/sslrootcert/);
  });
});
