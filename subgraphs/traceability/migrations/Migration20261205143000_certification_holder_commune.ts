import { Migration } from '@mikro-orm/migrations';

/**
 * Where a certificate's holder is, for OCOP 3+ coverage per province (issue 11, Nghệ An's addition): the holder
 * household's current commune, which imports now take from the registry's answer (ingest/holders.ts).
 * Assumption for certificates stored before: the commune written in the holder's standard household ID
 * (HH-<commune>-<number>, the commune the household was first registered in, today's codes); a household that moved
 * since is placed where it was registered until its certificate is imported again. Certificates without a known
 * holder stay unplaced (nation only).
 */
export class Migration20261205143000_certification_holder_commune extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "traceability"."certification" add column "holder_commune_code" varchar(5) null;`);
    this.addSql(`update "traceability"."certification" set "holder_commune_code" = substring("household_id" from 4 for 5) where "household_id" ~ '^HH-[0-9]{5}-[0-9]{5}$';`);
    this.addSql(`create index "certification_ocop_holder_commune_index" on "traceability"."certification" ("holder_commune_code", "stars") where "scheme" = 'OCOP';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "traceability"."certification_ocop_holder_commune_index";`);
    this.addSql(`alter table "traceability"."certification" drop column "holder_commune_code";`);
  }

}
