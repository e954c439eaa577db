import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot } from '../repo-root';

/*
 * The reference files in platform/places/reference/, read as they are published. The compiled build (dist/) has no
 * copy of them, so they are always found from the repository root.
 */

/** thanglequoc/vietnamese-provinces-database: the current units, provinces with nested communes ("Wards"). */
export const CURRENT_UNITS_FILE = 'current-2026/vn-units-2026-07-25.json';
/** tranngocminhhieu/vietnamadminunits: one row per (old commune, new commune) pair. */
export const LEGACY_MAPPING_FILE = 'legacy-to-2025/legacy-to-2025.csv';
/** tranngocminhhieu/vietnamadminunits: the new units with coordinates; codes written as unpadded integers. */
export const UNIT_LOCATIONS_FILE = 'legacy-to-2025/units-2025-with-location.csv';

export interface RawCurrentUnit {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  AdministrativeUnitShortName: string;
  ProvinceCode?: string;
  Wards?: RawCurrentUnit[];
}

export const LEGACY_MAPPING_COLUMNS = [
  'provinceCode', 'districtCode', 'districtType', 'wardCode', 'wardType', 'isDividedWard', 'province', 'district', 'ward', 'newProvinceCode', 'newWardCode',
] as const;
export const UNIT_LOCATION_COLUMNS = ['provinceCode', 'provinceLat', 'provinceLon', 'wardCode', 'wardLat', 'wardLon'] as const;

export type RawLegacyRow = {
  provinceCode: string;
  districtCode: string;
  districtType: string;
  wardCode: string;
  wardType: string;
  isDividedWard: string;
  province: string;
  district: string;
  ward: string;
  newProvinceCode: string;
  newWardCode: string;
};

export type RawLocationRow = {
  provinceCode: string;
  provinceLat: string;
  provinceLon: string;
  wardCode: string;
  wardLat: string;
  wardLon: string;
};

export function referencePath(file: string): string {
  const full = path.join(repoRoot(), 'platform', 'places', 'reference', file);
  if (!fs.existsSync(full)) throw new Error(`Place reference file ${full} is missing: it is part of the repository, restore it with git.`);
  return full;
}

export function readCurrentUnits(): RawCurrentUnit[] {
  return JSON.parse(fs.readFileSync(referencePath(CURRENT_UNITS_FILE), 'utf8')) as RawCurrentUnit[];
}

/**
 * Rows as objects with the named columns only (the mapping has 22; building them all costs more than reading the
 * file). These files quote nothing, so plain splitting does, 4x faster than csv-parse, which reads any that do.
 */
export function readCsv<T extends Record<string, string>>(file: string, wanted: readonly (keyof T & string)[]): T[] {
  const text = fs.readFileSync(referencePath(file), 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = text.includes('"')
    ? (parse(text, { skip_empty_lines: true }) as string[][])
    : text.split(/\r?\n/).filter((line) => line !== '').map((line) => line.split(','));
  const header = rows[0] ?? [];
  const positions = wanted.map((column) => {
    const position = header.indexOf(column);
    if (position < 0) throw new Error(`${file} has no column "${column}"`);
    return position;
  });
  return rows.slice(1).map((values) => {
    const row: Record<string, string> = {};
    wanted.forEach((column, index) => (row[column] = values[positions[index]] ?? ''));
    return row as T;
  });
}

/** A digest of every reference file, so that loaders can tell whether what they stored is still current. */
export function referenceChecksum(): string {
  const hash = crypto.createHash('sha256');
  for (const file of [CURRENT_UNITS_FILE, LEGACY_MAPPING_FILE, UNIT_LOCATIONS_FILE]) hash.update(fs.readFileSync(referencePath(file)));
  return hash.digest('hex');
}
