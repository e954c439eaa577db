import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { databaseTimeoutsFromEnv } from '../platform/database/timeouts';
import { entitiesWithKeys, entityByKey, entityByKeyWithParent } from '../platform/loaders';
import { Commune, Province } from '../subgraphs/registry/entities/place';
import { Household } from '../subgraphs/registry/entities/household';
import type { FilterQuery } from '@mikro-orm/core';
import { HouseholdKind, ProductGroup } from '../subgraphs/registry/vocabulary';
import { SUBGRAPHS, subgraphByName } from '../subgraphs';
import { selectEntities } from '../platform/database/plain-select';
import { hub } from './support/hub';

// The loaders' reads by key bind the keys as one array in a named prepared statement (platform/database/prepared.ts).
describe('lookups by key as prepared statements', () => {
  let database: SubgraphDatabase;

  beforeAll(async () => {
    database = await openSubgraphDatabase(subgraphByName('registry'), hub().databaseUrl, { migrate: false, timeouts: databaseTimeoutsFromEnv() });
  });

  afterAll(async () => {
    await database.close();
  });

  it('finds every key of a batch larger than PostgreSQL\'s 65,535 parameters in one statement, odd keys included', async () => {
    const odd = ['a,b', 'say "hi"', '{20}', "O'Brien", 'back\\slash', 'NULL', ''];
    const padding = Array.from({ length: 70_000 }, (_, i) => `missing-${i}`);
    const keys = ['20', ...odd, ...padding, '01'];
    const before = database.statements.total;
    const loader = entityByKey(database.orm.em.fork(), Province, 'code');
    const found = await loader.loadMany(keys);
    expect(database.statements.total - before).toBe(1);
    expect((found[0] as Province).code).toBe('20');
    expect((found[found.length - 1] as Province).code).toBe('01');
    expect(found.slice(1, -1).every((value) => value === null)).toBe(true);
  });

  it('gives the same answers through the same statement whatever the batch size', async () => {
    for (const keys of [['20'], ['01', '20'], ['01', '20', '79', '99']]) {
      const loader = entityByKey(database.orm.em.fork(), Province, 'code');
      const found = await loader.loadMany(keys);
      expect(found.map((province) => (province as Province | null)?.code ?? null)).toEqual(keys.map((key) => (key === '99' ? null : key)));
    }
  });

  it('reads a row with the row it points at in one statement, and the second is then found with none', async () => {
    const em = database.orm.em.fork();
    const provinces = entityByKey(em, Province, 'code');
    const communes = entityByKeyWithParent(em, Commune, 'code', { parent: Province, foreignKey: 'provinceCode', parentKey: 'code', into: provinces });
    const before = database.statements.total;
    const [lucNgan, unknown] = await communes.loadMany(['07582', '99999']);
    expect(database.statements.total - before).toBe(1);
    expect(unknown).toBeNull();
    const province = await provinces.load((lucNgan as Commune).provinceCode);
    expect(database.statements.total - before).toBe(1);
    const fresh = await entityByKey(database.orm.em.fork(), Province, 'code').load((lucNgan as Commune).provinceCode);
    expect({ code: province?.code, name: province?.name }).toEqual({ code: fresh?.code, name: fresh?.name });
  });

  it('applies plain conditions as em.find does, in one statement', async () => {
    const provinces = ['24', '66'];
    const wheres = [{ kind: HouseholdKind.COOPERATIVE }, { kind: { $ne: HouseholdKind.COOPERATIVE } }, { productGroups: { $overlap: [ProductGroup.FRUIT] } }];
    for (const where of wheres as FilterQuery<Household>[]) {
      const em = database.orm.em.fork();
      const before = database.statements.total;
      const found = await entitiesWithKeys(em, Household, 'provinceCode', provinces, { where, orderBy: { id: 'asc' } });
      expect(database.statements.total - before).toBe(1);
      const expected = await database.orm.em.fork().find(Household, { $and: [{ provinceCode: { $in: provinces } }, where] }, { orderBy: { id: 'asc' } });
      expect(found.length).toBeGreaterThan(0);
      expect(found.map((household) => household.id)).toEqual(expected.map((household) => household.id));
    }
  });

  // Loaders and pages read rows as entities that MikroORM does not manage (readEntity): they must still be the
  // entities em.find gives, value for value (dates, decimals, arrays, JSON), or answers would change.
  it('reads every entity of every subgraph with the class and values em.find gives', async () => {
    let compared = 0;
    for (const subgraph of SUBGRAPHS) {
      const own = await openSubgraphDatabase(subgraph, hub().databaseUrl, { migrate: false, timeouts: databaseTimeoutsFromEnv() });
      try {
        for (const entity of subgraph.entities) {
          const meta = own.orm.em.getMetadata(entity);
          if (meta.virtual || meta.embeddable) continue;
          const orderBy = Object.fromEntries(meta.primaryKeys.map((key) => [key, 'asc' as const]));
          const managed = await own.orm.em.fork().find(entity, {}, { orderBy, limit: 40 });
          const read = await selectEntities(own.orm.em.fork(), entity, {
            conditions: { clauses: [], values: [] },
            order: meta.primaryKeys.map((key) => ({ column: meta.properties[key].fieldNames[0], order: 'asc' as const })),
            limit: 40,
          });
          const values = (row: object) => Object.fromEntries(Object.keys(meta.properties).map((name) => [name, (row as Record<string, unknown>)[name]]));
          expect({ entity: meta.className, rows: read.map(values) }).toEqual({ entity: meta.className, rows: managed.map(values) });
          expect(read.every((row) => row instanceof entity)).toBe(true);
          compared += read.length;
        }
      } finally {
        await own.close();
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
