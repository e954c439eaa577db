import { Migration } from '@mikro-orm/migrations';

/**
 * The register of information items published to farming households (indicators III.1 and III.2, issue 11), and
 * the days each was published or updated. New tables: nothing stored before needs a date.
 */
export class Migration20261205140000_information_items extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "registry"."information_channel" as enum ('POSTMART', 'VOSO', 'MOBILE_APP', 'OTHER');`);
    this.addSql(`create table "registry"."information_item" ("id" bigserial primary key, "scope" varchar(5) not null, "reference" varchar(64) not null, "title" varchar(255) not null, "channel" "registry"."information_channel" not null, "province_code" varchar(2) null, "commune_code" varchar(5) null, "published_on" date not null, "updated_on" date not null, "recorded_by" varchar(255) not null);`);
    this.addSql(`alter table "registry"."information_item" add constraint "information_item_scope_reference_unique" unique ("scope", "reference");`);
    this.addSql(`create index "information_item_province_code_published_on_index" on "registry"."information_item" ("province_code", "published_on");`);
    this.addSql(`create index "information_item_commune_code_published_on_index" on "registry"."information_item" ("commune_code", "published_on");`);
    this.addSql(`create table "registry"."information_update" ("item_id" bigint not null references "registry"."information_item" ("id") on delete cascade, "day" date not null, constraint "information_update_pkey" primary key ("item_id", "day"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "registry"."information_update";`);
    this.addSql(`drop table if exists "registry"."information_item";`);
    this.addSql(`drop type if exists "registry"."information_channel";`);
  }

}
