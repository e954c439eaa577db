import { Migration } from '@mikro-orm/migrations';

export class Migration20261123233000_shop_linking extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "marketplace"."household_link_status" as enum ('LINKED', 'REVIEW', 'UNLINKED');`);
    this.addSql(`create type "marketplace"."household_link_method" as enum ('NATIONAL_ID', 'PHONE', 'NAME_AND_COMMUNE', 'MANUAL');`);
    this.addSql(`alter table "marketplace"."shop" add column "link_status" "marketplace"."household_link_status" not null default 'UNLINKED', add column "link_method" "marketplace"."household_link_method" null, add column "link_confidence" double precision not null default 0, add column "link_candidates" jsonb null, add column "link_settled_at" timestamptz null;`);
    // Shops stored before linking existed came with their household (demo and generated data).
    this.addSql(`update "marketplace"."shop" set "link_status" = 'LINKED', "link_confidence" = 1 where "household_id" is not null;`);
    this.addSql(`create index "shop_link_status_id_index" on "marketplace"."shop" ("link_status", "id");`);
    this.addSql(`alter table "marketplace"."shop" add constraint shop_link_confidence_check check(link_confidence >= 0 and link_confidence <= 1);`);
    this.addSql(`alter table "marketplace"."shop" add constraint shop_linked_household_check check((link_status = 'LINKED') = (household_id is not null));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "marketplace"."shop" drop constraint shop_link_confidence_check;`);
    this.addSql(`alter table "marketplace"."shop" drop constraint shop_linked_household_check;`);
    this.addSql(`drop index "marketplace"."shop_link_status_id_index";`);
    this.addSql(`alter table "marketplace"."shop" drop column "link_status", drop column "link_method", drop column "link_confidence", drop column "link_candidates", drop column "link_settled_at";`);
    this.addSql(`drop type "marketplace"."household_link_method";`);
    this.addSql(`drop type "marketplace"."household_link_status";`);
  }

}
