import { demoDataset } from '../demo/dataset';
import { IDENTITY_HEADER, signIdentity } from '../platform/access/identity-header';
import { viewerOf, type Role } from '../platform/access/roles';
import { as, bearer, closeKeyStore, createKey, revokeKey, signToken } from './support/access';
import { hub, post, withDatabase, type GraphqlResponse } from './support/hub';
import { sendEvents } from './support/marketplace';

/*
 * The matrix of DESIGN.md "Who may see what": every role x every personal field x its own scope and another,
 * through the gateway and at each subgraph's own port. Records: two households of province 14 (one consented to
 * export contact, one did not), a Postmart shop whose seller lives in province 14, a census record and a growing
 * area of province 24.
 */
const CONSENTING = 'HH-03980-00001';
const NOT_CONSENTING = 'HH-03980-00002';
const CENSUS_HOUSEHOLD = 'HH-07582-00003';
const AREA = 'VN-BNLN-0001';
const SHOP = 'PM-940001';

type FieldPath = string;
const HOUSEHOLD_FIELDS = ['headName', 'phone', 'nationalId', 'streetAddress'];
const ALL: FieldPath[] = [
  ...HOUSEHOLD_FIELDS.map((field) => `consenting.${field}`),
  ...HOUSEHOLD_FIELDS.map((field) => `notConsenting.${field}`),
  'shop.sellerName', 'shop.sellerPhone',
  'census.census.respondentName', 'census.census.phone',
  'area.latitude', 'area.longitude',
];
const PROVINCE_14 = ALL.filter((path) => /^(consenting|notConsenting|shop)\./.test(path));
const PROVINCE_24 = ALL.filter((path) => /^(census|area)\./.test(path));

/** Who sees what: written out, case by case, from the brief (not computed by the code under test). */
const MATRIX: { label: string; role: Role; scope?: string; sees: FieldPath[] }[] = [
  { label: 'anonymous', role: 'public', sees: [] },
  { label: 'a journalist', role: 'journalist', sees: [] },
  { label: 'a partner, own platform (Postmart)', role: 'partner', scope: 'POSTMART', sees: ['shop.sellerName', 'shop.sellerPhone'] },
  { label: 'a partner, another platform (Voso)', role: 'partner', scope: 'VOSO', sees: [] },
  { label: 'trade officers of province 14 (own)', role: 'trade', scope: '14', sees: ['consenting.headName', 'consenting.phone'] },
  { label: 'trade officers of province 24 (other)', role: 'trade', scope: '24', sees: [] },
  { label: 'an official of province 14', role: 'official', scope: '14', sees: PROVINCE_14 },
  { label: 'an official of province 24', role: 'official', scope: '24', sees: PROVINCE_24 },
  { label: 'a national official', role: 'official', sees: ALL },
  { label: 'an admin', role: 'admin', sees: ALL },
];

const GATEWAY_QUERY = `{
  consenting: household(id: "${CONSENTING}") { ${HOUSEHOLD_FIELDS.join(' ')} }
  notConsenting: household(id: "${NOT_CONSENTING}") { ${HOUSEHOLD_FIELDS.join(' ')} }
  shop: shop(id: "${SHOP}") { sellerName sellerPhone }
  census: household(id: "${CENSUS_HOUSEHOLD}") { census { respondentName phone } }
  area: growingArea(code: "${AREA}") { latitude longitude }
}`;

/** The same fields asked of each subgraph at its own port (households through `_entities`, as the gateway does). */
const SUBGRAPH_QUERIES: Record<string, string> = {
  registry: `{ consenting: household(id: "${CONSENTING}") { ${HOUSEHOLD_FIELDS.join(' ')} } notConsenting: household(id: "${NOT_CONSENTING}") { ${HOUSEHOLD_FIELDS.join(' ')} } }`,
  marketplace: `{ shop: shop(id: "${SHOP}") { sellerName sellerPhone } }`,
  statistics: `{ census: _entities(representations: [{ __typename: "Household", id: "${CENSUS_HOUSEHOLD}" }]) { ... on Household { census { respondentName phone } } } }`,
  traceability: `{ area: growingArea(code: "${AREA}") { latitude longitude } }`,
};

let stored: Record<FieldPath, unknown>;

beforeAll(async () => {
  // The Postmart shop of a seller registered in province 14, with the name and phone the platform sends.
  const household = demoDataset().households.find((candidate) => candidate.id === CONSENTING)!;
  const answer = await sendEvents('POSTMART', [{
    id: 'access-shop-1', type: 'shop.opened', occurredAt: '2026-09-01T08:00:00+07:00', shopId: '940001',
    data: { name: 'Na Chi Lăng Access', openedAt: '2026-09-01T08:00:00+07:00', rating: null, seller: { name: 'Phạm Thị Thu', phone: '0912 000 940', commune: { code: household.communeCode } } },
  }]);
  expect(answer.status).toBe(200);

  stored = await withDatabase(async (client) => {
    const values: Record<FieldPath, unknown> = {};
    const households = await client.query('select id, head_name, phone, national_id, street_address from registry.household where id = any($1)', [[CONSENTING, NOT_CONSENTING]]);
    for (const row of households.rows) {
      const name = row.id === CONSENTING ? 'consenting' : 'notConsenting';
      Object.assign(values, { [`${name}.headName`]: row.head_name, [`${name}.phone`]: row.phone, [`${name}.nationalId`]: row.national_id, [`${name}.streetAddress`]: row.street_address });
    }
    const shop = (await client.query('select seller_name, seller_phone, province_code from marketplace.shop where id = $1', [SHOP])).rows[0];
    expect(shop.province_code).toBe('14');
    Object.assign(values, { 'shop.sellerName': shop.seller_name, 'shop.sellerPhone': shop.seller_phone });
    const census = (await client.query('select respondent_name, phone from statistics.census_record where household_id = $1 order by census_year desc limit 1', [CENSUS_HOUSEHOLD])).rows[0];
    Object.assign(values, { 'census.census.respondentName': census.respondent_name, 'census.census.phone': census.phone });
    const area = (await client.query('select latitude, longitude from traceability.growing_area where code = $1', [AREA])).rows[0];
    Object.assign(values, { 'area.latitude': area.latitude, 'area.longitude': area.longitude });
    return values;
  });
  // Every stored value exists, so a null answer can only mean a refusal.
  for (const path of ALL) expect([path, stored[path]]).not.toEqual([path, null]);
});
afterAll(closeKeyStore);

function valueAt(data: unknown, path: string): unknown {
  // `_entities` answers a list: its one element stands for the record.
  return path.split('.').reduce<unknown>((node, key) => (node == null ? undefined : ((Array.isArray(node) ? node[0] : node) as Record<string, unknown>)[key]), data);
}

/** Each personal field: the stored value when allowed; null with a FORBIDDEN error at its path when not. */
function expectExactly(result: GraphqlResponse<unknown>, paths: FieldPath[], sees: FieldPath[]): void {
  const forbidden = new Set((result.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => ((error as { path?: (string | number)[] }).path ?? []).filter((key) => typeof key === 'string').join('.')));
  const other = (result.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN');
  expect(other).toEqual([]);
  for (const path of paths) {
    if (sees.includes(path)) {
      expect([path, valueAt(result.data, path)]).toEqual([path, stored[path]]);
      expect([path, forbidden.has(path)]).toEqual([path, false]);
    } else {
      expect([path, valueAt(result.data, path)]).toEqual([path, null]);
      expect([path, forbidden.has(path)]).toEqual([path, true]);
    }
  }
}

describe('personal fields through the gateway', () => {
  it.each(MATRIX)('$label sees exactly its fields', async ({ role, scope, sees }) => {
    const result = await post(hub().gatewayUrl, GATEWAY_QUERY, {}, await as(role, scope));
    expectExactly(result, ALL, sees);
  });

  it('gives the same to a token of the identity provider as to a key of the same role and scope', async () => {
    const token = signToken({ sub: 'officer@sct14.example', nongsan_role: 'trade', nongsan_scope: '14' });
    expectExactly(await post(hub().gatewayUrl, GATEWAY_QUERY, {}, bearer(token)), ALL, ['consenting.headName', 'consenting.phone']);
  });

  it('says why a field is refused, naming the rule', async () => {
    const result = await post(hub().gatewayUrl, `{ household(id: "${NOT_CONSENTING}") { headName } }`, {}, await as('trade', '14'));
    expect(result.errors).toEqual([expect.objectContaining({ message: 'This household has not consented to PUBLISH_CONTACT_FOR_EXPORT.', path: ['household', 'headName'] })]);
    const other = await post(hub().gatewayUrl, `{ household(id: "${CONSENTING}") { streetAddress } }`, {}, await as('official', '24'));
    expect(other.errors?.[0].message).toBe('This credential is for province 24; the record belongs to province 14.');
  });
});

describe('personal fields at each subgraph\'s own port', () => {
  const identity = (role: Role, scope?: string): Record<string, string> => (role === 'public' ? {} : { [IDENTITY_HEADER]: signIdentity(viewerOf('test', role, scope)) });

  it.each(MATRIX)('$label, with the gateway\'s signed identity, gets the same as through the gateway', async ({ role, scope, sees }) => {
    for (const [subgraph, document] of Object.entries(SUBGRAPH_QUERIES)) {
      const paths = ALL.filter((path) => document.includes(`${path.split('.')[0]}:`));
      expectExactly(await post(hub().subgraphUrls[subgraph], document, {}, identity(role, scope)), paths, sees);
    }
  });

  it('ignores credentials sent straight to a subgraph: an admin key there reads as anonymous', async () => {
    const adminKey = await as('admin');
    for (const [subgraph, document] of Object.entries(SUBGRAPH_QUERIES)) {
      const paths = ALL.filter((path) => document.includes(`${path.split('.')[0]}:`));
      expectExactly(await post(hub().subgraphUrls[subgraph], document, {}, adminKey), paths, []);
    }
  });

  it('answers 401 to a forged or stale identity header, for every subgraph', async () => {
    const forged = signIdentity(viewerOf('attacker', 'admin'), 'not-the-deployment-secret');
    const stale = signIdentity(viewerOf('test', 'admin'), undefined, Date.now() - 120_000);
    const tampered = signIdentity(viewerOf('test', 'journalist')).replace(/^[^.]+/, Buffer.from(JSON.stringify({ sub: 'test', role: 'admin', iat: Math.floor(Date.now() / 1000) })).toString('base64url'));
    for (const [subgraph, url] of Object.entries(hub().subgraphUrls)) {
      for (const [label, header, message] of [
        ['forged', forged, /not signed by this deployment's gateway/],
        ['stale', stale, /stale/],
        ['tampered', tampered, /not signed by this deployment's gateway/],
      ] as const) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: header }, body: JSON.stringify({ query: SUBGRAPH_QUERIES[subgraph] }) });
        expect([subgraph, label, response.status]).toEqual([subgraph, label, 401]);
        const body = (await response.json()) as GraphqlResponse<unknown>;
        expect(body.data).toBeUndefined();
        expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } });
      }
    }
  });
});

describe('credentials at the gateway', () => {
  const ask = (headers: Record<string, string>) => fetch(hub().gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: `{ household(id: "${CONSENTING}") { headName } }` }) });

  async function refusal(headers: Record<string, string>): Promise<string> {
    const response = await ask(headers);
    expect(response.status).toBe(401);
    const body = (await response.json()) as GraphqlResponse<unknown>;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    return body.errors![0].message;
  }

  it('refuses a forged, an expired and a wrong-audience or wrong-issuer token with 401, saying why', async () => {
    const { privateKey } = await import('node:crypto').then((crypto) => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }));
    const forged = signToken({ sub: 'x', nongsan_role: 'admin' }, { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() });
    expect(await refusal(bearer(forged))).toMatch(/signature does not match/);
    expect(await refusal(bearer(signToken({ sub: 'x', nongsan_role: 'admin' }, { expiresInSeconds: -120 })))).toMatch(/expired/);
    expect(await refusal(bearer(signToken({ sub: 'x', nongsan_role: 'admin', aud: 'another-service' })))).toMatch(/"aud" claim/);
    expect(await refusal(bearer(signToken({ sub: 'x', nongsan_role: 'admin', iss: 'https://evil.example/' })))).toMatch(/"iss" claim/);
    expect(await refusal(bearer(signToken({ sub: 'x', nongsan_role: 'superuser' })))).toMatch(/names no role/);
    // Within the clock skew, an expired token still passes.
    const justExpired = await (await ask(bearer(signToken({ sub: 'x', nongsan_role: 'admin' }, { expiresInSeconds: -5 })))).json() as GraphqlResponse<{ household: { headName: string } }>;
    expect(justExpired.data?.household.headName).toBe(stored['consenting.headName']);
  });

  it('refuses a revoked key, an expired key, an unknown key and junk with 401', async () => {
    const { key, id } = await createKey({ role: 'admin' });
    const before = (await (await ask(bearer(key))).json()) as GraphqlResponse<{ household: { headName: string } }>;
    expect(before.data?.household.headName).toBe(stored['consenting.headName']);
    await revokeKey(id);
    expect(await refusal(bearer(key))).toMatch(new RegExp(`API key ${id} was revoked`));
    expect(await refusal({ 'x-api-key': key })).toMatch(/revoked/);

    const expired = await createKey({ role: 'admin', expiresAt: new Date(Date.now() - 1000) });
    expect(await refusal(bearer(expired.key))).toMatch(/expired/);
    expect(await refusal(bearer(`nsk_${id}_${'A'.repeat(43)}`))).toBe('The API key is not valid.');
    expect(await refusal(bearer('junk'))).toMatch(/neither an API key/);
    expect(await refusal({ authorization: 'Basic abc' })).toMatch(/Bearer/);
  });

  it('keeps a province key to its province', async () => {
    const result = await post<{ household: { headName: string | null } }>(hub().gatewayUrl, `{ household(id: "${CONSENTING}") { headName } }`, {}, await as('official', '24'));
    expect(result.data?.household.headName).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, path: ['household', 'headName'] });
  });
});

describe('the processing log', () => {
  type Reads = Record<string, { subject: string; role: string; operationName: string | null; householdId: string | null; provinceCode: string | null; fields: string[] }[]>;
  const LOG = `{
    registry: registryPersonalDataReads(first: 100) { subject role operationName householdId provinceCode fields }
    marketplace: marketplacePersonalDataReads(first: 100) { subject role operationName householdId provinceCode fields }
    statistics: statisticsPersonalDataReads(first: 100) { subject role operationName householdId provinceCode fields }
    traceability: traceabilityPersonalDataReads(first: 100) { subject role operationName householdId provinceCode fields }
  }`;

  it('records each read of personal fields, in one row per household and request, with the operation name', async () => {
    const { key, id } = await createKey({ role: 'official', scope: '14', owner: 'log test' });
    const count = () => withDatabase(async (client) => Number((await client.query('select count(*) from registry.personal_data_read')).rows[0].count));
    const before = await count();
    const result = await post(hub().gatewayUrl, `query ContactSheet { a: household(id: "${CONSENTING}") { headName phone } b: household(id: "${NOT_CONSENTING}") { headName } c: household(id: "${CENSUS_HOUSEHOLD}") { headName } }`, {}, bearer(key));
    expect(result.errors?.map((error) => (error as { path?: string[] }).path)).toEqual([['c', 'headName']]);
    expect(await count()).toBe(before + 2);

    const log = await post<Reads>(hub().gatewayUrl, LOG, {}, await as('admin'));
    expect(log.errors).toBeUndefined();
    const mine = log.data!.registry.filter((read) => read.subject === `key:${id}`);
    expect(mine).toEqual(expect.arrayContaining([
      { subject: `key:${id}`, role: 'official', operationName: expect.stringContaining('ContactSheet'), householdId: CONSENTING, provinceCode: '14', fields: ['Household.headName', 'Household.phone'] },
      { subject: `key:${id}`, role: 'official', operationName: expect.stringContaining('ContactSheet'), householdId: NOT_CONSENTING, provinceCode: '14', fields: ['Household.headName'] },
    ]));
    // The refused read of another province's household is not a read.
    expect(mine.map((read) => read.householdId)).not.toContain(CENSUS_HOUSEHOLD);
    // The matrix above read every subgraph's personal fields: each kept its own log.
    for (const subgraph of ['marketplace', 'statistics', 'traceability']) expect([subgraph, log.data![subgraph].length > 0]).toEqual([subgraph, true]);
  });

  it('shows an official their province only, and nobody else anything', async () => {
    const official = await post<Reads>(hub().gatewayUrl, LOG, {}, await as('official', '24'));
    expect(official.errors).toBeUndefined();
    for (const reads of Object.values(official.data!)) for (const read of reads) expect(read.provinceCode).toBe('24');
    expect(official.data!.traceability.length).toBeGreaterThan(0);
    for (const [role, scope] of [['public'], ['journalist'], ['trade', '14'], ['partner', 'POSTMART']] as [Role, string?][]) {
      const refused = await post<Reads>(hub().gatewayUrl, LOG, {}, await as(role, scope));
      expect(refused.data ?? null).toBeNull();
      expect(new Set(refused.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    }
  });
});
