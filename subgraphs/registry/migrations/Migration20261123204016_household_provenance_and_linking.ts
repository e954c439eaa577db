import { Migration } from '@mikro-orm/migrations';
import { householdIdentityColumns } from '../linking/identity-columns';

const BACKFILL_ROWS_PER_STATEMENT = 5000;

export class Migration20261123204016_household_provenance_and_linking extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "registry"."household" add column "source_ref" varchar(255) null, add column "content_hash" varchar(43) null, add column "national_id_hash" varchar(43) null, add column "previous_national_id_hash" varchar(43) null, add column "name_blocks" text[] null;`);
    this.addSql(`alter table "registry"."household" alter column "source" type varchar(64) using ("source"::varchar(64));`);
    this.addSql(`alter table "registry"."household" rename column "updated_at" to "imported_at";`);
    this.addSql(`create index "household_phone_index" on "registry"."household" ("phone");`);
    this.addSql(`alter table "registry"."household" add constraint "household_national_id_hash_unique" unique ("national_id_hash");`);
    this.addSql(`create index "household_previous_national_id_hash_index" on "registry"."household" ("previous_national_id_hash");`);
    this.addSql(`create index "household_id_commune_prefix_index" on "registry"."household" (left("id", 8), "id");`);
    this.addSql(`create index "household_name_blocks_index" on "registry"."household" using gin ("name_blocks") with (fastupdate = off);`);
    await this.fillIdentityColumns();
  }

  /** Households stored before this migration (demo data) get their ID hash and name keys, computed as the importer does. */
  private async fillIdentityColumns(): Promise<void> {
    const rows = (await this.execute(`select "id", "head_name", "national_id", "commune_code" from "registry"."household"`)) as unknown as {
      id: string;
      head_name: string;
      national_id: string | null;
      commune_code: string;
    }[];
    const knex = this.getKnex();
    for (let start = 0; start < rows.length; start += BACKFILL_ROWS_PER_STATEMENT) {
      const batch = rows.slice(start, start + BACKFILL_ROWS_PER_STATEMENT).map((row) => ({
        id: row.id,
        ...householdIdentityColumns({ headName: row.head_name, nationalId: row.national_id, communeCode: row.commune_code }),
      }));
      this.addSql(
        knex
          .raw(
            `update "registry"."household" as h
             set "national_id_hash" = v.hash, "name_blocks" = array(select jsonb_array_elements_text(v.blocks))
             from jsonb_to_recordset(?::jsonb) as v(id text, hash text, blocks jsonb)
             where h."id" = v.id`,
            [JSON.stringify(batch.map((row) => ({ id: row.id, hash: row.nationalIdHash, blocks: row.nameBlocks })))],
          )
          .toQuery(),
      );
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "registry"."household_phone_index";`);
    this.addSql(`alter table "registry"."household" drop constraint "household_national_id_hash_unique";`);
    this.addSql(`drop index "registry"."household_previous_national_id_hash_index";`);
    this.addSql(`drop index "registry"."household_id_commune_prefix_index";`);
    this.addSql(`drop index "registry"."household_name_blocks_index";`);
    this.addSql(`alter table "registry"."household" drop column "source_ref", drop column "content_hash", drop column "national_id_hash", drop column "previous_national_id_hash", drop column "name_blocks";`);

    this.addSql(`alter table "registry"."household" alter column "source" type varchar(255) using ("source"::varchar(255));`);
    this.addSql(`alter table "registry"."household" rename column "imported_at" to "updated_at";`);
  }

}
