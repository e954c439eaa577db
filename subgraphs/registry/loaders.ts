import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { currentCommune, currentProvince } from '../../platform/places';
import { countByKey, entitiesByKey, entitiesThroughLink, entityByKey, firstRowsPerKey, LoaderFamily, rowsByKey } from '../../platform/loaders';
import { Commune, placeRow, Province } from './entities/place';
import { Household, Training } from './entities/household';
import { indicatorFiguresLoader } from '../../platform/indicators/batch';
import { registryIndicatorStatement } from './resolvers/indicator-report.resolver';
import { informationIndicatorStatement } from './information-items';
import { LegacyCommune, LegacyCommuneSuccessor, LegacyProvince } from './entities/legacy-place';

export function createRegistryLoaders(em: EntityManager) {
  return {
    /** Figures of indicators I.1, I.2, I.4 and III.1, III.2 (information items) for the reports of a tick, in one statement. */
    indicatorFigures: indicatorFiguresLoader(em, registryIndicatorStatement(em.config.get('schema')!), informationIndicatorStatement(em.config.get('schema')!)),
    household: entityByKey(em, Household, 'id'),
    province: currentPlace(Province, currentProvince),
    commune: currentPlace(Commune, currentCommune),
    communesOfProvince: entitiesByKey(em, Commune, 'provinceCode', { orderBy: { code: 'asc' } }),
    legacyProvince: entityByKey(em, LegacyProvince, 'code'),
    legacyCommune: entityByKey(em, LegacyCommune, 'code'),
    /** The old provinces merged into each current one. */
    legacyProvincesOf: entitiesByKey(em, LegacyProvince, 'successorCode', { orderBy: { code: 'asc' } }),
    /** The old communes (whole or in part) in each current commune. */
    legacyCommunesOf: entitiesThroughLink(em, LegacyCommune, {
      link: LegacyCommuneSuccessor, keyColumn: 'commune_code', targetColumn: 'legacy_code', targetKeyColumn: 'code', orderBy: ['target.code'],
    }),
    /** The current communes each old commune went to, the one `commune(code:)` gives first. */
    successorsOf: entitiesThroughLink(em, Commune, {
      link: LegacyCommuneSuccessor, keyColumn: 'legacy_code', targetColumn: 'commune_code', targetKeyColumn: 'code', orderBy: ['link.legacy_code', 'link.position'],
    }),
    trainings: entitiesByKey(em, Training, 'householdId', { orderBy: { completedOn: 'asc', id: 'asc' } }),
    /** How many members each cooperative has, for many cooperatives in one statement. */
    memberCount: countByKey(em, Household, 'cooperativeId'),
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

/** Rows of current units by code, folded once per process: the reference never changes while it runs. */
const placeRows = new Map<string, ReturnType<typeof placeRow>>();

/**
 * A current province or commune by code, made from the places reference every process holds in memory
 * (platform/places), the data its table is loaded from at each start (ingest/reference-data.ts): no statement,
 * where a household's commune and province cost one each.
 */
function currentPlace<T extends Province | Commune>(
  entity: new () => T,
  unitOf: (code: string) => { name: string; fullName: string } | undefined,
): DataLoader<string, T | null> {
  return new DataLoader(async (codes) =>
    codes.map((code) => {
      const key = `${entity.name}:${code}`;
      let row = placeRows.get(key);
      if (!row) {
        const unit = unitOf(code);
        if (!unit) return null;
        placeRows.set(key, (row = placeRow(unit)));
      }
      return Object.assign(new entity(), row);
    }),
  );
}
