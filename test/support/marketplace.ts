import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ormOptions } from '../../platform/database/orm';
import { httpHouseholdMatcher } from '../../platform/linking/http-matcher';
import type { HouseholdMatcher } from '../../platform/linking/types';
import { signatureHeaders } from '../../platform/ingest/signed-webhook';
import { marketplace } from '../../subgraphs/marketplace';
import { hub, withDatabase } from './hub';

export function webhookUrl(platform: string): string {
  return hub().subgraphUrls.marketplace.replace(/\/graphql$/, `/ingest/marketplace/${platform}`);
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown> & { error?: string; problems?: { eventIndex?: number; field?: string; message: string }[] };
}

/** Posts events as a platform does: JSON body, signed with the platform's secret (the development one by default). */
export async function sendEvents(
  platform: string,
  events: unknown[],
  { secret = `dev-${platform.toLowerCase()}-secret`, now = Date.now(), headers }: { secret?: string; now?: number; headers?: Record<string, string> } = {},
): Promise<WebhookAnswer> {
  const body = JSON.stringify({ events });
  const response = await fetch(webhookUrl(platform), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signatureHeaders(secret, body, now), ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as WebhookAnswer['body'] };
}

/** The marketplace subgraph's database, opened as the command-line tool opens it (for the pull connector). */
export async function withMarketplaceDatabase<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(ormOptions(marketplace as never, hub().databaseUrl));
  try {
    return await work(orm.em.fork());
  } finally {
    await orm.close(true);
  }
}

/** The registry's household matching of the test hub, over HTTP as the marketplace subgraph uses it. */
export function hubHouseholdMatcher(): HouseholdMatcher {
  return httpHouseholdMatcher({ baseUrl: (name) => hub().subgraphUrls[name].replace(/\/graphql$/, '') });
}

type Extra = Record<string, unknown>;

/**
 * A VOSO shop of `seller` for tests that write orders through the webhook (the rollup tests): `open()` opens it with a
 * produce listing '1' and a farm-input listing '2'; `order()` builds an order event on top of `orderDefaults` (to a
 * commune of Hà Nội unless the data says otherwise); `remove()` deletes its orders, listings and the shop, through
 * the same triggers as any write. Event ids start with `prefix`, so tests never collide.
 */
export function webhookShop({ prefix, shop, name, seller, orderDefaults }: { prefix: string; shop: string; name: string; seller: Extra; orderDefaults: Extra }) {
  const id = `VS-${shop}`;
  const event = (type: string, eventId: string, occurredAt: string, extra: Extra) => ({ id: `${prefix}-${eventId}`, type, occurredAt, shopId: shop, ...extra });
  const listing = (listingId: string, isFarmInput: boolean) => event('listing.created', `listing-${listingId}`, '2026-10-01T08:00:00+07:00', {
    listingId,
    data: { title: isFarmInput ? 'Phân bón NPK' : 'Vải thiều Lục Ngạn', category: isFarmInput ? 'Vật tư nông nghiệp' : 'Trái cây tươi', isFarmInput, priceVnd: 50000, unit: 'kg', kgPerUnit: 1, gtin: '8931234567897', createdAt: '2026-10-01T08:00:00+07:00' },
  });
  return {
    id,
    order: (type: string, eventId: string, listingId: string, orderId: string, occurredAt: string, data: Extra = {}) => event(type, eventId, occurredAt, {
      listingId, orderId, data: { destination: { country: 'VN', commune: { code: '00004' } }, ...orderDefaults, ...data },
    }),
    open: (): Promise<WebhookAnswer> => sendEvents('VOSO', [
      event('shop.opened', 'shop', '2026-10-01T07:00:00+07:00', { data: { name, openedAt: '2026-10-01T07:00:00+07:00', rating: null, seller } }),
      listing('1', false),
      listing('2', true),
    ]),
    /** A column of the shop as the marketplace placed it (its commune or province). */
    placed: (column: 'commune_code' | 'province_code'): Promise<string> =>
      withDatabase(async (client) => (await client.query(`select ${column} from marketplace.shop where id = $1`, [id])).rows[0][column]),
    remove: (): Promise<void> => withDatabase(async (client) => {
      await client.query(`delete from marketplace."order" where shop_id = $1`, [id]);
      await client.query(`delete from marketplace.listing where shop_id = $1`, [id]);
      await client.query(`delete from marketplace.shop where id = $1`, [id]);
    }),
  };
}
