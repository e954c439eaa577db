import { demoDataset } from '../demo/dataset';
import { currentCommunes, currentProvinces } from '../platform/places';
import { countStatements, hub, post } from './support/hub';

/**
 * The gateway resolves entities with one `_entities` request per subgraph and query level. Each subgraph
 * must answer it with a fixed number of SQL statements, however many representations it gets.
 */
interface EntityCase {
  subgraph: string;
  typename: string;
  selection: string;
  representations: (count: number) => Record<string, string>[];
  check: (entity: Record<string, unknown>, representation: Record<string, string>) => void;
}

const data = demoDataset();
const households = (n: number) => data.households.slice(0, n).map((h) => ({ __typename: 'Household', id: h.id }));
const listings = (n: number) => data.listings.slice(0, n).map((l) => ({ __typename: 'Listing', id: l.id }));
const provinces = (n: number) => currentProvinces().slice(0, n).map((p) => ({ __typename: 'Province', code: p.code }));

const cases: EntityCase[] = [
  {
    subgraph: 'registry', typename: 'Household', selection: 'id displayName', representations: households,
    check: (entity, ref) => expect(entity).toEqual({ id: ref.id, displayName: data.households.find((h) => h.id === ref.id)!.displayName }),
  },
  {
    subgraph: 'registry', typename: 'Province', selection: 'code name', representations: provinces,
    check: (entity, ref) => expect(entity.code).toBe(ref.code),
  },
  {
    subgraph: 'registry', typename: 'Commune', selection: 'code fullName',
    representations: (n) => currentCommunes().slice(0, n).map((c) => ({ __typename: 'Commune', code: c.code })),
    check: (entity, ref) => expect(entity.code).toBe(ref.code),
  },
  {
    subgraph: 'statistics', typename: 'Household', selection: 'census { landAreaHa }', representations: households,
    check: (entity, ref) => {
      const record = data.censusRecords.find((c) => c.householdId === ref.id);
      expect(entity.census).toEqual(record ? { landAreaHa: record.landAreaHa } : null);
    },
  },
  {
    subgraph: 'statistics', typename: 'Province', selection: 'indicators { crop year }', representations: provinces,
    check: (entity, ref) => expect((entity.indicators as unknown[]).length).toBe(data.indicators.filter((i) => i.provinceCode === ref.code).length),
  },
  {
    subgraph: 'marketplace', typename: 'Household', selection: 'shops { id }', representations: households,
    check: (entity, ref) => expect((entity.shops as { id: string }[]).map((s) => s.id).sort()).toEqual(data.shops.filter((s) => s.householdId === ref.id).map((s) => s.id).sort()),
  },
  {
    subgraph: 'marketplace', typename: 'Listing', selection: 'id title sales { orderCount }', representations: listings,
    check: (entity, ref) => expect(entity.title).toBe(data.listings.find((l) => l.id === ref.id)!.title),
  },
  {
    subgraph: 'marketplace', typename: 'Shop', selection: 'id platform',
    representations: (n) => data.shops.slice(0, n).map((s) => ({ __typename: 'Shop', id: s.id })),
    check: (entity, ref) => expect(entity.id).toBe(ref.id),
  },
  {
    subgraph: 'traceability', typename: 'Household', selection: 'certifications { certificateNumber } growingAreas { code }', representations: households,
    check: (entity, ref) => expect((entity.certifications as unknown[]).length).toBe(data.certifications.filter((c) => c.householdId === ref.id).length),
  },
  {
    subgraph: 'traceability', typename: 'Listing', selection: 'lots { lotNumber events { bizStep } } traceable', representations: listings,
    check: (entity, ref) => expect((entity.lots as unknown[]).length).toBe(data.lots.filter((l) => l.listingId === ref.id).length),
  },
];

async function resolveEntities(entityCase: EntityCase, representations: Record<string, string>[]) {
  const result = await post<{ _entities: Record<string, unknown>[] }>(
    hub().subgraphUrls[entityCase.subgraph],
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${entityCase.typename} { ${entityCase.selection} } } }`,
    { representations },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities;
}

describe.each(cases)('$subgraph resolves $typename references', (entityCase) => {
  it('returns every representation, in order, with a fixed number of statements', async () => {
    const few = entityCase.representations(1);
    const many = entityCase.representations(30);
    expect(many.length).toBeGreaterThan(few.length);

    let manyEntities: Record<string, unknown>[] = [];
    const fewStatements = await countStatements(() => resolveEntities(entityCase, few));
    const manyStatements = await countStatements(async () => {
      manyEntities = await resolveEntities(entityCase, many);
    });

    expect(manyEntities).toHaveLength(many.length);
    manyEntities.forEach((entity, index) => entityCase.check(entity, many[index]));
    expect(manyStatements[entityCase.subgraph]).toBe(fewStatements[entityCase.subgraph]);
  });
});
