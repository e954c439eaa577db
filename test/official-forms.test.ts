import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runScript } from './support/commands';
import { parseReportPeriod } from '../platform/indicators/period';
import { hub, withDatabase } from './support/hub';

/*
 * The weekly and monthly forms (Phụ lục II, III) as officials download them: the file is opened with a real XLSX
 * reader and its cells compared with figures computed here from the orders and households themselves.
 */

const base = () => hub().gatewayUrl.replace(/\/graphql$/, '');

async function download(path: string): Promise<Response> {
  return fetch(`${base()}${path}`);
}

async function sheetOf(response: Response): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  return workbook.worksheets[0];
}

/** Column B's text -> the row, for the indicator rows of the table. */
function rowsByLabel(sheet: ExcelJS.Worksheet): Map<string, ExcelJS.Row> {
  const rows = new Map<string, ExcelJS.Row>();
  sheet.eachRow((row) => rows.set(String(row.getCell(2).value ?? ''), row));
  return rows;
}

const TONNES = 'Sản lượng nông sản tiêu thụ qua sàn';
const PAYMENT = 'Số hộ SXNN có tài khoản thanh toán điện tử';

describe('the official forms', () => {
  let province: string;
  let month: string;

  beforeAll(async () => {
    ({ province, month } = await withDatabase(async (client) => (await client.query(
      `select o.seller_province_code as province, to_char(o.delivered_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as month
       from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
       where o.status = 'DELIVERED' and not l.is_farm_input group by 1, 2 order by count(*) desc, 1, 2 limit 1`,
    )).rows[0]));
  });

  it('gives the monthly form laid out as Phụ lục III, with the month\'s tonnes and households as the data say', async () => {
    const response = await download(`/reports/monthly.xlsx?province=${province}&month=${month}&organisation=Bưu điện tỉnh&name=Nguyễn Thị Hoa&phone=0912345678&email=hoa@example.vn`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(response.headers.get('content-disposition')).toContain(`bao-cao-thang-${province}-${month}.xlsx`);
    const sheet = await sheetOf(response);
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    expect(texts.slice(0, 3)).toEqual(['Phụ lục III', 'MẪU BÁO CÁO THÁNG', '(Trước 9h00 ngày 25 hàng tháng)']);
    expect(texts).toEqual(expect.arrayContaining(['I. THÔNG TIN CHUNG', '1. Doanh nghiệp: Bưu điện tỉnh', '2.1. Họ và tên: Nguyễn Thị Hoa', '2.3. Hộp thư điện tử: hoa@example.vn', 'II. KẾT QUẢ THỰC HIỆN']));
    expect(sheet.pageSetup.paperSize).toBe(9);

    const rows = rowsByLabel(sheet);
    const header = rows.get('Chỉ tiêu')!;
    expect((header.values as unknown[]).slice(1)).toEqual([
      'TT', 'Chỉ tiêu', 'Đơn vị tính', 'Chỉ tiêu đạt được trong tháng (Số lượng)', 'Tăng trưởng so với tháng trước (%)',
      'Chỉ tiêu đạt được lũy kế đến hiện tại (Số lượng)', 'Tỉ lệ hoàn thành chỉ tiêu đến thời điểm hiện tại (%)', 'Ghi chú thông tin bổ sung',
    ]);
    expect(rows.get('Chỉ tiêu hỗ trợ đưa hộ SXNN lên sàn TMĐT')!.getCell(1).value).toBe('I');
    // all 16 rows of Annex I, numbered within their group as the form does
    const numbered: unknown[] = [];
    sheet.eachRow((row) => { if (typeof row.getCell(1).value === 'number') numbered.push(row.getCell(1).value); });
    expect(numbered).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5]);
    // III.1 is answered from the register of information items (test/information-items.test.ts checks its figures)
    const items = rows.get('Số hạng mục thông tin (số liệu, thông tin) được cung cấp qua sàn/apps di động đến các hộ SXNN')!;
    expect(items.getCell(3).value).toBe('Bài viết');
    expect(typeof items.getCell(4).value).toBe('number');

    const period = parseReportPeriod(month);
    const expected = await withDatabase(async (client) => (await client.query(
      `select
         (select coalesce(sum(o.quantity_kg), 0)::float8 / 1000 from marketplace."order" o join marketplace.listing l on l.id = o.listing_id
           where o.status = 'DELIVERED' and not l.is_farm_input and o.seller_province_code = $1
             and (o.delivered_at at time zone 'Asia/Ho_Chi_Minh')::date >= $2::date and (o.delivered_at at time zone 'Asia/Ho_Chi_Minh')::date < $3::date) as tonnes,
         (select count(*)::int from registry.household where province_code = $1 and payment_account <> 'NONE' and registered_on < $3::date) as payment`,
      [province, period.from, period.to],
    )).rows[0] as { tonnes: number; payment: number });
    const tonnes = rows.get(TONNES)!;
    expect(tonnes.getCell(1).value).toBe(2);
    expect(tonnes.getCell(3).value).toBe('Tấn');
    // to the kilogram: the form rounds tonnes to 3 decimals
    expect(tonnes.getCell(4).value as number).toBeCloseTo(expected.tonnes, 2);
    expect(tonnes.getCell(4).numFmt).toBe('#,##0.###');
    // the public sees household counts only from 5 up
    expect(rows.get(PAYMENT)!.getCell(6).value).toBe(expected.payment >= 5 ? expected.payment : null);
    // every formula-looking text is stored as text, and no cell is a formula
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('gives the weekly form as CSV, and writes what looks like a formula as text', async () => {
    const week = `${month.slice(0, 4)}-W${String(Math.min(52, Math.max(1, Math.round((Number(month.slice(5)) - 0.5) * 4.345)))).padStart(2, '0')}`;
    const csv = await download(`/reports/weekly.csv?province=${province}&week=${week}`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split('\n')[0]).toContain('Chỉ tiêu đạt được trong tuần (Số lượng),Tăng trưởng so với tuần trước (%)');
    expect(text).toContain(TONNES);

    const xlsx = await download(`/reports/weekly.xlsx?province=${province}&week=${week}&organisation=${encodeURIComponent('=HYPERLINK("http://evil.example","x")')}`);
    const sheet = await sheetOf(xlsx);
    const organisation = sheet.getRow(6).getCell(1);
    expect(organisation.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(organisation.value).toBe(`1. Doanh nghiệp: =HYPERLINK("http://evil.example","x")`);
    expect(sheet.getRow(2).getCell(1).value).toBe('MẪU BÁO CÁO TUẦN');
  });

  it('names the parameter a request lacks', async () => {
    const noWeek = await download(`/reports/weekly.xlsx?province=${province}&month=${month}`);
    expect(noWeek.status).toBe(400);
    expect(((await noWeek.json()) as { detail: string }).detail).toMatch(/needs week=2026-W23 \(got none\)/);
    const badProvince = await download(`/reports/monthly.xlsx?province=99&month=${month}`);
    expect(badProvince.status).toBe(400);
    expect(((await badProvince.json()) as { detail: string }).detail).toMatch(/No province with code "99"/);
  });

  it('is written by `npx nongsan report monthly` from a running hub, the same as the download', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-form-'));
    try {
      const out = path.join(folder, 'thang.xlsx');
      const result = await runScript('scripts/cli.ts', ['report', 'monthly', '--province', province, '--month', month, '--out', out, '--gateway', hub().gatewayUrl]);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain(`Wrote ${out}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      const fromCli = rowsByLabel(workbook.worksheets[0]).get(TONNES)!;
      const fromRoute = rowsByLabel(await sheetOf(await download(`/reports/monthly.xlsx?province=${province}&month=${month}`))).get(TONNES)!;
      expect(fromCli.values).toEqual(fromRoute.values);

      const missing = await runScript('scripts/cli.ts', ['report', 'weekly', '--province', province, '--gateway', hub().gatewayUrl]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/needs --week 2026-W23/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
