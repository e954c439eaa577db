import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { CensusRecord } from '../entities/census-record';
import { Household } from '../entities/references';
import type { StatisticsLoaders } from '../loaders';

type Context = SubgraphContext<StatisticsLoaders>;

@Resolver(() => CensusRecord)
export class CensusRecordResolver {
  @Query(() => CensusRecord, { nullable: true, description: 'The latest census record linked to a household, if the census found it.' })
  censusRecord(@Arg('householdId', () => ID) householdId: string, @Ctx() { loaders }: Context): Promise<CensusRecord | null> {
    return loaders.censusOfHousehold.load(householdId);
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The registry household the record is linked to; null while in review or unlinked.' })
  household(@Root() record: CensusRecord): Household | null {
    return record.householdId ? { id: record.householdId } : null;
  }
}

@Resolver(() => Household)
export class HouseholdCensusResolver {
  @FieldResolver(() => CensusRecord, {
    nullable: true,
    description: 'The latest agricultural census record of the household; null when the census did not count it (cooperatives, say) or could not link it.',
  })
  census(@Root() household: Household, @Ctx() { loaders }: Context): Promise<CensusRecord | null> {
    return loaders.censusOfHousehold.load(household.id);
  }
}
