import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Client } from 'pg';
import { INDICATORS, type IndicatorTarget } from '../platform/indicators/definitions';
import { parseReportPeriod } from '../platform/indicators/period';
import { as, closeKeyStore } from './support/access';
import { runScript } from './support/commands';
import { hub, withDatabase } from './support/hub';
import { ITEMS_FROM_SOURCES } from './support/indicator-items';

/*
 * The quarterly and annual reports (Phụ lục III's layout, the plans having no annex of their own): the file is opened
 * with a real XLSX reader and every row's achieved, growth, cumulative and completion compared with figures computed
 * here from the orders, households, listings, lots and statistics series themselves, never from the rollups.
 */

const base = () => hub().gatewayUrl.replace(/\/graphql$/, '');
const LOCAL_DAY = (column: string) => `(${column} at time zone 'Asia/Ho_Chi_Minh')::date`;

interface Figures { achieved: number; previous: number; cumulative: number }

/**
 * Every row of the forms but III.2 (a weekly rate, checked by information-items.test.ts), for a province, counted
 * from the source tables: per code, the count (or tonnes) in the period, the period before, and up to its end.
 */
async function figuresFromSources(client: Client, province: string, period: string): Promise<Map<string, Figures>> {
  const { from, to, previous } = parseReportPeriod(period);
  const delivered = `marketplace."order" o join marketplace.listing l on l.id = o.listing_id
    where o.status = 'DELIVERED' and not l.is_farm_input and o.seller_province_code = $1`;
  const within = (column: string, start: string, end: string) => `${column} >= ${start}::date and ${column} < ${end}::date`;
  const three = (value: (start: string, end: string) => string) => `${value('$2', '$3')} as achieved, ${value('$4', '$5')} as previous, ${value("'1900-01-01'", '$3')} as cumulative`;
  const deliveredDay = LOCAL_DAY('o.delivered_at');
  const { rows } = await client.query(
    `with items as (${ITEMS_FROM_SOURCES}),
     placed as (select i.code, i.day from items i left join registry.commune c on c.code = i.commune_code
                where coalesce(nullif(i.province_code, ''), c.province_code) = $1)
     select code, ${three((start, end) => `count(*) filter (where ${within('day', start, end)})::float8`)} from placed group by code
     union all
     -- tonnes to the kilogram, as the form rounds them (and computes growth from them)
     select 'II.2', ${three((start, end) => `(select round(coalesce(sum(o.quantity_kg), 0) / 1000, 3)::float8 from ${delivered} and ${within(deliveredDay, start, end)})`)}
     union all
     select 'II.6', ${three((start, end) => `(select count(distinct o.destination_province_code)::float8 from ${delivered} and ${within(deliveredDay, start, end)}
       and o.destination_country = 'VN' and o.destination_province_code <> '')`)}
     union all
     select 'II.7', ${three((start, end) => `(select count(distinct o.destination_country)::float8 from ${delivered} and ${within(deliveredDay, start, end)} and o.destination_country <> 'VN')`)}
     union all
     select 'III.4', ${three((start, end) => `(select count(distinct o.buyer_household_id)::float8 from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
       where l.is_farm_input and o.status <> 'CANCELLED' and o.buyer_household_id is not null and o.destination_province_code = $1 and ${within(LOCAL_DAY('o.ordered_at'), start, end)})`)}
     union all
     select 'III.1', ${three((start, end) => `(select count(*)::float8 from registry.information_item i
       where (i.scope = $1 or i.scope in (select code from registry.commune where province_code = $1)) and ${within('i.published_on', start, end)})`)}`,
    [province, from, to, previous.from, previous.to],
  );
  return new Map(rows.map((row) => [row.code, { achieved: row.achieved, previous: row.previous, cumulative: row.cumulative }]));
}

/** The target of each row for the province and year: an official's, else the plan's, over the statistics series. */
async function targetsFromSources(client: Client, province: string, year: number, figures: Map<string, Figures>): Promise<Map<string, number | null>> {
  const { rows: settings } = await client.query(`select code, percent, absolute from statistics.indicator_target where scope = $1 and year = $2`, [province, year]);
  const { rows: [series] } = await client.query(
    `with latest as (select max(year) as year from statistics.indicator_observation where province_code = $1 and crop = '_T' and farming_households is not null and year <= $2)
     select (select sum(farming_households)::float8 from statistics.indicator_observation o, latest where o.province_code = $1 and o.crop = '_T' and o.year = latest.year) as households`,
    [province, year],
  );
  const targets = new Map<string, number | null>();
  for (const definition of INDICATORS) {
    const setting = settings.find((row) => row.code === definition.code);
    const target: IndicatorTarget = !setting ? definition.target
      : setting.percent != null && 'of' in definition.target ? { percent: Number(setting.percent), of: definition.target.of } : { absolute: Number(setting.absolute) };
    if ('absolute' in target) targets.set(definition.code, target.absolute);
    else if (target.of.source === 'row') targets.set(definition.code, (target.percent / 100) * (figures.get(target.of.code)?.cumulative ?? 0));
    else if (target.of.source === 'statistics' && target.of.measure === 'FARMING_HOUSEHOLDS') targets.set(definition.code, series.households == null ? null : (target.percent / 100) * series.households);
    // Production (II.2's denominator) adds crops up when the series has no all-crops row: indicator-targets.test.ts checks it.
    else if (target.of.source === 'statistics') targets.delete(definition.code);
    else targets.set(definition.code, null);
  }
  return targets;
}

async function sheetOf(response: Response): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  return workbook.worksheets[0];
}

const growth = ({ achieved, previous }: Figures) => (previous === 0 ? null : Math.round(((achieved - previous) / previous) * 1000) / 10);

describe('the quarterly and annual reports', () => {
  let province: string;
  let quarter: string;
  let official: Record<string, string>;

  beforeAll(async () => {
    // The province and quarter with the most delivered produce orders in the demo data.
    ({ province, quarter } = await withDatabase(async (client) => (await client.query(
      `select o.seller_province_code as province, to_char(${LOCAL_DAY('o.delivered_at')}, 'YYYY-"Q"Q') as quarter
       from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
       where o.status = 'DELIVERED' and not l.is_farm_input group by 1, 2 order by count(*) desc, 1, 2 limit 1`,
    )).rows[0]));
    // An official sees household counts below 5 too: every cell can be compared.
    official = await as('official');
  });

  afterAll(closeKeyStore);

  it.each([
    ['quarterly', 'quarter', () => quarter, 'MẪU BÁO CÁO QUÝ', 'quý', 'quy'],
    ['annual', 'year', () => quarter.slice(0, 4), 'MẪU BÁO CÁO NĂM', 'năm', 'nam'],
  ])('gives the %s report in Phụ lục III\'s layout, every row as the data say', async (kind, parameter, periodOf, title, word, slug) => {
    const period = periodOf();
    const response = await fetch(`${base()}/reports/${kind}.xlsx?province=${province}&${parameter}=${period}&name=Nguyễn Thị Hoa`, { headers: official });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`bao-cao-${slug}-${province}-${period}.xlsx`);
    const sheet = await sheetOf(response);
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    expect(texts.slice(0, 2)).toEqual(['Theo bố cục Phụ lục III', title]);
    expect(texts[3]).toMatch(new RegExp(`: ${word} ${period}, từ `));
    expect(texts).toEqual(expect.arrayContaining(['I. THÔNG TIN CHUNG', '2.1. Họ và tên: Nguyễn Thị Hoa', 'II. KẾT QUẢ THỰC HIỆN']));

    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row) => rows.set(String(row.getCell(2).value ?? ''), row));
    expect((rows.get('Chỉ tiêu')!.values as unknown[]).slice(1, 8)).toEqual([
      'TT', 'Chỉ tiêu', 'Đơn vị tính', `Chỉ tiêu đạt được trong ${word} (Số lượng)`, `Tăng trưởng so với ${word} trước (%)`,
      'Chỉ tiêu đạt được lũy kế đến hiện tại (Số lượng)', 'Tỉ lệ hoàn thành chỉ tiêu đến thời điểm hiện tại (%)',
    ]);

    const { figures, targets } = await withDatabase(async (client) => {
      const counted = await figuresFromSources(client, province, period);
      return { figures: counted, targets: await targetsFromSources(client, province, parseReportPeriod(period).year, counted) };
    });
    let compared = 0;
    for (const definition of INDICATORS.filter(({ group, code }) => group !== 'A' && code !== 'III.2')) {
      const row = rows.get(definition.labelVi)!;
      const expected = figures.get(definition.code) ?? { achieved: 0, previous: 0, cumulative: 0 };
      expect([definition.code, row.getCell(4).value as number]).toEqual([definition.code, expect.closeTo(expected.achieved, 3)]);
      expect([definition.code, row.getCell(5).value]).toEqual([definition.code, growth(expected)]);
      expect([definition.code, row.getCell(6).value as number]).toEqual([definition.code, expect.closeTo(expected.cumulative, 3)]);
      if (targets.has(definition.code)) {
        const target = targets.get(definition.code);
        const completion = target ? Math.round((expected.cumulative / target) * 1000) / 10 : null;
        expect([definition.code, row.getCell(7).value]).toEqual([definition.code, completion === null ? null : expect.closeTo(completion, 1)]);
      }
      compared += 1;
    }
    expect(compared).toBe(15);
    // The period has data: the test would not notice a form of zeros.
    expect(figures.get('II.2')!.achieved).toBeGreaterThan(0);
  });

  it('gives the same table as CSV, with the period in its header', async () => {
    const year = quarter.slice(0, 4);
    const csv = await fetch(`${base()}/reports/annual.csv?province=${province}&year=${year}`, { headers: official });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain(`bao-cao-nam-${province}-${year}.csv`);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(lines[0]).toContain('Chỉ tiêu đạt được trong năm (Số lượng),Tăng trưởng so với năm trước (%)');
    const tonnes = await withDatabase(async (client) => (await figuresFromSources(client, province, year)).get('II.2')!.achieved);
    const line = lines.find((candidate) => candidate.includes('Sản lượng nông sản tiêu thụ qua sàn'))!;
    expect(Number(line.split(',')[3])).toBeCloseTo(tonnes, 3);
  });

  it('names the parameter a quarterly or annual request gets wrong', async () => {
    for (const [path, detail] of [
      [`quarterly.xlsx?province=${province}&quarter=2025-Q5`, /needs quarter=2026-Q2 \(got "2025-Q5"\)/],
      [`quarterly.csv?province=${province}&month=2025-09`, /needs quarter=2026-Q2 \(got none\)/],
      [`annual.xlsx?province=${province}&year=25`, /needs year=2026 \(got "25"\)/],
    ] as const) {
      const response = await fetch(`${base()}/reports/${path}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(((await response.json()) as { detail: string }).detail).toMatch(detail);
    }
  });

  it('is written by `npx nongsan report quarterly|annual` from a running hub, the same as the download', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-form-'));
    try {
      const out = path.join(folder, 'quy.csv');
      const result = await runScript('scripts/cli.ts', ['report', 'quarterly', '--province', province, '--quarter', quarter, '--format', 'csv', '--out', out, '--gateway', hub().gatewayUrl]);
      expect(result.stderr).toBe('');
      const downloaded = Buffer.from(await (await fetch(`${base()}/reports/quarterly.csv?province=${province}&quarter=${quarter}`)).arrayBuffer());
      expect(fs.readFileSync(out).equals(downloaded)).toBe(true);
      expect(fs.readFileSync(out, 'utf8')).toContain('Chỉ tiêu đạt được trong quý (Số lượng)');

      const missing = await runScript('scripts/cli.ts', ['report', 'annual', '--province', province, '--quarter', quarter, '--gateway', hub().gatewayUrl]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/The annual form needs --year 2026/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
