import net from 'node:net';
import path from 'node:path';

export interface PausableProxy {
  /** The database URL with the proxy's host and port in place of the server's. */
  url: string;
  /** Stops passing bytes either way, connections kept open: the database looks frozen to whoever goes through. */
  pause(): void;
  /** Passes on what was held and carries on. */
  resume(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of PostgreSQL for one subgraph, so a test can freeze that subgraph's database alone (a
 * stopped server, a stalled network) while the other subgraphs keep theirs.
 */
export async function pausableProxy(databaseUrl: string): Promise<PausableProxy> {
  const upstream = new URL(databaseUrl);
  let paused = false;
  const pairs = new Set<{ client: net.Socket; server: net.Socket; held: (() => void)[] }>();

  const proxy = net.createServer((client) => {
    const server = connectTo(upstream);
    const pair = { client, server, held: [] as (() => void)[] };
    pairs.add(pair);
    const relay = (from: net.Socket, to: net.Socket) =>
      from.on('data', (chunk: Buffer) => {
        const pass = () => void (to.destroyed || to.write(chunk));
        if (paused) pair.held.push(pass);
        else pass();
      });
    relay(client, server);
    relay(server, client);
    const end = () => {
      client.destroy();
      server.destroy();
      pairs.delete(pair);
    };
    client.on('close', end).on('error', end);
    server.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String((proxy.address() as net.AddressInfo).port);

  return {
    url: url.toString(),
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      for (const pair of pairs) pair.held.splice(0).forEach((pass) => pass());
    },
    close: async () => {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server.destroy();
      }
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

/** PostgreSQL at a URL's host: a TCP address, or the folder of its Unix socket (the embedded server's). */
function connectTo(databaseUrl: URL): net.Socket {
  const host = decodeURIComponent(databaseUrl.hostname);
  const port = Number(databaseUrl.port || 5432);
  return host.startsWith('/') ? net.connect(path.join(host, `.s.PGSQL.${port}`)) : net.connect(port, host);
}
