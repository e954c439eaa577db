import type { FilterQuery } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import {
  checkPageSize, ConnectionType, decodeCursor, type FilteredPage, findPageById, PageArgs, toPage, TotalCountResolver,
} from '../../../platform/graphql/pagination';
import { Listing } from '../entities/listing';
import { Order } from '../entities/order';
import { Household } from '../entities/references';
import { Shop } from '../entities/shop';
import type { MarketplaceLoaders, OrderPosition } from '../loaders';
import { ListingStatus, Platform } from '../vocabulary';
import { PeriodInput, SalesSummary, salesSummary } from './sales.resolver';

type Context = SubgraphContext<MarketplaceLoaders>;

@InputType({ description: 'All given conditions must hold.' })
export class ListingFilter {
  @Field(() => Platform, { nullable: true })
  platform?: Platform;

  @Field(() => Boolean, { nullable: true, description: 'Only farm inputs (true) or only produce (false).' })
  isFarmInput?: boolean;

  @Field(() => ID, { nullable: true, description: 'Listings of this seller household.' })
  householdId?: string;

  @Field(() => String, { nullable: true, description: 'Exact category, e.g. "Trái cây tươi".' })
  category?: string;

  @Field(() => ListingStatus, { nullable: true, description: 'Without it, all but REMOVED listings.' })
  status?: ListingStatus;
}

export const ListingConnection = ConnectionType(Listing, 'Listing');

export const OrderConnection = ConnectionType(Order, 'Order');

function toWhere(filter: ListingFilter | undefined): FilterQuery<Listing> {
  const where: Record<string, unknown> = { status: filter?.status ?? { $ne: ListingStatus.REMOVED } };
  if (filter?.platform) where.platform = filter.platform;
  if (filter?.isFarmInput != null) where.isFarmInput = filter.isFarmInput;
  if (filter?.householdId) where.householdId = filter.householdId;
  if (filter?.category) where.category = filter.category;
  return where as FilterQuery<Listing>;
}

/** An order cursor is its sort key: order time (ISO 8601) and id. */
function orderCursorKey(order: Order): string {
  return `${order.orderedAt.toISOString()}|${order.id}`;
}

function decodeOrderPosition(after: string | null | undefined): OrderPosition | null {
  const key = decodeCursor(after);
  if (key === undefined) return null;
  const separator = key.indexOf('|');
  const orderedAt = new Date(key.slice(0, separator));
  if (separator < 0 || Number.isNaN(orderedAt.getTime())) {
    throw new GraphQLError(`Invalid cursor "${after}": pass the endCursor of a previous page of orders.`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  }
  return { orderedAt, id: key.slice(separator + 1) };
}

export const ListingConnectionResolver = TotalCountResolver(
  ListingConnection,
  Listing,
  'Number of listings matching the filter (counted only when asked for).',
);

@Resolver(() => Listing)
export class ListingResolver {
  @Query(() => Listing, { nullable: true, description: 'A listing by its ID, e.g. "PM-104226-L1".' })
  listing(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<Listing | null> {
    return loaders.listing.load(id);
  }

  @Query(() => ListingConnection, { description: 'Listings on both marketplaces, filtered, in pages ordered by ID.' })
  listings(
    @Arg('filter', () => ListingFilter, { nullable: true }) filter: ListingFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em }: Context,
  ): Promise<FilteredPage<Listing>> {
    return findPageById(em, Listing, toWhere(filter), page);
  }

  @FieldResolver(() => Shop)
  async shop(@Root() listing: Listing, @Ctx() { loaders }: Context): Promise<Shop> {
    const shop = await loaders.shop.load(listing.shopId);
    // Listings are only written with their shop; a missing one means a broken database, not a user error.
    if (!shop) throw new GraphQLError(`The marketplace has no shop ${listing.shopId} for listing ${listing.id}.`);
    return shop;
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The seller household (the shop\'s owner); null while the shop is not yet linked to one.' })
  household(@Root() listing: Listing): Household | null {
    return listing.householdId ? { id: listing.householdId } : null;
  }

  @FieldResolver(() => SalesSummary, { description: 'Sales of this listing over the period (all time without one).' })
  sales(
    @Root() listing: Listing,
    @Arg('period', () => PeriodInput, { nullable: true }) period: PeriodInput | null | undefined,
  ): SalesSummary {
    return salesSummary('listing', listing.id, period);
  }

  @FieldResolver(() => OrderConnection, { description: 'Orders of this listing, all statuses, newest first (order time, then ID descending).' })
  async orders(
    @Root() listing: Listing,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() { loaders }: Context,
  ): Promise<InstanceType<typeof OrderConnection>> {
    checkPageSize(first);
    const rows = await loaders.ordersOfListing.with({ first, after: decodeOrderPosition(after) }).load(listing.id);
    return toPage(rows, first, orderCursorKey);
  }
}
