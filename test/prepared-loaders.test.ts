import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { databaseTimeoutsFromEnv } from '../platform/database/timeouts';
import { entityByKey } from '../platform/loaders';
import { Province } from '../subgraphs/registry/entities/place';
import { subgraphByName } from '../subgraphs';
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
});
