import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { GrowingArea } from '../entities/growing-area';
import { Commune } from '../entities/references';
import type { TraceabilityLoaders } from '../loaders';

type Context = SubgraphContext<TraceabilityLoaders>;

@Resolver(() => GrowingArea)
export class GrowingAreaResolver {
  @Query(() => GrowingArea, { nullable: true, description: 'A growing area by its code (mã số vùng trồng), e.g. "VN-BNLN-0001".' })
  growingArea(@Arg('code', () => String) code: string, @Ctx() { loaders }: Context): Promise<GrowingArea | null> {
    return loaders.growingAreaByCode.load(code);
  }

  @FieldResolver(() => Commune, { nullable: true })
  commune(@Root() area: GrowingArea): Commune {
    return { code: area.communeCode };
  }
}
