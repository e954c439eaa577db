import { Migration } from '@mikro-orm/migrations';
import { qualifiedItemRollupsDown, qualifiedItemRollupsUp, refreshTriggersDown, refreshTriggersUp, type QualifiedItemKind } from '../../../platform/indicators/rollups';

/**
 * Listings and shops' households counted on the day they first qualified, rolled up per code x commune (province) x
 * Vietnam day (issue 11, speed at national scale; platform/indicators/rollups.ts): II.1, II.3, III.3, III.5 per
 * listing (placed by its shop), I.3 and II.4 per household (its first shop, its first brand-marked shop). Filled
 * here from the rows already stored, then kept by statement-level triggers on listing and shop in the writer's
 * transaction; `rebuild_indicator_rollups()` recomputes them (`npx nongsan rollups rebuild`, the generator).
 */
const localDay = (column: string) => `(${column} at time zone 'Asia/Ho_Chi_Minh')::date`;

export const MARKETPLACE_ITEM_KINDS: QualifiedItemKind[] = [
  {
    kind: 'listing',
    codes: ['II.1', 'II.3', 'III.3', 'III.5'],
    items: (keyIn) => `select l.id, x.code, s.province_code, s.commune_code, x.day
  from "marketplace"."listing" l join "marketplace"."shop" s on s.id = l.shop_id
  cross join lateral (
    select case when l.is_farm_input then 'III.3' else 'II.1' end as code, ${localDay('l.created_at')} as day
    union all
    select 'II.3', ${localDay('l.brand_mark_since')} where not l.is_farm_input and l.brand_mark_since is not null
    union all
    select 'III.5', ${localDay('l.created_at')} where l.is_farm_input and l.household_discount_pct > 0
  ) x
  where ${keyIn('l.id')}`,
  },
  {
    kind: 'shop_household',
    codes: ['I.3', 'II.4'],
    items: (keyIn) => `select household_id, 'I.3', min(province_code), min(commune_code), min(${localDay('opened_at')})
  from "marketplace"."shop" where household_id is not null and ${keyIn('household_id')} group by household_id
  union all
  select household_id, 'II.4', min(province_code), min(commune_code), min(${localDay('brand_mark_since')})
  from "marketplace"."shop" where household_id is not null and brand_mark_since is not null and ${keyIn('household_id')} group by household_id`,
  },
];

// A shop write touches its households (old and new) when what I.3/II.4 read changed, and its listings when it moved.
const SHOP_COLUMNS = (rows: string) => `(${['household_id', 'opened_at', 'brand_mark_since', 'province_code', 'commune_code'].map((c) => `${rows}.${c}`).join(', ')})`;
const changedShops = `old_rows o full join new_rows n on n.id = o.id`;

export class Migration20261205140000_indicator_item_rollups extends Migration {

  override async up(): Promise<void> {
    for (const sql of qualifiedItemRollupsUp('marketplace', MARKETPLACE_ITEM_KINDS)) this.addSql(sql);
    const triggers = [
      ...refreshTriggersUp('marketplace', 'listing', [
        { kind: 'listing', insert: 'select id from new_rows', update: 'select id from old_rows union all select id from new_rows', delete: 'select id from old_rows' },
      ]),
      ...refreshTriggersUp('marketplace', 'shop', [
        {
          kind: 'shop_household',
          insert: 'select household_id from new_rows',
          update: `select v.k from ${changedShops} cross join lateral (values (o.household_id), (n.household_id)) v(k) where ${SHOP_COLUMNS('o')} is distinct from ${SHOP_COLUMNS('n')}`,
          delete: 'select household_id from old_rows',
        },
        {
          kind: 'listing',
          insert: 'select l.id from "marketplace"."listing" l join new_rows n on l.shop_id = n.id',
          update: `select l.id from (select coalesce(n.id, o.id) as id from ${changedShops} where (o.province_code, o.commune_code) is distinct from (n.province_code, n.commune_code)) c
      join "marketplace"."listing" l on l.shop_id = c.id`,
          delete: 'select l.id from "marketplace"."listing" l join old_rows o on l.shop_id = o.id',
        },
      ]),
    ];
    for (const sql of triggers) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of [...refreshTriggersDown('marketplace', 'shop'), ...refreshTriggersDown('marketplace', 'listing'), ...qualifiedItemRollupsDown('marketplace', MARKETPLACE_ITEM_KINDS)]) this.addSql(sql);
  }

}
