import http from 'node:http';
import net from 'node:net';
import { readSupergraph } from '../gateway/main';
import { startGateway } from '../gateway/server';
import { keepAliveFetcher, SubgraphFetchError } from '../gateway/subgraph-fetcher';
import { hub, post } from './support/hub';
import { freePort } from './support/free-port';

describe('the gateway', () => {
  const root = () => hub().gatewayUrl.replace(/\/graphql$/, '');

  it('serves its own explorer page to browsers, loading nothing from elsewhere (works offline)', async () => {
    const response = await fetch(`${root()}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>Nông sản Graph</title>');
    expect(html).toContain('query Journey($id: ID!)');
    // no script, style, font or image from a CDN
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/i);
    expect(html).not.toMatch(/@import\s+url\(\s*["']?https?:/i);
  });

  it('answers GraphQL over GET for non-browser clients on the same path', async () => {
    const response = await fetch(`${hub().gatewayUrl}?query=${encodeURIComponent('{ province(code: "20") { name } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await response.json()).toEqual({ data: { province: { name: 'Lạng Sơn' } } });
  });

  it('reports its health and each subgraph its statement counter', async () => {
    expect(await (await fetch(`${root()}/health`)).json()).toEqual({ status: 'ok' });
    for (const url of Object.values(hub().subgraphUrls)) {
      const metrics = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
      expect(metrics).toMatch(/^nongsan_sql_statements_total\{subgraph="\w+"\} \d+$/m);
    }
  });

  it('still answers the other subgraphs\' fields when one subgraph is down, and says which part failed, by name and path, not where it runs', async () => {
    const closedPort = await freePort();
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      port: 0,
      subgraphUrls: { ...hub().subgraphUrls, marketplace: `http://127.0.0.1:${closedPort}/graphql` },
    });
    try {
      const answer = await post<{ household: { displayName: string; shops: unknown; certifications: unknown[] } | null }>(
        gateway.url,
        '{ household(id: "HH-07582-00001") { displayName shops { id } certifications { scheme } } }',
      );
      expect(answer.data?.household?.displayName).toBe('HTX Vải Lục Ngạn');
      expect(answer.data?.household?.certifications?.length).toBeGreaterThan(0);
      expect(answer.data?.household?.shops).toBeNull();
      expect(answer.errors).toEqual([
        {
          message: expect.stringContaining('The marketplace subgraph is unavailable (ECONNREFUSED); the fields it gives are null: Household.shops.'),
          path: ['household', 'shops'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'marketplace' },
        },
      ]);
      expect(JSON.stringify(answer.errors)).not.toContain(String(closedPort));
      expect(JSON.stringify(answer.errors)).not.toContain('127.0.0.1');
    } finally {
      await gateway.stop();
    }
  });

  it('reads a 5xx answer (a 503 from a proxy in front of a subgraph) as that subgraph being unavailable, without its address', async () => {
    const proxy = http.createServer((_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>503 Service Unavailable</h1>'));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as net.AddressInfo).port;
    const gateway = await startGateway({ supergraphSdl: readSupergraph(), port: 0, subgraphUrls: { ...hub().subgraphUrls, statistics: `http://127.0.0.1:${port}/graphql` } });
    try {
      const answer = await post<{ household: { displayName: string; census: unknown } }>(gateway.url, '{ household(id: "HH-07582-00002") { displayName census { landAreaHa } } }');
      expect(answer.data?.household.displayName).toEqual(expect.any(String));
      expect(answer.data?.household.census).toBeNull();
      expect(answer.errors).toEqual([{
        message: 'The statistics subgraph is unavailable (HTTP 503); the fields it gives are null: Household.census.',
        path: ['household', 'census'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'statistics' },
      }]);
      expect(JSON.stringify(answer)).not.toContain(String(port));
    } finally {
      await gateway.stop();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('gives up on a subgraph slower than its timeout, naming it and each field it left null, list elements included', async () => {
    // Accepts connections and never answers, as a frozen subgraph does.
    const sockets = new Set<net.Socket>();
    const frozen = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      port: 0,
      subgraphUrls: { ...hub().subgraphUrls, traceability: `http://127.0.0.1:${(frozen.address() as net.AddressInfo).port}/graphql` },
      subgraphTimeoutMs: (name) => (name === 'traceability' ? 300 : 10_000),
    });
    try {
      const started = Date.now();
      const answer = await post<{ household: { displayName: string; certifications: unknown; shops: { listings: { title: string; lots: unknown }[] }[] } | null }>(
        gateway.url,
        '{ household(id: "HH-07582-00001") { displayName certifications { scheme } shops { listings { title lots { lotNumber } } } } }',
      );
      expect(Date.now() - started).toBeLessThan(3000);
      const household = answer.data!.household!;
      expect(household.displayName).toBe('HTX Vải Lục Ngạn');
      expect(household.certifications).toBeNull();
      const listings = household.shops.flatMap((shop) => shop.listings);
      expect(listings.length).toBeGreaterThan(1);
      for (const listing of listings) expect([typeof listing.title, listing.lots]).toEqual(['string', null]);
      const lotPaths = household.shops.flatMap((shop, s) => shop.listings.map((_, l) => ['household', 'shops', s, 'listings', l, 'lots']));
      expect(answer.errors?.map((error) => error.path)).toEqual([['household', 'certifications'], ...lotPaths]);
      for (const error of answer.errors ?? []) {
        expect(error.extensions).toEqual({ code: 'SUBGRAPH_TIMEOUT', serviceName: 'traceability' });
        expect(error.message).toMatch(/^The traceability subgraph did not answer within 300 ms \(TRACEABILITY_TIMEOUT_MS or SUBGRAPH_TIMEOUT_MS\)/);
      }
    } finally {
      await gateway.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => frozen.close(() => resolve()));
    }
  });
});


describe("the gateway's subgraph fetcher", () => {
  /** A subgraph stand-in that answers after a pause, so requests overlap, and counts what it received. */
  async function slowSubgraph(): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
    const received: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const count = received.push(`${req.headers.authorization ?? ''} ${body}`);
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: { count } }));
        }, 100);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    return { url: `http://127.0.0.1:${port}/graphql`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  it('sends identical queries in flight together once, but never mutations nor requests with other headers', async () => {
    const subgraph = await slowSubgraph();
    const fetcher = keepAliveFetcher();
    try {
      const send = (body: object, authorization?: string) =>
        fetcher.fetch(subgraph.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(body),
        });
      const query = { query: 'query Q__registry__0{province(code:"20"){name}}' };
      const answers = await Promise.all([send(query), send(query), send(query, 'Bearer other-partner')]);
      expect(await Promise.all(answers.map((answer) => answer.json()))).toEqual([
        { data: { count: 1 } },
        { data: { count: 1 } },
        { data: { count: 2 } },
      ]);
      const mutation = { query: 'mutation M__registry__0{touch}' };
      await Promise.all([send(mutation), send(mutation)]);
      expect(subgraph.received).toHaveLength(4);
    } finally {
      fetcher.close();
      await subgraph.close();
    }
  });

  it('sends a query again when the subgraph had closed the kept-alive connection it went out on, but not a mutation', async () => {
    // Answers the first request of each connection, then resets the connection on the next one, as a subgraph
    // closing an idle connection at the moment the gateway reuses it does.
    let requests = 0;
    const server = net.createServer((socket) => {
      let served = 0;
      socket.on('data', () => {
        requests += 1;
        if (served++ > 0) return void socket.resetAndDestroy();
        const body = JSON.stringify({ data: { requests } });
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/graphql`;
    const fetcher = keepAliveFetcher();
    const send = (query: string) =>
      fetcher.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    try {
      expect(await (await send('query A{a}')).json()).toEqual({ data: { requests: 1 } });
      expect(await (await send('query B{b}')).json()).toEqual({ data: { requests: 3 } });
      await send('mutation C{c}').then(
        () => Promise.reject(new Error('the mutation should have failed')),
        (error: SubgraphFetchError) => expect([error.kind, error.detail]).toEqual(['unavailable', `request to ${url} failed, reason: read ECONNRESET`]),
      );
      expect(requests).toBe(4);
    } finally {
      fetcher.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
