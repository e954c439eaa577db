import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSupergraph } from '../gateway/main';
import { startGateway, type RunningGateway } from '../gateway/server';
import { DEFAULT_LIMITS, limitsFromEnv, parseRoleLimits, type LimitSettings } from '../platform/graphql/limits';
import { operationHash, PersistedOperations } from '../platform/graphql/persisted-operations';
import { manifestOperations } from '../scripts/operations-manifest';
import { hub } from './support/hub';
import { as, closeKeyStore } from './support/access';

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function send(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

/** GraphQL requests each subgraph has served so far (its /metrics). */
async function subgraphRequests(): Promise<number> {
  let total = 0;
  for (const url of Object.values(hub().subgraphUrls)) {
    const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
    total += Number(/^nongsan_graphql_requests_total\{[^}]*\} (\d+)$/m.exec(text)?.[1]);
  }
  return total;
}

/** The hostile documents of issue 9, as an attacker sent them. */
const HOSTILE = {
  'depth 300': `{ household(id: "HH-07582-00001") { ${'commune { province { communes { '.repeat(100)}code${' } } }'.repeat(100)} } }`,
  '5,000 aliases': `{ ${Array.from({ length: 5000 }, (_, index) => `a${index}: __typename`).join(' ')} }`,
  '1,000 aliased households(first: 100) with shops': `{ ${Array.from(
    { length: 1000 },
    (_, index) => `h${index}: households(first: 100) { nodes { id displayName shops { platform listings { title } } } }`,
  ).join(' ')} }`,
  '1 MB document': `{ ${'province(code: "20") { name } '.repeat(35_000)} }`,
};

const SMALL = '{ province(code: "20") { name } }';

describe('limits at the door', () => {
  it.each(Object.entries(HOSTILE))('refuses %s with QUERY_TOO_COMPLEX and calls no subgraph', async (_name, query) => {
    const before = await subgraphRequests();
    const answer = await send(hub().gatewayUrl, { query });
    expect([400, 413]).toContain(answer.status);
    expect(answer.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(answer.body.errors?.[0].message).toMatch(/limit/);
    expect(answer.body.data).toBeUndefined();
    expect(await subgraphRequests()).toBe(before);
  });

  it('answers a small query while hostile documents keep arriving', async () => {
    const hostile = Array.from({ length: 40 }, (_, index) => send(hub().gatewayUrl, { query: Object.values(HOSTILE)[index % 4] }));
    const small = await send(hub().gatewayUrl, { query: SMALL });
    const refused = await Promise.all(hostile);
    expect(small.body).toEqual({ data: { province: { name: 'Lạng Sơn' } } });
    expect(refused.every((answer) => answer.body.errors?.[0].extensions?.code === 'QUERY_TOO_COMPLEX')).toBe(true);
  });

  it('applies the same limits on each subgraph\'s own port', async () => {
    for (const url of Object.values(hub().subgraphUrls)) {
      const answer = await send(url, { query: HOSTILE['5,000 aliases'] });
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    }
    const deep = await send(hub().subgraphUrls.registry, { query: HOSTILE['depth 300'] });
    expect(deep.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('still runs the flagship Journey and a full page of households for anonymous callers', async () => {
    const journey = fs.readFileSync(path.join(__dirname, 'operations', 'journey.graphql'), 'utf8');
    const answer = await send(hub().gatewayUrl, { query: journey, variables: { id: 'HH-07582-00001' } });
    expect(answer.body.errors).toBeUndefined();
    const page = await send(hub().gatewayUrl, { query: '{ households(first: 100) { nodes { id displayName shops { platform } } } }' });
    expect(page.body.errors).toBeUndefined();
    expect((page.body.data?.households as { nodes: unknown[] }).nodes.length).toBeGreaterThan(0);
  });
});

describe('limits per role, set by configuration', () => {
  let gateway: RunningGateway | undefined;
  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
  });
  afterAll(() => closeKeyStore());

  /** A gateway of its own in front of the test hub's subgraphs, with the given limits for anonymous callers (and partners). */
  async function gatewayWith(publicLimits: string, operations = new PersistedOperations([]), partnerLimits = ''): Promise<RunningGateway> {
    const roles = { ...DEFAULT_LIMITS, public: parseRoleLimits(publicLimits, DEFAULT_LIMITS.public, 'test'), partner: parseRoleLimits(partnerLimits, DEFAULT_LIMITS.partner, 'test') };
    const limits: LimitSettings = { ...limitsFromEnv({}), roles };
    gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      port: 0,
      subgraphUrls: hub().subgraphUrls,
      access: { databaseUrl: hub().databaseUrl },
      limits: { limits, operations },
    });
    return gateway;
  }

  it('gives a key its role\'s limits: 110 aliases refused anonymously, run with a partner key, at the gateway and at a subgraph', async () => {
    const query = `{ ${Array.from({ length: 110 }, (_, index) => `p${index}: province(code: "20") { name }`).join(' ')} }`;
    const anonymous = await send(hub().gatewayUrl, { query });
    expect(anonymous.body.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' });
    expect(anonymous.body.errors?.[0].message).toMatch(/Aliases limit of 100 exceeded, found 110.*public role/);
    const partner = await send(hub().gatewayUrl, { query }, await as('partner', 'POSTMART'));
    expect(partner.body.errors).toBeUndefined();
    expect(partner.body.data?.p109).toEqual({ name: 'Lạng Sơn' });
    // the registry got the partner's signed identity, so its own check allowed the 20 aliases; anonymously it does not
    expect((await send(hub().subgraphUrls.registry, { query })).body.errors?.[0].extensions?.limit).toBe('aliases');
  });

  it('counts a key\'s rate apart from anonymous callers at the same address', async () => {
    const { url } = await gatewayWith('rate=2/60', undefined, 'rate=3/60');
    const partner = await as('partner', 'VOSO');
    for (let request = 0; request < 2; request += 1) expect((await send(url, { query: SMALL })).status).toBe(200);
    expect((await send(url, { query: SMALL })).status).toBe(429);
    for (let request = 0; request < 3; request += 1) expect((await send(url, { query: SMALL }, partner)).status).toBe(200);
    const refused = await send(url, { query: SMALL }, partner);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0].message).toMatch(/partner role allows 3 per 60 s/);
  });

  it('prices nested pages as a product: 1,000 aliased households(first: 100) are refused even where aliases and tokens are allowed', async () => {
    const { url } = await gatewayWith('aliases=5000,tokens=100000,depth=20');
    const answer = await send(url, { query: HOSTILE['1,000 aliased households(first: 100) with shops'] });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    expect(answer.body.errors?.[0].message).toMatch(/would cost \d+ .* limit is 20000/);
    // page sizes given in variables count too
    const paged = 'query Page($n: Int!) { households(first: $n) { nodes { shops { listings { lots { events { bizStep } } } } } } }';
    expect((await send(url, { query: paged, variables: { n: 100 } })).body.errors?.[0].extensions?.limit).toBe('cost');
    expect((await send(url, { query: paged, variables: { n: 2 } })).body.errors).toBeUndefined();
  });

  it('answers 429 with Retry-After once a caller has used up its rate', async () => {
    const { url } = await gatewayWith('rate=3/60');
    for (let request = 0; request < 3; request += 1) expect((await send(url, { query: SMALL })).status).toBe(200);
    const refused = await send(url, { query: SMALL });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(refused.body.errors?.[0].message).toMatch(/3 per 60 s/);
  });

  it('rejects settings it does not know, naming them', () => {
    expect(() => limitsFromEnv({ NONGSAN_LIMITS_PUBLIC: 'depht=3' })).toThrow('NONGSAN_LIMITS_PUBLIC: unknown setting "depht"');
    expect(() => limitsFromEnv({ NONGSAN_LIMITS_PARTNER: 'rate=fast' })).toThrow(/NONGSAN_LIMITS_PARTNER: rate must be/);
    expect(limitsFromEnv({ NONGSAN_LIMITS_JOURNALIST: 'depth=8,safelist=on' }).roles.journalist).toMatchObject({ depth: 8, safelistOnly: true, aliases: 200 });
  });

  describe('safelist mode', () => {
    const manifest = () => new PersistedOperations(manifestOperations([path.join(__dirname, 'operations', 'journey.graphql')]));
    const journeyBody = () => manifestOperations([path.join(__dirname, 'operations', 'journey.graphql')])[0].body;

    it('runs the manifest\'s operations, by hash or in full, and refuses any other document', async () => {
      const { url } = await gatewayWith('safelist=on', manifest());
      const hash = operationHash(journeyBody());
      const byHash = await send(url, { variables: { id: 'HH-07582-00001' }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
      expect(byHash.body.errors).toBeUndefined();
      expect((byHash.body.data?.household as { displayName: string }).displayName).toBe('HTX Vải Lục Ngạn');
      const inFull = await send(url, { query: journeyBody(), variables: { id: 'HH-07582-00001' } });
      expect(inFull.body.errors).toBeUndefined();

      const other = await send(url, { query: SMALL });
      expect(other.status).toBe(403);
      expect(other.body.errors?.[0].extensions?.code).toBe('OPERATION_NOT_SAFELISTED');
      const unknownHash = await send(url, { extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(SMALL) } } });
      expect(unknownHash.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('lets other callers send any document, with a hash that must match it', async () => {
      const { url } = await gatewayWith('depth=10', manifest());
      expect((await send(url, { query: SMALL })).body.data).toEqual({ province: { name: 'Lạng Sơn' } });
      const wrong = await send(url, { query: SMALL, extensions: { persistedQuery: { version: 1, sha256Hash: operationHash('{ other }') } } });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors?.[0].message).toMatch(/not the hash of the query/);
    });

    it('builds the manifest from the operation files, with ids a server can check', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-manifest-'));
      const file = path.join(dir, 'manifest.json');
      const operations = manifestOperations([path.join(__dirname, 'operations', 'households.graphql'), path.join(__dirname, 'operations', 'journey.graphql')]);
      expect(operations.map((operation) => operation.name)).toEqual(expect.arrayContaining(['Journey', 'HouseholdsPage', 'CooperativeMembers']));
      fs.writeFileSync(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }));
      expect(PersistedOperations.load(file).size).toBe(operations.length);
      fs.writeFileSync(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ ...operations[0], body: '{ x }' }] }));
      expect(() => PersistedOperations.load(file)).toThrow(/is not the sha256 of its body/);
      fs.rmSync(dir, { recursive: true });
    });
  });
});
