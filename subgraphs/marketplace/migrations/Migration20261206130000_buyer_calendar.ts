import { Migration } from '@mikro-orm/migrations';
import { type CalendarRollup, calendarRollupDown, calendarRollupUp } from '../../../platform/indicators/calendar-rollups';

/**
 * III.4 for the nation at 5M households: distinct farm-input buyers per whole month, quarter and year, and buyers by
 * their first day, kept from `input_buyer_day` by its trigger (platform/indicators/calendar-rollups.ts), so a
 * national year reads one count instead of grouping every buyer-day of the country.
 */
export const INPUT_BUYER_CALENDAR: CalendarRollup = { table: 'input_buyer_calendar', source: 'input_buyer_day', key: 'buyer_household_id', keyType: 'varchar(32)' };

export class Migration20261206130000_buyer_calendar extends Migration {

  override async up(): Promise<void> {
    for (const sql of calendarRollupUp('marketplace', INPUT_BUYER_CALENDAR)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of calendarRollupDown('marketplace', INPUT_BUYER_CALENDAR)) this.addSql(sql);
  }

}
