import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Lot } from '../entities/lot';
import { Listing } from '../entities/references';
import { TraceCode } from '../entities/trace-code';
import type { TraceabilityLoaders } from '../loaders';
import { lotOf } from './lot.resolver';
import { canonicalDigitalLink } from '../ingest/epcis/identifiers';

type Context = SubgraphContext<TraceabilityLoaders>;

@Resolver(() => TraceCode)
export class TraceCodeResolver {
  @Query(() => TraceCode, {
    nullable: true,
    description: 'Public QR lookup (truy xuất nguồn gốc): the code scanned on a pack, with its lot, journey and producer.',
  })
  trace(
    @Arg('code', () => String, { description: 'What the QR carries: the hub\'s code, or a GS1 Digital Link URI (any resolver host).' }) code: string,
    @Ctx() { loaders }: Context,
  ): Promise<TraceCode | null> {
    const digitalLink = canonicalDigitalLink(code);
    return digitalLink ? loaders.traceCodeByDigitalLink.load(digitalLink) : loaders.traceCode.load(code);
  }

  @FieldResolver(() => Lot)
  lot(@Root() traceCode: TraceCode, @Ctx() { loaders }: Context): Promise<Lot> {
    return lotOf(loaders, traceCode.lotId, `Trace code ${traceCode.code}`);
  }

  @FieldResolver(() => Listing, { nullable: true, description: 'The listing whose packs carry it: its own, else its lot\'s once known.' })
  async listing(@Root() traceCode: TraceCode, @Ctx() { loaders }: Context): Promise<Listing | null> {
    const listingId = traceCode.listingId ?? (await lotOf(loaders, traceCode.lotId, `Trace code ${traceCode.code}`)).listingId;
    return listingId ? { id: listingId } : null;
  }
}
