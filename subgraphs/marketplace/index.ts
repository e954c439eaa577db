import { indicatorReportReferenceResolver } from '../../platform/indicators/graphql';
import { keyOnlyReference } from '../../platform/graphql/entity-references';
import type { SubgraphDefinition } from '../../platform/subgraph';
import { INDICATOR_ITEM_ROLLUP_ENTITIES } from '../../platform/indicators/rollup-entities';
import { Listing } from './entities/listing';
import { Order } from './entities/order';
import { PullCursor } from './entities/pull-cursor';
import { ReceivedEvent } from './entities/received-event';
import { Commune, Household, IndicatorReport, Province } from './entities/references';
import { SalesRollup } from './entities/sales-rollup';
import { InputBuyerCalendar, InputBuyerCalendarCount, InputBuyerDay, SalesDestinationDay } from './entities/day-rollups';
import { OrderProvinceRollup, SalesProvinceDayRollup, SalesProvinceRollup } from './entities/province-rollups';
import { Shop } from './entities/shop';
import { rebuildMarketplaceRollups } from './ingest/rollups';
import { marketplaceWebhookRoutes } from './ingest/webhook';
import { marketplaceSecrets } from './ingest/credentials';
import { createMarketplaceLoaders, type MarketplaceLoaders } from './loaders';
import { marketplaceMigrations } from './migrations';
import { HouseholdResolver } from './resolvers/household.resolver';
import { ListingConnectionResolver, ListingResolver } from './resolvers/listing.resolver';
import { IndicatorReportResolver } from './resolvers/indicator-report.resolver';
import { OrderResolver } from './resolvers/order.resolver';
import { ProvinceNameResolver, ProvinceResolver } from './resolvers/place.resolver';
import { SalesSummaryResolver } from './resolvers/sales.resolver';
import { ShopLinkReviewResolver, ShopLinkReviewTotalCountResolver, ShopLinkSettlementResolver } from './resolvers/shop-link-review.resolver';
import { ShopListResolver, ShopTotalCountResolver } from './resolvers/shop-list.resolver';
import { ShopResolver } from './resolvers/shop.resolver';
import { ExportSalesResolver } from './resolvers/export-sales.resolver';

/** Shops, listings and orders of the postal marketplaces (Postmart.vn, Voso.vn); extends `Household` and `Province`. */
export const marketplace: SubgraphDefinition<MarketplaceLoaders> = {
  name: 'marketplace',
  defaultPort: 4003,
  entities: [Shop, Listing, Order, ReceivedEvent, PullCursor, SalesRollup, SalesProvinceRollup, OrderProvinceRollup, SalesProvinceDayRollup, InputBuyerDay, SalesDestinationDay, InputBuyerCalendar, InputBuyerCalendarCount, ...INDICATOR_ITEM_ROLLUP_ENTITIES],
  migrations: marketplaceMigrations,
  resolvers: [
    ShopResolver, ListingResolver, ListingConnectionResolver, OrderResolver, SalesSummaryResolver, HouseholdResolver, ProvinceResolver, ProvinceNameResolver,
    ShopLinkReviewResolver, ShopLinkReviewTotalCountResolver, ShopLinkSettlementResolver, IndicatorReportResolver,
    ShopListResolver, ShopTotalCountResolver, ExportSalesResolver,
  ],
  orphanedTypes: [Household, Province, Commune, IndicatorReport],
  referenceResolvers: {
    Shop: { __resolveReference: (ref: { id: string }, { loaders }) => loaders.shop.load(ref.id) },
    Listing: { __resolveReference: (ref: { id: string }, { loaders }) => loaders.listing.load(ref.id) },
    // The registry owns households and provinces; the marketplace only adds fields keyed by their ids.
    Household: keyOnlyReference('id'),
    Province: keyOnlyReference('code'),
    IndicatorReport: indicatorReportReferenceResolver,
  },
  createLoaders: createMarketplaceLoaders,
  // POST /ingest/marketplace/:platform, the platforms' signed event webhook; its shops are linked through the registry.
  routes: marketplaceWebhookRoutes,
  secrets: marketplaceSecrets,
  rebuildRollups: rebuildMarketplaceRollups,
};
