import type { EntityManager } from '@mikro-orm/postgresql';
import { entitiesByKey, entityByKey, firstRowsPerKey, LoaderFamily, rowsByKey } from '../../platform/loaders';
import { Commune, Province } from './entities/place';
import { Household, Training } from './entities/household';

export function createRegistryLoaders(em: EntityManager) {
  return {
    household: entityByKey(em, Household, 'id'),
    province: entityByKey(em, Province, 'code'),
    commune: entityByKey(em, Commune, 'code'),
    communesOfProvince: entitiesByKey(em, Commune, 'provinceCode', { orderBy: { code: 'asc' } }),
    trainings: entitiesByKey(em, Training, 'householdId', { orderBy: { completedOn: 'asc', id: 'asc' } }),
    /** The first page of members of many cooperatives in one statement. */
    members: new LoaderFamily(({ first, after }: { first: number; after?: string }) =>
      rowsByKey(
        (cooperativeIds: readonly string[]) =>
          firstRowsPerKey(em, Household, {
            keyColumn: 'cooperative_id',
            keys: cooperativeIds,
            orderBy: [{ column: 'id', order: 'asc' }],
            limit: first + 1,
            after: (query) => {
              if (after) query.where('id', '>', after);
            },
          }),
        (household) => household.cooperativeId!,
      ),
    ),
  };
}

export type RegistryLoaders = ReturnType<typeof createRegistryLoaders>;
