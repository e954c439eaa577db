import { Migration } from '@mikro-orm/migrations';

export class Migration20261123205107_epcis_capture extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "traceability"."household_link" as enum ('SOURCE', 'GROWING_AREA', 'GTIN', 'LOCATION');`);
    this.addSql(`create table "traceability"."epcis_capture_job" ("capture_id" varchar(40) not null, "created_at" timestamptz not null, "finished_at" timestamptz null, "running" boolean not null, "success" boolean not null, "capture_error_behaviour" varchar(16) not null, "document_id" text null, "event_count" int not null, "inserted" int not null, "updated" int not null, "unchanged" int not null, "rejected" int not null, "errors" jsonb not null, constraint "epcis_capture_job_pkey" primary key ("capture_id"));`);
    this.addSql(`create index "epcis_capture_job_created_at_index" on "traceability"."epcis_capture_job" ("created_at");`);

    this.addSql(`create table "traceability"."location" ("id" text not null, "source" varchar(64) not null default 'demo', "source_ref" varchar(255) null, "imported_at" timestamptz not null default now(), "content_hash" varchar(43) null, "gln" varchar(13) null, "gln_extension" varchar(255) null, "household_id" varchar(32) null, "first_seen_at" timestamptz not null, constraint "location_pkey" primary key ("id"));`);
    this.addSql(`create index "location_gln_index" on "traceability"."location" ("gln");`);
    this.addSql(`create index "location_household_id_index" on "traceability"."location" ("household_id");`);

    this.addSql(`alter type "traceability"."certification_scheme" add value if not exists 'OTHER' after 'OCOP';`);

    this.addSql(`alter table "traceability"."certification" add column "source" varchar(64) not null default 'demo', add column "source_ref" varchar(255) null, add column "imported_at" timestamptz not null default now(), add column "content_hash" varchar(43) null, add column "certification_info" text null;`);
    this.addSql(`alter table "traceability"."certification" alter column "household_id" type varchar(32) using ("household_id"::varchar(32));`);
    this.addSql(`alter table "traceability"."certification" alter column "household_id" drop not null;`);
    this.addSql(`alter table "traceability"."certification" alter column "product" type varchar(255) using ("product"::varchar(255));`);
    this.addSql(`alter table "traceability"."certification" alter column "product" drop not null;`);
    this.addSql(`alter table "traceability"."certification" alter column "valid_from" type date using ("valid_from"::date);`);
    this.addSql(`alter table "traceability"."certification" alter column "valid_from" drop not null;`);
    this.addSql(`alter table "traceability"."certification" alter column "valid_until" type date using ("valid_until"::date);`);
    this.addSql(`alter table "traceability"."certification" alter column "valid_until" drop not null;`);
    this.addSql(`alter table "traceability"."certification" add constraint "certification_certificate_number_unique" unique ("certificate_number");`);

    this.addSql(`alter table "traceability"."certification_listing" add column "source" varchar(64) not null default 'demo', add column "source_ref" varchar(255) null, add column "imported_at" timestamptz not null default now(), add column "content_hash" varchar(43) null;`);

    this.addSql(`alter table "traceability"."growing_area" add column "source" varchar(64) not null default 'demo', add column "source_ref" varchar(255) null, add column "imported_at" timestamptz not null default now(), add column "content_hash" varchar(43) null;`);
    this.addSql(`alter table "traceability"."growing_area" alter column "latitude" type double precision using ("latitude"::double precision);`);
    this.addSql(`alter table "traceability"."growing_area" alter column "latitude" drop not null;`);
    this.addSql(`alter table "traceability"."growing_area" alter column "longitude" type double precision using ("longitude"::double precision);`);
    this.addSql(`alter table "traceability"."growing_area" alter column "longitude" drop not null;`);

    this.addSql(`alter table "traceability"."lot" drop constraint "lot_lot_number_unique";`);

    this.addSql(`alter table "traceability"."lot" add column "source" varchar(64) not null default 'demo', add column "source_ref" varchar(255) null, add column "imported_at" timestamptz not null default now(), add column "content_hash" varchar(43) null, add column "household_link" "traceability"."household_link" null, add column "growing_area_code" varchar(32) null, add column "harvest_evidence" smallint not null default 3;`);
    this.addSql(`alter table "traceability"."lot" alter column "listing_id" type varchar(64) using ("listing_id"::varchar(64));`);
    this.addSql(`alter table "traceability"."lot" alter column "listing_id" drop not null;`);
    this.addSql(`alter table "traceability"."lot" alter column "household_id" type varchar(32) using ("household_id"::varchar(32));`);
    this.addSql(`alter table "traceability"."lot" alter column "household_id" drop not null;`);
    this.addSql(`alter table "traceability"."lot" alter column "product_key" type varchar(64) using ("product_key"::varchar(64));`);
    this.addSql(`alter table "traceability"."lot" alter column "product_key" drop not null;`);
    this.addSql(`alter table "traceability"."lot" alter column "gtin" type varchar(14) using ("gtin"::varchar(14));`);
    this.addSql(`alter table "traceability"."lot" alter column "gtin" drop not null;`);
    this.addSql(`alter table "traceability"."lot" alter column "quantity_kg" type double precision using ("quantity_kg"::double precision);`);
    this.addSql(`alter table "traceability"."lot" alter column "quantity_kg" drop not null;`);
    this.addSql(`create index "lot_growing_area_code_index" on "traceability"."lot" ("growing_area_code");`);
    this.addSql(`create index "lot_gtin_index" on "traceability"."lot" ("gtin");`);
    this.addSql(`alter table "traceability"."lot" add constraint "lot_lot_number_gtin_unique" unique ("lot_number", "gtin");`);

    this.addSql(`alter table "traceability"."trace_code" add column "source" varchar(64) not null default 'demo', add column "source_ref" varchar(255) null, add column "imported_at" timestamptz not null default now(), add column "content_hash" varchar(43) null;`);
    this.addSql(`alter table "traceability"."trace_code" alter column "code" type text using ("code"::text);`);
    this.addSql(`alter table "traceability"."trace_code" alter column "listing_id" type varchar(64) using ("listing_id"::varchar(64));`);
    this.addSql(`alter table "traceability"."trace_code" alter column "listing_id" drop not null;`);
    this.addSql(`alter table "traceability"."trace_code" alter column "digital_link" type text using ("digital_link"::text);`);
    this.addSql(`alter table "traceability"."trace_code" add constraint "trace_code_digital_link_unique" unique ("digital_link");`);

    this.addSql(`alter table "traceability"."trace_event" add column "source" varchar(64) not null default 'demo', add column "source_ref" varchar(255) null, add column "imported_at" timestamptz not null default now(), add column "content_hash" varchar(43) null, add column "quantities" jsonb null, add column "certification_info" text[] not null default '{}', add column "error_declared_at" timestamptz null, add column "error_reason" text null, add column "corrective_event_ids" text[] null;`);
    this.addSql(`alter table "traceability"."trace_event" alter column "event_id" type text using ("event_id"::text);`);
    this.addSql(`alter table "traceability"."trace_event" alter column "lot_id" type varchar(48) using ("lot_id"::varchar(48));`);
    this.addSql(`alter table "traceability"."trace_event" alter column "lot_id" drop not null;`);
    this.addSql(`alter table "traceability"."trace_event" alter column "action" type "traceability"."epcis_action" using ("action"::"traceability"."epcis_action");`);
    this.addSql(`alter table "traceability"."trace_event" alter column "action" drop not null;`);
    this.addSql(`alter table "traceability"."trace_event" alter column "biz_step" type text using ("biz_step"::text);`);
    this.addSql(`alter table "traceability"."trace_event" alter column "biz_step" drop not null;`);
    this.addSql(`alter table "traceability"."trace_event" alter column "disposition" type text using ("disposition"::text);`);
    this.addSql(`alter table "traceability"."trace_event" alter column "read_point" type text using ("read_point"::text);`);
    this.addSql(`alter table "traceability"."trace_event" alter column "biz_location" type text using ("biz_location"::text);`);
    this.addSql(`create index "trace_event_biz_location_index" on "traceability"."trace_event" ("biz_location");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "traceability"."epcis_capture_job" cascade;`);

    this.addSql(`drop table if exists "traceability"."location" cascade;`);

    this.addSql(`alter table "traceability"."certification" drop constraint "certification_certificate_number_unique";`);
    this.addSql(`alter table "traceability"."certification" drop column "source", drop column "source_ref", drop column "imported_at", drop column "content_hash", drop column "certification_info";`);

    this.addSql(`alter table "traceability"."certification" alter column "household_id" type varchar(32) using ("household_id"::varchar(32));`);
    this.addSql(`alter table "traceability"."certification" alter column "household_id" set not null;`);
    this.addSql(`alter table "traceability"."certification" alter column "product" type varchar(255) using ("product"::varchar(255));`);
    this.addSql(`alter table "traceability"."certification" alter column "product" set not null;`);
    this.addSql(`alter table "traceability"."certification" alter column "valid_from" type date using ("valid_from"::date);`);
    this.addSql(`alter table "traceability"."certification" alter column "valid_from" set not null;`);
    this.addSql(`alter table "traceability"."certification" alter column "valid_until" type date using ("valid_until"::date);`);
    this.addSql(`alter table "traceability"."certification" alter column "valid_until" set not null;`);

    this.addSql(`alter table "traceability"."certification_listing" drop column "source", drop column "source_ref", drop column "imported_at", drop column "content_hash";`);

    this.addSql(`alter table "traceability"."growing_area" drop column "source", drop column "source_ref", drop column "imported_at", drop column "content_hash";`);

    this.addSql(`alter table "traceability"."growing_area" alter column "latitude" type float8 using ("latitude"::float8);`);
    this.addSql(`alter table "traceability"."growing_area" alter column "latitude" set not null;`);
    this.addSql(`alter table "traceability"."growing_area" alter column "longitude" type float8 using ("longitude"::float8);`);
    this.addSql(`alter table "traceability"."growing_area" alter column "longitude" set not null;`);

    this.addSql(`drop index "traceability"."lot_growing_area_code_index";`);
    this.addSql(`drop index "traceability"."lot_gtin_index";`);
    this.addSql(`alter table "traceability"."lot" drop constraint "lot_lot_number_gtin_unique";`);
    this.addSql(`alter table "traceability"."lot" drop column "source", drop column "source_ref", drop column "imported_at", drop column "content_hash", drop column "household_link", drop column "growing_area_code", drop column "harvest_evidence";`);

    this.addSql(`alter table "traceability"."lot" alter column "listing_id" type varchar(64) using ("listing_id"::varchar(64));`);
    this.addSql(`alter table "traceability"."lot" alter column "listing_id" set not null;`);
    this.addSql(`alter table "traceability"."lot" alter column "household_id" type varchar(32) using ("household_id"::varchar(32));`);
    this.addSql(`alter table "traceability"."lot" alter column "household_id" set not null;`);
    this.addSql(`alter table "traceability"."lot" alter column "product_key" type varchar(64) using ("product_key"::varchar(64));`);
    this.addSql(`alter table "traceability"."lot" alter column "product_key" set not null;`);
    this.addSql(`alter table "traceability"."lot" alter column "gtin" type varchar(14) using ("gtin"::varchar(14));`);
    this.addSql(`alter table "traceability"."lot" alter column "gtin" set not null;`);
    this.addSql(`alter table "traceability"."lot" alter column "quantity_kg" type float8 using ("quantity_kg"::float8);`);
    this.addSql(`alter table "traceability"."lot" alter column "quantity_kg" set not null;`);
    this.addSql(`alter table "traceability"."lot" add constraint "lot_lot_number_unique" unique ("lot_number");`);

    this.addSql(`alter table "traceability"."trace_code" drop constraint "trace_code_digital_link_unique";`);
    this.addSql(`alter table "traceability"."trace_code" drop column "source", drop column "source_ref", drop column "imported_at", drop column "content_hash";`);

    this.addSql(`alter table "traceability"."trace_code" alter column "code" type varchar(64) using ("code"::varchar(64));`);
    this.addSql(`alter table "traceability"."trace_code" alter column "listing_id" type varchar(64) using ("listing_id"::varchar(64));`);
    this.addSql(`alter table "traceability"."trace_code" alter column "listing_id" set not null;`);
    this.addSql(`alter table "traceability"."trace_code" alter column "digital_link" type varchar(255) using ("digital_link"::varchar(255));`);

    this.addSql(`drop index "traceability"."trace_event_biz_location_index";`);
    this.addSql(`alter table "traceability"."trace_event" drop column "source", drop column "source_ref", drop column "imported_at", drop column "content_hash", drop column "quantities", drop column "certification_info", drop column "error_declared_at", drop column "error_reason", drop column "corrective_event_ids";`);

    this.addSql(`alter table "traceability"."trace_event" alter column "event_id" type varchar(128) using ("event_id"::varchar(128));`);
    this.addSql(`alter table "traceability"."trace_event" alter column "lot_id" type varchar(48) using ("lot_id"::varchar(48));`);
    this.addSql(`alter table "traceability"."trace_event" alter column "lot_id" set not null;`);
    this.addSql(`alter table "traceability"."trace_event" alter column "action" type "traceability"."epcis_action" using ("action"::"traceability"."epcis_action");`);
    this.addSql(`alter table "traceability"."trace_event" alter column "action" set not null;`);
    this.addSql(`alter table "traceability"."trace_event" alter column "biz_step" type varchar(128) using ("biz_step"::varchar(128));`);
    this.addSql(`alter table "traceability"."trace_event" alter column "biz_step" set not null;`);
    this.addSql(`alter table "traceability"."trace_event" alter column "disposition" type varchar(128) using ("disposition"::varchar(128));`);
    this.addSql(`alter table "traceability"."trace_event" alter column "read_point" type varchar(255) using ("read_point"::varchar(255));`);
    this.addSql(`alter table "traceability"."trace_event" alter column "biz_location" type varchar(255) using ("biz_location"::varchar(255));`);

    this.addSql(`drop type "traceability"."household_link";`);
  }

}
