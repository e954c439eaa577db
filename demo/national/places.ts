import { communesOfProvince, currentProvinces } from '../../platform/places';

/** The current provinces and communes as the generator needs them, from the shared place reference. */
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
  return currentProvinces().map((province) => ({
    code: province.code,
    name: province.name,
    communes: communesOfProvince(province.code).map((commune) => ({
      code: commune.code,
      name: commune.name,
      fullName: commune.fullName,
      unitType: commune.unitType,
      provinceCode: commune.provinceCode,
      latitude: commune.latitude,
      longitude: commune.longitude,
    })),
  }));
}
