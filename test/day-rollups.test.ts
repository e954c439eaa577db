import { parseReportPeriod } from '../platform/indicators/period';
import { as, closeKeyStore } from './support/access';
import { runScript } from './support/commands';
import { hub, query, withDatabase } from './support/hub';
import { sendEvents, webhookShop } from './support/marketplace';

/*
 * The "distinct days" rollups of orders (input_buyer_day for III.4, sales_destination_day for the nation's II.6 and
 * II.7) stay equal to the orders after every kind of write: the platforms' webhook, plain SQL updates and deletes (as
 * imports and loaders write, and as buyers are set: the feeds carry none), and `npx nongsan rollups rebuild` after
 * damage. "Equal" is checked against rows computed here straight from the orders, not through the rebuild functions;
 * and the report's III.4, II.6 and II.7 for the nation, a province and a commune against counts from the orders.
 */

const SHOP = webhookShop({
  prefix: 'day-rollup', shop: '960202', name: 'Vật tư Dung Lục Ngạn',
  seller: { name: 'trần thị dung', phone: '0912 777 202', nationalId: '001090077202', commune: { name: 'Lục Ngạn', province: 'Bắc Ninh' } },
  orderDefaults: { quantity: 3, valueVnd: 150_000, orderedAt: '2026-10-10T23:30:00+07:00' },
});
const { order } = SHOP;
const BUYERS = ['HH-DAY-ROLLUP-1', 'HH-DAY-ROLLUP-2'];

const LOCAL_DAY = (column: string) => `(${column} at time zone 'Asia/Ho_Chi_Minh')::date`;
const FROM_ORDERS = {
  input_buyer_day: `select coalesce(o.destination_province_code, '') as destination_province_code, coalesce(o.destination_commune_code, '') as destination_commune_code,
      o.buyer_household_id, ${LOCAL_DAY('o.ordered_at')}::text as day, count(*)::int as row_count
    from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
    where o.buyer_household_id is not null and o.status <> 'CANCELLED' and l.is_farm_input group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  sales_destination_day: `select o.destination_country, coalesce(o.destination_province_code, '') as destination_province_code,
      ${LOCAL_DAY('coalesce(o.delivered_at, o.ordered_at)')}::text as day, count(*)::int as row_count
    from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
    where o.status = 'DELIVERED' and not l.is_farm_input group by 1, 2, 3 order by 1, 2, 3`,
};
// The nation's farm-input buyers per whole month, quarter, year, and by first day (the calendar rollup).
const BUYER_DAYS = `select o.buyer_household_id as key, ${LOCAL_DAY('o.ordered_at')} as day from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
  where o.buyer_household_id is not null and o.status <> 'CANCELLED' and l.is_farm_input`;
const BUYER_CALENDAR = `select distinct key, 'M' as grain, date_trunc('month', day)::date::text as period_start from days
  union all select distinct key, 'Q', date_trunc('quarter', day)::date::text from days
  union all select distinct key, 'Y', date_trunc('year', day)::date::text from days
  union all select key, 'F', min(day)::text from days group by key`;
Object.assign(FROM_ORDERS, {
  input_buyer_calendar: `with days as (${BUYER_DAYS}) select * from (${BUYER_CALENDAR}) c order by 1, 2, 3`,
  input_buyer_calendar_count: `with days as (${BUYER_DAYS}) select grain, period_start, count(*)::int as keys from (${BUYER_CALENDAR}) c group by 1, 2 order by 1, 2`,
});
// Every row as kept: a row whose last order went must be gone, not left at zero.
const KEPT = {
  input_buyer_day: `select destination_province_code, destination_commune_code, buyer_household_id, day::text, row_count
    from marketplace.input_buyer_day order by 1, 2, 3, 4`,
  sales_destination_day: `select destination_country, destination_province_code, day::text, row_count from marketplace.sales_destination_day order by 1, 2, 3`,
  input_buyer_calendar: `select key, grain, period_start::text from marketplace.input_buyer_calendar order by 1, 2, 3`,
  // a period whose last buyer went keeps its count row at zero
  input_buyer_calendar_count: `select grain, period_start::text, keys::int from marketplace.input_buyer_calendar_count where keys <> 0 order by 1, 2`,
};
type Table = keyof typeof KEPT;
const FROM_ORDERS_OF = FROM_ORDERS as Record<Table, string>;

/** Both rollups as kept and as computed from the orders, read in one snapshot (other test files write orders too). */
async function keptAndFromOrders(): Promise<{ kept: Record<Table, unknown[]>; fromOrders: Record<Table, unknown[]> }> {
  return withDatabase(async (client) => {
    await client.query('begin isolation level repeatable read read only');
    try {
      const kept = {} as Record<Table, unknown[]>;
      const fromOrders = {} as Record<Table, unknown[]>;
      for (const table of Object.keys(KEPT) as Table[]) {
        kept[table] = (await client.query(KEPT[table])).rows;
        fromOrders[table] = (await client.query(FROM_ORDERS_OF[table])).rows;
      }
      return { kept, fromOrders };
    } finally {
      await client.query('rollback');
    }
  });
}

async function expectEqualToOrders(): Promise<{ kept: Record<Table, unknown[]> }> {
  const { kept, fromOrders } = await keptAndFromOrders();
  expect(fromOrders.input_buyer_day.length).toBeGreaterThan(0);
  expect(fromOrders.sales_destination_day.length).toBeGreaterThan(0);
  expect(kept).toEqual(fromOrders);
  return { kept };
}

const ourBuyerRows = (kept: Record<Table, unknown[]>) => (kept.input_buyer_day as { buyer_household_id: string; day: string; row_count: number }[])
  .filter((row) => BUYERS.includes(row.buyer_household_id)).map(({ buyer_household_id, day, row_count }) => [buyer_household_id, day, row_count]);

describe('the day rollups', () => {
  let province: string;

  beforeAll(async () => {
    expect((await SHOP.open()).status).toBe(200);
    province = await SHOP.placed('province_code');
  });

  afterAll(async () => {
    await closeKeyStore();
    await SHOP.remove();
  });

  it('equal the orders after webhook orders are placed, given buyers, delivered and cancelled', async () => {
    await sendEvents('VOSO', [
      // two farm-input orders of one buyer on one Vietnam day (the first is 16:30 UTC the day before), one of another
      order('order.placed', 'i1-placed', '2', 'DR-I-1', '2026-10-10T23:30:00+07:00'),
      order('order.placed', 'i2-placed', '2', 'DR-I-2', '2026-10-10T08:00:00+07:00', { orderedAt: '2026-10-10T08:00:00+07:00' }),
      order('order.placed', 'i3-placed', '2', 'DR-I-3', '2026-10-11T08:00:00+07:00', { orderedAt: '2026-10-11T08:00:00+07:00' }),
      // produce to a province and abroad
      order('order.placed', 'p1-placed', '1', 'DR-P-1', '2026-10-10T09:00:00+07:00', { orderedAt: '2026-10-10T09:00:00+07:00' }),
      order('order.placed', 'p2-placed', '1', 'DR-P-2', '2026-10-11T09:00:00+07:00', { orderedAt: '2026-10-11T09:00:00+07:00', destination: { country: 'JP' } }),
    ]);
    await expectEqualToOrders();
    // The feeds carry no buyer; the registry's households are set on orders by SQL, as loaders write.
    await withDatabase(async (client) => {
      const setBuyer = `update marketplace."order" set buyer_household_id = $2 where shop_id = $1 and (id like '%-DR-I-1' or id like '%-DR-I-2')`;
      expect((await client.query(setBuyer, [SHOP.id, BUYERS[0]])).rowCount).toBe(2);
      expect((await client.query(`update marketplace."order" set buyer_household_id = $2 where shop_id = $1 and id like '%-DR-I-3'`, [SHOP.id, BUYERS[1]])).rowCount).toBe(1);
    });
    const given = await expectEqualToOrders();
    expect(ourBuyerRows(given.kept)).toEqual([[BUYERS[0], '2026-10-10', 2], [BUYERS[1], '2026-10-11', 1]]);

    await sendEvents('VOSO', [
      order('order.delivered', 'p1-delivered', '1', 'DR-P-1', '2026-10-12T15:00:00+07:00', { orderedAt: '2026-10-10T09:00:00+07:00', deliveredAt: '2026-10-12T15:00:00+07:00' }),
      order('order.delivered', 'p2-delivered', '1', 'DR-P-2', '2026-10-13T15:00:00+07:00', { orderedAt: '2026-10-11T09:00:00+07:00', deliveredAt: '2026-10-13T15:00:00+07:00', destination: { country: 'JP' } }),
      order('order.delivered', 'i3-delivered', '2', 'DR-I-3', '2026-10-13T15:00:00+07:00', { orderedAt: '2026-10-11T08:00:00+07:00', deliveredAt: '2026-10-13T15:00:00+07:00' }),
    ]);
    await expectEqualToOrders();
    // One of the buyer's two orders that day cancelled: the buyer still bought that day; both cancelled: not.
    await sendEvents('VOSO', [order('order.cancelled', 'i1-cancelled', '2', 'DR-I-1', '2026-10-14T09:00:00+07:00')]);
    expect(ourBuyerRows((await expectEqualToOrders()).kept)).toEqual([[BUYERS[0], '2026-10-10', 1], [BUYERS[1], '2026-10-11', 1]]);
    await sendEvents('VOSO', [order('order.cancelled', 'i2-cancelled', '2', 'DR-I-2', '2026-10-14T09:00:00+07:00', { orderedAt: '2026-10-10T08:00:00+07:00' })]);
    expect(ourBuyerRows((await expectEqualToOrders()).kept)).toEqual([[BUYERS[1], '2026-10-11', 1]]);
  });

  it('equal the orders after plain SQL updates and deletes', async () => {
    await withDatabase((client) => client.query(`update marketplace."order" set ordered_at = ordered_at + interval '2 days', destination_commune_code = null where shop_id = $1`, [SHOP.id]));
    await expectEqualToOrders();
    await withDatabase((client) => client.query(`update marketplace."order" set delivered_at = delivered_at + interval '1 day' where shop_id = $1 and status = 'DELIVERED'`, [SHOP.id]));
    await expectEqualToOrders();
    await withDatabase((client) => client.query(`delete from marketplace."order" where shop_id = $1 and (status = 'CANCELLED' or destination_country <> 'VN' or buyer_household_id is not null)`, [SHOP.id]));
    const { kept } = await expectEqualToOrders();
    expect(ourBuyerRows(kept)).toEqual([]);
  });

  it('give the report the farm-input buyers and markets reached that the orders give, for the nation, a province and a commune', async () => {
    const scopes = await withDatabase(async (client) => (await client.query(
      `select o.destination_province_code as province, o.destination_commune_code as commune, to_char(${LOCAL_DAY('o.ordered_at')}, 'YYYY') as year,
         extract(month from ${LOCAL_DAY('o.ordered_at')})::int as month, count(*)
       from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
       where l.is_farm_input and o.buyer_household_id is not null and o.status <> 'CANCELLED' group by 1, 2, 3, 4 order by 5 desc, 1, 2, 3, 4 limit 1`,
    )).rows[0] as { province: string; commune: string; year: string; month: number });
    const month = `${scopes.year}-${String(scopes.month).padStart(2, '0')}`;
    const quarter = `${scopes.year}-Q${Math.ceil(scopes.month / 3)}`;
    const headers = await as('admin');
    const reached = { 'II.6': 0, 'II.7': 0 };
    for (const [scope, period] of [['VN', scopes.year], ['VN', quarter], ['VN', month], ['VN', `${scopes.year}-06-15..${scopes.year}-09-20`], [scopes.province, scopes.year], [scopes.commune, scopes.year]]) {
      const { indicatorReport } = await query<{ indicatorReport: { salesRows: { code: string; achieved: number; previous: number; cumulative: number }[] } }>(
        `query ($scope: String!, $period: String!) { indicatorReport(scope: $scope, period: $period) { salesRows { code achieved previous cumulative } } }`,
        { scope, period }, headers,
      );
      const { from, to, previous } = parseReportPeriod(period);
      const expected = await withDatabase(async (client) => {
        const windows = (what: string, day: string) => `count(distinct ${what}) filter (where ${day} >= $1::date and ${day} < $2::date)::int as achieved,
          count(distinct ${what}) filter (where ${day} >= $3::date and ${day} < $4::date)::int as previous, count(distinct ${what}) filter (where ${day} < $2::date)::int as cumulative`;
        const params = [from, to, previous.from, previous.to];
        const [destination, seller] = scope === 'VN' ? ['true', 'true']
          : scope.length === 2 ? [`o.destination_province_code = '${scope}'`, `o.seller_province_code = '${scope}'`]
          : [`o.destination_commune_code = '${scope}'`, `s.commune_code = '${scope}'`];
        const deliveredDay = LOCAL_DAY('coalesce(o.delivered_at, o.ordered_at)');
        const delivered = `from marketplace."order" o join marketplace.listing l on l.id = o.listing_id left join marketplace.shop s on s.id = o.shop_id
          where o.status = 'DELIVERED' and not l.is_farm_input and ${seller}`;
        return {
          'III.4': (await client.query(`select ${windows('o.buyer_household_id', LOCAL_DAY('o.ordered_at'))} from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
            where l.is_farm_input and o.buyer_household_id is not null and o.status <> 'CANCELLED' and ${destination}`, params)).rows[0],
          'II.6': (await client.query(`select ${windows('o.destination_province_code', deliveredDay)} ${delivered} and o.destination_country = 'VN'`, params)).rows[0],
          'II.7': (await client.query(`select ${windows('o.destination_country', deliveredDay)} ${delivered} and o.destination_country <> 'VN'`, params)).rows[0],
        };
      });
      // each period holds farm-input buyers, or the check proves little
      expect([scope, period, expected['III.4'].achieved > 0]).toEqual([scope, period, true]);
      for (const code of ['II.6', 'II.7'] as const) reached[code] += expected[code].achieved;
      const answered = Object.fromEntries(indicatorReport.salesRows.filter((row) => row.code in expected)
        .map(({ code, achieved, previous: before, cumulative }) => [code, { achieved, previous: before, cumulative }]));
      expect([scope, period, answered]).toEqual([scope, period, expected]);
    }
    expect(reached['II.6']).toBeGreaterThan(0);
    expect(reached['II.7']).toBeGreaterThan(0);
  });

  it('are rebuilt by `npx nongsan rollups rebuild` after they were damaged', async () => {
    await withDatabase(async (client) => {
      await client.query(`delete from marketplace.input_buyer_day where destination_province_code = (select min(destination_province_code) from marketplace.input_buyer_day)`);
      await client.query(`update marketplace.sales_destination_day set row_count = row_count + 7 where destination_country = 'VN'`);
      await client.query(`insert into marketplace.sales_destination_day (day, destination_country, destination_province_code, row_count) values ('2001-01-01', 'FR', '', 1)`);
      await client.query(`update marketplace.input_buyer_calendar_count set keys = keys + 3 where grain = 'Y'`);
    });
    const damaged = await keptAndFromOrders();
    expect(damaged.kept.input_buyer_day).not.toEqual(damaged.fromOrders.input_buyer_day);
    expect(damaged.kept.sales_destination_day).not.toEqual(damaged.fromOrders.sales_destination_day);
    expect(damaged.kept.input_buyer_calendar_count).not.toEqual(damaged.fromOrders.input_buyer_calendar_count);

    const result = await runScript('scripts/cli.ts', ['rollups', 'rebuild'], { DATABASE_URL: hub().databaseUrl });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^marketplace\.input_buyer_day: \d+ rows rebuilt in [\d.]+ s$/m);
    expect(result.stdout).toMatch(/^marketplace\.sales_destination_day: \d+ rows rebuilt in [\d.]+ s$/m);
    expect(result.stdout).toMatch(/^marketplace\.input_buyer_calendar: \d+ rows rebuilt in [\d.]+ s$/m);
    await expectEqualToOrders();
  });
});
