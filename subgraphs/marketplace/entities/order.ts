import { BigIntType, DecimalType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Provenance } from '../../../platform/ingest/provenance';
import { OrderStatus } from '../vocabulary';

@ObjectType({ description: 'An order (đơn hàng) for one listing, delivered in Vietnam or abroad.' })
@Entity({ tableName: 'order' })
// (listing_id, ordered_at, id) also serves the listing's orders page, newest first, and period filters.
@Index({ properties: ['listingId', 'orderedAt', 'id'] })
@Index({ properties: ['shopId', 'orderedAt'] })
@Index({ properties: ['sellerHouseholdId', 'orderedAt'] })
@Index({ properties: ['destinationProvinceCode', 'orderedAt'] })
@Index({ properties: ['sellerProvinceCode', 'orderedAt'] })
export class Order extends Provenance {
  @Field(() => ID, { description: 'e.g. "OD-0000001".' })
  @PrimaryKey({ type: 'string', length: 32 })
  id!: string;

  @Property({ type: 'string', length: 48 })
  listingId!: string;

  /** Denormalised from the listing, like the seller columns, so that sales roll up without joins. */
  @Property({ type: 'string', length: 32 })
  shopId!: string;

  /** Null while the shop is not linked to a registry household. */
  @Property({ type: 'string', length: 32, nullable: true })
  sellerHouseholdId?: string | null;

  /** The seller household's province: "sales out of a province". */
  @Property({ type: 'string', length: 2 })
  sellerProvinceCode!: string;

  @Field(() => Int, { description: 'Number of units (see the listing\'s unit).' })
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => Float, { description: 'Kilograms ordered (quantity × the listing\'s kgPerUnit), to the gram.' })
  @Property({ type: new DecimalType('number'), precision: 14, scale: 3 })
  quantityKg!: number;

  @Field(() => Float, { description: 'Order value in VND (whole đồng).' })
  @Property({ type: new BigIntType('number') })
  valueVnd!: number;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code of the destination country; "VN" for domestic orders.' })
  @Property({ type: 'string', length: 2 })
  destinationCountry!: string;

  /** Null for orders delivered abroad; exposed as the `destinationProvince` stub. */
  @Property({ type: 'string', length: 2, nullable: true })
  destinationProvinceCode?: string | null;

  @Property({ type: 'string', length: 5, nullable: true })
  destinationCommuneCode?: string | null;

  /** The buying household, for farm inputs bought by farmers (indicator III.4); null for other buyers. */
  @Property({ type: 'string', length: 32, nullable: true })
  buyerHouseholdId?: string | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  orderedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Null until delivered.' })
  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Field(() => OrderStatus)
  @Enum({ items: () => OrderStatus, nativeEnumName: 'order_status' })
  status!: OrderStatus;

  /** The platform's own time of the state stored: an older event never overwrites it. Null for data not from a feed. */
  @Property({ type: 'datetime', nullable: true })
  sourceUpdatedAt?: Date | null;
}
