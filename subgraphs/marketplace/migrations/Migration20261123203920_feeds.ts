import { Migration } from '@mikro-orm/migrations';

export class Migration20261123203920_feeds extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "marketplace"."pull_cursor" ("platform" "marketplace"."platform" not null, "cursor" varchar(500) not null, "base_url" varchar(500) not null, "events_pulled" bigint not null default 0, "updated_at" timestamptz not null, constraint "pull_cursor_pkey" primary key ("platform"));`);

    this.addSql(`create table "marketplace"."received_event" ("platform" "marketplace"."platform" not null, "event_id" varchar(100) not null, "type" varchar(32) not null, "object_id" varchar(48) not null, "occurred_at" timestamptz not null, "received_at" timestamptz not null, "via" varchar(16) not null, constraint "received_event_pkey" primary key ("platform", "event_id"));`);
    this.addSql(`create index "received_event_listing_removed_idx" on "marketplace"."received_event" ("object_id", "occurred_at") where "type" = 'listing.removed';`);

    this.addSql(`alter table "marketplace"."listing" add column "source" varchar(64) not null default 'demo', add column "source_ref" varchar(255) null, add column "imported_at" timestamptz not null default now(), add column "content_hash" varchar(43) null, add column "source_updated_at" timestamptz null;`);
    this.addSql(`alter table "marketplace"."listing" alter column "household_id" type varchar(32) using ("household_id"::varchar(32));`);
    this.addSql(`alter table "marketplace"."listing" alter column "household_id" drop not null;`);

    this.addSql(`alter table "marketplace"."order" add column "source" varchar(64) not null default 'demo', add column "source_ref" varchar(255) null, add column "imported_at" timestamptz not null default now(), add column "content_hash" varchar(43) null, add column "source_updated_at" timestamptz null;`);
    this.addSql(`alter table "marketplace"."order" alter column "seller_household_id" type varchar(32) using ("seller_household_id"::varchar(32));`);
    this.addSql(`alter table "marketplace"."order" alter column "seller_household_id" drop not null;`);

    this.addSql(`alter table "marketplace"."shop" add column "source" varchar(64) not null default 'demo', add column "source_ref" varchar(255) null, add column "imported_at" timestamptz not null default now(), add column "content_hash" varchar(43) null, add column "seller_name" varchar(255) null, add column "seller_phone" varchar(16) null, add column "seller_national_id_hash" varchar(64) null, add column "commune_resolved_via" varchar(32) null, add column "source_updated_at" timestamptz null;`);
    this.addSql(`alter table "marketplace"."shop" alter column "household_id" type varchar(32) using ("household_id"::varchar(32));`);
    this.addSql(`alter table "marketplace"."shop" alter column "household_id" drop not null;`);
    this.addSql(`alter table "marketplace"."shop" alter column "rating" type double precision using ("rating"::double precision);`);
    this.addSql(`alter table "marketplace"."shop" alter column "rating" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketplace"."pull_cursor" cascade;`);

    this.addSql(`drop table if exists "marketplace"."received_event" cascade;`);

    this.addSql(`alter table "marketplace"."listing" drop column "source", drop column "source_ref", drop column "imported_at", drop column "content_hash", drop column "source_updated_at";`);

    this.addSql(`alter table "marketplace"."listing" alter column "household_id" type varchar(32) using ("household_id"::varchar(32));`);
    this.addSql(`alter table "marketplace"."listing" alter column "household_id" set not null;`);

    this.addSql(`alter table "marketplace"."order" drop column "source", drop column "source_ref", drop column "imported_at", drop column "content_hash", drop column "source_updated_at";`);

    this.addSql(`alter table "marketplace"."order" alter column "seller_household_id" type varchar(32) using ("seller_household_id"::varchar(32));`);
    this.addSql(`alter table "marketplace"."order" alter column "seller_household_id" set not null;`);

    this.addSql(`alter table "marketplace"."shop" drop column "source", drop column "source_ref", drop column "imported_at", drop column "content_hash", drop column "seller_name", drop column "seller_phone", drop column "seller_national_id_hash", drop column "commune_resolved_via", drop column "source_updated_at";`);

    this.addSql(`alter table "marketplace"."shop" alter column "household_id" type varchar(32) using ("household_id"::varchar(32));`);
    this.addSql(`alter table "marketplace"."shop" alter column "household_id" set not null;`);
    this.addSql(`alter table "marketplace"."shop" alter column "rating" type float8 using ("rating"::float8);`);
    this.addSql(`alter table "marketplace"."shop" alter column "rating" set not null;`);
  }

}
