// TEMPORARY: stands in for the shared place resolver (`platform/places`, `resolveCommune`) until it lands on
// main; same call shape, but it knows only the current (2025) communes, not the old names and codes. Delete this
// file and import from platform/places when merging.
import { foldVietnamese } from '../../../platform/identity/normalise';
import { currentAdministrativeUnits } from '../../registry/ingest/admin-units';

export interface PlaceQuery {
  code?: string | null;
  name?: string | null;
  district?: string | null;
  province?: string | null;
}

export interface ResolvedUnit {
  code: string;
  name: string;
  provinceCode: string;
}

export interface ResolvedCommune {
  /** Current communes the place stands for: none if unknown, several if it was split (or the name is ambiguous). */
  units: ResolvedUnit[];
  via: 'code' | 'name';
  split: boolean;
}

interface Index {
  byCode: Map<string, ResolvedUnit>;
  byFoldedName: Map<string, ResolvedUnit[]>;
  provinceCodeByFoldedName: Map<string, string>;
}

let index: Index | undefined;

function buildIndex(): Index {
  const byCode = new Map<string, ResolvedUnit>();
  const byFoldedName = new Map<string, ResolvedUnit[]>();
  const provinceCodeByFoldedName = new Map<string, string>();
  for (const province of currentAdministrativeUnits()) {
    provinceCodeByFoldedName.set(foldVietnamese(province.name), province.code);
    provinceCodeByFoldedName.set(foldVietnamese(province.fullName), province.code);
    for (const commune of province.communes) {
      const unit = { code: commune.code, name: commune.name, provinceCode: province.code };
      byCode.set(commune.code, unit);
      for (const key of new Set([foldVietnamese(commune.name), foldVietnamese(commune.fullName)])) {
        byFoldedName.set(key, [...(byFoldedName.get(key) ?? []), unit]);
      }
    }
  }
  return { byCode, byFoldedName, provinceCodeByFoldedName };
}

/** A current commune by its 5-digit code, or by its name (with or without "Xã"/"Phường", diacritics optional) and province. */
export function resolveCommune(query: PlaceQuery): ResolvedCommune {
  index ??= buildIndex();
  const code = query.code?.trim();
  if (code) {
    const unit = index.byCode.get(code.padStart(5, '0'));
    return { units: unit ? [unit] : [], via: 'code', split: false };
  }
  const name = query.name ? foldVietnamese(query.name) : '';
  let units = index.byFoldedName.get(name) ?? [];
  const province = query.province?.trim();
  if (province) {
    const provinceCode = /^\d{1,2}$/.test(province)
      ? province.padStart(2, '0')
      : index.provinceCodeByFoldedName.get(foldVietnamese(province).replace(/^(tinh|thanh pho) /, ''));
    units = units.filter((unit) => unit.provinceCode === provinceCode);
  }
  return { units, via: 'name', split: false };
}
