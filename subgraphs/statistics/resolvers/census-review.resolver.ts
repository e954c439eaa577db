import type { FilterQuery } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { maskPersonName, phoneLastDigits } from '../../../platform/identity/mask';
import { checkPageSize, ConnectionType, decodeCursor, type FilteredPage, PageArgs, toPage, TotalCountResolver } from '../../../platform/graphql/pagination';
import { badUserInput, checkSettlements, MAX_SETTLEMENTS, refuseUnknownHouseholds } from '../../../platform/linking/settlements';
import type { SubgraphContext } from '../../../platform/subgraph';
import { requires, type AccessRule } from '../../../platform/access/auth-checker';
import { communesOfWork, refuseOutsideProvince } from '../../../platform/access/province-scope';
import type { Viewer } from '../../../platform/access/roles';
import { currentCommune } from '../../../platform/places';
import { CensusRecord } from '../entities/census-record';
import { Commune, Household } from '../entities/references';
import { censusContentHash } from '../ingest/content';
import type { StatisticsLoaders } from '../loaders';
import { reviewReasonOf, runnerUpMargin } from '../../../platform/linking/decision';
import { candidatesOf, HouseholdLinkStatus, LinkCandidateType, LinkReviewReason, settledLink, type LinkCandidateShape } from '../../../platform/linking/stored-link';

type Context = SubgraphContext<StatisticsLoaders>;

const CensusLinkCandidate = LinkCandidateType(Household, 'CensusLinkCandidate', 'A household the matcher found plausible for a census record it could not link on its own.');

@ObjectType({
  description:
    'A census record whose link to a registry household is uncertain, with the evidence an official needs to settle it, ' +
    'masked (personal data): its commune, the respondent\'s family name and initials, the last digits of the phone.',
})
export class CensusLinkReview {
  @Field(() => ID, { description: 'The census record\'s id: pass it as `recordId` to settleCensusLinks.' })
  id!: number;
}

const CensusLinkReviewConnection = ConnectionType(CensusLinkReview, 'CensusLinkReview');
export const CensusLinkReviewTotalCountResolver = TotalCountResolver(CensusLinkReviewConnection, CensusRecord, 'Records waiting for review that match the filter.');

@ArgsType()
class CensusLinkReviewArgs extends PageArgs {
  @Field(() => Int, { nullable: true, description: 'Only this census round.' })
  censusYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Only records of this (current, five-digit) commune.' })
  communeCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only records of this source, e.g. "import:census".' })
  source?: string | null;
}

@InputType({ description: 'An official\'s decision on one census record.' })
export class CensusLinkSettlement {
  @Field(() => ID)
  recordId!: string;

  @Field(() => ID, { nullable: true, description: 'The registry household the record belongs to; null when it belongs to none.' })
  householdId?: string | null;
}

// Arguments as a class, so that the schema lists them in this order (parameter decorators list them reversed).
@ArgsType()
class CensusLinkSettlementArgs {
  @Field(() => ID)
  recordId!: string;

  @Field(() => ID, { nullable: true, description: 'The registry household the record belongs to; null when it belongs to none.' })
  householdId?: string | null;
}

/** The review list reads census records: each field below is one of the record's, masked where it is personal. */
@Authorized<AccessRule>(requires('links:review'))
@Resolver(() => CensusLinkReview)
export class CensusLinkReviewResolver {
  @Query(() => CensusLinkReviewConnection, {
    description: 'Census records the matcher could not link with confidence, oldest first, for an official to settle with settleCensusLinks.',
  })
  async censusLinkReviews(@Args(() => CensusLinkReviewArgs) args: CensusLinkReviewArgs, @Ctx() { em, viewer }: Context): Promise<FilteredPage<CensusRecord>> {
    const first = checkPageSize(args.first);
    const after = decodeCursor(args.after);
    if (after !== undefined && !/^\d{1,9}$/.test(after)) throw badUserInput(`Invalid cursor "${args.after}": pass the endCursor of a previous page.`, 'after');
    const where: FilterQuery<CensusRecord> = {
      linkStatus: HouseholdLinkStatus.REVIEW,
      ...(args.censusYear != null ? { censusYear: args.censusYear } : {}),
      ...(args.communeCode != null ? { communeCode: args.communeCode } : {}),
      ...(args.source != null ? { source: args.source } : {}),
    };
    const communes = communesOfWork(viewer);
    if (communes) where.$and = [{ communeCode: { $in: communes } }];
    const rows = await em.find(CensusRecord, after ? { $and: [where, { id: { $gt: Number(after) } }] } : where, { orderBy: { id: 'asc' }, limit: first + 1 });
    return { ...toPage(rows, first, (row) => String(row.id)), filter: where };
  }

  @FieldResolver(() => CensusRecord, { description: 'The census record (land, crops, livestock, labour).' })
  record(@Root() record: CensusRecord): CensusRecord {
    return record;
  }

  @FieldResolver(() => String, { description: 'The census\'s own household key (mã hộ điều tra), to find the paper or electronic form.' })
  recordKey(@Root() record: CensusRecord): string {
    return record.recordKey;
  }

  @FieldResolver(() => Commune, { nullable: true, description: 'The commune the census recorded.' })
  commune(@Root() record: CensusRecord): Commune | null {
    return record.communeCode ? { code: record.communeCode } : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The respondent\'s family name and initials, e.g. "Nguyễn V. A.".' })
  respondentName(@Root() record: CensusRecord): string | null {
    return record.respondentName ? maskPersonName(record.respondentName) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The last three digits of the phone number the census recorded.' })
  phoneLastDigits(@Root() record: CensusRecord): string | null {
    return phoneLastDigits(record.phone);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the census recorded an ID number (compared as a keyed hash, never shown).' })
  hasNationalId(@Root() record: CensusRecord): boolean {
    return Boolean(record.nationalIdHash);
  }

  @FieldResolver(() => [CensusLinkCandidate], { description: 'Households the matcher found plausible, best first.' })
  candidates(@Root() record: CensusRecord): LinkCandidateShape<Household>[] {
    return candidatesOf(record.linkCandidates, (id) => ({ id }));
  }

  @FieldResolver(() => LinkReviewReason, { nullable: true, description: 'Why the matcher did not link it on its own; null for items found before the scoring model.' })
  reviewReason(@Root() record: CensusRecord): LinkReviewReason | null {
    return reviewReasonOf(record.linkCandidates);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'How many bits the best candidate leads the runner-up by (each bit halves the odds); null with one candidate.' })
  runnerUpMarginBits(@Root() record: CensusRecord): number | null {
    return runnerUpMargin(record.linkCandidates);
  }
}

@Authorized<AccessRule>(requires('links:settle'))
@Resolver()
export class CensusLinkSettlementResolver {
  @Mutation(() => [CensusRecord], {
    description:
      'Settles the links of census records, all or none: each record is linked to the household given (method MANUAL), or to none. ' +
      'A settled link is kept by later imports of the census file. A household can hold one record per census round: ' +
      'unlink its other record in the same request.',
  })
  settleCensusLinks(@Arg('settlements', () => [CensusLinkSettlement]) settlements: CensusLinkSettlement[], @Ctx() context: Context): Promise<CensusRecord[]> {
    return settle(context, settlements);
  }

  @Mutation(() => CensusRecord, { description: 'Settles the link of one census record: see settleCensusLinks.' })
  async settleCensusLink(@Args(() => CensusLinkSettlementArgs) settlement: CensusLinkSettlementArgs, @Ctx() context: Context): Promise<CensusRecord> {
    const [record] = await settle(context, [settlement]);
    return record;
  }
}

/**
 * A fixed number of statements whatever the number of settlements: one to read the records, one for the
 * households' current holders, then (in one transaction) one to release the records' households and one to
 * write the new links.
 */
async function settle({ em, viewer, householdDirectory }: Context, settlements: CensusLinkSettlement[]): Promise<CensusRecord[]> {
  if (settlements.length === 0) return [];
  if (settlements.length > MAX_SETTLEMENTS) throw badUserInput(`At most ${MAX_SETTLEMENTS} settlements per request, got ${settlements.length}.`);
  const ids = settlements.map((settlement) => {
    if (!/^\d{1,9}$/.test(settlement.recordId)) throw badUserInput(`"${settlement.recordId}" is not a census record id.`);
    return Number(settlement.recordId);
  });
  checkSettlements(settlements, ids, 'Census record');

  const records = await em.find(CensusRecord, { id: { $in: ids } });
  const byId = new Map(records.map((record) => [record.id, record]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) throw badUserInput(`No census record ${missing.join(', ')}.`);
  refuseOutsideProvince(viewer, records, (record) => (record.communeCode ? currentCommune(record.communeCode)?.provinceCode : null), (record) => `census record ${record.id}`);
  await refuseUnknownHouseholds(householdDirectory, settlements);

  // One household per census round, counting the holds this request releases.
  const wanted = new Map<string, number>();
  settlements.forEach((settlement, index) => {
    if (settlement.householdId == null) return;
    const key = `${byId.get(ids[index])!.censusYear}|${settlement.householdId}`;
    const other = wanted.get(key);
    if (other !== undefined) throw badUserInput(`Census records ${other} and ${ids[index]} are both settled to household ${settlement.householdId} for the same census round.`);
    wanted.set(key, ids[index]);
  });
  if (wanted.size) {
    const holders = await em.find(CensusRecord, {
      $or: [...wanted.keys()].map((key) => ({ censusYear: Number(key.split('|')[0]), householdId: key.slice(key.indexOf('|') + 1) })),
    });
    for (const holder of holders) {
      if (byId.has(holder.id)) continue;
      throw badUserInput(
        `Household ${holder.householdId} is already linked to census record ${holder.id} (mã hộ ${holder.recordKey}, ${holder.censusYear}); settle that record to another household or to none in the same request.`,
      );
    }
  }

  const settledAt = new Date();
  const rows = settlements.map((settlement, index) => {
    const record = byId.get(ids[index])!;
    const link = settledLink(settlement.householdId ?? null, settledAt, record.linkCandidates ?? null);
    return { id: record.id, ...link, contentHash: censusContentHash({ ...record, ...link }) };
  });
  await em.transactional(async (tx) => {
    const knex = tx.getTransactionContext<Knex.Transaction>()!;
    const schema = tx.config.get('schema')!;
    const table = `${schema}.census_record`;
    // Release first, so that households can move between the records of one request.
    await knex(table).whereIn('id', ids).update({ household_id: null, link_status: HouseholdLinkStatus.UNLINKED });
    const values = rows.map(() => `(?::integer, ?::varchar, ?::"${schema}".census_link_status, ?::varchar)`).join(', ');
    await knex.raw(
      `update ?? as record set household_id = settled.household_id, link_status = settled.link_status, link_method = 'MANUAL', ` +
        `link_confidence = 1, link_settled_at = ?, content_hash = settled.content_hash ` +
        `from (values ${values}) as settled(id, household_id, link_status, content_hash) where record.id = settled.id`,
      [table, settledAt, ...rows.flatMap((row) => [row.id, row.householdId, row.linkStatus, row.contentHash])],
    );
  });
  const updated = await em.fork().find(CensusRecord, { id: { $in: ids } });
  const updatedById = new Map(updated.map((record) => [record.id, record]));
  return ids.map((id) => updatedById.get(id)!);
}
