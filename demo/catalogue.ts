import { ProductGroup } from '../subgraphs/registry/vocabulary';

/** A product the demo (and the national generator) lists: real Vietnamese produce and farm inputs. */
export interface Product {
  key: string;
  /** Listing title as a shop would write it. */
  title: string;
  /** The title without its place of origin, for produce the national generator lists anywhere in the country. */
  name?: string;
  /** Crop name used by the statistics series and census records. */
  crop: string;
  group: ProductGroup;
  category: string;
  unit: 'kg' | 'hộp' | 'bao' | 'chai';
  kgPerUnit: number;
  priceVnd: readonly [number, number];
  /** Months (1-12) when it is harvested, for order seasons and lots. */
  harvestMonths: readonly number[];
  /** Hours from harvest to a spoiled product: drives plausible delivery times. */
  shelfLifeHours: number;
  exportMarkets: readonly string[];
  isFarmInput: boolean;
}

export const PRODUCTS: readonly Product[] = [
  { key: 'lychee', name: 'Vải thiều', title: 'Vải thiều Lục Ngạn', crop: 'Vải', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [35000, 60000], harvestMonths: [6, 7], shelfLifeHours: 96, exportMarkets: ['CN', 'JP', 'US', 'AU', 'FR'], isFarmInput: false },
  { key: 'custard-apple', name: 'Na dai', title: 'Na Chi Lăng', crop: 'Na', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [40000, 80000], harvestMonths: [7, 8, 9], shelfLifeHours: 48, exportMarkets: [], isFarmInput: false },
  { key: 'robusta-coffee', name: 'Cà phê Robusta rang xay', title: 'Cà phê Robusta rang xay Cư M\'gar', crop: 'Cà phê', group: ProductGroup.COFFEE_TEA_COCOA, category: 'Cà phê', unit: 'hộp', kgPerUnit: 0.5, priceVnd: [90000, 160000], harvestMonths: [11, 12, 1], shelfLifeHours: 8760, exportMarkets: ['KR', 'US', 'DE', 'JP'], isFarmInput: false },
  { key: 'durian', name: 'Sầu riêng Ri6', title: 'Sầu riêng Ri6 Krông Pắc', crop: 'Sầu riêng', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [70000, 120000], harvestMonths: [7, 8, 9], shelfLifeHours: 120, exportMarkets: ['CN', 'KR', 'AU'], isFarmInput: false },
  { key: 'avocado', name: 'Bơ sáp', title: 'Bơ 034 Đắk Lắk', crop: 'Bơ', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [30000, 55000], harvestMonths: [6, 7, 8], shelfLifeHours: 144, exportMarkets: ['CN'], isFarmInput: false },
  { key: 'st25-rice', name: 'Gạo ST25', title: 'Gạo ST25 Sóc Trăng túi 5 kg', crop: 'Lúa', group: ProductGroup.RICE_AND_GRAINS, category: 'Gạo', unit: 'bao', kgPerUnit: 5, priceVnd: [160000, 210000], harvestMonths: [3, 4, 10, 11], shelfLifeHours: 8760, exportMarkets: ['US', 'AU', 'SG', 'DE'], isFarmInput: false },
  { key: 'dragon-fruit', name: 'Thanh long ruột đỏ', title: 'Thanh long ruột đỏ Hàm Thuận', crop: 'Thanh long', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [20000, 40000], harvestMonths: [4, 5, 6, 7, 8, 9, 10, 11, 12], shelfLifeHours: 240, exportMarkets: ['CN', 'IN', 'US', 'KR'], isFarmInput: false },
  { key: 'pomelo', name: 'Bưởi Phúc Trạch', title: 'Bưởi Phúc Trạch Hương Khê', crop: 'Bưởi', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [35000, 60000], harvestMonths: [8, 9, 10], shelfLifeHours: 720, exportMarkets: [], isFarmInput: false },
  { key: 'orange', name: 'Cam bù', title: 'Cam bù Vũ Quang', crop: 'Cam', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [30000, 50000], harvestMonths: [10, 11, 12, 1], shelfLifeHours: 480, exportMarkets: [], isFarmInput: false },
  { key: 'mango', name: 'Xoài cát Hòa Lộc', title: 'Xoài cát Hòa Lộc Cái Bè', crop: 'Xoài', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [45000, 85000], harvestMonths: [3, 4, 5], shelfLifeHours: 168, exportMarkets: ['KR', 'AU', 'US'], isFarmInput: false },
  { key: 'plum', name: 'Mận hậu', title: 'Mận hậu Mộc Châu', crop: 'Mận', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [25000, 45000], harvestMonths: [5, 6], shelfLifeHours: 120, exportMarkets: [], isFarmInput: false },
  { key: 'oolong-tea', name: 'Trà Ô long', title: 'Trà Ô long Mộc Châu', crop: 'Chè', group: ProductGroup.COFFEE_TEA_COCOA, category: 'Chè', unit: 'hộp', kgPerUnit: 0.2, priceVnd: [120000, 250000], harvestMonths: [3, 4, 5, 6, 7, 8, 9, 10], shelfLifeHours: 8760, exportMarkets: ['KR', 'JP'], isFarmInput: false },
  { key: 'strawberry', name: 'Dâu tây', title: 'Dâu tây Đà Lạt', crop: 'Dâu tây', group: ProductGroup.VEGETABLES, category: 'Rau quả', unit: 'hộp', kgPerUnit: 0.5, priceVnd: [80000, 150000], harvestMonths: [12, 1, 2, 3, 4], shelfLifeHours: 72, exportMarkets: [], isFarmInput: false },
  { key: 'vegetables', name: 'Rau sạch', title: 'Rau sạch VietGAP Đà Lạt', crop: 'Rau các loại', group: ProductGroup.VEGETABLES, category: 'Rau quả', unit: 'kg', kgPerUnit: 1, priceVnd: [25000, 45000], harvestMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], shelfLifeHours: 72, exportMarkets: ['SG'], isFarmInput: false },
  { key: 'hill-chicken', name: 'Gà đồi', title: 'Gà đồi Yên Thế', crop: 'Gà', group: ProductGroup.LIVESTOCK, category: 'Thịt, trứng', unit: 'kg', kgPerUnit: 1, priceVnd: [110000, 150000], harvestMonths: [1, 2, 9, 10, 11, 12], shelfLifeHours: 72, exportMarkets: [], isFarmInput: false },
  { key: 'tea', name: 'Chè búp', title: 'Chè Tân Cương Thái Nguyên', crop: 'Chè', group: ProductGroup.COFFEE_TEA_COCOA, category: 'Chè', unit: 'hộp', kgPerUnit: 0.5, priceVnd: [150000, 400000], harvestMonths: [3, 4, 5, 6, 7, 8, 9, 10], shelfLifeHours: 8760, exportMarkets: ['CN', 'KR'], isFarmInput: false },
  { key: 'fragrant-rice', name: 'Gạo thơm', title: 'Gạo thơm túi 5 kg', crop: 'Lúa', group: ProductGroup.RICE_AND_GRAINS, category: 'Gạo', unit: 'bao', kgPerUnit: 5, priceVnd: [90000, 140000], harvestMonths: [3, 4, 6, 7, 10, 11], shelfLifeHours: 8760, exportMarkets: ['SG', 'CN', 'AU'], isFarmInput: false },
  { key: 'sticky-rice', name: 'Gạo nếp cái hoa vàng', title: 'Gạo nếp cái hoa vàng túi 2 kg', crop: 'Lúa', group: ProductGroup.RICE_AND_GRAINS, category: 'Gạo', unit: 'bao', kgPerUnit: 2, priceVnd: [70000, 100000], harvestMonths: [5, 6, 10, 11], shelfLifeHours: 8760, exportMarkets: [], isFarmInput: false },
  { key: 'longan', name: 'Nhãn lồng', title: 'Nhãn lồng Hưng Yên', crop: 'Nhãn', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [40000, 75000], harvestMonths: [7, 8], shelfLifeHours: 96, exportMarkets: ['US', 'AU', 'CN'], isFarmInput: false },
  { key: 'coconut', name: 'Dừa xiêm xanh', title: 'Dừa xiêm xanh Bến Tre', crop: 'Dừa', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [12000, 25000], harvestMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], shelfLifeHours: 720, exportMarkets: ['CN', 'US'], isFarmInput: false },
  { key: 'black-pepper', name: 'Hồ tiêu đen', title: 'Hồ tiêu đen Chư Sê', crop: 'Hồ tiêu', group: ProductGroup.HERBS_AND_SPICES, category: 'Gia vị', unit: 'kg', kgPerUnit: 1, priceVnd: [140000, 190000], harvestMonths: [1, 2, 3, 4], shelfLifeHours: 8760, exportMarkets: ['US', 'DE', 'IN'], isFarmInput: false },
  { key: 'cinnamon', name: 'Quế vỏ', title: 'Quế Văn Yên', crop: 'Quế', group: ProductGroup.HERBS_AND_SPICES, category: 'Gia vị', unit: 'kg', kgPerUnit: 1, priceVnd: [60000, 120000], harvestMonths: [3, 4, 8, 9], shelfLifeHours: 8760, exportMarkets: ['IN', 'US'], isFarmInput: false },
  { key: 'cashew', name: 'Hạt điều rang muối', title: 'Hạt điều rang muối Bình Phước', crop: 'Điều', group: ProductGroup.PROCESSED_FOOD, category: 'Đặc sản chế biến', unit: 'hộp', kgPerUnit: 0.5, priceVnd: [150000, 250000], harvestMonths: [2, 3, 4, 5], shelfLifeHours: 4380, exportMarkets: ['US', 'CN', 'DE'], isFarmInput: false },
  { key: 'honey', name: 'Mật ong hoa rừng', title: 'Mật ong bạc hà Hà Giang', crop: 'Mật ong', group: ProductGroup.PROCESSED_FOOD, category: 'Đặc sản chế biến', unit: 'chai', kgPerUnit: 0.5, priceVnd: [200000, 350000], harvestMonths: [11, 12, 1], shelfLifeHours: 8760, exportMarkets: [], isFarmInput: false },
  { key: 'pork', name: 'Thịt lợn sạch', title: 'Thịt lợn sạch', crop: 'Lợn', group: ProductGroup.LIVESTOCK, category: 'Thịt, trứng', unit: 'kg', kgPerUnit: 1, priceVnd: [110000, 160000], harvestMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], shelfLifeHours: 72, exportMarkets: [], isFarmInput: false },
  { key: 'shrimp', name: 'Tôm sú', title: 'Tôm sú Cà Mau', crop: 'Tôm', group: ProductGroup.AQUACULTURE, category: 'Thủy sản', unit: 'kg', kgPerUnit: 1, priceVnd: [250000, 400000], harvestMonths: [3, 4, 5, 6, 7, 8, 9, 10, 11], shelfLifeHours: 48, exportMarkets: ['JP', 'US', 'KR', 'AU'], isFarmInput: false },
  { key: 'pangasius', name: 'Cá tra phi lê', title: 'Cá tra phi lê Đồng Tháp', crop: 'Cá tra', group: ProductGroup.AQUACULTURE, category: 'Thủy sản', unit: 'kg', kgPerUnit: 1, priceVnd: [60000, 95000], harvestMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], shelfLifeHours: 8760, exportMarkets: ['US', 'CN'], isFarmInput: false },
  { key: 'npk-fertiliser', title: 'Phân bón NPK 16-16-8 bao 25 kg', crop: 'Phân bón', group: ProductGroup.FARM_INPUTS, category: 'Vật tư nông nghiệp', unit: 'bao', kgPerUnit: 25, priceVnd: [380000, 450000], harvestMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], shelfLifeHours: 17520, exportMarkets: [], isFarmInput: true },
  { key: 'organic-fertiliser', title: 'Phân hữu cơ vi sinh bao 50 kg', crop: 'Phân bón', group: ProductGroup.FARM_INPUTS, category: 'Vật tư nông nghiệp', unit: 'bao', kgPerUnit: 50, priceVnd: [250000, 320000], harvestMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], shelfLifeHours: 17520, exportMarkets: [], isFarmInput: true },
  { key: 'rice-seed', title: 'Hạt giống lúa ST25 nguyên chủng bao 10 kg', crop: 'Giống lúa', group: ProductGroup.FARM_INPUTS, category: 'Giống cây trồng', unit: 'bao', kgPerUnit: 10, priceVnd: [300000, 400000], harvestMonths: [1, 2, 6, 7], shelfLifeHours: 4380, exportMarkets: [], isFarmInput: true },
  { key: 'bio-pesticide', title: 'Chế phẩm sinh học Trichoderma chai 1 lít', crop: 'Thuốc BVTV', group: ProductGroup.FARM_INPUTS, category: 'Vật tư nông nghiệp', unit: 'chai', kgPerUnit: 1, priceVnd: [90000, 140000], harvestMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], shelfLifeHours: 17520, exportMarkets: [], isFarmInput: true },
];

export const PRODUCTS_BY_KEY = new Map(PRODUCTS.map((product) => [product.key, product]));

export function product(key: string): Product {
  const found = PRODUCTS_BY_KEY.get(key);
  if (!found) throw new Error(`Unknown product "${key}"`);
  return found;
}

/** Producing communes of the demo: real 2025 codes, with what they are known for. */
export interface ProducingArea {
  communeCode: string;
  communeName: string;
  provinceCode: string;
  /** Short place name used in public display names and growing-area codes. */
  placeTag: string;
  products: readonly string[];
}

export const PRODUCING_AREAS: readonly ProducingArea[] = [
  { communeCode: '07582', communeName: 'Lục Ngạn', provinceCode: '24', placeTag: 'LN', products: ['lychee'] },
  { communeCode: '07339', communeName: 'Tân Yên', provinceCode: '24', placeTag: 'TY', products: ['lychee', 'hill-chicken'] },
  { communeCode: '06463', communeName: 'Chi Lăng', provinceCode: '20', placeTag: 'CL', products: ['custard-apple'] },
  { communeCode: '24280', communeName: "Cư M'gar", provinceCode: '66', placeTag: 'CM', products: ['robusta-coffee', 'avocado'] },
  { communeCode: '24490', communeName: 'Krông Pắc', provinceCode: '66', placeTag: 'KP', products: ['durian', 'avocado'] },
  { communeCode: '31673', communeName: 'Trần Đề', provinceCode: '92', placeTag: 'TD', products: ['st25-rice'] },
  { communeCode: '23059', communeName: 'Hàm Thuận', provinceCode: '68', placeTag: 'HT', products: ['dragon-fruit'] },
  { communeCode: '24846', communeName: 'Lang Biang - Đà Lạt', provinceCode: '68', placeTag: 'DL', products: ['strawberry', 'vegetables'] },
  { communeCode: '18496', communeName: 'Hương Khê', provinceCode: '42', placeTag: 'HK', products: ['pomelo'] },
  { communeCode: '18313', communeName: 'Vũ Quang', provinceCode: '42', placeTag: 'VQ', products: ['orange'] },
  { communeCode: '28360', communeName: 'Cái Bè', provinceCode: '82', placeTag: 'CB', products: ['mango'] },
  { communeCode: '03980', communeName: 'Mộc Châu', provinceCode: '14', placeTag: 'MC', products: ['plum', 'oolong-tea'] },
];

/** Farm inputs that cooperatives and business households sell to their members and neighbours. */
export const FARM_INPUT_KEYS = ['npk-fertiliser', 'organic-fertiliser', 'rice-seed', 'bio-pesticide'] as const;

/** Where domestic orders go: big cities weigh most (province code, weight). */
export const DOMESTIC_DESTINATIONS: readonly (readonly [string, number])[] = [
  ['01', 30], ['79', 30], ['31', 8], ['48', 7], ['92', 5], ['22', 4], ['38', 3], ['40', 3], ['24', 3], ['19', 2],
  ['56', 2], ['75', 3], ['66', 2], ['68', 2], ['33', 2], ['37', 2], ['25', 2], ['46', 2], ['51', 1], ['86', 1],
];

/**
 * Vietnam's six socio-economic regions with the 2025 province codes and what their farming households mostly
 * produce (relative weights of product keys). The national generator draws each household's products from its
 * region, so lychee stays in the north, coffee and durian in the Central Highlands, rice and fruit in the Mekong.
 */
export interface Region {
  key: string;
  name: string;
  provinceCodes: readonly string[];
  produce: readonly (readonly [string, number])[];
}

export const REGIONS: readonly Region[] = [
  {
    key: 'northern-midlands-and-mountains', name: 'Trung du và miền núi phía Bắc',
    provinceCodes: ['04', '08', '11', '12', '14', '15', '19', '20', '25'],
    produce: [['fragrant-rice', 20], ['sticky-rice', 10], ['tea', 10], ['pork', 14], ['hill-chicken', 10], ['cinnamon', 5], ['plum', 4], ['custard-apple', 3], ['honey', 3], ['vegetables', 6], ['orange', 4]],
  },
  {
    key: 'red-river-delta', name: 'Đồng bằng sông Hồng',
    provinceCodes: ['01', '22', '24', '31', '33', '37'],
    produce: [['fragrant-rice', 25], ['sticky-rice', 10], ['vegetables', 14], ['pork', 12], ['hill-chicken', 8], ['longan', 5], ['lychee', 6], ['pomelo', 4], ['orange', 3]],
  },
  {
    key: 'north-central-and-central-coast', name: 'Bắc Trung Bộ và duyên hải miền Trung',
    provinceCodes: ['38', '40', '42', '44', '46', '48', '51', '56'],
    produce: [['fragrant-rice', 26], ['pork', 12], ['hill-chicken', 10], ['vegetables', 8], ['orange', 5], ['pomelo', 5], ['black-pepper', 4], ['cinnamon', 3], ['shrimp', 6], ['coconut', 3], ['cashew', 2], ['tea', 4]],
  },
  {
    key: 'central-highlands', name: 'Tây Nguyên',
    provinceCodes: ['52', '66', '68'],
    produce: [['robusta-coffee', 30], ['durian', 14], ['black-pepper', 12], ['avocado', 8], ['vegetables', 6], ['fragrant-rice', 8], ['cashew', 5], ['pork', 6], ['strawberry', 2], ['dragon-fruit', 4]],
  },
  {
    key: 'southeast', name: 'Đông Nam Bộ',
    provinceCodes: ['75', '79', '80'],
    produce: [['cashew', 16], ['durian', 10], ['black-pepper', 8], ['fragrant-rice', 12], ['vegetables', 10], ['pork', 10], ['hill-chicken', 6], ['dragon-fruit', 6], ['mango', 5], ['robusta-coffee', 4], ['coconut', 3]],
  },
  {
    key: 'mekong-delta', name: 'Đồng bằng sông Cửu Long',
    provinceCodes: ['82', '86', '91', '92', '96'],
    produce: [['fragrant-rice', 30], ['st25-rice', 6], ['mango', 8], ['coconut', 8], ['pangasius', 8], ['shrimp', 10], ['durian', 6], ['dragon-fruit', 4], ['pomelo', 4], ['pork', 5], ['vegetables', 4]],
  },
];

/**
 * Provincial specialities, weight added to the region's: what each province is known for (the old provinces merged
 * into it in 2025 named where that matters).
 */
export const PROVINCE_SPECIALITIES: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  '08': [['honey', 6], ['tea', 4]], // Tuyên Quang, with Hà Giang's peppermint honey
  '14': [['plum', 8], ['oolong-tea', 8]], // Sơn La: Mộc Châu
  '15': [['cinnamon', 10]], // Lào Cai, with Yên Bái's Văn Yên cinnamon
  '19': [['tea', 14]], // Thái Nguyên: Tân Cương tea
  '20': [['custard-apple', 16]], // Lạng Sơn: Chi Lăng custard apples
  '24': [['lychee', 30], ['hill-chicken', 6]], // Bắc Ninh, with Bắc Giang's Lục Ngạn lychee and Yên Thế chicken
  '33': [['longan', 14]], // Hưng Yên
  '42': [['pomelo', 10], ['orange', 10]], // Hà Tĩnh: Phúc Trạch pomelo, Vũ Quang orange
  '52': [['black-pepper', 8]], // Gia Lai: Chư Sê pepper
  '66': [['robusta-coffee', 10], ['durian', 6]], // Đắk Lắk: Buôn Ma Thuột coffee, Krông Pắc durian
  '68': [['strawberry', 8], ['vegetables', 10], ['dragon-fruit', 12]], // Lâm Đồng, with Bình Thuận's dragon fruit
  '75': [['cashew', 8]], // Đồng Nai, with Bình Phước's cashew
  '82': [['mango', 10], ['pangasius', 6]], // Đồng Tháp, with Tiền Giang's Cái Bè mango
  '86': [['coconut', 14]], // Vĩnh Long, with Bến Tre's coconut
  '91': [['pangasius', 8]], // An Giang
  '92': [['st25-rice', 14]], // Cần Thơ, with Sóc Trăng's ST25 rice
  '96': [['shrimp', 16]], // Cà Mau
};

export function regionOfProvince(provinceCode: string): Region {
  const region = REGIONS.find((candidate) => candidate.provinceCodes.includes(provinceCode));
  if (!region) throw new Error(`Province ${provinceCode} belongs to no region of the catalogue`);
  return region;
}

/** What a province's farming households produce, by weight: its region's produce plus its specialities. */
export function produceOfProvince(provinceCode: string): [string, number][] {
  const weights = new Map<string, number>(regionOfProvince(provinceCode).produce.map(([key, weight]) => [key, weight]));
  for (const [key, weight] of PROVINCE_SPECIALITIES[provinceCode] ?? []) weights.set(key, (weights.get(key) ?? 0) + weight);
  return [...weights];
}

/**
 * Typical yields, per crop name of the statistics series: tonnes per hectare for what grows on land, tonnes per
 * farming household for livestock and bee-keeping (whose area is not reported).
 */
export const CROP_YIELDS: Readonly<Record<string, { tonnesPerHa?: number; tonnesPerHousehold?: number }>> = {
  'Lúa': { tonnesPerHa: 6 }, 'Vải': { tonnesPerHa: 6 }, 'Na': { tonnesPerHa: 8 }, 'Cà phê': { tonnesPerHa: 2.8 },
  'Sầu riêng': { tonnesPerHa: 12 }, 'Bơ': { tonnesPerHa: 10 }, 'Thanh long': { tonnesPerHa: 25 }, 'Bưởi': { tonnesPerHa: 15 },
  'Cam': { tonnesPerHa: 14 }, 'Xoài': { tonnesPerHa: 10 }, 'Mận': { tonnesPerHa: 8 }, 'Chè': { tonnesPerHa: 9 },
  'Dâu tây': { tonnesPerHa: 15 }, 'Rau các loại': { tonnesPerHa: 18 }, 'Nhãn': { tonnesPerHa: 8 }, 'Dừa': { tonnesPerHa: 12 },
  'Hồ tiêu': { tonnesPerHa: 2.5 }, 'Quế': { tonnesPerHa: 3 }, 'Điều': { tonnesPerHa: 1.2 }, 'Tôm': { tonnesPerHa: 1.5 },
  'Cá tra': { tonnesPerHa: 300 }, 'Gà': { tonnesPerHousehold: 1.2 }, 'Lợn': { tonnesPerHousehold: 4 }, 'Mật ong': { tonnesPerHousehold: 0.6 },
};
