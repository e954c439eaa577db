import { Check, Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Personal, type PersonalOwner } from '../../../platform/access/personal';
import { currentCommune } from '../../../platform/places';

/** Whose personal data a census record is: the province comes from the household's commune. */
const respondentOwner = (record: CensusRecord): PersonalOwner => ({
  householdId: record.householdId,
  provinceCode: record.communeCode ? (currentCommune(record.communeCode)?.provinceCode ?? null) : null,
});
import { Provenance } from '../../../platform/ingest/provenance';
import type { LinkCandidate } from '../../../platform/linking/types';
import { HouseholdLinkMethod, HouseholdLinkStatus } from '../../../platform/linking/stored-link';

/** A household the matcher found plausible for a record it could not link on its own (kept for the review list). */
export type StoredLinkCandidate = LinkCandidate;

@ObjectType({
  description:
    'A household\'s record in the agricultural census (Tổng điều tra nông thôn, nông nghiệp) of the statistics office ' +
    '(Cục Thống kê), linked to the registry household.',
})
@Entity({ tableName: 'census_record' })
@Check({ name: 'census_record_link_confidence_check', expression: 'link_confidence >= 0 and link_confidence <= 1' })
@Check({ name: 'census_record_linked_household_check', expression: "(link_status = 'LINKED') = (household_id is not null)" })
@Unique({ name: 'census_record_census_year_record_key_unique', properties: ['censusYear', 'recordKey'] })
// A household has at most one record per census round; records not linked have no household.
@Unique({ name: 'census_record_household_id_census_year_unique', properties: ['householdId', 'censusYear'] })
// The review list pages through REVIEW records by id.
@Index({ name: 'census_record_link_status_id_index', properties: ['linkStatus', 'id'] })
export class CensusRecord extends Provenance {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The census's own key of the household (mã hộ điều tra), unique within a census round: re-imports find the record by it. */
  @Property({ type: 'string', length: 64 })
  recordKey!: string;

  /** The registry household, when linked (LINKED); null while in review or unlinked. */
  @Property({ type: 'string', length: 32, nullable: true })
  householdId?: string | null;

  @Field(() => Int, { description: 'Year of the census round, e.g. 2025.' })
  @Property({ type: 'smallint' })
  censusYear!: number;

  @Field(() => Float, { description: 'Agricultural land the household uses, in hectares (diện tích đất nông nghiệp).' })
  @Property({ type: 'double' })
  landAreaHa!: number;

  @Field(() => [String], { description: 'Main crops, named as the indicator series name them (e.g. "Vải", "Lúa").' })
  @Property({ type: 'text[]' })
  mainCrops!: string[];

  @Field(() => Int, { description: 'Cattle, buffalo and pigs (gia súc), in heads.' })
  @Property({ type: 'integer' })
  livestockHeads!: number;

  @Field(() => Int, { description: 'Chickens, ducks and other poultry (gia cầm), in heads.' })
  @Property({ type: 'integer' })
  poultryHeads!: number;

  @Field(() => Int, { description: 'Household members working in agriculture (lao động nông nghiệp).' })
  @Property({ type: 'smallint' })
  labourers!: number;

  // Identity evidence the census collected, in the canonical forms of platform/identity, for linking. Personal
  // data: name and phone shown only under their @Personal rule (the review list shows them masked).

  /** The respondent's year of birth: weighed by the matcher, never published. */
  @Property({ type: 'smallint', nullable: true })
  respondentBirthYear?: number | null;

  /** The respondent (head of household) as `normalisePersonName()` writes it. */
  @Personal('contact', respondentOwner)
  @Field(() => String, { nullable: true, description: 'Personal data: the respondent\'s (head of household\'s) name.' })
  @Property({ type: 'string', length: 128, nullable: true })
  respondentName?: string | null;

  /** E.164, see `normalisePhone()`. */
  @Personal('contact', respondentOwner)
  @Field(() => String, { nullable: true, description: 'Personal data: the respondent\'s phone number (E.164).' })
  @Property({ type: 'string', length: 16, nullable: true })
  phone?: string | null;

  /** `nationalIdHash()` of the CCCD/CMND: the number itself is never stored here. */
  @Property({ type: 'string', length: 64, nullable: true })
  nationalIdHash?: string | null;

  /** Current (2025) five-digit commune code of the household. */
  @Property({ type: 'string', length: 5, nullable: true })
  communeCode?: string | null;

  @Field(() => HouseholdLinkStatus, { description: 'Whether the record is linked to a household, waiting for review, or unlinked.' })
  @Enum({ items: () => HouseholdLinkStatus, nativeEnumName: 'census_link_status' })
  linkStatus!: HouseholdLinkStatus;

  @Field(() => HouseholdLinkMethod, { nullable: true, description: 'How the record was matched to the registry household; null when no household matched.' })
  @Enum({ items: () => HouseholdLinkMethod, nativeEnumName: 'census_link_method', nullable: true })
  linkMethod?: HouseholdLinkMethod | null;

  @Field(() => Float, { description: 'Confidence of the match, from 0 to 1 (1 for a national ID match or an official\'s decision).' })
  @Property({ type: 'double' })
  linkConfidence!: number;

  /** For REVIEW records: the households the matcher found plausible, best first. */
  @Property({ type: 'json', nullable: true })
  linkCandidates?: StoredLinkCandidate[] | null;

  /** When an official settled the link (MANUAL); such a link is kept by later re-imports. */
  @Property({ type: 'datetime', nullable: true })
  linkSettledAt?: Date | null;
}
