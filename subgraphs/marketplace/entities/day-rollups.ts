import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/*
 * The "distinct days" rollups of orders (platform/indicators/day-rollups.ts). Written only by the triggers on "order"
 * and their `rebuild_<table>()` (migration Migration20261206010000_day_rollups); never by the ORM. Declared so schema
 * diffs keep them.
 */

/** Registry households that ordered farm inputs (not cancelled), per destination commune x Vietnam order day (III.4). */
@Entity({ tableName: 'input_buyer_day' })
@Index({ name: 'input_buyer_day_destination_commune_code_day_index', properties: ['destinationCommuneCode', 'day'] })
@Index({ name: 'input_buyer_day_buyer_household_id_day_index', properties: ['buyerHouseholdId', 'day'] })
export class InputBuyerDay {
  /** Empty when the order names none. */
  @PrimaryKey({ type: 'string', length: 2 })
  destinationProvinceCode!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  /** Empty when the order names none. */
  @PrimaryKey({ type: 'string', length: 5 })
  destinationCommuneCode!: string;

  @PrimaryKey({ type: 'string', length: 32 })
  buyerHouseholdId!: string;

  /** Orders behind the row; a row goes when its last order does. */
  @Property({ type: 'integer' })
  rowCount!: number;
}

/** Destinations that received delivered produce (not farm inputs) per Vietnam delivery day, nationwide (II.6, II.7). */
@Entity({ tableName: 'sales_destination_day' })
export class SalesDestinationDay {
  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'string', length: 2 })
  destinationCountry!: string;

  /** Empty for orders delivered abroad. */
  @PrimaryKey({ type: 'string', length: 2 })
  destinationProvinceCode!: string;

  /** Orders behind the row; a row goes when its last order does. */
  @Property({ type: 'integer' })
  rowCount!: number;
}

/**
 * Farm-input buyers per whole calendar period (grain M, Q, Y: month, quarter, year starting `periodStart`) and on
 * their first day (grain F), kept from `input_buyer_day` by its trigger (platform/indicators/calendar-rollups.ts,
 * migration Migration20261206130000_buyer_calendar); read through `InputBuyerCalendarCount`.
 */
@Entity({ tableName: 'input_buyer_calendar' })
export class InputBuyerCalendar {
  @PrimaryKey({ type: 'string', length: 32 })
  key!: string;

  @PrimaryKey({ type: 'string', columnType: 'char(1)' })
  grain!: string;

  @PrimaryKey({ type: 'date' })
  periodStart!: string;
}

/** The number of `InputBuyerCalendar` rows per grain and period: the nation's III.4 for whole periods. */
@Entity({ tableName: 'input_buyer_calendar_count' })
export class InputBuyerCalendarCount {
  @PrimaryKey({ type: 'string', columnType: 'char(1)' })
  grain!: string;

  @PrimaryKey({ type: 'date' })
  periodStart!: string;

  @Property({ type: 'bigint' })
  keys!: string;
}
