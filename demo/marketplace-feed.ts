import { communesOfProvince } from '../platform/places';
import { DOMESTIC_DESTINATIONS, PRODUCING_AREAS, product } from './catalogue';
import { gtin13 } from './formats';
import { mobilePhone, nationalId, person } from './people';
import { SeededRandom } from './random';

/**
 * A deterministic stream of marketplace events as a platform would send them (webhook bodies, events API pages):
 * sellers opening shops in the demo's producing communes, listing their produce, and orders placed, then
 * delivered or cancelled. For the fake marketplace API, the tests and the throughput benchmark.
 */

export interface FeedEvent {
  id: string;
  type: string;
  occurredAt: string;
  shopId: string;
  listingId?: string;
  orderId?: string;
  data?: Record<string, unknown>;
}

/** The ids are the platform's own, so one feed can be sent as any platform's. */
export interface FeedOptions {
  shops: number;
  listingsPerShop: number;
  ordersPerListing: number;
  seed?: number;
  /** The platform's number of the first shop; later ones follow. Far from the demo's shops by default. */
  firstShopNumber?: number;
  /** Time of the first event; each event is a few minutes after the one before. */
  start?: Date;
  /** Makes event and order ids unique across several feeds of one platform. */
  idPrefix?: string;
}

export function generateMarketplaceFeed(options: FeedOptions): FeedEvent[] {
  const random = new SeededRandom(options.seed ?? 2026);
  const prefix = options.idPrefix ?? 'evt';
  let clock = (options.start ?? new Date('2026-01-05T01:00:00Z')).getTime();
  const tick = () => new Date((clock += random.int(1, 5) * 60_000)).toISOString();
  const events: FeedEvent[] = [];
  let sequence = 0;
  const push = (event: Omit<FeedEvent, 'id'>) => events.push({ id: `${prefix}-${++sequence}`, ...event });
  let orderNumber = 0;

  for (let s = 0; s < options.shops; s++) {
    const shopId = String((options.firstShopNumber ?? 900_000) + s);
    const area = PRODUCING_AREAS[s % PRODUCING_AREAS.length];
    const seller = person(random);
    const openedAt = tick();
    push({
      type: 'shop.opened', occurredAt: openedAt, shopId,
      data: {
        name: `${product(area.products[0]).crop} ${seller.fullName.split(' ').slice(-2).join(' ')}`,
        brandMark: null, rating: null, openedAt,
        seller: {
          name: seller.fullName,
          // Phones as sellers type them, in the local format.
          phone: mobilePhone(random).replace(/^\+84(\d{3})(\d{3})(\d{3})$/, '0$1 $2 $3'),
          nationalId: nationalId(random, seller, area.provinceCode),
          commune: { code: area.communeCode },
        },
      },
    });
    for (let l = 1; l <= options.listingsPerShop; l++) {
      const item = product(area.products[(l - 1) % area.products.length]);
      const listingId = String(l);
      const priceVnd = Math.round(random.int(item.priceVnd[0], item.priceVnd[1]) / 1000) * 1000;
      const createdAt = tick();
      push({
        type: 'listing.created', occurredAt: createdAt, shopId, listingId,
        data: {
          title: item.title, category: item.category, isFarmInput: item.isFarmInput, priceVnd, unit: item.unit, kgPerUnit: item.kgPerUnit,
          brandMark: null, householdDiscountPct: null, gtin: gtin13(random), status: 'ACTIVE', createdAt,
        },
      });
      for (let o = 0; o < options.ordersPerListing; o++) {
        const orderId = `${prefix}${++orderNumber}`;
        const provinceCode = random.weighted(DOMESTIC_DESTINATIONS);
        const quantity = random.int(1, 20);
        const orderedAt = tick();
        const order = {
          quantity, valueVnd: quantity * priceVnd, orderedAt, deliveredAt: null as string | null,
          destination: { country: 'VN', commune: { code: random.pick(communesOfProvince(provinceCode)).code } },
        };
        push({ type: 'order.placed', occurredAt: orderedAt, shopId, listingId, orderId, data: order });
        if (random.chance(0.05)) {
          push({ type: 'order.cancelled', occurredAt: tick(), shopId, listingId, orderId, data: order });
        } else if (random.chance(0.8)) {
          const deliveredAt = tick();
          push({ type: 'order.delivered', occurredAt: deliveredAt, shopId, listingId, orderId, data: { ...order, deliveredAt } });
        }
      }
    }
  }
  return events;
}
