import { demoDataset } from '../demo/dataset';
import { currentCommune } from '../platform/places';
import type { Role } from '../platform/access/roles';
import { as, closeKeyStore } from './support/access';
import { hub, post, withDatabase, type GraphqlResponse } from './support/hub';
import { sendEvents } from './support/marketplace';

/*
 * Every mutation of the graph, and every review list, asked anonymously and by each role: refused (FORBIDDEN,
 * nothing written) unless the caller is an official of the record's province, a national official or an admin.
 */
const SHOP = 'PM-940002';
const households = demoDataset().households;
// A head whose name no other head of the commune shares: the matcher proposes that household and waits for review.
const seller = households.filter((household) => household.provinceCode === '14')
  .find((household) => households.filter((other) => other.communeCode === household.communeCode && other.head.fullName === household.head.fullName).length === 1)!;

const CALLERS: { label: string; role: Role; scope?: string }[] = [
  { label: 'anonymous', role: 'public' },
  { label: 'a journalist', role: 'journalist' },
  { label: 'a partner of the shop\'s own platform', role: 'partner', scope: 'POSTMART' },
  { label: 'trade officers of the province', role: 'trade', scope: '14' },
  { label: 'an official of another province', role: 'official', scope: '24' },
];

const MUTATIONS = [
  { name: 'settleShopLink', document: `mutation { settleShopLink(shopId: "${SHOP}", householdId: "HH-03980-00002") { id } }` },
  { name: 'settleShopLinks', document: `mutation { settleShopLinks(settlements: [{ shopId: "${SHOP}", householdId: null }]) { id } }` },
];

async function shopRow(): Promise<Record<string, unknown>> {
  return withDatabase(async (client) => (await client.query('select link_status, link_method, household_id, link_confidence, link_settled_at from marketplace.shop where id = $1', [SHOP])).rows[0]);
}

async function censusRows(): Promise<{ id: number; commune_code: string | null }[]> {
  return withDatabase(async (client) => (await client.query('select id, commune_code, household_id, link_status, link_method from statistics.census_record order by id')).rows);
}

beforeAll(async () => {
  const answer = await sendEvents('POSTMART', [{
    id: 'access-mutation-shop-1', type: 'shop.opened', occurredAt: '2026-09-01T08:00:00+07:00', shopId: '940002',
    data: { name: 'Cửa hàng chờ duyệt', openedAt: '2026-09-01T08:00:00+07:00', rating: null, seller: { name: seller.head.fullName, phone: '0987 654 940', commune: { code: seller.communeCode } } },
  }]);
  expect(answer.body.shopLinks).toEqual({ linked: 0, review: 1, unlinked: 0 });
});
afterAll(closeKeyStore);

describe('review lists', () => {
  const reviews = `{ shopLinkReviews(platform: POSTMART, first: 100) { nodes { id sellerName phoneLastDigits } } }`;
  type Reviews = { shopLinkReviews: { nodes: { id: string; sellerName: string; phoneLastDigits: string }[] } };

  it.each(CALLERS.filter((caller) => caller.role !== 'official'))('are refused to $label', async ({ role, scope }) => {
    const result = await post<Reviews>(hub().gatewayUrl, reviews, {}, await as(role, scope));
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const census = await post(hub().gatewayUrl, '{ censusLinkReviews { totalCount } }', {}, await as(role, scope));
    expect(census.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('show an official the masked evidence of their province only', async () => {
    const own = await post<Reviews>(hub().gatewayUrl, reviews, {}, await as('official', '14'));
    expect(own.data?.shopLinkReviews.nodes).toContainEqual({ id: SHOP, sellerName: expect.stringMatching(/\.$/), phoneLastDigits: '940' });
    const other = await post<Reviews>(hub().gatewayUrl, reviews, {}, await as('official', '24'));
    expect(other.errors).toBeUndefined();
    expect(other.data?.shopLinkReviews.nodes.map((node) => node.id)).not.toContain(SHOP);
    const admin = await post<Reviews>(hub().gatewayUrl, reviews, {}, await as('admin'));
    expect(admin.data?.shopLinkReviews.nodes.map((node) => node.id)).toContain(SHOP);
  });
});

describe('mutations', () => {
  it.each(CALLERS)('are refused to $label, and nothing is written', async ({ role, scope }) => {
    const shopBefore = await shopRow();
    const censusBefore = await censusRows();
    // A record outside province 24, so that the official of 24 is refused it too.
    const census = censusBefore.find((row) => row.commune_code && currentCommune(row.commune_code)?.provinceCode !== '24')!.id;
    const documents = [
      ...MUTATIONS.map((mutation) => mutation.document),
      `mutation { settleCensusLink(recordId: "${census}", householdId: null) { id } }`,
      `mutation { settleCensusLinks(settlements: [{ recordId: "${census}", householdId: null }]) { id } }`,
    ];
    for (const document of documents) {
      const result = await post(hub().gatewayUrl, document, {}, await as(role, scope));
      expect([document, result.data ?? null]).toEqual([document, null]);
      expect([document, result.errors?.map((error) => error.extensions?.code)]).toEqual([document, ['FORBIDDEN']]);
    }
    expect(await shopRow()).toEqual(shopBefore);
    expect(await censusRows()).toEqual(censusBefore);
  });

  it('are refused at the marketplace subgraph\'s own port to an anonymous caller', async () => {
    const before = await shopRow();
    const result = await post(hub().subgraphUrls.marketplace, MUTATIONS[0].document);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await shopRow()).toEqual(before);
  });

  it('refuses an official a record of another province by name, all or nothing', async () => {
    const before = await shopRow();
    const result = await post(hub().gatewayUrl, MUTATIONS[1].document, {}, await as('official', '24'));
    expect(result.errors?.[0].message).toBe(`This credential is for province 24; shop ${SHOP} is outside it. Nothing was changed.`);
    expect(await shopRow()).toEqual(before);
  });

  it('lets an admin and a national official past the guard to the ordinary checks', async () => {
    for (const headers of [await as('admin'), await as('official')]) {
      const result = await post(hub().gatewayUrl, 'mutation { settleCensusLinks(settlements: [{ recordId: "99999999", householdId: null }]) { id } }', {}, headers);
      expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([['BAD_USER_INPUT', 'No census record 99999999.']]);
    }
  });

  it('lets an official of the shop\'s province settle it', async () => {
    const result = await post<{ settleShopLink: { id: string; linkStatus: string; linkMethod: string; household: { id: string } } }>(
      hub().gatewayUrl,
      `mutation { settleShopLink(shopId: "${SHOP}", householdId: "${seller.id}") { id linkStatus linkMethod household { id } } }`,
      {},
      await as('official', '14'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.settleShopLink).toEqual({ id: SHOP, linkStatus: 'LINKED', linkMethod: 'MANUAL', household: { id: seller.id } });
    expect(await shopRow()).toMatchObject({ link_status: 'LINKED', link_method: 'MANUAL', household_id: seller.id });
  });
});
