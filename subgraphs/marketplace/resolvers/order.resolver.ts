import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, Float, ID, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Listing } from '../entities/listing';
import { Order } from '../entities/order';
import { Commune, Household, Province } from '../entities/references';
import { Shop } from '../entities/shop';
import type { MarketplaceLoaders } from '../loaders';
import { COUNTRY_NAMES } from '../vocabulary';

type Context = SubgraphContext<MarketplaceLoaders>;

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => Order, { nullable: true, description: 'An order by its ID, e.g. "OD-0000001".' })
  order(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<Order | null> {
    return loaders.order.load(id);
  }

  @FieldResolver(() => Listing)
  async listing(@Root() order: Order, @Ctx() { loaders }: Context): Promise<Listing> {
    return required(await loaders.listing.load(order.listingId), `listing ${order.listingId}`);
  }

  @FieldResolver(() => Shop)
  async shop(@Root() order: Order, @Ctx() { loaders }: Context): Promise<Shop> {
    return required(await loaders.shop.load(order.shopId), `shop ${order.shopId}`);
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The selling household; null while the shop is not yet linked to one.' })
  seller(@Root() order: Order): Household | null {
    return order.sellerHouseholdId ? { id: order.sellerHouseholdId } : null;
  }

  @FieldResolver(() => Province, { nullable: true, description: 'The selling household\'s province ("sales out of a province").' })
  sellerProvince(@Root() order: Order): Province {
    return { code: order.sellerProvinceCode };
  }

  @FieldResolver(() => String, { description: 'Name of the destination country, e.g. "Việt Nam", "Trung Quốc".' })
  destinationCountryName(@Root() order: Order): string {
    return COUNTRY_NAMES[order.destinationCountry] ?? order.destinationCountry;
  }

  @FieldResolver(() => Province, { nullable: true, description: 'Destination province; null for orders delivered abroad.' })
  destinationProvince(@Root() order: Order): Province | null {
    return order.destinationProvinceCode ? { code: order.destinationProvinceCode } : null;
  }

  @FieldResolver(() => Commune, { nullable: true, description: 'Destination commune; null for orders delivered abroad.' })
  destinationCommune(@Root() order: Order): Commune | null {
    return order.destinationCommuneCode ? { code: order.destinationCommuneCode } : null;
  }

  @FieldResolver(() => Household, {
    nullable: true,
    description: 'The buying farming household, for farm inputs ordered online by households (indicator III.4).',
  })
  buyerHousehold(@Root() order: Order): Household | null {
    return order.buyerHouseholdId ? { id: order.buyerHouseholdId } : null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Hours from order to delivery, to one decimal; null until delivered.' })
  deliveryHours(@Root() order: Order): number | null {
    if (!order.deliveredAt) return null;
    return Math.round((order.deliveredAt.getTime() - order.orderedAt.getTime()) / 360_000) / 10;
  }
}

/** Orders are only written with their listing and shop; a missing one means a broken database, not a user error. */
function required<T>(value: T | null, what: string): T {
  if (value === null) throw new GraphQLError(`The marketplace has no ${what}: its data is inconsistent.`);
  return value;
}
