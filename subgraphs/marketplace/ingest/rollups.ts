import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The session setting that makes the rollup triggers on "order" step aside, for bulk loads that rebuild the rollup
 * once at the end (the national generator) instead of per statement.
 */
export const DEFER_ROLLUPS_SETTING = 'nongsan.defer_rollups';

/**
 * Recomputes `sales_rollup` and the province rollups from the orders, in one transaction (readers see the old
 * rollups until it commits).
 */
export async function rebuildMarketplaceRollups(em: EntityManager): Promise<{ table: string; rows: number }[]> {
  const schema = em.config.get('schema')!;
  const [sales, provinces] = await em.transactional(async (tx) => {
    const rebuilt = (fn: string) => tx.getConnection().execute<{ rows: string }[]>(`select "${schema}"."${fn}"() as rows`);
    return [await rebuilt('rebuild_sales_rollup'), await rebuilt('rebuild_province_rollups')];
  });
  return [
    { table: `${schema}.sales_rollup`, rows: Number(sales[0].rows) },
    { table: `${schema}.sales_province_rollup + order_province_rollup`, rows: Number(provinces[0].rows) },
  ];
}
