import { Migration } from '@mikro-orm/migrations';
import { summingTriggersDown, summingTriggersUp } from '../../../platform/indicators/rollups';

/**
 * `sales_province_day_rollup`: delivered orders per Vietnam delivery day x seller province x farm-input flag, without
 * destinations (issue 11, speed at national scale). II.2 for the nation and provinces sums it: at most provinces x
 * days x 2 rows, where `sales_province_rollup` also splits by destination and grows with the orders. Filled here from
 * the orders, kept by statement-level triggers on "order" like the other rollups, recomputed by
 * `rebuild_sales_day_rollup()` (`npx nongsan rollups rebuild`, the generator); `nongsan.defer_rollups = on` skips it.
 */
const localDay = (column: string) => `(${column} at time zone 'Asia/Ho_Chi_Minh')::date`;
const COLUMNS = ['day', 'seller_province_code', 'is_farm_input'];
const grouped = (rows: string, sign: '' | '-') => `
  select ${localDay('coalesce(o.delivered_at, o.ordered_at)')}, o.seller_province_code, l.is_farm_input, ${sign}count(*), ${sign}sum(o.quantity_kg), ${sign}sum(o.value_vnd)
  from ${rows} o join "marketplace"."listing" l on l.id = o.listing_id
  where o.status = 'DELIVERED'
  group by 1, 2, 3`;
const INSERT = `insert into "marketplace"."sales_province_day_rollup" as r (${[...COLUMNS, 'order_count', 'quantity_kg', 'value_vnd'].map((c) => `"${c}"`).join(', ')})`;
const upsert = (rows: string, sign: '' | '-') => `${INSERT} ${grouped(rows, sign)}
  on conflict (${COLUMNS.map((c) => `"${c}"`).join(', ')})
  do update set "order_count" = r."order_count" + excluded."order_count", "quantity_kg" = r."quantity_kg" + excluded."quantity_kg", "value_vnd" = r."value_vnd" + excluded."value_vnd"`;

export class Migration20261205150000_sales_day_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "marketplace"."sales_province_day_rollup" (
  "day" date not null, "seller_province_code" varchar(2) not null, "is_farm_input" boolean not null,
  "order_count" integer not null, "quantity_kg" numeric(18,3) not null, "value_vnd" bigint not null,
  constraint "sales_province_day_rollup_pkey" primary key ("seller_province_code", "day", "is_farm_input"));`);
    for (const sql of summingTriggersUp('marketplace', 'order', 'sales_day_rollup', upsert)) this.addSql(sql);
    this.addSql(`create function "marketplace"."rebuild_sales_day_rollup"() returns bigint language sql as $$
  delete from "marketplace"."sales_province_day_rollup";
  ${INSERT.replace(' as r ', ' ')} ${grouped('"marketplace"."order"', '')};
  select count(*) from "marketplace"."sales_province_day_rollup";
$$;`);
    this.addSql(`select "marketplace"."rebuild_sales_day_rollup"();`);
  }

  override async down(): Promise<void> {
    for (const sql of summingTriggersDown('marketplace', 'order', 'sales_day_rollup')) this.addSql(sql);
    this.addSql(`drop function "marketplace"."rebuild_sales_day_rollup"();`);
    this.addSql(`drop table "marketplace"."sales_province_day_rollup";`);
  }

}
