import type { FilterQuery } from '@mikro-orm/core';
import { Args, ArgsType, Authorized, Ctx, Field, Query, Resolver } from 'type-graphql';
import { requires, type AccessRule } from '../../../platform/access/auth-checker';
import { provinceOfWork } from '../../../platform/access/province-scope';
import { ConnectionType, type FilteredPage, findPageById, givenFilters, PageArgs, TotalCountResolver } from '../../../platform/graphql/pagination';
import { countByLinkStatus, LinkCountsType, type LinkCounts } from '../../../platform/linking/link-counts';
import { HouseholdLinkStatus } from '../../../platform/linking/stored-link';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Shop } from '../entities/shop';
import type { MarketplaceLoaders } from '../loaders';
import { Platform } from '../vocabulary';

type Context = SubgraphContext<MarketplaceLoaders>;

/*
 * Shops by what an official knows of them: the platform and its own shop number, the link status (the UNLINKED
 * ones included, which no household shows), the commune; and how many are in each status.
 */

const ShopConnection = ConnectionType(Shop, 'Shop');
export const ShopTotalCountResolver = TotalCountResolver(ShopConnection, Shop, 'Shops that match the filter.');
const ShopLinkCounts = LinkCountsType('ShopLinkCounts', 'How many shops are linked to a registry household, waiting for review, or unlinked.');

@ArgsType()
class ShopFilterArgs {
  @Field(() => Platform, { nullable: true, description: 'Only shops of this platform.' })
  platform?: Platform | null;

  @Field(() => String, { nullable: true, description: 'Only shops of this (current, five-digit) commune.' })
  communeCode?: string | null;
}

@ArgsType()
class ShopsArgs extends PageArgs {
  @Field(() => Platform, { nullable: true, description: 'Only shops of this platform.' })
  platform?: Platform | null;

  @Field(() => String, { nullable: true, description: 'Only shops of this (current, five-digit) commune.' })
  communeCode?: string | null;

  @Field(() => HouseholdLinkStatus, { nullable: true, description: 'Only shops in this link status.' })
  linkStatus?: HouseholdLinkStatus | null;

  @Field(() => String, { nullable: true, description: 'The platform\'s own shop number (with `platform`).' })
  externalId?: string | null;
}

// An official's working list (the unlinked shops included): behind the review scope, as the review list is.
@Authorized<AccessRule>(requires('links:review'))
@Resolver()
export class ShopListResolver {
  @Query(() => ShopConnection, { description: 'Marketplace shops by id, filtered by platform, shop number, link status or commune.' })
  async shops(@Args(() => ShopsArgs) args: ShopsArgs, @Ctx() { em, viewer }: Context): Promise<FilteredPage<Shop>> {
    const where: FilterQuery<Shop> = givenFilters({
      platform: args.platform,
      communeCode: args.communeCode,
      linkStatus: args.linkStatus,
      externalId: args.externalId?.trim(),
      // A provincial official sees the province's shops only.
      provinceCode: provinceOfWork(viewer),
    });
    return findPageById(em, Shop, where, args, (key) => (key.length <= 32 ? key : undefined));
  }

  @Query(() => ShopLinkCounts, { description: 'How many shops are in each link status, in one statement.' })
  shopLinkCounts(@Args(() => ShopFilterArgs) args: ShopFilterArgs, @Ctx() { em, viewer }: Context): Promise<LinkCounts> {
    return countByLinkStatus(em, 'shop', { platform: args.platform, commune_code: args.communeCode, province_code: provinceOfWork(viewer) });
  }
}
