import { openSubgraphDatabase } from '../platform/database/orm';
import { foldVietnamese } from '../platform/identity/normalise';
import {
  LEGACY_MAPPING_COLUMNS,
  LEGACY_MAPPING_FILE,
  readCsv,
  readCurrentUnits,
  UNIT_LOCATION_COLUMNS,
  UNIT_LOCATIONS_FILE,
  type RawLegacyRow,
  type RawLocationRow,
} from '../platform/places/reference-files';
import type { SubgraphDefinition } from '../platform/subgraph';
import { registry } from '../subgraphs/registry';
import { loadPlaces } from '../subgraphs/registry/ingest/reference-data';
import { countStatements, hub, post, query, withDatabase } from './support/hub';
import { as, closeKeyStore } from './support/access';

/*
 * Places over the gateway, checked against the reference files themselves (read raw here, not through
 * platform/places), as a user holding old data would use them.
 */

const mapping = readCsv<RawLegacyRow>(LEGACY_MAPPING_FILE, LEGACY_MAPPING_COLUMNS);
const locations = readCsv<RawLocationRow>(UNIT_LOCATIONS_FILE, UNIT_LOCATION_COLUMNS);
const currentUnits = readCurrentUnits();
const currentCommuneCodes = new Set(currentUnits.flatMap((province) => (province.Wards ?? []).map((ward) => ward.Code)));
/** Codes corrected since July 2025, as the README of the data lists them. */
const CORRECTED: Record<string, string> = { '06970': '06978', '23737': '23938' };

const pad = (code: string, width: number) => String(Math.trunc(Number(code))).padStart(width, '0');
const current = (code: string) => CORRECTED[code] ?? code;

interface CommuneAnswer { code: string; name: string }

afterAll(() => closeKeyStore());

/**
 * `commune(code:)` for many codes, in chunks of aliased fields; the registry's statements for each chunk. A chunk of
 * 1,000 aliases is past what anonymous callers may send (docs/limits.md): it goes with an admin key.
 */
async function communesByCode(codes: string[], chunkSize = 1000): Promise<{ answers: Map<string, CommuneAnswer | null>; statements: number[] }> {
  const answers = new Map<string, CommuneAnswer | null>();
  const statements: number[] = [];
  for (let start = 0; start < codes.length; start += chunkSize) {
    const chunk = codes.slice(start, start + chunkSize);
    const fields = chunk.map((code, index) => `c${index}: commune(code: ${JSON.stringify(code)}) { code name }`).join('\n');
    let data: Record<string, CommuneAnswer | null> = {};
    const counts = await countStatements(async () => {
      data = await query<Record<string, CommuneAnswer | null>>(`{ ${fields} }`, undefined, await as('admin'));
    });
    statements.push(counts.registry);
    chunk.forEach((code, index) => answers.set(code, data[`c${index}`]));
  }
  return { answers, statements };
}

describe('commune(code:) and province(code:) with old, new and corrected codes', () => {
  it('answers every old and new commune code of the mapping files without a statement', async () => {
    // Old code -> the current communes its rows name.
    const successors = new Map<string, Set<string>>();
    for (const row of mapping.filter((row) => row.wardCode)) {
      const old = pad(row.wardCode, 5);
      const set = successors.get(old) ?? new Set<string>();
      set.add(current(pad(row.newWardCode, 5)));
      successors.set(old, set);
    }
    const newCodes = new Set([...mapping.map((row) => row.newWardCode), ...locations.map((row) => row.wardCode)]);
    // New codes as the files write them ("97", "06970") and padded; old codes padded.
    const codes = [...new Set([...successors.keys(), ...newCodes, ...[...newCodes].map((code) => pad(code, 5))])];
    expect(successors.size).toBe(10035);
    expect(newCodes.size).toBeGreaterThan(3321); // both the files' spellings and the corrected Ba Chẽ

    const { answers, statements } = await communesByCode(codes);
    const unanswered = codes.filter((code) => !answers.get(code));
    expect(unanswered).toEqual([]);
    for (const [old, expected] of successors) {
      const answer = answers.get(old)!.code;
      if (CORRECTED[old]) expect(answer).toBe(CORRECTED[old]);
      else if (currentCommuneCodes.has(old)) expect(answer).toBe(old);
      else expect([...expected]).toContain(answer);
    }
    for (const code of newCodes) {
      expect(answers.get(code)!.code).toBe(current(pad(code, 5)));
      expect(currentCommuneCodes.has(answers.get(code)!.code)).toBe(true);
    }
    // Current units come from the places reference in memory: no statement, whatever the mix of codes.
    expect(statements.every((count) => count === 0)).toBe(true);
  });

  it('reads the corrected codes of Ba Chẽ and Ia Mơ', async () => {
    const data = await query<Record<string, CommuneAnswer & { province: { name: string } }>>(`{
      baChe: commune(code: "06970") { code name province { name } }
      iaMo: commune(code: "23737") { code name province { name } }
    }`);
    expect(data.baChe).toEqual({ code: '06978', name: 'Ba Chẽ', province: { name: 'Quảng Ninh' } });
    expect(data.iaMo).toEqual({ code: '23938', name: 'Ia Mơ', province: { name: 'Gia Lai' } });
  });

  it('gives all the successors of a divided commune, the first being the one commune(code:) answers', async () => {
    const rows = mapping.filter((row) => row.wardCode && pad(row.wardCode, 5) === '00007');
    expect(rows.length).toBeGreaterThan(1);
    const data = await query<{
      legacyCommune: { code: string; fullName: string; district: string; province: string; split: boolean; successors: { code: string }[] };
      commune: { code: string };
    }>(`{
      legacyCommune(code: "00007") { code fullName district province split successors { code } }
      commune(code: "00007") { code }
    }`);
    expect(data.legacyCommune).toMatchObject({ code: '00007', fullName: rows[0].ward, district: rows[0].district, province: rows[0].province, split: true });
    expect(data.legacyCommune.successors.map((s) => s.code).sort()).toEqual(rows.map((row) => pad(row.newWardCode, 5)).sort());
    expect(data.commune.code).toBe(data.legacyCommune.successors[0].code);
  });

  it('puts first the successor of a divided commune that kept its code', async () => {
    const data = await query<{ legacyCommune: { split: boolean; successors: { code: string }[] } }>(
      '{ legacyCommune(code: "00025") { split successors { code } } }',
    );
    expect(data.legacyCommune.split).toBe(true);
    expect(data.legacyCommune.successors[0].code).toBe('00025');
    expect(data.legacyCommune.successors.length).toBeGreaterThan(1);
  });

  it('keeps 23737 as the old Ia Mơ Nông in legacyCommune, which went to Ia Ly', async () => {
    const data = await query<{ legacyCommune: { fullName: string; successors: { name: string }[] } }>(
      '{ legacyCommune(code: "23737") { fullName successors { name } } }',
    );
    expect(data.legacyCommune).toEqual({ fullName: 'Xã Ia Mơ Nông', successors: [{ name: 'Ia Ly' }] });
  });

  it('answers every old province code with the province it merged into', async () => {
    const successor = new Map(mapping.map((row) => [pad(row.provinceCode, 2), pad(row.newProvinceCode, 2)]));
    expect(successor.size).toBe(63);
    const codes = [...successor.keys()];
    const data = await query<Record<string, { code: string }>>(`{ ${codes.map((code) => `p${code}: province(code: "${code}") { code }`).join(' ')} }`);
    for (const code of codes) expect(data[`p${code}`].code).toBe(successor.get(code));
    const bacGiang = await query<{ province: { code: string; name: string } }>('{ province(code: "27") { code name } }');
    expect(bacGiang.province).toEqual({ code: '24', name: 'Bắc Ninh' });
  });

  it('answers null for a code that never existed', async () => {
    const data = await query<Record<string, unknown>>('{ commune(code: "99999") { code } province(code: "99") { code } legacyCommune(code: "99999") { code } }');
    expect(data).toEqual({ commune: null, province: null, legacyCommune: null });
  });
});

describe('legacyCodes', () => {
  it('lists the old provinces merged into a province, with their names', async () => {
    const expected = [...new Map(mapping.filter((row) => pad(row.newProvinceCode, 2) === '24').map((row) => [pad(row.provinceCode, 2), row.province]))]
      .map(([code, fullName]) => ({ code, fullName }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const data = await query<{ province: { legacyCodes: { code: string; name: string; fullName: string; successor: { code: string } }[] } }>(
      '{ province(code: "24") { legacyCodes { code name fullName successor { code } } } }',
    );
    expect(data.province.legacyCodes.map(({ code, fullName }) => ({ code, fullName }))).toEqual(expected);
    expect(data.province.legacyCodes.map((unit) => unit.name)).toEqual(['Bắc Giang', 'Bắc Ninh']);
    expect(data.province.legacyCodes.every((unit) => unit.successor.code === '24')).toBe(true);
  });

  it('lists the old communes of a commune, with district, province and whether they were divided', async () => {
    const rows = mapping.filter((row) => row.wardCode && pad(row.newWardCode, 5) === '00097');
    const expected = rows
      .map((row) => ({ code: pad(row.wardCode, 5), fullName: row.ward, district: row.district, province: row.province, split: row.isDividedWard === 'True' }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const data = await query<{ commune: { legacyCodes: Record<string, unknown>[] } }>(
      '{ commune(code: "00097") { legacyCodes { code fullName district province split } } }',
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(data.commune.legacyCodes).toEqual(expected);
  });

  it('costs the same statements for Hà Nội\'s communes as for Lạng Sơn\'s, fewer', async () => {
    const ask = (code: string) => `{ province(code: "${code}") { legacyCodes { code } communes { code legacyCodes { code split ... on LegacyCommune { successors { code } } } } } }`;
    const counts: number[] = [];
    const sizes: number[] = [];
    for (const code of ['01', '20']) {
      let communes = 0;
      counts.push((await countStatements(async () => {
        const data = await query<{ province: { communes: { legacyCodes: unknown[] }[] } }>(ask(code));
        communes = data.province.communes.length;
        expect(data.province.communes.every((commune) => commune.legacyCodes.length > 0)).toBe(true);
      })).registry);
      sizes.push(communes);
    }
    expect(sizes[0]).toBeGreaterThan(sizes[1]);
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(5);
  });
});

describe('coordinates', () => {
  it('are given for all 34 provinces and 3,321 communes, as the reference file has them', async () => {
    const expected = new Map<string, [number, number]>();
    for (const row of locations) {
      expected.set(pad(row.provinceCode, 2), [Number(row.provinceLat), Number(row.provinceLon)]);
      expected.set(current(pad(row.wardCode, 5)), [Number(row.wardLat), Number(row.wardLon)]);
    }
    type Located = { code: string; latitude: number | null; longitude: number | null };
    const { provinces } = await query<{ provinces: (Located & { communes: Located[] })[] }>(
      '{ provinces { code latitude longitude communes { code latitude longitude } } }',
    );
    const places = provinces.flatMap((province) => [province, ...province.communes]);
    expect(provinces).toHaveLength(34);
    expect(places).toHaveLength(34 + 3321);
    for (const place of places) expect([place.code, place.latitude, place.longitude]).toEqual([place.code, ...expected.get(place.code)!]);
  });
});

type PlaceNode = { __typename: 'Province' | 'Commune'; code: string; name: string; fullName: string };
type PlacesPage = { places: { totalCount?: number; nodes: PlaceNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

async function searchPlaces(search: string, options: { first?: number; after?: string | null; kind?: string; provinceCode?: string; count?: boolean } = {}) {
  const { first = 20, after = null, kind, provinceCode, count = false } = options;
  return query<PlacesPage>(
    `query ($search: String!, $first: Int!, $after: String, $kind: PlaceKind, $provinceCode: String) {
      places(search: $search, first: $first, after: $after, kind: $kind, provinceCode: $provinceCode) {
        ${count ? 'totalCount' : ''} nodes { __typename code name fullName } pageInfo { hasNextPage endCursor } } }`,
    { search, first, after, kind, provinceCode },
  );
}

/** The rank the README promises: exact folded name, then prefix, then a word's prefix, then anywhere. */
function rankOf(place: PlaceNode, search: string): number {
  const q = foldVietnamese(search);
  const rank = (text: string) => {
    const folded = foldVietnamese(text);
    return folded === q ? 0 : folded.startsWith(q) ? 1 : ` ${folded}`.includes(` ${q}`) ? 2 : folded.includes(q) ? 3 : 4;
  };
  return Math.min(rank(place.name), rank(place.fullName));
}

describe('places(search:)', () => {
  it('folds diacritics, case and đ', async () => {
    for (const [search, name] of [['ha noi', 'Hà Nội'], ['HA NOI', 'Hà Nội'], ['dak lak', 'Đắk Lắk'], ['Đắk Lắk', 'Đắk Lắk'], ['tinh bac ninh', 'Bắc Ninh'], ['thanh pho ho chi minh', 'Hồ Chí Minh']]) {
      const { places }: PlacesPage = await searchPlaces(search, { first: 1 });
      expect([search, places.nodes[0]]).toEqual([search, expect.objectContaining({ __typename: 'Province', name })]);
    }
  });

  it('ranks the exact name first, then names starting with the search, then a word starting with it', async () => {
    const { places } = await searchPlaces('son la', { count: true });
    expect(places.nodes.map((place) => place.fullName)).toEqual(['Tỉnh Sơn La', 'Xã Sơn Lâm', 'Xã Sơn Lang', 'Xã Liên Sơn Lắk', 'Xã Phú Sơn Lâm Hà']);
    expect(places.totalCount).toBe(5);
  });

  it('orders every page of a long search by rank, provinces first on a tie, then name and code', async () => {
    const all: PlaceNode[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const { places }: PlacesPage = await searchPlaces('hoa', { first: 50, after, count: true });
      totalCount = places.totalCount!;
      all.push(...places.nodes);
      if (!places.pageInfo.hasNextPage) break;
      after = places.pageInfo.endCursor;
    }
    expect(all.length).toBe(totalCount);
    expect(new Set(all.map((place) => `${place.__typename}${place.code}`)).size).toBe(all.length);
    const ranks = all.map((place) => rankOf(place, 'hoa'));
    expect(ranks.every((rank) => rank < 4)).toBe(true);
    expect(new Set(ranks)).toEqual(new Set([1, 2, 3]));
    // Each next place sorts after the previous one: by rank, provinces first, folded name, code.
    const sortKey = (index: number) => [ranks[index], all[index].__typename === 'Province' ? 0 : 1, foldVietnamese(all[index].name), all[index].code];
    const compare = (a: (string | number)[], b: (string | number)[]) => a.findIndex((value, i) => value !== b[i]) < 0 ? 0 : (() => {
      const i = a.findIndex((value, j) => value !== b[j]);
      return a[i] < b[i] ? -1 : 1;
    })();
    for (let index = 1; index < all.length; index++) expect(compare(sortKey(index - 1), sortKey(index))).toBe(-1);
  });

  it('pages through a long result exactly once, the same as one big page', async () => {
    const { places: whole } = await searchPlaces('an', { first: 100, count: true });
    expect(whole.totalCount).toBeGreaterThan(100);
    const paged: string[] = [];
    let after: string | null = null;
    while (paged.length < 100) {
      const { places }: PlacesPage = await searchPlaces('an', { first: 30, after });
      paged.push(...places.nodes.map((place) => `${place.__typename}${place.code}`));
      after = places.pageInfo.endCursor;
    }
    expect(paged.slice(0, 100)).toEqual(whole.nodes.map((place) => `${place.__typename}${place.code}`));
  });

  it('filters by kind and by province, old codes included', async () => {
    const { places: communes } = await searchPlaces('chi lang', { kind: 'COMMUNE', first: 100 });
    expect(communes.nodes.length).toBeGreaterThan(1);
    expect(communes.nodes.every((place) => place.__typename === 'Commune')).toBe(true);
    const { places: inLangSon } = await searchPlaces('chi lang', { provinceCode: '20', first: 100 });
    expect(inLangSon.nodes.map((place) => place.code)).toEqual(['06463']);
    const { places: bacNinh } = await searchPlaces('bac ninh', { provinceCode: '27', kind: 'PROVINCE' });
    expect(bacNinh.nodes.map((place) => place.code)).toEqual(['24']);
  });

  it('costs one statement per page, and one more for totalCount', async () => {
    const withoutCount = await countStatements(() => searchPlaces('son', { first: 50 }));
    const withCount = await countStatements(() => searchPlaces('son', { first: 50, count: true }));
    expect(withoutCount.registry).toBe(1);
    expect(withCount.registry).toBe(2);
  });

  it('refuses a search with nothing to look for, an unknown province and a forged cursor', async () => {
    const empty = await post(hub().gatewayUrl, '{ places(search: " - ") { nodes { code } } }');
    expect(empty.errors?.[0].message).toMatch(/has no letters or digits/);
    const province = await post(hub().gatewayUrl, '{ places(search: "an", provinceCode: "99") { nodes { code } } }');
    expect(province.errors?.[0].message).toMatch(/"99" is not a province code/);
    const forged = Buffer.from('k:9|9|x|y').toString('base64url');
    const cursor = await post(hub().gatewayUrl, `{ places(search: "an", after: "${forged}") { nodes { code } } }`);
    expect(cursor.errors?.[0].message).toMatch(/Invalid cursor/);
  });
});

describe('loading the places at start', () => {
  it('skips unchanged reference data in one statement, and reloads it when it changed', async () => {
    const database = await openSubgraphDatabase(registry as SubgraphDefinition, hub().databaseUrl, { migrate: false });
    try {
      const before = database.statements.total;
      expect(await loadPlaces(database.orm.em.fork())).toEqual({ loaded: false });
      expect(database.statements.total - before).toBe(1);

      await withDatabase((client) => client.query(`UPDATE registry.reference_data_version SET checksum = 'older' WHERE name = 'places'`));
      await withDatabase((client) => client.query(`UPDATE registry.commune SET latitude = NULL, folded_name = '' WHERE code = '06463'`));
      expect(await loadPlaces(database.orm.em.fork())).toEqual({ loaded: true });
      const counts = await withDatabase(async (client) => (await client.query(`SELECT
        (SELECT count(*) FROM registry.province)::int AS provinces, (SELECT count(*) FROM registry.commune)::int AS communes,
        (SELECT count(*) FROM registry.legacy_province)::int AS legacy_provinces, (SELECT count(*) FROM registry.legacy_commune)::int AS legacy_communes,
        (SELECT count(*) FROM registry.legacy_commune_successor)::int AS successors, (SELECT count(*) FROM registry.commune_code_alias)::int AS aliases,
        (SELECT folded_name FROM registry.commune WHERE code = '06463') AS folded, (SELECT latitude FROM registry.commune WHERE code = '06463') AS latitude`)).rows[0]);
      const pairs = new Set(mapping.filter((row) => row.wardCode).map((row) => `${pad(row.wardCode, 5)}>${current(pad(row.newWardCode, 5))}`));
      expect(counts).toEqual({
        provinces: 34, communes: 3321, legacy_provinces: 63, legacy_communes: 10035, successors: pairs.size, aliases: 2,
        folded: 'chi lang', latitude: expect.any(Number),
      });
      expect(await loadPlaces(database.orm.em.fork())).toEqual({ loaded: false });
    } finally {
      await database.close();
    }
  });
});
