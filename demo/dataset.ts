import { communesOfProvince, currentCommune } from '../platform/places';
import {
  ConsentPurpose, HouseholdKind, HouseholdScale, PaymentAccountStatus, ProductGroup, TrainingTopic,
} from '../subgraphs/registry/vocabulary';
import { ListingStatus, OrderStatus, Platform } from '../subgraphs/marketplace/vocabulary';
import { CertificationScheme, EpcisEventType } from '../subgraphs/traceability/vocabulary';
import { DOMESTIC_DESTINATIONS, FARM_INPUT_KEYS, PRODUCING_AREAS, product, type ProducingArea } from './catalogue';
import { householdMembers, mobilePhone, nationalId, person, streetAddress } from './people';
import { date, gtin13, round3, timestamp, uuidFrom } from './formats';
import { SeededRandom } from './random';
import type {
  DemoCertification, DemoDataset, DemoHousehold, DemoListing, DemoLot, DemoOrder, DemoShop,
} from './types';

export const DEMO_SEED = 20250701;

/** Showcase households, named in the README and the tests. */
export const SHOWCASE = {
  lycheeCooperative: 'HH-07582-00001',
  custardAppleCooperative: 'HH-06463-00001',
  coffeeBusiness: 'HH-24280-00002',
  riceCooperative: 'HH-31673-00001',
} as const;

const PROVINCE_TAGS: Record<string, string> = { '24': 'BN', '20': 'LS', '66': 'DL', '92': 'CT', '68': 'LD', '42': 'HT', '82': 'DT', '14': 'SL' };
const BRAND_WORDS = ['Xanh', 'Sạch', 'Quê Hương', 'Phúc Lộc', 'An Lạc', 'Hưng Thịnh', 'Việt', 'Miền Sơn Cước'];
const GAP_ISSUERS = ['Trung tâm Kiểm nghiệm và Chứng nhận chất lượng TQC', 'Công ty CP Chứng nhận Quốc tế ICB', 'Trung tâm Chất lượng Nông lâm thủy sản vùng 1', 'Công ty TNHH Chứng nhận Quốc tế NHO-QUARACERT'];
const TRAINING_ORGANISERS = ['Sở Công Thương', 'Bưu điện tỉnh (VNPost)', 'Viettel Post chi nhánh tỉnh', 'Hội Nông dân tỉnh'];

let cached: DemoDataset | undefined;

/** The whole demo data set; deterministic for `DEMO_SEED`, built once per process. */
export function demoDataset(): DemoDataset {
  cached ??= buildDemoDataset(new SeededRandom(DEMO_SEED));
  return cached;
}

function buildDemoDataset(random: SeededRandom): DemoDataset {
  const households = PRODUCING_AREAS.flatMap((area) => householdsOf(area, random, currentCommune(area.communeCode)!.fullName));
  const dataset: DemoDataset = {
    households, censusRecords: [], indicators: [], shops: [], listings: [], orders: [],
    growingAreas: [], certifications: [], lots: [], events: [], traceCodes: [],
  };
  addCensusRecords(dataset, random);
  addIndicatorSeries(dataset, random);
  addShopsAndListings(dataset, random);
  addOrders(dataset, random);
  addGrowingAreas(dataset, random);
  addCertifications(dataset, random);
  addLotsAndEvents(dataset, random);
  return dataset;
}

function householdId(communeCode: string, seq: number): string {
  return `HH-${communeCode}-${String(seq).padStart(5, '0')}`;
}

function householdsOf(area: ProducingArea, random: SeededRandom, communeFullName: string): DemoHousehold[] {
  const mainCrop = product(area.products[0]).crop;
  const groups = [...new Set(area.products.map((key) => product(key).group))];
  const cooperativeId = householdId(area.communeCode, 1);
  const count = random.int(22, 28);
  const result: DemoHousehold[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const kind =
      seq === 1 ? HouseholdKind.COOPERATIVE
      : seq <= 3 ? HouseholdKind.BUSINESS_HOUSEHOLD
      : seq === 4 && random.chance(0.5) ? HouseholdKind.COOPERATIVE_GROUP
      : HouseholdKind.HOUSEHOLD;
    const head = person(random);
    const isOrganisation = kind === HouseholdKind.COOPERATIVE || kind === HouseholdKind.COOPERATIVE_GROUP;
    const displayName =
      kind === HouseholdKind.COOPERATIVE ? `HTX ${mainCrop} ${area.communeName}`
      : kind === HouseholdKind.COOPERATIVE_GROUP ? `Tổ hợp tác ${mainCrop.toLowerCase()} ${area.communeName}`
      : kind === HouseholdKind.BUSINESS_HOUSEHOLD ? `Cơ sở ${mainCrop.toLowerCase()} ${random.pick(BRAND_WORDS)} ${area.communeName}`
      : `Hộ trồng ${mainCrop.toLowerCase()} ${area.communeName} số ${seq}`;
    const productKeys = area.products.length > 1 && random.chance(0.5) ? [...area.products] : [area.products[0]];
    const sellsInputs = kind === HouseholdKind.COOPERATIVE || kind === HouseholdKind.BUSINESS_HOUSEHOLD;
    if (sellsInputs) productKeys.push(...random.sample(FARM_INPUT_KEYS, random.int(1, 2)));
    const trainings: DemoHousehold['trainings'] = [];
    if (isOrganisation || random.chance(0.65)) trainings.push({ topic: TrainingTopic.DIGITAL_SKILLS, completedOn: date(random.int(2022, 2025), random.int(1, 12), random.int(1, 28)), organiser: random.pick(TRAINING_ORGANISERS) });
    if (isOrganisation || random.chance(0.5)) trainings.push({ topic: TrainingTopic.PACKING_AND_DELIVERY, completedOn: date(random.int(2022, 2025), random.int(1, 12), random.int(1, 28)), organiser: random.pick(TRAINING_ORGANISERS) });
    const consents = [
      ...(random.chance(isOrganisation ? 0.9 : 0.35) ? [ConsentPurpose.PUBLISH_CONTACT_FOR_EXPORT] : []),
      ...(random.chance(0.7) ? [ConsentPurpose.SHARE_WITH_MARKETPLACES] : []),
      ...(random.chance(0.5) ? [ConsentPurpose.RESEARCH_STATISTICS] : []),
    ];
    result.push({
      id: householdId(area.communeCode, seq),
      kind,
      displayName,
      communeCode: area.communeCode,
      provinceCode: area.provinceCode,
      scale: isOrganisation ? HouseholdScale.LARGE : random.weighted([[HouseholdScale.SMALL, 6], [HouseholdScale.MEDIUM, 3], [HouseholdScale.FARM, 1]]),
      productGroups: sellsInputs ? [...groups, ProductGroup.FARM_INPUTS] : groups,
      productKeys,
      cooperativeId: kind === HouseholdKind.HOUSEHOLD && random.chance(0.6) ? cooperativeId : null,
      trainings,
      paymentAccount: random.weighted([[PaymentAccountStatus.ACTIVE, isOrganisation ? 10 : 4], [PaymentAccountStatus.OPENED, 2], [PaymentAccountStatus.NONE, isOrganisation ? 0 : 4]]),
      consents,
      registeredOn: date(random.int(2021, 2025), random.int(1, 12), random.int(1, 28)),
      head: {
        fullName: head.fullName,
        phone: mobilePhone(random),
        nationalId: nationalId(random, head, area.provinceCode),
        streetAddress: streetAddress(random, communeFullName),
        birthYear: head.birthYear,
        // A stream of its own, so that adding members left every other generated value as it was.
        members: isOrganisation ? [] : householdMembers(new SeededRandom(Number(area.communeCode) * 100 + seq), head),
      },
    });
  }
  return result;
}

function addCensusRecords(dataset: DemoDataset, random: SeededRandom): void {
  for (const household of dataset.households) {
    if (household.kind === HouseholdKind.COOPERATIVE || !random.chance(0.88)) continue;
    const crops = household.productKeys.map((key) => product(key)).filter((p) => !p.isFarmInput).map((p) => p.crop);
    if (random.chance(0.3)) crops.push('Lúa');
    const method = random.weighted([['NATIONAL_ID', 7], ['PHONE', 2], ['NAME_AND_COMMUNE', 1]] as const);
    dataset.censusRecords.push({
      householdId: household.id,
      censusYear: 2025,
      landAreaHa: household.scale === HouseholdScale.FARM ? random.decimal(3, 12) : household.scale === HouseholdScale.MEDIUM ? random.decimal(1, 3) : random.decimal(0.2, 1),
      mainCrops: [...new Set(crops)],
      livestockHeads: random.chance(0.3) ? random.int(1, 12) : 0,
      poultryHeads: random.chance(0.6) ? random.int(10, 300) : 0,
      labourers: random.int(1, 6),
      linkMethod: method,
      linkConfidence: method === 'NATIONAL_ID' ? 1 : method === 'PHONE' ? random.decimal(0.9, 0.98) : random.decimal(0.7, 0.9),
    });
  }
}

/** Production, area and farming households per province, crop and year, 2021-2025. */
function addIndicatorSeries(dataset: DemoDataset, random: SeededRandom): void {
  const seen = new Set<string>();
  for (const area of PRODUCING_AREAS) {
    for (const key of area.products) {
      const crop = product(key).crop;
      const seriesKey = `${area.provinceCode}:${crop}`;
      if (seen.has(seriesKey)) continue;
      seen.add(seriesKey);
      let areaHa = random.int(2_000, 30_000);
      const yieldTonnesPerHa = random.decimal(4, 15, 1);
      for (let year = 2021; year <= 2025; year++) {
        areaHa = Math.round(areaHa * random.decimal(0.97, 1.06, 3));
        dataset.indicators.push({
          provinceCode: area.provinceCode,
          crop,
          year,
          areaHa,
          productionTonnes: Math.round(areaHa * yieldTonnesPerHa * random.decimal(0.9, 1.1, 3)),
          farmingHouseholds: Math.round(areaHa / random.decimal(0.5, 1.2, 2)),
        });
      }
    }
  }
}

function addShopsAndListings(dataset: DemoDataset, random: SeededRandom): void {
  let externalId = 104_200;
  for (const household of dataset.households) {
    const isOrganisation = household.kind !== HouseholdKind.HOUSEHOLD;
    if (!isOrganisation && !random.chance(0.6)) continue;
    const platforms = household.kind === HouseholdKind.COOPERATIVE ? [Platform.POSTMART, Platform.VOSO] : [random.weighted([[Platform.POSTMART, 55], [Platform.VOSO, 45]] as const)];
    const brandMark = isOrganisation && random.chance(0.7) ? `${product(household.productKeys[0]).crop} ${household.displayName.split(' ').slice(-2).join(' ')}` : null;
    for (const platform of platforms) {
      externalId += random.int(1, 40);
      const shop: DemoShop = {
        id: `${platform === Platform.POSTMART ? 'PM' : 'VS'}-${externalId}`,
        platform,
        externalId: String(externalId),
        householdId: household.id,
        name: household.displayName,
        brandMark,
        rating: random.decimal(3.6, 5, 1),
        openedAt: timestamp(random.int(2021, 2024), random.int(1, 12), random.int(1, 28), 9),
      };
      dataset.shops.push(shop);
      household.productKeys.forEach((key, index) => {
        const item = product(key);
        const price = Math.round(random.int(item.priceVnd[0], item.priceVnd[1]) / 1000) * 1000;
        const listing: DemoListing = {
          id: `${shop.id}-L${index + 1}`,
          shopId: shop.id,
          householdId: household.id,
          productKey: key,
          title: item.isFarmInput ? item.title : `${item.title}${random.chance(0.4) ? ' loại 1' : ''}`,
          category: item.category,
          isFarmInput: item.isFarmInput,
          priceVnd: price,
          unit: item.unit,
          kgPerUnit: item.kgPerUnit,
          brandMark: item.isFarmInput ? null : brandMark,
          householdDiscountPct: item.isFarmInput && random.chance(0.8) ? random.int(5, 15) : null,
          gtin: gtin13(random),
          status: random.chance(0.93) ? ListingStatus.ACTIVE : ListingStatus.PAUSED,
          createdAt: timestamp(random.int(2024, 2025), random.int(1, 12), random.int(1, 28), 10),
        };
        dataset.listings.push(listing);
      });
    }
  }
}

function addOrders(dataset: DemoDataset, random: SeededRandom): void {
  const showcase = new Set<string>(Object.values(SHOWCASE));
  const buyersByProvince = new Map<string, DemoHousehold[]>();
  for (const household of dataset.households) {
    const list = buyersByProvince.get(household.provinceCode) ?? [];
    list.push(household);
    buyersByProvince.set(household.provinceCode, list);
  }
  const sellerOf = new Map(dataset.households.map((household) => [household.id, household]));
  let sequence = 0;
  for (const listing of dataset.listings) {
    const item = product(listing.productKey);
    const seller = sellerOf.get(listing.householdId)!;
    const count = showcase.has(listing.householdId) ? random.int(25, 40) : random.int(2, 14);
    for (let n = 0; n < count; n++) {
      const year = random.chance(0.55) ? 2025 : 2026;
      const months = year === 2026 ? item.harvestMonths.filter((month) => month <= 10) : item.harvestMonths;
      const month = random.pick(months.length ? months : item.harvestMonths);
      const orderedAt = new Date(timestamp(year, month, random.int(1, 28), random.int(6, 22)));
      const exported = !item.isFarmInput && item.exportMarkets.length > 0 && random.chance(0.15);
      let destinationProvinceCode: string | null = null;
      let destinationCommuneCode: string | null = null;
      let buyerHouseholdId: string | null = null;
      if (item.isFarmInput) {
        const buyer = random.pick(buyersByProvince.get(seller.provinceCode)!);
        buyerHouseholdId = buyer.id;
        destinationProvinceCode = buyer.provinceCode;
        destinationCommuneCode = buyer.communeCode;
      } else if (!exported) {
        destinationProvinceCode = random.weighted(DOMESTIC_DESTINATIONS);
        destinationCommuneCode = random.pick(communesOfProvince(destinationProvinceCode)).code;
      }
      const quantity = exported ? Math.round(random.int(200, 2000) / item.kgPerUnit) : random.int(1, item.isFarmInput ? 8 : 20);
      const status = random.weighted([[OrderStatus.DELIVERED, 86], [OrderStatus.CANCELLED, 6], [OrderStatus.SHIPPING, 8]] as const);
      const transitHours = exported ? random.int(48, Math.max(60, Math.min(120, item.shelfLifeHours))) : random.int(10, 72);
      sequence += 1;
      const order: DemoOrder = {
        id: `OD-${String(sequence).padStart(7, '0')}`,
        listingId: listing.id,
        quantity,
        quantityKg: round3(quantity * item.kgPerUnit),
        valueVnd: quantity * listing.priceVnd,
        destinationCountry: exported ? random.pick(item.exportMarkets) : 'VN',
        destinationProvinceCode,
        destinationCommuneCode,
        buyerHouseholdId,
        orderedAt: orderedAt.toISOString(),
        deliveredAt: status === OrderStatus.DELIVERED ? new Date(orderedAt.getTime() + transitHours * 3_600_000).toISOString() : null,
        status,
      };
      dataset.orders.push(order);
    }
  }
}

function addGrowingAreas(dataset: DemoDataset, random: SeededRandom): void {
  const sequenceByTag = new Map<string, number>();
  for (const household of dataset.households) {
    const produce = household.productKeys.map(product).filter((p) => !p.isFarmInput);
    const candidate = produce.find((p) => p.group === ProductGroup.FRUIT || p.group === ProductGroup.COFFEE_TEA_COCOA);
    if (!candidate) continue;
    if (household.kind === HouseholdKind.HOUSEHOLD && household.scale === HouseholdScale.SMALL) continue;
    const area = PRODUCING_AREAS.find((a) => a.communeCode === household.communeCode)!;
    const tag = `${PROVINCE_TAGS[household.provinceCode]}${area.placeTag}`;
    const seq = (sequenceByTag.get(tag) ?? 0) + 1;
    sequenceByTag.set(tag, seq);
    dataset.growingAreas.push({
      id: `GA-${tag}-${String(seq).padStart(4, '0')}`,
      code: `VN-${tag}-${String(seq).padStart(4, '0')}`,
      householdId: household.id,
      communeCode: household.communeCode,
      crop: candidate.crop,
      areaHa: household.kind === HouseholdKind.COOPERATIVE ? random.decimal(20, 120, 1) : random.decimal(1, 10, 1),
      exportMarkets: candidate.exportMarkets.length ? random.sample(candidate.exportMarkets, random.int(1, candidate.exportMarkets.length)) : [],
      issuedOn: date(random.int(2021, 2025), random.int(1, 12), random.int(1, 28)),
      latitude: random.decimal(10, 22, 5),
      longitude: random.decimal(103, 109, 5),
    });
  }
}

function addCertifications(dataset: DemoDataset, random: SeededRandom): void {
  const listingsByHousehold = groupBy(dataset.listings, (listing) => listing.householdId);
  let sequence = 0;
  for (const household of dataset.households) {
    const produce = household.productKeys.filter((key) => !product(key).isFarmInput);
    const isCooperative = household.kind === HouseholdKind.COOPERATIVE;
    const isBusiness = household.kind === HouseholdKind.BUSINESS_HOUSEHOLD;
    const schemes: CertificationScheme[] = [];
    if (random.chance(isCooperative ? 0.85 : isBusiness ? 0.5 : 0.25)) schemes.push(CertificationScheme.VIETGAP);
    if (random.chance(isCooperative ? 0.7 : isBusiness ? 0.35 : 0)) schemes.push(CertificationScheme.OCOP);
    if (isCooperative && produce.some((key) => product(key).exportMarkets.length) && random.chance(0.45)) schemes.push(CertificationScheme.GLOBALGAP);
    if (isBusiness && produce.some((key) => product(key).group === ProductGroup.COFFEE_TEA_COCOA)) schemes.push(CertificationScheme.HACCP);
    if (!isCooperative && random.chance(0.05)) schemes.push(CertificationScheme.ORGANIC);
    for (const scheme of schemes) {
      sequence += 1;
      const productKey = random.pick(produce);
      const fromYear = random.int(2023, 2025);
      const validFrom = date(fromYear, random.int(1, 12), random.int(1, 28));
      const years = scheme === CertificationScheme.OCOP ? 3 : scheme === CertificationScheme.GLOBALGAP ? 1 : 2;
      const number =
        scheme === CertificationScheme.OCOP ? `OCOP-${household.provinceCode}-${fromYear}-${String(sequence).padStart(4, '0')}`
        : scheme === CertificationScheme.GLOBALGAP ? `GGN 40${String(random.int(0, 99_999_999_999)).padStart(11, '0')}`
        : `${scheme}-${household.provinceCode}-${String(fromYear).slice(2)}-${String(sequence).padStart(5, '0')}`;
      const certification: DemoCertification = {
        id: `CERT-${String(sequence).padStart(5, '0')}`,
        householdId: household.id,
        scheme,
        certificateNumber: number,
        issuer: scheme === CertificationScheme.OCOP ? `UBND tỉnh/thành phố mã ${household.provinceCode}` : random.pick(GAP_ISSUERS),
        product: product(productKey).title,
        stars: scheme === CertificationScheme.OCOP ? random.weighted([[3, 5], [4, 4], [5, 1]] as const) : null,
        validFrom,
        validUntil: date(fromYear + years, Number(validFrom.slice(5, 7)), Number(validFrom.slice(8, 10))),
        listingIds: (listingsByHousehold.get(household.id) ?? []).filter((listing) => listing.productKey === productKey).map((listing) => listing.id),
      };
      dataset.certifications.push(certification);
    }
  }
}

function addLotsAndEvents(dataset: DemoDataset, random: SeededRandom): void {
  const areaByHousehold = new Map(dataset.growingAreas.map((area) => [area.householdId, area]));
  let eventSequence = 0;
  for (const listing of dataset.listings) {
    if (listing.isFarmInput) continue;
    const item = product(listing.productKey);
    const area = PRODUCING_AREAS.find((a) => listing.householdId.startsWith(`HH-${a.communeCode}`))!;
    const lotCount = random.int(1, 3);
    for (let n = 1; n <= lotCount; n++) {
      const year = n % 2 === 1 ? 2025 : 2026;
      const month = random.pick(item.harvestMonths.filter((m) => year === 2025 || m <= 10).concat(item.harvestMonths[0]));
      const day = random.int(1, 28);
      const lotNumber = `${area.placeTag}${String(year).slice(2)}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}-${listing.id.split('-')[1]}${n}`;
      const harvestedAt = new Date(timestamp(year, month, day, 5));
      const lot: DemoLot = {
        id: `LOT-${lotNumber}`,
        lotNumber,
        listingId: listing.id,
        householdId: listing.householdId,
        growingAreaId: areaByHousehold.get(listing.householdId)?.id ?? null,
        productKey: listing.productKey,
        gtin: listing.gtin,
        harvestedAt: harvestedAt.toISOString(),
        quantityKg: random.int(200, 5000),
      };
      dataset.lots.push(lot);
      const location = `urn:epc:id:sgln:${listing.gtin.slice(0, 7)}.${listing.householdId.slice(3, 8)}.0`;
      const hub = `urn:epc:id:sgln:8934588.${random.int(10000, 99999)}.0`;
      const deliveryHours = Math.min(item.shelfLifeHours * 0.8, random.int(18, 90));
      const steps: [string, string, number, string][] = [
        ['commissioning', 'active', 0, location],
        ['inspecting', 'conformant', random.decimal(1, 3, 1), location],
        ['packing', 'in_progress', random.decimal(3, 8, 1), location],
        ['shipping', 'in_transit', random.decimal(8, 14, 1), location],
        ['receiving', 'in_progress', deliveryHours, hub],
      ];
      for (const [bizStep, disposition, hoursAfterHarvest, place] of steps) {
        eventSequence += 1;
        dataset.events.push({
          id: `EV-${String(eventSequence).padStart(7, '0')}`,
          eventId: `urn:uuid:${uuidFrom(random)}`,
          lotId: lot.id,
          eventType: EpcisEventType.ObjectEvent,
          action: bizStep === 'commissioning' ? 'ADD' : 'OBSERVE',
          bizStep,
          disposition,
          eventTime: new Date(harvestedAt.getTime() + Math.round(hoursAfterHarvest * 3_600_000)).toISOString(),
          eventTimeZoneOffset: '+07:00',
          readPoint: place,
          bizLocation: place,
          quantityKg: lot.quantityKg,
        });
      }
      dataset.traceCodes.push({
        code: `QR${lotNumber.replace('-', '')}`,
        lotId: lot.id,
        listingId: listing.id,
        digitalLink: `https://id.gs1.org/01/0${listing.gtin}/10/${encodeURIComponent(lotNumber)}`,
      });
    }
  }
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(keyOf(item)) ?? [];
    list.push(item);
    map.set(keyOf(item), list);
  }
  return map;
}
