import { Migration } from '@mikro-orm/migrations';

export class Migration20261205061000_capture_source_claims extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "traceability"."claim_kind" as enum ('GTIN', 'LOCATION');`);
    this.addSql(`create table "traceability"."capture_source_claim" ("kind" "traceability"."claim_kind" not null, "value" varchar(255) not null, "source" varchar(64) not null, constraint "capture_source_claim_pkey" primary key ("kind", "value", "source"));`);
    // One owner per GTIN or location.
    this.addSql(`create unique index "capture_source_claim_kind_value_unique" on "traceability"."capture_source_claim" ("kind", "value");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "traceability"."capture_source_claim" cascade;`);
    this.addSql(`drop type "traceability"."claim_kind";`);
  }

}
