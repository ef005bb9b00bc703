/**
 * A PostgreSQL wire-protocol proxy that counts the statements a client sends
 * (simple-protocol `Query` and extended-protocol `Execute` messages) and can
 * SIGKILL the client process the moment its n-th statement goes to the
 * server. Observing the wire keeps the fault invisible to the code under
 * test: no hook in the deploy core, the process just dies mid-statement.
 */
import net from 'node:net';

export interface Seen {
  n: number;
  sql: string;
}

export interface StatementProxy {
  /** A database URL that goes through the proxy. */
  url: string;
  /** Statements seen since the last reset. */
  seen: Seen[];
  /** Call `onStatement` for every statement; return true to stop forwarding that connection's traffic. */
  onStatement?: (s: Seen) => boolean | void;
  reset(): void;
  close(): Promise<void>;
}

export async function statementProxy(upstreamUrl: string): Promise<StatementProxy> {
  const up = new URL(upstreamUrl);
  const sockets = new Set<net.Socket>();
  const proxy: StatementProxy = {
    url: '',
    seen: [],
    reset() {
      proxy.seen = [];
      proxy.onStatement = undefined;
    },
    close: () =>
      new Promise<void>((res) => {
        for (const s of sockets) s.destroy();
        server.close(() => res());
      }),
  };
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: up.hostname, port: Number(up.port || 5432) });
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    upstream.on('data', (d) => client.write(d));
    let buf = Buffer.alloc(0);
    let started = false;
    let lastParse = '';
    let held = false;
    client.on('data', (chunk) => {
      if (held) return;
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          if (buf.length < 8) return;
          const len = buf.readInt32BE(0);
          if (buf.length < len) return;
          const code = buf.readInt32BE(4);
          upstream.write(buf.subarray(0, len));
          buf = buf.subarray(len);
          // 196608 = protocol 3.0 startup; SSLRequest / GSSENCRequest come first and are answered before it.
          if (code === 196608) started = true;
          continue;
        }
        if (buf.length < 5) return;
        const type = String.fromCharCode(buf[0]!);
        const len = buf.readInt32BE(1);
        if (buf.length < len + 1) return;
        const msg = buf.subarray(0, len + 1);
        buf = buf.subarray(len + 1);
        let stmt: string | undefined;
        if (type === 'Q') stmt = msg.subarray(5, msg.length - 1).toString('utf8');
        else if (type === 'P') {
          const body = msg.subarray(5);
          const nameEnd = body.indexOf(0);
          const sqlEnd = body.indexOf(0, nameEnd + 1);
          lastParse = body.subarray(nameEnd + 1, sqlEnd).toString('utf8');
        } else if (type === 'E') stmt = lastParse;
        upstream.write(msg);
        if (stmt !== undefined) {
          const s = { n: proxy.seen.length + 1, sql: stmt };
          proxy.seen.push(s);
          if (proxy.onStatement?.(s)) {
            held = true;
            return;
          }
        }
      }
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const port = (server.address() as net.AddressInfo).port;
  const u = new URL(upstreamUrl);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  proxy.url = u.toString();
  return proxy;
}
