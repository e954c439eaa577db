import type { Client } from 'pg';
import { JourneyDocument, type JourneyQuery } from './generated/graphql';
import { countStatements, query, withDatabase } from './support/hub';

/**
 * The flagship query must cost the same number of SQL statements for a household with ten times more
 * listings, orders, lots and events: every level is one batched query, never one per row.
 */
interface Size {
  shops: number;
  listingsPerShop: number;
  ordersPerListing: number;
  lotsPerListing: number;
  eventsPerLot: number;
}

const SMALL: Size = { shops: 1, listingsPerShop: 2, ordersPerListing: 5, lotsPerListing: 1, eventsPerLot: 3 };
const LARGE: Size = { shops: 2, listingsPerShop: 10, ordersPerListing: 5, lotsPerListing: 1, eventsPerLot: 3 };

async function insertRows(client: Client, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const columns = Object.keys(rows[0]);
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((column) => `$${values.push(row[column])}`).join(', ')})`);
  await client.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values);
}

/** A synthetic household written straight into the four subgraphs' schemas, like their sources would. */
async function createHousehold(client: Client, id: string, size: Size): Promise<void> {
  const tag = id.slice(-4);
  await insertRows(client, 'registry.household', [{
    id, kind: 'HOUSEHOLD', display_name: `Hộ thử nghiệm ${tag}`, commune_code: '07582', province_code: '24', scale: 'MEDIUM',
    product_groups: ['FRUIT'], payment_account: 'ACTIVE', consents: [], registered_on: '2024-01-01', head_name: 'Nguyễn Văn Thử',
  }]);
  await insertRows(client, 'statistics.census_record', [{
    record_key: `TEST-${id}`, household_id: id, census_year: 2025, land_area_ha: 1.5, main_crops: ['Vải'], livestock_heads: 0, poultry_heads: 20,
    labourers: 3, link_status: 'LINKED', link_method: 'NATIONAL_ID', link_confidence: 1,
  }]);
  await insertRows(client, 'traceability.certification', [1, 2].map((n) => ({
    id: `C-${tag}-${n}`, household_id: id, scheme: 'VIETGAP', certificate_number: `VIETGAP-T-${tag}-${n}`, issuer: 'TQC',
    product: 'Vải thiều', stars: null, valid_from: '2025-01-01', valid_until: '2027-01-01',
  })));
  const shops = [], listings = [], orders = [], lots = [], events = [];
  for (let s = 1; s <= size.shops; s++) {
    const shopId = `T${tag}-S${s}`;
    shops.push({ id: shopId, platform: s % 2 ? 'POSTMART' : 'VOSO', external_id: `${tag}${s}`, household_id: id, name: `Shop ${s}`, rating: 4.5, opened_at: '2024-01-01T00:00:00Z', province_code: '24', commune_code: '07582', link_status: 'LINKED', link_confidence: 1 });
    for (let l = 1; l <= size.listingsPerShop; l++) {
      const listingId = `${shopId}-L${l}`;
      listings.push({ id: listingId, shop_id: shopId, household_id: id, platform: s % 2 ? 'POSTMART' : 'VOSO', title: `Vải thiều ${l}`, category: 'Trái cây tươi', is_farm_input: false, price_vnd: 40000, unit: 'kg', kg_per_unit: 1, gtin: '8930000000001', status: 'ACTIVE', created_at: '2025-01-01T00:00:00Z' });
      for (let o = 1; o <= size.ordersPerListing; o++) {
        const abroad = o % 5 === 0;
        orders.push({ id: `${listingId}-O${o}`, listing_id: listingId, shop_id: shopId, seller_household_id: id, seller_province_code: '24', quantity: o, quantity_kg: o, value_vnd: o * 40000, destination_country: abroad ? 'CN' : 'VN', destination_province_code: abroad ? null : ['01', '79', '31'][o % 3], ordered_at: '2025-06-20T03:00:00Z', delivered_at: '2025-06-23T03:00:00Z', status: 'DELIVERED' });
      }
      for (let t = 1; t <= size.lotsPerListing; t++) {
        const lotId = `${listingId}-LOT${t}`;
        lots.push({ id: lotId, lot_number: lotId, listing_id: listingId, household_id: id, product_key: 'lychee', gtin: '8930000000001', harvested_at: '2025-06-19T22:00:00Z', quantity_kg: 500 });
        for (let e = 1; e <= size.eventsPerLot; e++) {
          events.push({ id: `${lotId}-E${e}`, event_id: `urn:uuid:${lotId}-${e}`, lot_id: lotId, event_type: 'ObjectEvent', action: 'OBSERVE', biz_step: ['commissioning', 'packing', 'shipping'][(e - 1) % 3], event_time: `2025-06-2${e}T00:00:00Z`, event_time_zone_offset: '+07:00' });
        }
      }
    }
  }
  await insertRows(client, 'marketplace.shop', shops);
  await insertRows(client, 'marketplace.listing', listings);
  await insertRows(client, 'marketplace."order"', orders);
  await insertRows(client, 'traceability.lot', lots);
  await insertRows(client, 'traceability.trace_event', events);
}

describe('SQL statements of the flagship query', () => {
  const small = 'HH-07582-90001';
  const large = 'HH-07582-90010';

  beforeAll(async () => {
    await withDatabase(async (client) => {
      await createHousehold(client, small, SMALL);
      await createHousehold(client, large, LARGE);
    });
  });

  it('stay the same when the household has ten times more listings, orders, lots and events', async () => {
    let smallAnswer: JourneyQuery | undefined;
    let largeAnswer: JourneyQuery | undefined;
    const smallCount = await countStatements(async () => (smallAnswer = await query(JourneyDocument, { id: small })));
    const largeCount = await countStatements(async () => (largeAnswer = await query(JourneyDocument, { id: large })));

    // the data really is ten times larger, and every part of it came back
    const smallListings = smallAnswer!.household!.shops!.flatMap((shop) => shop.listings);
    const largeListings = largeAnswer!.household!.shops!.flatMap((shop) => shop.listings);
    expect(smallListings).toHaveLength(2);
    expect(largeListings).toHaveLength(20);
    for (const listing of largeListings) {
      expect(listing.lots!).toHaveLength(1);
      expect(listing.lots![0].events).toHaveLength(3);
      expect(listing.sales.orderCount).toBe(5);
    }
    expect(largeAnswer!.household!.census?.landAreaHa).toBe(1.5);
    expect(largeAnswer!.household!.certifications).toHaveLength(2);

    expect(largeCount).toEqual(smallCount);
    // and the whole journey costs a handful of statements in all
    const total = Object.values(largeCount).reduce((sum, count) => sum + count, 0);
    expect(total).toBeLessThanOrEqual(15);
  });
});
