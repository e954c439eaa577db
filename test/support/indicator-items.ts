import type { Client } from 'pg';

/*
 * The item rollups (platform/indicators/rollups.ts) as kept, and the same counts taken here straight from the source
 * tables with the forms' definitions (docs/indicators.md), not through the rollups' own functions.
 */

const LOCAL_DAY = (column: string) => `(${column} at time zone 'Asia/Ho_Chi_Minh')::date`;

/** One row per counted item: code, place and the day it first qualified. */
const FROM_SOURCES = `
  select 'I.3' as code, min(province_code) as province_code, min(commune_code) as commune_code, min(${LOCAL_DAY('opened_at')}) as day
  from marketplace.shop where household_id is not null group by household_id
  union all
  select 'II.4', min(province_code), min(commune_code), min(${LOCAL_DAY('brand_mark_since')})
  from marketplace.shop where household_id is not null and brand_mark_since is not null group by household_id
  union all
  select case when l.is_farm_input then 'III.3' else 'II.1' end, s.province_code, s.commune_code, ${LOCAL_DAY('l.created_at')}
  from marketplace.listing l join marketplace.shop s on s.id = l.shop_id
  union all
  select 'II.3', s.province_code, s.commune_code, ${LOCAL_DAY('l.brand_mark_since')}
  from marketplace.listing l join marketplace.shop s on s.id = l.shop_id where not l.is_farm_input and l.brand_mark_since is not null
  union all
  select 'III.5', s.province_code, s.commune_code, ${LOCAL_DAY('l.created_at')}
  from marketplace.listing l join marketplace.shop s on s.id = l.shop_id where l.is_farm_input and l.household_discount_pct > 0
  union all
  select 'I.4', province_code, commune_code, payment_account_opened_on from registry.household where payment_account_opened_on is not null
  union all
  select 'A.2', province_code, commune_code, record_standardised_on from registry.household where record_standardised_on is not null
  union all
  select case t.topic when 'DIGITAL_SKILLS' then 'I.1' else 'I.2' end, h.province_code, h.commune_code, min(t.completed_on)
  from registry.training t join registry.household h on h.id = t.household_id group by h.id, t.topic, h.province_code, h.commune_code
  union all
  select 'II.5', '', coalesce(min(g.commune_code), ''), min(${LOCAL_DAY('l.harvested_at')})
  from traceability.lot l left join traceability.growing_area g on g.id = l.growing_area_id
  where l.listing_id is not null and exists (select 1 from traceability.trace_code c where c.lot_id = l.id) group by l.listing_id`;

const asJson = (sql: string, order: string) => `(select coalesce(json_agg(r order by ${order}), '[]') from (${sql}) r)`;
const KEPT = (table: string, columns: string) => ['marketplace', 'registry', 'traceability']
  .map((schema) => `select ${columns}, day::text, item_count as n from ${schema}.${table} where item_count <> 0`).join(' union all ');

export interface ItemRollups {
  kept: { communes: unknown[]; provinces: unknown[] };
  fromSources: { communes: unknown[]; provinces: unknown[] };
}

/** Both rollups as kept and as counted from the sources, read in one statement (one snapshot). */
export async function itemRollups(client: Client): Promise<ItemRollups> {
  const { rows } = await client.query(`with items as (${FROM_SOURCES}) select
    ${asJson(KEPT('indicator_commune_rollup', 'code, province_code, commune_code'), 'code, province_code, commune_code, day')} as kept_communes,
    ${asJson(KEPT('indicator_province_rollup', 'code, province_code'), 'code, province_code, day')} as kept_provinces,
    ${asJson('select code, province_code, commune_code, day::text, count(*)::int as n from items group by 1, 2, 3, 4', 'code, province_code, commune_code, day')} as source_communes,
    ${asJson('select code, province_code, day::text, count(*)::int as n from items group by 1, 2, 3', 'code, province_code, day')} as source_provinces`);
  const [row] = rows;
  return {
    kept: { communes: row.kept_communes, provinces: row.kept_provinces },
    fromSources: { communes: row.source_communes, provinces: row.source_provinces },
  };
}

/** Asserts the rollups equal the sources, and that there is something to compare. */
export async function expectItemRollupsEqualSources(client: Client): Promise<ItemRollups> {
  const rollups = await itemRollups(client);
  expect(rollups.fromSources.communes.length).toBeGreaterThan(0);
  expect(rollups.kept).toEqual(rollups.fromSources);
  return rollups;
}

/** The items above, one row each (code, province_code, commune_code, day): for tests that count a period themselves. */
export const ITEMS_FROM_SOURCES = FROM_SOURCES;
