import { Migration } from '@mikro-orm/migrations';

/** The respondent's year of birth, weighed when a census record is linked (or linked again); never published. */
export class Migration20261205061000_census_respondent_birth_year extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "statistics"."census_record" add column "respondent_birth_year" smallint null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "statistics"."census_record" drop column "respondent_birth_year";`);
  }

}
