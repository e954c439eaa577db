import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { main as startGatewayFromEnv } from '../gateway/main';
import { close, createHttpServer, listen } from '../platform/server/http';
import { hub, post } from './support/hub';

const base = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');

/** The value of one Prometheus sample (metric name with its labels as printed), 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('readiness', () => {
  it('each subgraph is ready when its database answers and all its migrations are applied', async () => {
    for (const [name, url] of Object.entries(hub().subgraphUrls)) {
      const response = await fetch(`${base(url)}/ready`);
      expect({ name, status: response.status, body: await response.json() }).toEqual({
        name,
        status: 200,
        body: { status: 'ready', checks: { database: 'ok', migrations: 'ok' } },
      });
    }
  });

  it('the gateway is ready when it reaches every subgraph', async () => {
    const response = await fetch(`${base(hub().gatewayUrl)}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { registry: 'ok', statistics: 'ok', marketplace: 'ok', traceability: 'ok' },
    });
  });
});

describe('request ids', () => {
  it("keep the caller's x-request-id, or give each request a new one", async () => {
    const sent = await fetch(hub().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'support-ticket-42' },
      body: JSON.stringify({ query: '{ province(code: "20") { name } }' }),
    });
    expect(sent.headers.get('x-request-id')).toBe('support-ticket-42');
    const fresh = await fetch(`${base(hub().gatewayUrl)}/health`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Not a token: replaced rather than written into logs as given.
    const odd = await fetch(`${base(hub().gatewayUrl)}/health`, { headers: { 'x-request-id': 'a b\tc' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('metrics', () => {
  const gatewayMetrics = async () => (await fetch(`${base(hub().gatewayUrl)}/metrics`)).text();

  it('the gateway counts operations by name and outcome, times them, and times each subgraph it calls', async () => {
    const before = await gatewayMetrics();
    const ok = await post<{ province: { name: string } }>(hub().gatewayUrl, 'query OpsProbe { province(code: "20") { name } }');
    expect(ok.data?.province.name).toBe('Lạng Sơn');
    const failed = await post(hub().gatewayUrl, 'query OpsProbe { province(code: "20") { noSuchField } }');
    expect(failed.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const after = await gatewayMetrics();

    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('nongsan_gateway_graphql_operations_total{operation="OpsProbe",outcome="ok"}')).toBe(1);
    expect(delta('nongsan_gateway_graphql_operations_total{operation="OpsProbe",outcome="error"}')).toBe(1);
    expect(delta('nongsan_gateway_graphql_errors_total{operation="OpsProbe",code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(delta('nongsan_gateway_graphql_operation_duration_seconds_count{operation="OpsProbe"}')).toBe(2);
    expect(delta('nongsan_gateway_graphql_operation_duration_seconds_bucket{le="+Inf",operation="OpsProbe"}')).toBe(2);
    // Only the valid query reached a subgraph (the registry owns provinces).
    expect(delta('nongsan_gateway_subgraph_request_duration_seconds_count{subgraph="registry",outcome="ok"}')).toBe(1);
    expect(after).toMatch(/^# TYPE nongsan_gateway_subgraph_request_duration_seconds histogram$/m);
  });

  it('a subgraph reports its SQL time, its connection pool and its operations', async () => {
    const registry = hub().subgraphUrls.registry;
    const answer = await post<{ province: { communes: unknown[] } }>(hub().gatewayUrl, 'query OpsPlaces { province(code: "20") { name communes { name } } }');
    expect(answer.data?.province.communes.length).toBeGreaterThan(0);
    const text = await (await fetch(`${base(registry)}/metrics`)).text();
    expect(sample(text, 'nongsan_sql_duration_seconds_count{subgraph="registry",outcome="ok"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^nongsan_db_pool_connections\{subgraph="registry",state="used"\} \d+$/m);
    expect(text).toMatch(/^nongsan_db_pool_connections\{subgraph="registry",state="free"\} \d+$/m);
    expect(text).toMatch(/^nongsan_subgraph_graphql_operations_total\{operation="OpsPlaces__registry__0",outcome="ok"\} [1-9]\d*$/m);
    expect(text).toMatch(/^nongsan_process_resident_memory_bytes \d+/m);
  });
});

describe('graceful shutdown', () => {
  it('answers requests in flight, refuses new connections, and cuts what outlasts the grace period', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = createHttpServer(null, [
      { method: 'GET', path: '/slow', handle: async () => (await gate, { status: 200, body: 'done' }) },
      { method: 'GET', path: '/forever', handle: () => new Promise(() => {}) },
    ]);
    const port = await listen(server, 0);
    const get = (path: string) =>
      new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path, agent: new http.Agent({ keepAlive: true }) }, (response) => {
            let body = '';
            response.on('data', (chunk) => (body += chunk));
            response.on('end', () => resolve({ status: response.statusCode!, body, connection: response.headers.connection }));
          })
          .on('error', reject);
      });
    const slow = get('/slow');
    const forever = get('/forever').catch((error: NodeJS.ErrnoException) => error.code);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const closed = close(server, 1000);
    await expect(new Promise((resolve, reject) => net.connect(port, '127.0.0.1').on('connect', resolve).on('error', (e: NodeJS.ErrnoException) => reject(e.code)))).rejects.toBe(
      'ECONNREFUSED',
    );
    release();
    expect(await slow).toEqual({ status: 200, body: 'done', connection: 'close' });
    await closed;
    expect(await forever).toBe('ECONNRESET');
  });
});

describe('listen address', () => {
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

  it('is loopback by default and all interfaces with HOST=0.0.0.0', async () => {
    if (!outside) throw new Error('This test needs a non-loopback IPv4 interface');
    const reach = async (port: number) => {
      try {
        return (await fetch(`http://${outside}:${port}/health`)).status;
      } catch (error) {
        return (error as { cause?: { code?: string } }).cause?.code;
      }
    };
    const env = { ...process.env, ...Object.fromEntries(Object.entries(hub().subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])) };
    const quiet = jest.spyOn(console, 'log').mockImplementation(() => {});
    const local = await startGatewayFromEnv({ ...env, PORT: '0', HOST: '' });
    const everywhere = await startGatewayFromEnv({ ...env, PORT: '0', HOST: '0.0.0.0' });
    quiet.mockRestore();
    try {
      expect(await reach(local.port)).toBe('ECONNREFUSED');
      expect(await reach(everywhere.port)).toBe(200);
    } finally {
      await local.stop();
      await everywhere.stop();
    }
  });

  it('a wrong PORT names the variable', async () => {
    await expect(startGatewayFromEnv({ ...process.env, PORT: 'eighty' })).rejects.toThrow('PORT must be a port number (0-65535), not "eighty".');
  });
});
