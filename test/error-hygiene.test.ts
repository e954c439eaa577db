import http from 'node:http';
import type net from 'node:net';
import { readSupergraph } from '../gateway/main';
import { startGateway, type RunningGateway } from '../gateway/server';
import { formatError, INTERNAL_ERROR_MESSAGE, reportMaskedErrors } from '../platform/graphql/errors';
import { nationalIdHash } from '../platform/identity/normalise';
import { internalToken } from '../platform/server/internal-token';
import { createHttpServer } from '../platform/server/http';
import { serviceObservability } from '../platform/observability';
import pino from 'pino';
import { runScript } from './support/commands';
import { freePort } from './support/free-port';
import { hub } from './support/hub';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

async function send(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as Answer['body'] };
}

/** A stand-in for the registry subgraph that answers every query with what `answer` gives, and notes the headers it got. */
async function fakeRegistry(answer: object): Promise<{ url: string; headers: http.IncomingHttpHeaders[]; close(): Promise<void> }> {
  const headers: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    headers.push(req.headers);
    req.resume().on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, headers, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs `work` with environment variables set in this process (the gateways it starts read them), then restores them. */
async function withEnv<T>(values: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

const LEAKS = /stacktrace|select |insert |\/work\/|node_modules|\.ts:\d+|127\.0\.0\.1|ECONNREFUSED/i;

describe('errors a partner can act on, and nothing of the server inside them', () => {
  let gateway: RunningGateway | undefined;
  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
  });

  it('masks a subgraph\'s internal error (SQL, paths, stack) and gives the request id to quote instead', async () => {
    const registry = await fakeRegistry({
      data: { province: null },
      errors: [
        {
          message: 'select "p0".* from "registry"."province" as "p0" where "p0"."code" = \'20\' - invalid message format',
          path: ['province'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: at /work/main/node_modules/knex/lib/client.js:1:1'] },
        },
      ],
    });
    try {
      gateway = await startGateway({ supergraphSdl: readSupergraph(), port: 0, subgraphUrls: { ...hub().subgraphUrls, registry: registry.url } });
      const answer = await send(gateway.url, { query: '{ province(code: "20") { name } }' }, { 'x-request-id': 'partner-req-42' });
      expect(answer.headers.get('x-request-id')).toBe('partner-req-42');
      expect(answer.body.errors).toEqual([
        { message: INTERNAL_ERROR_MESSAGE, path: ['province'], extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'registry', requestId: 'partner-req-42' } },
      ]);
      expect(answer.text).not.toMatch(LEAKS);
      // the id went on to the subgraph, so both logs can be joined
      expect(registry.headers.map((headers) => headers['x-request-id'])).toContain('partner-req-42');
    } finally {
      await registry.close();
    }
  });

  it('uses one request id when the caller sent none: the answer\'s header, the error, the subgraph call', async () => {
    const registry = await fakeRegistry({ data: { province: null }, errors: [{ message: 'boom', path: ['province'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    try {
      gateway = await startGateway({ supergraphSdl: readSupergraph(), port: 0, subgraphUrls: { ...hub().subgraphUrls, registry: registry.url } });
      const answer = await send(gateway.url, { query: '{ province(code: "20") { name } }' });
      const id = answer.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.body.errors?.[0].extensions?.requestId).toBe(id);
      expect(registry.headers.map((headers) => headers['x-request-id'])).toEqual([id]);
    } finally {
      await registry.close();
    }
  });

  it('writes the same request id in its log lines as in the answer\'s header', async () => {
    const lines: { requestId?: string; msg?: string }[] = [];
    const observability = serviceObservability('probe', 'nongsan_subgraph');
    observability.log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const server = createHttpServer(null, [
      { method: 'GET', path: '/fine', handle: () => ({ status: 200, body: 'ok' }) },
      { method: 'GET', path: '/broken', handle: () => { throw new Error('select * from secrets'); } },
    ], { observability });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
      for (const path of ['/fine', '/broken']) {
        const response = await fetch(`${base}${path}`);
        const id = response.headers.get('x-request-id');
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        if (path === '/broken') expect(await response.text()).toContain(id);
        const logged = lines.splice(0);
        expect(logged.length).toBeGreaterThan(0);
        expect(logged.map((line) => line.requestId)).toEqual(logged.map(() => id));
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keeps errors with a known code as they are, without stack or internals', () => {
    const shown = formatError({ message: '"first" must be between 0 and 100, got 500.', path: ['households'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'first', stacktrace: ['at x.ts:1'] } });
    expect(shown).toEqual({ message: '"first" must be between 0 and 100, got 500.', path: ['households'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } });
    const masked = formatError({ message: 'duplicate key value violates unique constraint "household_pkey"', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const logged: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((line) => logged.push(String(line)) > 0);
    try {
      reportMaskedErrors([masked], 'r-1');
    } finally {
      write.mockRestore();
    }
    expect(masked).toEqual({ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-1' } });
    expect(JSON.stringify(masked)).not.toContain('household_pkey');
    expect(logged.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ msg: 'masked GraphQL error', requestId: 'r-1', message: expect.stringContaining('household_pkey') })]);
  });

  it('gives every answer an x-request-id, its own when the caller sent none or an unusable one', async () => {
    const plain = await fetch(`${hub().gatewayUrl.replace(/\/graphql$/, '')}/health`);
    expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const odd = await send(hub().gatewayUrl, { query: '{ province(code: "20") { name } }' }, { 'x-request-id': 'has spaces\tand tabs' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const subgraph = await send(hub().subgraphUrls.marketplace, { query: '{ __typename }' }, { 'x-request-id': 'abc-1' });
    expect(subgraph.headers.get('x-request-id')).toBe('abc-1');
  });

  it('answers two operations without operationName with a 400 that says what to send, at the gateway and at a subgraph', async () => {
    const query = 'query A { province(code: "20") { name } } query B { province(code: "20") { code } }';
    for (const url of [hub().gatewayUrl, hub().subgraphUrls.registry]) {
      const answer = await send(url, { query });
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]).toEqual({
        message: 'The document has 2 operations (A, B): say which one to run with "operationName".',
        extensions: { code: 'OPERATION_NAME_REQUIRED' },
      });
    }
    expect((await send(hub().gatewayUrl, { query, operationName: 'B' })).body.data).toEqual({ province: { code: '20' } });
    const unknown = await send(hub().gatewayUrl, { query, operationName: 'C' });
    expect(unknown.body.errors?.[0].message).toBe('No operation named "C" in the document (it has: A, B).');
  });

  it('says what is wrong with a period the marketplace refuses, instead of "400: Bad Request"', async () => {
    const answer = await send(hub().gatewayUrl, { query: '{ province(code: "20") { salesInto(period: { from: "last week" }) { quantityKg } } }' });
    const [error] = answer.body.errors ?? [];
    expect(error.message).toMatch(/date-time.*last week/i);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', serviceName: 'marketplace' });
    expect(answer.text).not.toMatch(/400: Bad Request|127\.0\.0\.1/);
  });

  it('under NODE_ENV=production, names a source that is down without its address, and shows no stack traces', async () => {
    const closedPort = await freePort();
    await withEnv({ NODE_ENV: 'production', NONGSAN_IDENTITY_SECRET: 'test-identity-secret' }, async () => {
      gateway = await startGateway({ supergraphSdl: readSupergraph(), port: 0, subgraphUrls: { ...hub().subgraphUrls, statistics: `http://127.0.0.1:${closedPort}/graphql` } });
      const answer = await send(gateway.url, { query: '{ household(id: "HH-07582-00001") { displayName census { landAreaHa } } }' });
      expect((answer.body.data?.household as { displayName: string }).displayName).toBe('HTX Vải Lục Ngạn');
      expect(answer.body.errors?.[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'statistics' });
      expect(answer.text).not.toMatch(LEAKS);
      for (const query of ['{ nope }', '{ province(code: 20) { name } ', '{ households(first: 500) { totalCount } }']) {
        const refused = await send(gateway.url, { query });
        expect(refused.body.errors?.length).toBeGreaterThan(0);
        expect(refused.text).not.toMatch(LEAKS);
      }
    });
  });
});

describe('cross-origin calls', () => {
  const preflight = (url: string, origin: string) =>
    fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it('allows only the hub\'s own pages by default, and keeps CSRF protection', async () => {
    const refused = await preflight(hub().gatewayUrl, 'https://evil.example');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/NONGSAN_CORS_ORIGINS/);
    const answer = await fetch(hub().gatewayUrl, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    // a form post (no preflight) is still refused by Apollo Server's CSRF prevention
    const form = await fetch(`${hub().gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: 'https://evil.example' } });
    expect(form.status).toBe(400);
  });

  it('allows the origins NONGSAN_CORS_ORIGINS lists', async () => {
    const gateway = await withEnv({ NONGSAN_CORS_ORIGINS: 'https://portal.example.vn' }, () =>
      startGateway({ supergraphSdl: readSupergraph(), port: 0, subgraphUrls: hub().subgraphUrls }),
    );
    try {
      const allowed = await preflight(gateway.url, 'https://portal.example.vn');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example.vn');
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      const answer = await fetch(gateway.url, { method: 'POST', headers: { origin: 'https://portal.example.vn', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect(answer.headers.get('access-control-allow-origin')).toBe('https://portal.example.vn');
      expect((await preflight(gateway.url, 'https://evil.example')).status).toBe(403);
    } finally {
      await gateway.stop();
    }
  });
});

describe('production refuses development secrets', () => {
  const NO_SECRETS = {
    NODE_ENV: 'production',
    NONGSAN_INTERNAL_TOKEN: '',
    NONGSAN_ID_HASH_KEY: '',
    NONGSAN_IDENTITY_SECRET: '',
    MARKETPLACE_POSTMART_SECRET: '',
    MARKETPLACE_VOSO_SECRET: '',
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
  };

  it('stops the hub before it starts anything, naming every setting to give', async () => {
    const result = await runScript('scripts/start.ts', [], { ...NO_SECRETS, NONGSAN_ID_HASH_KEY: 'nongsan-graph-development-key-not-for-production', MARKETPLACE_VOSO_TOKEN: 'dev-voso-token' });
    expect(result.code).toBe(1);
    for (const setting of ['NONGSAN_INTERNAL_TOKEN is not set', 'NONGSAN_ID_HASH_KEY is the built-in development value', 'NONGSAN_IDENTITY_SECRET is not set', 'MARKETPLACE_POSTMART_SECRET is not set', 'MARKETPLACE_VOSO_SECRET is not set', 'MARKETPLACE_VOSO_TOKEN is the built-in development value']) {
      expect(result.stderr).toContain(setting);
    }
    expect(result.stderr).not.toMatch(/PostgreSQL/);
  });

  it('stops a gateway without its identity secret', async () => {
    const result = await runScript('gateway/main.ts', [], { ...NO_SECRETS, PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('NONGSAN_IDENTITY_SECRET is not set');
  });

  it('uses development defaults only when NODE_ENV is unset, development or test', async () => {
    await withEnv({ NODE_ENV: 'staging', NONGSAN_INTERNAL_TOKEN: '', NONGSAN_ID_HASH_KEY: '' }, async () => {
      expect(internalToken()).toBeNull();
      expect(() => nationalIdHash('001234567890')).toThrow('NONGSAN_ID_HASH_KEY is not set');
    });
    await withEnv({ NODE_ENV: 'test', NONGSAN_INTERNAL_TOKEN: '' }, async () => {
      expect(internalToken()).toBe('nongsan-internal-development-token');
    });
  });
});
