import { Check, Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CensusLinkMethod } from '../vocabulary';

@ObjectType({
  description:
    'A household\'s record in the agricultural census (Tổng điều tra nông thôn, nông nghiệp) of the statistics office ' +
    '(Cục Thống kê), linked to the registry household.',
})
@Entity({ tableName: 'census_record' })
@Check({ name: 'census_record_link_confidence_check', expression: 'link_confidence >= 0 and link_confidence <= 1' })
export class CensusRecord {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** One record per household: the census office links each of its records to at most one registry household. */
  @Unique()
  @Property({ type: 'string', length: 32 })
  householdId!: string;

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

  @Field(() => CensusLinkMethod, { description: 'How the record was matched to the registry household.' })
  @Enum({ items: () => CensusLinkMethod, nativeEnumName: 'census_link_method' })
  linkMethod!: CensusLinkMethod;

  @Field(() => Float, { description: 'Confidence of the match, from 0 to 1 (1 for a national ID match).' })
  @Property({ type: 'double' })
  linkConfidence!: number;

  /** Where the record came from ('demo', or the census file it was imported from). */
  @Property({ type: 'string', default: 'demo' })
  source: string = 'demo';

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  importedAt: Date = new Date();
}
