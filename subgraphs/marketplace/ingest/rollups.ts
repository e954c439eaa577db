import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The session setting that makes the rollup triggers on "order" step aside, for bulk loads that rebuild the rollup
 * once at the end (the national generator) instead of per statement.
 */
export const DEFER_ROLLUPS_SETTING = 'nongsan.defer_rollups';

/** Recomputes `sales_rollup` from the orders, in one transaction (readers see the old rollup until it commits). */
export async function rebuildMarketplaceRollups(em: EntityManager): Promise<{ table: string; rows: number }[]> {
  const schema = em.config.get('schema')!;
  const rows = await em.transactional(async (tx) =>
    tx.getConnection().execute<{ rows: string }[]>(`select "${schema}"."rebuild_sales_rollup"() as rows`),
  );
  return [{ table: `${schema}.sales_rollup`, rows: Number(rows[0].rows) }];
}
