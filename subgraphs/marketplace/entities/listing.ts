import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { Provenance } from '../../../platform/ingest/provenance';
import { ListingStatus, Platform } from '../vocabulary';

@ObjectType({ description: 'A product offered by a shop (sản phẩm đăng bán): produce, or a farm input sold to farmers.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'listing' })
@Index({ properties: ['shopId', 'id'] })
@Index({ properties: ['householdId', 'id'] })
@Index({ properties: ['platform', 'id'] })
@Index({ properties: ['category', 'id'] })
@Index({ properties: ['isFarmInput', 'id'] })
@Index({ properties: ['status', 'id'] })
export class Listing extends Provenance {
  @Field(() => ID, { description: 'The shop ID and the listing\'s number in the shop, e.g. "PM-104226-L1".' })
  @PrimaryKey({ type: 'string', length: 48 })
  id!: string;

  @Property({ type: 'string', length: 32 })
  shopId!: string;

  /** The seller household, denormalised from the shop; null while the shop is not linked to a registry household. */
  @Property({ type: 'string', length: 32, nullable: true })
  householdId?: string | null;

  /** Denormalised from the shop so that platform filters at national scale use an index. */
  @Field(() => Platform)
  @Enum({ items: () => Platform, nativeEnumName: 'platform' })
  platform!: Platform;

  @Field(() => String)
  @Property({ type: 'string' })
  title!: string;

  @Field(() => String, { description: 'Product category (ngành hàng) as the platform names it, e.g. "Trái cây tươi", "Vật tư nông nghiệp".' })
  @Property({ type: 'string' })
  category!: string;

  @Field(() => Boolean, { description: 'A farm input (vật tư nông nghiệp: seed, fertiliser, plant protection) sold to farmers (indicators III.3-III.5).' })
  @Property({ type: 'boolean' })
  isFarmInput!: boolean;

  @Field(() => Float, { description: 'Price per unit in VND (whole đồng).' })
  @Property({ type: 'integer' })
  priceVnd!: number;

  @Field(() => String, { description: 'Sales unit, e.g. "kg", "hộp", "bao".' })
  @Property({ type: 'string', length: 32 })
  unit!: string;

  @Field(() => Float, { description: 'Kilograms in one unit, to add up tonnes sold (indicator II.2).' })
  @Property({ type: 'double' })
  kgPerUnit!: number;

  @Field(() => String, { nullable: true, description: 'Brand mark (nhãn hiệu) of the product (indicator II.3).' })
  @Property({ type: 'string', nullable: true })
  brandMark?: string | null;

  /** When the brand mark was first seen (indicators II.3/II.4 by period); stamped by a database trigger. */
  @Property({ type: 'datetime', nullable: true })
  brandMarkSince?: Date | null;

  @Field(() => Float, { nullable: true, description: 'Discount for farming households in percent, for farm inputs (indicator III.5).' })
  @Property({ type: 'double', nullable: true })
  householdDiscountPct?: number | null;

  @Field(() => String, { description: 'GS1 trade item number (GTIN-13) printed on the pack.' })
  @Property({ type: 'string', length: 14 })
  gtin!: string;

  @Field(() => ListingStatus)
  @Enum({ items: () => ListingStatus, nativeEnumName: 'listing_status' })
  status!: ListingStatus;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** The platform's own time of the state stored: an older event never overwrites it. Null for data not from a feed. */
  @Property({ type: 'datetime', nullable: true })
  sourceUpdatedAt?: Date | null;
}
