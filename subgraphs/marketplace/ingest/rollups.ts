import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The session setting that makes the rollup triggers step aside, for bulk loads that rebuild the rollups once at the
 * end (the national generator) instead of per statement.
 */
export { DEFER_ROLLUPS_SETTING } from '../../../platform/indicators/rollups';

/**
 * Recomputes `sales_rollup`, the province rollups and the day rollups (`input_buyer_day`, `sales_destination_day`)
 * from the orders, and the listings' and shops' indicator rollups from theirs, in one transaction (readers see the
 * old rollups until it commits).
 */
export async function rebuildMarketplaceRollups(em: EntityManager): Promise<{ table: string; rows: number }[]> {
  const schema = em.config.get('schema')!;
  const [sales, provinces, days, items, buyers, destinations] = await em.transactional(async (tx) => {
    const rebuilt = (fn: string) => tx.getConnection().execute<{ rows: string }[]>(`select "${schema}"."${fn}"() as rows`);
    return [await rebuilt('rebuild_sales_rollup'), await rebuilt('rebuild_province_rollups'), await rebuilt('rebuild_sales_day_rollup'), await rebuilt('rebuild_indicator_rollups'),
      await rebuilt('rebuild_input_buyer_day'), await rebuilt('rebuild_sales_destination_day')];
  });
  return [
    { table: `${schema}.sales_rollup`, rows: Number(sales[0].rows) },
    { table: `${schema}.sales_province_rollup + order_province_rollup`, rows: Number(provinces[0].rows) },
    { table: `${schema}.sales_province_day_rollup`, rows: Number(days[0].rows) },
    { table: `${schema}.indicator_commune_rollup + indicator_province_rollup`, rows: Number(items[0].rows) },
    { table: `${schema}.input_buyer_day`, rows: Number(buyers[0].rows) },
    { table: `${schema}.sales_destination_day`, rows: Number(destinations[0].rows) },
  ];
}
