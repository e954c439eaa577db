import type { EntityManager } from '@mikro-orm/postgresql';
import { LoaderFamily, rowByKey, rowsByKey } from '../../platform/loaders';
import { Commune, Province } from './entities/place';
import { Household, Training } from './entities/household';

export function createRegistryLoaders(em: EntityManager) {
  return {
    household: rowByKey(
      (ids: readonly string[]) => em.find(Household, { id: { $in: [...ids] } }),
      (household) => household.id,
    ),
    province: rowByKey(
      (codes: readonly string[]) => em.find(Province, { code: { $in: [...codes] } }),
      (province) => province.code,
    ),
    commune: rowByKey(
      (codes: readonly string[]) => em.find(Commune, { code: { $in: [...codes] } }),
      (commune) => commune.code,
    ),
    communesOfProvince: rowsByKey(
      (codes: readonly string[]) => em.find(Commune, { provinceCode: { $in: [...codes] } }, { orderBy: { code: 'asc' } }),
      (commune) => commune.provinceCode,
    ),
    trainings: rowsByKey(
      (ids: readonly string[]) => em.find(Training, { householdId: { $in: [...ids] } }, { orderBy: { completedOn: 'asc', id: 'asc' } }),
      (training) => training.householdId,
    ),
    /**
     * The first page of members of many cooperatives in one statement: a window function numbers each
     * cooperative's members, and only `first + 1` per cooperative come back.
     */
    members: new LoaderFamily(({ first, after }: { first: number; after?: string }) =>
      rowsByKey(
        async (cooperativeIds: readonly string[]) => {
          const knex = em.getKnex();
          const ranked = knex('household')
            .withSchema(em.config.get('schema')!)
            .select('*', knex.raw('row_number() over (partition by cooperative_id order by id) as position'))
            .whereIn('cooperative_id', [...cooperativeIds])
            .modify((query) => {
              if (after) query.where('id', '>', after);
            });
          const rows = await knex.select('*').from(ranked.as('ranked')).where('position', '<=', first + 1).orderBy(['cooperative_id', 'id']);
          return rows.map((row: Record<string, unknown>) => em.map(Household, row));
        },
        (household) => household.cooperativeId!,
      ),
    ),
  };
}

export type RegistryLoaders = ReturnType<typeof createRegistryLoaders>;
