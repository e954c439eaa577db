import { currentAdministrativeUnits } from '../../subgraphs/registry/ingest/admin-units';

/**
 * The current provinces and communes as the generator needs them. Read from the registry's reference file until
 * `platform/places` (with coordinates) is on main; only this file changes then.
 */
export interface GeneratorCommune {
  code: string;
  name: string;
  fullName: string;
  /** "Xã", "Phường" or "Đặc khu". */
  unitType: string;
  provinceCode: string;
  latitude: number | null;
  longitude: number | null;
}

export interface GeneratorProvince {
  code: string;
  name: string;
  communes: GeneratorCommune[];
}

export function generatorPlaces(): GeneratorProvince[] {
  return currentAdministrativeUnits().map((province) => ({
    code: province.code,
    name: province.name,
    communes: province.communes.map((commune) => ({
      code: commune.code,
      name: commune.name,
      fullName: commune.fullName,
      unitType: commune.unitType,
      provinceCode: province.code,
      latitude: null,
      longitude: null,
    })),
  }));
}
