import { Migration } from '@mikro-orm/migrations';

export class Migration20261123204321_census_linking_and_provenance extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "statistics"."census_link_status" as enum ('LINKED', 'REVIEW', 'UNLINKED');`);
    this.addSql(`alter type "statistics"."census_link_method" add value if not exists 'MANUAL' after 'NAME_AND_COMMUNE';`);

    this.addSql(`alter table "statistics"."census_record" drop constraint "census_record_household_id_unique";`);
    this.addSql(`alter table "statistics"."census_record" drop constraint census_record_link_confidence_check;`);

    this.addSql(`alter table "statistics"."census_record" add column "source_ref" varchar(255) null, add column "content_hash" varchar(43) null, add column "record_key" varchar(64) null, add column "respondent_name" varchar(128) null, add column "phone" varchar(16) null, add column "national_id_hash" varchar(64) null, add column "commune_code" varchar(5) null, add column "link_status" "statistics"."census_link_status" null, add column "link_candidates" jsonb null, add column "link_settled_at" timestamptz null;`);
    // Records written before linking existed were all linked; the demo's get the keys the demo loader gives them.
    this.addSql(`update "statistics"."census_record" set "link_status" = 'LINKED', "record_key" = case when "source" = 'demo' then 'DEMO-' || "household_id" else 'ROW-' || "id" end;`);
    this.addSql(`alter table "statistics"."census_record" alter column "record_key" set not null, alter column "link_status" set not null;`);
    this.addSql(`alter table "statistics"."census_record" alter column "household_id" type varchar(32) using ("household_id"::varchar(32));`);
    this.addSql(`alter table "statistics"."census_record" alter column "household_id" drop not null;`);
    this.addSql(`alter table "statistics"."census_record" alter column "link_method" type "statistics"."census_link_method" using ("link_method"::"statistics"."census_link_method");`);
    this.addSql(`alter table "statistics"."census_record" alter column "link_method" drop not null;`);
    this.addSql(`alter table "statistics"."census_record" alter column "source" type varchar(64) using ("source"::varchar(64));`);
    this.addSql(`create index "census_record_link_status_id_index" on "statistics"."census_record" ("link_status", "id");`);
    this.addSql(`alter table "statistics"."census_record" add constraint "census_record_household_id_census_year_unique" unique ("household_id", "census_year");`);
    this.addSql(`alter table "statistics"."census_record" add constraint "census_record_census_year_record_key_unique" unique ("census_year", "record_key");`);
    this.addSql(`alter table "statistics"."census_record" add constraint census_record_linked_household_check check((link_status = 'LINKED') = (household_id is not null));`);
    this.addSql(`alter table "statistics"."census_record" add constraint census_record_link_confidence_check check(link_confidence >= 0 and link_confidence <= 1);`);

    this.addSql(`alter table "statistics"."indicator_observation" add column "source_ref" varchar(255) null, add column "content_hash" varchar(43) null, add column "measure_sources" jsonb null;`);
    this.addSql(`alter table "statistics"."indicator_observation" alter column "source" type varchar(64) using ("source"::varchar(64));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "statistics"."census_record_link_status_id_index";`);
    this.addSql(`alter table "statistics"."census_record" drop constraint "census_record_household_id_census_year_unique";`);
    this.addSql(`alter table "statistics"."census_record" drop constraint "census_record_census_year_record_key_unique";`);
    this.addSql(`alter table "statistics"."census_record" drop constraint census_record_linked_household_check;`);
    this.addSql(`alter table "statistics"."census_record" drop constraint census_record_link_confidence_check;`);
    this.addSql(`alter table "statistics"."census_record" drop column "source_ref", drop column "content_hash", drop column "record_key", drop column "respondent_name", drop column "phone", drop column "national_id_hash", drop column "commune_code", drop column "link_status", drop column "link_candidates", drop column "link_settled_at";`);

    this.addSql(`alter table "statistics"."census_record" alter column "source" type varchar(255) using ("source"::varchar(255));`);
    this.addSql(`alter table "statistics"."census_record" alter column "household_id" type varchar(32) using ("household_id"::varchar(32));`);
    this.addSql(`alter table "statistics"."census_record" alter column "household_id" set not null;`);
    this.addSql(`alter table "statistics"."census_record" alter column "link_method" type "statistics"."census_link_method" using ("link_method"::"statistics"."census_link_method");`);
    this.addSql(`alter table "statistics"."census_record" alter column "link_method" set not null;`);
    this.addSql(`alter table "statistics"."census_record" add constraint "census_record_household_id_unique" unique ("household_id");`);
    this.addSql(`alter table "statistics"."census_record" add constraint census_record_link_confidence_check check(link_confidence >= (0 precision) AND link_confidence <= (1 precision));`);

    this.addSql(`alter table "statistics"."indicator_observation" drop column "source_ref", drop column "content_hash", drop column "measure_sources";`);

    this.addSql(`alter table "statistics"."indicator_observation" alter column "source" type varchar(255) using ("source"::varchar(255));`);

    this.addSql(`drop type "statistics"."census_link_status";`);
  }

}
