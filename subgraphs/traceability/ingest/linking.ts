import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/*
 * Ties lots that arrived without a listing or household (an EPCIS capture names only a GTIN and a lot number) to
 * them, with what this subgraph already knows, in three set-based statements. First match wins:
 *   1. GROWING_AREA: the lot's events declare a growing-area code (ilmd `…:growingAreaCode`) registered to a household;
 *   2. GTIN: every known lot with the same GTIN belongs to one listing (and so one household): the lot is sold there;
 *   3. LOCATION: the lot was commissioned (harvested) at a place where only one household's lots are commissioned.
 * A link, once made, is never changed by these rules. Lots that stay unlinked are linked when the missing piece
 * arrives: the growing-area import and every later capture run the same statements.
 */
export async function linkLots(em: EntityManager, lotIds: string[]): Promise<number> {
  if (lotIds.length === 0) return 0;
  const knex = (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
  const schema = `"${em.config.get('schema')}"`;
  // A lot may be tied by two rules (its household by its growing area, then its listing by its GTIN): count it once.
  const linked = new Set<string>();
  const remember = (result: { rows: { id: string }[] }) => result.rows.forEach((row) => linked.add(row.id));

  const byGrowingArea = await knex.raw(
    `update ${schema}.lot l
        set growing_area_id = ga.id,
            household_id = ga.household_id,
            household_link = coalesce(l.household_link, 'GROWING_AREA'),
            content_hash = null
       from ${schema}.growing_area ga
      where l.id = any(?) and ga.code = l.growing_area_code and l.growing_area_id is null
        and (l.household_id is null or l.household_id = ga.household_id)
      returning l.id`,
    [lotIds],
  );
  remember(byGrowingArea);

  const byGtin = await knex.raw(
    `update ${schema}.lot l
        set listing_id = k.listing_id,
            product_key = coalesce(l.product_key, k.product_key),
            household_id = k.household_id,
            household_link = coalesce(l.household_link, 'GTIN'),
            content_hash = null
       from (select gtin, min(listing_id) as listing_id, min(household_id) as household_id, min(product_key) as product_key
               from ${schema}.lot
              where listing_id is not null
                and gtin in (select gtin from ${schema}.lot where id = any(?) and listing_id is null)
              group by gtin
             having count(distinct listing_id) = 1 and count(distinct household_id) = 1) k
      where l.id = any(?) and l.gtin = k.gtin and l.listing_id is null
        and (l.household_id is null or l.household_id = k.household_id)
      returning l.id`,
    [lotIds, lotIds],
  );
  remember(byGtin);

  const commissioning = `(e.biz_step = 'commissioning' or e.action = 'ADD')`;
  const byLocation = await knex.raw(
    `update ${schema}.lot l
        set household_id = k.household_id, household_link = 'LOCATION', content_hash = null
       from ${schema}.trace_event e,
            (select e.biz_location, min(x.household_id) as household_id
               from ${schema}.trace_event e join ${schema}.lot x on x.id = e.lot_id
              where ${commissioning} and x.household_id is not null
                and e.biz_location in (select e.biz_location from ${schema}.trace_event e where e.lot_id = any(?) and ${commissioning})
              group by e.biz_location
             having count(distinct x.household_id) = 1) k
      where l.id = any(?) and l.household_id is null and e.lot_id = l.id and ${commissioning} and e.biz_location = k.biz_location
      returning l.id`,
    [lotIds, lotIds],
  );
  remember(byLocation);
  return linked.size;
}

/** Marks the places where lots of exactly one household are commissioned as that household's. */
export async function attributeLocations(em: EntityManager, locationIds: string[]): Promise<void> {
  if (locationIds.length === 0) return;
  const knex = (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
  const schema = `"${em.config.get('schema')}"`;
  await knex.raw(
    `update ${schema}.location loc
        set household_id = k.household_id
       from (select e.biz_location, min(x.household_id) as household_id
               from ${schema}.trace_event e join ${schema}.lot x on x.id = e.lot_id
              where (e.biz_step = 'commissioning' or e.action = 'ADD') and x.household_id is not null and e.biz_location = any(?)
              group by e.biz_location
             having count(distinct x.household_id) = 1) k
      where loc.id = k.biz_location and loc.household_id is distinct from k.household_id`,
    [locationIds],
  );
}
