import fs from 'node:fs';
import path from 'node:path';

/** Vietnam's administrative units after the 1 July 2025 reorganisation (34 provinces, 3,321 communes). */
export interface AdministrativeUnit {
  code: string;
  name: string;
  nameEn: string;
  fullName: string;
  unitType: string;
}

export interface ProvinceUnit extends AdministrativeUnit {
  communes: CommuneUnit[];
}

export interface CommuneUnit extends AdministrativeUnit {
  provinceCode: string;
}

interface RawUnit {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  AdministrativeUnitShortName: string;
  ProvinceCode?: string;
  Wards?: RawUnit[];
}

export const ADMIN_UNITS_FILE = path.join(__dirname, 'reference', 'admin-units-2026', 'vn-units-2026-07-25.json');

let cached: ProvinceUnit[] | undefined;

/** Reads the reference file once per process. */
export function currentAdministrativeUnits(): ProvinceUnit[] {
  if (cached) return cached;
  const raw = JSON.parse(fs.readFileSync(resolveReferenceFile(), 'utf8')) as RawUnit[];
  cached = raw.map((province) => ({
    ...unit(province),
    communes: (province.Wards ?? []).map((ward) => ({ ...unit(ward), provinceCode: province.Code })),
  }));
  return cached;
}

function unit(raw: RawUnit): AdministrativeUnit {
  return { code: raw.Code, name: raw.Name, nameEn: raw.NameEn, fullName: raw.FullName, unitType: raw.AdministrativeUnitShortName };
}

/** The compiled build (dist/) has no copy of the JSON: fall back to the source tree. */
function resolveReferenceFile(): string {
  if (fs.existsSync(ADMIN_UNITS_FILE)) return ADMIN_UNITS_FILE;
  const fromSource = path.resolve(__dirname, '..', '..', '..', '..', 'subgraphs', 'registry', 'ingest', 'reference', 'admin-units-2026', 'vn-units-2026-07-25.json');
  if (fs.existsSync(fromSource)) return fromSource;
  throw new Error(`Administrative units reference file not found at ${ADMIN_UNITS_FILE}`);
}
