import { foldVietnamese } from '../../platform/identity/normalise';

/** The census round of the demo data: the 2025 rural and agricultural census (Tổng điều tra nông thôn, nông nghiệp). */
export const DEMO_CENSUS_YEAR = 2025;

/**
 * The measures of an indicator observation, as an SDMX `MEASURE` dimension would code them, with the column
 * each one fills and the unit it is stored in. An SDMX importer scales `OBS_VALUE` by `10^UNIT_MULT` into
 * this unit and writes one observation row per (area, crop, year), filling the column of its measure.
 *
 * All three add up across provinces (tonnes, hectares and households of two provinces are the sum of each), so
 * the series of provinces merged on 1 July 2025 are summed into the province they became. Measures that do not
 * add up (yield, prices, shares) are not stored: yield is derived from production and area, which gives the
 * area-weighted yield of a merged province where averaging the old yields would not.
 */
export const INDICATOR_MEASURES = {
  PRODUCTION: { column: 'productionTonnes', unit: 'TONNES', label: 'sản lượng (tấn)' },
  AREA: { column: 'areaHa', unit: 'HECTARES', label: 'diện tích (ha)' },
  FARMING_HOUSEHOLDS: { column: 'farmingHouseholds', unit: 'HOUSEHOLDS', label: 'số hộ sản xuất' },
} as const;

export type IndicatorMeasure = keyof typeof INDICATOR_MEASURES;
export type IndicatorUnit = (typeof INDICATOR_MEASURES)[IndicatorMeasure]['unit'];

/**
 * The crop code of a series over all crops (SDMX's code for "total"). Farming households counted once per
 * province belong in such a series: adding up the per-crop counts counts a household growing two crops twice.
 */
export const ALL_CROPS = '_T';

/**
 * Crops by the code a statistics message may give them (an SDMX `CROP`/`COMMODITY` dimension), with the name the
 * series and census records use. A message may also give the Vietnamese name itself ("Vải", or "vai" without
 * diacritics); a mapping file adds codes of its own.
 */
export const CROP_CODES: Readonly<Record<string, string>> = Object.freeze({
  RICE: 'Lúa',
  PADDY: 'Lúa',
  MILLED_RICE: 'Gạo',
  MAIZE: 'Ngô',
  CASSAVA: 'Sắn',
  COFFEE: 'Cà phê',
  TEA: 'Chè',
  PEPPER: 'Hồ tiêu',
  CASHEW: 'Điều',
  RUBBER: 'Cao su',
  LYCHEE: 'Vải',
  LONGAN: 'Nhãn',
  CUSTARD_APPLE: 'Na',
  DURIAN: 'Sầu riêng',
  AVOCADO: 'Bơ',
  DRAGON_FRUIT: 'Thanh long',
  POMELO: 'Bưởi',
  ORANGE: 'Cam',
  MANGO: 'Xoài',
  PLUM: 'Mận',
  STRAWBERRY: 'Dâu tây',
  VEGETABLES: 'Rau các loại',
  CHICKEN: 'Gà',
  [ALL_CROPS]: ALL_CROPS,
});

const CROP_BY_FOLDED_NAME = new Map(
  Object.values(CROP_CODES).filter((name) => name !== ALL_CROPS).map((name) => [foldVietnamese(name), name]),
);

/** The crop name for a code or a name as a source wrote it ("LYCHEE", "Vải", "vai"), or undefined. */
export function cropByCodeOrName(codeOrName: string): string | undefined {
  const trimmed = codeOrName.trim();
  return CROP_CODES[trimmed.toUpperCase()] ?? CROP_BY_FOLDED_NAME.get(foldVietnamese(trimmed));
}

/** Orders crop names as Vietnamese readers expect (Đ after D, tones after base letters), which byte order does not. */
export const compareCrops: (a: string, b: string) => number = new Intl.Collator('vi').compare;

