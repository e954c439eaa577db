import { indicatorReportReferenceResolver } from '../../platform/indicators/graphql';
import { keyOnlyReference } from '../../platform/graphql/entity-references';
import { INDICATOR_ITEM_ROLLUP_ENTITIES } from '../../platform/indicators/rollup-entities';
import { rebuildIndicatorItemRollups } from '../../platform/indicators/rollups';
import type { SubgraphDefinition } from '../../platform/subgraph';
import { Certification, CertificationListing } from './entities/certification';
import { EpcisCaptureJob } from './entities/capture-job';
import { CaptureSourceClaim } from './entities/capture-source-claim';
import { GrowingArea } from './entities/growing-area';
import { Location } from './entities/location';
import { Lot, TraceEvent } from './entities/lot';
import { TraceCode } from './entities/trace-code';
import { epcisCaptureRoutes } from './ingest/epcis/routes';
import { traceabilityImporters } from './ingest';
import { createTraceabilityLoaders, type TraceabilityLoaders } from './loaders';
import { traceabilityMigrations } from './migrations';
import { CertificationResolver } from './resolvers/certification.resolver';
import { GrowingAreaResolver } from './resolvers/growing-area.resolver';
import { HouseholdTraceabilityResolver } from './resolvers/household.resolver';
import { ListingTraceabilityResolver } from './resolvers/listing.resolver';
import { IndicatorReport } from './entities/references';
import { IndicatorReportResolver } from './resolvers/indicator-report.resolver';
import { LotResolver, TraceEventResolver } from './resolvers/lot.resolver';
import { TraceCodeResolver } from './resolvers/trace-code.resolver';
import { ExportReadyConnectionResolver, ExportReadyProducerResolver } from './resolvers/export-ready.resolver';
import { HarvestToDoorResolver, LotHoursResolver } from './resolvers/harvest-to-door.resolver';
import { OcopCoverageResolver } from './resolvers/ocop-coverage.resolver';

/**
 * Growing-area codes, certificates, lots with their EPCIS 2.0 events and the QR codes on packs; extends
 * `Household` and `Listing` and offers the public QR lookup.
 */
export const traceability: SubgraphDefinition<TraceabilityLoaders> = {
  name: 'traceability',
  defaultPort: 4004,
  entities: [GrowingArea, Certification, CertificationListing, Lot, TraceEvent, TraceCode, Location, EpcisCaptureJob, CaptureSourceClaim, ...INDICATOR_ITEM_ROLLUP_ENTITIES],
  migrations: traceabilityMigrations,
  resolvers: [
    TraceCodeResolver, LotResolver, TraceEventResolver, GrowingAreaResolver, CertificationResolver,
    HouseholdTraceabilityResolver, ListingTraceabilityResolver, IndicatorReportResolver,
    ExportReadyProducerResolver, ExportReadyConnectionResolver, HarvestToDoorResolver, LotHoursResolver, OcopCoverageResolver,
  ],
  orphanedTypes: [IndicatorReport],
  referenceResolvers: {
    // Only the key is needed: every field this subgraph adds is resolved from the id.
    Household: keyOnlyReference('id'),
    Listing: keyOnlyReference('id'),
    IndicatorReport: indicatorReportReferenceResolver,
  },
  createLoaders: createTraceabilityLoaders,
  rebuildRollups: rebuildIndicatorItemRollups,
  // EPCIS 2.0 capture (REST binding) on this subgraph's own port; the gateway serves GraphQL only.
  routes: (database) => epcisCaptureRoutes(database),
  importers: traceabilityImporters,
};
