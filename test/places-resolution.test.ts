import {
  COMMUNE_CODE_ALIASES,
  communesOfProvince,
  currentCommunes,
  currentProvinces,
  legacyCommune,
  legacyCommunes,
  legacyProvinces,
  resolveCommune,
  resolveProvince,
  type PlaceMatch,
} from '../platform/places';

/** "code fullName" of each unit, and how it was found: what an importer would log. */
function describe_(match: PlaceMatch<{ code: string; fullName: string }> | null) {
  return match && { via: match.via, split: match.split, units: match.units.map((unit) => `${unit.code} ${unit.fullName}`) };
}

describe('the current units', () => {
  it('are the 34 provinces and 3,321 communes of the reorganisation, each with coordinates', () => {
    expect(currentProvinces()).toHaveLength(34);
    expect(currentCommunes()).toHaveLength(3321);
    const withoutCoordinates = [...currentProvinces(), ...currentCommunes()].filter((unit) => unit.latitude == null || unit.longitude == null);
    expect(withoutCoordinates.map((unit) => unit.fullName)).toEqual([]);
    // Vietnam lies between about 8.5 and 23.4 N and 102 and 110 E; the Hoàng Sa and Trường Sa special zones lie further out to sea.
    const offshore = currentCommunes().filter((commune) => commune.longitude! > 110);
    expect(offshore.map((commune) => commune.name).sort()).toEqual(['Hoàng Sa', 'Trường Sa']);
    for (const unit of [...currentProvinces(), ...currentCommunes()]) {
      expect(unit.latitude).toBeGreaterThan(6);
      expect(unit.latitude).toBeLessThan(23.5);
    }
  });

  it('list each province\'s communes', () => {
    const langSon = communesOfProvince('20');
    expect(langSon.every((commune) => commune.provinceCode === '20')).toBe(true);
    expect(langSon.map((commune) => commune.name)).toContain('Chi Lăng');
    expect(currentProvinces().reduce((sum, province) => sum + communesOfProvince(province.code).length, 0)).toBe(3321);
  });

  it('are shared by every caller, so nobody can change them by accident', () => {
    expect(() => (currentProvinces()[0] as { name: string }).name = 'X').toThrow();
    expect(() => currentProvinces().sort()).toThrow();
  });
});

describe('resolveProvince', () => {
  it('reads a current code, padded or not', () => {
    expect(describe_(resolveProvince('20'))).toEqual({ via: 'code', split: false, units: ['20 Tỉnh Lạng Sơn'] });
    expect(describe_(resolveProvince('1'))).toEqual({ via: 'code', split: false, units: ['01 Thành phố Hà Nội'] });
    expect(describe_(resolveProvince('4.0'))).toEqual({ via: 'code', split: false, units: ['04 Tỉnh Cao Bằng'] });
  });

  it('maps an old code to the province it merged into', () => {
    expect(describe_(resolveProvince('27'))).toEqual({ via: 'legacy-code', split: false, units: ['24 Tỉnh Bắc Ninh'] });
    expect(describe_(resolveProvince('67'))).toEqual({ via: 'legacy-code', split: false, units: ['68 Tỉnh Lâm Đồng'] });
    expect(describe_(resolveProvince('93'))).toEqual({ via: 'legacy-code', split: false, units: ['92 Thành phố Cần Thơ'] });
  });

  it('maps every old province to a current one', () => {
    expect(legacyProvinces()).toHaveLength(63);
    for (const old of legacyProvinces()) {
      expect(resolveProvince(old.code)?.units[0].code).toBe(old.successorCode);
      expect(resolveProvince(old.fullName)?.units[0].code).toBe(old.successorCode);
    }
  });

  it('reads names with or without diacritics, case or unit type', () => {
    for (const text of ['Hà Nội', 'ha noi', 'HÀ NỘI', 'Thành phố Hà Nội', 'tp ha noi', 'TP. Hà Nội']) {
      expect(describe_(resolveProvince(text))).toEqual({ via: 'name', split: false, units: ['01 Thành phố Hà Nội'] });
    }
    expect(describe_(resolveProvince('dak lak'))).toEqual({ via: 'name', split: false, units: ['66 Tỉnh Đắk Lắk'] });
    expect(describe_(resolveProvince('TP.HCM'))).toEqual({ via: 'name', split: false, units: ['79 Thành phố Hồ Chí Minh'] });
  });

  it('maps old names to the province they merged into', () => {
    expect(describe_(resolveProvince('Bắc Giang'))).toEqual({ via: 'legacy-name', split: false, units: ['24 Tỉnh Bắc Ninh'] });
    expect(describe_(resolveProvince('tinh bac giang'))).toEqual({ via: 'legacy-name', split: false, units: ['24 Tỉnh Bắc Ninh'] });
    expect(describe_(resolveProvince('Bà Rịa - Vũng Tàu'))).toEqual({ via: 'legacy-name', split: false, units: ['79 Thành phố Hồ Chí Minh'] });
    expect(describe_(resolveProvince('Thừa Thiên Huế'))).toEqual({ via: 'legacy-name', split: false, units: ['46 Thành phố Huế'] });
  });

  it('answers null for what is not a province', () => {
    expect(resolveProvince('99')).toBeNull();
    expect(resolveProvince('123')).toBeNull();
    expect(resolveProvince('Atlantis')).toBeNull();
    expect(resolveProvince('  ')).toBeNull();
  });
});

describe('resolveCommune by code', () => {
  it('reads a current code, padded or not', () => {
    expect(describe_(resolveCommune({ code: '06463' }))).toEqual({ via: 'code', split: false, units: ['06463 Xã Chi Lăng'] });
    expect(describe_(resolveCommune({ code: '97' }))).toEqual({ via: 'code', split: false, units: ['00097 Phường Hồng Hà'] });
  });

  it('maps an old code to the commune it merged into', () => {
    expect(describe_(resolveCommune({ code: '00001' }))).toEqual({ via: 'legacy-code', split: false, units: ['00097 Phường Hồng Hà'] });
    expect(describe_(resolveCommune({ code: '1.0' }))).toEqual({ via: 'legacy-code', split: false, units: ['00097 Phường Hồng Hà'] });
  });

  it('gives every successor of a divided commune, the one that kept its code first', () => {
    expect(describe_(resolveCommune({ code: '00007' }))).toEqual({
      via: 'legacy-code', split: true, units: ['00025 Phường Giảng Võ', '00008 Phường Ngọc Hà'],
    });
    // Phường Ngọc Khánh (00025) was divided; the current Phường Giảng Võ kept its code, so it comes first.
    expect(legacyCommune('00025')!.successorCodes).toEqual(['00025', '00199', '00008']);
    const keptItsCode = legacyCommunes().filter((old) => old.split && old.successorCodes.includes(old.code));
    expect(keptItsCode.length).toBe(151);
    for (const old of keptItsCode) expect(old.successorCodes[0]).toBe(old.code);
  });

  it('maps every old commune, and every divided one to more than one', () => {
    expect(legacyCommunes()).toHaveLength(10035);
    for (const old of legacyCommunes()) {
      const match = resolveCommune({ code: old.code });
      expect(match).not.toBeNull();
      if (match!.via === 'code') expect(old.successorCodes).toContain(old.code);
      else if (match!.via === 'legacy-code') expect(match!.units.map((unit) => unit.code)).toEqual(old.successorCodes);
      expect(match!.split).toBe(match!.via === 'legacy-code' && old.successorCodes.length > 1);
    }
    expect(legacyCommunes().filter((old) => old.split)).toHaveLength(471);
  });

  it('reads the corrected codes', () => {
    expect(COMMUNE_CODE_ALIASES.map((alias) => alias.code)).toEqual(['06970', '23737']);
    expect(describe_(resolveCommune({ code: '06970' }))).toEqual({ via: 'alias', split: false, units: ['06978 Xã Ba Chẽ'] });
    expect(describe_(resolveCommune({ code: '23737' }))).toEqual({ via: 'alias', split: false, units: ['23938 Xã Ia Mơ'] });
  });

  it('reads 23737 as the old Ia Mơ Nông when the name says so', () => {
    expect(legacyCommune('23737')?.fullName).toBe('Xã Ia Mơ Nông');
    expect(describe_(resolveCommune({ code: '23737', name: 'Xã Ia Mơ Nông' }))).toEqual({ via: 'legacy-code', split: false, units: ['23734 Xã Ia Ly'] });
    expect(describe_(resolveCommune({ code: '23737', name: 'Ia Mơ' }))).toEqual({ via: 'alias', split: false, units: ['23938 Xã Ia Mơ'] });
  });

  it('falls back to the name when the code is unknown, and answers null without one', () => {
    expect(describe_(resolveCommune({ code: '99999', name: 'Xã Chi Lăng', province: 'Lạng Sơn' }))).toEqual({ via: 'name', split: false, units: ['06463 Xã Chi Lăng'] });
    expect(resolveCommune({ code: '99999' })).toBeNull();
    expect(resolveCommune({ code: '123456' })).toBeNull();
  });
});

describe('resolveCommune by name', () => {
  it('reads a current name, with the province to tell namesakes apart', () => {
    expect(resolveCommune({ name: 'Chi Lăng' })).toBeNull(); // there are several
    expect(describe_(resolveCommune({ name: 'xa chi lang', province: 'Lạng Sơn' }))).toEqual({ via: 'name', split: false, units: ['06463 Xã Chi Lăng'] });
    expect(describe_(resolveCommune({ name: 'Chi Lăng', province: '20' }))).toEqual({ via: 'name', split: false, units: ['06463 Xã Chi Lăng'] });
  });

  it('reads an old name, with its old district and province', () => {
    expect(describe_(resolveCommune({ name: 'Phường Phúc Xá' }))).toEqual({ via: 'legacy-name', split: false, units: ['00097 Phường Hồng Hà'] });
    // "Phường 1" existed in dozens of districts; the district and the old province say which.
    expect(resolveCommune({ name: 'Phường 1' })).toBeNull();
    expect(describe_(resolveCommune({ name: 'Phường 1', district: 'Quận 3', province: 'Hồ Chí Minh' }))).toEqual({
      via: 'legacy-name', split: false, units: ['27154 Phường Bàn Cờ'],
    });
    expect(describe_(resolveCommune({ name: 'Tân Sơn', district: 'Huyện Lục Ngạn', province: 'Bắc Giang' }))).toEqual({
      via: 'legacy-name', split: false, units: ['07531 Xã Tân Sơn'],
    });
  });

  it('takes the district by name with or without its type, or by code', () => {
    const old = legacyCommune('00007')!;
    expect(old.district).toBe('Quận Ba Đình');
    for (const district of ['Quận Ba Đình', 'quan ba dinh', 'Ba Đình', '001', '1']) {
      expect(resolveCommune({ name: old.fullName, district, province: old.province })?.units.map((unit) => unit.code)).toEqual(old.successorCodes);
    }
    expect(resolveCommune({ name: old.fullName, district: 'Quận Hoàn Kiếm', province: old.province })).toBeNull();
  });

  it('narrows by the old province, not only by the province it became part of', () => {
    // Hà Giang and Tuyên Quang became the new Tuyên Quang; each had a Xã Tân Tiến, which went different ways.
    expect(describe_(resolveCommune({ name: 'Xã Tân Tiến', province: 'Hà Giang' }))).toEqual({ via: 'legacy-name', split: false, units: ['01051 Xã Tân Tiến'] });
    expect(describe_(resolveCommune({ name: 'Xã Tân Tiến', province: '02' }))).toEqual({ via: 'legacy-name', split: false, units: ['01051 Xã Tân Tiến'] });
    expect(describe_(resolveCommune({ name: 'Xã Tân Tiến', province: 'Tuyên Quang', district: 'Huyện Yên Sơn' }))).toEqual({
      via: 'legacy-name', split: false, units: ['02470 Xã Tân Long'],
    });
    // Without a district or an old province the name is read as a current one first.
    expect(describe_(resolveCommune({ name: 'Xã Tân Tiến', province: 'Tuyên Quang' }))).toEqual({ via: 'name', split: false, units: ['01051 Xã Tân Tiến'] });
  });

  it('gives every successor of a divided commune found by its old name', () => {
    expect(describe_(resolveCommune({ name: 'Phường Cống Vị', district: 'Ba Đình', province: 'Hà Nội' }))).toEqual({
      via: 'legacy-name', split: true, units: ['00025 Phường Giảng Võ', '00008 Phường Ngọc Hà'],
    });
  });

  it('answers null for an unknown province or name', () => {
    expect(resolveCommune({ name: 'Chi Lăng', province: 'Atlantis' })).toBeNull();
    expect(resolveCommune({ name: 'Nowhere' })).toBeNull();
    expect(resolveCommune({})).toBeNull();
  });
});
