import type { Client } from 'pg';
import { parseReportPeriod } from '../platform/indicators/period';
import { countStatements, post, query, withDatabase, hub } from './support/hub';

/**
 * The programme indicators through the gateway, checked against figures computed here straight from the raw
 * tables (orders, households, trainings), never from the rollups the subgraphs read.
 */

interface Row { code: string; labelVi: string; unit: string; achieved: number | null; previous: number | null; growthPct: number | null; cumulative: number | null; note: string }
interface Report { scope: string; period: string; scopeName: string; from: string; to: string; householdRows: Row[]; salesRows: Row[]; traceabilityRows: Row[] }

const REPORT = `query Report($scope: String!, $period: String!) {
  indicatorReport(scope: $scope, period: $period) {
    scope period scopeName from to
    householdRows { code labelVi unit achieved previous growthPct cumulative note }
    salesRows { code labelVi unit achieved previous growthPct cumulative note }
    traceabilityRows { code labelVi unit achieved previous growthPct cumulative note }
  }
}`;

async function report(scope: string, period: string): Promise<Report & { rows: Map<string, Row> }> {
  const { indicatorReport } = await query<{ indicatorReport: Report }>(REPORT, { scope, period });
  return { ...indicatorReport, rows: new Map([...indicatorReport.householdRows, ...indicatorReport.salesRows, ...indicatorReport.traceabilityRows].map((row) => [row.code, row])) };
}

/** Tonnes of delivered produce sold by the province's households, by delivery day in Vietnam, from orders. */
async function tonnesFromOrders(client: Client, province: string, from: string, to: string): Promise<number> {
  const { rows } = await client.query(
    `select coalesce(sum(o.quantity_kg), 0)::float8 / 1000 as tonnes from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
     where o.status = 'DELIVERED' and not l.is_farm_input and o.seller_province_code = $1
       and (o.delivered_at at time zone 'Asia/Ho_Chi_Minh')::date >= $2::date and (o.delivered_at at time zone 'Asia/Ho_Chi_Minh')::date < $3::date`,
    [province, from, to],
  );
  return Math.round(rows[0].tonnes * 1000) / 1000;
}

async function distinctFromOrders(client: Client, column: string, where: string, province: string, from: string, to: string): Promise<number> {
  const { rows } = await client.query(
    `select count(distinct o.${column})::int as n from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
     where o.status = 'DELIVERED' and not l.is_farm_input and o.seller_province_code = $1 and ${where}
       and (o.delivered_at at time zone 'Asia/Ho_Chi_Minh')::date >= $2::date and (o.delivered_at at time zone 'Asia/Ho_Chi_Minh')::date < $3::date`,
    [province, from, to],
  );
  return rows[0].n;
}

describe('report periods', () => {
  it('reads ISO weeks, months, quarters, years and ranges, with the period before of the same kind', () => {
    expect(parseReportPeriod('2026-W01')).toMatchObject({ from: '2025-12-29', to: '2026-01-05', previous: { from: '2025-12-22', to: '2025-12-29' }, year: 2026 });
    expect(parseReportPeriod('2026-W23')).toMatchObject({ from: '2026-06-01', to: '2026-06-08' });
    expect(parseReportPeriod('2026-W53')).toMatchObject({ from: '2026-12-28', to: '2027-01-04', year: 2027 });
    expect(parseReportPeriod('2026-03')).toMatchObject({ from: '2026-03-01', to: '2026-04-01', previous: { from: '2026-02-01', to: '2026-03-01' } });
    expect(parseReportPeriod('2026-01').previous).toEqual({ from: '2025-12-01', to: '2026-01-01' });
    expect(parseReportPeriod('2026-Q1')).toMatchObject({ from: '2026-01-01', to: '2026-04-01', previous: { from: '2025-10-01', to: '2026-01-01' } });
    expect(parseReportPeriod('2025')).toMatchObject({ from: '2025-01-01', to: '2026-01-01', previous: { from: '2024-01-01', to: '2025-01-01' } });
    expect(parseReportPeriod('2026-06-01..2026-06-10')).toMatchObject({ from: '2026-06-01', to: '2026-06-11', previous: { from: '2026-05-22', to: '2026-06-01' } });
  });

  it('refuses what is not a period, saying what to write', () => {
    expect(() => parseReportPeriod('2025-W53')).toThrow(/has no week 53 in 2025/);
    expect(() => parseReportPeriod('2026-13')).toThrow(/names no month.*2026-W23/);
    expect(() => parseReportPeriod('2026-02-30..2026-03-01')).toThrow(/has no day 2026-02-30/);
    expect(() => parseReportPeriod('June')).toThrow(/is not a period/);
  });
});

describe('IndicatorReport', () => {
  let province: string;
  let month: string;

  beforeAll(async () => {
    // The province and month with the most delivered produce orders in the demo data.
    ({ province, month } = await withDatabase(async (client) => (await client.query(
      `select o.seller_province_code as province, to_char(o.delivered_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as month
       from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
       where o.status = 'DELIVERED' and not l.is_farm_input group by 1, 2 order by count(*) desc, 1, 2 limit 1`,
    )).rows[0]));
  });

  it('answers every row of the forms for a province and month, labelled as the forms', async () => {
    const answer = await report(province, month);
    expect(answer.scope).toBe(province);
    expect(answer.period).toBe(month);
    expect(answer.from).toBe(`${month}-01`);
    expect([...answer.rows.keys()].sort()).toEqual(['A.1', 'A.2', 'I.1', 'I.2', 'I.3', 'I.4', 'II.1', 'II.2', 'II.3', 'II.4', 'II.5', 'II.6', 'II.7', 'III.1', 'III.2', 'III.3', 'III.4', 'III.5']);
    expect(answer.rows.get('II.2')).toMatchObject({ labelVi: 'Sản lượng nông sản tiêu thụ qua sàn', unit: 'Tấn' });
    expect(answer.rows.get('I.1')!.labelVi).toBe('Số hộ được đào tạo, tập huấn về kỹ năng số và kỹ năng hoạt động trên không gian mạng');
  });

  it('counts tonnes of delivered produce only, and the provinces and countries they reached, as the orders say', async () => {
    const period = parseReportPeriod(month);
    const answer = await report(province, month);
    const expected = await withDatabase(async (client) => ({
      tonnes: await tonnesFromOrders(client, province, period.from, period.to),
      previousTonnes: await tonnesFromOrders(client, province, period.previous.from, period.previous.to),
      cumulativeTonnes: await tonnesFromOrders(client, province, '2000-01-01', period.to),
      provinces: await distinctFromOrders(client, 'destination_province_code', `o.destination_country = 'VN'`, province, period.from, period.to),
      countries: await distinctFromOrders(client, 'destination_country', `o.destination_country <> 'VN'`, province, period.from, period.to),
      allTonnes: (await client.query(
        `select coalesce(sum(quantity_kg), 0)::float8 / 1000 as t from marketplace."order" where seller_province_code = $1 and status <> 'CANCELLED'`, [province],
      )).rows[0].t as number,
    }));
    expect(expected.tonnes).toBeGreaterThan(0);
    const tonnes = answer.rows.get('II.2')!;
    expect(tonnes.achieved).toBeCloseTo(expected.tonnes, 3);
    expect(tonnes.previous).toBeCloseTo(expected.previousTonnes, 3);
    expect(tonnes.cumulative).toBeCloseTo(expected.cumulativeTonnes, 3);
    // farm inputs and undelivered orders are left out: less than everything the province's shops sold
    expect(tonnes.cumulative!).toBeLessThan(expected.allTonnes);
    if (expected.previousTonnes > 0) {
      expect(tonnes.growthPct).toBeCloseTo(Math.round(((tonnes.achieved! - tonnes.previous!) / tonnes.previous!) * 1000) / 10, 1);
    }
    expect(answer.rows.get('II.6')!.achieved).toBe(expected.provinces);
    expect(answer.rows.get('II.7')!.achieved).toBe(expected.countries);
  });

  it('counts households trained and with an e-payment account on the day they qualified', async () => {
    const answer = await report(province, '2000-01-01..2030-12-31');
    const expected = await withDatabase(async (client) => (await client.query(
      `select
         (select count(distinct t.household_id) from registry.training t join registry.household h on h.id = t.household_id
           where h.province_code = $1 and t.topic = 'DIGITAL_SKILLS')::int as digital,
         (select count(*) from registry.household where province_code = $1 and payment_account <> 'NONE')::int as payment`,
      [province],
    )).rows[0]);
    expect(answer.rows.get('I.1')!.cumulative).toBe(expected.digital >= 5 ? expected.digital : null);
    expect(answer.rows.get('I.4')!.cumulative).toBe(expected.payment >= 5 ? expected.payment : null);
  });

  it('counts products with traceability on the harvest of their first lot with a QR code, in the lot\'s growing-area commune', async () => {
    const expected = await withDatabase(async (client) => (await client.query(
      `select g.commune_code as commune, count(distinct l.listing_id)::int as n
       from traceability.lot l join traceability.growing_area g on g.id = l.growing_area_id
       where l.listing_id is not null and l.id in (select lot_id from traceability.trace_code)
         and not exists (select 1 from traceability.lot other join traceability.trace_code c on c.lot_id = other.id
                         where other.listing_id = l.listing_id and other.harvested_at < l.harvested_at and other.growing_area_id is distinct from l.growing_area_id)
       group by 1 order by 2 desc, 1 limit 1`,
    )).rows[0] as { commune: string; n: number });
    expect(expected.n).toBeGreaterThan(0);
    const answer = await report(expected.commune, '2000-01-01..2030-12-31');
    expect(answer.rows.get('II.5')).toMatchObject({ cumulative: expected.n, unit: 'Sản phẩm/hộ' });
    const nation = await report('VN', '2000-01-01..2030-12-31');
    const traceableListings = await withDatabase(async (client) => (await client.query(
      `select count(distinct listing_id)::int as n from traceability.lot where listing_id is not null and id in (select lot_id from traceability.trace_code)`,
    )).rows[0].n as number);
    expect(nation.rows.get('II.5')!.cumulative).toBe(traceableListings);
  });

  it('gives the nation the sum of its provinces\' tonnes', async () => {
    const nation = await report('VN', month);
    const provinces = await withDatabase(async (client) => (await client.query(`select code from registry.province order by code`)).rows.map((row) => row.code as string));
    const document = `query { ${provinces.map((code) => `p${code}: indicatorReport(scope: "${code}", period: "${month}") { salesRows { code achieved } }`).join(' ')} }`;
    const perProvince = await query<Record<string, { salesRows: { code: string; achieved: number }[] }>>(document);
    const sum = Object.values(perProvince).reduce((total, { salesRows }) => total + salesRows.find((row) => row.code === 'II.2')!.achieved, 0);
    // each province's tonnes are rounded to the kilogram: the sum may differ by half a kilogram per province
    expect(Math.abs(nation.rows.get('II.2')!.achieved! - sum)).toBeLessThanOrEqual(provinces.length * 0.0005 + 1e-9);
  });

  it('costs one statement per subgraph however many scopes a request asks for', async () => {
    const reports = `query Reports($scopes: [String!]!, $period: String!) {
      indicatorReports(scopes: $scopes, period: $period) {
        scope householdRows { code achieved } salesRows { code achieved } traceabilityRows { code achieved } completion { code completionPct } } }`;
    const oneCount = await countStatements(() => query(reports, { scopes: [province], period: month }));
    let many: { indicatorReports: { scope: string }[] } | undefined;
    const manyCount = await countStatements(async () => (many = await query(reports, { scopes: ['VN', province, '01', '79', '24'], period: month })));
    expect(many!.indicatorReports.map((one) => one.scope)).toEqual(['VN', province, '01', '79', '24']);
    expect(manyCount.marketplace).toBe(oneCount.marketplace);
    expect(manyCount.marketplace).toBe(1);
    expect(manyCount.registry).toBe(oneCount.registry);
    expect(manyCount.traceability).toBe(1);
    // targets and denominators, whatever the number of scopes
    expect(manyCount.statistics).toBe(oneCount.statistics);
    expect(manyCount.statistics).toBeLessThanOrEqual(2);
  });

  it('keeps small counts from the public', async () => {
    // a commune and day on which one to four households were first trained in digital skills
    const small = await withDatabase(async (client) => (await client.query(
      `select commune, day::text as day, count(*)::int as n from (
         select h.commune_code as commune, min(t.completed_on) as day from registry.training t join registry.household h on h.id = t.household_id
         where t.topic = 'DIGITAL_SKILLS' group by h.id, h.commune_code) firsts
       group by 1, 2 having count(*) between 1 and 4 order by 1, 2 limit 1`,
    )).rows[0] as { commune: string; day: string; n: number } | undefined);
    if (!small) throw new Error('The demo data has no commune with 1-4 households trained on one day');
    const answer = await report(small.commune, `${small.day}..${small.day}`);
    const trained = answer.rows.get('I.1')!;
    expect(trained.achieved).toBeNull();
    expect(trained.note).toMatch(/Counts below 5 are not shown/);
  });

  it('names a scope or period it cannot read', async () => {
    const badPeriod = await post(hub().gatewayUrl, REPORT, { scope: 'VN', period: '2026-W60' });
    expect(badPeriod.errors?.[0].message).toMatch(/Period "2026-W60" has no week 60/);
    const badScope = await post(hub().gatewayUrl, REPORT, { scope: '99', period: '2026' });
    expect(badScope.errors?.[0].message).toMatch(/No province with code "99"/);
    const notAScope = await post(hub().gatewayUrl, REPORT, { scope: 'Lang Son', period: '2026' });
    expect(notAScope.errors?.[0].message).toMatch(/Scope "Lang Son" is not "VN", a province code/);
  });
});
