import { Migration } from '@mikro-orm/migrations';
import { type DayRollup, dayRollupDown, dayRollupUp } from '../../../platform/indicators/day-rollups';

/**
 * "Distinct days" rollups of orders (issue 11, speed at national scale), for the indicators that count distinct
 * things and so cannot be summed from per-day totals:
 * - `input_buyer_day`: which registry households ordered farm inputs (not cancelled) into which destination commune
 *   on which Vietnam order day (III.4); one row per buyer × commune × day however many orders;
 * - `sales_destination_day`: which destinations (country, province) received delivered produce (not farm inputs) on
 *   which Vietnam delivery day, nationwide (II.6, II.7 for the nation; provinces read `sales_province_rollup`).
 * Each row keeps the number of orders behind it, so cancelling, deleting or moving an order takes it out. Kept by
 * statement-level triggers on "order", filled here from the orders, recomputed by `rebuild_<table>()` (`npx nongsan
 * rollups rebuild`, the generator). Like the other order rollups, they take a listing's farm-input flag as it is
 * when the order is written.
 */
const localDay = (column: string) => `(${column} at time zone 'Asia/Ho_Chi_Minh')::date`;
const LISTING = `join "marketplace"."listing" l on l.id = o.listing_id`;

export const DAY_ROLLUPS: DayRollup[] = [
  {
    table: 'input_buyer_day',
    source: 'order',
    columns: [
      { name: 'destination_province_code', type: 'varchar(2)', value: `coalesce(o.destination_province_code, '')` },
      { name: 'destination_commune_code', type: 'varchar(5)', value: `coalesce(o.destination_commune_code, '')` },
      { name: 'buyer_household_id', type: 'varchar(32)', value: 'o.buyer_household_id' },
    ],
    day: localDay('o.ordered_at'),
    join: LISTING,
    where: `o.buyer_household_id is not null and o.status <> 'CANCELLED' and l.is_farm_input`,
    primaryKey: ['destination_province_code', 'day', 'destination_commune_code', 'buyer_household_id'],
    // communes' reports; the nation's, which group every buyer, read them in buyer order
    indexes: [['destination_commune_code', 'day'], ['buyer_household_id', 'day']],
  },
  {
    table: 'sales_destination_day',
    source: 'order',
    columns: [
      { name: 'destination_country', type: 'varchar(2)', value: 'o.destination_country' },
      { name: 'destination_province_code', type: 'varchar(2)', value: `coalesce(o.destination_province_code, '')` },
    ],
    day: localDay('coalesce(o.delivered_at, o.ordered_at)'),
    join: LISTING,
    where: `o.status = 'DELIVERED' and not l.is_farm_input`,
    primaryKey: ['day', 'destination_country', 'destination_province_code'],
  },
];

export class Migration20261206010000_day_rollups extends Migration {

  override async up(): Promise<void> {
    for (const spec of DAY_ROLLUPS) for (const sql of dayRollupUp('marketplace', spec)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const spec of [...DAY_ROLLUPS].reverse()) for (const sql of dayRollupDown('marketplace', spec)) this.addSql(sql);
  }

}
