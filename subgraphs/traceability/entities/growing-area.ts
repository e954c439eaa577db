import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Personal, type PersonalOwner } from '../../../platform/access/personal';
import { currentCommune } from '../../../platform/places';

/** Whose farm plot this is: the province comes from the area's commune. */
const plotOwner = (area: GrowingArea): PersonalOwner => ({ householdId: area.householdId, provinceCode: currentCommune(area.communeCode)?.provinceCode ?? null });
import { Provenance } from '../../../platform/ingest/provenance';

@ObjectType({
  description:
    'A registered growing area (vùng trồng) and its code (mã số vùng trồng), which importing countries require ' +
    'before they accept fresh produce from it.',
})
@Entity({ tableName: 'growing_area' })
export class GrowingArea extends Provenance {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Field(() => String, { description: 'The growing-area code (mã số vùng trồng), e.g. "VN-BNLN-0001".' })
  @Unique()
  @Property({ type: 'string', length: 32 })
  code!: string;

  @Field(() => ID, { description: 'The household (or cooperative) that farms the area.' })
  @Index()
  @Property({ type: 'string', length: 32 })
  householdId!: string;

  @Field(() => String, { description: 'Five-digit code of the commune the area lies in.' })
  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Field(() => String, { description: 'The crop the code is issued for, e.g. "Vải".' })
  @Property({ type: 'string' })
  crop!: string;

  @Field(() => Float, { description: 'Area in hectares.' })
  @Property({ type: 'double' })
  areaHa!: number;

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 codes of the export markets the code is registered for.' })
  @Property({ type: 'text[]' })
  exportMarkets!: string[];

  @Field(() => String, { description: 'Date the code was issued (YYYY-MM-DD).' })
  @Property({ type: 'date' })
  issuedOn!: string;

  // Farm-plot location is personal data (Personal Data Protection Law): shown only under its @Personal rule. Code
  // lists published by the plant protection sub-departments carry none, hence nullable.
  @Personal('location', plotOwner)
  @Field(() => Float, { nullable: true, description: 'Personal data: latitude of the farm plot (WGS 84).' })
  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Personal('location', plotOwner)
  @Field(() => Float, { nullable: true, description: 'Personal data: longitude of the farm plot (WGS 84).' })
  @Property({ type: 'double', nullable: true })
  longitude?: number | null;
}
