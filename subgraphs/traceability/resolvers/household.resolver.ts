import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { calendarDateArgument } from '../../../platform/graphql/dates';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Certification } from '../entities/certification';
import { GrowingArea } from '../entities/growing-area';
import { Household } from '../entities/references';
import type { TraceabilityLoaders } from '../loaders';

type Context = SubgraphContext<TraceabilityLoaders>;

/** What traceability adds to the registry's households: their certificates and growing areas. */
@Resolver(() => Household)
export class HouseholdTraceabilityResolver {
  @FieldResolver(() => [Certification], {
    nullable: true,
    description: 'Certificates of the household (VietGAP, GlobalGAP, organic, HACCP, OCOP), by scheme then latest expiry.',
  })
  certifications(
    @Root() household: Household,
    @Arg('validOn', () => String, { nullable: true, description: 'Only certificates valid on this day (YYYY-MM-DD).' })
    validOn: string | null | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<Certification[]> {
    const filter = validOn ? { validOn: calendarDateArgument(validOn, 'validOn') } : {};
    return loaders.certificationsOfHousehold.with(filter).load(household.id);
  }

  @FieldResolver(() => [GrowingArea], { nullable: true, description: 'Growing areas (vùng trồng) with a code, registered by the household.' })
  growingAreas(@Root() household: Household, @Ctx() { loaders }: Context): Promise<GrowingArea[]> {
    return loaders.growingAreasOfHousehold.load(household.id);
  }
}
