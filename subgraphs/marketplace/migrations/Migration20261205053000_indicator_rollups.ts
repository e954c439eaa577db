import { Migration } from '@mikro-orm/migrations';
import { summingTriggersDown, summingTriggersUp } from '../../../platform/indicators/rollups';

/**
 * Indicator dates and the sales rollup (issue 11).
 *
 * - `brand_mark_since` on shops (II.4) and listings (II.3): the day a brand mark was first seen. Assumption for rows
 *   stored before this migration: the mark was granted when the shop opened / the listing was created (the feeds
 *   carry no grant date). From now on a trigger stamps it when a mark first appears (the feed's own time, else now).
 * - `sales_rollup`: delivered orders per Vietnam-time day x seller commune x category x farm-input flag x destination,
 *   kept by statement-level triggers in the same transaction as every write to "order" (webhook, pull, demo, tests),
 *   so reports never scan orders. `rebuild_sales_rollup()` recomputes it (`npx nongsan rollups rebuild`); bulk loads
 *   that set `nongsan.defer_rollups = on` skip the triggers and rebuild afterwards.
 */
export class Migration20261205053000_indicator_rollups extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "marketplace"."shop" add column "brand_mark_since" timestamptz null;`);
    this.addSql(`alter table "marketplace"."listing" add column "brand_mark_since" timestamptz null;`);
    this.addSql(`update "marketplace"."shop" set "brand_mark_since" = "opened_at" where "brand_mark" is not null;`);
    this.addSql(`update "marketplace"."listing" set "brand_mark_since" = "created_at" where "brand_mark" is not null;`);
    for (const [table, created] of [['shop', 'opened_at'], ['listing', 'created_at']]) {
      this.addSql(`create function "marketplace"."${table}_brand_mark_since"() returns trigger language plpgsql as $$
begin
  if new.brand_mark is null then
    new.brand_mark_since := null;
  elsif tg_op = 'INSERT' then
    new.brand_mark_since := coalesce(new.brand_mark_since, new.${created});
  elsif old.brand_mark is null then
    new.brand_mark_since := coalesce(new.source_updated_at, now());
  else
    new.brand_mark_since := old.brand_mark_since;
  end if;
  return new;
end $$;`);
      this.addSql(`create trigger "${table}_brand_mark_since" before insert or update on "marketplace"."${table}" for each row execute function "marketplace"."${table}_brand_mark_since"();`);
    }

    this.addSql(`create table "marketplace"."sales_rollup" (
  "day" date not null,
  "seller_province_code" varchar(2) not null,
  "seller_commune_code" varchar(5) not null,
  "category" varchar(255) not null,
  "is_farm_input" boolean not null,
  "destination_country" varchar(2) not null,
  "destination_province_code" varchar(2) not null,
  "order_count" integer not null,
  "quantity_kg" numeric(18,3) not null,
  "value_vnd" bigint not null,
  constraint "sales_rollup_pkey" primary key ("seller_province_code", "day", "seller_commune_code", "category", "is_farm_input", "destination_country", "destination_province_code"));`);
    this.addSql(`create index "sales_rollup_day_index" on "marketplace"."sales_rollup" ("day");`);
    this.addSql(`create index "sales_rollup_commune_day_index" on "marketplace"."sales_rollup" ("seller_commune_code", "day");`);

    // The rows of delivered orders in a transition table (or the whole table), grouped to the rollup's grain.
    const grouped = (rows: string, sign: string) => `
  select (coalesce(o.delivered_at, o.ordered_at) at time zone 'Asia/Ho_Chi_Minh')::date, o.seller_province_code, coalesce(s.commune_code, ''),
    l.category, l.is_farm_input, o.destination_country, coalesce(o.destination_province_code, ''),
    ${sign}count(*), ${sign}sum(o.quantity_kg), ${sign}sum(o.value_vnd)
  from ${rows} o
  join "marketplace"."listing" l on l.id = o.listing_id
  left join "marketplace"."shop" s on s.id = o.shop_id
  where o.status = 'DELIVERED'
  group by 1, 2, 3, 4, 5, 6, 7`;
    const upsert = (rows: string, sign: string) => `insert into "marketplace"."sales_rollup" as r
  ("day", "seller_province_code", "seller_commune_code", "category", "is_farm_input", "destination_country", "destination_province_code", "order_count", "quantity_kg", "value_vnd")
  ${grouped(rows, sign)}
  on conflict ("seller_province_code", "day", "seller_commune_code", "category", "is_farm_input", "destination_country", "destination_province_code")
  do update set "order_count" = r."order_count" + excluded."order_count", "quantity_kg" = r."quantity_kg" + excluded."quantity_kg", "value_vnd" = r."value_vnd" + excluded."value_vnd"`;
    for (const sql of summingTriggersUp('marketplace', 'order', 'sales_rollup', upsert)) this.addSql(sql);
    this.addSql(`create function "marketplace"."rebuild_sales_rollup"() returns bigint language sql as $$
  delete from "marketplace"."sales_rollup";
  insert into "marketplace"."sales_rollup"
    ("day", "seller_province_code", "seller_commune_code", "category", "is_farm_input", "destination_country", "destination_province_code", "order_count", "quantity_kg", "value_vnd")
  ${grouped('"marketplace"."order"', '')};
  select count(*) from "marketplace"."sales_rollup";
$$;`);
    this.addSql(`select "marketplace"."rebuild_sales_rollup"();`);
  }

  override async down(): Promise<void> {
    for (const sql of summingTriggersDown('marketplace', 'order', 'sales_rollup')) this.addSql(sql);
    this.addSql(`drop function "marketplace"."rebuild_sales_rollup"();`);
    this.addSql(`drop table "marketplace"."sales_rollup";`);
    for (const table of ['shop', 'listing']) {
      this.addSql(`drop trigger "${table}_brand_mark_since" on "marketplace"."${table}";`);
      this.addSql(`drop function "marketplace"."${table}_brand_mark_since"();`);
      this.addSql(`alter table "marketplace"."${table}" drop column "brand_mark_since";`);
    }
  }

}
