import { SeededRandom } from './random';

/**
 * The villages of a commune as its lists write them (thôn, xóm, bản, buôn, ấp), drawn once per commune from its
 * name: the same commune always has the same villages, and a household generator picks among them, so that two
 * households of a commune share a village about as often as in life (a commune has 6 to 16).
 */

const NORTHERN_MOUNTAINS = new Set(['04', '08', '11', '12', '14', '15', '19', '20']);
const HIGHLANDS = new Set(['52', '66', '68']);
const SOUTH = new Set(['75', '79', '80', '82', '86', '91', '92', '96']);

const THON_NAMES = [
  'Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ', 'Đình', 'Chùa', 'Tân Lập', 'Tân Tiến', 'Tân Sơn', 'Đoàn Kết', 'Hòa Bình',
  'Quyết Tiến', 'Thống Nhất', 'Phú Cường', 'An Bình', 'Yên Thịnh', 'Đồng Tâm', 'Minh Khai', 'Hợp Nhất', 'Trại', 'Làng Mới',
  'Văn Minh', 'Phúc Lâm', 'Hưng Long', 'Đại Đồng', 'Kim Sơn', 'Đồng Quan', 'Xuân Lai', 'Cầu Đá',
];
const BAN_NAMES = [
  'Na Hang', 'Pá Khoang', 'Nà Sản', 'Co Phương', 'Huổi Lèng', 'Nà Cạn', 'Khuổi Vả', 'Bó Lếch', 'Pác Ngòi', 'Phiêng Lằn', 'Nậm Cắn',
  'Tà Xùa', 'Chiềng Ban', 'Hua Tát', 'Mường Lựm', 'Lạn Phiêng', 'Pắc Bó', 'Lũng Vài', 'Nà Hẩu', 'Khau Phạ',
];
const BUON_NAMES = ['Ea Sim', 'Ko Đung', 'Đôn', 'Trí A', 'Ea Kmar', 'Kô Siêr', 'Ale', 'Tơng Jú', 'Jun', "M'Liêng", 'Ea Bông', 'Cuôr Knia', 'Ea Nao', 'Kroa'];
const AP_NAMES = [
  'Tân Lợi', 'Phú Hòa', 'An Thạnh', 'Mỹ Lợi', 'Bình Đông', 'Hòa Thuận', 'Long Hưng', 'Thạnh Phú', 'Tân Thới', 'Phước Lộc', 'Bình Phú',
  'Vĩnh Hòa', 'Mỹ Hiệp', 'Hòa Lạc', 'Tân Hưng', 'Xóm Mới', 'Giồng Trôm', 'Kênh Xáng', 'Rạch Gốc', 'Bờ Xáng', 'Ba Se', 'Tà Điếp',
];

export interface CommuneVillages {
  names: string[];
  /** Relative sizes: some villages are three or four times others. */
  weights: number[];
}

const cache = new Map<string, CommuneVillages>();

export function villagesOf(commune: string, provinceCode: string): CommuneVillages {
  const key = `${provinceCode}:${commune}`;
  const known = cache.get(key);
  if (known) return known;
  const random = new SeededRandom(hashOf(key));
  const count = random.int(6, 16);
  const numbered = random.chance(0.4);
  const pickName = (): string => {
    if (SOUTH.has(provinceCode)) return `Ấp ${random.pick(AP_NAMES)}`;
    if (HIGHLANDS.has(provinceCode)) return random.chance(0.4) ? `Buôn ${random.pick(BUON_NAMES)}` : `Thôn ${random.pick(THON_NAMES)}`;
    if (NORTHERN_MOUNTAINS.has(provinceCode)) return random.chance(0.6) ? `Bản ${random.pick(BAN_NAMES)}` : `Thôn ${random.pick(THON_NAMES)}`;
    return random.chance(0.7) ? `Thôn ${random.pick(THON_NAMES)}` : `Xóm ${random.pick(THON_NAMES)}`;
  };
  const names = new Set<string>();
  if (numbered) {
    // Many communes number their villages: "Thôn 1" ... "Thôn 12" (or ấp, bản).
    const word = SOUTH.has(provinceCode) ? 'Ấp' : NORTHERN_MOUNTAINS.has(provinceCode) ? 'Bản' : 'Thôn';
    for (let number = 1; number <= count; number++) names.add(`${word} ${number}`);
  } else {
    for (let tries = 0; names.size < count && tries < count * 10; tries++) names.add(pickName());
  }
  const villages = { names: [...names], weights: [...names].map(() => random.int(1, 4)) };
  cache.set(key, villages);
  return villages;
}

/** One of the commune's villages, the bigger ones more often. */
export function pickVillage(random: SeededRandom, villages: CommuneVillages): string {
  return random.weighted(villages.names.map((name, index) => [name, villages.weights[index]] as const));
}

/** FNV-1a: a stable seed from a commune's name. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash;
}
