import { keyOnlyReference } from '../../platform/graphql/entity-references';
import type { SubgraphDefinition } from '../../platform/subgraph';
import { CensusRecord } from './entities/census-record';
import { IndicatorObservation } from './entities/indicator-observation';
import { IndicatorTargetSetting } from './entities/indicator-target';
import { IndicatorReport } from './entities/references';
import { statisticsImporters } from './ingest';
import { createStatisticsLoaders, type StatisticsLoaders } from './loaders';
import { statisticsMigrations } from './migrations';
import { CensusLinkReviewResolver, CensusLinkReviewTotalCountResolver, CensusLinkSettlementResolver } from './resolvers/census-review.resolver';
import { CensusListResolver, CensusRecordTotalCountResolver, HouseholdCensusRoundsResolver } from './resolvers/census-list.resolver';
import { CensusRecordResolver, HouseholdCensusResolver } from './resolvers/census.resolver';
import { IndicatorTargetResolver } from './resolvers/indicator-target.resolver';
import { IndicatorObservationResolver, ProvinceStatisticsResolver } from './resolvers/indicator.resolver';

/** The statistics office's data: census records of households and indicator series per province, crop and year. */
export const statistics: SubgraphDefinition<StatisticsLoaders> = {
  name: 'statistics',
  defaultPort: 4002,
  entities: [CensusRecord, IndicatorObservation, IndicatorTargetSetting],
  migrations: statisticsMigrations,
  resolvers: [
    CensusRecordResolver,
    HouseholdCensusResolver,
    CensusListResolver,
    CensusRecordTotalCountResolver,
    HouseholdCensusRoundsResolver,
    CensusLinkReviewResolver,
    CensusLinkReviewTotalCountResolver,
    CensusLinkSettlementResolver,
    IndicatorObservationResolver,
    ProvinceStatisticsResolver,
    IndicatorTargetResolver,
  ],
  orphanedTypes: [IndicatorReport],
  // The fields this subgraph adds need only the key, so a reference is its own entity.
  referenceResolvers: {
    Household: keyOnlyReference('id'),
    Province: keyOnlyReference('code'),
    // The representation carries the rows `completion` requires.
    IndicatorReport: { __resolveReference: (reference: IndicatorReport) => reference },
  },
  createLoaders: createStatisticsLoaders,
  importers: statisticsImporters,
};
