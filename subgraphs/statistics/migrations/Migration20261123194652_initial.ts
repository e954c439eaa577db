import { Migration } from '@mikro-orm/migrations';

export class Migration20261123194652_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "statistics";`);
    this.addSql(`create type "statistics"."census_link_method" as enum ('NATIONAL_ID', 'PHONE', 'NAME_AND_COMMUNE');`);
    this.addSql(`create table "statistics"."census_record" ("id" serial primary key, "household_id" varchar(32) not null, "census_year" smallint not null, "land_area_ha" double precision not null, "main_crops" text[] not null, "livestock_heads" int not null, "poultry_heads" int not null, "labourers" smallint not null, "link_method" "statistics"."census_link_method" not null, "link_confidence" double precision not null, "source" varchar(255) not null default 'demo', "imported_at" timestamptz not null default now(), constraint census_record_link_confidence_check check (link_confidence >= 0 and link_confidence <= 1));`);
    this.addSql(`alter table "statistics"."census_record" add constraint "census_record_household_id_unique" unique ("household_id");`);

    this.addSql(`create table "statistics"."indicator_observation" ("id" serial primary key, "province_code" varchar(2) not null, "crop" varchar(64) not null, "year" smallint not null, "production_tonnes" double precision null, "area_ha" double precision null, "farming_households" int null, "source" varchar(255) not null default 'demo', "imported_at" timestamptz not null default now());`);
    this.addSql(`create index "indicator_observation_crop_province_code_year_index" on "statistics"."indicator_observation" ("crop", "province_code", "year");`);
    this.addSql(`alter table "statistics"."indicator_observation" add constraint "indicator_observation_province_code_crop_year_unique" unique ("province_code", "crop", "year");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "statistics"."census_record" cascade;`);

    this.addSql(`drop table if exists "statistics"."indicator_observation" cascade;`);

    this.addSql(`drop type "statistics"."census_link_method";`);
    this.addSql(`drop schema if exists "statistics";`);
  }

}
