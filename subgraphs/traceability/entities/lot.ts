import { Entity, Enum, Index, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Provenance } from '../../../platform/ingest/provenance';
import { EpcisAction, EpcisEventType, HouseholdLink } from '../vocabulary';

/**
 * How sure the hub is of a lot's harvest time: from the lot's own master data (ilmd harvest date), from its
 * commissioning event, or only from the earliest event seen so far. Better evidence replaces weaker.
 */
export enum HarvestEvidence {
  FIRST_EVENT = 1,
  COMMISSIONING = 2,
  DECLARED = 3,
}

@ObjectType({
  description:
    'A harvested lot (lô hàng): one harvest of one product, identified by its GTIN and lot number, followed from ' +
    'harvest to delivery by its EPCIS events. A lot captured before its listing or household is known is kept ' +
    'and linked later.',
})
@Entity({ tableName: 'lot' })
@Index({ properties: ['listingId', 'harvestedAt'] })
@Index({ properties: ['gtin'] })
@Index({ properties: ['growingAreaCode'] })
@Unique({ properties: ['lotNumber', 'gtin'] })
export class Lot extends Provenance {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 48 })
  id!: string;

  @Field(() => String, {
    description: 'Lot number (số lô) as printed on the pack and carried by the GS1 Digital Link (AI 10), e.g. "LN250620-1042261".',
  })
  @Property({ type: 'string', length: 40 })
  lotNumber!: string;

  @Field(() => ID, { nullable: true, description: 'The marketplace listing the lot is sold through; null until it is known.' })
  @Property({ type: 'string', length: 64, nullable: true })
  listingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The producing household; null until it is known.' })
  @Property({ type: 'string', length: 32, nullable: true })
  householdId?: string | null;

  @Field(() => HouseholdLink, { nullable: true, description: 'How the household was found; null while it is unknown.' })
  @Enum({ items: () => HouseholdLink, nativeEnumName: 'household_link', nullable: true })
  householdLink?: HouseholdLink | null;

  @Field(() => ID, { nullable: true, description: 'The registered growing area it was harvested from, if any.' })
  @Property({ type: 'string', length: 32, nullable: true })
  growingAreaId?: string | null;

  /** The growing-area code the lot's events declare, kept until that code is registered here. */
  @Property({ type: 'string', length: 32, nullable: true })
  growingAreaCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Catalogue key of the product, e.g. "lychee"; null until the listing is known.' })
  @Property({ type: 'string', length: 64, nullable: true })
  productKey?: string | null;

  @Field(() => String, { nullable: true, description: 'GTIN of the trade item: GTIN-13 as printed on the pack, or GTIN-14 for cases.' })
  @Property({ type: 'string', length: 14, nullable: true })
  gtin?: string | null;

  @Field(() => Date, { description: 'When it was harvested: the declared harvest date, else its commissioning event, else its earliest event.' })
  @Property({ type: 'datetime' })
  harvestedAt!: Date;

  @Enum({ items: () => HarvestEvidence, default: HarvestEvidence.DECLARED })
  harvestEvidence: Opt<HarvestEvidence> = HarvestEvidence.DECLARED;

  @Field(() => Float, { nullable: true, description: 'Harvested quantity in kilograms, when the commissioning event says it.' })
  @Property({ type: 'double', nullable: true })
  quantityKg?: number | null;
}

@ObjectType({
  description:
    'An EPCIS 2.0 event about a lot (sự kiện truy xuất): what happened (bizStep), when (eventTime), where ' +
    '(readPoint, bizLocation) and in which state the goods were left (disposition). Field names follow EPCIS JSON-LD.',
})
@Entity({ tableName: 'trace_event' })
@Index({ properties: ['lotId', 'eventTime'] })
@Index({ properties: ['bizLocation'] })
export class TraceEvent extends Provenance {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Field(() => String, {
    description:
      'EPCIS `eventID`, e.g. "urn:uuid:…"; for an event captured without one, a hash of its content ("ni:///sha-256;…").',
  })
  @Unique()
  @Property({ type: 'text' })
  eventId!: string;

  /** Null for an event that names no lot (a pallet's SSCC, a serial number without lot). */
  @Property({ type: 'string', length: 48, nullable: true })
  lotId?: string | null;

  @Field(() => EpcisEventType, { description: 'EPCIS `type`.' })
  @Enum({ items: () => EpcisEventType, nativeEnumName: 'epcis_event_type' })
  eventType!: EpcisEventType;

  @Field(() => EpcisAction, { nullable: true, description: 'EPCIS `action`; a TransformationEvent has none.' })
  @Enum({ items: () => EpcisAction, nativeEnumName: 'epcis_action', nullable: true })
  action?: EpcisAction | null;

  @Field(() => String, {
    nullable: true,
    description:
      'CBV business step, bare name as EPCIS JSON-LD writes it: commissioning (harvest), inspecting, packing, shipping, receiving, retail_selling; a URI for a step of your own.',
  })
  @Property({ type: 'text', nullable: true })
  bizStep?: string | null;

  @Field(() => String, { nullable: true, description: 'CBV disposition, bare name: active, conformant, in_progress, in_transit…' })
  @Property({ type: 'text', nullable: true })
  disposition?: string | null;

  @Field(() => Date, { description: 'When the event took place (EPCIS `eventTime`).' })
  @Property({ type: 'datetime' })
  eventTime!: Date;

  @Field(() => String, { description: 'Local time-zone offset where it took place (EPCIS `eventTimeZoneOffset`), e.g. "+07:00".' })
  @Property({ type: 'string', length: 6 })
  eventTimeZoneOffset!: string;

  @Field(() => String, { nullable: true, description: 'EPCIS `readPoint.id`: where it was observed, an SGLN URI.' })
  @Property({ type: 'text', nullable: true })
  readPoint?: string | null;

  @Field(() => String, { nullable: true, description: 'EPCIS `bizLocation.id`: where the goods are afterwards, an SGLN URI.' })
  @Property({ type: 'text', nullable: true })
  bizLocation?: string | null;

  @Field(() => Float, { nullable: true, description: 'Quantity of its lot concerned, in kilograms (EPCIS quantityList, converted from KGM, GRM, TNE or LBR).' })
  @Property({ type: 'double', nullable: true })
  quantityKg?: number | null;

  /** Every quantity element of the event as captured (epcClass, quantity, uom, and whether input or output). */
  @Property({ type: 'json', nullable: true })
  quantities?: EventQuantity[] | null;

  @Field(() => [String], { description: 'EPCIS `certificationInfo`: the certificates the event refers to, as URIs.' })
  @Property({ type: 'text[]', default: '{}' })
  certificationInfo: Opt<string[]> = [];

  @Field(() => Date, {
    nullable: true,
    description: 'When the event was declared erroneous (EPCIS `errorDeclaration.declarationTime`); null for a valid event.',
  })
  @Property({ type: 'datetime', nullable: true })
  errorDeclaredAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was declared erroneous, e.g. "incorrect_data" or "did_not_occur".' })
  @Property({ type: 'text', nullable: true })
  errorReason?: string | null;

  /** eventIDs of the events that correct this one. */
  @Property({ type: 'text[]', nullable: true })
  correctiveEventIds?: string[] | null;
}

export interface EventQuantity {
  epcClass: string;
  quantity?: number;
  uom?: string;
  role?: 'input' | 'output' | 'child';
}
