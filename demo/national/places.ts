import { currentCommunes, currentProvinces } from '../../platform/places';

/** The current provinces and communes as the generator needs them, from `platform/places`. */
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
  const communes = currentCommunes();
  return currentProvinces().map((province) => ({
    code: province.code,
    name: province.name,
    communes: communes.filter((commune) => commune.provinceCode === province.code),
  }));
}
