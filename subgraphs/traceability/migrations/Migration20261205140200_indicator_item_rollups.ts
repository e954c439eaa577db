import { Migration } from '@mikro-orm/migrations';
import { keysOfChangedRows, qualifiedItemRollupsDown, qualifiedItemRollupsUp, refreshTriggersDown, refreshTriggersUp, type QualifiedItemKind } from '../../../platform/indicators/rollups';

/**
 * II.5 rolled up per commune x day (issue 11, speed at national scale; platform/indicators/rollups.ts): listings
 * counted on the harvest day of their first lot with a QR trace code, placed by the lot's growing-area commune
 * (traceability knows no provinces: province_code is '', and lots without a growing area have commune '' too, so
 * they count for the nation only). Filled here from the rows already stored, then kept by statement-level triggers
 * on lot, trace_code and growing_area; `rebuild_indicator_rollups()` recomputes them (`npx nongsan rollups
 * rebuild`, the generator).
 */
export const TRACEABILITY_ITEM_KINDS: QualifiedItemKind[] = [{
  kind: 'listing',
  codes: ['II.5'],
  items: (keyIn) => `select l.listing_id, 'II.5', '', coalesce(min(g.commune_code), ''), min((l.harvested_at at time zone 'Asia/Ho_Chi_Minh')::date)
  from "traceability"."lot" l left join "traceability"."growing_area" g on g.id = l.growing_area_id
  where l.listing_id is not null and exists (select 1 from "traceability"."trace_code" c where c.lot_id = l.id) and ${keyIn('l.listing_id')}
  group by l.listing_id`,
}];

const lotListings = (rows: string, on: string) => `select l.listing_id from "traceability"."lot" l join ${rows} on ${on}`;

export class Migration20261205140200_indicator_item_rollups extends Migration {

  override async up(): Promise<void> {
    const statements = [
      ...qualifiedItemRollupsUp('traceability', TRACEABILITY_ITEM_KINDS),
      ...refreshTriggersUp('traceability', 'lot', [{
        kind: 'listing',
        insert: 'select listing_id from new_rows',
        // Only what II.5 reads: captures update lots often.
        update: keysOfChangedRows('listing_id', ['listing_id', 'growing_area_id', 'harvested_at']),
        delete: 'select listing_id from old_rows',
      }]),
      ...refreshTriggersUp('traceability', 'trace_code', [{
        kind: 'listing',
        insert: lotListings('new_rows c', 'c.lot_id = l.id'),
        update: `${lotListings('old_rows c', 'c.lot_id = l.id')} union all ${lotListings('new_rows c', 'c.lot_id = l.id')}`,
        delete: lotListings('old_rows c', 'c.lot_id = l.id'),
      }]),
      ...refreshTriggersUp('traceability', 'growing_area', [{
        kind: 'listing',
        insert: lotListings('new_rows g', 'l.growing_area_id = g.id'),
        update: `${lotListings('(select coalesce(n.id, o.id) as id from old_rows o full join new_rows n on n.id = o.id where o.commune_code is distinct from n.commune_code) g', 'l.growing_area_id = g.id')}`,
        delete: lotListings('old_rows g', 'l.growing_area_id = g.id'),
      }]),
    ];
    for (const sql of statements) this.addSql(sql);
  }

  override async down(): Promise<void> {
    const statements = [
      ...['growing_area', 'trace_code', 'lot'].flatMap((table) => refreshTriggersDown('traceability', table)),
      ...qualifiedItemRollupsDown('traceability', TRACEABILITY_ITEM_KINDS),
    ];
    for (const sql of statements) this.addSql(sql);
  }

}
