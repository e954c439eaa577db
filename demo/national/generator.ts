import { COPY_NULL, type CopyValue } from '../../platform/database/copy';
import { nationalIdHash, normalisePersonName, normalisePhone } from '../../platform/identity/normalise';
import { decideMatch } from '../../platform/linking/decision';
import { prepareName } from '../../platform/linking/names';
import { scorePair } from '../../platform/linking/scoring';
import type { LinkCandidate } from '../../platform/linking/types';
import { birthYearOfCccd, householdIdentityColumns } from '../../subgraphs/registry/linking/identity-columns';
import { censusContentHash, indicatorContentHash } from '../../subgraphs/statistics/ingest/content';
import { HouseholdLinkMethod, HouseholdLinkStatus } from '../../platform/linking/stored-link';
import { ALL_CROPS } from '../../subgraphs/statistics/vocabulary';
import {
  ConsentPurpose, HouseholdKind, HouseholdScale, PaymentAccountStatus, ProductGroup, TrainingTopic,
} from '../../subgraphs/registry/vocabulary';
import { ListingStatus, OrderStatus, Platform } from '../../subgraphs/marketplace/vocabulary';
import { CertificationScheme, EpcisEventType, HouseholdLink } from '../../subgraphs/traceability/vocabulary';
import {
  CROP_YIELDS, DOMESTIC_DESTINATIONS, FARM_INPUT_KEYS, produceOfProvince, product, regionOfProvince, type Product,
} from '../catalogue';
import { date, fastUuid, gtin13, round3 } from '../formats';
import { mobilePhone, mobilePhoneOf, NamePool, nationalIdOf, streetAddress, WeightedTable, type Person } from '../people';
import { StreamRandom, type SeededRandom } from '../random';
import type { GeneratorCommune, GeneratorProvince } from './places';
import type { CommunePlan } from './population';
import type { GeneratedTableName } from './tables';

/** Bumped whenever the same households and seed would give different rows, so that a stored data set is not reused by mistake. */
export const GENERATOR_VERSION = '2';

/** The day the data set describes: orders run from 1 January 2025 to the end of October 2026, Vietnam time. */
export const DATASET_AS_OF = new Date(Date.UTC(2026, 10, 1, -7));
const AS_OF_MS = DATASET_AS_OF.getTime();
/** `source` of every generated row (see platform/ingest/provenance.ts); the data set's parameters are in `public.nongsan_dataset`. */
export const GENERATOR_SOURCE = 'generator';
const FIRST_ORDER_YEAR = 2025;
const LAST_ORDER_MONTH_2026 = 10;
const CENSUS_YEAR = 2025;
const INDICATOR_YEARS = [2021, 2022, 2023, 2024, 2025] as const;
const HOUR_MS = 3_600_000;
/** Random streams beside the communes' (whose stream is their ordinal, below 100,000). */
const INDICATOR_STREAM = 1_000_001;

/** Where a row goes: a COPY stream when loading. */
export interface RowSink {
  row(values: readonly CopyValue[]): void;
  /** A row already in COPY text format, newline included (for the hottest tables). */
  line(text: string): void;
}

export type RowSinks = Record<GeneratedTableName, RowSink>;

export interface GeneratorOptions {
  seed: number;
}

/** Rows of every table for the households of one commune, and the running totals the indicator series need. */
export class NationalGenerator {
  private readonly provinces: Map<string, GeneratorProvince>;
  private readonly provinceCodes: string[];
  private readonly produceByProvince = new Map<string, WeightedTable<Product>>();
  private readonly namesByProvince = new Map<string, NamePool>();
  private readonly domesticDestinations = new WeightedTable(DOMESTIC_DESTINATIONS);
  private readonly farmInputs = FARM_INPUT_KEYS.map(product);
  // Country-wide counters: communes are always generated in the same order, so these stay deterministic.
  private trainingId = 0;
  private censusId = 0;
  private phoneSerial = 0;
  private readonly nationalIdSerials = new Map<string, number>();
  /** Farming households and land per province and crop, for the 2025 indicator observations. */
  private readonly cropTotals = new Map<string, Map<string, { households: number; areaHa: number }>>();

  constructor(private readonly options: GeneratorOptions, provinces: readonly GeneratorProvince[]) {
    this.provinces = new Map(provinces.map((province) => [province.code, province]));
    this.provinceCodes = provinces.map((province) => province.code);
    const namePools = new Map<string, NamePool>();
    for (const province of provinces) {
      this.produceByProvince.set(province.code, new WeightedTable(produceOfProvince(province.code).map(([key, weight]) => [product(key), weight] as const)));
      const region = regionOfProvince(province.code).key;
      this.namesByProvince.set(province.code, namePools.get(region) ?? namePools.set(region, new NamePool(region)).get(region)!);
    }
  }

  /** All rows of one commune's households. Communes must come in the order of their plans. */
  generateCommune(plan: CommunePlan, sinks: RowSinks): void {
    if (plan.households === 0) return;
    new CommuneGenerator(this, plan, sinks, new StreamRandom(this.options.seed, plan.ordinal)).run();
  }

  /** Production, area and farming households per province, crop and year, 2021-2025, from the generated households. */
  indicatorRows(sink: RowSink): number {
    let id = 0;
    const random = new StreamRandom(this.options.seed, INDICATOR_STREAM);
    for (const provinceCode of [...this.cropTotals.keys()].sort()) {
      const crops = this.cropTotals.get(provinceCode)!;
      for (const crop of [...crops.keys()].sort()) {
        const totals = crops.get(crop)!;
        const yields = crop === ALL_CROPS ? undefined : CROP_YIELDS[crop];
        // 2025 is what the households say; earlier years grow towards it by a steady rate per series.
        const growth = random.decimal(-0.02, 0.06, 3);
        for (const year of INDICATOR_YEARS) {
          const factor = (1 + growth) ** (year - CENSUS_YEAR);
          const households = Math.round(totals.households * factor);
          const areaHa = yields?.tonnesPerHousehold ? null : round1(totals.areaHa * factor);
          const production =
            yields?.tonnesPerHa && areaHa !== null ? round1(areaHa * yields.tonnesPerHa * random.decimal(0.92, 1.08, 3))
            : yields?.tonnesPerHousehold ? round1(households * yields.tonnesPerHousehold * random.decimal(0.92, 1.08, 3))
            : null;
          const observation = { provinceCode, crop, year, productionTonnes: production, areaHa, farmingHouseholds: households };
          sink.row([++id, provinceCode, crop, year, production, areaHa, households, indicatorContentHash(observation)]);
        }
      }
    }
    return id;
  }

  // Shared state the commune generators draw on.
  produceOf(provinceCode: string): WeightedTable<Product> {
    return this.produceByProvince.get(provinceCode)!;
  }
  namesOf(provinceCode: string): NamePool {
    return this.namesByProvince.get(provinceCode)!;
  }
  province(code: string): GeneratorProvince {
    return this.provinces.get(code)!;
  }
  otherProvince(random: SeededRandom): string {
    return random.pick(this.provinceCodes);
  }
  destinationProvince(random: SeededRandom): string {
    return this.domesticDestinations.draw(random);
  }
  get inputs(): readonly Product[] {
    return this.farmInputs;
  }
  nextTrainingId(): number {
    return ++this.trainingId;
  }
  nextCensusId(): number {
    return ++this.censusId;
  }
  nextPhone(): string {
    return mobilePhoneOf(this.phoneSerial++);
  }
  /** A CCCD distinct from every other one generated (up to a million per birth province, sex and birth year). */
  nextNationalId(who: Person, birthProvince: string): string {
    const bucket = `${birthProvince}${who.female ? 1 : 0}${who.birthYear}`;
    const serial = this.nationalIdSerials.get(bucket) ?? 0;
    this.nationalIdSerials.set(bucket, serial + 1);
    return nationalIdOf(who, birthProvince, serial);
  }
  countFarmingHousehold(provinceCode: string, crops: readonly string[], landAreaHa: number): void {
    let byCrop = this.cropTotals.get(provinceCode);
    if (!byCrop) this.cropTotals.set(provinceCode, (byCrop = new Map()));
    const add = (crop: string, areaHa: number) => {
      const totals = byCrop.get(crop);
      if (totals) {
        totals.households += 1;
        totals.areaHa += areaHa;
      } else byCrop.set(crop, { households: 1, areaHa });
    };
    add(ALL_CROPS, landAreaHa);
    for (const crop of crops) add(crop, landAreaHa / crops.length);
  }
}

const BRAND_WORDS = ['Xanh', 'Sạch', 'Quê Hương', 'Phúc Lộc', 'An Lạc', 'Hưng Thịnh', 'Việt', 'Đất Lành', 'Nhà Nông', 'Tâm An'];
const GAP_ISSUERS = ['Trung tâm Kiểm nghiệm và Chứng nhận chất lượng TQC', 'Công ty CP Chứng nhận Quốc tế ICB', 'Trung tâm Chất lượng Nông lâm thủy sản vùng 1', 'Công ty TNHH Chứng nhận Quốc tế NHO-QUARACERT', 'Trung tâm Chứng nhận Phù hợp QUACERT'];
const TRAINING_ORGANISERS = ['Sở Công Thương', 'Bưu điện tỉnh (VNPost)', 'Viettel Post chi nhánh tỉnh', 'Hội Nông dân tỉnh', 'Trung tâm Khuyến nông tỉnh'];
const PERENNIAL_GROUPS = new Set([ProductGroup.FRUIT, ProductGroup.COFFEE_TEA_COCOA, ProductGroup.HERBS_AND_SPICES]);

interface GeneratedHousehold {
  id: string;
  displayName: string;
  kind: HouseholdKind;
  organisation: boolean;
  scale: HouseholdScale;
  produce: Product[];
  sellsInputs: boolean;
  head: Person;
  phone: string | null;
  nationalId: string | null;
  nationalIdHash: string | null;
}

interface GeneratedListing {
  id: string;
  shopId: string;
  item: Product;
  priceVnd: number;
  kgPerUnit: number;
  gtin: string;
}

/** One commune's households and everything hanging off them; identifiers are scoped by the commune code. */
class CommuneGenerator {
  private readonly commune: GeneratorCommune;
  private readonly code: string;
  private readonly provinceCode: string;
  private readonly households: GeneratedHousehold[] = [];
  private shopSeq = 0;
  private orderSeq = 0;
  private areaSeq = 0;
  private certificateSeq = 0;
  private lotSeq = 0;
  private eventSeq = 0;

  constructor(
    private readonly nation: NationalGenerator,
    private readonly plan: CommunePlan,
    private readonly sinks: RowSinks,
    private readonly random: SeededRandom,
  ) {
    this.commune = plan.commune;
    this.code = plan.commune.code;
    this.provinceCode = plan.commune.provinceCode;
  }

  run(): void {
    const { random } = this;
    const count = this.plan.households;
    const produce = this.nation.produceOf(this.provinceCode);
    // A commune is known for one or two things (Lục Ngạn for lychee): half its households grow those.
    const focus = [produce.draw(random), produce.draw(random)];
    const cooperatives = count >= 15 ? Math.max(1, Math.round(count * 0.004)) : 0;
    const groups = count >= 40 ? Math.round(count * 0.003) : 0;
    const businesses = count >= 34 ? Math.round(count * 0.03) : 0;
    const cooperativeIds: { id: string; main: Product }[] = [];

    for (let seq = 1; seq <= count; seq++) {
      const kind =
        seq <= cooperatives ? HouseholdKind.COOPERATIVE
        : seq <= cooperatives + groups ? HouseholdKind.COOPERATIVE_GROUP
        : seq <= cooperatives + groups + businesses ? HouseholdKind.BUSINESS_HOUSEHOLD
        // Communes too small for a count (small data sets) still get their share of business households.
        : businesses === 0 && random.chance(0.03) ? HouseholdKind.BUSINESS_HOUSEHOLD
        : HouseholdKind.HOUSEHOLD;
      const organisation = kind === HouseholdKind.COOPERATIVE || kind === HouseholdKind.COOPERATIVE_GROUP;
      const main = organisation ? focus[(seq - 1) % 2] : random.chance(0.5) ? random.pick(focus) : produce.draw(random);
      const items = [main];
      if (random.chance(organisation ? 0.6 : 0.35)) {
        const second = produce.draw(random);
        if (second !== main) items.push(second);
      }
      const sellsInputs = organisation || kind === HouseholdKind.BUSINESS_HOUSEHOLD;
      const id = `HH-${this.code}-${String(seq).padStart(5, '0')}`;
      if (kind === HouseholdKind.COOPERATIVE) cooperativeIds.push({ id, main });
      const household = this.household(id, kind, organisation, items, sellsInputs, seq, cooperativeIds);
      this.households.push(household);
    }
    for (const household of this.households) this.marketplaceAndTraceability(household);
  }

  private household(
    id: string, kind: HouseholdKind, organisation: boolean, produce: Product[], sellsInputs: boolean, seq: number,
    cooperatives: { id: string; main: Product }[],
  ): GeneratedHousehold {
    const { random, nation, commune } = this;
    const main = produce[0];
    const crop = main.crop;
    const scale = organisation ? HouseholdScale.LARGE
      : kind === HouseholdKind.BUSINESS_HOUSEHOLD ? (random.chance(0.7) ? HouseholdScale.MEDIUM : HouseholdScale.FARM)
      : random.chance(0.65) ? HouseholdScale.SMALL : random.chance(0.75) ? HouseholdScale.MEDIUM : HouseholdScale.FARM;
    const displayName =
      kind === HouseholdKind.COOPERATIVE ? (seq === 1 ? `HTX ${crop} ${commune.name}` : `HTX Dịch vụ nông nghiệp ${commune.name} số ${seq}`)
      : kind === HouseholdKind.COOPERATIVE_GROUP ? `Tổ hợp tác ${crop.toLowerCase()} ${commune.name} số ${seq}`
      : kind === HouseholdKind.BUSINESS_HOUSEHOLD ? `Cơ sở ${crop.toLowerCase()} ${random.pick(BRAND_WORDS)} ${commune.name}`
      : `Hộ ${farmingVerb(main.group)} ${crop.toLowerCase()} ${commune.name} số ${seq}`;
    const groups = [...new Set(produce.map((item) => item.group))];
    if (sellsInputs) groups.push(ProductGroup.FARM_INPUTS);

    let cooperativeId: string | null = null;
    if (kind === HouseholdKind.HOUSEHOLD && cooperatives.length && random.chance(0.4)) {
      cooperativeId = (cooperatives.find((cooperative) => cooperative.main === main) ?? random.pick(cooperatives)).id;
    }
    const head = nation.namesOf(this.provinceCode).person(random);
    const birthProvince = random.chance(0.9) ? this.provinceCode : nation.otherProvince(random);
    const phone = random.chance(0.93) ? nation.nextPhone() : null;
    const nationalId = random.chance(0.97) ? nation.nextNationalId(head, birthProvince) : null;
    const paymentAccount = random.weighted(
      organisation ? PAYMENT_OF_ORGANISATIONS : kind === HouseholdKind.BUSINESS_HOUSEHOLD ? PAYMENT_OF_BUSINESSES : PAYMENT_OF_HOUSEHOLDS,
    );
    const consents: ConsentPurpose[] = [];
    if (random.chance(organisation ? 0.9 : 0.25)) consents.push(ConsentPurpose.PUBLISH_CONTACT_FOR_EXPORT);
    if (random.chance(0.6)) consents.push(ConsentPurpose.SHARE_WITH_MARKETPLACES);
    if (random.chance(0.45)) consents.push(ConsentPurpose.RESEARCH_STATISTICS);
    const registeredOn = date(random.int(2023, 2025), random.int(1, 12), random.int(1, 28));

    // The columns the registry's matcher searches by, filled as its importers fill them.
    const identity = householdIdentityColumns({ headName: head.fullName, nationalId, communeCode: this.code });
    this.sinks.household.row([
      id, kind, displayName, this.code, this.provinceCode, scale, groups, cooperativeId, paymentAccount, consents, registeredOn,
      head.fullName, phone, nationalId, streetAddress(random, commune.fullName), identity.nationalIdHash, identity.nameBlocks, identity.headBirthYear,
    ]);
    const business = kind === HouseholdKind.BUSINESS_HOUSEHOLD;
    if (random.chance(organisation ? 1 : business ? 0.6 : 0.35)) this.training(id, TrainingTopic.DIGITAL_SKILLS);
    if (random.chance(organisation ? 0.9 : business ? 0.5 : 0.2)) this.training(id, TrainingTopic.PACKING_AND_DELIVERY);

    // Land and crops, counted for the indicator series whether or not the census reached the household.
    const landAreaHa =
      organisation ? random.decimal(10, 80)
      : scale === HouseholdScale.FARM ? random.decimal(3, 12)
      : scale === HouseholdScale.MEDIUM ? random.decimal(1, 3)
      : random.decimal(0.1, 1);
    const crops = [...new Set(produce.map((item) => item.crop))];
    if (!crops.includes('Lúa') && random.chance(0.3)) crops.push('Lúa');
    if (!organisation) nation.countFarmingHousehold(this.provinceCode, crops, landAreaHa);
    const household: GeneratedHousehold = {
      id, displayName, kind, organisation, scale, produce, sellsInputs, head, phone, nationalId, nationalIdHash: identity.nationalIdHash,
    };
    // The census counts households and farms, not cooperatives; it reaches most of them.
    const censused = random.chance(0.92);
    if (!organisation && censused) this.censusRecord(household, seq, crops, landAreaHa);
    return household;
  }

  private training(householdId: string, topic: TrainingTopic): void {
    const { random } = this;
    this.sinks.training.row([
      this.nation.nextTrainingId(), householdId, topic,
      date(random.int(2022, 2025), random.int(1, 12), random.int(1, 28)), random.pick(TRAINING_ORGANISERS),
    ]);
  }

  /**
   * The census office's record of the household, with the identity evidence as its enumerator wrote it down (the
   * same person, but not always spelt, numbered or formatted the way the registry has them), stored in the
   * canonical forms the census importer stores, and linked as the registry's matcher would link it.
   */
  private censusRecord(household: GeneratedHousehold, seq: number, crops: string[], landAreaHa: number): void {
    const { random } = this;
    const livestock = household.produce.some((item) => item.group === ProductGroup.LIVESTOCK);
    const respondentName = normalisePersonName(writtenName(random, household.head, () => this.nation.namesOf(this.provinceCode).person(random).fullName));
    const writtenNumber = writtenPhone(random, household.phone);
    const normalised = writtenNumber === null ? null : normalisePhone(writtenNumber);
    const phone = normalised && 'phone' in normalised ? normalised.phone : null;
    const idEvidence = random.next();
    const writtenId =
      household.nationalId === null || idEvidence >= 0.75 ? null
      : idEvidence < 0.72 ? household.nationalId
      : mistypedDigit(random, household.nationalId);
    const idHash = writtenId === null ? null : writtenId === household.nationalId ? household.nationalIdHash : nationalIdHash(writtenId);
    const communeCode = random.chance(0.97) ? this.code : random.pick(this.nation.province(this.provinceCode).communes).code;
    // The census asks the respondent's year of birth; most give it.
    const respondentBirthYear = random.chance(0.85) ? household.head.birthYear : null;
    const link = linkToOwnHousehold({ idHash, phone, name: respondentName, communeCode, birthYear: respondentBirthYear }, household, this.code);
    const content = {
      recordKey: `DT${CENSUS_YEAR}-${this.code}-${String(seq).padStart(5, '0')}`,
      householdId: link.status === HouseholdLinkStatus.LINKED ? household.id : null,
      censusYear: CENSUS_YEAR,
      landAreaHa,
      mainCrops: crops,
      livestockHeads: livestock ? random.int(5, 200) : random.chance(0.3) ? random.int(1, 12) : 0,
      poultryHeads: random.chance(0.6) ? random.int(10, 300) : 0,
      labourers: random.int(1, 6),
      respondentName, respondentBirthYear, phone, nationalIdHash: idHash, communeCode,
      linkStatus: link.status, linkMethod: link.method, linkConfidence: link.confidence, linkCandidates: link.candidates,
    };
    this.sinks.censusRecord.row([
      this.nation.nextCensusId(), content.recordKey, content.householdId, CENSUS_YEAR, landAreaHa, crops, content.livestockHeads, content.poultryHeads,
      content.labourers, respondentName, phone, idHash, communeCode, link.status, link.method, link.confidence,
      link.candidates ? JSON.stringify(link.candidates) : null, censusContentHash(content), respondentBirthYear,
    ]);
  }

  private marketplaceAndTraceability(household: GeneratedHousehold): void {
    const { random } = this;
    const business = household.kind === HouseholdKind.BUSINESS_HOUSEHOLD;
    const hasShop = random.chance(household.organisation ? 0.95 : business ? 0.8 : 0.34);
    const platforms: Platform[] = [];
    if (hasShop) {
      const first = random.chance(0.55) ? Platform.POSTMART : Platform.VOSO;
      platforms.push(first);
      if (random.chance(household.kind === HouseholdKind.COOPERATIVE ? 0.7 : business ? 0.2 : 0.08)) {
        platforms.push(first === Platform.POSTMART ? Platform.VOSO : Platform.POSTMART);
      }
    }
    const listings: GeneratedListing[] = [];
    const brandMark = household.organisation && random.chance(0.7) ? `${household.produce[0].crop} ${this.commune.name}` : null;
    for (const platform of platforms) listings.push(...this.shop(household, platform, brandMark));

    const area = this.growingArea(household);
    const certified = this.certifications(household, listings);
    for (const listing of listings) {
      this.orders(household, listing);
      if (!listing.item.isFarmInput) this.lots(household, listing, area, certified);
    }
  }

  private shop(household: GeneratedHousehold, platform: Platform, brandMark: string | null): GeneratedListing[] {
    const { random } = this;
    this.shopSeq += 1;
    // Numeric ids as the platforms issue them, distinct per commune: commune code then a five-digit sequence.
    const externalId = String(Number(this.code) * 100_000 + this.shopSeq);
    const shopId = `${platform === Platform.POSTMART ? 'PM' : 'VS'}-${externalId}`;
    const openedAt = dayTime(random, random.int(2021, 2025), random.int(1, 12), 9);
    // The seller as the platform's profile knows them (an ID number for those who verified it), which links the shop.
    const sellerPhone = household.phone !== null && random.chance(0.95) ? household.phone : null;
    const sellerIdHash = random.chance(0.6) ? household.nationalIdHash : null;
    this.sinks.shop.row([
      shopId, platform, externalId, household.id, household.displayName, brandMark, random.decimal(3.5, 5, 1), openedAt, this.provinceCode, this.code,
      // The shop comes with its household (as the migration marks shops stored before linking existed).
      household.head.fullName, sellerPhone, sellerIdHash, 'code', HouseholdLinkStatus.LINKED, 1,
    ]);
    const listings: GeneratedListing[] = [];
    let number = 0;
    const add = (item: Product, title: string, unit: string, kgPerUnit: number, priceVnd: number, brand: string | null, discount: number | null) => {
      number += 1;
      const listing: GeneratedListing = { id: `${shopId}-L${number}`, shopId, item, priceVnd, kgPerUnit, gtin: gtin13(random) };
      listings.push(listing);
      this.sinks.listing.row([
        listing.id, shopId, household.id, platform, title, item.category, item.isFarmInput, priceVnd, unit, kgPerUnit, brand, discount,
        listing.gtin, random.chance(0.93) ? ListingStatus.ACTIVE : ListingStatus.PAUSED, dayTime(random, random.int(2024, 2025), random.int(1, 12), 10),
      ]);
    };
    for (const item of household.produce) {
      const price = roundPrice(random.int(item.priceVnd[0], item.priceVnd[1]));
      // Named after where it grows: "Vải thiều Lục Ngạn", "Gạo thơm Trần Đề túi 5 kg".
      const title = item.name ? `${item.name} ${this.commune.name}${item.unit === 'bao' ? ` túi ${item.kgPerUnit} kg` : ''}` : item.title;
      add(item, title, item.unit, item.kgPerUnit, price, brandMark, null);
      if (random.chance(household.organisation ? 0.8 : 0.75)) add(item, `${title} loại 1`, item.unit, item.kgPerUnit, roundPrice(price * 1.2), brandMark, null);
      if (random.chance(household.organisation ? 0.6 : 0.4)) {
        if (item.unit === 'kg') add(item, `${title} thùng 10 kg`, 'thùng', 10, roundPrice(price * 9.5), brandMark, null);
        else add(item, `${title} combo 3 ${item.unit}`, 'combo', round3(item.kgPerUnit * 3), roundPrice(price * 2.8), brandMark, null);
      }
    }
    if (household.sellsInputs) {
      for (const item of random.sample(this.nation.inputs, random.int(1, 2))) {
        add(item, item.title, item.unit, item.kgPerUnit, roundPrice(random.int(item.priceVnd[0], item.priceVnd[1])), null, random.chance(0.8) ? random.int(5, 15) : null);
      }
    }
    return listings;
  }

  private orders(seller: GeneratedHousehold, listing: GeneratedListing): void {
    const { random } = this;
    const item = listing.item;
    const count = seller.organisation ? random.int(4, 24) : seller.kind === HouseholdKind.BUSINESS_HOUSEHOLD ? random.int(2, 14) : random.int(0, 8);
    const exportShare = item.isFarmInput || !item.exportMarkets.length ? 0 : seller.organisation || seller.kind === HouseholdKind.BUSINESS_HOUSEHOLD ? 0.15 : 0.04;
    const storable = item.shelfLifeHours >= 4380;
    for (let n = 0; n < count; n++) {
      const year = random.chance(0.55) ? FIRST_ORDER_YEAR : FIRST_ORDER_YEAR + 1;
      const month = orderMonth(random, item, year, storable);
      const orderedMs = Date.UTC(year, month - 1, random.int(1, 28), random.int(6, 22) - 7, random.int(0, 59));
      const exported = random.chance(exportShare);
      let provinceCode: string | null = null;
      let communeCode: string | null = null;
      let buyerId: string | null = null;
      if (item.isFarmInput) {
        // Farm inputs go to neighbours: another household of the same commune.
        const index = random.int(0, this.households.length - 1);
        const buyer = this.households[index] === seller && this.households.length > 1 ? this.households[(index + 1) % this.households.length] : this.households[index];
        buyerId = buyer.id;
        provinceCode = this.provinceCode;
        communeCode = this.code;
      } else if (!exported) {
        provinceCode = this.nation.destinationProvince(random);
        communeCode = random.pick(this.nation.province(provinceCode).communes).code;
      }
      const quantity = exported ? Math.max(1, Math.round(random.int(200, 2000) / listing.kgPerUnit)) : random.int(1, item.isFarmInput ? 8 : 20);
      const transitHours = exported ? random.int(48, Math.max(60, Math.min(120, item.shelfLifeHours))) : random.int(10, 72);
      const deliveredMs = orderedMs + transitHours * HOUR_MS;
      const cancelled = random.chance(0.07);
      const status = cancelled ? OrderStatus.CANCELLED : deliveredMs <= AS_OF_MS ? OrderStatus.DELIVERED : orderedMs + 12 * HOUR_MS <= AS_OF_MS ? OrderStatus.SHIPPING : OrderStatus.PLACED;
      this.orderSeq += 1;
      // The hottest rows (six per household) go out as ready COPY lines: every field is a generated code, number or
      // time, so nothing needs escaping. Same columns, same order as GENERATED_TABLES.order.
      this.sinks.order.line(
        `OD-${this.code}-${String(this.orderSeq).padStart(7, '0')}\t${listing.id}\t${listing.shopId}\t${seller.id}\t${this.provinceCode}\t${quantity}\t` +
          `${round3(quantity * listing.kgPerUnit)}\t${quantity * listing.priceVnd}\t${exported ? random.pick(item.exportMarkets) : 'VN'}\t` +
          `${provinceCode ?? COPY_NULL}\t${communeCode ?? COPY_NULL}\t${buyerId ?? COPY_NULL}\t${new Date(orderedMs).toISOString()}\t` +
          `${status === OrderStatus.DELIVERED ? new Date(deliveredMs).toISOString() : COPY_NULL}\t${status}\n`,
      );
    }
  }

  /** A growing-area code (mã số vùng trồng) for perennial crops of larger growers and every cooperative that has one. */
  private growingArea(household: GeneratedHousehold): { id: string; code: string; product: Product } | null {
    const { random } = this;
    const perennial = household.produce.find((item) => PERENNIAL_GROUPS.has(item.group));
    if (!perennial || (household.scale === HouseholdScale.SMALL && !household.organisation) || !random.chance(0.7)) return null;
    this.areaSeq += 1;
    const sequence = String(this.areaSeq).padStart(5, '0');
    const id = `GA-${this.code}-${sequence}`;
    const code = `VN-${this.provinceCode}${this.code}-${sequence}`;
    const { latitude, longitude } = this.commune;
    this.sinks.growingArea.row([
      id, code, household.id, this.code, perennial.crop,
      household.organisation ? random.decimal(20, 120, 1) : random.decimal(1, 10, 1),
      perennial.exportMarkets.length ? random.sample(perennial.exportMarkets, random.int(1, perennial.exportMarkets.length)) : [],
      date(random.int(2021, 2025), random.int(1, 12), random.int(1, 28)),
      // Plots within a few kilometres of the commune's centre (anywhere in the country's span for a commune without one).
      latitude !== null ? round5(latitude + random.decimal(-0.03, 0.03, 5)) : random.decimal(10, 22, 5),
      longitude !== null ? round5(longitude + random.decimal(-0.03, 0.03, 5)) : random.decimal(103, 109, 5),
    ]);
    return { id, code, product: perennial };
  }

  /** Certificates of the household, each covering its listings of the certified product; returns the certified products. */
  private certifications(household: GeneratedHousehold, listings: GeneratedListing[]): Set<Product> {
    const { random } = this;
    const cooperative = household.kind === HouseholdKind.COOPERATIVE;
    const business = household.kind === HouseholdKind.BUSINESS_HOUSEHOLD;
    const schemes: CertificationScheme[] = [];
    if (random.chance(cooperative ? 0.85 : business ? 0.5 : household.organisation ? 0.4 : 0.06)) schemes.push(CertificationScheme.VIETGAP);
    if (random.chance(cooperative ? 0.6 : business ? 0.3 : 0)) schemes.push(CertificationScheme.OCOP);
    if (cooperative && household.produce.some((item) => item.exportMarkets.length) && random.chance(0.4)) schemes.push(CertificationScheme.GLOBALGAP);
    if (business && household.produce.some((item) => item.group === ProductGroup.COFFEE_TEA_COCOA || item.group === ProductGroup.PROCESSED_FOOD)) schemes.push(CertificationScheme.HACCP);
    if (!cooperative && random.chance(business ? 0.05 : 0.01)) schemes.push(CertificationScheme.ORGANIC);
    const certified = new Set<Product>();
    for (const scheme of schemes) {
      this.certificateSeq += 1;
      const item = random.pick(household.produce);
      certified.add(item);
      const fromYear = random.int(2023, 2025);
      const month = random.int(1, 12);
      const day = random.int(1, 28);
      const years = scheme === CertificationScheme.OCOP ? 3 : scheme === CertificationScheme.GLOBALGAP ? 1 : 2;
      const sequence = `${this.code}${String(this.certificateSeq).padStart(4, '0')}`;
      const id = `CERT-${this.code}-${String(this.certificateSeq).padStart(5, '0')}`;
      this.sinks.certification.row([
        id, household.id, scheme,
        scheme === CertificationScheme.OCOP ? `OCOP-${this.provinceCode}-${fromYear}-${sequence}`
        // A GLOBALG.A.P. number: 13 digits starting 40; the commune and sequence keep them distinct.
        : scheme === CertificationScheme.GLOBALGAP ? `GGN 40${this.code}${String(this.certificateSeq).padStart(6, '0')}`
        : `${scheme}-${this.provinceCode}-${String(fromYear).slice(2)}-${sequence}`,
        scheme === CertificationScheme.OCOP ? `UBND ${this.nation.province(this.provinceCode).name}` : random.pick(GAP_ISSUERS),
        item.title,
        scheme === CertificationScheme.OCOP ? random.weighted(OCOP_STARS) : null,
        date(fromYear, month, day), date(fromYear + years, month, day), this.code,
      ]);
      for (const listing of listings) if (listing.item === item) this.sinks.certificationListing.row([id, listing.id]);
    }
    return certified;
  }

  /** Harvest lots of a produce listing, each with its EPCIS events from harvest to delivery and its QR code. */
  private lots(household: GeneratedHousehold, listing: GeneratedListing, area: { id: string; code: string; product: Product } | null, certified: Set<Product>): void {
    const { random } = this;
    const item = listing.item;
    const count = household.organisation ? random.int(1, 4) : household.kind === HouseholdKind.BUSINESS_HOUSEHOLD ? random.int(0, 3) : random.chance(0.6) ? (random.chance(0.25) ? 2 : 1) : 0;
    for (let n = 0; n < count; n++) {
      const laterMonths = item.harvestMonths.filter((month) => month <= LAST_ORDER_MONTH_2026);
      const year = laterMonths.length && random.chance(0.5) ? FIRST_ORDER_YEAR + 1 : FIRST_ORDER_YEAR;
      const month = random.pick(year === FIRST_ORDER_YEAR ? item.harvestMonths : laterMonths);
      const harvestedMs = Date.UTC(year, month - 1, random.int(1, 28), 5 - 7);
      const harvested = new Date(harvestedMs);
      this.lotSeq += 1;
      const lotNumber = `${isoDay(harvested)}-${this.code}-${String(this.lotSeq).padStart(6, '0')}`;
      const lotId = `LOT-${lotNumber}`;
      const quantityKg = household.organisation ? random.int(500, 8000) : random.int(50, 1500);
      const grownIn = area && area.product === item ? area : null;
      this.sinks.lot.row([
        lotId, lotNumber, listing.id, household.id, grownIn?.id ?? null, grownIn?.code ?? null, HouseholdLink.SOURCE, item.key, listing.gtin,
        harvested.toISOString(), quantityKg,
      ]);
      const farm = `urn:epc:id:sgln:${listing.gtin.slice(0, 7)}.${this.code}.0`;
      const hub = `urn:epc:id:sgln:8934588.${random.int(10000, 99999)}.0`;
      // Fresh produce must arrive well within its shelf life; dry goods may wait in a warehouse.
      const deliveryHours = Math.min(item.shelfLifeHours * 0.8, random.int(18, 96));
      this.event(lotId, 'commissioning', 'active', harvestedMs, farm, quantityKg);
      if (certified.has(item) || household.organisation || random.chance(0.3)) this.event(lotId, 'inspecting', 'conformant', harvestedMs + random.decimal(1, 3, 1) * HOUR_MS, farm, quantityKg);
      this.event(lotId, 'packing', 'in_progress', harvestedMs + random.decimal(3, 8, 1) * HOUR_MS, farm, quantityKg);
      this.event(lotId, 'shipping', 'in_transit', harvestedMs + random.decimal(8, 14, 1) * HOUR_MS, farm, quantityKg);
      this.event(lotId, 'receiving', 'in_progress', harvestedMs + deliveryHours * HOUR_MS, hub, quantityKg);
      this.sinks.traceCode.row([
        `QR${lotNumber.replace(/-/g, '')}`, lotId, listing.id, `https://id.gs1.org/01/0${listing.gtin}/10/${encodeURIComponent(lotNumber)}`,
      ]);
    }
  }

  private event(lotId: string, bizStep: string, disposition: string, timeMs: number, place: string, quantityKg: number): void {
    if (timeMs > AS_OF_MS) return;
    this.eventSeq += 1;
    // A ready COPY line, as for orders: same columns, same order as GENERATED_TABLES.traceEvent.
    this.sinks.traceEvent.line(
      `EV-${this.code}-${String(this.eventSeq).padStart(7, '0')}\turn:uuid:${fastUuid(this.random)}\t${lotId}\t${EpcisEventType.ObjectEvent}\t` +
        `${bizStep === 'commissioning' ? 'ADD' : 'OBSERVE'}\t${bizStep}\t${disposition}\t${new Date(Math.round(timeMs)).toISOString()}\t+07:00\t` +
        `${place}\t${place}\t${quantityKg}\n`,
    );
  }
}

const PAYMENT_OF_ORGANISATIONS = [[PaymentAccountStatus.ACTIVE, 10], [PaymentAccountStatus.OPENED, 2]] as const;
const PAYMENT_OF_BUSINESSES = [[PaymentAccountStatus.ACTIVE, 7], [PaymentAccountStatus.OPENED, 2], [PaymentAccountStatus.NONE, 1]] as const;
const PAYMENT_OF_HOUSEHOLDS = [[PaymentAccountStatus.ACTIVE, 4], [PaymentAccountStatus.OPENED, 2], [PaymentAccountStatus.NONE, 4]] as const;
const OCOP_STARS = [[3, 5], [4, 4], [5, 1]] as const;

interface SimulatedLink {
  status: HouseholdLinkStatus;
  method: HouseholdLinkMethod | null;
  confidence: number;
  candidates: LinkCandidate[] | null;
}

/**
 * The link the registry's matcher gives a census record when the only household its evidence points at is its own
 * (other households with a similar name in the commune are not simulated): the matcher's own scoring model and
 * decision, so that generated records are LINKED, in REVIEW or UNLINKED in the proportions the evidence warrants.
 */
function linkToOwnHousehold(
  evidence: { idHash: string | null; phone: string | null; name: string; communeCode: string; birthYear: number | null },
  household: GeneratedHousehold,
  householdCommune: string,
): SimulatedLink {
  const pair = scorePair(
    {
      nationalIdHash: evidence.idHash, nationalIdKind: null, registrationCode: null, phone: evidence.phone, name: prepareName(evidence.name),
      communeCode: evidence.communeCode, birthYear: evidence.birthYear, village: null,
    },
    {
      id: household.id, nationalIdHash: household.nationalIdHash, nationalIdKind: household.nationalId?.length === 9 ? 'CMND' : household.nationalId ? 'CCCD' : null,
      previousNationalIdHash: null, registrationCode: null, phone: household.phone, headName: prepareName(household.head.fullName), otherNames: [],
      communeCode: householdCommune, headBirthYear: household.nationalId ? birthYearOfCccd(household.nationalId) : null, village: null,
    },
  );
  const match = decideMatch([pair]);
  const method = match.candidates[0] ? HouseholdLinkMethod[match.candidates[0].method] : null;
  if (match.status === 'LINKED') return { status: HouseholdLinkStatus.LINKED, method, confidence: match.confidence, candidates: null };
  if (match.status === 'REVIEW') return { status: HouseholdLinkStatus.REVIEW, method, confidence: match.confidence, candidates: match.candidates };
  return { status: HouseholdLinkStatus.UNLINKED, method: null, confidence: 0, candidates: null };
}

function farmingVerb(group: ProductGroup): string {
  return group === ProductGroup.LIVESTOCK ? 'chăn nuôi' : group === ProductGroup.AQUACULTURE ? 'nuôi' : group === ProductGroup.PROCESSED_FOOD ? 'sản xuất' : 'trồng';
}

/**
 * Month of an order: fresh produce sells in its harvest months; what keeps (rice, coffee, pepper) sells all year,
 * most before Tết (December, January).
 */
function orderMonth(random: SeededRandom, item: Product, year: number, storable: boolean): number {
  const lastMonth = year === FIRST_ORDER_YEAR ? 12 : LAST_ORDER_MONTH_2026;
  if (storable) {
    const month = random.chance(0.25) ? random.pick([1, 12]) : random.int(1, 12);
    return month > lastMonth ? random.int(1, lastMonth) : month;
  }
  const months = item.harvestMonths.filter((month) => month <= lastMonth);
  return months.length ? random.pick(months) : random.int(1, lastMonth);
}

/** Vietnamese names as an enumerator wrote them: mostly as registered, sometimes without diacritics, in capitals, mistyped. */
function writtenName(random: SeededRandom, head: Person, someoneElse: () => string): string {
  const roll = random.next();
  const name = head.fullName;
  if (roll < 0.7) return name;
  if (roll < 0.8) return withoutDiacritics(name);
  if (roll < 0.86) return name.toLocaleUpperCase('vi');
  if (roll < 0.91) {
    // A tone mark dropped from one word: "Nguyễn" written "Nguyên".
    const words = name.split(' ');
    const index = random.int(0, words.length - 1);
    words[index] = withoutToneMarks(words[index]);
    return words.join(' ');
  }
  if (roll < 0.95) {
    const words = name.split(' ');
    return words.length > 2 ? `${words[0]} ${words[words.length - 1]}` : name;
  }
  // Decomposed Unicode, as some keyboards and old forms produce: looks the same, compares different.
  if (roll < 0.98) return name.normalize('NFD');
  return someoneElse();
}

/** The phone as written on the form: local or international format, spaced or dotted, sometimes missing or changed. */
function writtenPhone(random: SeededRandom, phone: string | null): string | null {
  if (phone === null) return random.chance(0.1) ? localFormat(mobilePhone(random)) : null;
  const local = localFormat(phone);
  const roll = random.next();
  if (roll < 0.45) return local;
  if (roll < 0.65) return `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`;
  if (roll < 0.77) return phone;
  if (roll < 0.83) return phone.slice(1);
  if (roll < 0.88) return `${local.slice(0, 4)}.${local.slice(4, 7)}.${local.slice(7)}`;
  if (roll < 0.9) return localFormat(mobilePhone(random));
  return null;
}

function localFormat(e164: string): string {
  return `0${e164.slice(3)}`;
}

function mistypedDigit(random: SeededRandom, nationalId: string): string {
  const index = random.int(4, nationalId.length - 1);
  const digit = (Number(nationalId[index]) + random.int(1, 9)) % 10;
  return `${nationalId.slice(0, index)}${digit}${nationalId.slice(index + 1)}`;
}

function withoutDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** Only the five tone marks; vowel marks (â, ă, ơ, ư) stay. */
function withoutToneMarks(text: string): string {
  return text.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC');
}

function dayTime(random: SeededRandom, year: number, month: number, hour: number): string {
  return new Date(Date.UTC(year, month - 1, random.int(1, 28), hour - 7, random.int(0, 59))).toISOString();
}

/** yymmdd in Vietnam time. */
function isoDay(moment: Date): string {
  const local = new Date(moment.getTime() + 7 * HOUR_MS);
  return `${String(local.getUTCFullYear() % 100).padStart(2, '0')}${String(local.getUTCMonth() + 1).padStart(2, '0')}${String(local.getUTCDate()).padStart(2, '0')}`;
}

function roundPrice(value: number): number {
  return Math.round(value / 1000) * 1000;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round5(value: number): number {
  return Math.round(value * 100_000) / 100_000;
}
