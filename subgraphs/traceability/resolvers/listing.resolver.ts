import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Certification } from '../entities/certification';
import { Lot } from '../entities/lot';
import { Listing } from '../entities/references';
import type { TraceabilityLoaders } from '../loaders';

type Context = SubgraphContext<TraceabilityLoaders>;

/** What traceability adds to the marketplace's listings: lots, certificates, and whether they can be traced. */
@Resolver(() => Listing)
export class ListingTraceabilityResolver {
  @FieldResolver(() => [Lot], { nullable: true, description: 'Lots sold through the listing, newest harvest first.' })
  lots(@Root() listing: Listing, @Ctx() { loaders }: Context): Promise<Lot[]> {
    return loaders.lotsOfListing.load(listing.id);
  }

  @FieldResolver(() => [Certification], { nullable: true, description: 'Certificates that cover the listed product.' })
  async certifications(@Root() listing: Listing, @Ctx() { loaders }: Context): Promise<Certification[]> {
    return (await loaders.certificationsOfListing.load(listing.id)).map(({ certification }) => certification);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the product is traceable: at least one lot with at least one event (indicator II.5).',
  })
  async traceable(@Root() listing: Listing, @Ctx() { loaders }: Context): Promise<boolean> {
    return (await loaders.traceableListing.load(listing.id)) !== null;
  }
}
