import type { EntityManager } from '@mikro-orm/postgresql';
import { demoDataset } from '../dataset';
import { insertInBatches } from '../../platform/database/bulk-insert';
import { HouseholdLinkStatus } from '../../platform/linking/stored-link';
import { Listing } from '../../subgraphs/marketplace/entities/listing';
import { Order } from '../../subgraphs/marketplace/entities/order';
import { Shop } from '../../subgraphs/marketplace/entities/shop';

/**
 * Writes the marketplace's slice of the demo data set: shops, listings and orders, with the seller's
 * place and ids denormalised from the households and listings.
 */
export async function loadMarketplaceDemo(em: EntityManager): Promise<{ loaded: boolean; rows: number }> {
  if ((await em.count(Shop)) > 0) return { loaded: false, rows: 0 };
  const { households, shops, listings, orders } = demoDataset();
  const householdById = new Map(households.map((household) => [household.id, household]));
  const shopById = new Map(shops.map((shop) => [shop.id, shop]));
  const listingById = new Map(listings.map((listing) => [listing.id, listing]));
  const ownerOf = (householdId: string) => required(householdById.get(householdId), `household ${householdId}`);

  // Demo shops come with their household: linked, with no matching method.
  const shopRows = shops.map((shop) => ({
    ...shop,
    linkStatus: HouseholdLinkStatus.LINKED,
    linkConfidence: 1,
    openedAt: new Date(shop.openedAt),
    provinceCode: ownerOf(shop.householdId).provinceCode,
    communeCode: ownerOf(shop.householdId).communeCode,
    // The seller as the platform registered them: the household's head, as real feeds give it.
    sellerName: ownerOf(shop.householdId).head.fullName,
    sellerPhone: ownerOf(shop.householdId).head.phone,
  }));
  const listingRows = listings.map(({ productKey: _productKey, ...listing }) => ({
    ...listing,
    platform: required(shopById.get(listing.shopId), `shop ${listing.shopId}`).platform,
    createdAt: new Date(listing.createdAt),
  }));
  const orderRows = orders.map((order) => {
    const listing = required(listingById.get(order.listingId), `listing ${order.listingId}`);
    return {
      ...order,
      shopId: listing.shopId,
      sellerHouseholdId: listing.householdId,
      sellerProvinceCode: ownerOf(listing.householdId).provinceCode,
      orderedAt: new Date(order.orderedAt),
      deliveredAt: order.deliveredAt ? new Date(order.deliveredAt) : null,
    };
  });

  // Written as the demo data set, so that its rows say where they came from like imported ones do.
  const provenance = { source: 'demo', importedAt: new Date() };
  await em.transactional(async (tx) => {
    await insertInBatches(tx, Shop, shopRows.map((row) => ({ ...row, ...provenance })));
    await insertInBatches(tx, Listing, listingRows.map((row) => ({ ...row, ...provenance })));
    await insertInBatches(tx, Order, orderRows.map((row) => ({ ...row, ...provenance })));
  });
  return { loaded: true, rows: shopRows.length + listingRows.length + orderRows.length };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The demo data set has no ${what}.`);
  return value;
}
