import { Migration } from '@mikro-orm/migrations';

/**
 * The date an e-payment account was opened (indicator I.4 "opened in the period"). Registry lists say only whether
 * a household has an account. Assumption, for households stored before this migration and for households that arrive
 * with an account: it was opened on the household's registration date. A household whose status later changes from
 * NONE to OPENED/ACTIVE gets the day of that change; back to NONE clears it. A trigger keeps this in every write path.
 */
export class Migration20261205053000_indicator_dates extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "registry"."household" add column "payment_account_opened_on" date null;`);
    this.addSql(`update "registry"."household" set "payment_account_opened_on" = "registered_on" where "payment_account" <> 'NONE';`);
    this.addSql(`create function "registry"."household_payment_account_opened_on"() returns trigger language plpgsql as $$
begin
  if new.payment_account = 'NONE' then
    new.payment_account_opened_on := null;
  elsif tg_op = 'INSERT' then
    new.payment_account_opened_on := coalesce(new.payment_account_opened_on, new.registered_on);
  elsif old.payment_account = 'NONE' then
    new.payment_account_opened_on := coalesce(new.payment_account_opened_on, (now() at time zone 'Asia/Ho_Chi_Minh')::date);
  else
    new.payment_account_opened_on := coalesce(old.payment_account_opened_on, new.payment_account_opened_on);
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger "household_payment_account_opened_on" before insert or update on "registry"."household" for each row execute function "registry"."household_payment_account_opened_on"();`);
    this.addSql(`create index "training_topic_completed_on_index" on "registry"."training" ("topic", "completed_on", "household_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "registry"."training_topic_completed_on_index";`);
    this.addSql(`drop trigger "household_payment_account_opened_on" on "registry"."household";`);
    this.addSql(`drop function "registry"."household_payment_account_opened_on"();`);
    this.addSql(`alter table "registry"."household" drop column "payment_account_opened_on";`);
  }

}
