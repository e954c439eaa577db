import { foldVietnamese } from '../identity/normalise';
import {
  LEGACY_MAPPING_COLUMNS,
  LEGACY_MAPPING_FILE,
  readCsv,
  readCurrentUnits,
  referenceChecksum,
  UNIT_LOCATION_COLUMNS,
  UNIT_LOCATIONS_FILE,
  type RawCurrentUnit,
  type RawLegacyRow,
  type RawLocationRow,
} from './reference-files';

/*
 * Vietnam's places: the current units (34 provinces, 3,321 communes since the 1 July 2025 reorganisation) and the
 * old ones (63 provinces, ~700 districts, 10,035 communes) that imports, orders and statistics still arrive with.
 * Pure and in memory: the reference files in ./reference are read once per process, on first use. Every piece of
 * code that meets a place code or name (importers, the generator, the registry) resolves it here, so they agree.
 */

/** A province-level unit (tỉnh, thành phố) as it is now. */
export interface ProvinceUnit {
  /** Two-digit statistics office code, "01" .. "96". */
  code: string;
  /** "Lạng Sơn" */
  name: string;
  /** "Lang Son" */
  nameEn: string;
  /** "Tỉnh Lạng Sơn" */
  fullName: string;
  /** "Tỉnh", "Thành phố" (communes: "Xã", "Phường", "Đặc khu") */
  unitType: string;
  latitude: number | null;
  longitude: number | null;
}

/** A commune-level unit (xã, phường, đặc khu) as it is now; there are no districts any more. */
export interface CommuneUnit extends ProvinceUnit {
  /** Five-digit code. */
  code: string;
  provinceCode: string;
}

/**
 * What a code or name resolved to. `units` has one unit, except for an old commune that was divided (`split`),
 * whose successors all come back; `units[0]` is then the one to use when a single unit is needed (see
 * `LegacyCommune.successorCodes`).
 */
export interface PlaceMatch<T> {
  units: T[];
  /**
   * `code`: a current code; `legacy-code`: an old (pre-July 2025) code; `alias`: a code published for a current
   * unit and corrected since; `name`: a current name; `legacy-name`: an old name.
   */
  via: 'code' | 'legacy-code' | 'alias' | 'name' | 'legacy-name';
  split: boolean;
}

/** One of the 63 provinces before July 2025. Every province merge was whole: each has exactly one successor. */
export interface LegacyProvince {
  code: string;
  /** "Bắc Giang" */
  name: string;
  /** "Tỉnh Bắc Giang" */
  fullName: string;
  successorCode: string;
}

/** One of the 10,035 communes before July 2025, with the district and province it belonged to. */
export interface LegacyCommune {
  code: string;
  /** "Phúc Xá" */
  name: string;
  /** "Phường Phúc Xá" */
  fullName: string;
  /** "Xã", "Phường", "Thị trấn" */
  unitType: string;
  /** Three-digit district code. */
  districtCode: string;
  /** "Quận Ba Đình" */
  district: string;
  /** Old two-digit province code. */
  provinceCode: string;
  /** "Thành phố Hà Nội" */
  province: string;
  /** Divided between several current communes. */
  split: boolean;
  /**
   * The current communes it became part of. For a divided commune the first is the one that kept its code, if
   * any did (the new commune was formed around it), otherwise the first the mapping lists.
   */
  successorCodes: string[];
}

/** A commune code published for a current unit and corrected since; still found in data written meanwhile. */
export interface CommuneCodeAlias {
  code: string;
  currentCode: string;
  note: string;
}

/** Codes corrected since July 2025. Such a code wins over the same code read as an old one, unless a name says otherwise. */
export const COMMUNE_CODE_ALIASES: readonly CommuneCodeAlias[] = Object.freeze([
  { code: '06970', currentCode: '06978', note: 'Xã Ba Chẽ (Quảng Ninh): first published as 06970, the code of the old Thị trấn Ba Chẽ' },
  { code: '23737', currentCode: '23938', note: 'Xã Ia Mơ (Gia Lai): first published as 23737, the code of the old Xã Ia Mơ Nông' },
]);

/** All 34, by code. The list and its units are frozen (shared by every caller): copy before sorting. */
export function currentProvinces(): ProvinceUnit[] {
  return places().provinces;
}

/** All 3,321, province by province in the reference file's order (by code, but for four); frozen like `currentProvinces`. */
export function currentCommunes(): CommuneUnit[] {
  return places().communes;
}

/** The current province with exactly this code, or undefined (no old codes: see `resolveProvince`). */
export function currentProvince(code: string): ProvinceUnit | undefined {
  return places().provinceByCode.get(code);
}

/** The current commune with exactly this code, or undefined (no old codes: see `resolveCommune`). */
export function currentCommune(code: string): CommuneUnit | undefined {
  return places().communeByCode.get(code);
}

/** The current communes of a province, in the order of `currentCommunes`. */
export function communesOfProvince(provinceCode: string): CommuneUnit[] {
  return places().communesByProvince.get(provinceCode) ?? [];
}

/** The 63 old provinces, by code. */
export function legacyProvinces(): LegacyProvince[] {
  return places().legacyProvinces;
}

/** The 10,035 old communes, by code. */
export function legacyCommunes(): LegacyCommune[] {
  return places().legacyCommunes;
}

export function legacyProvince(code: string): LegacyProvince | undefined {
  return places().legacyProvinceByCode.get(code);
}

export function legacyCommune(code: string): LegacyCommune | undefined {
  return places().legacyCommuneByCode.get(code);
}

/**
 * A code as written in spreadsheets ("1", "01", "1.0") padded to a province's two or a commune's five digits; null
 * when the text is not such a code. Says nothing about whether the code exists.
 */
export function normalisePlaceCode(text: string, kind: 'province' | 'commune'): string | null {
  return numericCode(text, kind === 'province' ? 2 : 5) ?? null;
}

/** Changes whenever a reference file changes: lets a database copy of these units tell whether it is up to date. */
export function placesReferenceChecksum(): string {
  return (checksum ??= referenceChecksum());
}

/**
 * A province by code or name, current or old: "24", "4", "Bắc Giang", "tinh bac giang", "TP.HCM". A current code
 * or name always means the current unit; an old one means the province it merged into.
 */
export function resolveProvince(codeOrName: string): PlaceMatch<ProvinceUnit> | null {
  const context = provinceContext(codeOrName);
  return context ? { units: [context.unit], via: context.via, split: false } : null;
}

/**
 * A commune by code, current or old or corrected ("00097", "97", "00001", "06970"), or else by name, current or
 * old ("Phúc Xá", "Phường Phúc Xá", "xa chi lang"). `district` (old districts only) and `province` (old or current,
 * code or name) narrow a name down. With a district or an old province the name is first read as an old one (the
 * data predates July 2025), otherwise first as a current one. A name that still fits several units gives null, as
 * does a province that cannot be resolved.
 */
export function resolveCommune(query: { code?: string; name?: string; district?: string; province?: string }): PlaceMatch<CommuneUnit> | null {
  const name = query.name?.trim() ? query.name : undefined;
  if (query.code?.trim()) {
    const byCode = communeByAnyCode(query.code, name);
    if (byCode || !name) return byCode;
  }
  if (!name) return null;
  let province: ProvinceContext | undefined;
  if (query.province?.trim()) {
    const context = provinceContext(query.province);
    if (!context) return null;
    province = context;
  }
  const key = foldVietnamese(name);
  const district = query.district?.trim() ? query.district : undefined;
  const byCurrentName = () => currentCommuneByName(key, province);
  const byLegacyName = () => legacyCommuneByName(key, province, district);
  // A district or an old province says the data predates July 2025: read the name as an old one first.
  const oldData = district !== undefined || province?.legacyCodes !== undefined;
  for (const attempt of oldData ? [byLegacyName, byCurrentName] : [byCurrentName, byLegacyName]) {
    const result = attempt();
    if (result !== NOT_FOUND) return result;
  }
  return null;
}

// --- resolution -------------------------------------------------------------------------------------------------

const NOT_FOUND = Symbol('not found');

const PROVINCE_PREFIXES = ['thanh pho', 'tinh', 'tp'];
const COMMUNE_PREFIXES = ['thi tran', 'dac khu', 'phuong', 'xa', 'tt', 'p'];
const DISTRICT_PREFIXES = ['thanh pho', 'thi xa', 'huyen', 'quan', 'tp', 'tx', 'h', 'q'];
/** Names people write that are neither the official short nor full name, folded, by province code. */
const PROVINCE_NICKNAMES: Record<string, string[]> = { '79': ['hcm', 'tphcm', 'tp hcm', 'sai gon', 'ho chi minh city'], '01': ['hn', 'tp hn'] };
/** The same for old provinces: the source names Thừa Thiên Huế by its name of January 2025, "Thành phố Huế". */
const LEGACY_PROVINCE_NICKNAMES: Record<string, string[]> = { '46': ['thua thien hue', 'tinh thua thien hue'], '77': ['vung tau', 'brvt'] };

interface ProvinceContext {
  unit: ProvinceUnit;
  via: 'code' | 'legacy-code' | 'name' | 'legacy-name';
  /** The old provinces meant, when the text named an old one: narrows old commune names further. */
  legacyCodes?: Set<string>;
}

function provinceContext(codeOrName: string): ProvinceContext | null {
  const data = places();
  const code = numericCode(codeOrName, 2);
  if (code !== undefined) {
    if (code === null) return null;
    const current = data.provinceByCode.get(code);
    if (current) return { unit: current, via: 'code' };
    const legacy = data.legacyProvinceByCode.get(code);
    return legacy ? { unit: data.provinceByCode.get(legacy.successorCode)!, via: 'legacy-code', legacyCodes: new Set([code]) } : null;
  }
  const key = foldVietnamese(codeOrName);
  const current = lookupName(names().provinceNames, key, PROVINCE_PREFIXES);
  if (current.length === 1) return { unit: current[0], via: 'name' };
  const legacy = lookupName(names().legacyProvinceNames, key, PROVINCE_PREFIXES);
  const successors = new Set(legacy.map((province) => province.successorCode));
  if (successors.size !== 1) return null;
  return { unit: data.provinceByCode.get([...successors][0])!, via: 'legacy-name', legacyCodes: new Set(legacy.map((province) => province.code)) };
}

function communeByAnyCode(rawCode: string, name: string | undefined): PlaceMatch<CommuneUnit> | null {
  const data = places();
  const code = numericCode(rawCode, 5);
  if (!code) return null;
  const current = data.communeByCode.get(code);
  if (current) return { units: [current], via: 'code', split: false };
  const alias = data.aliasByCode.get(code);
  const legacy = data.legacyCommuneByCode.get(code);
  if (alias) {
    const target = data.communeByCode.get(alias.currentCode)!;
    const nameSaysLegacy = legacy && name && namesMatch(legacy, name, COMMUNE_PREFIXES) && !namesMatch(target, name, COMMUNE_PREFIXES);
    if (!nameSaysLegacy) return { units: [target], via: 'alias', split: false };
  }
  if (legacy) return { units: successorsOf(legacy), via: 'legacy-code', split: legacy.split };
  return null;
}

function currentCommuneByName(key: string, province: ProvinceContext | undefined): PlaceMatch<CommuneUnit> | null | typeof NOT_FOUND {
  const candidates = lookupName(names().communeNames, key, COMMUNE_PREFIXES).filter(
    (commune) => !province || commune.provinceCode === province.unit.code,
  );
  if (candidates.length === 0) return NOT_FOUND;
  return candidates.length === 1 ? { units: candidates, via: 'name', split: false } : null;
}

function legacyCommuneByName(key: string, province: ProvinceContext | undefined, district: string | undefined): PlaceMatch<CommuneUnit> | null | typeof NOT_FOUND {
  const data = places();
  const candidates = lookupName(names().legacyCommuneNames, key, COMMUNE_PREFIXES).filter(
    (commune) =>
      (!province ||
        (data.legacyProvinceByCode.get(commune.provinceCode)!.successorCode === province.unit.code &&
          (!province.legacyCodes || province.legacyCodes.has(commune.provinceCode)))) &&
      (!district || districtMatches(commune, district)),
  );
  if (candidates.length === 0) return NOT_FOUND;
  // Several old communes of one name are still one answer if they all became the same current units.
  const outcomes = new Set(candidates.map((commune) => commune.successorCodes.join(' ')));
  if (outcomes.size !== 1) return null;
  const units = successorsOf(candidates[0]);
  return { units, via: 'legacy-name', split: units.length > 1 };
}

function successorsOf(legacy: LegacyCommune): CommuneUnit[] {
  return legacy.successorCodes.map((code) => places().communeByCode.get(code)!);
}

function districtMatches(commune: LegacyCommune, district: string): boolean {
  const code = numericCode(district, 3);
  if (code !== undefined) return code === commune.districtCode;
  const key = foldVietnamese(district);
  const full = foldVietnamese(commune.district);
  const short = stripPrefix(full, DISTRICT_PREFIXES) ?? full;
  return key === full || key === short || stripPrefix(key, DISTRICT_PREFIXES) === short;
}

function namesMatch(unit: { name: string; fullName: string }, text: string, prefixes: string[]): boolean {
  const key = foldVietnamese(text);
  const name = foldVietnamese(unit.name);
  return key === name || key === foldVietnamese(unit.fullName) || stripPrefix(key, prefixes) === name;
}

/**
 * `undefined` when the text is not a number at all (so it is a name); null when it is a number too long to be a
 * code of this width. Accepts the forms spreadsheets produce: "1", "01", "1.0".
 */
function numericCode(text: string, width: number): string | null | undefined {
  const match = /^\s*(\d+)(?:\.0+)?\s*$/.exec(text);
  if (!match) return undefined;
  const digits = match[1].replace(/^0+(?=\d)/, '');
  return digits.length > width ? null : digits.padStart(width, '0');
}

function stripPrefix(key: string, prefixes: string[]): string | undefined {
  for (const prefix of prefixes) if (key.startsWith(prefix + ' ')) return key.slice(prefix.length + 1);
  return undefined;
}

/** Folded name (short and full) -> units. A text is looked up as it is and without a unit-type prefix. */
type NameIndex<T> = Map<string, T[]>;

function nameIndex<T extends { name: string; fullName: string }>(units: T[], extraKeys: (unit: T) => string[] = () => []): NameIndex<T> {
  const index: NameIndex<T> = new Map();
  for (const unit of units) {
    for (const key of new Set([foldVietnamese(unit.name), foldVietnamese(unit.fullName), ...extraKeys(unit)])) {
      const list = index.get(key);
      if (list) list.push(unit);
      else index.set(key, [unit]);
    }
  }
  return index;
}

function lookupName<T>(index: NameIndex<T>, key: string, prefixes: string[]): T[] {
  const stripped = stripPrefix(key, prefixes);
  return [...new Set([...(index.get(key) ?? []), ...(stripped ? (index.get(stripped) ?? []) : [])])];
}

// --- loading ----------------------------------------------------------------------------------------------------

interface Places {
  provinces: ProvinceUnit[];
  communes: CommuneUnit[];
  provinceByCode: Map<string, ProvinceUnit>;
  communeByCode: Map<string, CommuneUnit>;
  communesByProvince: Map<string, CommuneUnit[]>;
  legacyProvinces: LegacyProvince[];
  legacyCommunes: LegacyCommune[];
  legacyProvinceByCode: Map<string, LegacyProvince>;
  legacyCommuneByCode: Map<string, LegacyCommune>;
  aliasByCode: Map<string, CommuneCodeAlias>;
}

interface NameIndexes {
  provinceNames: NameIndex<ProvinceUnit>;
  communeNames: NameIndex<CommuneUnit>;
  legacyProvinceNames: NameIndex<LegacyProvince>;
  legacyCommuneNames: NameIndex<LegacyCommune>;
}

let loaded: Places | undefined;
let loadedNames: NameIndexes | undefined;
let checksum: string | undefined;

function places(): Places {
  return (loaded ??= loadPlaces());
}

/** Built on the first lookup by name: processes that only meet codes never pay for them. */
function names(): NameIndexes {
  if (loadedNames) return loadedNames;
  const { provinces, communes, legacyProvinces, legacyCommunes } = places();
  loadedNames = {
    provinceNames: nameIndex(provinces, (province) => [foldVietnamese(province.nameEn), ...(PROVINCE_NICKNAMES[province.code] ?? [])]),
    communeNames: nameIndex(communes),
    legacyProvinceNames: nameIndex(legacyProvinces, (province) => LEGACY_PROVINCE_NICKNAMES[province.code] ?? []),
    legacyCommuneNames: nameIndex(legacyCommunes),
  };
  return loadedNames;
}

function loadPlaces(): Places {
  const aliasByCode = new Map(COMMUNE_CODE_ALIASES.map((alias) => [alias.code, alias]));
  const current = (code: string) => aliasByCode.get(code)?.currentCode ?? code;
  const pad = (code: string, width: number, where: string) => {
    const padded = numericCode(code, width);
    if (!padded) throw new Error(`${where}: "${code}" is not a ${width}-digit code`);
    return padded;
  };

  const raw = readCurrentUnits();
  const unit = (entry: RawCurrentUnit) => ({
    code: entry.Code, name: entry.Name, nameEn: entry.NameEn, fullName: entry.FullName,
    unitType: entry.AdministrativeUnitShortName, latitude: null as number | null, longitude: null as number | null,
  });
  const provinces: ProvinceUnit[] = raw.map(unit).sort(byCode);
  const communes: CommuneUnit[] = raw.flatMap((province) => (province.Wards ?? []).map((ward) => ({ ...unit(ward), provinceCode: province.Code })));
  const provinceByCode = new Map(provinces.map((province) => [province.code, province]));
  const communeByCode = new Map(communes.map((commune) => [commune.code, commune]));

  readCsv<RawLocationRow>(UNIT_LOCATIONS_FILE, UNIT_LOCATION_COLUMNS).forEach((row, index) => {
    const where = `${UNIT_LOCATIONS_FILE} row ${index + 2}`;
    const province = provinceByCode.get(pad(row.provinceCode, 2, where));
    const commune = communeByCode.get(current(pad(row.wardCode, 5, where)));
    if (!province || !commune) throw new Error(`${where}: unit ${row.provinceCode}/${row.wardCode} is not a current unit`);
    province.latitude = Number(row.provinceLat);
    province.longitude = Number(row.provinceLon);
    commune.latitude = Number(row.wardLat);
    commune.longitude = Number(row.wardLon);
  });

  const legacyProvinceByCode = new Map<string, LegacyProvince>();
  const legacyCommuneByCode = new Map<string, LegacyCommune>();
  readCsv<RawLegacyRow>(LEGACY_MAPPING_FILE, LEGACY_MAPPING_COLUMNS).forEach((row, index) => {
    const where = `${LEGACY_MAPPING_FILE} row ${index + 2}`;
    const provinceCode = pad(row.provinceCode, 2, where);
    const successorProvince = pad(row.newProvinceCode, 2, where);
    if (!provinceByCode.has(successorProvince)) throw new Error(`${where}: new province ${row.newProvinceCode} is not a current province`);
    const province = legacyProvinceByCode.get(provinceCode);
    if (province && province.successorCode !== successorProvince) throw new Error(`${where}: old province ${provinceCode} has two successors`);
    if (!province) {
      const fullName = row.province;
      const name = stripUnitType(fullName, ['Thành phố', 'Tỉnh']);
      legacyProvinceByCode.set(provinceCode, { code: provinceCode, name, fullName, successorCode: successorProvince });
    }
    // A few island districts had no communes; they became đặc khu and are found by their current names.
    if (!row.wardCode) return;
    const code = pad(row.wardCode, 5, where);
    const successor = current(pad(row.newWardCode, 5, where));
    if (!communeByCode.has(successor)) throw new Error(`${where}: new commune ${row.newWardCode} is not a current commune`);
    const commune = legacyCommuneByCode.get(code);
    if (commune) {
      if (!commune.successorCodes.includes(successor)) commune.successorCodes.push(successor);
      return;
    }
    legacyCommuneByCode.set(code, {
      code,
      name: stripUnitType(row.ward, [row.wardType]),
      fullName: row.ward,
      unitType: row.wardType,
      districtCode: pad(row.districtCode, 3, where),
      district: row.district,
      provinceCode,
      province: row.province,
      split: row.isDividedWard === 'True',
      successorCodes: [successor],
    });
  });
  for (const commune of legacyCommuneByCode.values()) {
    const kept = commune.successorCodes.indexOf(commune.code);
    if (kept > 0) commune.successorCodes.unshift(...commune.successorCodes.splice(kept, 1));
    commune.split = commune.split || commune.successorCodes.length > 1;
  }

  const communesByProvince = new Map<string, CommuneUnit[]>();
  for (const commune of communes) {
    const list = communesByProvince.get(commune.provinceCode);
    if (list) list.push(commune);
    else communesByProvince.set(commune.provinceCode, [commune]);
  }
  const legacyProvinces = [...legacyProvinceByCode.values()].sort(byCode);
  const legacyCommunes = [...legacyCommuneByCode.values()].sort(byCode);
  for (const list of [provinces, communes, legacyProvinces, legacyCommunes, ...communesByProvince.values()]) {
    list.forEach((entry) => Object.freeze(entry));
    Object.freeze(list);
  }
  return {
    provinces, communes, provinceByCode, communeByCode, communesByProvince,
    legacyProvinces, legacyCommunes, legacyProvinceByCode, legacyCommuneByCode, aliasByCode,
  };
}

function stripUnitType(fullName: string, unitTypes: string[]): string {
  for (const unitType of unitTypes) if (unitType && fullName.startsWith(unitType + ' ')) return fullName.slice(unitType.length + 1);
  return fullName;
}

function byCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
