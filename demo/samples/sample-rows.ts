import { householdFamily, mobilePhone, nationalId, person } from '../people';
import { SeededRandom } from '../random';
import { pickVillage, villagesOf } from '../villages';
import { formatMembers } from '../../subgraphs/registry/ingest/household-members';
import { demoDataset } from '../dataset';
import { currentCommunes, currentProvince } from '../../platform/places';

/**
 * Rows of a household list as a commune or the farmers' union would keep it, for the sample files and the
 * import benchmark: Vietnamese headers, names from the demo's name lists, real communes of the demo's producing
 * areas (some under their names or codes from before July 2025), phones in every common format, the head's birth
 * year (the one the CCCD encodes) and family (spouse, children), villages drawn from each commune's own.
 */

export const SAMPLE_HEADERS = [
  'STT', 'Họ và tên chủ hộ', 'Năm sinh chủ hộ', 'Số CCCD', 'Số điện thoại', 'Thành viên hộ', 'Loại hình', 'Tên cơ sở/HTX', 'Thôn/Ấp', 'Xã/Phường', 'Xã mới', 'Huyện', 'Tỉnh',
  'Mã xã', 'Quy mô', 'Nhóm sản phẩm', 'Thành viên HTX', 'Đã tập huấn kỹ năng số', 'Đã tập huấn đóng gói, kết nối, giao hàng',
  'Có tài khoản thanh toán', 'Đồng ý chia sẻ với sàn TMĐT', 'Ngày đăng ký', 'Ghi chú',
] as const;

export type SampleHeader = (typeof SAMPLE_HEADERS)[number];
export type SampleRow = Record<SampleHeader, string>;

interface SamplePlace {
  commune: string;
  newCommune?: string;
  district?: string;
  province: string;
  code?: string;
  /** Current province code, for ID numbers (province of birth). */
  provinceCode: string;
  crop: string;
  products: string[];
  /** A cooperative or group listed in the file itself, whose members name it. */
  cooperative?: { kind: 'HTX' | 'Tổ hợp tác'; name: string };
  /** Or one listed for another place of the same province. (The sample stands alone: it names no registered one.) */
  memberOf?: string;
}

/** The demo's producing areas as the lists write them: current names, old names (with district and old province), codes. */
const DEMO_AREA_PLACES: SamplePlace[] = [
  { commune: 'Xã Tân Hoa', district: 'Huyện Lục Ngạn', province: 'Tỉnh Bắc Giang', provinceCode: '24', crop: 'Vải thiều', products: ['Vải thiều'], cooperative: { kind: 'HTX', name: 'HTX Vải thiều Tân Hoa' } },
  { commune: 'Xã Lục Ngạn', province: 'Bắc Ninh', provinceCode: '24', crop: 'Vải thiều', products: ['Vải thiều', 'Trái cây'], memberOf: 'HTX Vải thiều Tân Hoa' },
  { commune: 'Xã Tân Yên', code: '07339', province: 'Bắc Ninh', provinceCode: '24', crop: 'Gà đồi', products: ['Vải', 'Chăn nuôi'] },
  { commune: 'Thị trấn Chi Lăng', district: 'Huyện Chi Lăng', province: 'Lạng Sơn', provinceCode: '20', crop: 'Na', products: ['Na'], cooperative: { kind: 'Tổ hợp tác', name: 'Tổ hợp tác na Chi Lăng' } },
  { commune: 'Xã Chi Lăng', province: 'Tỉnh Lạng Sơn', provinceCode: '20', crop: 'Na', products: ['Trái cây'], memberOf: 'Tổ hợp tác na Chi Lăng' },
  { commune: "Xã Ea H'đing", code: '24274', district: "Huyện Cư M'gar", province: 'Đắk Lắk', provinceCode: '66', crop: 'Cà phê', products: ['Cà phê'], cooperative: { kind: 'HTX', name: "HTX Cà phê Ea H'đing" } },
  { commune: "Xã Cư M'gar", province: 'Đắk Lắk', provinceCode: '66', crop: 'Cà phê', products: ['Cà phê', 'Bơ'], memberOf: "HTX Cà phê Ea H'đing" },
  { commune: 'Xã Ea BHốk', newCommune: 'Xã Ea Ktur', district: 'Huyện Cư Kuin', province: 'Tỉnh Đắk Lắk', provinceCode: '66', crop: 'Cà phê', products: ['Cà phê', 'Hồ tiêu'] },
  { commune: 'Xã Hòa An', district: 'Huyện Krông Pắc', province: 'Tỉnh Đắk Lắk', provinceCode: '66', crop: 'Sầu riêng', products: ['Sầu riêng', 'Bơ'] },
  { commune: 'Xã Đại Ân 2', district: 'Huyện Trần Đề', province: 'Tỉnh Sóc Trăng', provinceCode: '92', crop: 'Lúa ST25', products: ['Lúa gạo'], cooperative: { kind: 'HTX', name: 'HTX Lúa ST25 Đại Ân' } },
  { commune: 'Xã Trần Đề', province: 'Cần Thơ', provinceCode: '92', crop: 'Lúa ST25', products: ['Gạo'], memberOf: 'HTX Lúa ST25 Đại Ân' },
  { commune: 'Xã Hàm Đức', district: 'Huyện Hàm Thuận Bắc', province: 'Tỉnh Bình Thuận', provinceCode: '68', crop: 'Thanh long', products: ['Thanh long'], cooperative: { kind: 'Tổ hợp tác', name: 'Tổ hợp tác thanh long Hàm Đức' } },
  { commune: 'Xã Hương Khê', code: '18496', province: 'Hà Tĩnh', provinceCode: '42', crop: 'Bưởi', products: ['Bưởi'] },
  { commune: 'Xã Hòa Khánh', district: 'Huyện Cái Bè', province: 'Tỉnh Tiền Giang', provinceCode: '82', crop: 'Xoài', products: ['Xoài', 'Trái cây'] },
  { commune: 'Phường Mộc Châu', code: '03980', province: 'Sơn La', provinceCode: '14', crop: 'Mận', products: ['Mận', 'Chè'] },
];

const PHONE_STYLES: ((e164: string) => string)[] = [
  (phone) => `0${phone.slice(3)}`,
  (phone) => `0${phone.slice(3, 6)} ${phone.slice(6, 9)} ${phone.slice(9)}`,
  (phone) => `+84 ${phone.slice(3, 6)} ${phone.slice(6, 9)} ${phone.slice(9)}`,
  (phone) => phone.slice(1),
  (phone) => `0${phone.slice(3, 6)}.${phone.slice(6, 9)}.${phone.slice(9)}`,
];
const YES = ['Có', 'x', 'Có', 'Đã tập huấn'];
const NO = ['Không', '', 'Chưa'];
const BUSINESS_WORDS = ['Xanh', 'Sạch', 'Quê Hương', 'Phúc Lộc', 'An Lạc', 'Hưng Thịnh'];

export interface SampleOptions {
  seed: number;
  count: number;
  /** `demo`: the demo's producing areas, some by old names; `national`: any current commune, by code and name. */
  places: 'demo' | 'national';
}

/**
 * Deterministic rows; ID numbers never repeat and never collide with the demo's. The file's cooperatives come
 * first, then households of random places, half of them members of their place's cooperative.
 */
export function sampleHouseholdRows(options: SampleOptions): SampleRow[] {
  const random = new SeededRandom(options.seed);
  const usedIds = new Set(demoDataset().households.map((household) => household.head.nationalId));
  const places = options.places === 'demo' ? DEMO_AREA_PLACES : nationalPlaces();
  const cooperatives = places.filter((place) => place.cooperative);
  const rows: SampleRow[] = [];
  for (let index = 0; index < options.count; index++) {
    const cooperativePlace = index < cooperatives.length ? cooperatives[index] : undefined;
    const place = cooperativePlace ?? random.pick(places);
    const head = person(random);
    let id = nationalId(random, head, place.provinceCode);
    while (usedIds.has(id)) id = nationalId(random, head, place.provinceCode);
    usedIds.add(id);
    // A few heads are still listed by their old 9-digit CMND.
    if (random.chance(0.04)) {
      id = String(random.int(100_000_000, 389_999_999));
      while (usedIds.has(id)) id = String(random.int(100_000_000, 389_999_999));
      usedIds.add(id);
    }
    const kind = cooperativePlace ? cooperativePlace.cooperative!.kind : random.weighted([['Hộ gia đình', 80], ['Hộ kinh doanh', 12], ['Hộ SXNN', 8]] as const);
    const displayName =
      cooperativePlace ? cooperativePlace.cooperative!.name
      : kind === 'Hộ kinh doanh' ? `Cơ sở ${place.crop.charAt(0).toLowerCase() + place.crop.slice(1)} ${random.pick(BUSINESS_WORDS)} ${place.commune.replace(/^(Xã|Phường|Thị trấn) /, '')}`
      : '';
    const isOrganisation = Boolean(cooperativePlace);
    // A stream of its own per row, so that the family and village do not shift the other columns' draws.
    const household = new SeededRandom((Math.imul(options.seed, 0x9e3779b1) ^ (index + 1)) >>> 0);
    const family = isOrganisation ? [] : householdFamily(household, head);
    const cooperative = place.cooperative?.name ?? place.memberOf;
    const trained = (share: number) => (isOrganisation || random.chance(share) ? (random.chance(0.3) ? `${random.int(1, 28)}/${random.int(1, 12)}/${random.int(2022, 2025)}` : random.pick(YES)) : random.pick(NO));
    const products = place.products.length > 1 && random.chance(0.5) ? place.products.join('; ') : place.products[0];
    rows.push({
      STT: String(index + 1),
      'Họ và tên chủ hộ': random.chance(0.1) ? head.fullName.toUpperCase() : head.fullName,
      // Most lists give it; for a head still listed by CMND it is the only birth year the registry gets.
      'Năm sinh chủ hộ': !isOrganisation && household.chance(0.85) ? String(head.birthYear) : '',
      'Số CCCD': id,
      'Số điện thoại': random.chance(0.08) ? '' : random.pick(PHONE_STYLES)(mobilePhone(random)),
      // A few lists do not know the members' birth years.
      'Thành viên hộ': formatMembers(family.map((member) => ({ ...member, birthYear: household.chance(0.9) ? member.birthYear : null }))),
      'Loại hình': kind,
      'Tên cơ sở/HTX': displayName,
      'Thôn/Ấp': pickVillage(household, villagesOf(place.commune, place.provinceCode)),
      'Xã/Phường': place.commune,
      'Xã mới': place.newCommune ?? '',
      'Huyện': place.district ?? '',
      'Tỉnh': place.province,
      'Mã xã': place.code ?? '',
      'Quy mô': isOrganisation ? 'Lớn' : random.weighted([['Nhỏ', 6], ['Vừa', 3], ['Trang trại', 1]] as const),
      'Nhóm sản phẩm': isOrganisation || kind === 'Hộ kinh doanh' ? `${products}; Vật tư nông nghiệp` : products,
      'Thành viên HTX': !isOrganisation && kind !== 'Hộ kinh doanh' && cooperative && random.chance(0.5) ? cooperative : '',
      'Đã tập huấn kỹ năng số': trained(0.65),
      'Đã tập huấn đóng gói, kết nối, giao hàng': trained(0.5),
      'Có tài khoản thanh toán': random.weighted([['Có', 4], ['Đang sử dụng', 3], ['Không', 3]] as const),
      'Đồng ý chia sẻ với sàn TMĐT': random.chance(0.7) ? 'Có' : 'Không',
      'Ngày đăng ký': `${String(random.int(1, 28)).padStart(2, '0')}/${String(random.int(1, 12)).padStart(2, '0')}/${random.int(2021, 2025)}`,
      'Ghi chú': random.chance(0.05) ? 'Hộ mới bổ sung' : '',
    });
  }
  return rows;
}

let national: SamplePlace[] | undefined;

/** Every current commune, given by code and name as a provincial list would. */
function nationalPlaces(): SamplePlace[] {
  national ??= currentCommunes().map((commune) => ({
    commune: commune.fullName,
    code: commune.code,
    province: currentProvince(commune.provinceCode)!.name,
    provinceCode: commune.provinceCode,
    crop: 'Lúa',
    products: ['Lúa gạo', 'Rau', 'Chăn nuôi'],
    cooperative: { kind: 'HTX' as const, name: `HTX Nông nghiệp ${commune.name} ${commune.code}` },
  }));
  return national;
}
