import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Listing } from '../entities/listing';
import { Commune, Household, Province } from '../entities/references';
import { Shop } from '../entities/shop';
import type { MarketplaceLoaders } from '../loaders';
import { ListingStatus, PLATFORM_LABELS } from '../vocabulary';
import { PeriodInput, SalesSummary, salesSummary } from './sales.resolver';

type Context = SubgraphContext<MarketplaceLoaders>;

@Resolver(() => Shop)
export class ShopResolver {
  @Query(() => Shop, { nullable: true, description: 'A shop by its ID, e.g. "PM-104226".' })
  shop(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<Shop | null> {
    return loaders.shop.load(id);
  }

  @FieldResolver(() => String, { description: 'Platform as the programme documents write it, e.g. "Postmart.vn (VNPost)".' })
  platformLabel(@Root() shop: Shop): string {
    return PLATFORM_LABELS[shop.platform];
  }

  @FieldResolver(() => Household, {
    nullable: true,
    description: 'The owner household; null while a shop that came from a marketplace feed is not yet linked to a registry household.',
  })
  household(@Root() shop: Shop): Household | null {
    return shop.householdId ? { id: shop.householdId } : null;
  }

  @FieldResolver(() => Province, { nullable: true, description: 'Province where the shop is registered (the owner household\'s).' })
  province(@Root() shop: Shop): Province {
    return { code: shop.provinceCode };
  }

  @FieldResolver(() => Commune, { nullable: true, description: 'Commune where the shop is registered (the owner household\'s).' })
  commune(@Root() shop: Shop): Commune {
    return { code: shop.communeCode };
  }

  @FieldResolver(() => [Listing], { description: 'The shop\'s listings by ID; without `status`, all but REMOVED ones.' })
  listings(
    @Root() shop: Shop,
    @Arg('status', () => ListingStatus, { nullable: true }) status: ListingStatus | null | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<Listing[]> {
    return loaders.listingsOfShop.with({ status: status ?? null }).load(shop.id);
  }

  @FieldResolver(() => SalesSummary, { description: 'Sales of all the shop\'s listings, removed ones included.' })
  sales(
    @Root() shop: Shop,
    @Arg('period', () => PeriodInput, { nullable: true }) period: PeriodInput | null | undefined,
  ): SalesSummary {
    return salesSummary('shop', shop.id, period);
  }
}
