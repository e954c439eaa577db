import { Migration } from '@mikro-orm/migrations';

export class Migration20261123204216_places extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "registry"."commune_code_alias" ("code" varchar(5) not null, "commune_code" varchar(5) not null, "note" text not null, constraint "commune_code_alias_pkey" primary key ("code"));`);

    this.addSql(`create table "registry"."legacy_commune" ("code" varchar(5) not null, "name" varchar(255) not null, "full_name" varchar(255) not null, "unit_type" varchar(255) not null, "district" varchar(255) not null, "district_code" varchar(3) not null, "province" varchar(255) not null, "province_code" varchar(2) not null, "split" boolean not null, constraint "legacy_commune_pkey" primary key ("code"));`);

    this.addSql(`create table "registry"."legacy_commune_successor" ("legacy_code" varchar(5) not null, "position" smallint not null, "commune_code" varchar(5) not null, constraint "legacy_commune_successor_pkey" primary key ("legacy_code", "position"));`);
    this.addSql(`create index "legacy_commune_successor_commune_code_index" on "registry"."legacy_commune_successor" ("commune_code");`);

    this.addSql(`create table "registry"."legacy_province" ("code" varchar(2) not null, "name" varchar(255) not null, "full_name" varchar(255) not null, "successor_code" varchar(2) not null, constraint "legacy_province_pkey" primary key ("code"));`);
    this.addSql(`create index "legacy_province_successor_code_index" on "registry"."legacy_province" ("successor_code");`);

    this.addSql(`create table "registry"."reference_data_version" ("name" varchar(255) not null, "checksum" varchar(255) not null, "loaded_at" timestamptz not null, constraint "reference_data_version_pkey" primary key ("name"));`);

    this.addSql(`alter table "registry"."commune" add column "folded_name" varchar(255) not null default '', add column "folded_full_name" varchar(255) not null default '';`);
    this.addSql(`create index "commune_folded_name_index" on "registry"."commune" ("folded_name" text_pattern_ops);`);

    this.addSql(`alter table "registry"."province" add column "folded_name" varchar(255) not null default '', add column "folded_full_name" varchar(255) not null default '';`);
    this.addSql(`create index "province_folded_name_index" on "registry"."province" ("folded_name" text_pattern_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "registry"."commune_code_alias" cascade;`);

    this.addSql(`drop table if exists "registry"."legacy_commune" cascade;`);

    this.addSql(`drop table if exists "registry"."legacy_commune_successor" cascade;`);

    this.addSql(`drop table if exists "registry"."legacy_province" cascade;`);

    this.addSql(`drop table if exists "registry"."reference_data_version" cascade;`);

    this.addSql(`drop index "registry"."commune_folded_name_index";`);
    this.addSql(`alter table "registry"."commune" drop column "folded_name", drop column "folded_full_name";`);

    this.addSql(`drop index "registry"."province_folded_name_index";`);
    this.addSql(`alter table "registry"."province" drop column "folded_name", drop column "folded_full_name";`);
  }

}
