import fs from 'node:fs';
import path from 'node:path';
import { demoDataset, SHOWCASE } from '../demo/dataset';
import { startFakeMarketplace, type FakeMarketplace, type Fault } from '../demo/fake-marketplace';
import { generateMarketplaceFeed, type FeedEvent } from '../demo/marketplace-feed';
import { nationalIdHash } from '../platform/identity/normalise';
import { ImportRejected } from '../platform/ingest/problems';
import { pullMarketplace } from '../subgraphs/marketplace/ingest';
import { JourneyDocument } from './generated/graphql';
import { countStatements, hub, post, query, withDatabase } from './support/hub';
import { as, closeKeyStore } from './support/access';
import { hubHouseholdMatcher, sendEvents, webhookUrl, withMarketplaceDatabase } from './support/marketplace';
import { LINK_THRESHOLD, REVIEW_THRESHOLD } from '../platform/linking/decision';

/*
 * Marketplace feeds over real HTTP: platforms push signed events to the marketplace subgraph's webhook, or the hub
 * pulls them from a (fake) events API; what they say shows up through the gateway.
 */

const SELLER = { name: 'nguyễn  văn an', phone: '0912 345 678', nationalId: '001090012345', commune: { name: 'Lục Ngạn', province: 'Bắc Ninh' } };

function shopOpened(id: string, shopId: string, occurredAt: string, data: Record<string, unknown> = {}): FeedEvent {
  return { id, type: 'shop.opened', occurredAt, shopId, data: { name: 'Vải thiều Anh An', openedAt: occurredAt, rating: null, seller: SELLER, ...data } };
}

function listingEvent(type: string, id: string, shopId: string, listingId: string, occurredAt: string, data: Record<string, unknown> = {}): FeedEvent {
  return {
    id, type, occurredAt, shopId, listingId,
    data: {
      title: 'Na Chi Lăng loại đặc biệt', category: 'Trái cây tươi', isFarmInput: false, priceVnd: 90000, unit: 'kg', kgPerUnit: 1,
      gtin: '8931234567897', createdAt: '2026-08-01T08:00:00+07:00', ...data,
    },
  };
}

function orderEvent(type: string, id: string, shopId: string, listingId: string, orderId: string, occurredAt: string, data: Record<string, unknown> = {}): FeedEvent {
  return {
    id, type, occurredAt, shopId, listingId, orderId,
    // 00004 is Ba Đình, Hà Nội.
    data: { quantity: 12, valueVnd: 1_080_000, orderedAt: '2026-08-02T09:00:00+07:00', destination: { country: 'VN', commune: { code: '00004' } }, ...data },
  };
}

async function rowsOf(table: string, where: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  return withDatabase(async (client) => (await client.query(`select * from marketplace.${table} where ${where} order by 1`, values)).rows);
}

afterAll(closeKeyStore);

describe('the marketplace webhook', () => {
  it('takes a signed listing and order for a registry household’s shop, and the order shows in its sales and the Journey query', async () => {
    const household = SHOWCASE.custardAppleCooperative;
    const salesQuery = `query ($id: ID!) { household(id: $id) { sales { orderCount quantityKg valueVnd } shops { id platform externalId } } }`;
    type Sales = { household: { sales: { orderCount: number; quantityKg: number; valueVnd: number }; shops: { id: string; platform: string; externalId: string }[] } };
    const before = await query<Sales>(salesQuery, { id: household });
    const shop = before.household.shops!.find((candidate) => candidate.platform === 'POSTMART')!;

    const answer = await sendEvents('POSTMART', [
      listingEvent('listing.created', 'flagship-1', shop.externalId, '9001', '2026-08-01T08:00:00+07:00'),
      orderEvent('order.placed', 'flagship-2', shop.externalId, '9001', 'FLAG-1', '2026-08-02T09:00:00+07:00'),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ received: 2, duplicates: 0, listings: { inserted: 1 }, orders: { inserted: 1 } });

    const after = await query<Sales>(salesQuery, { id: household });
    expect(after.household.sales.orderCount).toBe(before.household.sales.orderCount + 1);
    expect(after.household.sales.quantityKg).toBeCloseTo(before.household.sales.quantityKg + 12, 3);
    expect(after.household.sales.valueVnd).toBe(before.household.sales.valueVnd + 1_080_000);

    const { household: journey } = await query(JourneyDocument, { id: household });
    const listing = journey!.shops!.find((candidate) => candidate.id === shop.id)!.listings.find((candidate) => candidate.id === `${shop.id}-L9001`)!;
    expect(listing.title).toBe('Na Chi Lăng loại đặc biệt');
    expect(listing.sales).toEqual({
      orderCount: 1, quantityKg: 12, valueVnd: 1_080_000,
      byProvince: [{ province: { code: '01', name: 'Hà Nội' }, quantityKg: 12 }],
      byCountry: [{ country: 'VN', quantityKg: 12 }],
    });
  });

  it('opens a shop for a seller not yet linked to a household, keeping the ID number only as a keyed hash', async () => {
    const answer = await sendEvents('postmart', [shopOpened('seller-1', '910001', '2026-09-01T08:00:00+07:00')]);
    expect(answer.status).toBe(200);

    const result = await query<{ shop: unknown }>(`{ shop(id: "PM-910001") { name platform rating household { id } commune { code name } province { code } } }`);
    expect(result.shop).toEqual({
      name: 'Vải thiều Anh An', platform: 'POSTMART', rating: null, household: null, commune: { code: '07582', name: 'Lục Ngạn' }, province: { code: '24' },
    });
    const [row] = await rowsOf('shop', 'id = $1', ['PM-910001']);
    expect(row).toMatchObject({
      household_id: null, seller_name: 'Nguyễn Văn An', seller_phone: '+84912345678', seller_national_id_hash: nationalIdHash('001090012345'),
      commune_resolved_via: 'name', source: 'webhook:POSTMART', source_ref: 'seller-1',
    });
    expect(JSON.stringify(row)).not.toContain('001090012345');
    expect(Date.now() - (row.imported_at as Date).getTime()).toBeLessThan(60_000);
  });

  it('reads a seller’s commune written as before the 2025 reorganisation, and a divided one, as today’s', async () => {
    const answer = await sendEvents('VOSO', [
      shopOpened('old-place-1', '910101', '2026-09-01T08:00:00+07:00', {
        seller: { ...SELLER, commune: { name: 'Xã Tân Sơn', district: 'Huyện Lục Ngạn', province: 'Tỉnh Bắc Giang' } },
      }),
      // 00007 is an old Hà Nội ward divided between Giảng Võ (00025, which kept its code) and Ngọc Hà (00008).
      shopOpened('old-place-2', '910102', '2026-09-01T08:00:00+07:00', { seller: { ...SELLER, commune: { code: '00007' } } }),
    ]);
    expect(answer.status).toBe(200);
    const rows = await rowsOf('shop', 'id = any($1)', [['VS-910101', 'VS-910102']]);
    expect(rows.map((row) => [row.id, row.commune_code, row.province_code, row.commune_resolved_via])).toEqual([
      ['VS-910101', '07531', '24', 'legacy-name'],
      ['VS-910102', '00025', '01', 'legacy-code (split)'],
    ]);

    const unknown = await sendEvents('VOSO', [shopOpened('old-place-3', '910103', '2026-09-01T08:00:00+07:00', { seller: { ...SELLER, commune: { name: 'Xã Không Có', province: 'Lạng Sơn' } } })]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.problems).toEqual([{
      eventIndex: 0, field: 'data.seller.commune',
      message: 'no commune, current or from before July 2025, matches name "Xã Không Có", province "Lạng Sơn" (or the name fits several): send the commune code, or add the province.',
    }]);
  });

  it('refuses a wrong signature with 401, naming the secret to check, and writes nothing', async () => {
    const events = [shopOpened('forged-1', '910002', '2026-09-01T08:00:00+07:00')];
    const forged = await sendEvents('POSTMART', events, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect(forged.body.error).toMatch(/^Signature refused for POSTMART: The signature does not match the body\. .*MARKETPLACE_POSTMART_SECRET/);

    const replayed = await sendEvents('POSTMART', events, { now: Date.now() - 3600_000 });
    expect(replayed.status).toBe(401);
    expect(replayed.body.error).toContain('requests older than 300 s are refused as possible replays');

    const unsigned = await fetch(webhookUrl('POSTMART'), { method: 'POST', body: JSON.stringify({ events }) });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: string }).error).toContain('no x-nongsan-signature header');

    expect(await rowsOf('shop', 'id = $1', ['PM-910002'])).toEqual([]);
    expect(await rowsOf('received_event', 'event_id = $1', ['forged-1'])).toEqual([]);
  });

  it('answers 404 for a platform it does not know', async () => {
    const answer = await sendEvents('SHOPEE', [shopOpened('shopee-1', '1', '2026-09-01T08:00:00+07:00')]);
    expect(answer.status).toBe(404);
    expect(answer.body.error).toBe('Unknown marketplace "SHOPEE": the hub takes events from POSTMART, VOSO.');
  });

  it('changes nothing when the same events come again', async () => {
    const events = [
      shopOpened('again-1', '910003', '2026-09-02T08:00:00+07:00'),
      listingEvent('listing.created', 'again-2', '910003', '1', '2026-09-02T08:05:00+07:00'),
      orderEvent('order.placed', 'again-3', '910003', '1', 'AGAIN-1', '2026-09-02T09:00:00+07:00'),
    ];
    expect((await sendEvents('POSTMART', events)).status).toBe(200);
    const stored = async () => [
      ...(await rowsOf('shop', 'id = $1', ['PM-910003'])),
      ...(await rowsOf('listing', 'id = $1', ['PM-910003-L1'])),
      ...(await rowsOf('"order"', 'id = $1', ['PM-OD-AGAIN-1'])),
    ];
    const first = await stored();
    expect(first).toHaveLength(3);

    const again = await sendEvents('POSTMART', events);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      received: 3, duplicates: 3,
      shops: { inserted: 0, updated: 0, unchanged: 0 }, listings: { inserted: 0, updated: 0, unchanged: 0 }, orders: { inserted: 0, updated: 0, unchanged: 0 },
      shopLinks: { linked: 0, review: 0, unlinked: 0 },
    });
    expect(await stored()).toEqual(first);
  });

  it('keeps the newer state when an older event arrives later, and records the older one as seen', async () => {
    await sendEvents('POSTMART', [shopOpened('order-1', '910004', '2026-09-03T08:00:00+07:00'), listingEvent('listing.created', 'order-2', '910004', '1', '2026-09-03T08:05:00+07:00')]);
    const newer = await sendEvents('POSTMART', [listingEvent('listing.changed', 'order-3', '910004', '1', '2026-09-03T10:00:00+07:00', { priceVnd: 60000 })]);
    expect(newer.body).toMatchObject({ listings: { updated: 1 } });
    const older = await sendEvents('POSTMART', [listingEvent('listing.changed', 'order-4', '910004', '1', '2026-09-03T09:00:00+07:00', { priceVnd: 50000 })]);
    expect(older.status).toBe(200);
    expect(older.body).toMatchObject({ duplicates: 0, listings: { inserted: 0, updated: 0, unchanged: 1 } });

    const { listing } = await query<{ listing: { priceVnd: number } }>(`{ listing(id: "PM-910004-L1") { priceVnd } }`);
    expect(listing.priceVnd).toBe(60000);
    expect(await rowsOf('received_event', 'event_id = $1', ['order-4'])).toHaveLength(1);
  });

  it('applies order events sent out of order by their time, and a removal that arrives before the listing', async () => {
    const answer = await sendEvents('POSTMART', [
      shopOpened('late-1', '910005', '2026-09-04T08:00:00+07:00'),
      orderEvent('order.delivered', 'late-2', '910005', '1', 'LATE-1', '2026-09-06T15:00:00+07:00', { deliveredAt: '2026-09-06T15:00:00+07:00' }),
      listingEvent('listing.created', 'late-3', '910005', '1', '2026-09-04T08:05:00+07:00'),
      orderEvent('order.placed', 'late-4', '910005', '1', 'LATE-1', '2026-09-05T09:00:00+07:00'),
    ]);
    expect(answer.status).toBe(200);
    const { shop } = await query<{ shop: { listings: { orders: { nodes: { status: string; deliveredAt: string }[] } }[] } }>(
      `{ shop(id: "PM-910005") { listings { orders(first: 5) { nodes { status deliveredAt } } } } }`,
    );
    expect(shop.listings[0].orders.nodes).toEqual([{ status: 'DELIVERED', deliveredAt: '2026-09-06T08:00:00.000Z' }]);

    // The platform removed listing 2 at 10:00; its creation (08:30) arrives afterwards and must not bring it back.
    await sendEvents('POSTMART', [{ id: 'late-5', type: 'listing.removed', occurredAt: '2026-09-04T10:00:00+07:00', shopId: '910005', listingId: '2' }]);
    await sendEvents('POSTMART', [listingEvent('listing.created', 'late-6', '910005', '2', '2026-09-04T08:30:00+07:00')]);
    const { listing } = await query<{ listing: { status: string } }>(`{ listing(id: "PM-910005-L2") { status } }`);
    expect(listing.status).toBe('REMOVED');
  });

  it('refuses a batch with an invalid event with 400, naming the event and the field, and writes none of it', async () => {
    const answer = await sendEvents('POSTMART', [
      shopOpened('bad-1', '910006', '2026-09-07T08:00:00+07:00'),
      listingEvent('listing.created', 'bad-2', '910006', '1', '2026-09-07T08:05:00+07:00', { priceVnd: 'ba mươi nghìn' }),
      shopOpened('bad-3', '910007', '2026-09-07T08:00:00+07:00', { seller: { ...SELLER, nationalId: '99912345678' } }),
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('Nothing was taken in: 2 problems in the POSTMART events. Fix them and send the whole request again.');
    expect(answer.body.problems).toEqual([
      { eventIndex: 1, field: 'data.priceVnd', message: 'must be a whole number.' },
      { eventIndex: 2, field: 'data.seller.nationalId', message: 'is not an ID number: a CCCD has 12 digits (the first three a province code 001-096), an old CMND 9.' },
    ]);
    expect(JSON.stringify(answer.body)).not.toContain('99912345678');
    expect(await rowsOf('shop', 'id = any($1)', [['PM-910006', 'PM-910007']])).toEqual([]);
    expect(await rowsOf('received_event', 'event_id like $1', ['bad-%'])).toEqual([]);
  });

  it('refuses listings of a shop it has never heard of, writing nothing', async () => {
    const answer = await sendEvents('VOSO', [
      shopOpened('orphan-1', '910008', '2026-09-08T08:00:00+07:00'),
      listingEvent('listing.created', 'orphan-2', '919999', '1', '2026-09-08T08:05:00+07:00'),
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toEqual([{
      eventIndex: 1, field: 'shopId', value: '919999',
      message: 'no shop "919999" is known on Voso.vn (Viettel Post): send its shop.opened event first, or in the same request.',
    }]);
    expect(await rowsOf('shop', 'id = $1', ['VS-910008'])).toEqual([]);
  });

  it('takes a batch of 200 events with as many SQL statements as a batch of 20', async () => {
    const feed = (idPrefix: string, firstShopNumber: number, shops: number) =>
      generateMarketplaceFeed({ shops, listingsPerShop: 2, ordersPerListing: 4, idPrefix, firstShopNumber });
    const small = feed('count20', 920_000, 2).slice(0, 20);
    const large = feed('count200', 921_000, 12).slice(0, 200);
    expect([small.length, large.length]).toEqual([20, 200]);
    const answers: Record<string, unknown>[] = [];
    const smallCount = await countStatements(async () => answers.push((await sendEvents('POSTMART', small)).body));
    const largeCount = await countStatements(async () => answers.push((await sendEvents('POSTMART', large)).body));
    expect(answers.map((answer) => answer.received)).toEqual([20, 200]);
    expect(largeCount.marketplace).toBe(smallCount.marketplace);
  });
});

describe('linking marketplace shops to registry households', () => {
  const households = demoDataset().households;
  // Heads whose name no other head in their commune shares, so that the matcher has one household to propose.
  // From the end of the list: other suites look at the first households' shops.
  const unique = households.filter((household) => households.filter((other) => other.communeCode === household.communeCode && other.head.fullName === household.head.fullName).length === 1);
  type HouseholdShops = { household: { shops: { id: string; linkStatus: string; linkMethod: string | null; linkConfidence: number }[]; sales: { orderCount: number } } };
  const shopsQuery = `query ($id: ID!) { household(id: $id) { shops { id linkStatus linkMethod linkConfidence } sales { orderCount } } }`;
  // One batch: the shop opened by this seller, a listing (number 1) and an order of it.
  const openShopAndSell = (platform: string, eventPrefix: string, shopId: string, orderId: string, seller: Record<string, unknown>) =>
    sendEvents(platform, [
      shopOpened(`${eventPrefix}-1`, shopId, '2026-09-01T08:00:00+07:00', { seller }),
      listingEvent('listing.created', `${eventPrefix}-2`, shopId, '1', '2026-09-01T09:00:00+07:00'),
      orderEvent('order.placed', `${eventPrefix}-3`, shopId, '1', orderId, '2026-09-02T09:00:00+07:00'),
    ]);

  it('links a shop whose seller gives the head’s ID number, with the listings and orders of the same batch', async () => {
    const household = unique[unique.length - 4];
    const seller = { name: household.head.fullName.toLowerCase(), phone: '0987 000 111', nationalId: household.head.nationalId, commune: { code: household.communeCode } };
    const before = await query<HouseholdShops>(shopsQuery, { id: household.id });
    const answer = await openShopAndSell('VOSO', 'link-id', '930001', 'LINK-ID-1', seller);
    expect(answer.status).toBe(200);
    expect(answer.body.shopLinks).toEqual({ linked: 1, review: 0, unlinked: 0 });

    const after = await query<HouseholdShops>(shopsQuery, { id: household.id });
    expect(after.household.shops!).toContainEqual({ id: 'VS-930001', linkStatus: 'LINKED', linkMethod: 'NATIONAL_ID', linkConfidence: 1 });
    expect(after.household.sales.orderCount).toBe(before.household.sales.orderCount + 1);
    const { household: journey } = await query(JourneyDocument, { id: household.id });
    expect(journey!.shops!.find((shop) => shop.id === 'VS-930001')!.listings.map((listing) => listing.id)).toEqual(['VS-930001-L1']);
  });

  it('puts an uncertain seller in the review list, masked, and an official’s settlement links the shop with its listings and orders', async () => {
    const household = unique[unique.length - 8];
    // The head's name in the right commune, but another phone and no ID number: plausible, not certain.
    const seller = { name: household.head.fullName, phone: '0977 123 456', commune: { code: household.communeCode } };
    const answer = await openShopAndSell('POSTMART', 'link-review', '930101', 'LINK-REVIEW-1', seller);
    expect(answer.status).toBe(200);
    expect(answer.body.shopLinks).toEqual({ linked: 0, review: 1, unlinked: 0 });

    type Reviews = { shopLinkReviews: { totalCount: number; nodes: { id: string; sellerName: string; phoneLastDigits: string; hasNationalId: boolean; commune: { code: string }; shop: { name: string; household: null }; candidates: { household: { id: string }; method: string; confidence: number }[] }[] } };
    const reviews = await query<Reviews>(
      `query ($commune: String) { shopLinkReviews(communeCode: $commune, platform: POSTMART, first: 50) { totalCount nodes {
         id sellerName phoneLastDigits hasNationalId commune { code } shop { name household { id } } candidates { household { id } method confidence } } } }`,
      { commune: household.communeCode },
      await as('official'),
    );
    const review = reviews.shopLinkReviews.nodes.find((node) => node.id === 'PM-930101')!;
    const [family, ...rest] = household.head.fullName.split(' ');
    expect(review).toMatchObject({ phoneLastDigits: '456', hasNationalId: false, commune: { code: household.communeCode }, shop: { name: 'Vải thiều Anh An', household: null } });
    expect(review.sellerName).toBe(`${family} ${rest.map((word) => `${word[0]}.`).join(' ')}`);
    expect(review.candidates[0]).toMatchObject({ household: { id: household.id }, method: 'NAME_AND_COMMUNE' });
    // Between the thresholds: plausible enough for review, not enough to link.
    expect(review.candidates[0].confidence).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
    expect(review.candidates[0].confidence).toBeLessThan(LINK_THRESHOLD);
    const [orderBefore] = await rowsOf('order', 'id = $1', ['PM-OD-LINK-REVIEW-1']);
    expect(orderBefore.seller_household_id).toBeNull();

    const settled = await query<{ settleShopLinks: { id: string; linkStatus: string; linkMethod: string; household: { id: string } }[] }>(
      `mutation ($settlements: [ShopLinkSettlement!]!) { settleShopLinks(settlements: $settlements) { id linkStatus linkMethod household { id } } }`,
      { settlements: [{ shopId: 'PM-930101', householdId: household.id }] },
      await as('official'),
    );
    expect(settled.settleShopLinks).toEqual([{ id: 'PM-930101', linkStatus: 'LINKED', linkMethod: 'MANUAL', household: { id: household.id } }]);
    const [listing] = await rowsOf('listing', 'id = $1', ['PM-930101-L1']);
    const [order] = await rowsOf('order', 'id = $1', ['PM-OD-LINK-REVIEW-1']);
    expect([listing.household_id, order.seller_household_id]).toEqual([household.id, household.id]);
    const again = await query<Reviews>(`query ($commune: String) { shopLinkReviews(communeCode: $commune, first: 50) { totalCount nodes { id } } }`, { commune: household.communeCode }, await as('official'));
    expect(again.shopLinkReviews.nodes.map((node) => node.id)).not.toContain('PM-930101');

    // A later change of the shop on the platform keeps the official's decision.
    const changed = await sendEvents('POSTMART', [shopOpened('link-review-4', '930101', '2026-09-05T08:00:00+07:00', { name: 'Vải thiều nhà An', seller: { ...seller, phone: '0911 222 333' } })]);
    expect(changed.status).toBe(200);
    const [shop] = await rowsOf('shop', 'id = $1', ['PM-930101']);
    expect(shop).toMatchObject({ name: 'Vải thiều nhà An', household_id: household.id, link_status: 'LINKED', link_method: 'MANUAL' });
  });

  it('refuses settlements of shops it does not know, changing nothing', async () => {
    const answer = await post(hub().gatewayUrl, `mutation { settleShopLinks(settlements: [{ shopId: "PM-930101", householdId: null }, { shopId: "PM-NOPE" }]) { id } }`, {}, await as('official'));
    expect(answer.errors?.[0]).toMatchObject({ message: 'No shop PM-NOPE.', extensions: { code: 'BAD_USER_INPUT' } });
    const [shop] = await rowsOf('shop', 'id = $1', ['PM-930101']);
    expect(shop.link_status).toBe('LINKED');
  });

  it('takes nothing of a pulled page when the registry cannot be asked, and the next pull takes it', async () => {
    const token = 'test-voso-token';
    const events = generateMarketplaceFeed({ shops: 2, listingsPerShop: 1, ordersPerListing: 2, idPrefix: 'nolink', firstShopNumber: 960_000, seed: 960_000 });
    const fake = await startFakeMarketplace({ events, token });
    try {
      const unreachable = { match: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:4001')) };
      const pull = (householdMatcher: typeof unreachable | ReturnType<typeof hubHouseholdMatcher>) =>
        withMarketplaceDatabase((em) => pullMarketplace({ em, householdMatcher, platform: 'POSTMART', baseUrl: fake.url, token, since: '', pageSize: 50 }));
      await expect(pull(unreachable)).rejects.toThrow('Shops could not be linked to registry households: connect ECONNREFUSED');
      const stored = async () => withDatabase(async (client) => Number((await client.query(`select count(*) from marketplace.received_event where event_id like 'nolink%'`)).rows[0].count));
      expect(await stored()).toBe(0);
      const summary = await pull(hubHouseholdMatcher());
      expect(summary.newEvents).toBe(events.length);
      expect(summary.shopLinks.linked + summary.shopLinks.review + summary.shopLinks.unlinked).toBe(2);
      expect(await stored()).toBe(events.length);
    } finally {
      await fake.stop();
    }
  });
});

describe('the sample event batch (subgraphs/marketplace/ingest/samples/voso-su-kien.json)', () => {
  const sample = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'subgraphs', 'marketplace', 'ingest', 'samples', 'voso-su-kien.json'), 'utf8')) as { events: FeedEvent[] };
  // The demo households whose heads the sample's two sellers are (Cái Bè, Đồng Tháp).
  const seller = 'HH-28360-00013';
  const namesake = 'HH-28360-00016';

  it('goes in through the webhook, links the seller who gave an ID number, and shows up in the flagship query', async () => {
    const answer = await sendEvents('VOSO', sample.events);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      received: 10, duplicates: 0, shops: { inserted: 2 }, listings: { inserted: 3 }, orders: { inserted: 3 },
      shopLinks: { linked: 1, review: 1, unlinked: 0 },
    });
    const { household } = await query(JourneyDocument, { id: seller });
    const shop = household!.shops!.find((candidate) => candidate.id === 'VS-880001')!;
    expect(shop.listings.map((listing) => [listing.title, listing.sales])).toEqual([
      ['Xoài cát Hòa Lộc loại 1', {
        // The cancelled order is no sale.
        orderCount: 1, quantityKg: 20, valueVnd: 1_300_000,
        byProvince: [{ province: { code: '01', name: 'Hà Nội' }, quantityKg: 20 }],
        byCountry: [{ country: 'VN', quantityKg: 20 }],
      }],
      ['Xoài sấy dẻo túi 500 g', { orderCount: 1, quantityKg: 20, valueVnd: 3_400_000, byProvince: [], byCountry: [{ country: 'KR', quantityKg: 20 }] }],
    ]);
    const reviews = await query<{ shopLinkReviews: { nodes: { id: string; candidates: { household: { id: string } }[] }[] } }>(
      `{ shopLinkReviews(communeCode: "28360", platform: VOSO) { nodes { id candidates { household { id } } } } }`,
      {},
      await as('official'),
    );
    expect(reviews.shopLinkReviews.nodes).toContainEqual({ id: 'VS-880002', candidates: [{ household: { id: namesake } }] });
  });

  it('changes nothing when sent again', async () => {
    const tables = ['shop', 'listing', '"order"'];
    const snapshot = () => withDatabase(async (client) => Promise.all(tables.map(async (table) =>
      (await client.query(`select * from marketplace.${table} where id like 'VS-880%' or id like 'VS-OD-S-100%' order by id`)).rows)));
    const before = await snapshot();
    const again = await sendEvents('VOSO', sample.events);
    expect(again.body).toMatchObject({ received: 10, duplicates: 10, shops: { inserted: 0, updated: 0 }, listings: { inserted: 0, updated: 0 }, orders: { inserted: 0, updated: 0 } });
    expect(await snapshot()).toEqual(before);
    expect(before.map((rows) => rows.length)).toEqual([2, 3, 3]);
  });
});

describe('pulling from a marketplace events API', () => {
  const token = 'test-voso-token';
  let fake: FakeMarketplace;
  let fault: (request: number) => Fault = () => null;
  const feed = (idPrefix: string, firstShopNumber: number) =>
    generateMarketplaceFeed({ shops: 4, listingsPerShop: 2, ordersPerListing: 5, idPrefix, firstShopNumber, seed: firstShopNumber });
  const pull = (options: { attempts?: number } = {}) =>
    withMarketplaceDatabase((em) => pullMarketplace({ em, householdMatcher: hubHouseholdMatcher(), platform: 'VOSO', baseUrl: fake.url, token, pageSize: 25, retry: { baseDelayMs: 1, attempts: options.attempts } }));
  const count = async (sql: string, values: unknown[]) => withDatabase(async (client) => Number((await client.query(sql, values)).rows[0].count));
  const storedCursor = () => withDatabase(async (client) => (await client.query(`select cursor from marketplace.pull_cursor where platform = 'VOSO'`)).rows[0]?.cursor as string | undefined);

  beforeAll(async () => {
    fake = await startFakeMarketplace({ events: [], token, fault: (request) => fault(request) });
  });
  afterAll(() => fake.stop());

  it('pages through every event, past a 429 and a page served twice', async () => {
    const events = feed('pull1', 950_000);
    fake.publish(events);
    fault = (request) => (request === 2 ? 'too-many-requests' : request === 4 ? 'repeat-previous-page' : null);
    const summary = await pull();
    expect(summary.retries).toBe(1);
    expect(summary.newEvents).toBe(events.length);
    expect(summary.duplicates).toBe(25);
    expect(summary.pages).toBe(Math.ceil(events.length / 25) + 1);
    expect(await count(`select count(*) from marketplace.shop where id like 'VS-9500%' and source = 'pull:VOSO'`, [])).toBe(4);
    expect(await count(`select count(*) from marketplace.listing where id like 'VS-9500%'`, [])).toBe(8);
    expect(await count(`select count(*) from marketplace."order" where id like 'VS-OD-pull1%'`, [])).toBe(new Set(events.map((event) => event.orderId).filter(Boolean)).size);
    const delivered = events.filter((event) => event.type === 'order.delivered').length;
    expect(await count(`select count(*) from marketplace."order" where id like 'VS-OD-pull1%' and status = 'DELIVERED'`, [])).toBe(delivered);
  });

  it('starts the next pull where the last one stopped', async () => {
    const before = await storedCursor();
    const requestsBefore = fake.requests.length;
    const events = feed('pull2', 951_000);
    fake.publish(events);
    fault = () => null;
    const summary = await pull();
    expect(fake.requests[requestsBefore].cursor).toBe(before);
    expect(summary).toMatchObject({ newEvents: events.length, duplicates: 0 });
  });

  it('refuses to use the stored cursor with another API', async () => {
    const other = await startFakeMarketplace({ events: [], token });
    try {
      await expect(withMarketplaceDatabase((em) => pullMarketplace({ em, householdMatcher: hubHouseholdMatcher(), platform: 'VOSO', baseUrl: other.url, token }))).rejects.toThrow(
        `The last VOSO pull was from ${fake.url}, not ${other.url}: its cursor means nothing to this API.`,
      );
      expect(other.requests).toEqual([]);
    } finally {
      await other.stop();
    }
  });

  it('keeps the pages taken in before the API failed for good, and the next pull resumes after them', async () => {
    const events = feed('pull3', 952_000);
    fake.publish(events);
    const failFrom = fake.requests.length + 2;
    fault = (request) => (request >= failFrom ? 'server-error' : null);
    await expect(pull({ attempts: 2 })).rejects.toThrow(/events still failed after 2 attempts \(last: 503 Service Unavailable\)/);
    expect(await count(`select count(*) from marketplace.received_event where event_id like 'pull3-%'`, [])).toBe(25);

    fault = () => null;
    const summary = await pull();
    expect(summary).toMatchObject({ newEvents: events.length - 25, duplicates: 0 });
    expect(await count(`select count(*) from marketplace.received_event where event_id like 'pull3-%'`, [])).toBe(events.length);
  });

  it('stops at a page it cannot take in, naming the page, the event and the field, with neither its events nor the cursor moved', async () => {
    const cursor = await storedCursor();
    fake.publish([
      shopOpened('pull4-1', '953000', '2026-10-01T08:00:00+07:00'),
      orderEvent('order.placed', 'pull4-2', '953000', '7', 'PULL4-1', '2026-10-01T09:00:00+07:00'),
    ]);
    const attempt = pull();
    await expect(attempt).rejects.toThrow(ImportRejected);
    await expect(attempt).rejects.toThrow(/VOSO events page after cursor \S+, event 1, field listingId: shop "953000" has no listing "7"/);
    // The shop of the page was written, then rolled back with the rest of it; the cursor still points before the page.
    expect(await count(`select count(*) from marketplace.received_event where event_id like 'pull4-%'`, [])).toBe(0);
    expect(await count(`select count(*) from marketplace.shop where id = 'VS-953000'`, [])).toBe(0);
    expect(await storedCursor()).toBe(cursor);
  });
});
