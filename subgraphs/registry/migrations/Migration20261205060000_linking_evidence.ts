import { Migration } from '@mikro-orm/migrations';

/**
 * Evidence the matcher weighs besides the head's name, phone and ID: the head's birth year, the other members
 * (spouse and others, with their birth years) and a cooperative's or business household's registration or tax
 * code. Heads registered by CCCD get their birth year from it (digits 4-6 give century and year).
 */
export class Migration20261205060000_linking_evidence extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "registry"."household" add column "head_birth_year" smallint null, add column "members" jsonb null, add column "registration_code" varchar(32) null;`);
    this.addSql(`create index "household_registration_code_index" on "registry"."household" ("registration_code");`);
    this.addSql(`update "registry"."household" set "head_birth_year" = (case when substr("national_id", 4, 1) in ('2', '3') then 2000 else 1900 end) + substr("national_id", 5, 2)::int where length("national_id") = 12;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "registry"."household_registration_code_index";`);
    this.addSql(`alter table "registry"."household" drop column "head_birth_year", drop column "members", drop column "registration_code";`);
  }

}
