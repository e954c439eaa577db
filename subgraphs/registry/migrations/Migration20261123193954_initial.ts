import { Migration } from '@mikro-orm/migrations';

export class Migration20261123193954_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "registry";`);
    this.addSql(`create type "registry"."household_kind" as enum ('HOUSEHOLD', 'BUSINESS_HOUSEHOLD', 'COOPERATIVE', 'COOPERATIVE_GROUP');`);
    this.addSql(`create type "registry"."household_scale" as enum ('SMALL', 'MEDIUM', 'LARGE', 'FARM');`);
    this.addSql(`create type "registry"."payment_account_status" as enum ('NONE', 'OPENED', 'ACTIVE');`);
    this.addSql(`create type "registry"."training_topic" as enum ('DIGITAL_SKILLS', 'PACKING_AND_DELIVERY');`);
    this.addSql(`create table "registry"."commune" ("code" varchar(5) not null, "name" varchar(255) not null, "name_en" varchar(255) not null, "full_name" varchar(255) not null, "unit_type" varchar(255) not null, "province_code" varchar(2) not null, "latitude" double precision null, "longitude" double precision null, constraint "commune_pkey" primary key ("code"));`);
    this.addSql(`create index "commune_province_code_index" on "registry"."commune" ("province_code");`);

    this.addSql(`create table "registry"."household" ("id" varchar(32) not null, "kind" "registry"."household_kind" not null, "display_name" varchar(255) not null, "commune_code" varchar(5) not null, "province_code" varchar(2) not null, "scale" "registry"."household_scale" not null, "product_groups" text[] not null, "cooperative_id" varchar(32) null, "payment_account" "registry"."payment_account_status" not null, "consents" text[] not null, "registered_on" date not null, "head_name" varchar(255) not null, "phone" varchar(255) null, "national_id" varchar(255) null, "street_address" varchar(255) null, "source" varchar(255) not null default 'demo', "updated_at" timestamptz not null default now(), constraint "household_pkey" primary key ("id"));`);
    this.addSql(`create index "household_cooperative_id_index" on "registry"."household" ("cooperative_id");`);
    this.addSql(`create index "household_product_groups_index" on "registry"."household" using gin ("product_groups");`);
    this.addSql(`create index "household_kind_id_index" on "registry"."household" ("kind", "id");`);
    this.addSql(`create index "household_province_code_id_index" on "registry"."household" ("province_code", "id");`);
    this.addSql(`create index "household_commune_code_id_index" on "registry"."household" ("commune_code", "id");`);

    this.addSql(`create table "registry"."province" ("code" varchar(2) not null, "name" varchar(255) not null, "name_en" varchar(255) not null, "full_name" varchar(255) not null, "unit_type" varchar(255) not null, "latitude" double precision null, "longitude" double precision null, constraint "province_pkey" primary key ("code"));`);

    this.addSql(`create table "registry"."training" ("id" serial primary key, "household_id" varchar(32) not null, "topic" "registry"."training_topic" not null, "completed_on" date not null, "organiser" varchar(255) null);`);
    this.addSql(`create index "training_household_id_index" on "registry"."training" ("household_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "registry"."commune" cascade;`);

    this.addSql(`drop table if exists "registry"."household" cascade;`);

    this.addSql(`drop table if exists "registry"."province" cascade;`);

    this.addSql(`drop table if exists "registry"."training" cascade;`);

    this.addSql(`drop type "registry"."household_kind";`);
    this.addSql(`drop type "registry"."household_scale";`);
    this.addSql(`drop type "registry"."payment_account_status";`);
    this.addSql(`drop type "registry"."training_topic";`);
    this.addSql(`drop schema if exists "registry";`);
  }

}
