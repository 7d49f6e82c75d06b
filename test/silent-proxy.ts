/**
 * A loopback TCP proxy to a PostgreSQL server that can be made to hang: once `silence()`d it still accepts
 * connections and keeps every connection open, but passes no byte either way, like a server that stopped
 * answering without closing anything (a stalled process, a network that drops packets). `resume()` makes it
 * pass bytes again on the connections opened from then on. For the read-replica timeout tests.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface SilentProxy {
  /** A URL of `database` through the proxy (postgres user, trust). */
  url(database: string): string;
  silence(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startSilentProxy(targetPort: number): Promise<SilentProxy> {
  let silent = false;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A socket the other end reset is simply gone; the test watches the API, not the proxy.
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (silent) return;
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    // Bytes are forwarded one chunk at a time so that silence takes hold between any two of them.
    client.on('data', (chunk) => {
      if (!silent) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!silent) client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    silence() {
      silent = true;
    },
    resume() {
      silent = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
