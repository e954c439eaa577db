import type { EntityManager } from '@mikro-orm/postgresql';

import { DEFER_ROLLUPS_SETTING } from '../../../platform/indicators/rollups';

/**
 * The session setting that makes the rollup triggers step aside, for bulk loads that rebuild the rollups once at the
 * end (the national generator) instead of per statement.
 */
export { DEFER_ROLLUPS_SETTING };

/**
 * Recomputes `sales_rollup`, the province rollups and the day rollups (`input_buyer_day`, `sales_destination_day`, and the buyers' calendar)
 * from the orders, and the listings' and shops' indicator rollups from theirs, in one transaction (readers see the
 * old rollups until it commits).
 */
export async function rebuildMarketplaceRollups(em: EntityManager): Promise<{ table: string; rows: number }[]> {
  const schema = em.config.get('schema')!;
  const [sales, provinces, days, items, buyers, destinations, calendar] = await em.transactional(async (tx) => {
    // Every rollup is recomputed from its rows here, so none need follow another's rewrite by trigger (the buyer
    // calendar's would refresh each buyer of `input_buyer_day` once more); the setting ends with the transaction.
    await tx.getConnection().execute(`select set_config('${DEFER_ROLLUPS_SETTING}', 'on', true)`);
    const rebuilt = (fn: string) => tx.getConnection().execute<{ rows: string }[]>(`select "${schema}"."${fn}"() as rows`);
    return [await rebuilt('rebuild_sales_rollup'), await rebuilt('rebuild_province_rollups'), await rebuilt('rebuild_sales_day_rollup'), await rebuilt('rebuild_indicator_rollups'),
      await rebuilt('rebuild_input_buyer_day'), await rebuilt('rebuild_sales_destination_day'), await rebuilt('rebuild_input_buyer_calendar')];
  });
  return [
    { table: `${schema}.sales_rollup`, rows: Number(sales[0].rows) },
    { table: `${schema}.sales_province_rollup + order_province_rollup`, rows: Number(provinces[0].rows) },
    { table: `${schema}.sales_province_day_rollup`, rows: Number(days[0].rows) },
    { table: `${schema}.indicator_commune_rollup + indicator_province_rollup`, rows: Number(items[0].rows) },
    { table: `${schema}.input_buyer_day`, rows: Number(buyers[0].rows) },
    { table: `${schema}.sales_destination_day`, rows: Number(destinations[0].rows) },
    { table: `${schema}.input_buyer_calendar`, rows: Number(calendar[0].rows) },
  ];
}
