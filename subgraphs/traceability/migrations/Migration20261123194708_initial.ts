import { Migration } from '@mikro-orm/migrations';

export class Migration20261123194708_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "traceability";`);
    this.addSql(`create type "traceability"."certification_scheme" as enum ('VIETGAP', 'GLOBALGAP', 'ORGANIC', 'HACCP', 'OCOP');`);
    this.addSql(`create type "traceability"."epcis_event_type" as enum ('ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent');`);
    this.addSql(`create type "traceability"."epcis_action" as enum ('ADD', 'OBSERVE', 'DELETE');`);
    this.addSql(`create table "traceability"."certification" ("id" varchar(32) not null, "household_id" varchar(32) not null, "scheme" "traceability"."certification_scheme" not null, "certificate_number" varchar(255) not null, "issuer" varchar(255) not null, "product" varchar(255) not null, "stars" smallint null, "valid_from" date not null, "valid_until" date not null, constraint "certification_pkey" primary key ("id"));`);
    this.addSql(`create index "certification_household_id_valid_until_index" on "traceability"."certification" ("household_id", "valid_until");`);

    this.addSql(`create table "traceability"."certification_listing" ("certification_id" varchar(32) not null, "listing_id" varchar(64) not null, constraint "certification_listing_pkey" primary key ("certification_id", "listing_id"));`);
    this.addSql(`create index "certification_listing_listing_id_index" on "traceability"."certification_listing" ("listing_id");`);

    this.addSql(`create table "traceability"."growing_area" ("id" varchar(32) not null, "code" varchar(32) not null, "household_id" varchar(32) not null, "commune_code" varchar(5) not null, "crop" varchar(255) not null, "area_ha" double precision not null, "export_markets" text[] not null, "issued_on" date not null, "latitude" double precision not null, "longitude" double precision not null, constraint "growing_area_pkey" primary key ("id"));`);
    this.addSql(`alter table "traceability"."growing_area" add constraint "growing_area_code_unique" unique ("code");`);
    this.addSql(`create index "growing_area_household_id_index" on "traceability"."growing_area" ("household_id");`);

    this.addSql(`create table "traceability"."lot" ("id" varchar(48) not null, "lot_number" varchar(40) not null, "listing_id" varchar(64) not null, "household_id" varchar(32) not null, "growing_area_id" varchar(32) null, "product_key" varchar(64) not null, "gtin" varchar(14) not null, "harvested_at" timestamptz not null, "quantity_kg" double precision not null, constraint "lot_pkey" primary key ("id"));`);
    this.addSql(`alter table "traceability"."lot" add constraint "lot_lot_number_unique" unique ("lot_number");`);
    this.addSql(`create index "lot_listing_id_harvested_at_index" on "traceability"."lot" ("listing_id", "harvested_at");`);

    this.addSql(`create table "traceability"."trace_code" ("code" varchar(64) not null, "lot_id" varchar(48) not null, "listing_id" varchar(64) not null, "digital_link" varchar(255) not null, constraint "trace_code_pkey" primary key ("code"));`);
    this.addSql(`create index "trace_code_lot_id_index" on "traceability"."trace_code" ("lot_id");`);

    this.addSql(`create table "traceability"."trace_event" ("id" varchar(32) not null, "event_id" varchar(128) not null, "lot_id" varchar(48) not null, "event_type" "traceability"."epcis_event_type" not null, "action" "traceability"."epcis_action" not null, "biz_step" varchar(128) not null, "disposition" varchar(128) null, "event_time" timestamptz not null, "event_time_zone_offset" varchar(6) not null, "read_point" varchar(255) null, "biz_location" varchar(255) null, "quantity_kg" double precision null, constraint "trace_event_pkey" primary key ("id"));`);
    this.addSql(`alter table "traceability"."trace_event" add constraint "trace_event_event_id_unique" unique ("event_id");`);
    this.addSql(`create index "trace_event_lot_id_event_time_index" on "traceability"."trace_event" ("lot_id", "event_time");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "traceability"."certification" cascade;`);

    this.addSql(`drop table if exists "traceability"."certification_listing" cascade;`);

    this.addSql(`drop table if exists "traceability"."growing_area" cascade;`);

    this.addSql(`drop table if exists "traceability"."lot" cascade;`);

    this.addSql(`drop table if exists "traceability"."trace_code" cascade;`);

    this.addSql(`drop table if exists "traceability"."trace_event" cascade;`);

    this.addSql(`drop type "traceability"."certification_scheme";`);
    this.addSql(`drop type "traceability"."epcis_event_type";`);
    this.addSql(`drop type "traceability"."epcis_action";`);
    this.addSql(`drop schema if exists "traceability";`);
  }

}
