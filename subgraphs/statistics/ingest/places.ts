import { foldVietnamese } from '../../../platform/identity/normalise';
import { currentAdministrativeUnits } from '../../registry/ingest/admin-units';

/*
 * INTERIM, until the shared place resolver (platform/places) lands on main: the same API (`resolveProvince`,
 * `resolveCommune`, `PlaceMatch`), over the current units and a small table of old ones (the 63 provinces, and the
 * old communes of the demo's producing communes). When platform/places is merged, this file is deleted and the
 * importers import from '../../../platform/places' instead; nothing else changes.
 */

export interface PlaceUnit {
  code: string;
  name: string;
}

export interface CommunePlaceUnit extends PlaceUnit {
  provinceCode: string;
}

/** What a code or name resolved to (see platform/places). */
export interface PlaceMatch<T> {
  units: T[];
  via: 'code' | 'legacy-code' | 'alias' | 'name' | 'legacy-name';
  split: boolean;
}

/** The 63 provinces before 1 July 2025: code, name, the current province it merged into (every merge was whole). */
const LEGACY_PROVINCES: readonly (readonly [string, string, string])[] = [
  ['01', 'Hà Nội', '01'], ['02', 'Hà Giang', '08'], ['04', 'Cao Bằng', '04'], ['06', 'Bắc Kạn', '19'], ['08', 'Tuyên Quang', '08'],
  ['10', 'Lào Cai', '15'], ['11', 'Điện Biên', '11'], ['12', 'Lai Châu', '12'], ['14', 'Sơn La', '14'], ['15', 'Yên Bái', '15'],
  ['17', 'Hòa Bình', '25'], ['19', 'Thái Nguyên', '19'], ['20', 'Lạng Sơn', '20'], ['22', 'Quảng Ninh', '22'], ['24', 'Bắc Giang', '24'],
  ['25', 'Phú Thọ', '25'], ['26', 'Vĩnh Phúc', '25'], ['27', 'Bắc Ninh', '24'], ['30', 'Hải Dương', '31'], ['31', 'Hải Phòng', '31'],
  ['33', 'Hưng Yên', '33'], ['34', 'Thái Bình', '33'], ['35', 'Hà Nam', '37'], ['36', 'Nam Định', '37'], ['37', 'Ninh Bình', '37'],
  ['38', 'Thanh Hóa', '38'], ['40', 'Nghệ An', '40'], ['42', 'Hà Tĩnh', '42'], ['44', 'Quảng Bình', '44'], ['45', 'Quảng Trị', '44'],
  ['46', 'Huế', '46'], ['48', 'Đà Nẵng', '48'], ['49', 'Quảng Nam', '48'], ['51', 'Quảng Ngãi', '51'], ['52', 'Bình Định', '52'],
  ['54', 'Phú Yên', '66'], ['56', 'Khánh Hòa', '56'], ['58', 'Ninh Thuận', '56'], ['60', 'Bình Thuận', '68'], ['62', 'Kon Tum', '51'],
  ['64', 'Gia Lai', '52'], ['66', 'Đắk Lắk', '66'], ['67', 'Đắk Nông', '68'], ['68', 'Lâm Đồng', '68'], ['70', 'Bình Phước', '75'],
  ['72', 'Tây Ninh', '80'], ['74', 'Bình Dương', '79'], ['75', 'Đồng Nai', '75'], ['77', 'Bà Rịa - Vũng Tàu', '79'], ['79', 'Hồ Chí Minh', '79'],
  ['80', 'Long An', '80'], ['82', 'Tiền Giang', '82'], ['83', 'Bến Tre', '86'], ['84', 'Trà Vinh', '86'], ['86', 'Vĩnh Long', '86'],
  ['87', 'Đồng Tháp', '82'], ['89', 'An Giang', '91'], ['91', 'Kiên Giang', '91'], ['92', 'Cần Thơ', '92'], ['93', 'Hậu Giang', '92'],
  ['94', 'Sóc Trăng', '92'], ['95', 'Bạc Liêu', '96'], ['96', 'Cà Mau', '96'],
];

/** Old communes of the demo's producing communes: code, full name, district, old province code, current commune. */
const LEGACY_COMMUNES: readonly (readonly [string, string, string, string, string])[] = [
  ['03980', 'Phường Mộc Lỵ', 'Thị xã Mộc Châu', '14', '03980'], ['04012', 'Xã Chiềng Hắc', 'Thị xã Mộc Châu', '14', '03980'],
  ['04027', 'Phường Mường Sang', 'Thị xã Mộc Châu', '14', '03980'], ['06463', 'Thị trấn Đồng Mỏ', 'Huyện Chi Lăng', '20', '06463'],
  ['06466', 'Thị trấn Chi Lăng', 'Huyện Chi Lăng', '20', '06463'], ['06523', 'Xã Chi Lăng', 'Huyện Chi Lăng', '20', '06463'],
  ['07336', 'Xã Cao Xá', 'Huyện Tân Yên', '24', '07339'], ['07339', 'Thị trấn Cao Thượng', 'Huyện Tân Yên', '24', '07339'],
  ['07354', 'Xã Việt Lập', 'Huyện Tân Yên', '24', '07339'], ['07363', 'Xã Ngọc Lý', 'Huyện Tân Yên', '24', '07339'],
  ['07567', 'Xã Tân Hoa', 'Huyện Lục Ngạn', '24', '07582'], ['07570', 'Xã Giáp Sơn', 'Huyện Lục Ngạn', '24', '07582'],
  ['07582', 'Thị trấn Phì Điền', 'Huyện Lục Ngạn', '24', '07582'], ['07588', 'Xã Tân Quang', 'Huyện Lục Ngạn', '24', '07582'],
  ['07591', 'Xã Đồng Cốc', 'Huyện Lục Ngạn', '24', '07582'], ['18313', 'Thị trấn Vũ Quang', 'Huyện Vũ Quang', '42', '18313'],
  ['18325', 'Xã Thọ Điền', 'Huyện Vũ Quang', '42', '18313'], ['18340', 'Xã Hương Minh', 'Huyện Vũ Quang', '42', '18313'],
  ['18343', 'Xã Quang Thọ', 'Huyện Vũ Quang', '42', '18313'], ['18496', 'Thị trấn Hương Khê', 'Huyện Hương Khê', '42', '18496'],
  ['18526', 'Xã Hương Long', 'Huyện Hương Khê', '42', '18496'], ['18529', 'Xã Phú Gia', 'Huyện Hương Khê', '42', '18496'],
  ['23059', 'Thị trấn Ma Lâm', 'Huyện Hàm Thuận Bắc', '60', '23059'], ['23083', 'Xã Thuận Minh', 'Huyện Hàm Thuận Bắc', '60', '23059'],
  ['23092', 'Xã Hàm Đức', 'Huyện Hàm Thuận Bắc', '60', '23059'], ['24274', "Xã Ea H'đing", "Huyện Cư M'gar", '66', '24280'],
  ['24280', 'Xã Ea KPam', "Huyện Cư M'gar", '66', '24280'], ['24289', "Xã Cư M'gar", "Huyện Cư M'gar", '66', '24280'],
  ['24490', 'Thị trấn Phước An', 'Huyện Krông Pắc', '66', '24490'], ['24508', 'Xã Ea Yông', 'Huyện Krông Pắc', '66', '24490'],
  ['24511', 'Xã Hòa An', 'Huyện Krông Pắc', '66', '24490'], ['24523', 'Xã Hòa Tiến', 'Huyện Krông Pắc', '66', '24490'],
  ['24769', 'Phường 7', 'Thành phố Đà Lạt', '68', '24846'], ['24846', 'Thị trấn Lạc Dương', 'Huyện Lạc Dương', '68', '24846'],
  ['24862', 'Xã Lát', 'Huyện Lạc Dương', '68', '24846'], ['28360', 'Thị trấn Cái Bè', 'Huyện Cái Bè', '82', '28360'],
  ['28399', 'Xã Hòa Khánh', 'Huyện Cái Bè', '82', '28360'], ['28411', 'Xã Đông Hòa Hiệp', 'Huyện Cái Bè', '82', '28360'],
  ['31672', 'Xã Đại Ân 2', 'Huyện Trần Đề', '94', '31673'], ['31673', 'Thị trấn Trần Đề', 'Huyện Trần Đề', '94', '31673'],
  ['31681', 'Xã Trung Bình', 'Huyện Trần Đề', '94', '31673'],
];

const PROVINCE_PREFIXES = /^(thanh pho|tinh|tp) /;
const COMMUNE_PREFIXES = /^(thi tran|dac khu|phuong|xa|tt|p) /;
const DISTRICT_PREFIXES = /^(thanh pho|thi xa|huyen|quan|tp|tx) /;

function fold(text: string, prefixes: RegExp): string {
  return foldVietnamese(text).replace(prefixes, '');
}

let index: ReturnType<typeof buildIndex> | undefined;

function buildIndex() {
  const units = currentAdministrativeUnits();
  const provinces = new Map<string, PlaceUnit>(units.map((province) => [province.code, { code: province.code, name: province.name }]));
  const provinceByName = new Map(units.map((province) => [fold(province.name, PROVINCE_PREFIXES), provinces.get(province.code)!]));
  for (const nickname of ['hcm', 'tphcm', 'tp hcm', 'sai gon']) provinceByName.set(nickname, provinces.get('79')!);
  const communes = new Map<string, CommunePlaceUnit>(
    units.flatMap((province) => province.communes.map((commune) => [commune.code, { code: commune.code, name: commune.name, provinceCode: province.code }])),
  );
  return { provinces, provinceByName, communes };
}

function places() {
  index ??= buildIndex();
  return index;
}

/** A code given as digits, padded ("4" -> "04"); undefined when it is not digits. */
function digits(text: string, width: number): string | undefined {
  const trimmed = text.trim();
  return /^\d{1,5}$/.test(trimmed) && trimmed.length <= width ? trimmed.padStart(width, '0') : undefined;
}

function legacyProvinceCodes(codeOrName: string): string[] {
  const code = digits(codeOrName, 2);
  if (code !== undefined) return LEGACY_PROVINCES.filter(([legacy]) => legacy === code).map(([legacy]) => legacy);
  const key = fold(codeOrName, PROVINCE_PREFIXES);
  return LEGACY_PROVINCES.filter(([, name]) => foldVietnamese(name) === key).map(([legacy]) => legacy);
}

/** A province by code or name, current or old; an old one gives the province it merged into. */
export function resolveProvince(codeOrName: string): PlaceMatch<PlaceUnit> | null {
  const { provinces, provinceByName } = places();
  const code = digits(codeOrName, 2);
  if (code !== undefined && provinces.has(code)) return { units: [provinces.get(code)!], via: 'code', split: false };
  if (code === undefined) {
    const byName = provinceByName.get(fold(codeOrName, PROVINCE_PREFIXES));
    if (byName) return { units: [byName], via: 'name', split: false };
  }
  const legacy = legacyProvinceCodes(codeOrName);
  if (legacy.length !== 1) return null;
  const successor = LEGACY_PROVINCES.find(([old]) => old === legacy[0])![2];
  return { units: [provinces.get(successor)!], via: code !== undefined ? 'legacy-code' : 'legacy-name', split: false };
}

/** A commune by code, current or old, or else by name (current, then old), narrowed by district and province. */
export function resolveCommune(query: { code?: string; name?: string; district?: string; province?: string }): PlaceMatch<CommunePlaceUnit> | null {
  const { communes } = places();
  const code = query.code?.trim() ? digits(query.code, 5) : undefined;
  if (code !== undefined) {
    if (communes.has(code)) return { units: [communes.get(code)!], via: 'code', split: false };
    const legacy = LEGACY_COMMUNES.find(([old]) => old === code);
    if (legacy) return { units: [communes.get(legacy[4])!], via: 'legacy-code', split: false };
  }
  if (!query.name?.trim()) return null;
  const province = query.province?.trim() ? resolveProvince(query.province) : undefined;
  if (province === null) return null;
  const key = fold(query.name, COMMUNE_PREFIXES);
  const district = query.district?.trim() ? fold(query.district, DISTRICT_PREFIXES) : undefined;
  const current = [...communes.values()].filter(
    (commune) => fold(commune.name, COMMUNE_PREFIXES) === key && (!province || commune.provinceCode === province.units[0].code),
  );
  if (current.length === 1 && district === undefined) return { units: current, via: 'name', split: false };
  const legacyProvinces = query.province?.trim() ? new Set(legacyProvinceCodes(query.province)) : undefined;
  const legacy = LEGACY_COMMUNES.filter(
    ([, name, oldDistrict, oldProvince, successor]) =>
      fold(name, COMMUNE_PREFIXES) === key &&
      (district === undefined || fold(oldDistrict, DISTRICT_PREFIXES) === district) &&
      (!legacyProvinces?.size || legacyProvinces.has(oldProvince)) &&
      (!province || communes.get(successor)?.provinceCode === province.units[0].code),
  );
  const successors = [...new Set(legacy.map((row) => row[4]))];
  if (successors.length === 1) return { units: [communes.get(successors[0])!], via: 'legacy-name', split: false };
  if (current.length === 1) return { units: current, via: 'name', split: false };
  return null;
}
