import type { ConsentPurpose, HouseholdKind, HouseholdScale, PaymentAccountStatus, ProductGroup, TrainingTopic } from '../subgraphs/registry/vocabulary';
import type { ListingStatus, OrderStatus, Platform } from '../subgraphs/marketplace/vocabulary';
import type { CertificationScheme, EpcisEventType } from '../subgraphs/traceability/vocabulary';

/**
 * The demo data set, as plain records. Each subgraph's loader in `demo/loaders/` writes its own slice; the
 * household ids, listing ids and place codes are the keys that join the slices across subgraphs.
 */
export interface DemoDataset {
  households: DemoHousehold[];
  censusRecords: DemoCensusRecord[];
  indicators: DemoIndicator[];
  shops: DemoShop[];
  listings: DemoListing[];
  orders: DemoOrder[];
  growingAreas: DemoGrowingArea[];
  certifications: DemoCertification[];
  lots: DemoLot[];
  events: DemoTraceEvent[];
  traceCodes: DemoTraceCode[];
}

export interface DemoHousehold {
  id: string;
  kind: HouseholdKind;
  displayName: string;
  communeCode: string;
  provinceCode: string;
  scale: HouseholdScale;
  productGroups: ProductGroup[];
  /** Product keys of the catalogue this household grows or sells. */
  productKeys: string[];
  cooperativeId: string | null;
  trainings: { topic: TrainingTopic; completedOn: string; organiser: string }[];
  paymentAccount: PaymentAccountStatus;
  consents: ConsentPurpose[];
  registeredOn: string;
  /** Personal data: stored by the registry, never exposed without a legal basis. */
  head: { fullName: string; phone: string; nationalId: string; streetAddress: string; birthYear: number; members: { name: string; birthYear: number }[] };
}

export interface DemoCensusRecord {
  householdId: string;
  censusYear: number;
  landAreaHa: number;
  mainCrops: string[];
  livestockHeads: number;
  poultryHeads: number;
  labourers: number;
  linkMethod: 'NATIONAL_ID' | 'PHONE' | 'NAME_AND_COMMUNE';
  linkConfidence: number;
}

export interface DemoIndicator {
  provinceCode: string;
  crop: string;
  year: number;
  productionTonnes: number;
  areaHa: number;
  farmingHouseholds: number;
}

export interface DemoShop {
  id: string;
  platform: Platform;
  externalId: string;
  householdId: string;
  name: string;
  brandMark: string | null;
  rating: number;
  openedAt: string;
}

export interface DemoListing {
  id: string;
  shopId: string;
  householdId: string;
  productKey: string;
  title: string;
  category: string;
  isFarmInput: boolean;
  priceVnd: number;
  unit: string;
  kgPerUnit: number;
  brandMark: string | null;
  householdDiscountPct: number | null;
  gtin: string;
  status: ListingStatus;
  createdAt: string;
}

export interface DemoOrder {
  id: string;
  listingId: string;
  quantity: number;
  quantityKg: number;
  valueVnd: number;
  /** ISO 3166-1 alpha-2; 'VN' for domestic orders. */
  destinationCountry: string;
  destinationProvinceCode: string | null;
  destinationCommuneCode: string | null;
  buyerHouseholdId: string | null;
  orderedAt: string;
  deliveredAt: string | null;
  status: OrderStatus;
}

export interface DemoGrowingArea {
  id: string;
  code: string;
  householdId: string;
  communeCode: string;
  crop: string;
  areaHa: number;
  exportMarkets: string[];
  issuedOn: string;
  /** Farm-plot location: personal data. */
  latitude: number;
  longitude: number;
}

export interface DemoCertification {
  id: string;
  householdId: string;
  scheme: CertificationScheme;
  certificateNumber: string;
  issuer: string;
  product: string;
  stars: number | null;
  validFrom: string;
  validUntil: string;
  listingIds: string[];
}

export interface DemoLot {
  id: string;
  lotNumber: string;
  listingId: string;
  householdId: string;
  growingAreaId: string | null;
  productKey: string;
  gtin: string;
  harvestedAt: string;
  quantityKg: number;
}

export interface DemoTraceEvent {
  id: string;
  eventId: string;
  lotId: string;
  eventType: EpcisEventType;
  action: 'ADD' | 'OBSERVE' | 'DELETE';
  bizStep: string;
  disposition: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  readPoint: string;
  bizLocation: string | null;
  quantityKg: number;
}

export interface DemoTraceCode {
  code: string;
  lotId: string;
  listingId: string;
  digitalLink: string;
}
