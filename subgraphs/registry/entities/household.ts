import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import {
  ConsentPurpose, HouseholdKind, HouseholdScale, PaymentAccountStatus, ProductGroup, TrainingTopic,
} from '../vocabulary';

@ObjectType({ description: 'A farming producer: household, business household, cooperative (HTX) or cooperative group.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'household' })
@Index({ properties: ['communeCode', 'id'] })
@Index({ properties: ['provinceCode', 'id'] })
@Index({ properties: ['kind', 'id'] })
@Index({ properties: ['productGroups'], type: 'gin' })
export class Household {
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

  @Field(() => [ConsentPurpose], { description: 'Purposes the household has consented to.' })
  @Property({ type: 'text[]' })
  consents!: ConsentPurpose[];

  @Field(() => String, { description: 'Date of registration (YYYY-MM-DD).' })
  @Property({ type: 'date' })
  registeredOn!: string;

  // Personal data (Personal Data Protection Law): stored, never exposed in the schema without access control.
  @Property({ type: 'string' })
  headName!: string;

  @Property({ type: 'string', nullable: true })
  phone?: string | null;

  @Property({ type: 'string', nullable: true })
  nationalId?: string | null;

  @Property({ type: 'string', nullable: true })
  streetAddress?: string | null;

  @Property({ type: 'string', default: 'demo' })
  source: string = 'demo';

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

@ObjectType({ description: 'A training the household attended (indicators I.1 digital skills, I.2 packing and delivery).' })
@Entity({ tableName: 'training' })
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
