import { StreamRandom } from '../random';
import type { GeneratorCommune, GeneratorProvince } from './places';

/**
 * Where the generated households live. No population file is in the repository, so each province gets a weight:
 * its rural population in thousands, rounded, as the statistics office's 2023 yearbook puts it for the old
 * provinces, summed over those merged into it on 1 July 2025 (named below). It is an order of magnitude to spread
 * a synthetic data set in a plausible way, not a statistic to quote.
 */
export const RURAL_POPULATION_THOUSANDS: Readonly<Record<string, number>> = {
  '01': 4250, // Hà Nội
  '04': 410, // Cao Bằng
  '08': 1450, // Tuyên Quang + Hà Giang
  '11': 520, // Điện Biên
  '12': 400, // Lai Châu
  '14': 1100, // Sơn La
  '15': 1250, // Lào Cai + Yên Bái
  '19': 1100, // Thái Nguyên + Bắc Kạn
  '20': 650, // Lạng Sơn
  '22': 450, // Quảng Ninh
  '24': 2250, // Bắc Ninh + Bắc Giang
  '25': 2750, // Phú Thọ + Vĩnh Phúc + Hòa Bình
  '31': 2400, // Hải Phòng + Hải Dương
  '33': 2750, // Hưng Yên + Thái Bình
  '37': 3000, // Ninh Bình + Nam Định + Hà Nam
  '38': 3000, // Thanh Hoá
  '40': 2900, // Nghệ An
  '42': 1050, // Hà Tĩnh
  '44': 1150, // Quảng Trị + Quảng Bình
  '46': 600, // Huế
  '48': 1250, // Đà Nẵng + Quảng Nam
  '51': 1400, // Quảng Ngãi + Kon Tum
  '52': 2150, // Gia Lai + Bình Định
  '56': 1000, // Khánh Hoà + Ninh Thuận
  '66': 2050, // Đắk Lắk + Phú Yên
  '68': 2150, // Lâm Đồng + Đắk Nông + Bình Thuận
  '75': 2600, // Đồng Nai + Bình Phước
  '79': 3150, // Hồ Chí Minh + Bình Dương + Bà Rịa - Vũng Tàu
  '80': 2100, // Tây Ninh + Long An
  '82': 2650, // Đồng Tháp + Tiền Giang
  '86': 2850, // Vĩnh Long + Bến Tre + Trà Vinh
  '91': 2550, // An Giang + Kiên Giang
  '92': 1700, // Cần Thơ + Hậu Giang + Sóc Trăng
  '96': 1600, // Cà Mau + Bạc Liêu
};

/** Most of the rural population of the two metropolises works outside farming. */
const FARMING_SHARE: Readonly<Record<string, number>> = { '01': 0.5, '79': 0.5 };

/**
 * A commune's share within its province by kind of unit: a xã is rural; a phường is urban, with a few farming
 * households at its edges; a đặc khu is an island district, where fishing outweighs farming.
 */
export const UNIT_TYPE_FACTORS: Readonly<Record<string, number>> = { 'Xã': 1, 'Phường': 0.15, 'Đặc khu': 0.4 };

/** Household sequence numbers have five digits (HH-<commune>-00001). */
export const MAX_HOUSEHOLDS_PER_COMMUNE = 99_999;

/** The random stream of the plan, apart from the communes' own streams. */
const PLAN_STREAM = 1_000_000;

export interface CommunePlan {
  commune: GeneratorCommune;
  /** Position of the commune in the country's list, ordered by code: scopes identifiers that must stay distinct. */
  ordinal: number;
  households: number;
}

/**
 * Spreads `households` over all current communes: province weight times unit-type factor times a seeded spread
 * (0.5-1.5, so that neighbouring communes differ), apportioned by largest remainder so the counts add up exactly.
 */
export function planCommunes(provinces: readonly GeneratorProvince[], households: number, seed: number): CommunePlan[] {
  const random = new StreamRandom(seed, PLAN_STREAM);
  const communes = provinces.flatMap((province) => province.communes).sort((a, b) => a.code.localeCompare(b.code));
  const spread = new Map(communes.map((commune) => [commune.code, 0.5 + random.next()]));
  const raw = new Map<string, number>();
  let total = 0;
  for (const province of provinces) {
    const population = RURAL_POPULATION_THOUSANDS[province.code];
    if (population === undefined) throw new Error(`No rural population weight for province ${province.code} (${province.name}) in demo/national/population.ts`);
    const provinceWeight = population * (FARMING_SHARE[province.code] ?? 1);
    const unitWeights = province.communes.map((commune) => (UNIT_TYPE_FACTORS[commune.unitType] ?? 1) * spread.get(commune.code)!);
    const provinceSum = unitWeights.reduce((sum, weight) => sum + weight, 0);
    province.communes.forEach((commune, index) => {
      const weight = (provinceWeight * unitWeights[index]) / provinceSum;
      raw.set(commune.code, weight);
      total += weight;
    });
  }
  const exact = communes.map((commune) => (households * raw.get(commune.code)!) / total);
  const counts = exact.map(Math.floor);
  let left = households - counts.reduce((sum, count) => sum + count, 0);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    counts[index] += 1;
    left -= 1;
  }
  const plans = communes.map((commune, ordinal) => ({ commune, ordinal, households: counts[ordinal] }));
  const largest = plans.reduce((max, plan) => (plan.households > max.households ? plan : max));
  if (largest.households > MAX_HOUSEHOLDS_PER_COMMUNE) {
    throw new Error(
      `${households.toLocaleString('en-US')} households would put ${largest.households.toLocaleString('en-US')} in commune ${largest.commune.code} ` +
        `(${largest.commune.fullName}), more than the ${MAX_HOUSEHOLDS_PER_COMMUNE.toLocaleString('en-US')} a five-digit household number allows. Choose fewer households.`,
    );
  }
  return plans;
}
