import { Migration } from '@mikro-orm/migrations';

/** Targets of the programme indicators per scope and year, set by officials (issue 11). */
export class Migration20261205060000_indicator_targets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "statistics"."indicator_target" ("scope" varchar(5) not null, "year" smallint not null, "code" varchar(8) not null, "percent" double precision null, "absolute" double precision null, "set_by" varchar(255) not null, "updated_at" timestamptz not null, constraint "indicator_target_pkey" primary key ("scope", "year", "code"));`);
    this.addSql(`alter table "statistics"."indicator_target" add constraint "indicator_target_one_kind_check" check (("percent" is null) <> ("absolute" is null));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "statistics"."indicator_target" cascade;`);
  }

}
