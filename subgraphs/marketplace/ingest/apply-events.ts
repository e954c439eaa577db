import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { MAX_BIND_PARAMETERS } from '../../../platform/database/bulk-insert';
import { ImportRejected, type ImportProblem } from '../../../platform/ingest/problems';
import { contentHash } from '../../../platform/ingest/provenance';
import { upsertByKey, type WriteCounts } from '../../../platform/ingest/upsert';
import type { HouseholdMatcher } from '../../../platform/linking/types';
import { Listing } from '../entities/listing';
import { Order } from '../entities/order';
import { Shop } from '../entities/shop';
import { ListingStatus, Platform, PLATFORM_ID_PREFIX, PLATFORM_LABELS } from '../vocabulary';
import type { ListingEvent, ListingRemovedEvent, MarketplaceEvent, OrderEvent, ShopEvent } from './event-format';
import { linkShops } from './link-shops';

/** How events reached the hub; with the platform it makes the records' provenance source, e.g. "webhook:POSTMART". */
export type FeedChannel = 'webhook' | 'pull';

export interface AppliedBatch {
  /** Events in the batch. */
  received: number;
  /** Events taken in before (or repeated in the batch), by id: they changed nothing. */
  duplicates: number;
  /** Shops, listings and orders written. `unchanged` counts states older than the one stored, recorded but not applied. */
  shops: WriteCounts;
  listings: WriteCounts;
  orders: WriteCounts;
  /** Where the shops of the batch's shop events stand in the linking to registry households. */
  shopLinks: { linked: number; review: number; unlinked: number };
}

/** The hub's ids of a platform's objects: "PM-104226", "PM-104226-L3", "PM-OD-88120". */
export function hubIds(platform: Platform) {
  const prefix = PLATFORM_ID_PREFIX[platform];
  return {
    shop: (shopId: string) => `${prefix}-${shopId}`,
    listing: (shopId: string, listingId: string) => `${prefix}-${shopId}-L${listingId}`,
    order: (orderId: string) => `${prefix}-OD-${orderId}`,
  };
}

/**
 * Takes in a validated batch of one platform's events; call it inside a transaction, so that the batch goes in
 * whole or not at all. A fixed number of statements whatever the batch size: the event ids are recorded in one
 * INSERT (those already there are duplicates and skipped), then shops, listings and orders are each written by
 * one set-based upsert that keeps, per object, the state with the latest platform time (`sourceUpdatedAt`).
 * The shops of the batch are linked to registry households by their seller's evidence, in one call to the
 * registry's matcher (`linkShops`); their listings and orders follow the shop's household.
 * Listings and orders of shops (or listings) the hub does not know refuse the whole batch.
 */
export async function applyMarketplaceEvents(
  em: EntityManager,
  platform: Platform,
  events: MarketplaceEvent[],
  channel: FeedChannel,
  householdMatcher: HouseholdMatcher,
  receivedAt = new Date(),
): Promise<AppliedBatch> {
  const knex = em.getTransactionContext<Knex.Transaction>();
  if (!knex) throw new Error('applyMarketplaceEvents must run inside a transaction');
  const schema = em.config.get('schema')!;
  const ids = hubIds(platform);
  const provenance = (event: MarketplaceEvent) => ({ source: `${channel}:${platform}`, sourceRef: event.id, importedAt: receivedAt });

  const fresh = await recordEvents(knex, schema, platform, events, channel, receivedAt);
  const result: AppliedBatch = {
    received: events.length,
    duplicates: events.length - fresh.length,
    shops: emptyCounts(),
    listings: emptyCounts(),
    orders: emptyCounts(),
    shopLinks: { linked: 0, review: 0, unlinked: 0 },
  };
  const shopEvents = newestPerObject(fresh.filter((event): event is ShopEvent => event.kind === 'shop'), (event) => ids.shop(event.shopId));
  const listingEvents = newestPerObject(fresh.filter((event): event is ListingEvent => event.kind === 'listing'), (event) => ids.listing(event.shopId, event.listingId));
  const removals = newestPerObject(fresh.filter((event): event is ListingRemovedEvent => event.kind === 'listingRemoved'), (event) => ids.listing(event.shopId, event.listingId));
  const orderEvents = newestPerObject(fresh.filter((event): event is OrderEvent => event.kind === 'order'), (event) => ids.order(event.orderId));

  // Shops: the platform's snapshot, the seller's identity kept as linking evidence. The household link is not
  // among the written columns: the linking below sets it from the evidence stored, which is the newest.
  result.shops = await upsertByKey(em, Shop, [...shopEvents].map(([id, event]) => {
    const { seller, ...shop } = event.shop;
    const fields = {
      id, platform, externalId: event.shopId, ...shop, provinceCode: seller.provinceCode, communeCode: seller.communeCode,
      sellerName: seller.name, sellerPhone: seller.phone, sellerNationalIdHash: seller.nationalIdHash, communeResolvedVia: seller.communeVia,
      sourceUpdatedAt: event.occurredAt,
    };
    return { ...fields, ...provenance(event), contentHash: contentHash(fields) };
  }), { key: ['id'], newerBy: 'sourceUpdatedAt' });
  result.shopLinks = await linkShops(knex, schema, [...shopEvents.keys()], householdMatcher);

  const problems: ImportProblem[] = [];
  const shops = await selectByIds<{ id: string; household_id: string | null; province_code: string }>(
    knex, schema, 'shop', ['id', 'household_id', 'province_code'],
    [...listingEvents.values(), ...orderEvents.values()].map((event) => ids.shop(event.shopId)),
  );
  const shopOf = (event: ListingEvent | OrderEvent) => {
    const shop = shops.get(ids.shop(event.shopId));
    if (!shop) {
      problems.push({
        eventIndex: event.index, field: 'shopId', value: event.shopId,
        message: `no shop "${event.shopId}" is known on ${PLATFORM_LABELS[platform]}: send its shop.opened event first, or in the same request.`,
      });
    }
    return shop;
  };

  // Listings: a removal the hub already recorded (in this batch or before) wins over any older snapshot, even
  // one that arrives after it.
  const removedAt = await latestRemovals(knex, schema, platform, [...listingEvents.keys()]);
  const listingRows = [];
  for (const [id, event] of listingEvents) {
    const shop = shopOf(event);
    if (!shop) continue;
    const removal = removedAt.get(id);
    const removed = removal !== undefined && removal >= event.occurredAt;
    const fields = {
      id, shopId: ids.shop(event.shopId), householdId: shop.household_id, platform, ...event.listing,
      status: removed ? ListingStatus.REMOVED : event.listing.status,
      sourceUpdatedAt: removed ? removal : event.occurredAt,
    };
    listingRows.push({ ...fields, ...provenance(event), contentHash: contentHash(fields) });
  }
  if (problems.length) throw new ImportRejected(`${platform} events`, problems);
  result.listings = await upsertByKey(em, Listing, listingRows, { key: ['id'], newerBy: 'sourceUpdatedAt' });
  const removalOnly = [...removals].filter(([id]) => !listingEvents.has(id));
  addCounts(result.listings, await markRemoved(knex, schema, removalOnly, `${channel}:${platform}`, receivedAt));

  // Orders: weight from the listing's kilograms per unit, seller and province from the shop.
  const listings = await selectByIds<{ id: string; kg_per_unit: number }>(
    knex, schema, 'listing', ['id', 'kg_per_unit'], [...orderEvents.values()].map((event) => ids.listing(event.shopId, event.listingId)),
  );
  const orderRows = [];
  for (const [id, event] of orderEvents) {
    const shop = shopOf(event);
    const listing = listings.get(ids.listing(event.shopId, event.listingId));
    if (shop && !listing) {
      problems.push({
        eventIndex: event.index, field: 'listingId', value: event.listingId,
        message: `shop "${event.shopId}" has no listing "${event.listingId}": send its listing.created event first, or in the same request.`,
      });
    }
    if (!shop || !listing) continue;
    const fields = {
      id, listingId: listing.id, shopId: ids.shop(event.shopId), sellerHouseholdId: shop.household_id, sellerProvinceCode: shop.province_code,
      ...event.order, quantityKg: Math.round(event.order.quantity * Number(listing.kg_per_unit) * 1000) / 1000,
      sourceUpdatedAt: event.occurredAt,
    };
    orderRows.push({ ...fields, ...provenance(event), contentHash: contentHash(fields) });
  }
  if (problems.length) throw new ImportRejected(`${platform} events`, problems);
  result.orders = await upsertByKey(em, Order, orderRows, { key: ['id'], newerBy: 'sourceUpdatedAt' });
  return result;
}

/** Records the batch's event ids; returns the events not seen before (the first of any repeated in the batch). */
async function recordEvents(
  knex: Knex.Transaction, schema: string, platform: Platform, events: MarketplaceEvent[], channel: FeedChannel, receivedAt: Date,
): Promise<MarketplaceEvent[]> {
  const ids = hubIds(platform);
  const firstOfId = new Map<string, MarketplaceEvent>();
  for (const event of events) if (!firstOfId.has(event.id)) firstOfId.set(event.id, event);
  // In id order, like the upserts, so that concurrent batches take the index locks in the same order.
  const rows = [...firstOfId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((event) => ({
    platform,
    event_id: event.id,
    type: event.type,
    object_id: event.kind === 'shop' ? ids.shop(event.shopId) : event.kind === 'order' ? ids.order(event.orderId) : ids.listing(event.shopId, event.listingId),
    occurred_at: event.occurredAt,
    received_at: receivedAt,
    via: channel,
  }));
  const fresh = new Set<string>();
  for (const chunk of chunks(rows, 7)) {
    const inserted: { event_id: string }[] = await knex.withSchema(schema).table('received_event').insert(chunk)
      .onConflict(['platform', 'event_id']).ignore().returning('event_id');
    for (const row of inserted) fresh.add(row.event_id);
  }
  return [...firstOfId.values()].filter((event) => fresh.has(event.id));
}

/**
 * Per object, the event with the latest platform time (on equal times, the later in the batch), in the order of
 * the objects' ids: concurrent batches then lock the rows they share in the same order and cannot deadlock.
 */
function newestPerObject<E extends MarketplaceEvent>(events: E[], objectId: (event: E) => string): Map<string, E> {
  const newest = new Map<string, E>();
  for (const event of events) {
    const id = objectId(event);
    const current = newest.get(id);
    if (!current || event.occurredAt.getTime() >= current.occurredAt.getTime()) newest.set(id, event);
  }
  return new Map([...newest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function selectByIds<Row extends { id: string }>(
  knex: Knex.Transaction, schema: string, table: string, columns: string[], ids: string[],
): Promise<Map<string, Row>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows: Row[] = await knex.withSchema(schema).from(table).select(columns).whereIn('id', unique);
  return new Map(rows.map((row) => [row.id, row]));
}

/** The latest recorded removal of each listing, whenever it arrived. */
async function latestRemovals(knex: Knex.Transaction, schema: string, platform: Platform, listingIds: string[]): Promise<Map<string, Date>> {
  if (listingIds.length === 0) return new Map();
  const rows: { object_id: string; removed_at: Date }[] = await knex.withSchema(schema).from('received_event')
    .select('object_id').max({ removed_at: 'occurred_at' })
    // The literal type lets PostgreSQL use the partial index on removals.
    .whereRaw(`type = 'listing.removed'`).where('platform', platform).whereIn('object_id', listingIds)
    .groupBy('object_id');
  return new Map(rows.map((row) => [row.object_id, new Date(row.removed_at)]));
}

/** Marks listings removed unless a later state is stored; one UPDATE for the batch. */
async function markRemoved(
  knex: Knex.Transaction, schema: string, removals: [string, ListingRemovedEvent][], source: string, importedAt: Date,
): Promise<WriteCounts> {
  const counts = emptyCounts();
  for (const chunk of chunks(removals, 3)) {
    const values = chunk.map(() => '(?, ?::timestamptz, ?)').join(', ');
    const result = await knex.raw(
      `update ??.listing as l set status = 'REMOVED', source_updated_at = v.removed_at, source = ?, source_ref = v.event_id,
         imported_at = ?, content_hash = null
       from (values ${values}) as v(id, removed_at, event_id)
       where l.id = v.id and (l.source_updated_at is null or l.source_updated_at <= v.removed_at)`,
      [schema, source, importedAt, ...chunk.flatMap(([id, event]) => [id, event.occurredAt, event.id])],
    );
    counts.updated += result.rowCount ?? 0;
    // A removal of a listing not stored (yet) stays recorded and applies when the listing's data arrives.
    counts.unchanged += chunk.length - (result.rowCount ?? 0);
  }
  return counts;
}

function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_BIND_PARAMETERS / columns) - 1);
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size) result.push(rows.slice(start, start + size));
  return result;
}

function emptyCounts(): WriteCounts {
  return { inserted: 0, updated: 0, unchanged: 0 };
}

function addCounts(total: WriteCounts, more: WriteCounts): void {
  total.inserted += more.inserted;
  total.updated += more.updated;
  total.unchanged += more.unchanged;
}
