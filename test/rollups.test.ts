import { runScript } from './support/commands';
import { hub, query, withDatabase } from './support/hub';
import { sendEvents, webhookShop } from './support/marketplace';

/*
 * The sales rollup the reports read is kept in the same transaction as each write of orders: an order that arrives
 * through the platforms' webhook shows in the next report, a cancellation takes it out, farm inputs never count,
 * and the rollup always equals what a rebuild from the orders gives.
 */

const SHOP = webhookShop({
  prefix: 'rollup', shop: '960001', name: 'Vải Bình Lục Ngạn',
  seller: { name: 'trần thị bình', phone: '0912 777 001', nationalId: '001090077001', commune: { name: 'Lục Ngạn', province: 'Bắc Ninh' } },
  orderDefaults: { quantity: 250, valueVnd: 12_500_000, orderedAt: '2026-10-10T09:00:00+07:00' },
});
const { order } = SHOP;

async function tonnes(commune: string): Promise<{ achieved: number; provinces: number }> {
  const { indicatorReport } = await query<{ indicatorReport: { salesRows: { code: string; achieved: number }[] } }>(
    `query ($scope: String!) { indicatorReport(scope: $scope, period: "2026-10") { salesRows { code achieved } } }`, { scope: commune },
  );
  const row = (code: string) => indicatorReport.salesRows.find((candidate) => candidate.code === code)!.achieved;
  return { achieved: row('II.2'), provinces: row('II.6') };
}

const ROLLUP_ROWS = `select day::text, seller_province_code, seller_commune_code, category, is_farm_input, destination_country, destination_province_code,
  order_count, quantity_kg::text from marketplace.sales_rollup where order_count <> 0 order by 1, 2, 3, 4, 5, 6, 7`;

/** The rollup as it is, and as `rebuild_sales_rollup()` makes it from the orders (rolled back, so nothing changes). */
async function rollupAndRebuilt(): Promise<{ kept: unknown[]; rebuilt: unknown[] }> {
  return withDatabase(async (client) => {
    const kept = (await client.query(ROLLUP_ROWS)).rows;
    await client.query('begin');
    try {
      await client.query('select marketplace.rebuild_sales_rollup()');
      return { kept, rebuilt: (await client.query(ROLLUP_ROWS)).rows };
    } finally {
      await client.query('rollback');
    }
  });
}

describe('the sales rollup', () => {
  let commune: string;

  beforeAll(async () => {
    expect((await SHOP.open()).status).toBe(200);
    commune = await SHOP.placed('commune_code');
  });

  afterAll(async () => {
    // Deleting orders goes through the same triggers: the rollup is back to the demo data's.
    await SHOP.remove();
  });

  it('takes a delivered order from the webhook into the next report, and a cancellation out of it', async () => {
    const before = await tonnes(commune);
    await sendEvents('VOSO', [order('order.placed', 'o1-placed', '1', 'R-1', '2026-10-10T09:00:00+07:00')]);
    // placed is not yet sold for the indicator: only delivered produce counts
    expect(await tonnes(commune)).toEqual(before);

    await sendEvents('VOSO', [order('order.delivered', 'o1-delivered', '1', 'R-1', '2026-10-12T15:00:00+07:00', { deliveredAt: '2026-10-12T15:00:00+07:00' })]);
    const delivered = await tonnes(commune);
    expect(delivered.achieved).toBeCloseTo(before.achieved + 0.25, 3);
    expect(delivered.provinces).toBe(Math.max(before.provinces, 1));

    // 3 t of fertiliser delivered: a farm input, never "produce sold"
    await sendEvents('VOSO', [
      order('order.delivered', 'o2-delivered', '2', 'R-2', '2026-10-13T15:00:00+07:00', { quantity: 3000, deliveredAt: '2026-10-13T15:00:00+07:00' }),
    ]);
    expect((await tonnes(commune)).achieved).toBeCloseTo(before.achieved + 0.25, 3);

    await sendEvents('VOSO', [order('order.cancelled', 'o1-cancelled', '1', 'R-1', '2026-10-14T09:00:00+07:00')]);
    expect((await tonnes(commune)).achieved).toBeCloseTo(before.achieved, 3);
  });

  it('always equals a rebuild from the orders', async () => {
    const { kept, rebuilt } = await rollupAndRebuilt();
    expect(rebuilt.length).toBeGreaterThan(0);
    expect(kept).toEqual(rebuilt);
  });

  it('is rebuilt by `npx nongsan rollups rebuild` after it was damaged', async () => {
    const { rebuilt } = await rollupAndRebuilt();
    await withDatabase((client) => client.query(`delete from marketplace.sales_rollup where seller_province_code = (select min(seller_province_code) from marketplace.sales_rollup)`));
    expect((await rollupAndRebuilt()).kept).not.toEqual(rebuilt);

    const result = await runScript('scripts/cli.ts', ['rollups', 'rebuild'], { DATABASE_URL: hub().databaseUrl });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^marketplace\.sales_rollup: \d+ rows rebuilt in [\d.]+ s$/m);
    expect((await rollupAndRebuilt()).kept).toEqual(rebuilt);
  });

  it('says how to use the command when asked something else', async () => {
    const result = await runScript('scripts/cli.ts', ['rollups', 'refresh'], { DATABASE_URL: hub().databaseUrl });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Usage: npx nongsan rollups rebuild/);
  });
});
