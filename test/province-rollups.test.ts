import { runScript } from './support/commands';
import { hub, query, withDatabase } from './support/hub';
import { sendEvents, webhookShop } from './support/marketplace';

/*
 * The province rollups (sales_province_rollup, order_province_rollup, sales_province_day_rollup) that nation and
 * province reports and `Province.salesOutOf`/`salesInto` read stay equal to the orders after every kind of write: the platforms' webhook,
 * plain SQL updates and deletes (as imports and loaders write), and `npx nongsan rollups rebuild` after damage.
 * "Equal" is checked against sums computed here straight from the orders, not through the rebuild function.
 */

const SHOP = webhookShop({
  prefix: 'province-rollup', shop: '960101', name: 'Vải Cường Lục Ngạn',
  seller: { name: 'lê văn cường', phone: '0912 777 101', nationalId: '001090077101', commune: { name: 'Lục Ngạn', province: 'Bắc Ninh' } },
  orderDefaults: { quantity: 120, valueVnd: 6_000_000, orderedAt: '2026-10-10T23:30:00+07:00' },
});
const { order } = SHOP;

const LOCAL_DAY = (column: string) => `(${column} at time zone 'Asia/Ho_Chi_Minh')::date::text`;
const FROM_ORDERS = {
  sales_province_rollup: `select ${LOCAL_DAY('coalesce(o.delivered_at, o.ordered_at)')} as day, o.seller_province_code, l.is_farm_input, o.destination_country,
      coalesce(o.destination_province_code, '') as destination_province_code, count(*)::int as order_count, sum(o.quantity_kg)::text as quantity_kg, sum(o.value_vnd)::text as value_vnd
    from marketplace."order" o join marketplace.listing l on l.id = o.listing_id where o.status = 'DELIVERED' group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
  order_province_rollup: `select ${LOCAL_DAY('o.ordered_at')} as day, o.seller_province_code, o.destination_country,
      coalesce(o.destination_province_code, '') as destination_province_code, count(*)::int as order_count, sum(o.quantity_kg)::text as quantity_kg, sum(o.value_vnd)::text as value_vnd
    from marketplace."order" o where o.status <> 'CANCELLED' group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  sales_province_day_rollup: `select ${LOCAL_DAY('coalesce(o.delivered_at, o.ordered_at)')} as day, o.seller_province_code, l.is_farm_input,
      count(*)::int as order_count, sum(o.quantity_kg)::text as quantity_kg, sum(o.value_vnd)::text as value_vnd
    from marketplace."order" o join marketplace.listing l on l.id = o.listing_id where o.status = 'DELIVERED' group by 1, 2, 3 order by 1, 2, 3`,
};
const KEPT = {
  sales_province_rollup: `select day::text, seller_province_code, is_farm_input, destination_country, destination_province_code, order_count, quantity_kg::text, value_vnd::text
    from marketplace.sales_province_rollup where order_count <> 0 order by 1, 2, 3, 4, 5`,
  order_province_rollup: `select day::text, seller_province_code, destination_country, destination_province_code, order_count, quantity_kg::text, value_vnd::text
    from marketplace.order_province_rollup where order_count <> 0 order by 1, 2, 3, 4`,
  sales_province_day_rollup: `select day::text, seller_province_code, is_farm_input, order_count, quantity_kg::text, value_vnd::text
    from marketplace.sales_province_day_rollup where order_count <> 0 order by 1, 2, 3`,
};

/** Each rollup as kept, and as summed here from the orders. */
async function keptAndFromOrders(): Promise<{ kept: Record<string, unknown[]>; fromOrders: Record<string, unknown[]> }> {
  return withDatabase(async (client) => {
    const kept: Record<string, unknown[]> = {};
    const fromOrders: Record<string, unknown[]> = {};
    for (const table of Object.keys(KEPT) as (keyof typeof KEPT)[]) {
      kept[table] = (await client.query(KEPT[table])).rows;
      fromOrders[table] = (await client.query(FROM_ORDERS[table])).rows;
    }
    return { kept, fromOrders };
  });
}

async function expectEqualToOrders(): Promise<void> {
  const { kept, fromOrders } = await keptAndFromOrders();
  expect(fromOrders.sales_province_rollup.length).toBeGreaterThan(0);
  expect(fromOrders.order_province_rollup.length).toBeGreaterThan(0);
  expect(fromOrders.sales_province_day_rollup.length).toBeGreaterThan(0);
  expect(kept).toEqual(fromOrders);
}

interface Summary { orderCount: number; quantityKg: number; valueVnd: number; byCountry: { country: string; orderCount: number; quantityKg: number }[]; byProvince: { province: { code: string }; orderCount: number; quantityKg: number }[] }

const SALES_OUT_OF = `query ($code: String!, $period: PeriodInput) { province(code: $code) {
  salesOutOf(period: $period) { orderCount quantityKg valueVnd byCountry { country orderCount quantityKg } byProvince { province { code } orderCount quantityKg } } } }`;

/** What `salesOutOf` should say, summed here from the orders (sold = every status but CANCELLED, by order time). */
async function salesOutOfFromOrders(province: string, from: string | null, to: string | null): Promise<Summary> {
  return withDatabase(async (client) => {
    const where = `seller_province_code = $1 and status <> 'CANCELLED' and ($2::timestamptz is null or ordered_at >= $2) and ($3::timestamptz is null or ordered_at < $3)`;
    const params = [province, from, to];
    const totals = (await client.query(`select count(*)::int as n, coalesce(sum(quantity_kg), 0)::float8 as kg, coalesce(sum(value_vnd), 0)::float8 as vnd from marketplace."order" where ${where}`, params)).rows[0];
    const byCountry = (await client.query(`select destination_country as country, count(*)::int as "orderCount", round(sum(quantity_kg), 3)::float8 as "quantityKg"
      from marketplace."order" where ${where} group by 1 order by 3 desc, 1`, params)).rows;
    const byProvince = (await client.query(`select destination_province_code as code, count(*)::int as "orderCount", round(sum(quantity_kg), 3)::float8 as "quantityKg"
      from marketplace."order" where ${where} and destination_country = 'VN' and destination_province_code is not null group by 1 order by 3 desc, 1`, params)).rows;
    return {
      orderCount: totals.n, quantityKg: totals.kg, valueVnd: totals.vnd, byCountry,
      byProvince: byProvince.map(({ code, ...row }) => ({ province: { code }, ...row })),
    };
  });
}

describe('the province rollups', () => {
  let province: string;

  beforeAll(async () => {
    expect((await SHOP.open()).status).toBe(200);
    province = await SHOP.placed('province_code');
  });

  afterAll(async () => {
    await SHOP.remove();
  });

  it('equal the orders after webhook orders are placed, delivered and cancelled', async () => {
    await sendEvents('VOSO', [
      order('order.placed', 'o1-placed', '1', 'P-1', '2026-10-10T23:30:00+07:00'),
      order('order.placed', 'o2-placed', '2', 'P-2', '2026-10-11T08:00:00+07:00', { quantity: 900, orderedAt: '2026-10-11T08:00:00+07:00' }),
      order('order.placed', 'o3-placed', '1', 'P-3', '2026-10-11T09:00:00+07:00', { orderedAt: '2026-10-11T09:00:00+07:00', destination: { country: 'CN' } }),
    ]);
    await expectEqualToOrders();
    await sendEvents('VOSO', [
      order('order.delivered', 'o1-delivered', '1', 'P-1', '2026-10-12T15:00:00+07:00', { deliveredAt: '2026-10-12T15:00:00+07:00' }),
      order('order.delivered', 'o2-delivered', '2', 'P-2', '2026-10-13T15:00:00+07:00', { quantity: 900, orderedAt: '2026-10-11T08:00:00+07:00', deliveredAt: '2026-10-13T15:00:00+07:00' }),
    ]);
    await expectEqualToOrders();
    await sendEvents('VOSO', [order('order.cancelled', 'o3-cancelled', '1', 'P-3', '2026-10-14T09:00:00+07:00', { orderedAt: '2026-10-11T09:00:00+07:00', destination: { country: 'CN' } })]);
    await expectEqualToOrders();
  });

  it('equal the orders after plain SQL updates and deletes', async () => {
    await withDatabase(async (client) => {
      await client.query(`update marketplace."order" set quantity_kg = quantity_kg + 1.5, destination_province_code = null where shop_id = $1 and status = 'DELIVERED'`, [SHOP.id]);
    });
    await expectEqualToOrders();
    await withDatabase((client) => client.query(`delete from marketplace."order" where shop_id = $1 and status = 'CANCELLED'`, [SHOP.id]));
    await expectEqualToOrders();
  });

  it('answer a province\'s sales as its orders do, over all time, whole days and any instants', async () => {
    for (const [from, to] of [[null, null], ['2026-10-10T17:00:00Z', '2026-10-11T17:00:00Z'], ['2026-10-10T16:00:00Z', null], [null, '2026-10-11T03:00:00+07:00']]) {
      const { province: answered } = await query<{ province: { salesOutOf: Summary } }>(SALES_OUT_OF, { code: province, period: from || to ? { from, to } : null });
      const expected = await salesOutOfFromOrders(province, from, to);
      expect(answered.salesOutOf.orderCount).toBe(expected.orderCount);
      expect(answered.salesOutOf.quantityKg).toBeCloseTo(expected.quantityKg, 3);
      expect(answered.salesOutOf.valueVnd).toBe(expected.valueVnd);
      expect(answered.salesOutOf.byCountry).toEqual(expected.byCountry);
      expect(answered.salesOutOf.byProvince).toEqual(expected.byProvince);
    }
  });

  it('answer the sales into every province as the orders do (the national map\'s figures)', async () => {
    const { provinces } = await query<{ provinces: { code: string; salesInto: { orderCount: number; quantityKg: number } }[] }>(
      'query { provinces { code salesInto { orderCount quantityKg } } }',
    );
    const expected = await withDatabase(async (client) => {
      const { rows } = await client.query<{ code: string; orders: number; kg: number }>(
        `select destination_province_code as code, count(*)::int as orders, sum(quantity_kg)::float8 as kg from marketplace."order"
          where status <> 'CANCELLED' and destination_country = 'VN' and destination_province_code is not null group by 1`,
      );
      return new Map(rows.map((row) => [row.code, row]));
    });
    expect(expected.size).toBeGreaterThan(3);
    for (const { code, salesInto } of provinces) {
      expect({ code, orders: salesInto.orderCount }).toEqual({ code, orders: expected.get(code)?.orders ?? 0 });
      expect(salesInto.quantityKg).toBeCloseTo(expected.get(code)?.kg ?? 0, 3);
    }
  });

  it('are rebuilt by `npx nongsan rollups rebuild` after they were damaged', async () => {
    await withDatabase(async (client) => {
      await client.query(`delete from marketplace.sales_province_rollup where seller_province_code = $1`, [province]);
      await client.query(`update marketplace.order_province_rollup set order_count = order_count + 7 where seller_province_code = $1`, [province]);
      await client.query(`update marketplace.sales_province_day_rollup set quantity_kg = quantity_kg * 2 where seller_province_code = $1`, [province]);
    });
    const damaged = await keptAndFromOrders();
    expect(damaged.kept).not.toEqual(damaged.fromOrders);

    const result = await runScript('scripts/cli.ts', ['rollups', 'rebuild'], { DATABASE_URL: hub().databaseUrl });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^marketplace\.sales_province_rollup \+ order_province_rollup: \d+ rows rebuilt in [\d.]+ s$/m);
    await expectEqualToOrders();
  });
});
