import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Lot } from '../entities/lot';
import { Listing } from '../entities/references';
import { TraceCode } from '../entities/trace-code';
import type { TraceabilityLoaders } from '../loaders';
import { lotOf } from './lot.resolver';

type Context = SubgraphContext<TraceabilityLoaders>;

@Resolver(() => TraceCode)
export class TraceCodeResolver {
  @Query(() => TraceCode, {
    nullable: true,
    description: 'Public QR lookup (truy xuất nguồn gốc): the code scanned on a pack, with its lot, journey and producer.',
  })
  trace(@Arg('code', () => String) code: string, @Ctx() { loaders }: Context): Promise<TraceCode | null> {
    return loaders.traceCode.load(code);
  }

  @FieldResolver(() => Lot)
  lot(@Root() traceCode: TraceCode, @Ctx() { loaders }: Context): Promise<Lot> {
    return lotOf(loaders, traceCode.lotId, `Trace code ${traceCode.code}`);
  }

  @FieldResolver(() => Listing, { nullable: true })
  listing(@Root() traceCode: TraceCode): Listing {
    return { id: traceCode.listingId };
  }
}
