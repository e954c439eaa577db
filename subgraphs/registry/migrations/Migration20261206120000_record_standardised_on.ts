import { Migration } from '@mikro-orm/migrations';
import { keysOfChangedRows, qualifiedItemFunctionsReplaced, refreshTriggersDown, refreshTriggersUp, type QualifiedItemKind } from '../../../platform/indicators/rollups';
import { REGISTRY_ITEM_KINDS } from './Migration20261205140100_indicator_item_rollups';

/**
 * Households with standardised digital records (indicator A.2, a province's addition; docs/indicators.md). A record is
 * standard when it has the head's name, a commune of today's map with its province, at least one production group, a
 * phone, and a valid CCCD (12 digits) or, for a business household, cooperative or group, a registration code.
 * `record_standardised_on` is the day it became so, kept by a row trigger in every write path (list imports, the
 * generator, the demo), like `payment_account_opened_on`:
 * - a row inserted standard: its registration date (a list gives no other);
 * - a row that becomes standard by an update: that day (Vietnam); one that stops being standard: null again;
 * - rows stored before this migration (assumption): their registration date, when standard today.
 * The registry's item rollups count it (code A.2) on that day, through the household refresh function.
 */
export const STANDARD_RECORD_ITEM_KINDS: QualifiedItemKind[] = REGISTRY_ITEM_KINDS.map((kind) => (kind.kind !== 'household' ? kind : {
  ...kind,
  codes: [...kind.codes, 'A.2'],
  items: (keyIn) => `${kind.items(keyIn)}
  union all
  select h.id, 'A.2', h.province_code, h.commune_code, h.record_standardised_on
  from "registry"."household" h where h.record_standardised_on is not null and ${keyIn('h.id')}`,
}));

/** The household columns the household item refresh watches (see the earlier migration), now with A.2's date. */
const WATCHED = ['province_code', 'commune_code', 'payment_account_opened_on'];

const householdRefresh = (watched: string[]) => refreshTriggersUp('registry', 'household', [{
  kind: 'household',
  insert: 'select id from new_rows',
  update: keysOfChangedRows('id', watched),
  delete: 'select id from old_rows',
}]);

export class Migration20261206120000_record_standardised_on extends Migration {

  override async up(): Promise<void> {
    const statements = [
      `alter table "registry"."household" add column "record_standardised_on" date null;`,
      // Places: every writer stores today's communes with their province (imports resolve old names); the codes'
      // shape is checked here, per row, without a look-up per row.
      `create function "registry"."household_record_is_standard"(h "registry"."household") returns boolean language sql immutable as $$
  select btrim(coalesce(h.head_name, '')) <> ''
    and coalesce(h.commune_code, '') ~ '^[0-9]{5}$' and coalesce(h.province_code, '') ~ '^[0-9]{2}$'
    and coalesce(cardinality(h.product_groups), 0) > 0
    and coalesce(h.phone, '') <> ''
    and (coalesce(h.national_id, '') ~ '^[0-9]{12}$'
      or (h.kind <> 'HOUSEHOLD' and coalesce(h.registration_code, '') ~ '^[0-9]{10}([0-9]{3})?$'))
$$;`,
      `update "registry"."household" h set "record_standardised_on" = h."registered_on" where "registry"."household_record_is_standard"(h);`,
      `create function "registry"."household_record_standardised_on"() returns trigger language plpgsql as $$
begin
  if not "registry"."household_record_is_standard"(new) then
    new.record_standardised_on := null;
  elsif tg_op = 'INSERT' then
    new.record_standardised_on := coalesce(new.record_standardised_on, new.registered_on);
  elsif old.record_standardised_on is null then
    new.record_standardised_on := coalesce(new.record_standardised_on, (now() at time zone 'Asia/Ho_Chi_Minh')::date);
  else
    new.record_standardised_on := old.record_standardised_on;
  end if;
  return new;
end $$;`,
      `create trigger "household_record_standardised_on" before insert or update on "registry"."household" for each row execute function "registry"."household_record_standardised_on"();`,
      ...qualifiedItemFunctionsReplaced('registry', STANDARD_RECORD_ITEM_KINDS),
      ...refreshTriggersDown('registry', 'household'),
      ...householdRefresh([...WATCHED, 'record_standardised_on']),
      `select "registry"."rebuild_indicator_rollups"();`,
    ];
    for (const sql of statements) this.addSql(sql);
  }

  override async down(): Promise<void> {
    const statements = [
      ...refreshTriggersDown('registry', 'household'),
      ...householdRefresh(WATCHED),
      ...qualifiedItemFunctionsReplaced('registry', REGISTRY_ITEM_KINDS),
      `select "registry"."rebuild_indicator_rollups"();`,
      `drop trigger "household_record_standardised_on" on "registry"."household";`,
      `drop function "registry"."household_record_standardised_on"();`,
      `drop function "registry"."household_record_is_standard"("registry"."household");`,
      `alter table "registry"."household" drop column "record_standardised_on";`,
    ];
    for (const sql of statements) this.addSql(sql);
  }

}
