import { Migration } from '@mikro-orm/migrations';

export class Migration20261123194811_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "marketplace";`);
    this.addSql(`create type "marketplace"."platform" as enum ('POSTMART', 'VOSO');`);
    this.addSql(`create type "marketplace"."listing_status" as enum ('ACTIVE', 'PAUSED', 'REMOVED');`);
    this.addSql(`create type "marketplace"."order_status" as enum ('PLACED', 'SHIPPING', 'DELIVERED', 'CANCELLED');`);
    this.addSql(`create table "marketplace"."listing" ("id" varchar(48) not null, "shop_id" varchar(32) not null, "household_id" varchar(32) not null, "platform" "marketplace"."platform" not null, "title" varchar(255) not null, "category" varchar(255) not null, "is_farm_input" boolean not null, "price_vnd" int not null, "unit" varchar(32) not null, "kg_per_unit" double precision not null, "brand_mark" varchar(255) null, "household_discount_pct" double precision null, "gtin" varchar(14) not null, "status" "marketplace"."listing_status" not null, "created_at" timestamptz not null, constraint "listing_pkey" primary key ("id"));`);
    this.addSql(`create index "listing_status_id_index" on "marketplace"."listing" ("status", "id");`);
    this.addSql(`create index "listing_is_farm_input_id_index" on "marketplace"."listing" ("is_farm_input", "id");`);
    this.addSql(`create index "listing_category_id_index" on "marketplace"."listing" ("category", "id");`);
    this.addSql(`create index "listing_platform_id_index" on "marketplace"."listing" ("platform", "id");`);
    this.addSql(`create index "listing_household_id_id_index" on "marketplace"."listing" ("household_id", "id");`);
    this.addSql(`create index "listing_shop_id_id_index" on "marketplace"."listing" ("shop_id", "id");`);

    this.addSql(`create table "marketplace"."order" ("id" varchar(32) not null, "listing_id" varchar(48) not null, "shop_id" varchar(32) not null, "seller_household_id" varchar(32) not null, "seller_province_code" varchar(2) not null, "quantity" int not null, "quantity_kg" numeric(14,3) not null, "value_vnd" bigint not null, "destination_country" varchar(2) not null, "destination_province_code" varchar(2) null, "destination_commune_code" varchar(5) null, "buyer_household_id" varchar(32) null, "ordered_at" timestamptz not null, "delivered_at" timestamptz null, "status" "marketplace"."order_status" not null, constraint "order_pkey" primary key ("id"));`);
    this.addSql(`create index "order_seller_province_code_ordered_at_index" on "marketplace"."order" ("seller_province_code", "ordered_at");`);
    this.addSql(`create index "order_destination_province_code_ordered_at_index" on "marketplace"."order" ("destination_province_code", "ordered_at");`);
    this.addSql(`create index "order_seller_household_id_ordered_at_index" on "marketplace"."order" ("seller_household_id", "ordered_at");`);
    this.addSql(`create index "order_shop_id_ordered_at_index" on "marketplace"."order" ("shop_id", "ordered_at");`);
    this.addSql(`create index "order_listing_id_ordered_at_id_index" on "marketplace"."order" ("listing_id", "ordered_at", "id");`);

    this.addSql(`create table "marketplace"."shop" ("id" varchar(32) not null, "platform" "marketplace"."platform" not null, "external_id" varchar(64) not null, "household_id" varchar(32) not null, "name" varchar(255) not null, "brand_mark" varchar(255) null, "rating" double precision not null, "opened_at" timestamptz not null, "province_code" varchar(2) not null, "commune_code" varchar(5) not null, constraint "shop_pkey" primary key ("id"));`);
    this.addSql(`create index "shop_household_id_index" on "marketplace"."shop" ("household_id");`);
    this.addSql(`alter table "marketplace"."shop" add constraint "shop_platform_external_id_unique" unique ("platform", "external_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketplace"."listing" cascade;`);

    this.addSql(`drop table if exists "marketplace"."order" cascade;`);

    this.addSql(`drop table if exists "marketplace"."shop" cascade;`);

    this.addSql(`drop type "marketplace"."platform";`);
    this.addSql(`drop type "marketplace"."listing_status";`);
    this.addSql(`drop type "marketplace"."order_status";`);
    this.addSql(`drop schema if exists "marketplace";`);
  }

}
