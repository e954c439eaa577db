import { Entity, Index, PrimaryKey } from '@mikro-orm/core';
import { OrderSums } from './sales-rollup';

/*
 * The province-grain rollups of orders. Written only by the triggers on "order" and `rebuild_province_rollups()`
 * (migration Migration20261205113000_province_rollups); never by the ORM. Declared so schema diffs keep them.
 */

/** Delivered orders per Vietnam delivery day x seller province x farm-input flag x destination (II.2, II.6, II.7). */
@Entity({ tableName: 'sales_province_rollup' })
@Index({ name: 'sales_province_rollup_day_index', properties: ['day'] })
export class SalesProvinceRollup extends OrderSums {
  @PrimaryKey({ type: 'string', length: 2 })
  sellerProvinceCode!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'boolean' })
  isFarmInput!: boolean;

  @PrimaryKey({ type: 'string', length: 2 })
  destinationCountry!: string;

  /** Empty for orders delivered abroad. */
  @PrimaryKey({ type: 'string', length: 2 })
  destinationProvinceCode!: string;
}

/** Sold orders (all but cancelled) per Vietnam order day x seller province x destination (`Province.salesOutOf`/`salesInto`). */
@Entity({ tableName: 'order_province_rollup' })
@Index({ name: 'order_province_rollup_destination_index', properties: ['destinationProvinceCode', 'day'] })
export class OrderProvinceRollup extends OrderSums {
  @PrimaryKey({ type: 'string', length: 2 })
  sellerProvinceCode!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'string', length: 2 })
  destinationCountry!: string;

  /** Empty for orders delivered abroad. */
  @PrimaryKey({ type: 'string', length: 2 })
  destinationProvinceCode!: string;
}

/** Delivered orders per Vietnam delivery day x seller province x farm-input flag, no destinations (II.2). */
@Entity({ tableName: 'sales_province_day_rollup' })
export class SalesProvinceDayRollup extends OrderSums {
  @PrimaryKey({ type: 'string', length: 2 })
  sellerProvinceCode!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'boolean' })
  isFarmInput!: boolean;
}
