import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Provenance } from '../../../platform/ingest/provenance';
import { Personal, type PersonalOwner } from '../../../platform/access/personal';
import {
  ConsentPurpose, HouseholdKind, HouseholdScale, PaymentAccountStatus, ProductGroup, TrainingTopic,
} from '../vocabulary';

/** Whose personal data a household row is: the rules of @Personal read its province and consents. */
const householdOwner = (household: Household): PersonalOwner => ({
  householdId: household.id,
  provinceCode: household.provinceCode,
  consents: household.consents,
});

@ObjectType({ description: 'A farming producer: household, business household, cooperative (HTX) or cooperative group.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'household' })
@Index({ properties: ['communeCode', 'id'] })
@Index({ properties: ['provinceCode', 'id'] })
@Index({ properties: ['kind', 'id'] })
@Index({ properties: ['productGroups'], type: 'gin' })
// Without fastupdate: a GIN pending list (filled by bulk imports) is scanned once per search key, which made a
// batch of name lookups take seconds instead of milliseconds.
@Index({ name: 'household_name_blocks_index', expression: 'create index "household_name_blocks_index" on "registry"."household" using gin ("name_blocks") with (fastupdate = off)' })
// The last number given in a commune, for the next household ID (IDs keep the commune they were first registered in).
@Index({ name: 'household_id_commune_prefix_index', expression: 'create index "household_id_commune_prefix_index" on "registry"."household" (left("id", 8), "id")' })
export class Household extends Provenance {
  @Field(() => ID, { description: 'The standard household ID that every subgraph uses, e.g. "HH-07582-00001".' })
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Field(() => HouseholdKind)
  @Enum({ items: () => HouseholdKind, nativeEnumName: 'household_kind' })
  kind!: HouseholdKind;

  @Field(() => String, { description: 'Public name: a cooperative or business name, or an anonymous label for a family household.' })
  @Property({ type: 'string' })
  displayName!: string;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  /** Denormalised from the commune so that province filters at national scale use an index. */
  @Property({ type: 'string', length: 2 })
  provinceCode!: string;

  @Field(() => HouseholdScale)
  @Enum({ items: () => HouseholdScale, nativeEnumName: 'household_scale' })
  scale!: HouseholdScale;

  @Field(() => [ProductGroup])
  @Property({ type: 'text[]' })
  productGroups!: ProductGroup[];

  @Index()
  @Property({ type: 'string', length: 32, nullable: true })
  cooperativeId?: string | null;

  @Field(() => PaymentAccountStatus, { description: 'E-payment account status (indicator I.4).' })
  @Enum({ items: () => PaymentAccountStatus, nativeEnumName: 'payment_account_status' })
  paymentAccount!: PaymentAccountStatus;

  @Field(() => String, { nullable: true, description: 'When the e-payment account was opened (YYYY-MM-DD); the registration date when the list gave none (see docs/indicators.md).' })
  @Property({ type: 'date', nullable: true })
  paymentAccountOpenedOn?: string | null;

  /** Kept by a database trigger from the row itself (migration 20261206120000; docs/indicators.md, A.2). */
  @Field(() => String, { nullable: true, description: 'When the household\'s record became a standardised digital record (YYYY-MM-DD; indicator A.2); null while it is not one.' })
  @Property({ type: 'date', nullable: true })
  recordStandardisedOn?: string | null;

  @Field(() => [ConsentPurpose], { description: 'Purposes the household has consented to.' })
  @Property({ type: 'text[]' })
  consents!: ConsentPurpose[];

  @Field(() => String, { description: 'Date of registration (YYYY-MM-DD).' })
  @Property({ type: 'date' })
  registeredOn!: string;

  // Personal data (Personal Data Protection Law): each field shown only under its @Personal rule, each read logged.
  @Personal('contact', householdOwner)
  @Field(() => String, { nullable: true, description: 'Personal data: the head of household\'s full name.' })
  @Property({ type: 'string' })
  headName!: string;

  /** E.164 (`normalisePhone`); indexed for linking other sources by phone. */
  @Personal('contact', householdOwner)
  @Field(() => String, { nullable: true, description: 'Personal data: the head\'s phone number (E.164).' })
  @Index()
  @Property({ type: 'string', nullable: true })
  phone?: string | null;

  /** The head's CCCD (12 digits) or old CMND (9 digits). Kept here only: other subgraphs see `nationalIdHash`. */
  @Personal('identity', householdOwner)
  @Field(() => String, { nullable: true, description: 'Personal data: the head\'s ID number (CCCD or CMND); officials and admins only.' })
  @Property({ type: 'string', nullable: true })
  nationalId?: string | null;

  /** `nationalIdHash(nationalId)`: how a re-imported row finds its household and other sources link to it. */
  @Property({ type: 'string', length: 43, nullable: true, unique: true })
  nationalIdHash?: string | null;

  /** Hash of the old CMND when the head has since been registered with a CCCD: older records still carry it. */
  @Index()
  @Property({ type: 'string', length: 43, nullable: true })
  previousNationalIdHash?: string | null;

  /** `nameBlockKeys(communeCode, headName)`: finds heads of a similar name in a commune through one index. */
  @Property({ type: 'text[]', nullable: true })
  nameBlocks?: string[] | null;

  @Personal('address', householdOwner)
  @Field(() => String, { nullable: true, description: 'Personal data: the street address (house number, street, hamlet).' })
  @Property({ type: 'string', nullable: true })
  streetAddress?: string | null;

  /** From the CCCD (or the list): the matcher weighs it against a census respondent's birth year. */
  @Property({ type: 'smallint', nullable: true })
  headBirthYear?: number | null;

  /** Other members (spouse and others) as the registry knows them: a record may name one instead of the head. */
  @Property({ type: 'json', nullable: true })
  members?: HouseholdMember[] | null;

  /** A cooperative's or business household's registration or tax code: identifies it, not its representative. */
  @Index()
  @Property({ type: 'string', length: 32, nullable: true })
  registrationCode?: string | null;
}

/** A member's relation to the head, as the household list gives it ("vợ", "con"...); absent for older data. */
export type HouseholdRelation = 'SPOUSE' | 'CHILD' | 'PARENT' | 'SIBLING' | 'GRANDCHILD' | 'OTHER';

export interface HouseholdMember {
  name: string;
  birthYear: number | null;
  relation?: HouseholdRelation | null;
}

@ObjectType({ description: 'A training the household attended (indicators I.1 digital skills, I.2 packing and delivery).' })
@Entity({ tableName: 'training' })
@Index({ name: 'training_topic_completed_on_index', properties: ['topic', 'completedOn', 'householdId'] })
export class Training {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 32 })
  householdId!: string;

  @Field(() => TrainingTopic)
  @Enum({ items: () => TrainingTopic, nativeEnumName: 'training_topic' })
  topic!: TrainingTopic;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  @Property({ type: 'date' })
  completedOn!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  organiser?: string | null;
}
