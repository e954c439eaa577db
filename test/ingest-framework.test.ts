import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describeProblem, ImportRejected, mapColumns, openTable, type ColumnSpec, type TableRow } from '../platform/ingest';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-ingest-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

async function rowsOf(file: string): Promise<{ headers: string[]; rows: TableRow[] }> {
  const table = await openTable(file);
  const rows: TableRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { headers: table.headers, rows };
}

const specs: ColumnSpec<'headName' | 'nationalId' | 'phone'>[] = [
  { key: 'headName', headers: ['Họ và tên chủ hộ', 'Chủ hộ'], required: true, description: 'Name of the head' },
  { key: 'nationalId', headers: ['Số CCCD', 'CCCD/CMND'], required: true, description: 'Citizen ID' },
  { key: 'phone', headers: ['Số điện thoại'], required: false, description: 'Phone' },
];

describe('reading household lists as officials save them', () => {
  test('a CSV saved by Excel with a BOM and semicolons gives NFC cells by header and spreadsheet row numbers', async () => {
    const file = path.join(directory, 'ho-dan.csv');
    // "Nguyễn" decomposed (NFD), as some Mac tools write it, and a cell with a quoted semicolon.
    fs.writeFileSync(file, '\ufeffHọ và tên chủ hộ;Số CCCD\r\n' + 'Nguye\u0302\u0303n  Văn An;001203004567\r\n\r\n"Trần; Thị Bình";001303004568\r\n');
    const { headers, rows } = await rowsOf(file);
    expect(headers).toEqual(['Họ và tên chủ hộ', 'Số CCCD']);
    expect(rows).toEqual([
      { row: 2, cells: { 'Họ và tên chủ hộ': 'Nguyễn Văn An', 'Số CCCD': '001203004567' } },
      { row: 3, cells: { 'Họ và tên chủ hộ': 'Trần; Thị Bình', 'Số CCCD': '001303004568' } },
    ]);
  });

  test('an XLSX sheet gives dates as YYYY-MM-DD, numbers without exponent, and its own row numbers', async () => {
    const file = path.join(directory, 'ho-dan.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow(['Chủ hộ', 'Số CCCD', 'Ngày đăng ký']);
    sheet.addRow(['Lê Văn Cường', 1203004569, new Date(Date.UTC(2025, 7, 15))]);
    sheet.addRow([]);
    sheet.addRow(['Phạm Thị Dung', '001303004570', '2025-08-16']);
    await workbook.xlsx.writeFile(file);
    const { rows } = await rowsOf(file);
    expect(rows).toEqual([
      { row: 2, cells: { 'Chủ hộ': 'Lê Văn Cường', 'Số CCCD': '1203004569', 'Ngày đăng ký': '2025-08-15' } },
      { row: 4, cells: { 'Chủ hộ': 'Phạm Thị Dung', 'Số CCCD': '001303004570', 'Ngày đăng ký': '2025-08-16' } },
    ]);
  });

  test.each([
    ['shared strings (as Excel saves them)', false],
    ['inline strings (as streaming writers save them)', true],
  ])('a big XLSX sheet with %s keeps every Vietnamese letter, whatever chunk boundary it falls on', async (_kind, streamed) => {
    const file = path.join(directory, `lon-${streamed ? 'inline' : 'shared'}.xlsx`);
    const words = ['Vật tư nông nghiệp', 'Lúa gạo', 'Hộ gia đình', 'Đắk Lắk', 'Thừa Thiên Huế', 'Cà phê, chè, ca cao'];
    const rowsWritten = Array.from({ length: 6000 }, (_, index) => [`${words[index % words.length]} ${index}`, `Nguyễn Thị Ánh Tuyết ${index % 97}`]);
    if (streamed) {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
      const sheet = workbook.addWorksheet('Danh sách');
      sheet.addRow(['Nhóm sản phẩm', 'Chủ hộ']).commit();
      for (const row of rowsWritten) sheet.addRow(row).commit();
      sheet.commit();
      await workbook.commit();
    } else {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Danh sách');
      sheet.addRow(['Nhóm sản phẩm', 'Chủ hộ']);
      for (const row of rowsWritten) sheet.addRow(row);
      await workbook.xlsx.writeFile(file);
    }
    const { rows } = await rowsOf(file);
    expect(rows.map((row) => [row.cells['Nhóm sản phẩm'], row.cells['Chủ hộ']])).toEqual(rowsWritten);
  });

  test('an unsupported file type is named', async () => {
    const file = path.join(directory, 'ho-dan.ods');
    fs.writeFileSync(file, '');
    await expect(openTable(file)).rejects.toThrow('ho-dan.ods: unsupported file type ".ods"; use .csv or .xlsx');
  });
});

describe('matching columns', () => {
  test('headers match with case, diacritics and spacing ignored, and a per-file override wins', () => {
    const columns = mapColumns('ho-dan.xlsx', ['HO VA TEN CHU HO', 'CCCD / CMND', 'Điện thoại'], specs, { phone: 'Điện thoại' });
    expect(Object.fromEntries(columns)).toEqual({ headName: 'HO VA TEN CHU HO', nationalId: 'CCCD / CMND', phone: 'Điện thoại' });
  });

  test('a missing required column rejects the file, naming what was expected and what was found', () => {
    const attempt = () => mapColumns('ho-dan.xlsx', ['Chủ hộ', 'Xã'], specs);
    expect(attempt).toThrow(ImportRejected);
    expect(attempt).toThrow('ho-dan.xlsx, row 1, column "Số CCCD": required column missing (expected one of: "Số CCCD", "CCCD/CMND"; found: "Chủ hộ", "Xã")');
  });

  test('problems read as a place in the file and what is wrong there', () => {
    expect(describeProblem('ho-dan.xlsx', { row: 14, field: 'Số CCCD', message: 'has 5 digits' })).toBe('ho-dan.xlsx, row 14, column "Số CCCD": has 5 digits');
    expect(describeProblem('capture 7f3a', { eventIndex: 2, field: '$.eventTime', message: 'is required' })).toBe('capture 7f3a, event 2, field $.eventTime: is required');
  });
});
