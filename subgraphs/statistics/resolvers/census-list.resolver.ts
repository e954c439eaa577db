import type { FilterQuery } from '@mikro-orm/core';
import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { requires, type AccessRule } from '../../../platform/access/auth-checker';
import { communesOfWork } from '../../../platform/access/province-scope';
import { ConnectionType, type FilteredPage, findPageById, givenFilters, PageArgs, TotalCountResolver } from '../../../platform/graphql/pagination';
import { countByLinkStatus, LinkCountsType, type LinkCounts } from '../../../platform/linking/link-counts';
import { HouseholdLinkStatus } from '../../../platform/linking/stored-link';
import type { SubgraphContext } from '../../../platform/subgraph';
import { CensusRecord } from '../entities/census-record';
import { Household } from '../entities/references';
import type { StatisticsLoaders } from '../loaders';

type Context = SubgraphContext<StatisticsLoaders>;

/*
 * Census records by what an official knows of them: the census's own key, the link status (UNLINKED records
 * included, which no household shows), the round, the commune, the source; and how many are in each status.
 */

const CensusRecordConnection = ConnectionType(CensusRecord, 'CensusRecord');
export const CensusRecordTotalCountResolver = TotalCountResolver(CensusRecordConnection, CensusRecord, 'Records that match the filter.');

@ArgsType()
class CensusFilterArgs {
  @Field(() => Int, { nullable: true, description: 'Only this census round.' })
  censusYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Only records of this (current, five-digit) commune.' })
  communeCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only records of this source, e.g. "import:census" or "demo".' })
  source?: string | null;
}

@ArgsType()
class CensusRecordsArgs extends PageArgs {
  @Field(() => HouseholdLinkStatus, { nullable: true, description: 'Only records in this link status.' })
  linkStatus?: HouseholdLinkStatus | null;

  @Field(() => String, { nullable: true, description: 'The census\'s own household key (mã hộ điều tra).' })
  recordKey?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only this census round.' })
  censusYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Only records of this (current, five-digit) commune.' })
  communeCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only records of this source, e.g. "import:census" or "demo".' })
  source?: string | null;
}

const CensusLinkCounts = LinkCountsType('CensusLinkCounts', 'How many census records are linked, waiting for review, or unlinked.');

// An official's working list (the unlinked records included): behind the review scope, as the review list is.
@Authorized<AccessRule>(requires('links:review'))
@Resolver()
export class CensusListResolver {
  @Query(() => CensusRecordConnection, { description: 'Census records, in the order they were stored, filtered by key, link status, round, commune or source.' })
  async censusRecords(@Args(() => CensusRecordsArgs) args: CensusRecordsArgs, @Ctx() { em, viewer }: Context): Promise<FilteredPage<CensusRecord>> {
    const where: FilterQuery<CensusRecord> = givenFilters({
      censusYear: args.censusYear,
      communeCode: args.communeCode,
      source: args.source,
      linkStatus: args.linkStatus,
      recordKey: args.recordKey?.trim(),
    });
    // A provincial official sees the records of the province's communes only.
    const communes = communesOfWork(viewer);
    if (communes) where.$and = [{ communeCode: { $in: communes } }];
    return findPageById(em, CensusRecord, where, args, (key) => (/^\d{1,9}$/.test(key) ? Number(key) : undefined));
  }

  @Query(() => CensusLinkCounts, { description: 'How many census records are in each link status, in one statement.' })
  async censusLinkCounts(@Args(() => CensusFilterArgs) args: CensusFilterArgs, @Ctx() { em, viewer }: Context): Promise<LinkCounts> {
    const communes = communesOfWork(viewer);
    return countByLinkStatus(em, 'census_record', { census_year: args.censusYear, commune_code: args.communeCode, source: args.source }, communes && { column: 'commune_code', values: communes });
  }
}

@Resolver(() => Household)
export class HouseholdCensusRoundsResolver {
  @FieldResolver(() => [CensusRecord], { nullable: true, description: 'Every census round\'s record linked to the household, oldest first; null when the statistics subgraph cannot answer.' })
  censusRounds(@Root() household: Household, @Ctx() { loaders }: Context): Promise<CensusRecord[]> {
    return loaders.censusRoundsOfHousehold.load(household.id);
  }
}
