import { Migration } from '@mikro-orm/migrations';
import { keysOfChangedRows, qualifiedItemRollupsDown, qualifiedItemRollupsUp, refreshTriggersDown, refreshTriggersUp, type QualifiedItemKind } from '../../../platform/indicators/rollups';

/**
 * Households counted on the day they first qualified, rolled up per code x commune (province) x day (issue 11, speed
 * at national scale; platform/indicators/rollups.ts): I.1 and I.2 (first training of each topic), I.4 (e-payment
 * account opened). Filled here from the rows already stored, then kept by statement-level triggers on household and
 * training in the writer's transaction; `rebuild_indicator_rollups()` recomputes them (`npx nongsan rollups
 * rebuild`, the generator).
 */
export const REGISTRY_ITEM_KINDS: QualifiedItemKind[] = [{
  kind: 'household',
  codes: ['I.1', 'I.2', 'I.4'],
  items: (keyIn) => `select h.id, 'I.4', h.province_code, h.commune_code, h.payment_account_opened_on
  from "registry"."household" h where h.payment_account_opened_on is not null and ${keyIn('h.id')}
  union all
  select h.id, case t.topic when 'DIGITAL_SKILLS' then 'I.1' else 'I.2' end, h.province_code, h.commune_code, t.day
  from (select household_id, topic, min(completed_on) as day from "registry"."training" where ${keyIn('household_id')} group by household_id, topic) t
  join "registry"."household" h on h.id = t.household_id`,
}];

export class Migration20261205140100_indicator_item_rollups extends Migration {

  override async up(): Promise<void> {
    const statements = [
      ...qualifiedItemRollupsUp('registry', REGISTRY_ITEM_KINDS),
      ...refreshTriggersUp('registry', 'household', [{
        kind: 'household',
        insert: 'select id from new_rows',
        // Only what the rows read: household lists rewrite many other columns.
        update: keysOfChangedRows('id', ['province_code', 'commune_code', 'payment_account_opened_on']),
        delete: 'select id from old_rows',
      }]),
      ...refreshTriggersUp('registry', 'training', [{
        kind: 'household',
        insert: 'select household_id from new_rows',
        update: 'select household_id from old_rows union all select household_id from new_rows',
        delete: 'select household_id from old_rows',
      }]),
    ];
    for (const sql of statements) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of [...refreshTriggersDown('registry', 'training'), ...refreshTriggersDown('registry', 'household'), ...qualifiedItemRollupsDown('registry', REGISTRY_ITEM_KINDS)]) this.addSql(sql);
  }

}
