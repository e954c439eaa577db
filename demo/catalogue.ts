import { ProductGroup } from '../subgraphs/registry/vocabulary';

/** A product the demo (and the national generator) lists: real Vietnamese produce and farm inputs. */
export interface Product {
  key: string;
  /** Listing title as a shop would write it. */
  title: string;
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
  { key: 'lychee', title: 'Vải thiều Lục Ngạn', crop: 'Vải', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [35000, 60000], harvestMonths: [6, 7], shelfLifeHours: 96, exportMarkets: ['CN', 'JP', 'US', 'AU', 'FR'], isFarmInput: false },
  { key: 'custard-apple', title: 'Na Chi Lăng', crop: 'Na', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [40000, 80000], harvestMonths: [7, 8, 9], shelfLifeHours: 48, exportMarkets: [], isFarmInput: false },
  { key: 'robusta-coffee', title: 'Cà phê Robusta rang xay Cư M\'gar', crop: 'Cà phê', group: ProductGroup.COFFEE_TEA_COCOA, category: 'Cà phê', unit: 'hộp', kgPerUnit: 0.5, priceVnd: [90000, 160000], harvestMonths: [11, 12, 1], shelfLifeHours: 8760, exportMarkets: ['KR', 'US', 'DE', 'JP'], isFarmInput: false },
  { key: 'durian', title: 'Sầu riêng Ri6 Krông Pắc', crop: 'Sầu riêng', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [70000, 120000], harvestMonths: [7, 8, 9], shelfLifeHours: 120, exportMarkets: ['CN', 'KR', 'AU'], isFarmInput: false },
  { key: 'avocado', title: 'Bơ 034 Đắk Lắk', crop: 'Bơ', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [30000, 55000], harvestMonths: [6, 7, 8], shelfLifeHours: 144, exportMarkets: ['CN'], isFarmInput: false },
  { key: 'st25-rice', title: 'Gạo ST25 Sóc Trăng túi 5 kg', crop: 'Lúa', group: ProductGroup.RICE_AND_GRAINS, category: 'Gạo', unit: 'bao', kgPerUnit: 5, priceVnd: [160000, 210000], harvestMonths: [3, 4, 10, 11], shelfLifeHours: 8760, exportMarkets: ['US', 'AU', 'SG', 'DE'], isFarmInput: false },
  { key: 'dragon-fruit', title: 'Thanh long ruột đỏ Hàm Thuận', crop: 'Thanh long', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [20000, 40000], harvestMonths: [4, 5, 6, 7, 8, 9, 10, 11, 12], shelfLifeHours: 240, exportMarkets: ['CN', 'IN', 'US', 'KR'], isFarmInput: false },
  { key: 'pomelo', title: 'Bưởi Phúc Trạch Hương Khê', crop: 'Bưởi', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [35000, 60000], harvestMonths: [8, 9, 10], shelfLifeHours: 720, exportMarkets: [], isFarmInput: false },
  { key: 'orange', title: 'Cam bù Vũ Quang', crop: 'Cam', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [30000, 50000], harvestMonths: [10, 11, 12, 1], shelfLifeHours: 480, exportMarkets: [], isFarmInput: false },
  { key: 'mango', title: 'Xoài cát Hòa Lộc Cái Bè', crop: 'Xoài', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [45000, 85000], harvestMonths: [3, 4, 5], shelfLifeHours: 168, exportMarkets: ['KR', 'AU', 'US'], isFarmInput: false },
  { key: 'plum', title: 'Mận hậu Mộc Châu', crop: 'Mận', group: ProductGroup.FRUIT, category: 'Trái cây tươi', unit: 'kg', kgPerUnit: 1, priceVnd: [25000, 45000], harvestMonths: [5, 6], shelfLifeHours: 120, exportMarkets: [], isFarmInput: false },
  { key: 'oolong-tea', title: 'Trà Ô long Mộc Châu', crop: 'Chè', group: ProductGroup.COFFEE_TEA_COCOA, category: 'Chè', unit: 'hộp', kgPerUnit: 0.2, priceVnd: [120000, 250000], harvestMonths: [3, 4, 5, 6, 7, 8, 9, 10], shelfLifeHours: 8760, exportMarkets: ['KR', 'JP'], isFarmInput: false },
  { key: 'strawberry', title: 'Dâu tây Đà Lạt', crop: 'Dâu tây', group: ProductGroup.VEGETABLES, category: 'Rau quả', unit: 'hộp', kgPerUnit: 0.5, priceVnd: [80000, 150000], harvestMonths: [12, 1, 2, 3, 4], shelfLifeHours: 72, exportMarkets: [], isFarmInput: false },
  { key: 'vegetables', title: 'Rau sạch VietGAP Đà Lạt', crop: 'Rau các loại', group: ProductGroup.VEGETABLES, category: 'Rau quả', unit: 'kg', kgPerUnit: 1, priceVnd: [25000, 45000], harvestMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], shelfLifeHours: 72, exportMarkets: ['SG'], isFarmInput: false },
  { key: 'hill-chicken', title: 'Gà đồi Yên Thế', crop: 'Gà', group: ProductGroup.LIVESTOCK, category: 'Thịt, trứng', unit: 'kg', kgPerUnit: 1, priceVnd: [110000, 150000], harvestMonths: [1, 2, 9, 10, 11, 12], shelfLifeHours: 72, exportMarkets: [], isFarmInput: false },
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
