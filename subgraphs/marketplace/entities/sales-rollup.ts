import { BigIntType, DecimalType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** What every rollup of orders sums, whatever its grain. */
export abstract class OrderSums {
  @Property({ type: 'integer' })
  orderCount!: number;

  @Property({ type: new DecimalType('number'), precision: 18, scale: 3 })
  quantityKg!: number;

  @Property({ type: new BigIntType('number') })
  valueVnd!: number;
}

/**
 * Delivered orders summed per Vietnam-time day x seller commune x category x farm-input flag x destination: what the
 * indicator reports read instead of orders. Written only by the triggers on "order" and `rebuild_sales_rollup()`
 * (migration Migration20261205053000_indicator_rollups); never by the ORM.
 */
@Entity({ tableName: 'sales_rollup' })
@Index({ name: 'sales_rollup_day_index', properties: ['day'] })
@Index({ name: 'sales_rollup_commune_day_index', properties: ['sellerCommuneCode', 'day'] })
export class SalesRollup extends OrderSums {
  @PrimaryKey({ type: 'string', length: 2 })
  sellerProvinceCode!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  /** Empty when the shop is not known. */
  @PrimaryKey({ type: 'string', length: 5 })
  sellerCommuneCode!: string;

  @PrimaryKey({ type: 'string' })
  category!: string;

  @PrimaryKey({ type: 'boolean' })
  isFarmInput!: boolean;

  @PrimaryKey({ type: 'string', length: 2 })
  destinationCountry!: string;

  /** Empty for orders delivered abroad. */
  @PrimaryKey({ type: 'string', length: 2 })
  destinationProvinceCode!: string;
}
