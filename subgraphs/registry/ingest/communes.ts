import { foldVietnamese } from '../../../platform/identity/normalise';
import { currentAdministrativeUnits } from './admin-units';

/*
 * INTERIM, until `platform/places` is on main: the registry import resolves places through this one function,
 * written against the exact API of the shared resolver (`resolveCommune({ code, name, district, province })`).
 * When it lands, this file becomes a re-export of it. Meanwhile it knows the current units and, of the old
 * ones, only those of the demo's producing areas that the sample files and tests use.
 */

export interface ResolvedCommune {
  code: string;
  name: string;
  fullName: string;
  provinceCode: string;
}

export interface CommuneResolution {
  units: ResolvedCommune[];
  via: 'code' | 'legacy-code' | 'alias' | 'name' | 'legacy-name';
  split: boolean;
}

interface InterimLegacyCommune {
  code: string;
  name: string;
  district: string;
  province: string;
  successors: string[];
}

const INTERIM_LEGACY_COMMUNES: InterimLegacyCommune[] = [
  { code: '07567', name: 'Xã Tân Hoa', district: 'Huyện Lục Ngạn', province: 'Tỉnh Bắc Giang', successors: ['07582'] },
  { code: '07570', name: 'Xã Giáp Sơn', district: 'Huyện Lục Ngạn', province: 'Tỉnh Bắc Giang', successors: ['07582'] },
  { code: '07588', name: 'Xã Tân Quang', district: 'Huyện Lục Ngạn', province: 'Tỉnh Bắc Giang', successors: ['07582'] },
  { code: '07591', name: 'Xã Đồng Cốc', district: 'Huyện Lục Ngạn', province: 'Tỉnh Bắc Giang', successors: ['07582'] },
  { code: '07336', name: 'Xã Cao Xá', district: 'Huyện Tân Yên', province: 'Tỉnh Bắc Giang', successors: ['07339'] },
  { code: '07354', name: 'Xã Việt Lập', district: 'Huyện Tân Yên', province: 'Tỉnh Bắc Giang', successors: ['07339'] },
  { code: '07363', name: 'Xã Ngọc Lý', district: 'Huyện Tân Yên', province: 'Tỉnh Bắc Giang', successors: ['07339'] },
  { code: '06466', name: 'Thị trấn Chi Lăng', district: 'Huyện Chi Lăng', province: 'Tỉnh Lạng Sơn', successors: ['06463'] },
  { code: '24274', name: "Xã Ea H'đing", district: "Huyện Cư M'gar", province: 'Tỉnh Đắk Lắk', successors: ['24280'] },
  { code: '24508', name: 'Xã Ea Yông', district: 'Huyện Krông Pắc', province: 'Tỉnh Đắk Lắk', successors: ['24490'] },
  { code: '24511', name: 'Xã Hòa An', district: 'Huyện Krông Pắc', province: 'Tỉnh Đắk Lắk', successors: ['24490'] },
  { code: '31672', name: 'Xã Đại Ân 2', district: 'Huyện Trần Đề', province: 'Tỉnh Sóc Trăng', successors: ['31673'] },
  { code: '31681', name: 'Xã Trung Bình', district: 'Huyện Trần Đề', province: 'Tỉnh Sóc Trăng', successors: ['31673'] },
  { code: '23083', name: 'Xã Thuận Minh', district: 'Huyện Hàm Thuận Bắc', province: 'Tỉnh Bình Thuận', successors: ['23059'] },
  { code: '23092', name: 'Xã Hàm Đức', district: 'Huyện Hàm Thuận Bắc', province: 'Tỉnh Bình Thuận', successors: ['23059'] },
  { code: '18526', name: 'Xã Hương Long', district: 'Huyện Hương Khê', province: 'Tỉnh Hà Tĩnh', successors: ['18496'] },
  { code: '18325', name: 'Xã Thọ Điền', district: 'Huyện Vũ Quang', province: 'Tỉnh Hà Tĩnh', successors: ['18313'] },
  { code: '28399', name: 'Xã Hòa Khánh', district: 'Huyện Cái Bè', province: 'Tỉnh Tiền Giang', successors: ['28360'] },
  { code: '04012', name: 'Xã Chiềng Hắc', district: 'Thị xã Mộc Châu', province: 'Tỉnh Sơn La', successors: ['03980'] },
  { code: '24550', name: 'Xã Ea BHốk', district: 'Huyện Cư Kuin', province: 'Tỉnh Đắk Lắk', successors: ['24561', '24544'] },
];

/** Old provinces of those communes -> the current province code. */
const INTERIM_LEGACY_PROVINCES: Record<string, string> = {
  'bac giang': '24', 'soc trang': '92', 'binh thuan': '68', 'tien giang': '82', 'lang son': '20', 'dak lak': '66', 'ha tinh': '42', 'son la': '14',
};

const UNIT_PREFIXES = ['thanh pho', 'thi tran', 'thi xa', 'tinh', 'xa', 'phuong', 'huyen', 'quan', 'dac khu', 'tp', 'tt'];

function withoutPrefix(text: string): string {
  const folded = foldVietnamese(text);
  for (const prefix of UNIT_PREFIXES) if (folded.startsWith(`${prefix} `)) return folded.slice(prefix.length + 1);
  return folded;
}

function padCode(text: string, width: number): string | null {
  const match = /^\s*(\d+)(?:\.0+)?\s*$/.exec(text);
  return match && match[1].length <= width ? match[1].padStart(width, '0') : null;
}

function currentProvinceCode(province: string): string | null | undefined {
  const code = padCode(province, 2);
  const units = currentAdministrativeUnits();
  if (code) return units.some((unit) => unit.code === code) ? code : null;
  const key = withoutPrefix(province);
  return units.find((unit) => foldVietnamese(unit.name) === key)?.code ?? INTERIM_LEGACY_PROVINCES[key] ?? null;
}

type Commune = ReturnType<typeof currentAdministrativeUnits>[number]['communes'][number];
let index: { byCode: Map<string, Commune>; byFoldedName: Map<string, Commune[]> } | undefined;

export function resolveCommune(query: { code?: string; name?: string; district?: string; province?: string }): CommuneResolution | null {
  index ??= (() => {
    const communes = currentAdministrativeUnits().flatMap((province) => province.communes);
    const byFoldedName = new Map<string, Commune[]>();
    for (const commune of communes) byFoldedName.set(foldVietnamese(commune.name), [...(byFoldedName.get(foldVietnamese(commune.name)) ?? []), commune]);
    return { byCode: new Map(communes.map((commune) => [commune.code, commune])), byFoldedName };
  })();
  const { byCode, byFoldedName } = index;
  const toUnit = (code: string): ResolvedCommune => {
    const commune = byCode.get(code)!;
    return { code: commune.code, name: commune.name, fullName: commune.fullName, provinceCode: commune.provinceCode };
  };
  if (query.code?.trim()) {
    const code = padCode(query.code, 5);
    if (code && byCode.has(code)) return { units: [toUnit(code)], via: 'code', split: false };
    const legacy = INTERIM_LEGACY_COMMUNES.find((commune) => commune.code === code);
    if (legacy) return { units: legacy.successors.map(toUnit), via: 'legacy-code', split: legacy.successors.length > 1 };
    if (!query.name?.trim()) return null;
  }
  if (!query.name?.trim()) return null;
  const provinceCode = query.province?.trim() ? currentProvinceCode(query.province) : undefined;
  if (provinceCode === null) return null;
  const key = withoutPrefix(query.name);
  const current = (byFoldedName.get(key) ?? []).filter((commune) => !provinceCode || commune.provinceCode === provinceCode);
  if (current.length === 1 && !query.district?.trim()) return { units: [toUnit(current[0].code)], via: 'name', split: false };
  const legacy = INTERIM_LEGACY_COMMUNES.filter(
    (commune) =>
      withoutPrefix(commune.name) === key &&
      (!query.district?.trim() || withoutPrefix(commune.district) === withoutPrefix(query.district)) &&
      (!provinceCode || byCode.get(commune.successors[0])!.provinceCode === provinceCode),
  );
  if (legacy.length === 1) return { units: legacy[0].successors.map(toUnit), via: 'legacy-name', split: legacy[0].successors.length > 1 };
  if (current.length === 1) return { units: [toUnit(current[0].code)], via: 'name', split: false };
  return null;
}
