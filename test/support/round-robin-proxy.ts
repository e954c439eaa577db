import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Requests each upstream answered, by its base URL. */
  answered: Record<string, number>;
  close(): Promise<void>;
}

/**
 * Two gateway replicas behind one port, as a load balancer or a Kubernetes Service puts them: each request goes to
 * the next upstream; one that refuses the connection (a replica restarting) is skipped, since the request never reached it.
 */
export async function roundRobinProxy(upstreams: string[]): Promise<RoundRobinProxy> {
  const answered: Record<string, number> = Object.fromEntries(upstreams.map((upstream) => [upstream, 0]));
  const agent = new http.Agent({ keepAlive: true });
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (left: number) => {
        const upstream = upstreams[next++ % upstreams.length];
        const target = new URL(req.url ?? '/', upstream);
        const forward = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host }, agent }, (answer) => {
          answered[upstream] += 1;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        forward.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED' && left > 1) attempt(left - 1);
          else {
            res.writeHead(502, { 'content-type': 'text/plain' });
            res.end(`upstream ${upstream}: ${error.message}`);
          }
        });
        forward.end(body);
      };
      attempt(upstreams.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answered,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
