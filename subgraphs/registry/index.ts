import { indicatorReportReferenceResolver } from '../../platform/indicators/graphql';
import { INDICATOR_ITEM_ROLLUP_ENTITIES } from '../../platform/indicators/rollup-entities';
import { rebuildIndicatorItemRollups } from '../../platform/indicators/rollups';
import type { SubgraphDefinition } from '../../platform/subgraph';
import { Household, Training } from './entities/household';
import { InformationItem, InformationUpdate } from './entities/information-item';
import { CommuneCodeAlias, LegacyCommune, LegacyCommuneSuccessor, LegacyProvince, ReferenceDataVersion } from './entities/legacy-place';
import { Commune, Province } from './entities/place';
import { registryImporters } from './ingest';
import { createRegistryMatcher } from './linking';
import { loadPlaces } from './ingest/reference-data';
import { householdMatchRoute } from './linking/match-route';
import { createRegistryDirectory, householdsKnownRoute } from './linking/known-route';
import { createRegistryLoaders, type RegistryLoaders } from './loaders';
import { registryMigrations } from './migrations';
import { IndicatorReportResolver } from './resolvers/indicator-report.resolver';
import { InformationItemResolver } from './resolvers/information-item.resolver';
import { HouseholdConnectionResolver, HouseholdResolver } from './resolvers/household.resolver';
import { PlaceConnectionResolver, PlaceSearchResolver } from './resolvers/place-search.resolver';
import { CommuneResolver, LegacyCommuneResolver, LegacyProvinceResolver, ProvinceResolver } from './resolvers/place.resolver';

/** Households, their places and their programme status; owns `Household`, `Province` and `Commune`. */
export const registry: SubgraphDefinition<RegistryLoaders> = {
  name: 'registry',
  defaultPort: 4001,
  entities: [
    Household, Training, Province, Commune, InformationItem, InformationUpdate,
    LegacyProvince, LegacyCommune, LegacyCommuneSuccessor, CommuneCodeAlias, ReferenceDataVersion,
    ...INDICATOR_ITEM_ROLLUP_ENTITIES,
  ],
  migrations: registryMigrations,
  resolvers: [
    HouseholdResolver, HouseholdConnectionResolver, ProvinceResolver, CommuneResolver,
    LegacyProvinceResolver, LegacyCommuneResolver, PlaceSearchResolver, PlaceConnectionResolver, IndicatorReportResolver, InformationItemResolver,
  ],
  referenceResolvers: {
    Household: { __resolveReference: (ref: { id: string }, { loaders }) => loaders.household.load(ref.id) },
    Province: { __resolveReference: (ref: { code: string }, { loaders }) => loaders.province.load(ref.code) },
    Commune: { __resolveReference: (ref: { code: string }, { loaders }) => loaders.commune.load(ref.code) },
    IndicatorReport: indicatorReportReferenceResolver,
  },
  createLoaders: createRegistryLoaders,
  rebuildRollups: rebuildIndicatorItemRollups,
  loadReferenceData: async (em) => void (await loadPlaces(em)),
  // Service to service only: other subgraphs link their records to households through it (see linking/matcher.ts).
  routes: (database) => [householdMatchRoute(database), householdsKnownRoute(database)],
  importers: registryImporters,
  createHouseholdMatcher: createRegistryMatcher,
  createHouseholdDirectory: createRegistryDirectory,
};
