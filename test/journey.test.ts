import { demoDataset, SHOWCASE } from '../demo/dataset';
import { JourneyDocument, type JourneyQuery } from './generated/graphql';
import { byKey, expectedSales, round } from './support/expected';
import { query } from './support/hub';

type Household = NonNullable<JourneyQuery['household']>;

async function journey(id: string): Promise<Household> {
  const { household } = await query(JourneyDocument, { id });
  if (!household) throw new Error(`household ${id} not found`);
  return household;
}

describe('the flagship Journey query', () => {
  const data = demoDataset();

  it('follows the Lục Ngạn lychee cooperative through all four subgraphs in one request', async () => {
    const household = await journey(SHOWCASE.lycheeCooperative);

    // registry
    expect(household.displayName).toBe('HTX Vải Lục Ngạn');
    expect(household.kind).toBe('COOPERATIVE');
    expect(household.commune).toEqual({ code: '07582', name: 'Lục Ngạn', province: { code: '24', name: 'Bắc Ninh' } });
    // statistics: cooperatives are not census households
    expect(household.census).toBeNull();

    // traceability: its certificates
    const certificates = data.certifications.filter((c) => c.householdId === household.id);
    expect(certificates.length).toBeGreaterThan(0);
    expect([...household.certifications!].sort(byKey('certificateNumber'))).toEqual(
      certificates
        .map((c) => ({ scheme: c.scheme, certificateNumber: c.certificateNumber, stars: c.stars, validUntil: c.validUntil }))
        .sort(byKey('certificateNumber')),
    );

    // marketplace: a shop on each platform, with the cooperative's listings
    expect(household.shops!.map((shop) => shop.platform).sort()).toEqual(['POSTMART', 'VOSO']);
    for (const shop of household.shops!) {
      const listings = data.listings.filter((listing) => listing.shopId === shop.id);
      expect(shop.listings.map((listing) => listing.id).sort()).toEqual(listings.map((listing) => listing.id).sort());
    }
  });

  it('returns each listing’s lots with their EPCIS events in time order, and its sales by province and country', async () => {
    const household = await journey(SHOWCASE.lycheeCooperative);
    const listings = household.shops!.flatMap((shop) => shop.listings);
    expect(listings.length).toBeGreaterThanOrEqual(2);

    for (const listing of listings) {
      const lots = data.lots.filter((lot) => lot.listingId === listing.id);
      expect(listing.lots!.map((lot) => lot.lotNumber).sort()).toEqual(lots.map((lot) => lot.lotNumber).sort());
      for (const lot of listing.lots!) {
        const expected = lots.find((candidate) => candidate.lotNumber === lot.lotNumber)!;
        expect(new Date(lot.harvestedAt).toISOString()).toBe(expected.harvestedAt);
        const events = data.events.filter((event) => event.lotId === expected.id).sort(byKey('eventTime'));
        expect(lot.events.map((event) => event.bizStep)).toEqual(events.map((event) => event.bizStep));
        expect(lot.events.map((event) => new Date(event.eventTime).toISOString())).toEqual(events.map((event) => event.eventTime));
      }

      const sales = expectedSales([listing.id]);
      expect(listing.sales.orderCount).toBe(sales.orderCount);
      expect(round(listing.sales.quantityKg)).toBe(sales.quantityKg);
      expect(listing.sales.valueVnd).toBe(sales.valueVnd);
      expect(listing.sales.byProvince.map((row) => ({ code: row.province!.code, quantityKg: round(row.quantityKg) })).sort(byKey('code'))).toEqual(sales.byProvince);
      expect(listing.sales.byCountry.map((row) => ({ country: row.country, quantityKg: round(row.quantityKg) })).sort(byKey('country'))).toEqual(sales.byCountry);
      // province names come with the sales (the marketplace shares Province.name from the places reference)
      for (const row of listing.sales.byProvince) expect(row.province!.name).toEqual(expect.any(String));
    }

    // lychee from Lục Ngạn reaches Hà Nội and goes abroad
    const lychee = listings.find((listing) => listing.title.startsWith('Vải thiều'))!;
    expect(lychee.sales.byProvince.map((row) => row.province!.name)).toContain('Hà Nội');
    expect(lychee.sales.byCountry.some((row) => row.country !== 'VN')).toBe(true);
  });

  it('sorts sales rows by quantity, largest first', async () => {
    const household = await journey(SHOWCASE.lycheeCooperative);
    for (const listing of household.shops!.flatMap((shop) => shop.listings)) {
      const kgs = listing.sales.byProvince.map((row) => row.quantityKg);
      expect(kgs).toEqual([...kgs].sort((a, b) => b - a));
    }
  });

  it('includes the census record of a household the statistics office linked', async () => {
    const household = await journey(SHOWCASE.coffeeBusiness);
    const record = data.censusRecords.find((census) => census.householdId === SHOWCASE.coffeeBusiness)!;
    expect(household.displayName).toBe(data.households.find((h) => h.id === SHOWCASE.coffeeBusiness)!.displayName);
    expect(household.commune.province.name).toBe('Đắk Lắk');
    expect(household.census).toEqual({ censusYear: 2025, landAreaHa: record.landAreaHa, mainCrops: record.mainCrops });
  });

  it('answers null for an unknown household instead of failing', async () => {
    const { household } = await query(JourneyDocument, { id: 'HH-99999-00000' });
    expect(household).toBeNull();
  });
});
