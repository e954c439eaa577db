import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { EpcisAction, EpcisEventType } from '../vocabulary';

@ObjectType({
  description:
    'A harvested lot (lô hàng): one harvest of one product by one household, sold through one listing and ' +
    'followed from harvest to delivery by its EPCIS events.',
})
@Entity({ tableName: 'lot' })
@Index({ properties: ['listingId', 'harvestedAt'] })
export class Lot {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 48 })
  id!: string;

  @Field(() => String, {
    description: 'Lot number (số lô) as printed on the pack and carried by the GS1 Digital Link (AI 10), e.g. "LN250620-1042261".',
  })
  @Unique()
  @Property({ type: 'string', length: 40 })
  lotNumber!: string;

  @Field(() => ID, { description: 'The marketplace listing the lot is sold through.' })
  @Property({ type: 'string', length: 64 })
  listingId!: string;

  @Field(() => ID)
  @Property({ type: 'string', length: 32 })
  householdId!: string;

  @Field(() => ID, { nullable: true, description: 'The registered growing area it was harvested from, if any.' })
  @Property({ type: 'string', length: 32, nullable: true })
  growingAreaId?: string | null;

  @Field(() => String, { description: 'Catalogue key of the product, e.g. "lychee".' })
  @Property({ type: 'string', length: 64 })
  productKey!: string;

  @Field(() => String, { description: 'GTIN-13 of the trade item.' })
  @Property({ type: 'string', length: 14 })
  gtin!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  harvestedAt!: Date;

  @Field(() => Float, { description: 'Harvested quantity in kilograms.' })
  @Property({ type: 'double' })
  quantityKg!: number;
}

@ObjectType({
  description:
    'An EPCIS 2.0 event about a lot (sự kiện truy xuất): what happened (bizStep), when (eventTime), where ' +
    '(readPoint, bizLocation) and in which state the goods were left (disposition). Field names follow EPCIS JSON-LD.',
})
@Entity({ tableName: 'trace_event' })
@Index({ properties: ['lotId', 'eventTime'] })
export class TraceEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Field(() => String, { description: 'EPCIS `eventID`, e.g. "urn:uuid:…"; unique across all capturing systems.' })
  @Unique()
  @Property({ type: 'string', length: 128 })
  eventId!: string;

  @Field(() => ID, { description: 'The lot the event is about (EPCIS quantityList epcClass / ilmd lotNumber).' })
  @Property({ type: 'string', length: 48 })
  lotId!: string;

  @Field(() => EpcisEventType, { description: 'EPCIS `type`.' })
  @Enum({ items: () => EpcisEventType, nativeEnumName: 'epcis_event_type' })
  eventType!: EpcisEventType;

  @Field(() => EpcisAction)
  @Enum({ items: () => EpcisAction, nativeEnumName: 'epcis_action' })
  action!: EpcisAction;

  @Field(() => String, {
    description: 'CBV business step, bare name as EPCIS JSON-LD writes it: commissioning (harvest), inspecting, packing, shipping, receiving, retail_selling.',
  })
  @Property({ type: 'string', length: 128 })
  bizStep!: string;

  @Field(() => String, { nullable: true, description: 'CBV disposition, bare name: active, conformant, in_progress, in_transit…' })
  @Property({ type: 'string', length: 128, nullable: true })
  disposition?: string | null;

  @Field(() => Date, { description: 'When the event took place (EPCIS `eventTime`).' })
  @Property({ type: 'datetime' })
  eventTime!: Date;

  @Field(() => String, { description: 'Local time-zone offset where it took place (EPCIS `eventTimeZoneOffset`), e.g. "+07:00".' })
  @Property({ type: 'string', length: 6 })
  eventTimeZoneOffset!: string;

  @Field(() => String, { nullable: true, description: 'EPCIS `readPoint.id`: where it was observed, an SGLN URI.' })
  @Property({ type: 'string', nullable: true })
  readPoint?: string | null;

  @Field(() => String, { nullable: true, description: 'EPCIS `bizLocation.id`: where the goods are afterwards, an SGLN URI.' })
  @Property({ type: 'string', nullable: true })
  bizLocation?: string | null;

  @Field(() => Float, { nullable: true, description: 'Quantity concerned, in kilograms (EPCIS quantityList quantity, uom KGM).' })
  @Property({ type: 'double', nullable: true })
  quantityKg?: number | null;
}
